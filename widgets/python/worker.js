// The Python worker: boots Pyodide + NumPy off the page's thread and runs Run/Check jobs with
// the engine (course/engine/). A classic worker: importScripts works with a cross-origin CDN.
// Stopping runaway code = the page terminates this worker and starts another one, which needs
// no SharedArrayBuffer and therefore no special HTTP headers. The protocol is written down in
// widgets/contract.js.
//
// The student's code runs in here, with Pyodide's `js` module at hand: it can post messages on
// this worker's own channel, replace `self.onmessage` or call `close()`. So after the page's
// first message everything travels on a MessagePort kept in this closure, out of its reach, with
// the built-ins this file needs captured before any student code runs.
/* global loadPyodide */
"use strict";

(() => {
  const postOn = MessagePort.prototype.postMessage;
  const send = (port, message) => postOn.call(port, message);
  const now = performance.now.bind(performance);
  const closeWorker = self.close.bind(self);
  const later = self.setTimeout.bind(self);
  const cancel = self.clearTimeout.bind(self);
  const fromEntries = Object.fromEntries;
  const OUTPUT_LIMIT = 200_000; // characters per job; more is cut, with a note
  const FLOOD = { windowMs: 50, messages: 20 }; // more messages than this per window: batched
  const TIDY_AFTER_MS = 50; // a Run's world ends this long after its result was sent (see tidy)

  let pyodide = null;
  // course.engine.runtime's functions, taken once booted: a Run's code may rebind the module's
  // names, and its world lasts until tidy() (see runtime.py).
  let runtime = null;
  let output = null; // where the current job's stdout and stderr go
  let progress = null; // where download progress goes (the control port while booting)

  // Count downloaded bytes so the page can show real loading progress. The bytes are counted on
  // a clone and Pyodide gets the response itself: Chromium keeps the machine code it compiled
  // from pyodide.asm.wasm (its WebAssembly code cache) only for a response that came from the
  // network with its URL, and a later visit then skips compiling it. A Response rebuilt around
  // a counting stream has no URL, and every visit compiled the whole of Python again. Only
  // what is fetched while loading is counted: the clone is read at once, so a response nobody
  // reads (a student's own fetch, say) would otherwise be held in memory whole.
  let downloaded = 0;
  const realFetch = self.fetch.bind(self);
  async function count(body) {
    const reader = body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      downloaded += read.value.byteLength;
      progress?.(downloaded);
    }
  }
  self.fetch = async (input, init) => {
    const response = await realFetch(input, init);
    if (progress && response.ok && response.body) count(response.clone().body).catch(() => {});
    return response;
  };

  // What the code prints reaches the page at once, so what was printed before an endless loop
  // or a Stop is on screen; only a flood (many messages in a few milliseconds) is batched.
  function makeOutput(post) {
    let pending = [], sent = 0, cut = false, windowStart = 0, inWindow = 0;
    const flush = () => {
      if (!pending.length) return;
      post({ type: "output", chunks: pending });
      pending = [];
    };
    const add = (stream, text) => {
      const last = pending[pending.length - 1];
      if (last?.stream === stream) last.text += text;
      else pending.push({ stream, text });
    };
    return {
      write(stream, text) {
        if (cut) return;
        if (sent + text.length > OUTPUT_LIMIT || sent === OUTPUT_LIMIT) {
          add(stream, text.slice(0, OUTPUT_LIMIT - sent));
          add("stderr", `\n… output truncated (more than ${OUTPUT_LIMIT.toLocaleString("en")} characters)\n`);
          sent = OUTPUT_LIMIT;
          cut = true;
          flush();
          return;
        }
        sent += text.length;
        add(stream, text);
        const t = now();
        if (t - windowStart > FLOOD.windowMs) { windowStart = t; inWindow = 0; }
        if (inWindow < FLOOD.messages) { inWindow += 1; flush(); }
      },
      figure(src, alt) {
        pending.push({ stream: "figure", src, alt });
        flush();
      },
      flush,
    };
  }

  let packages = {}; // {name: expected bytes} of the packages student code may import (matplotlib)

  async function boot({ pyodideUrl, engineUrl, packages: offered = {} }, control) {
    packages = offered;
    progress = (loaded) => send(control, { type: "progress", loaded });
    importScripts(new URL("pyodide.js", pyodideUrl).href);
    // The engine's Python files ({path: source}, written by the site build), fetched meanwhile.
    const engine = realFetch(engineUrl).then((response) => {
      if (!response.ok) throw new Error(`could not fetch the course's Python (HTTP ${response.status})`);
      return response.json();
    });
    pyodide = await loadPyodide({ indexURL: pyodideUrl });
    // Unbuffered: print(..., end="") and a prompt without a newline appear at once.
    for (const [stream, set] of [["stdout", "setStdout"], ["stderr", "setStderr"]]) {
      const decoder = new TextDecoder();
      pyodide[set]({ write: (bytes) => {
        output?.write(stream, decoder.decode(bytes, { stream: true }));
        return bytes.length;
      } });
    }
    pyodide.setStdin({ stdin: () => null }); // input(): EOFError, never a prompt()
    send(control, { type: "progress", loaded: downloaded, stage: "numpy" });
    await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: () => {} });
    send(control, { type: "progress", loaded: downloaded, stage: "engine" });
    pyodide.FS.mkdirTree("/home/pyodide/course/engine");
    pyodide.FS.writeFile("/home/pyodide/course/__init__.py", "");
    for (const [path, text] of Object.entries(await engine)) {
      pyodide.FS.writeFile(`/home/pyodide/course/${path}`, text);
    }
    const module = pyodide.pyimport("course.engine.runtime");
    runtime = fromEntries(["run", "grade", "tidy", "imported_modules"].map((name) => [name, module[name]]));
    // matplotlib, when the code imports it, draws through the engine's backend (plots.py).
    pyodide.runPython("import os; os.environ['MPLBACKEND'] = 'module://course.engine.plots'");
    // Nothing runs here between jobs. Last, as it takes the snapshot every job starts from.
    module.reuse_snapshots();
    progress = null;
  }

  /** Load the packages the job's code imports that the site offers and Python lacks. */
  async function loadImports(job, post) {
    // An import names its module in the code's text: without that text there is nothing to load.
    if (!Object.keys(packages).some((name) => !(name in pyodide.loadedPackages) && job.code.includes(name))) return;
    const imported = runtime.imported_modules.callKwargs(job.code, { check: job.kind === "check" });
    const wanted = imported.toJs().filter((name) => name in packages && !(name in pyodide.loadedPackages));
    imported.destroy();
    for (const name of wanted) {
      const start = downloaded;
      progress = (loaded) => post({ type: "loading", what: name,
        fraction: Math.min(0.99, (loaded - start) / packages[name]) });
      post({ type: "loading", what: name, fraction: 0 });
      await pyodide.loadPackage(name, { messageCallback: () => {}, errorCallback: () => {} });
      // Imported once here, with nothing listening to its output: matplotlib's first import
      // builds a font cache and says so on stderr, which is not the student's output.
      if (name === "matplotlib") pyodide.runPython("import matplotlib.pyplot");
      progress = null;
    }
  }

  function toJs(proxy) {
    const value = proxy.toJs({ dict_converter: fromEntries });
    proxy.destroy();
    return value;
  }

  function alive() {
    try {
      pyodide.runPython("None");
      return true;
    } catch {
      return false;
    }
  }

  // A Run's changes to NumPy & co. are undone (runtime.tidy, a few ms) once its result is on its
  // way, and not at once: work on this thread right after a message is posted holds up its
  // delivery to the page on a two-core machine (about 1 ms measured). A job that comes sooner
  // tidies first. Should tidying fail, this Python is in no known state: it closes, and the
  // page starts another one when the next job goes unanswered.
  let untidy = null;
  function tidy() {
    cancel(untidy);
    untidy = null;
    try {
      runtime.tidy();
    } catch {
      closeWorker();
    }
  }

  async function runJob(id, job, control) {
    const post = (message) => send(control, { ...message, id });
    if (untidy !== null) tidy();
    await loadImports(job, post);
    output = makeOutput(post);
    post({ type: "running" });
    let result;
    try {
      result = job.kind === "run"
        ? toJs(runtime.run.callKwargs(job.code, { show: (src, alt) => output.figure(src, alt), tidy_later: true }))
        : toJs(runtime.grade(job.code, job.checks, job.function, job.exercise));
    } catch (error) { // a failure of the runner itself, not of the student's code
      result = { status: "crash", results: [], error: String(error?.message ?? error), note: null,
        all_passed: false, ok: false, value: null };
    }
    output.flush();
    output = null;
    // After a fatal error Pyodide cannot run anything again: the page must start a new worker.
    post({ type: "result", result, fatal: result.status === "crash" && !alive() });
    if (job.kind === "run") untidy = later(tidy, TIDY_AFTER_MS);
  }

  self.onmessage = ({ data, ports }) => {
    if (data?.type !== "init" || !ports[0]) return;
    self.onmessage = null; // from now on, only the control port speaks for the page
    const control = ports[0];
    control.onmessage = ({ data: message }) => {
      if (message?.type === "job") runJob(message.id, message.job, control);
    };
    boot(data, control).then(() => send(control, { type: "ready" }),
      (error) => send(control, { type: "failed", message: String(error?.message ?? error) }));
  };
})();
