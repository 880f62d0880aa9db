// The "Your progress" page: every exercise and self-check question of the module, done or not,
// read from this browser's storage. The list comes from the build (assets/course/catalog.json,
// written by the course plugin), so a new exercise or question shows up without editing this.
// Export writes every stored record (code included) to a JSON file; import merges one back
// (widgets/store.js importRecords: the rule is said on the page); clear removes them all after
// a confirmation.
import { siteUrl } from "./contract.js";
import { confirmDialog, el, loadStyle } from "./dom.js";
import { allRecords, clearRecords, importRecords, onRecordChange } from "./store.js";

const FORMAT = "vision-course-progress";
const MAX_FILE_BYTES = 5_000_000; // an export of this course is a few hundred kB at most

async function loadCatalog() {
  const response = await fetch(siteUrl("assets/course/catalog.json"));
  if (!response.ok) throw new Error(`catalog.json: HTTP ${response.status}`);
  const catalog = await response.json();
  return { exercises: catalog.exercises ?? [], quizzes: catalog.quizzes ?? [] };
}

/** The lesson's link in the site navigation: its name, and its place in the course's order. */
function lessonInNav(slug) {
  const target = siteUrl(`${slug}/`).href;
  const links = [...document.querySelectorAll(".md-nav--primary .md-nav__link[href]")];
  const index = links.findIndex((link) =>
    new URL(link.getAttribute("href"), document.baseURI).href === target && link.textContent.trim());
  return index < 0 ? { name: slug, order: Infinity } : { name: links[index].textContent.trim(), order: index };
}

function exerciseStatus(record) {
  if (record?.done) return { done: true, label: "done" };
  if (record?.code !== null && record?.code !== undefined || record?.failures) {
    return { done: false, label: "started" };
  }
  return { done: false, label: "not started" };
}

function quizStatus(record) {
  if (record?.correct) return { done: true, label: "answered correctly" };
  if (Number.isInteger(record?.choice)) return { done: false, label: "answered, not yet right" };
  return { done: false, label: "not answered" };
}

function itemRow(item, status) {
  return el("li", { class: status.done ? "is-done" : "", "data-progress-item": item.id },
    el("span", { class: "course-progress__mark", "aria-hidden": "true" }, status.done ? "✓" : "○"),
    el("a", { href: siteUrl(item.url).href }, item.title),
    el("span", { class: "course-progress__status" }, ` — ${status.label}`));
}

function lessonSection(slug, exercises, quizzes, records) {
  const exerciseRows = exercises.map((item) => itemRow(item, exerciseStatus(records[`exercise:${item.id}`])));
  const quizRows = quizzes.map((item) => itemRow(item, quizStatus(records[`quiz:${item.id}`])));
  const doneIn = (rows) => rows.filter((row) => row.classList.contains("is-done")).length;
  const { name } = lessonInNav(slug);
  const parts = [];
  if (exercises.length) parts.push(`${doneIn(exerciseRows)} of ${exercises.length} exercises done`);
  if (quizzes.length) parts.push(`${doneIn(quizRows)} of ${quizzes.length} questions answered correctly`);
  const section = el("section", { class: "course-progress__lesson", "data-lesson": slug,
    "aria-label": name },
  el("h2", {}, el("a", { href: siteUrl(`${slug}/`).href }, name)),
  el("p", { class: "course-progress__summary" }, parts.join(", ")));
  if (exerciseRows.length) {
    section.append(el("h3", {}, "Exercises"), el("ul", { class: "course-progress__list" }, ...exerciseRows));
  }
  if (quizRows.length) {
    section.append(el("h3", {}, "Self-check questions"),
      el("ul", { class: "course-progress__list" }, ...quizRows));
  }
  return section;
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

export async function mount(root, { signal }) {
  loadStyle(new URL("progress-page.css", import.meta.url));
  root.classList.add("course-progress");
  const overall = el("p", { class: "course-progress__overall" }, "Loading your progress…");
  const lessons = el("div", { class: "course-progress__lessons" });
  const status = el("p", { class: "course-progress__message", role: "status" });
  const fileInput = el("input", { type: "file", accept: "application/json,.json", hidden: true,
    "aria-label": "Progress file to import" });
  const rule = el("p", { class: "course-progress__rule" }, "Importing merges a file into what this "
    + "browser has, and never loses newer work: an exercise done here stays done, the larger "
    + "count of hints shown wins, and your code is replaced only by code edited later than it.");

  let catalog = { exercises: [], quizzes: [] };
  const render = () => {
    const records = allRecords();
    const slugs = [...new Set([...catalog.exercises, ...catalog.quizzes].map((item) => item.lesson))]
      .sort((a, b) => lessonInNav(a).order - lessonInNav(b).order); // stable: catalog order on ties
    lessons.replaceChildren(...slugs.map((slug) => lessonSection(slug,
      catalog.exercises.filter((item) => item.lesson === slug),
      catalog.quizzes.filter((item) => item.lesson === slug), records)));
    const exercisesDone = catalog.exercises.filter((item) => records[`exercise:${item.id}`]?.done).length;
    const quizzesDone = catalog.quizzes.filter((item) => records[`quiz:${item.id}`]?.correct).length;
    overall.textContent = `In this module: ${exercisesDone} of ${catalog.exercises.length} exercises `
      + `done, ${quizzesDone} of ${catalog.quizzes.length} self-check questions answered correctly.`;
  };

  const exportButton = el("button", { type: "button", class: "md-button md-button--primary",
    onclick: () => {
      const data = { format: FORMAT, version: 1, site: siteUrl().href,
        exportedAt: new Date().toISOString(), records: allRecords() };
      download(`course-progress-${data.exportedAt.slice(0, 10)}.json`, JSON.stringify(data, null, 2));
      status.textContent = "Exported your progress and code to a file.";
    } }, "Export progress");

  const importButton = el("button", { type: "button", class: "md-button",
    onclick: () => fileInput.click() }, "Import progress");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files?.[0];
    fileInput.value = "";
    if (!file) return;
    try {
      if (file.size > MAX_FILE_BYTES) throw new Error(`it is ${(file.size / 1e6).toFixed(1)} MB; an export of this course is far smaller`);
      const records = parseExport(await file.text());
      const known = { exercises: catalog.exercises.map((item) => item.id),
        quizzes: catalog.quizzes.map((item) => item.id) };
      status.textContent = importSummary(file.name, importRecords(records, known));
      render();
    } catch (error) {
      status.textContent = `Could not import ${file.name}: ${error.message}.`;
    }
  });

  const clearButton = el("button", { type: "button", class: "md-button", onclick: async () => {
    if (!await confirmDialog("This removes your code, done marks and answers for every exercise "
      + "and question of this module from this browser. Export them first if you want to keep a "
      + "copy.", "Clear everything", { title: "Clear your progress?" })) return;
    const count = clearRecords();
    render();
    status.textContent = `Cleared ${plural(count, "record")} from this browser.`;
  } }, "Clear progress");

  root.replaceChildren(overall,
    el("div", { class: "course-progress__actions" }, exportButton, importButton, clearButton),
    rule, status, fileInput, lessons);

  try {
    catalog = await loadCatalog();
  } catch (error) {
    overall.textContent = `Could not load the list of exercises (${error.message}).`;
    return;
  }
  render();
  root.dataset.ready = "true";
  onRecordChange(() => render(), { signal });
}
