// "Exercises on this page": the build writes the list under the page's title
// (course/pages/embeds.py ExerciseIndex); here each item is marked done or not, from storage,
// and again whenever a record changes.
import { loadRecord, onRecordChange } from "./store.js";

/** @param {HTMLElement} content  @param {{signal: AbortSignal}} lifecycle */
export function mountPageProgress(content, { signal }) {
  const box = content.querySelector(".course-page-progress");
  if (!box) return;
  /** @type {NodeListOf<HTMLElement>} */
  const items = box.querySelectorAll("[data-progress-of]");
  const summary = box.querySelector(".course-page-progress__summary");
  const render = () => {
    let done = 0;
    for (const item of items) {
      const isDone = loadRecord("exercise", item.dataset.progressOf).done;
      done += isDone ? 1 : 0;
      item.classList.toggle("is-done", isDone);
      item.firstElementChild.textContent = isDone ? "✓ " : "○ ";
      item.lastElementChild.textContent = isDone ? " (done)" : " (not done)";
    }
    summary.textContent = `Exercises on this page: ${done} of ${items.length} done`;
  };
  render();
  // Redrawn when a record's done mark changes (or all were cleared), not on every autosave.
  onRecordChange(({ kind, id, record }) => {
    const item = kind === "exercise" && [...items].find((node) => node.dataset.progressOf === id);
    if (kind === null || (item && item.classList.contains("is-done") !== Boolean(record.done))) render();
  }, { signal });
}
