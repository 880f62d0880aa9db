// Positional-encoding explorer for the SAM lesson: SAM's random-Fourier encoding of a click,
// with the lesson's fixed 2 × 8 matrix in place of SAM's random one (the same matrix as the
// fourier-pe exercise and tests/browser/test_sam.py), on a 1024 × 1024 image.
import { el, loadStyle } from "../dom.js";

export const G = [
  [0.8, -1.3, 0.3, 2.1, -0.6, 1.0, -2.4, 0.5],
  [0.4, 0.9, -1.7, -0.2, 1.5, 2.2, 0.7, -1.1],
];
export const W = 1024;
export const H = 1024;
const F = G[0].length;
const SHOWN_BANDS = 4;
const GRID = 128; // heat-map resolution (cells per side)

/** The angles 2π · ((2x/W − 1, 2y/H − 1) @ G), one per band. */
export function angles(x, y) {
  const cx = (2 * x) / W - 1;
  const cy = (2 * y) / H - 1;
  return G[0].map((gx, f) => 2 * Math.PI * (cx * gx + cy * G[1][f]));
}

/** The 2F-vector [sin θ, cos θ], as SAM's forward_with_coords. */
export function encode(x, y) {
  const a = angles(x, y);
  return [...a.map(Math.sin), ...a.map(Math.cos)];
}

/** Cosine similarity of two codes: every code has norm √F, so it is dot / F. */
export function similarity(p, q) {
  const a = encode(p[0], p[1]);
  const b = encode(q[0], q[1]);
  return a.reduce((sum, v, i) => sum + v * b[i], 0) / F;
}

/** The neighbour the widget compares with: 32 px to the right, or to the left near the edge. */
export function neighbour(x, y) {
  return [x + 32 <= W - 1 ? x + 32 : x - 32, y];
}

function colour(s) {
  // diverging: −1 blue, 0 grey, +1 orange; readable on light and dark backgrounds
  const t = Math.max(-1, Math.min(1, s));
  const grey = [128, 128, 128];
  const end = t >= 0 ? [245, 140, 30] : [40, 100, 220];
  const k = Math.abs(t);
  return grey.map((g, i) => Math.round(g + (end[i] - g) * k));
}

