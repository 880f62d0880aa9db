// Run and Check: send the code to the page's Python, show what it prints as it prints it, then
// the value, the error or the Check report. Everything the student's code produces is inserted
// as text (never as HTML).
import { el } from "../dom.js";
import { renderReport } from "./report.js";

// A job that ends within this changes the page once, with its result: the old output stays
// and no "Running…" flashes by. On a long lesson every change costs a frame of several ms,
// and a frame between the click and the result would hold the result back.
const QUIET_MS = 150;

const stoppedText = (outcome) => ({
  timeout: `Stopped after ${outcome.limit} s: your code was still running (an infinite loop?). Python restarted.`,
  page: "Stopped: you left the page.",
}[outcome.reason] ?? "Stopped. Python restarted; you can run your code again.");

/** An output area that takes the job's chunks in order: text into <pre>, figures as images. */
function outputWriter(output) {
  let pre = null;
  return (chunks) => {
    for (const chunk of chunks) {
      if (chunk.stream === "figure") {
        output.append(el("figure", { class: "course-exercise__figure" },
          el("img", { src: chunk.src, alt: chunk.alt })));
        pre = null;
        continue;
      }
      if (!pre) output.append(pre = el("pre", { class: "course-exercise__stdout" }));
      const last = pre.lastElementChild;
      if (last?.classList.contains(`course-out--${chunk.stream}`)) last.append(chunk.text);
      else pre.append(el("span", { class: `course-out--${chunk.stream}` }, chunk.text));
    }
  };
}

/**
 * @param {{root: HTMLElement, data: import("../contract.js").ExerciseData, ui: object,
 *          box: import("./code.js").CodeBox, python: import("../python/client.js").Python,
 *          saving: object, signal: AbortSignal}} parts
 */
export function connectJobs({ root, data, ui, box, python, saving, signal }) {
  let focusAfterJob = null;
  const busy = (on) => {
    const focused = document.activeElement;
    ui.stop.disabled = !on;
    ui.run.disabled = ui.check.disabled = on;
    // A button disabled under the keyboard focus would drop it on the page: while the code
    // runs the focus waits on Stop, then goes back to the button that started the job.
    if (on && (focused === ui.run || focused === ui.check)) {
      focusAfterJob = focused;
      ui.stop.focus();
    } else if (!on && focused === ui.stop) {
      (focusAfterJob ?? ui.run).focus();
    }
    if (!on) focusAfterJob = null;
  };

  // A Run or Check asked for while this exercise's job goes on, before that job shows it runs
  // (its buttons are still on), follows it: the latest such request, unless Stop is pressed.
  let current = null, latest = 0;
  async function job(verb, message) {
    const mine = ++latest;
    while (current) {
      if (ui.run.disabled) return null;
      await current;
      if (mine !== latest) return null;
    }
    root.ariaBusy = "true"; // at once, for assistive technology (no style uses it)
    const note = el("p", { class: "course-exercise__note", hidden: "" });
    const write = outputWriter(ui.output);
    let quiet = null;
    const begin = () => { // the old output makes way for this job's
      if (!note.isConnected) ui.output.replaceChildren(note);
    };
    const show = () => { // what the job is doing, and the buttons of a running job
      clearTimeout(quiet);
      begin();
      if (note.hidden) busy(true);
      note.hidden = false;
    };
    const waiting = python.status.state !== "ready"
      ? `Queued: ${verb === "Running" ? "run" : "check"} starts when Python has loaded…`
      : python.waitingFor(root) && "Waiting for the code of another exercise to finish…";
    note.textContent = waiting || `${verb}…`;
    if (waiting) show();
    else quiet = setTimeout(show, QUIET_MS);
    const outcome = await (current = python.submit(message, {
      owner: root,
      onStart: () => { note.textContent = `${verb}…`; },
      onEvent: (event) => {
        if (event.type === "output") {
          begin();
          write(event.chunks);
        } else if (event.type === "loading") {
          show();
          note.textContent = `Loading ${event.what}… ${Math.round(event.fraction * 100)}%`;
        } else if (event.type === "running") note.textContent = `${verb}…`;
      },
    }));
    current = null;
    clearTimeout(quiet);
    if (signal.aborted) return null;
    begin();
    note.textContent = "";
    note.hidden = false;
    root.ariaBusy = null;
    busy(false); // changes nothing after a job that ended within QUIET_MS
    if (outcome.kind === "stopped") note.textContent = stoppedText(outcome);
    if (outcome.kind === "unavailable") {
      note.textContent = `Python is not available: ${outcome.message.replace(/\.$/, "")}. Press Retry.`;
    }
    if (outcome.kind === "crashed") {
      note.textContent = `Python crashed (${outcome.message}) and restarted; your code is kept, run it again.`;
    }
    if (outcome.restarted) note.textContent = "Python could not go on after this and restarted; your code is kept.";
    if (outcome.silentRestart) note.textContent = "Python had stopped answering (code run before closed it), so it restarted first.";
    if (!note.textContent) note.remove();
    return outcome.kind === "result" ? outcome.result : null;
  }

  async function run() {
    const result = await job("Running", { kind: "run", code: box.text });
    if (!result) return;
    if (result.value !== null && result.value !== undefined) {
      ui.output.append(el("pre", { class: "course-exercise__value" }, result.value));
    }
    if (result.error) ui.output.append(el("pre", { class: "course-exercise__error" }, result.error));
    if (!ui.output.textContent.trim() && !ui.output.querySelector("img")) {
      ui.output.append(el("p", { class: "course-exercise__note" }, "(no output)"));
    }
  }

  async function check() {
    const code = box.text; // what is checked is what is recorded as done, whatever comes after
    const report = await job("Checking", { kind: "check", code, checks: data.checks,
      function: data.function, exercise: data.id });
    if (!report) return;
    let saved = false;
    if (report.all_passed) {
      saved = saving.passed(code); // a stored pass marks the exercise done (saving.js hears the write)
    } else {
      saving.failedCheck();
    }
    ui.output.append(renderReport(report, { saved }));
  }

  const showStatus = ({ state, text, fraction }) => {
    ui.progress.hidden = state !== "loading";
    if (fraction === null) ui.progress.removeAttribute("value"); // busy, amount unknown
    else ui.progress.value = fraction;
    ui.statusText.textContent = state === "loading" && fraction !== null
      ? `${text} ${Math.round(fraction * 100)}%` : text;
    ui.retry.hidden = state !== "failed";
    root.dataset.python = state;
  };
  python.addEventListener("status",
    (event) => showStatus(/** @type {CustomEvent} */ (event).detail), { signal });
  showStatus(python.status);
  ui.retry.addEventListener("click", () => python.start(), { signal });
  ui.run.addEventListener("click", run, { signal });
  ui.check.addEventListener("click", check, { signal });
  ui.stop.addEventListener("click", () => {
    latest += 1; // what was asked for meanwhile is dropped too
    python.stop("user", root);
  }, { signal });
  signal.addEventListener("abort", () => python.stop("page", root), { once: true });
  return { run, check };
}
