// "Exercises on this page": a short list under the page title saying which are done.
import { pageData } from "./contract.js";
import { el } from "./dom.js";
import { loadRecord, onRecordChange } from "./store.js";

export function mountPageProgress(content, exercises, { signal }) {
  content.querySelector(".course-page-progress")?.remove();
  const { exercises: data } = pageData();
  const items = exercises.map((root) => ({ root, id: root.dataset.exercise,
    title: data[root.dataset.exercise]?.title ?? root.dataset.exercise }));
  const list = el("ul");
  const summary = el("p", { class: "course-page-progress__summary" });
  const box = el("nav", { class: "course-page-progress", "aria-label": "Exercises on this page" },
    summary, list);
  const render = () => {
    const done = new Set(items.filter((item) => loadRecord("exercise", item.id).done));
    summary.textContent = `Exercises on this page: ${done.size} of ${items.length} done`;
    list.replaceChildren(...items.map((item) => el("li", { class: done.has(item) ? "is-done" : "" },
      el("span", { "aria-hidden": "true" }, done.has(item) ? "✓ " : "○ "),
      el("a", { href: `#${item.root.id}` }, item.title),
      el("span", { class: "visually-hidden" }, done.has(item) ? " (done)" : " (not done)"))));
  };
  render();
  onRecordChange(({ kind }) => { if (kind !== "quiz") render(); }, { signal });
  const title = content.querySelector("h1");
  if (title) title.after(box);
  else content.prepend(box);
}
