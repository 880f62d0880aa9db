// Small DOM helpers shared by the exercise UI, the questions, the progress page and the lesson
// widgets. Everything given as a child is inserted as text, never as HTML.

/** Create an element: el("button", {class: "x", onclick}, "text", child…). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false || value === null) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else if (key === "class") node.className = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Create an SVG element with attributes. */
export function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

/** Load a stylesheet once: loadStyle(new URL("name.css", import.meta.url)). */
export function loadStyle(url) {
  const href = new URL(url, import.meta.url).href;
  if (!document.querySelector(`link[href="${href}"]`)) {
    document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href }));
  }
}

/**
 * Ask a yes/no question in a modal <dialog>; resolves true when confirmed. Cancel has the focus
 * (the safe answer for a keyboard user pressing Enter) but the look of a secondary button.
 */
export function confirmDialog(question, confirmLabel, { title = confirmLabel, within = document.body } = {}) {
  return new Promise((resolve) => {
    const heading = el("h2", { class: "course-dialog__title" }, title);
    heading.id = `course-dialog-${Math.random().toString(36).slice(2)}`;
    const dialog = el("dialog", { class: "course-dialog md-typeset", "aria-labelledby": heading.id },
      el("form", { method: "dialog" }, heading, el("p", {}, question),
        el("div", { class: "course-dialog__buttons" },
          el("button", { class: "md-button", value: "cancel", autofocus: true }, "Cancel"),
          el("button", { class: "md-button md-button--primary", value: "ok" }, confirmLabel))));
    dialog.addEventListener("close", () => { resolve(dialog.returnValue === "ok"); dialog.remove(); });
    within.append(dialog);
    dialog.showModal();
  });
}
