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
 * Make `nodes` the output's content. A Run whose output has the shape of the last one's (one
 * value, one error, "(no output)") only has its texts written: on a lesson page, removing and
 * inserting an element costs about 0.3 ms of the click → result time, writing a text about
 * half that (docs/performance.md, "What changed the warm Run a third time").
 * @param {HTMLElement} output @param {HTMLElement[]} nodes
 */
function showOnly(output, nodes) {
  const old = /** @type {HTMLElement[]} */ ([...output.children]);
  const same = old.length === nodes.length && old.every((node, i) => node.tagName === nodes[i].tagName
    && node.className === nodes[i].className && !node.hidden && !nodes[i].hidden
    && !node.firstElementChild && !nodes[i].firstElementChild && output.childNodes.length === old.length);
  if (!same) output.replaceChildren(...nodes);
  else old.forEach((node, i) => { node.textContent = nodes[i].textContent; });
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
  // The job goes to Python first and the page's bookkeeping comes after, while Python runs it;
  // its result reaches the page in one change (`render` gives the nodes that follow the note).
  let current = null, latest = 0;
  async function job(verb, message, render) {
    const mine = ++latest;
    while (current) {
      if (ui.run.disabled) return;
      await current;
      if (mine !== latest) return;
    }
    const note = el("p", { class: "course-exercise__note", hidden: "" });
    const waiting = python.status.state !== "ready"
      ? `Queued: ${verb === "Running" ? "run" : "check"} starts when Python has loaded…`
      : python.waitingFor(root) && "Waiting for the code of another exercise to finish…";
    const outcomeSoon = (current = python.submit(message, {
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
    root.ariaBusy = "true"; // at once, for assistive technology (no style uses it)
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
    note.textContent = waiting || `${verb}…`;
    if (waiting) show();
    else quiet = setTimeout(show, QUIET_MS);
    const outcome = await outcomeSoon;
    current = null;
    clearTimeout(quiet);
    if (signal.aborted) return;
    root.ariaBusy = null;
    busy(false); // changes nothing after a job that ended within QUIET_MS
    note.textContent = {
      stopped: stoppedText(outcome),
      unavailable: `Python is not available: ${outcome.message?.replace(/\.$/, "")}. Press Retry.`,
      crashed: `Python crashed (${outcome.message}) and restarted; your code is kept, run it again.`,
    }[outcome.kind] ?? "";
    if (outcome.restarted) note.textContent = "Python could not go on after this and restarted; your code is kept.";
    if (outcome.silentRestart) note.textContent = "Python had stopped answering (code run before closed it), so it restarted first.";
    note.hidden = false;
    const said = note.isConnected ? Boolean(ui.output.textContent.trim() || ui.output.querySelector("img"))
      : Boolean(note.textContent); // the job printed, drew or has something to say
    const after = outcome.kind === "result" ? render(outcome.result, said) : [];
    if (!note.isConnected) showOnly(ui.output, note.textContent ? [note, ...after] : after);
    else {
      if (!note.textContent) note.remove();
      ui.output.append(...after);
    }
  }

  function run() {
    return job("Running", { kind: "run", code: box.text }, (result, said) => {
      const after = [];
      if (result.value !== null && result.value !== undefined) {
        after.push(el("pre", { class: "course-exercise__value" }, result.value));
      }
      if (result.error) after.push(el("pre", { class: "course-exercise__error" }, result.error));
      if (!after.length && !said) after.push(el("p", { class: "course-exercise__note" }, "(no output)"));
      return after;
    });
  }

  function check() {
    const code = box.text; // what is checked is what is recorded as done, whatever comes after
    return job("Checking", { kind: "check", code, checks: data.checks,
      function: data.function, exercise: data.id }, (report) => {
      let saved = false;
      if (report.all_passed) {
        saved = saving.passed(code); // a stored pass marks the exercise done (saving.js hears the write)
      } else {
        saving.failedCheck();
      }
      return [renderReport(report, { saved })];
    });
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
