// Focal-loss curves for the SAM lesson: loss against p_t for several γ, the lesson's easy
// (background, p_t = 0.95) and hard (foreground, p_t = 0.1) pixels marked with their losses
// and ratio. Same formula as the focal-loss exercise: −α_t (1 − p_t)^γ log p_t.
import { el, svg, loadStyle } from "../dom.js";

export const EASY = { pt: 0.95, target: 0 };
export const HARD = { pt: 0.1, target: 1 };
export const ALPHA = 0.25;
const REFERENCE_GAMMAS = [0, 1, 2, 5];

/** Focal loss of one pixel whose true-class probability is pt. */
export function focal(pt, target, gamma, alpha) {
  const weight = alpha === null ? 1 : target === 1 ? alpha : 1 - alpha;
  return -weight * (1 - pt) ** gamma * Math.log(pt);
}

export function formatLoss(value) {
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toExponential(3) : value.toPrecision(5);
}

export function formatRatio(value) {
  return value >= 1000 ? String(Math.round(value)) : value.toPrecision(4);
}

const VIEW = { w: 360, h: 220, left: 40, right: 12, top: 12, bottom: 34 };
const Y_MAX = 3;
const sx = (pt) => VIEW.left + pt * (VIEW.w - VIEW.left - VIEW.right);
const sy = (loss) => VIEW.top + (1 - Math.min(loss, Y_MAX) / Y_MAX) * (VIEW.h - VIEW.top - VIEW.bottom);

export function mount(node) {
  // page.js marks the node data-mounted before calling mount; guard against a second call only
  if (node.samWidget) return;
  node.samWidget = true;
  loadStyle(new URL("sam-focal.css", import.meta.url));
  const uid = Math.random().toString(36).slice(2, 8);
  const slider = el("input", { type: "range", min: "0", max: "5", step: "0.5", value: "2",
    id: `sam-focal-gamma-${uid}`, "data-input": "gamma" });
  const alphaBox = el("input", { type: "checkbox", id: `sam-focal-alpha-${uid}`, "data-input": "alpha" });
  const value = (name) => el("span", { class: "course-widget__num", "data-value": name });
  const values = Object.fromEntries(
    ["gamma", "easy-loss", "hard-loss", "ratio", "ce-ratio"].map((n) => [n, value(n)]));

  const plot = svg("svg", { viewBox: `0 0 ${VIEW.w} ${VIEW.h}`, class: "sam-focal__plot",
    role: "img", "aria-label": "Focal loss against p_t for gamma 0, 1, 2, 5 and the chosen gamma" });
  const axes = svg("g", { class: "sam-focal__axes" });
  const x0 = sx(0), x1 = sx(1), y0 = sy(0), yTop = sy(Y_MAX);
  axes.append(
    svg("line", { x1: x0, y1: y0, x2: x1, y2: y0 }),
    svg("line", { x1: x0, y1: y0, x2: x0, y2: yTop }));
  for (const pt of [0, 0.25, 0.5, 0.75, 1]) {
    axes.append(svg("text", { x: sx(pt), y: y0 + 13, "text-anchor": "middle" }, String(pt)));
  }
  for (const l of [0, 1, 2, 3]) {
    axes.append(svg("text", { x: x0 - 5, y: sy(l) + 3, "text-anchor": "end" }, String(l)));
  }
  axes.append(svg("text", { x: (x0 + x1) / 2, y: VIEW.h - 4, "text-anchor": "middle" },
    "p_t (probability of the correct answer)"));
  axes.append(svg("text", { x: 10, y: VIEW.top + 4, "text-anchor": "start" }, "loss"));
  const references = svg("g", { class: "sam-focal__refs" });
  const current = svg("polyline", { class: "sam-focal__current", fill: "none" });
  const marks = svg("g", { class: "sam-focal__marks" });
  plot.append(axes, references, current, marks);

  node.classList.add("course-widget", "sam-focal");
  node.append(
    el("p", { class: "course-widget__title" }, "Focal loss: how γ silences easy pixels"),
    el("div", { class: "course-widget__controls" },
      el("label", { for: slider.id }, "γ (focusing parameter) = ", values.gamma), slider,
      el("span", { class: "sam-focal__check" }, alphaBox,
        el("label", { for: alphaBox.id }, ` apply α = ${ALPHA} (foreground α, background 1 − α)`))),
    plot,
    el("p", { class: "sam-focal__caption" }, `Dashed: γ = ${REFERENCE_GAMMAS.join(", ")} `
      + "(top to bottom); solid: your γ. Curves are for a foreground pixel; the easy pixel is a "
      + "background pixel, weighted 1 − α when α is on."),
    el("table", { class: "sam-focal__table" },
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "pixel"),
        el("th", { scope: "col" }, "p_t"), el("th", { scope: "col" }, "focal loss"))),
      el("tbody", {},
        el("tr", {}, el("th", { scope: "row" }, "easy background (target 0)"),
          el("td", {}, String(EASY.pt)), el("td", {}, values["easy-loss"])),
        el("tr", {}, el("th", { scope: "row" }, "hard foreground (target 1)"),
          el("td", {}, String(HARD.pt)), el("td", {}, values["hard-loss"])))),
    el("p", {}, "The hard pixel counts ", values.ratio, " times as much as the easy one ",
      "(plain cross-entropy: ", values["ce-ratio"], " times)."),
  );

  for (const g of REFERENCE_GAMMAS) {
    const line = svg("polyline", { class: "sam-focal__ref", fill: "none" });
    line.dataset.gamma = String(g);
    references.append(line);
  }

  function update() {
    const gamma = Number(slider.value);
    const alpha = alphaBox.checked ? ALPHA : null;
    values.gamma.textContent = String(gamma);
    // curves are drawn for a positive pixel (target 1): weight α when α is on
    const draw = (g) => {
      const pts = [];
      for (let i = 0; i <= 200; i++) {
        const pt = 0.01 + (i / 200) * 0.99;
        pts.push(`${sx(pt).toFixed(1)},${sy(focal(pt, 1, g, alpha)).toFixed(1)}`);
      }
      return pts.join(" ");
    };
    references.querySelectorAll("polyline").forEach((line) => {
      line.setAttribute("points", draw(Number(line.dataset.gamma)));
    });
    current.setAttribute("points", draw(gamma));
    const easy = focal(EASY.pt, EASY.target, gamma, alpha);
    const hard = focal(HARD.pt, HARD.target, gamma, alpha);
    values["easy-loss"].textContent = formatLoss(easy);
    values["hard-loss"].textContent = formatLoss(hard);
    values.ratio.textContent = formatRatio(hard / easy);
    const ce = focal(HARD.pt, 1, 0, alpha) / focal(EASY.pt, 0, 0, alpha);
    values["ce-ratio"].textContent = formatRatio(ce);
    marks.replaceChildren(
      .../** @type {[{pt: number, target: number}, string, number][]} */ ([[EASY, "easy", easy],
        [HARD, "hard", hard]]).flatMap(([pixel, name, loss]) => {
        // on the plot the easy pixel sits on its own curve (a background pixel: weight 1 − α)
        const y = sy(loss);
        return [svg("circle", { cx: sx(pixel.pt), cy: y, r: 4, class: `sam-focal__mark sam-focal__mark--${name}` }),
          svg("text", { x: sx(pixel.pt) + (name === "easy" ? -6 : 6), y: y - 7,
            "text-anchor": name === "easy" ? "end" : "start", class: "sam-focal__marklabel" },
          `${name}: ${formatLoss(loss)}`)];
      }));
  }
  slider.addEventListener("input", update);
  alphaBox.addEventListener("change", update);
  update();
}
