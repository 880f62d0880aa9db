// "Three masks, one loss" for the SAM lesson: a 12 × 12 image with three nested regions
// (part ⊂ object ⊂ scene). Candidate k has logit +L inside region k and −L outside; the
// ground truth is one of the regions. Each candidate's loss is 20·focal + 1·dice (γ = 2,
// α = 0.25, smooth = 1), as in the mask-loss exercise; only the minimum gets a gradient.
import { el, svg, loadStyle } from "../dom.js";
import { negLogSigmoid } from "./math.js";

export const SIZE = 12;
/** Regions as [row0, row1, col0, col1), half-open. */
export const REGIONS = {
  part: [2, 5, 4, 8],
  object: [2, 10, 3, 9],
  scene: [1, 11, 1, 11],
};
export const NAMES = ["part", "object", "scene"];

export function regionMask(name) {
  const [r0, r1, c0, c1] = REGIONS[name];
  const mask = [];
  for (let r = 0; r < SIZE; r++) for (let c = 0; c < SIZE; c++) mask.push(r >= r0 && r < r1 && c >= c0 && c < c1 ? 1 : 0);
  return mask;
}


export function focalLoss(logits, targets, gamma = 2, alpha = 0.25) {
  let total = 0;
  logits.forEach((z, i) => {
    const t = targets[i];
    const ce = negLogSigmoid(t === 1 ? z : -z);
    const w = t === 1 ? alpha : 1 - alpha;
    total += w * (-Math.expm1(-ce)) ** gamma * ce;
  });
  return total / logits.length;
}

export function diceLoss(logits, targets, smooth = 1) {
  let inter = 0, sp = 0, st = 0;
  logits.forEach((z, i) => {
    const p = Math.exp(-negLogSigmoid(z));
    inter += p * targets[i];
    sp += p;
    st += targets[i];
  });
  return 1 - (2 * inter + smooth) / (sp + st + smooth);
}

const fmt = (v) => (v !== 0 && Math.abs(v) < 1e-3 ? v.toExponential(3) : v.toPrecision(4));

function grid(mask, className) {
  const cell = 10;
  const g = svg("svg", { viewBox: `0 0 ${SIZE * cell} ${SIZE * cell}`, class: `sam-masks__grid ${className}`,
    "aria-hidden": "true" });
  mask.forEach((on, i) => {
    g.append(svg("rect", { x: (i % SIZE) * cell, y: Math.floor(i / SIZE) * cell, width: cell - 1,
      height: cell - 1, class: on ? "is-on" : "is-off" }));
  });
  return g;
}

export function mount(node) {
  // page.js marks the node data-mounted before calling mount; guard against a second call only
  if (node.samWidget) return;
  node.samWidget = true;
  loadStyle(new URL("sam-masks.css", import.meta.url));
  const uid = Math.random().toString(36).slice(2, 8);
  const select = el("select", { id: `sam-masks-target-${uid}`, "data-input": "target" },
    ...NAMES.map((n) => el("option", { value: n, selected: n === "object" ? true : undefined }, n)));
  const slider = el("input", { type: "range", min: "1", max: "8", step: "1", value: "4",
    id: `sam-masks-logit-${uid}`, "data-input": "logit" });
  const value = (name) => el("span", { class: "course-widget__num", "data-value": name });
  const values = {};
  const v = (name) => (values[name] = value(name));

  const targetBox = el("figure", { class: "sam-masks__card sam-masks__card--target" });
  const cards = NAMES.map((name) => el("figure", { class: "sam-masks__card" }));
  node.classList.add("course-widget", "sam-masks");
  node.append(
    el("p", { class: "course-widget__title" }, "Three masks, one loss"),
    el("div", { class: "course-widget__controls" },
      el("span", {}, el("label", { for: select.id }, "ground truth: "), select),
      el("span", {}, el("label", { for: slider.id }, "logit magnitude L = ", v("logit")), slider)),
    el("div", { class: "sam-masks__row" }, targetBox, ...cards),
    el("p", {}, "The loss is the minimum, ", v("min-loss"), ", from the ", v("best"),
      " candidate; only it receives a gradient. The mean of the three would be ", v("mean-loss"),
      " and would pull all three towards the same target."),
  );

  function update() {
    const targetName = select.value;
    const L = Number(slider.value);
    values.logit.textContent = String(L);
    const target = regionMask(targetName);
    targetBox.replaceChildren(grid(target, "is-target"),
      el("figcaption", {}, el("strong", {}, "ground truth"), el("br"), targetName));
    const totals = NAMES.map((name, k) => {
      const logits = regionMask(name).map((on) => (on ? L : -L));
      const f = focalLoss(logits, target);
      const d = diceLoss(logits, target);
      const total = 20 * f + d;
      cards[k].replaceChildren(grid(regionMask(name), "is-candidate"),
        el("figcaption", {},
          el("strong", {}, `candidate ${k + 1}: ${name}`), el("br"),
          "focal ", v(`focal-${name}`), el("br"),
          "dice ", v(`dice-${name}`), el("br"),
          "20·focal + dice ", v(`total-${name}`),
          el("span", { class: "sam-masks__badge" }, "receives the gradient")));
      values[`focal-${name}`].textContent = fmt(f);
      values[`dice-${name}`].textContent = fmt(d);
      values[`total-${name}`].textContent = fmt(total);
      return total;
    });
    const best = totals.indexOf(Math.min(...totals));
    cards.forEach((card, k) => card.classList.toggle("is-best", k === best));
    values.best.textContent = NAMES[best];
    values["min-loss"].textContent = fmt(totals[best]);
    values["mean-loss"].textContent = fmt(totals.reduce((a, b) => a + b, 0) / totals.length);
  }
  select.addEventListener("change", update);
  slider.addEventListener("input", update);
  update();
}
