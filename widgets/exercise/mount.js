// One exercise on a page: its parts (findParts), code box (code.js), saving (saving.js),
// Run and Check (jobs.js), and Reset/Hint/Solution (help.js), all torn down with `signal`
// when Material swaps the page.
import { getPython } from "../python/client.js";
import { el } from "../dom.js";
import { CodeBox } from "./code.js";
import { connectSaving } from "./saving.js";
import { connectJobs } from "./jobs.js";
import { connectHelp } from "./help.js";

/**
 * The parts of one exercise. The build writes all of them, laid out as they are once mounted
 * (course/pages/embeds.py), so mounting moves nothing; each has a data-part name.
 * @param {HTMLElement} root  the exercise's <section>
 * @returns {Object<string, any>} {draft, badge, run, check, stop, reset, hint, solution, retry,
 *   progress, statusText, hints, output, solutionBox, editorBox, starterNotice, storageNotice,
 *   syncNotice}
 */
function findParts(root) {
  const parts = {};
  for (const node of root.querySelectorAll("[data-part]")) parts[node.getAttribute("data-part")] = node;
  return parts;
}

/**
 * @param {HTMLElement} root  the exercise's <section data-exercise>
 * @param {import("../contract.js").ExerciseData} data
 * @param {{signal: AbortSignal}} lifecycle
 */
export function mountExercise(root, data, { signal }) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const ui = findParts(root);
  const showDone = (done) => {
    root.classList.toggle("is-done", done);
    // "not done yet" is for screen readers only (a plain span cannot carry an aria-label).
    ui.badge.replaceChildren(done ? "✓ done" : el("span", { class: "visually-hidden" }, "not done yet"));
  };
  let jobs = null;
  const box = new CodeBox(ui.draft, { label: `Code editor: ${data.title}`, signal,
    onRun: () => jobs.run(), onCheck: () => jobs.check() });
  const saving = connectSaving({ data, ui, box, signal, showDone });
  showDone(saving.saved.done);
  jobs = connectJobs({ root, data, ui, box, python: getPython(), saving, signal });
  connectHelp({ root, data, ui, box, saving, signal });
  // For scripts, the tests and the benchmark: read or replace the code (not saved as an edit).
  root.courseEditor = { getCode: () => box.text, setCode: (code) => box.set(code) };
  signal.addEventListener("abort", () => { delete root.courseEditor; }, { once: true });
  const { pending } = root.dataset; // Ctrl/⌘+Enter, Shift+Enter or a click on Run/Check before now
  delete root.dataset.pending;
  box.upgrade(ui.editorBox).then(() => { // (unless the page went meanwhile)
    if (!signal.aborted) root.courseEditor.view = box.editor?.view;
  });
  if (pending === "run") jobs.run();
  else if (pending === "check") jobs.check();
}
