// One exercise on a page: editor, controls, output, check report, hints, solution.
// Everything the student's code produces is inserted as text (never as HTML).
import { createEditor } from "./editor.js";
import { getPython } from "./python.js";
import { canSave, loadExercise, onOtherTabSave, saveExercise } from "./store.js";
import { el } from "./dom.js";

const SAVE_DELAY_MS = 300;

/** Ask a yes/no question in a modal <dialog>; resolves true when confirmed. */
function confirmDialog(root, question, confirmLabel) {
  return new Promise((resolve) => {
    const dialog = el("dialog", { class: "course-dialog", "aria-label": confirmLabel },
      el("p", {}, question),
      el("form", { method: "dialog", class: "course-dialog__buttons" },
        el("button", { class: "md-button", value: "cancel" }, "Cancel"),
        el("button", { class: "md-button md-button--primary", value: "ok" }, confirmLabel)));
    dialog.addEventListener("close", () => { resolve(dialog.returnValue === "ok"); dialog.remove(); });
    root.append(dialog);
    dialog.showModal();
  });
}

export function mountExercise(root) {
  if (root.dataset.mounted) return;
  root.dataset.mounted = "true";
  const data = JSON.parse(root.querySelector(".course-exercise__data").textContent);
  const python = getPython();
  const saved = loadExercise(data.id);
  let failures = saved.failures ?? 0;
  let hintsShown = Math.min(saved.hints ?? 0, data.hints.length);
  root.id ||= `exercise-${data.id.replace("/", "-")}`;

  // --- layout -----------------------------------------------------------------------------
  root.querySelectorAll(".course-exercise__fallback").forEach((node) => node.remove());
  // The plain <textarea> the page was parsed with (course/mkdocs_plugin.py), which the student
  // may already have typed in: the editor takes over its text, cursor, focus and shortcut.
  const draft = root.querySelector(".course-exercise__draft");
  const drafted = draft && { code: draft.value, start: draft.selectionStart, end: draft.selectionEnd,
    focused: document.activeElement === draft, pending: draft.dataset.pending };
  if (draft?.nextElementSibling?.matches("script:not([type])")) draft.nextElementSibling.remove();
  draft?.remove();
  const badge = el("span", { class: "course-exercise__badge" });
  root.querySelector(".course-exercise__title").append(badge);
  const notice = el("p", { class: "course-exercise__notice", role: "note", hidden: true });
  const storageNotice = el("p", { class: "course-exercise__notice", role: "note", hidden: true },
    "This browser is not letting the page save (storage is disabled or full): your code works "
    + "and stays while the page is open, but will be gone when you leave. Copy it somewhere to keep it.");
  const editorBox = el("div", { class: "course-exercise__editor" });
  const button = (label, extra = {}) => el("button", { type: "button", class: "md-button", ...extra }, label);
  const runButton = button("Run", { class: "md-button md-button--primary",
    title: "Run (Ctrl+Enter)", "aria-keyshortcuts": "Control+Enter Meta+Enter" });
  const checkButton = button("Check", { class: "md-button md-button--primary",
    title: "Check (Shift+Enter)", "aria-keyshortcuts": "Shift+Enter" });
  const stopButton = button("Stop", { title: "Stop the running code", disabled: true });
  const resetButton = button("Reset", { title: "Replace your code with the starter code" });
  const hintButton = button("Hint", { title: "Show the next hint" });
  const solutionButton = button("Solution", { title: "Show the reference solution" });
  const progress = el("progress", { max: "1", value: "0", "aria-label": "Python loading progress" });
  const statusText = el("span");
  const retryButton = button("Retry", { hidden: true, title: "Try loading Python again" });
  const status = el("div", { class: "course-exercise__status", role: "status" },
    progress, statusText, retryButton);
  const toolbar = el("div", { class: "course-exercise__toolbar", role: "group",
    "aria-label": `Controls for ${data.title}` },
  runButton, checkButton, stopButton, resetButton, hintButton, solutionButton);
  const hintsList = el("ol", { class: "course-exercise__hints", "aria-label": "Hints" });
  // A log: what the code prints is announced as it arrives (and the role allows a name).
  const output = el("div", { class: "course-exercise__output", role: "log", "aria-live": "polite",
    "aria-label": "Output" });
  const solutionBox = el("div", { class: "course-exercise__solution", hidden: true });
  const help = el("p", { class: "course-exercise__help" },
    "Ctrl/⌘+Enter runs, Shift+Enter checks. In the editor, Tab indents; press Esc then Tab to move on.");
  const syncNotice = el("p", { class: "course-exercise__notice", role: "note", hidden: true },
    "Updated with your edit from another tab (Ctrl+Z brings back the code it replaced).");
  root.append(notice, storageNotice, syncNotice, editorBox, toolbar, status, help, hintsList, output, solutionBox);

  // --- editor and saving --------------------------------------------------------------------
  let saveTimer = null;
  // The starter this code grew from; a newer starter on the site shows a notice until Reset.
  let basedOn = saved.starterHash ?? data.starterHash;
  const save = () => {
    clearTimeout(saveTimer);
    saveExercise(data.id, { code: editor.getCode(), starterHash: basedOn });
  };
  let fromOtherTab = false;
  const editor = createEditor(editorBox, {
    doc: drafted?.code ?? saved.code ?? data.starter,
    label: `Code editor: ${data.title}`,
    onChange: () => {
      if (fromOtherTab) return; // already saved, by the other tab
      clearTimeout(saveTimer);
      saveTimer = setTimeout(save, SAVE_DELAY_MS);
    },
    onRun: () => run(),
    onCheck: () => check(),
  });
  root.courseEditor = editor; // for scripts and tests: root.courseEditor.getCode()
  if (drafted?.focused) {
    editor.focus();
    editor.view.dispatch({ selection: { anchor: drafted.start, head: drafted.end } });
  }
  if (drafted && drafted.code !== (saved.code ?? data.starter)) save(); // typed before the editor came
  const showStorage = () => { storageNotice.hidden = canSave(); };
  showStorage();
  window.addEventListener("course:storage-failed", () => root.isConnected && showStorage());
  // The same exercise open in two tabs: the latest edit wins in both, and the code it
  // replaced stays in this editor's undo history (Ctrl+Z), so nothing typed is lost.
  onOtherTabSave(data.id, (record) => {
    if (!root.isConnected) return;
    if (typeof record.code === "string" && record.code !== editor.getCode()) {
      clearTimeout(saveTimer);
      fromOtherTab = true;
      editor.setCode(record.code);
      fromOtherTab = false;
      basedOn = record.starterHash ?? basedOn;
      syncNotice.hidden = false;
    }
    if (record.done) showDone(true);
  });

  window.addEventListener("pagehide", () => saveTimer && save(), { once: true });
  if (saved.code !== undefined && basedOn !== data.starterHash
      && saved.code !== data.starter) {
    notice.textContent = "The starter code of this exercise has changed since you began. "
      + "Your code is kept; press Reset to start from the new starter.";
    notice.hidden = false;
  }

  // --- status -----------------------------------------------------------------------------
  const showDone = (done) => {
    root.classList.toggle("is-done", done);
    // "not done yet" is for screen readers only (a plain span cannot carry an aria-label).
    badge.replaceChildren(done ? "✓ done" : el("span", { class: "visually-hidden" }, "not done yet"));
  };
  showDone(Boolean(saved.done));
  const showStatus = ({ state, text, fraction }) => {
    progress.hidden = state !== "loading";
    progress.value = fraction;
    statusText.textContent = state === "loading" ? `${text} ${Math.round(fraction * 100)}%` : text;
    retryButton.hidden = state !== "failed";
    root.dataset.python = state;
  };
  python.addEventListener("status", ({ detail }) => root.isConnected && showStatus(detail));
  showStatus(python.status);
  retryButton.addEventListener("click", () => python.start());

  // --- Run and Check --------------------------------------------------------------------------
  let focusAfterJob = null;
  const busy = (on) => {
    const focused = document.activeElement;
    stopButton.disabled = !on;
    runButton.disabled = checkButton.disabled = on;
    root.toggleAttribute("aria-busy", on);
    // A button disabled under the keyboard focus would drop it on the page: while the code
    // runs the focus waits on Stop, then goes back to the button that started the job.
    if (on && (focused === runButton || focused === checkButton)) {
      focusAfterJob = focused;
      stopButton.focus();
    } else if (!on && focused === stopButton) {
      (focusAfterJob ?? runButton).focus();
    }
    if (!on) focusAfterJob = null;
  };
  const streamTo = (pre) => (chunks) => {
    for (const { stream, text } of chunks) {
      pre.append(el("span", { class: `course-out--${stream}` }, text));
    }
  };
  const stoppedText = (outcome) => (outcome.reason === "timeout"
    ? `Stopped after ${outcome.limit} s: your code was still running (an infinite loop?). Python restarted.`
    : "Stopped. Python restarted; you can run your code again.");

  async function job(kind, message) {
    if (python.hasJob(root)) return null;
    output.replaceChildren();
    const pre = el("pre", { class: "course-exercise__stdout" });
    const note = el("p", { class: "course-exercise__note" });
    output.append(note, pre);
    busy(true);
    note.textContent = python.status.state === "ready" ? `${kind}…`
      : `Queued: ${kind.toLowerCase()} starts when Python has loaded…`;
    const outcome = await python.submit(message, {
      owner: root, onStream: streamTo(pre), onStart: () => { note.textContent = `${kind}…`; },
    });
    busy(false);
    note.textContent = "";
    if (outcome.kind === "stopped") note.textContent = stoppedText(outcome);
    if (outcome.kind === "unavailable") note.textContent = `Python is not available: ${outcome.message}. Press Retry.`;
    if (outcome.kind === "crashed") {
      note.textContent = `Python crashed (${outcome.message}) and restarted; your code is kept, run it again.`;
    }
    if (outcome.restarted) note.textContent = "Python could not go on after this and restarted; your code is kept.";
    if (!pre.childNodes.length) pre.remove();
    return outcome.kind === "result" ? { result: outcome.result, pre } : null;
  }

  async function run() {
    const done = await job("Running", { type: "run", code: editor.getCode() });
    if (!done) return;
    const { result } = done;
    if (result.value !== null && result.value !== undefined) {
      output.append(el("pre", { class: "course-exercise__value" }, result.value));
    }
    if (result.error) output.append(el("pre", { class: "course-exercise__error" }, result.error));
    if (!output.textContent.trim()) output.append(el("p", { class: "course-exercise__note" }, "(no output)"));
  }

  async function check() {
    const done = await job("Checking", {
      type: "check", code: editor.getCode(), checks: data.checks,
      function: data.function, exercise: data.id,
    });
    if (!done) return;
    const report = done.result;
    const results = report.results ?? [];
    const passed = results.filter((r) => r.passed).length;
    const allPassed = report.all_passed; // decided once, by course/engine/report.py
    const box = el("div", { class: `course-report ${allPassed ? "is-pass" : "is-fail"}` });
    if (report.status !== "graded") {
      box.append(el("p", { class: "course-report__summary" }, "Could not check your code"),
        el("pre", { class: "course-exercise__error" }, report.error ?? "unknown error"));
    } else {
      box.append(el("p", { class: "course-report__summary" }, allPassed
        ? `All ${results.length} checks passed — exercise done.`
        : `${passed} of ${results.length} checks passed`));
      box.append(el("ul", { class: "course-report__list" }, ...results.map((r) => el("li",
        { class: r.passed ? "is-pass" : "is-fail" },
        el("span", { class: "course-report__mark", "aria-hidden": "true" }, r.passed ? "✓" : "✗"),
        el("span", { class: "visually-hidden" }, r.passed ? "passed: " : "failed: "),
        el("span", { class: "course-report__name" }, r.name),
        r.passed ? null : el("pre", { class: "course-report__message" }, r.message)))));
    }
    if (report.note) box.append(el("p", { class: "course-report__note", role: "note" }, report.note));
    output.append(box);
    if (allPassed) {
      saveExercise(data.id, { done: true, code: editor.getCode() });
      showDone(true);
    } else {
      failures += 1;
      saveExercise(data.id, { failures });
    }
  }

  runButton.addEventListener("click", run);
  checkButton.addEventListener("click", check);
  stopButton.addEventListener("click", () => python.stop("user", root));

  // --- Reset, Hint, Solution -------------------------------------------------------------------
  resetButton.addEventListener("click", async () => {
    if (!await confirmDialog(root, "Replace your code with the starter code? Your current code will be lost.", "Reset code")) return;
    editor.setCode(data.starter);
    basedOn = data.starterHash;
    saveExercise(data.id, { code: data.starter, starterHash: basedOn });
    notice.hidden = true;
    editor.focus();
  });

  const showHints = () => {
    hintsList.replaceChildren(...data.hintsHtml.slice(0, hintsShown).map((html) => {
      const item = el("li");
      item.innerHTML = html; // rendered by the site build from the exercise's own hints
      return item;
    }));
    hintButton.disabled = hintsShown >= data.hints.length;
    hintButton.title = hintButton.disabled ? "All hints are shown"
      : `Show hint ${hintsShown + 1} of ${data.hints.length}`;
  };
  showHints();
  hintButton.addEventListener("click", () => {
    hintsShown = Math.min(hintsShown + 1, data.hints.length);
    saveExercise(data.id, { hints: hintsShown });
    showHints();
    const shown = hintsList.lastElementChild;
    shown?.scrollIntoView({ block: "nearest" });
    // The last hint disables the button; the keyboard focus moves on to that hint, not away.
    if (shown && hintButton.disabled && document.activeElement === hintButton) {
      shown.tabIndex = -1;
      shown.focus();
    }
  });

  solutionButton.addEventListener("click", async () => {
    if (!solutionBox.hidden) { solutionBox.hidden = true; return; }
    const unlocked = failures >= data.solutionAfter;
    if (!unlocked && !await confirmDialog(root,
      "Show the reference solution? Trying the hints first teaches more.", "Show solution")) return;
    solutionBox.replaceChildren(el("p", { class: "course-exercise__note" }, "Reference solution:"),
      el("pre", {}, el("code", {}, data.solution)));
    solutionBox.hidden = false;
  });

  // Ctrl/⌘+Enter or Shift+Enter pressed in the draft, before this editor existed.
  if (drafted?.pending === "run") run();
  else if (drafted?.pending === "check") check();
}
