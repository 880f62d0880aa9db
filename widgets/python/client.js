// The page's Python: one Web Worker running Pyodide, shared by every exercise and kept across
// Material's instant navigation. Jobs (Run, Check) run one at a time, in order.
//
// Stop and the watchdog terminate the worker. So that Python is back at once after a Stop, a
// spare worker boots in the background once the first one is ready (on devices reporting
// under 4 GB of memory, only when a job has run for a second, the case where a Stop may
// follow); Stop swaps the spare in and boots the next spare.
import config from "./config.js";

const EXPECTED_BYTES = 15.5e6; // Pyodide core + stdlib + NumPy, uncompressed
const SPARE_AFTER_MS = 1000;
const STALL_MS = 60_000;
const base = new URL(".", import.meta.url);
const settings = {
  pyodideUrl: new URL(config.pyodideUrl, base).href,
  pythonUrl: new URL("course-python.json", base).href,
};

class Boot {
  // One worker and the promise of it being ready. A download that makes no progress for
  // STALL_MS counts as failed, so the page offers Retry instead of waiting forever.
  // `early` is a worker the page's <head> already started (see course/mkdocs_plugin.py),
  // with the events it sent before this module loaded.
  constructor(onProgress, early = null) {
    this.worker = early?.worker ?? new Worker(new URL("worker.js", base));
    this.ready = new Promise((resolve, reject) => {
      let stall = null;
      const alive = () => {
        clearTimeout(stall);
        stall = setTimeout(() => {
          this.worker.terminate();
          reject(new Error(`no progress for ${STALL_MS / 1000} s (is the network down?)`));
        }, STALL_MS);
      };
      alive();
      this.worker.onmessage = ({ data }) => {
        alive();
        if (data.type === "progress") onProgress?.(data);
        else if (data.type === "ready") { clearTimeout(stall); resolve(); }
        else if (data.type === "failed") { clearTimeout(stall); reject(new Error(data.message)); }
      };
      this.worker.onerror = (event) => {
        event.preventDefault();
        clearTimeout(stall);
        reject(new Error(event.message || "the Python worker could not start"));
      };
    });
    this.ready.catch(() => {}); // observed through `state`; avoid unhandled-rejection noise
    if (early) { // replay after construction, before any newer message (a microtask)
      queueMicrotask(() => {
        for (const event of early.events) {
          (event.type === "error" ? this.worker.onerror : this.worker.onmessage)(event);
        }
      });
    } else {
      this.worker.postMessage({ type: "init", ...settings });
    }
  }
  terminate() { this.worker.terminate(); }
}

export class Python extends EventTarget {
  constructor() {
    super();
    this.status = { state: "idle", fraction: 0, text: "Python not loaded" };
    this.boot = null;
    this.spare = null;
    this.queue = [];
    this.current = null;
    this.nextId = 1;
  }

  setStatus(state, text, fraction = this.status.fraction) {
    this.status = { state, text, fraction };
    this.dispatchEvent(new CustomEvent("status", { detail: this.status }));
  }

  /** Start loading Pyodide (idempotent; also the Retry after a failed load). */
  start() {
    if (this.boot && this.status.state !== "failed") return;
    this.boot = this.spare ?? this.newBoot();
    this.spare = null;
    this.watch(this.boot);
  }

  newBoot() {
    const early = window.coursePythonEarly; // only the first boot of a page can adopt it
    delete window.coursePythonEarly;
    const boot = new Boot((progress) => {
      if (boot === this.boot && boot.pending && this.status.state === "loading") {
        const fraction = Math.min(0.99, progress.loaded / EXPECTED_BYTES);
        const stage = { numpy: "loading NumPy…", checks: "preparing checks…" }[progress.stage];
        this.setStatus("loading", stage ?? "loading Python…", fraction);
      }
    }, early);
    return boot;
  }

  /** Boot a spare worker in the background so that a Stop costs no reload. */
  ensureSpare() {
    this.spare ??= this.newBoot();
  }

  watch(boot) {
    boot.pending = true;
    this.setStatus("loading", "loading Python…", 0);
    boot.ready.then(() => {
      boot.pending = false;
      if (boot !== this.boot) return;
      this.setStatus("ready", "Python ready", 1);
      this.pump();
      if (!(navigator.deviceMemory < 4)) this.ensureSpare();
    }, (error) => {
      boot.pending = false;
      if (boot !== this.boot) return;
      this.setStatus("failed", `Python could not be loaded: ${error.message}`, 0);
      for (const job of this.queue.splice(0)) job.resolve({ kind: "unavailable", message: error.message });
    });
  }

  /**
   * Queue a job: {type: "run", code} or {type: "check", code, checks, function, exercise}.
   * Resolves to {kind: "result", result, restarted?} | {kind: "stopped", reason}
   * | {kind: "crashed", message} | {kind: "unavailable", message}.
   */
  submit(message, { owner, onStream, onStart } = {}) {
    this.start();
    return new Promise((resolve) => {
      this.queue.push({ message: { ...message, id: this.nextId++ }, owner, onStream, onStart, resolve });
      this.pump();
    });
  }

  /** Does `owner` have a job queued or running? */
  hasJob(owner) {
    return this.current?.owner === owner || this.queue.some((job) => job.owner === owner);
  }

  pump() {
    if (this.current || this.status.state !== "ready" || !this.queue.length) return;
    const job = (this.current = this.queue.shift());
    const { worker } = this.boot;
    job.onStart?.();
    job.spareTimer = setTimeout(() => this.ensureSpare(), SPARE_AFTER_MS);
    job.watchdog = setTimeout(() => this.stop("timeout", job.owner), config.timeLimit * 1000);
    worker.onmessage = ({ data }) => {
      if (data.id !== job.message.id) return;
      if (data.type === "stream") job.onStream?.(data.chunks);
      else if (data.type !== "result") return;
      else if (data.fatal) this.restart({ kind: "result", result: data.result, restarted: true });
      else this.finish({ kind: "result", result: data.result });
    };
    // An error the worker did not catch (it may be dead): never leave the job waiting.
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.current !== job) return; // between jobs: the worker itself still works
      this.restart({ kind: "crashed", message: event.message || "the Python worker crashed" });
    };
    worker.postMessage(job.message);
  }

  /** Replace the running worker with a fresh Python and end the current job with `outcome`. */
  restart(outcome) {
    this.boot.terminate();
    this.boot = null;
    this.start();
    this.finish(outcome);
  }

  finish(outcome) {
    const job = this.current;
    clearTimeout(job.spareTimer);
    clearTimeout(job.watchdog);
    this.current = null;
    job.resolve(outcome);
    this.pump();
  }

  get busy() { return Boolean(this.current); }

  /**
   * End `owner`'s job: a queued one is dropped; a running one ends by restarting Python
   * (reason "user" for the Stop button, "timeout" for the watchdog).
   */
  stop(reason = "user", owner = this.current?.owner) {
    const queued = this.queue.findIndex((job) => job.owner === owner);
    if (queued >= 0 && this.current?.owner !== owner) {
      this.queue.splice(queued, 1)[0].resolve({ kind: "stopped", reason });
      return;
    }
    if (!this.current) return;
    this.restart({ kind: "stopped", reason, limit: config.timeLimit });
  }
}

let shared = null;
/** The one Python of this browsing session (it survives instant navigation). */
export function getPython() {
  shared ??= new Python();
  return shared;
}