export function mount(node) {
  // page.js marks the node data-mounted before calling mount; guard against a second call only
  if (node.samWidget) return;
  node.samWidget = true;
  loadStyle(new URL("sam-pe.css", import.meta.url));
  const state = { x: 342, y: 517 };

  const canvas = el("canvas", {
    class: "sam-pe__canvas", width: GRID, height: GRID, tabindex: "0", role: "img",
    "aria-label": "Similarity map of the clicked position's encoding with every other position. "
      + "Click to move the point, or use the arrow keys.",
  });
  const number = (name, label) => {
    const input = el("input", { type: "number", min: "0", max: String(W - 1), step: "1",
      id: `sam-pe-${name}-${Math.random().toString(36).slice(2, 8)}`, "data-input": name });
    return [input, el("label", { for: input.id }, label)];
  };
  const [xInput, xLabel] = number("x", "x (pixels, 0–1023)");
  const [yInput, yLabel] = number("y", "y (pixels, 0–1023)");
  const value = (name) => el("span", { class: "course-widget__num", "data-value": name });
  const values = {};
  const v = (name) => (values[name] = value(name));

  const bandRows = [];
  for (let f = 0; f < SHOWN_BANDS; f++) {
    bandRows.push(el("tr", {},
      el("th", { scope: "row" }, `band ${f + 1} (${G[0][f]}, ${G[1][f]})`),
      el("td", {}, v(`angle-${f + 1}`)), el("td", {}, v(`sin-${f + 1}`)),
      el("td", {}, v(`cos-${f + 1}`))));
  }
  const table = el("table", { class: "sam-pe__table" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "band (G column)"),
      el("th", { scope: "col" }, "θ (rad)"), el("th", { scope: "col" }, "sin θ"),
      el("th", { scope: "col" }, "cos θ"))),
    el("tbody", {}, ...bandRows));
  const nearLabel = el("span", {});
  const mirrorLabel = el("span", {});

  node.classList.add("course-widget", "sam-pe");
  node.append(
    el("p", { class: "course-widget__title" }, "Positional-encoding explorer (1024 × 1024 image, 8 bands)"),
    el("div", { class: "sam-pe__layout" },
      el("div", { class: "sam-pe__left" },
        canvas,
        el("p", { class: "sam-pe__legend" },
          el("span", { class: "sam-pe__swatch sam-pe__swatch--pos" }), " similar ",
          el("span", { class: "sam-pe__swatch sam-pe__swatch--zero" }), " unrelated ",
          el("span", { class: "sam-pe__swatch sam-pe__swatch--neg" }), " opposite")),
      el("div", { class: "sam-pe__right" },
        el("div", { class: "sam-pe__inputs" },
          el("div", {}, xLabel, xInput), el("div", {}, yLabel, yInput)),
        el("p", {}, "normalised (x/W, y/H) = (", v("nx"), ", ", v("ny"), ")"),
        el("p", {}, "in [−1, 1]: c = (", v("cx"), ", ", v("cy"), ")"),
        table,
        el("p", {}, "similarity with ", nearLabel, ": ", v("sim-near")),
        el("p", {}, "similarity with the mirror point ", mirrorLabel, ": ", v("sim-mirror")))),
  );

  const ctx = canvas.getContext("2d");
  const image = ctx.createImageData(GRID, GRID);

  function draw() {
    const here = encode(state.x, state.y);
    for (let j = 0; j < GRID; j++) {
      const cy = (2 * j + 1) / GRID - 1; // the cell's centre in [−1, 1], as angles() has it
      for (let i = 0; i < GRID; i++) {
        const cx = (2 * i + 1) / GRID - 1;
        // encode(cell) · here / F, summed in encode's order (sines, then cosines), without
        // building each cell's code as arrays: each move redraws all 16,384 cells, on a phone too.
        let s = 0;
        for (let f = 0; f < F; f++) s += Math.sin(2 * Math.PI * (cx * G[0][f] + cy * G[1][f])) * here[f];
        for (let f = 0; f < F; f++) s += Math.cos(2 * Math.PI * (cx * G[0][f] + cy * G[1][f])) * here[F + f];
        image.data.set([...colour(s / F), 255], 4 * (j * GRID + i));
      }
    }
    ctx.putImageData(image, 0, 0);
    const mx = (state.x / W) * GRID;
    const my = (state.y / H) * GRID;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = "#000";
    ctx.beginPath(); ctx.arc(mx, my, 3.5, 0, 2 * Math.PI); ctx.stroke();
    ctx.strokeStyle = "#fff";
    ctx.beginPath(); ctx.arc(mx, my, 2, 0, 2 * Math.PI); ctx.stroke();
  }

  function update() {
    const { x, y } = state;
    xInput.value = String(x);
    yInput.value = String(y);
    values.nx.textContent = (x / W).toFixed(4);
    values.ny.textContent = (y / H).toFixed(4);
    values.cx.textContent = ((2 * x) / W - 1).toFixed(4);
    values.cy.textContent = ((2 * y) / H - 1).toFixed(4);
    const a = angles(x, y);
    for (let f = 0; f < SHOWN_BANDS; f++) {
      values[`angle-${f + 1}`].textContent = a[f].toFixed(4);
      values[`sin-${f + 1}`].textContent = Math.sin(a[f]).toFixed(4);
      values[`cos-${f + 1}`].textContent = Math.cos(a[f]).toFixed(4);
    }
    const near = neighbour(x, y);
    const mirror = [W - x, H - y];
    nearLabel.textContent = `(${near[0]}, ${near[1]})`;
    mirrorLabel.textContent = `(${mirror[0]}, ${mirror[1]})`;
    values["sim-near"].textContent = similarity([x, y], near).toFixed(4);
    values["sim-mirror"].textContent = similarity([x, y], mirror).toFixed(4);
    draw();
  }

  const clamp = (n) => Math.max(0, Math.min(W - 1, Math.round(n)));
  function setPoint(x, y) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    state.x = clamp(x);
    state.y = clamp(y);
    update();
  }
  const fromInputs = () => setPoint(Number(xInput.value), Number(yInput.value));
  xInput.addEventListener("change", fromInputs);
  yInput.addEventListener("change", fromInputs);
  xInput.addEventListener("input", () => { if (xInput.value !== "") fromInputs(); });
  yInput.addEventListener("input", () => { if (yInput.value !== "") fromInputs(); });
  canvas.addEventListener("click", (event) => {
    const box = canvas.getBoundingClientRect();
    setPoint(((event.clientX - box.left) / box.width) * W, ((event.clientY - box.top) / box.height) * H);
  });
  canvas.addEventListener("keydown", (event) => {
    const step = event.shiftKey ? 64 : 16;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    setPoint(state.x + move[0], state.y + move[1]);
  });
  update();
}
