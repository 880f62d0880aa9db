// "Presence × match" for the SAM 3 lesson: one photo of three players in red and a referee in
// black, two prompts, four object queries. Each query's score is σ(presence logit) · σ(its match
// logit), kept above 0.5, as in the presence-score exercise (whose example uses these logits).
import { el, loadStyle } from "../dom.js";
import { sigmoid } from "./math.js";

export const PROMPTS = {
  "player in red": { presence: 3.0, queries: [2.4, 2.0, 1.5, -0.8] },
  "player in white": { presence: -2.5, queries: [0.5, 0.3, 0.2, -1.4] },
};
export const QUERIES = ["player 1 (red)", "player 2 (red)", "player 3 (red)", "referee (black)"];
export const THRESHOLD = 0.5;

/** Final scores: σ(presence) · σ(match), or σ(match) alone when the presence head is off. */
export function scores(presenceLogit, queryLogits, usePresence = true) {
  const p = usePresence ? sigmoid(presenceLogit) : 1;
  return queryLogits.map((z) => p * sigmoid(z));
}

const fmt = (v) => v.toFixed(3);
const signed = (v) => v.toFixed(1).replace("-", "−"); // a real minus sign, as the lesson writes

export function mount(node) {
  // page.js marks the node data-mounted before calling mount; guard against a second call only
  if (node.samWidget) return;
  node.samWidget = true;
  loadStyle(new URL("sam-presence.css", import.meta.url));
  const uid = Math.random().toString(36).slice(2, 8);
  const select = el("select", { id: `sam-presence-prompt-${uid}` },
    ...Object.keys(PROMPTS).map((name) => el("option", { value: name }, name)));
  const slider = el("input", { type: "range", min: "-6", max: "6", step: "0.5", value: "3",
    id: `sam-presence-logit-${uid}` });
  const toggle = el("input", { type: "checkbox", id: `sam-presence-on-${uid}`, checked: true });
  const values = {};
  const v = (name) => (values[name] = el("span", { class: "course-widget__num", "data-value": name }));
  const cards = QUERIES.map(() => el("figure", { class: "sam-presence__card" }));

  node.classList.add("course-widget", "sam-presence");
  node.append(
    el("p", { class: "course-widget__title" }, "Presence × match"),
    el("div", { class: "course-widget__controls" },
      el("span", {}, el("label", { for: select.id }, "prompt: "), select),
      el("span", {}, el("label", { for: slider.id }, "presence logit = ", v("presence-logit")),
        slider),
      el("span", {}, toggle, el("label", { for: toggle.id }, " use the presence head"))),
    el("p", {}, "p(present) = σ(presence logit) = ", v("presence")),
    el("div", { class: "sam-presence__row" }, ...cards),
    el("p", { "aria-live": "polite" }, v("kept"), " of 4 queries kept (score above 0.5)."),
  );

  function update() {
    const prompt = PROMPTS[select.value];
    const logit = Number(slider.value);
    const on = toggle.checked;
    slider.disabled = !on;
    values["presence-logit"].textContent = signed(logit);
    values.presence.textContent = on ? fmt(sigmoid(logit)) : "not used";
    const final = scores(logit, prompt.queries, on);
    let kept = 0;
    cards.forEach((card, k) => {
      const keep = final[k] > THRESHOLD;
      kept += keep ? 1 : 0;
      card.classList.toggle("is-kept", keep);
      card.replaceChildren(el("figcaption", {},
        el("strong", {}, QUERIES[k]), el("br"),
        "match σ(", signed(prompt.queries[k]), ") = ", v(`match-${k + 1}`), el("br"),
        "score ", v(`score-${k + 1}`), el("br"),
        el("span", { class: "sam-presence__verdict" }, keep ? "kept" : "dropped")));
      values[`match-${k + 1}`].textContent = fmt(sigmoid(prompt.queries[k]));
      values[`score-${k + 1}`].textContent = fmt(final[k]);
    });
    values.kept.textContent = String(kept);
  }
  select.addEventListener("change", () => {
    slider.value = String(PROMPTS[select.value].presence);
    update();
  });
  slider.addEventListener("input", update);
  toggle.addEventListener("change", update);
  update();
}
