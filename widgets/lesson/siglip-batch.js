// Batch-size slider: one positive pair against B − 1 negatives with equal logits. The softmax
// (a bucket of one unit) gives the positive 1 / (1 + (B − 1)·e^(−margin)); the sigmoid (a gauge)
// gives σ(positive logit) whatever B is. Every number shown has data-value="<name>".
import { el, loadStyle } from "../dom.js";
import { sigmoid } from "./math.js";

/** The positive's softmax share and sigmoid probability (see the lesson's bucket formula), plus shares and losses. */
export function compute(batch, margin, negLogit) {
  const pos = negLogit + margin;
  const pSoftmax = batch > 1 ? sigmoid(margin - Math.log(batch - 1)) : 1;
  const pSigmoid = sigmoid(pos);
  return {
    "positive-logit": pos,
    "p-softmax": pSoftmax,
    "share-softmax": batch > 1 ? (1 - pSoftmax) / (batch - 1) : 0,
    "negatives-softmax": 1 - pSoftmax,
    "loss-softmax": -Math.log(pSoftmax),
    "p-sigmoid": pSigmoid,
    "p-sigmoid-negative": sigmoid(negLogit),
    "loss-sigmoid": -Math.log(pSigmoid),
  };
}

const fmt = (x) => (x === 0 ? "0" : Number(x.toPrecision(4)).toString());
let count = 0;

function field(id, label, attrs) {
  const range = el("input", { type: "range", id: `${id}-range`, "aria-label": label, ...attrs.range });
  const number = el("input", { type: "number", id, ...attrs.number });
  return { range, number, node: el("div", { class: "siglip-batch__field" },
    el("label", { for: id }, label), range, number) };
}

export function mount(node) {
  loadStyle(new URL("siglip-batch.css", import.meta.url));
  const uid = `siglip-batch-${++count}`;
  const state = { batch: 4, margin: 10, neg: -5 };

  const batch = field(`${uid}-batch`, "Batch size B", {
    range: { min: 2, max: 15, step: 1, value: 2, "aria-valuetext": "4" },
    number: { min: 2, max: 32768, step: 1, value: 4 } });
  const margin = field(`${uid}-margin`, "Margin (positive − negative logit)", {
    range: { min: 0, max: 20, step: 0.5, value: 10 }, number: { min: 0, max: 20, step: 0.5, value: 10 } });
  const neg = field(`${uid}-neg`, "Negative logit", {
    range: { min: -15, max: 5, step: 0.5, value: -5 }, number: { min: -15, max: 5, step: 0.5, value: -5 } });

  const out = {};
  const value = (name) => (out[name] = el("span", { class: "siglip-batch__num", "data-value": name }));
  const bucketPos = el("span", { class: "siglip-batch__pos" });
  const bucketNeg = el("span", { class: "siglip-batch__neg" });
  const gaugePos = el("span", { class: "siglip-batch__pos" });
  const gaugeNeg = el("span", { class: "siglip-batch__neg" });

  const softmaxCard = el("section", { class: "siglip-batch__card", "aria-label": "Softmax (CLIP)" },
    el("h4", {}, "Softmax: the bucket"),
    el("div", { class: "siglip-batch__bar", "aria-hidden": "true" }, bucketPos, bucketNeg),
    el("p", {}, "Positive gets ", value("p-softmax"), " (loss ", value("loss-softmax"), ")"),
    el("p", {}, "Each of the ", value("negatives-count"), " negatives gets ", value("share-softmax"),
      "; together ", value("negatives-softmax")));
  const sigmoidCard = el("section", { class: "siglip-batch__card", "aria-label": "Sigmoid (SigLIP)" },
    el("h4", {}, "Sigmoid: independent gauges"),
    el("div", { class: "siglip-batch__gauges", "aria-hidden": "true" },
      el("span", { class: "siglip-batch__gauge" }, gaugePos),
      el("span", { class: "siglip-batch__gauge" }, gaugeNeg)),
    el("p", {}, "Positive reads ", value("p-sigmoid"), " (loss ", value("loss-sigmoid"), ")"),
    el("p", {}, "Each negative reads ", value("p-sigmoid-negative"), ", at any batch size"));

  function render() {
    const r = compute(state.batch, state.margin, state.neg);
    for (const [name, v] of Object.entries(r)) if (out[name]) out[name].textContent = fmt(v);
    out["negatives-count"].textContent = String(state.batch - 1);
    out["batch-size"].textContent = String(state.batch);
    out["positive-logit"].textContent = fmt(r["positive-logit"]);
    bucketPos.style.width = `${(100 * r["p-softmax"]).toFixed(2)}%`;
    bucketNeg.style.width = `${(100 * r["negatives-softmax"]).toFixed(2)}%`;
    gaugePos.style.height = `${(100 * r["p-sigmoid"]).toFixed(2)}%`;
    gaugeNeg.style.height = `${(100 * r["p-sigmoid-negative"]).toFixed(2)}%`;
    batch.number.value = state.batch;
    batch.range.value = Math.round(Math.log2(state.batch));
    batch.range.setAttribute("aria-valuetext", String(state.batch));
    margin.number.value = state.margin;
    margin.range.value = state.margin;
    neg.number.value = state.neg;
    neg.range.value = state.neg;
  }

  const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
  const onNumber = (input, key, lo, hi, integer) => {
    const update = () => {
      const v = Number(input.value);
      if (input.value === "" || !Number.isFinite(v)) return;
      state[key] = clamp(integer ? Math.round(v) : v, lo, hi);
      render();
    };
    input.addEventListener("change", update);
  };
  onNumber(batch.number, "batch", 2, 32768, true);
  onNumber(margin.number, "margin", 0, 20, false);
  onNumber(neg.number, "neg", -15, 5, false);
  batch.range.addEventListener("input", () => { state.batch = 2 ** Number(batch.range.value); render(); });
  margin.range.addEventListener("input", () => { state.margin = Number(margin.range.value); render(); });
  neg.range.addEventListener("input", () => { state.neg = Number(neg.range.value); render(); });

  node.classList.add("siglip-batch");
  node.setAttribute("role", "region");
  node.setAttribute("aria-label", "Batch size: softmax vs sigmoid");
  node.replaceChildren(
    el("div", { class: "siglip-batch__controls" }, batch.node, margin.node, neg.node),
    el("p", { class: "siglip-batch__setup" }, "B = ", value("batch-size"),
      ": one positive with logit ", value("positive-logit"), " and B − 1 negatives with equal logits."),
    el("div", { class: "siglip-batch__cards" }, softmaxCard, sigmoidCard));
  node.dataset.mounted = "true";
  render();
}
