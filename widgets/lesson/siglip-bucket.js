// Bucket vs independent gauges: one 4×4 logit matrix, seen through CLIP's softmax (each row is
// a bucket of one unit of probability, and so is each column) and through SigLIP's sigmoid (each
// cell is its own gauge). Edit one logit: the softmax rebalances a whole row and column, the
// sigmoid moves one cell. Every number shown has data-value="<name>" for the browser tests.
import { el, loadStyle } from "../dom.js";
import { sigmoid, softmax } from "./math.js";

const N = 4;
const NAMES = ["dog", "cat", "fox", "pizza"];
// The lesson's similarities with t = 10, b = −5: logits = 10·s − 5.
const START = [[3, -2, -4, -7], [-3, 2, -1, -5], [-4, 0, 1, -4], [-6, -5, -3, 4]];

const fmt = (x) => x.toFixed(3);
let count = 0;

export function mount(node) {
  loadStyle(new URL("siglip-bucket.css", import.meta.url));
  const uid = `siglip-bucket-${++count}`;
  const logits = START.map((row) => row.slice());
  let sel = [0, 1];
  let previous = null;

  const rowInput = el("input", { type: "number", min: 1, max: N, step: 1, value: 1, id: `${uid}-row` });
  const colInput = el("input", { type: "number", min: 1, max: N, step: 1, value: 2, id: `${uid}-col` });
  const range = el("input", { type: "range", min: -10, max: 10, step: 0.1, id: `${uid}-range` });
  const number = el("input", { type: "number", min: -10, max: 10, step: 0.1, id: `${uid}-logit` });
  const reset = el("button", { type: "button", class: "md-button" }, "Reset");
  const summary = el("p", { class: "siglip-bucket__summary", "aria-live": "polite" });

  const panels = {
    rows: { title: "CLIP softmax over each row (image → text): each row sums to 1", key: "softmax-row" },
    cols: { title: "CLIP softmax over each column (text → image): each column sums to 1", key: "softmax-col" },
    sig: { title: "SigLIP sigmoid: each cell on its own", key: "sigmoid" },
  };
  const grids = {};
  for (const [name, panel] of Object.entries(panels)) {
    const cells = [];
    const grid = el("div", { class: "siglip-bucket__grid", role: "group", "aria-label": panel.title });
    grid.append(el("span", { class: "siglip-bucket__corner", "aria-hidden": "true" }, "img \\ text"));
    NAMES.forEach((n) => grid.append(el("span", { class: "siglip-bucket__head", "aria-hidden": "true" }, n)));
    for (let i = 0; i < N; i++) {
      grid.append(el("span", { class: "siglip-bucket__head", "aria-hidden": "true" }, NAMES[i]));
      cells.push([]);
      for (let j = 0; j < N; j++) {
        const value = el("span", { class: "siglip-bucket__value", "data-value": `${panel.key}-${i}-${j}` });
        const fill = el("span", { class: "siglip-bucket__fill", "aria-hidden": "true" });
        const cell = el("button", {
          type: "button", class: "siglip-bucket__cell" + (i === j ? " is-match" : ""),
          onclick: () => select(i, j),
        }, fill, value);
        cells[i].push({ cell, value, fill });
        grid.append(cell);
      }
    }
    grids[name] = cells;
    panel.node = el("figure", { class: "siglip-bucket__panel" },
      el("figcaption", {}, panel.title), grid);
  }

  function select(i, j) {
    sel = [i, j];
    rowInput.value = i + 1;
    colInput.value = j + 1;
    previous = null;
    render();
  }

  function values() {
    const rows = logits.map((row) => softmax(row));
    const colsT = [...Array(N).keys()].map((j) => softmax(logits.map((row) => row[j])));
    const cols = logits.map((row, i) => row.map((_, j) => colsT[j][i]));
    const sig = logits.map((row) => row.map(sigmoid));
    return { rows, cols, sig };
  }

  function render() {
    const [si, sj] = sel;
    range.value = logits[si][sj];
    if (document.activeElement !== number) number.value = logits[si][sj];
    const label = `Logit of the ${NAMES[si]} image with the "${NAMES[sj]}" text`;
    range.setAttribute("aria-label", label);
    number.setAttribute("aria-label", label);
    const now = values();
    const changed = { rows: 0, cols: 0, sig: 0 };
    for (const name of Object.keys(panels)) {
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const v = now[name][i][j];
          const { cell, value, fill } = grids[name][i][j];
          value.textContent = fmt(v);
          fill.style.height = `${(v * 100).toFixed(1)}%`;
          const moved = previous !== null && Math.abs(previous[name][i][j] - v) >= 5e-4;
          if (moved) changed[name] += 1;
          cell.classList.toggle("is-changed", moved);
          cell.classList.toggle("is-selected", i === si && j === sj);
          cell.classList.toggle("is-line", name !== "sig" && (name === "rows" ? i === si : j === sj));
          cell.setAttribute("aria-label",
            `${NAMES[i]} image, "${NAMES[j]}" text: logit ${logits[i][j]}, probability ${fmt(v)}`);
          cell.setAttribute("aria-pressed", String(i === si && j === sj));
        }
      }
    }
    if (previous === null) {
      summary.replaceChildren("Change the selected logit to see which probabilities move.");
    } else {
      summary.replaceChildren(
        "Cells that moved: softmax over rows ",
        el("strong", { "data-value": "changed-softmax-row" }, String(changed.rows)),
        ", softmax over columns ",
        el("strong", { "data-value": "changed-softmax-col" }, String(changed.cols)),
        ", sigmoid ",
        el("strong", { "data-value": "changed-sigmoid" }, String(changed.sig)), ".");
    }
  }

  function setLogit(raw) {
    const v = Number(raw);
    if (!Number.isFinite(v)) return;
    const [si, sj] = sel;
    const next = Math.max(-10, Math.min(10, v));
    if (next === logits[si][sj]) return; // e.g. the change event after the input event
    const before = values();
    logits[si][sj] = next;
    previous = before;
    render();
  }

  range.addEventListener("input", () => setLogit(range.value));
  number.addEventListener("change", () => setLogit(number.value));
  number.addEventListener("input", () => { if (number.value !== "" && number.value !== "-") setLogit(number.value); });
  const pick = () => {
    const i = Math.min(N, Math.max(1, Math.round(Number(rowInput.value)) || 1)) - 1;
    const j = Math.min(N, Math.max(1, Math.round(Number(colInput.value)) || 1)) - 1;
    select(i, j);
  };
  rowInput.addEventListener("change", pick);
  colInput.addEventListener("change", pick);
  reset.addEventListener("click", () => {
    START.forEach((row, i) => row.forEach((v, j) => { logits[i][j] = v; }));
    previous = null;
    render();
  });

  const controls = el("div", { class: "siglip-bucket__controls" },
    el("label", { for: `${uid}-row` }, "Image (row) ", rowInput),
    el("label", { for: `${uid}-col` }, "Text (column) ", colInput),
    el("span", { class: "siglip-bucket__slider" }, range),
    el("label", { for: `${uid}-logit` }, "logit ", number),
    reset);
  node.classList.add("siglip-bucket");
  node.setAttribute("role", "region");
  node.setAttribute("aria-label", "Bucket vs independent gauges");
  node.replaceChildren(
    el("p", { class: "siglip-bucket__intro" },
      "Pick a cell (click it, or type its row and column), then change its logit. Logits start at 10·similarity − 5 for the lesson's batch."),
    controls, summary,
    el("div", { class: "siglip-bucket__panels" }, panels.rows.node, panels.cols.node, panels.sig.node));
  node.dataset.mounted = "true";
  render();
}
