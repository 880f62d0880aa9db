// Reset, Hint and Solution: the ways out when the student is stuck.
import { confirmDialog, el } from "../dom.js";
import { loadRecord } from "../store.js";

/**
 * @param {{root: HTMLElement, data: import("../contract.js").ExerciseData, ui: object,
 *          box: import("./code.js").CodeBox, saving: object, signal: AbortSignal}} parts
 */
export function connectHelp({ root, data, ui, box, saving, signal }) {
  let shown = Math.min(saving.saved.hints, data.hints.length);
  const showHints = () => {
    ui.hints.replaceChildren(...data.hintsHtml.slice(0, shown).map((html) => {
      const item = el("li");
      item.innerHTML = html; // rendered by the site build from the exercise's own hints
      return item;
    }));
    ui.hint.disabled = shown >= data.hints.length;
    ui.hint.title = ui.hint.disabled ? "All hints are shown" : `Show hint ${shown + 1} of ${data.hints.length}`;
  };
  showHints();
  ui.hint.addEventListener("click", () => {
    shown = Math.min(shown + 1, data.hints.length);
    saving.hintsShown(shown);
    showHints();
    const last = ui.hints.lastElementChild;
    last?.scrollIntoView({ block: "nearest" });
    // The last hint disables the button; the keyboard focus moves on to that hint, not away.
    if (last && ui.hint.disabled && document.activeElement === ui.hint) {
      last.tabIndex = -1;
      last.focus();
    }
  }, { signal });

  ui.reset.addEventListener("click", async () => {
    if (!await confirmDialog("Replace your code with the starter code? Your current code will be "
      + "replaced (Ctrl+Z in the editor brings it back while the page is open).", "Reset code",
    { within: root })) return;
    saving.reset();
    box.focus();
  }, { signal });

  ui.solution.addEventListener("click", async () => {
    if (!ui.solutionBox.hidden) { ui.solutionBox.hidden = true; return; }
    const unlocked = loadRecord("exercise", data.id).failures >= data.solutionAfter;
    if (!unlocked && !await confirmDialog("Show the reference solution? Trying the hints first "
      + "teaches more.", "Show solution", { within: root })) return;
    ui.solutionBox.replaceChildren(el("p", { class: "course-exercise__note" }, "Reference solution:"),
      el("pre", {}, el("code", {}, data.solution)));
    ui.solutionBox.hidden = false;
  }, { signal });
}
