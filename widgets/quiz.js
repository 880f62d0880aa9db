// Self-check questions. The build writes each one ready to use (course/pages/quizzes.py): radio
// buttons, each option's explanation beside it (hidden until the student answers), the right
// option marked `data-correct`, a "Check answer" button and a feedback area. Here: the button
// and the student's saved answer.
import { el } from "./dom.js";
import { loadRecord, saveQuiz } from "./store.js";

/** @param {HTMLElement} root  @param {{signal?: AbortSignal}} [lifecycle] */
export function mountQuiz(root, lifecycle) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const id = root.dataset.quiz;
  const options = [...root.querySelectorAll(".course-quiz__choice")].map((choice) => ({
    correct: choice.hasAttribute("data-correct"),
    radio: /** @type {HTMLInputElement} */ (choice.querySelector("input[type=radio]")),
    label: choice.querySelector(".course-quiz__option"),
    why: choice.querySelector(".course-quiz__why"),
  }));
  const button = root.querySelector(":scope > button");
  const feedback = root.querySelector(".course-quiz__feedback");

  const show = (choice, saved = true) => {
    const chosen = options[choice];
    options.forEach((option, index) => option.label.classList.toggle("is-chosen", index === choice));
    const others = options.filter((option) => option !== chosen);
    feedback.replaceChildren(
      el("p", { class: chosen.correct ? "course-quiz__verdict is-right" : "course-quiz__verdict is-wrong" },
        chosen.correct ? "✓ Correct." : "✗ Not quite."),
      el("div", {}, ...[...chosen.why.cloneNode(true).childNodes]),
      saved ? null : el("p", { class: "course-exercise__notice", role: "note" },
        "This browser did not let the page save your answer (storage is full or disabled)."),
      el("details", { class: "course-quiz__all" }, el("summary", {}, "Why the other options are right or wrong"),
        ...others.map((option) => el("div", {}, el("p", { class: "course-quiz__other" },
          option.correct ? "✓ " : "✗ ", ...[...option.label.lastChild.cloneNode(true).childNodes]),
        ...[...option.why.cloneNode(true).childNodes]))));
    root.classList.toggle("is-answered", true);
  };

  button.addEventListener("click", () => {
    const choice = options.findIndex((option) => option.radio.checked);
    if (choice < 0) {
      feedback.replaceChildren(el("p", { class: "course-quiz__verdict" }, "Choose an answer first."));
      return;
    }
    show(choice, saveQuiz(id, choice, options[choice].correct));
  }, { signal: lifecycle?.signal });

  const saved = loadRecord("quiz", id);
  if (saved.choice !== null && options[saved.choice]) {
    options[saved.choice].radio.checked = true;
    show(saved.choice);
  }
}
