// Self-check questions. Authored in Markdown as a `!!! quiz "Question"` admonition whose list
// items start with [ ] or [x] and carry an explanation paragraph; the build checks the shape,
// gives each question its `data-quiz` id and marks the right option `data-correct`
// (course/site/quizzes.py). Here the list becomes radio buttons, a "Check answer" button and
// feedback.
import { el } from "./dom.js";
import { loadRecord, saveQuiz } from "./store.js";

/** @param {HTMLElement} root  @param {{signal?: AbortSignal}} [lifecycle] */
export function mountQuiz(root, lifecycle) {
  if (root.dataset.mounted) return;
  const list = root.querySelector(":scope > ul");
  if (!list) return;
  root.dataset.mounted = "true";
  const id = root.dataset.quiz;
  const title = root.querySelector(".admonition-title")?.textContent ?? "Question";
  const options = [...list.children].map((item, index) => {
    const [first, ...rest] = item.children;
    const radio = el("input", { type: "radio", name: `quiz-${id}`, value: String(index) });
    const label = el("label", { class: "course-quiz__option" }, radio, el("span", {}, ...first.childNodes));
    const why = el("div", { class: "course-quiz__why" }, ...rest);
    return { correct: item.hasAttribute("data-correct"), radio, label, why };
  });
  const fieldset = el("fieldset", { class: "course-quiz__options" },
    el("legend", { class: "visually-hidden" }, title), ...options.map((o) => o.label));
  const button = el("button", { type: "button", class: "md-button md-button--primary" }, "Check answer");
  const feedback = el("div", { class: "course-quiz__feedback", "aria-live": "polite" });
  list.replaceWith(fieldset, button, feedback);

  const show = (choice, saved = true) => {
    const chosen = options[choice];
    options.forEach((option, index) => option.label.classList.toggle("is-chosen", index === choice));
    const others = options.filter((option) => option !== chosen);
    feedback.replaceChildren(
      el("p", { class: chosen.correct ? "course-quiz__verdict is-right" : "course-quiz__verdict is-wrong" },
        chosen.correct ? "✓ Correct." : "✗ Not quite."),
      chosen.why,
      saved ? null : el("p", { class: "course-exercise__notice", role: "note" },
        "This browser did not let the page save your answer (storage is full or disabled)."),
      el("details", { class: "course-quiz__all" }, el("summary", {}, "Why the other options are right or wrong"),
        ...others.map((option) => el("div", {}, el("p", { class: "course-quiz__other" },
          option.correct ? "✓ " : "✗ ", ...[...option.label.lastChild.cloneNode(true).childNodes]),
        option.why.cloneNode(true)))));
    root.classList.toggle("is-answered", true);
  };

  button.addEventListener("click", () => {
    const choice = options.findIndex((option) => option.radio.checked);
    if (choice < 0) {
      feedback.replaceChildren(el("p", { class: "course-quiz__verdict" }, "Choose an answer first."));
      return;
    }
    show(choice, saveQuiz(id, choice, options[choice].correct));
  });

  const saved = loadRecord("quiz", id);
  if (saved.choice !== null && options[saved.choice]) {
    options[saved.choice].radio.checked = true;
    show(saved.choice);
  }
}
