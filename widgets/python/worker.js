// The Python worker: boots Pyodide + NumPy off the main thread and runs Run/Check jobs.
// A classic worker (importScripts works with a cross-origin CDN on GitHub Pages).
// Stopping runaway code = the page terminates this worker and starts a new one, which
// needs no SharedArrayBuffer and therefore no special HTTP headers.
/* global loadPyodide */
"use strict";

let pyodide = null;
let runtime = null; // the Python module course.engine.runtime once booted
let output = null; // where stdout/stderr of the current job go

// Count downloaded bytes so the page can show real loading progress.
let downloaded = 0;
const realFetch = self.fetch.bind(self);
self.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  if (!response.ok || !response.body) return response;
  const counted = response.body.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      downloaded += chunk.byteLength;
      postMessage({ type: "progress", loaded: downloaded });
      controller.enqueue(chunk);
    },
  }));
  return new Response(counted, { status: response.status, statusText: response.statusText,
                                 headers: response.headers });
};

// Output is sent in batches: a print loop must not flood the page with messages.
const OUTPUT_LIMIT = 200_000;
function makeOutput(jobId) {
  let pending = [], sent = 0, timer = null;
  const flush = () => {
    timer = null;
    if (!pending.length) return;
    postMessage({ type: "stream", id: jobId, chunks: pending });
    pending = [];
  };
  return {
    write(stream, text) {
      if (sent >= OUTPUT_LIMIT) return;
      if (sent + text.length > OUTPUT_LIMIT) {
        text = text.slice(0, OUTPUT_LIMIT - sent)
          + "\n… output truncated (more than 200,000 characters)\n";
        sent = OUTPUT_LIMIT;
      } else {
        sent += text.length;
      }
      pending.push({ stream, text });
      timer ??= setTimeout(flush, 50);
    },
    flush() { clearTimeout(timer); flush(); },
  };
}

async function boot({ pyodideUrl, pythonUrl }) {
  const post = (stage) => postMessage({ type: "progress", stage, loaded: downloaded });
  post("runtime");
  importScripts(new URL("pyodide.js", pyodideUrl).href);
  // Fetch our Python modules ({file name: source}, written by the site build) while Pyodide boots.
  const sources = realFetch(pythonUrl).then((response) => {
    if (!response.ok) throw new Error(`could not fetch the course's Python (HTTP ${response.status})`);
    return response.json();
  });
  pyodide = await loadPyodide({ indexURL: pyodideUrl });
  // Unbuffered: print(..., end="") and a prompt without a newline appear at once, and a
  // megabyte printed as one line is not assembled character by character.
  for (const [stream, set] of [["stdout", "setStdout"], ["stderr", "setStderr"]]) {
    const decoder = new TextDecoder();
    pyodide[set]({ write: (bytes) => {
      output?.write(stream, decoder.decode(bytes, { stream: true }));
      return bytes.length;
    } });
  }
  pyodide.setStdin({ stdin: () => null }); // input() through builtins: EOFError, not a prompt()
  post("numpy");
  await pyodide.loadPackage("numpy", { messageCallback: () => {}, errorCallback: () => {} });
  post("checks");
  pyodide.FS.mkdirTree("/home/pyodide/course/engine");
  pyodide.FS.writeFile("/home/pyodide/course/__init__.py", "");
  for (const [name, text] of Object.entries(await sources)) {
    pyodide.FS.writeFile(`/home/pyodide/course/${name}`, text);
  }
  pyodide.runPython("import numpy, course.engine.runtime");
  runtime = pyodide.pyimport("course.engine.runtime");
  // print(..., end="") leaves text in Python's buffers: flush it at the end of every job.
  flushPython = () => pyodide.runPython("import sys; sys.stdout.flush(); sys.stderr.flush()");
}

let flushPython = () => {};

function toJs(proxy) {
  const value = proxy.toJs({ dict_converter: Object.fromEntries });
  proxy.destroy();
  return value;
}

self.onmessage = async ({ data }) => {
  if (data.type === "init") {
    try {
      await boot(data);
      postMessage({ type: "ready" });
    } catch (error) {
      postMessage({ type: "failed", message: String(error?.message ?? error) });
    }
    return;
  }
  output = makeOutput(data.id);
  let result;
  try {
    result = data.type === "run"
      ? toJs(runtime.run(data.code))
      : toJs(runtime.grade(data.code, data.checks, data.function, data.exercise));
    flushPython();
  } catch (error) { // a failure of the runner itself, not of the student's code
    result = { ok: false, status: "crash", results: [], error: String(error?.message ?? error) };
  }
  output.flush();
  output = null;
  // After a fatal error Pyodide cannot run anything again: the page must start a new worker.
  const fatal = result.status === "crash" && !alive();
  postMessage({ type: "result", id: data.id, result, fatal });
};

function alive() {
  try {
    pyodide.runPython("None");
    return true;
  } catch {
    return false;
  }
}
