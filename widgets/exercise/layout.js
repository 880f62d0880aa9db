// The parts of one exercise on the page, built around what the build wrote (its title and its
// plain text area, course/site/embeds.py). Nothing here has behaviour: mount.js wires it.
import { el } from "../dom.js";

const button = (label, attrs = {}) => el("button", { type: "button", class: "md-button", ...attrs }, label);
const notice = (text = "") => el("p", { class: "course-exercise__notice", role: "note", hidden: true }, text);

/** @param {HTMLElement} root  @param {import("../contract.js").ExerciseData} data */
export function buildLayout(root, data) {
  root.querySelectorAll(".course-exercise__fallback").forEach((node) => node.remove());
  /** @type {HTMLTextAreaElement} */
  const draft = root.querySelector("textarea.course-exercise__draft");
  const ui = {
    draft,
    badge: el("span", { class: "course-exercise__badge" }),
    starterNotice: notice("The starter code of this exercise has changed since you began. Your "
      + "code is kept; press Reset to start from the new starter."),
    storageNotice: notice(),
    syncNotice: notice("Updated with your newer edit from another tab (Ctrl+Z brings back the code it replaced)."),
    editorBox: el("div", { class: "course-exercise__editor" }),
    run: button("Run", { class: "md-button md-button--primary", title: "Run (Ctrl+Enter)",
      "aria-keyshortcuts": "Control+Enter Meta+Enter" }),
    check: button("Check", { class: "md-button md-button--primary", title: "Check (Shift+Enter)",
      "aria-keyshortcuts": "Shift+Enter" }),
    stop: button("Stop", { title: "Stop the running code", disabled: true }),
    reset: button("Reset", { title: "Replace your code with the starter code" }),
    hint: button("Hint", { title: "Show the next hint" }),
    solution: button("Solution", { title: "Show the reference solution" }),
    progress: el("progress", { max: "1", value: "0", "aria-label": "Python loading progress" }),
    statusText: el("span"),
    retry: button("Retry", { hidden: true, title: "Try loading Python again" }),
    hints: el("ol", { class: "course-exercise__hints", "aria-label": "Hints" }),
    // A log: what the code prints is announced as it arrives (and the role allows a name).
    output: el("div", { class: "course-exercise__output", role: "log", "aria-live": "polite",
      "aria-label": "Output" }),
    solutionBox: el("div", { class: "course-exercise__solution", hidden: true }),
  };
  root.querySelector(".course-exercise__title").append(ui.badge);
  const toolbar = el("div", { class: "course-exercise__toolbar", role: "group",
    "aria-label": `Controls for ${data.title}` },
  ui.run, ui.check, ui.stop, ui.reset, ui.hint, ui.solution);
  const status = el("div", { class: "course-exercise__status", role: "status" },
    ui.progress, ui.statusText, ui.retry);
  const help = el("p", { class: "course-exercise__help" },
    "Ctrl/⌘+Enter runs, Shift+Enter checks. In the editor, Tab indents; press Esc then Tab to move on.");
  // The text area stays where it is (moving it would take the focus of a student typing in it);
  // the editor will be built in the box before it, and the text area removed then.
  draft.before(ui.starterNotice, ui.storageNotice, ui.syncNotice, ui.editorBox);
  root.append(toolbar, status, help, ui.hints, ui.output, ui.solutionBox);
  return ui;
}
