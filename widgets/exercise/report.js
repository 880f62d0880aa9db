// A Check report on the page: the same lines `course check` prints (course/cli.py), with the
// likely cause of each failure set apart.
import { el } from "../dom.js";

/**
 * @param {import("../contract.js").Report} report
 * @param {{saved: boolean}} progress  whether a pass was stored as done
 */
export function renderReport(report, { saved }) {
  const results = report.results ?? [];
  const passed = results.filter((r) => r.passed).length;
  const box = el("div", { class: `course-report ${report.all_passed ? "is-pass" : "is-fail"}` });
  if (report.status !== "graded") {
    box.append(el("p", { class: "course-report__summary" }, "Could not check your code"),
      el("pre", { class: "course-exercise__error" }, report.error ?? "unknown error"));
  } else {
    let summary = `${passed} of ${results.length} checks passed`;
    if (report.all_passed) {
      summary = `All ${results.length} checks passed — ${saved ? "exercise done."
        : "but this browser did not let the page save that (see the note above)."}`;
    }
    box.append(el("p", { class: "course-report__summary" }, summary),
      el("ul", { class: "course-report__list" }, ...results.map(resultItem)));
  }
  if (report.note) box.append(el("p", { class: "course-report__note", role: "note" }, report.note));
  return box;
}

function resultItem(result) {
  const item = el("li", { class: result.passed ? "is-pass" : "is-fail" },
    el("span", { class: "course-report__mark", "aria-hidden": "true" }, result.passed ? "✓" : "✗"),
    el("span", { class: "visually-hidden" }, result.passed ? "passed: " : "failed: "),
    el("span", { class: "course-report__name" }, result.name));
  if (result.passed) return item;
  const cause = result.likely ? `\nlikely cause: ${result.likely}` : "";
  const message = cause && result.message.endsWith(cause)
    ? result.message.slice(0, -cause.length) : result.message;
  item.append(el("pre", { class: "course-report__message" }, message));
  if (cause) {
    item.append(el("p", { class: "course-report__likely" },
      el("strong", {}, "Likely cause: "), result.likely));
  }
  return item;
}
