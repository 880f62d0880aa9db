// The "Your progress" page. The build writes every lesson's exercises and questions, with their
// links and the controls (course/pages/progress_page.py); here each row is marked from this
// browser's storage, and Export, Import (widgets/store.js importRecords: the rule is said on
// the page) and Clear are wired.
import { siteUrl } from "./contract.js";
import { confirmDialog, el, loadStyle } from "./dom.js";
import { allRecords, clearRecords, importRecords, onRecordChange } from "./store.js";

const FORMAT = "vision-course-progress";
const MAX_FILE_BYTES = 5_000_000; // an export of this course is a few hundred kB at most

function exerciseStatus(record) {
  if (record?.done) return { done: true, label: "done" };
  if ((record?.code !== null && record?.code !== undefined) || record?.failures) {
    return { done: false, label: "started" };
  }
  return { done: false, label: "not started" };
}

function quizStatus(record) {
  if (record?.correct) return { done: true, label: "answered correctly" };
  if (Number.isInteger(record?.choice)) return { done: false, label: "answered, not yet right" };
  return { done: false, label: "not answered" };
}

function download(name, text) {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Parse an exported file: {format, records: {"exercise:<id>": {...}, "quiz:<id>": {...}}}. */
export function parseExport(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error("this file is not JSON");
  }
  if (data?.format !== FORMAT || typeof data.records !== "object" || data.records === null
      || Array.isArray(data.records)) {
    throw new Error("this file is not a progress export from this course");
  }
  return data.records;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What an import did, in one sentence that claims nothing that did not happen. */
function importSummary(name, { stored, unchanged, unknown, failed }) {
  const parts = [`Imported from ${name}: ${plural(stored, "record")} stored`];
  if (unchanged) parts.push(`${plural(unchanged, "record")} already up to date`);
  if (unknown) parts.push(`${plural(unknown, "record")} skipped (no exercise or question of this course has its id)`);
  if (failed) parts.push(`${plural(failed, "record")} NOT stored: this browser refused to save them (storage full or disabled)`);
  return `${parts.join("; ")}.`;
}

/** @param {HTMLElement} root  @param {{signal: AbortSignal}} lifecycle */
export function mount(root, { signal }) {
  loadStyle(new URL("progress-page.css", import.meta.url));
  root.classList.add("course-progress");
  /** @type {NodeListOf<HTMLElement>} */
  const rows = root.querySelectorAll("[data-progress-item]");
  const overall = root.querySelector(".course-progress__overall");
  const status = root.querySelector(".course-progress__message");
  /** @type {HTMLInputElement} */
  const fileInput = root.querySelector("input[type=file]");
  const ids = { exercises: [], quizzes: [] };
  rows.forEach((row) => ids[row.dataset.kind === "quiz" ? "quizzes" : "exercises"].push(row.dataset.progressItem));

  const render = () => {
    const records = allRecords();
    const done = { exercise: 0, quiz: 0 };
    rows.forEach((row) => {
      const { kind, progressItem: id } = row.dataset;
      const state = (kind === "quiz" ? quizStatus : exerciseStatus)(records[`${kind}:${id}`]);
      row.classList.toggle("is-done", state.done);
      row.querySelector(".course-progress__mark").textContent = state.done ? "✓" : "○";
      row.querySelector(".course-progress__status").textContent = ` — ${state.label}`;
      done[kind] += state.done ? 1 : 0;
    });
    for (const lesson of root.querySelectorAll("[data-lesson]")) {
      const count = (kind) => [...lesson.querySelectorAll(`[data-kind=${kind}]`)];
      const parts = [];
      const [exercises, quizzes] = [count("exercise"), count("quiz")];
      const doneIn = (items) => items.filter((row) => row.classList.contains("is-done")).length;
      if (exercises.length) parts.push(`${doneIn(exercises)} of ${exercises.length} exercises done`);
      if (quizzes.length) parts.push(`${doneIn(quizzes)} of ${quizzes.length} questions answered correctly`);
      lesson.querySelector(".course-progress__summary").textContent = parts.join(", ");
    }
    overall.textContent = `In this module: ${done.exercise} of ${ids.exercises.length} exercises done, `
      + `${done.quiz} of ${ids.quizzes.length} self-check questions answered correctly.`;
  };

  const action = (name, run) => root.querySelector(`[data-action=${name}]`)
    .addEventListener("click", run, { signal });
  action("export", () => {
    const data = { format: FORMAT, version: 1, site: siteUrl().href,
      exportedAt: new Date().toISOString(), records: allRecords() };
    download(`course-progress-${data.exportedAt.slice(0, 10)}.json`, JSON.stringify(data, null, 2));
    status.textContent = "Exported your progress and code to a file.";
  });
  action("import", () => fileInput.click());
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    status.textContent = `Importing ${file.name}…`;
    try {
      if (file.size > MAX_FILE_BYTES) {
        throw new Error(`it is ${(file.size / 1e6).toFixed(1)} MB; an export of this course is far smaller`);
      }
      status.textContent = importSummary(file.name, importRecords(parseExport(await file.text()), ids));
      render();
    } catch (error) {
      status.textContent = `Could not import ${file.name}: ${error.message}.`;
    }
  }, { signal });
  action("clear", async () => {
    if (!await confirmDialog("This removes your code, done marks and answers for every exercise "
      + "and question of this module from this browser. Export them first if you want to keep a "
      + "copy.", "Clear everything", { title: "Clear your progress?" })) return;
    const count = clearRecords();
    render();
    status.textContent = `Cleared ${plural(count, "record")} from this browser.`;
  });

  render();
  root.dataset.ready = "true";
  onRecordChange(() => render(), { signal });
}
