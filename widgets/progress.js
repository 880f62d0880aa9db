// "Exercises on this page": a short list under the page title saying which are done.
import { loadExercise } from "./store.js";
import { el } from "./dom.js";

export function mountPageProgress(content, exercises) {
  content.querySelector(".course-page-progress")?.remove();
  const items = [...exercises].map((root) => {
    const data = JSON.parse(root.querySelector(".course-exercise__data").textContent);
    return { root, id: data.id, title: data.title };
  });
  const list = el("ul");
  const summary = el("p", { class: "course-page-progress__summary" });
  const box = el("nav", { class: "course-page-progress", "aria-label": "Exercises on this page" },
    summary, list);
  const render = () => {
    const done = items.filter((item) => loadExercise(item.id).done);
    summary.textContent = `Exercises on this page: ${done.length} of ${items.length} done`;
    list.replaceChildren(...items.map((item) => {
      const isDone = done.includes(item);
      return el("li", { class: isDone ? "is-done" : "" },
        el("span", { "aria-hidden": "true" }, isDone ? "✓ " : "○ "),
        el("a", { href: `#${item.root.id}` }, item.title),
        el("span", { class: "visually-hidden" }, isDone ? " (done)" : " (not done)"));
    }));
  };
  render();
  window.addEventListener("course:progress", () => box.isConnected && render());
  const title = content.querySelector("h1");
  if (title) title.after(box);
  else content.prepend(box);
}
