// The page's Python: one Web Worker running Pyodide, shared by every exercise and kept across
// Material's instant navigation (this module lives as long as the document). Jobs (Run, Check)
// run one at a time, in order.
//
// Stop and the watchdog terminate the worker. So that Python is back at once after a Stop, a
// spare worker boots in the background, when it cannot slow the student's own code down: once
// the page is idle after a job, or while a job has been running for a second (the case where
// a Stop may follow). Stop swaps the spare in.
import { pageData, siteUrl } from "../contract.js";

const EXPECTED_BYTES = 15.5e6; // Pyodide core + stdlib + NumPy, uncompressed
const STALL_MS = 60_000; // a download with no progress for this long has failed
const ANSWER_MS = 5_000; // a worker that does not acknowledge a job within this is dead or deaf
const SPARE_AFTER_MS = 1_000; // a job running this long boots the spare (a Stop may follow)
const SPARE_IDLE_MS = 2_000; // otherwise the spare boots this long after the last job, when idle
const QUIET_MS = 700; // no byte downloaded for this long while loading: Python is busy starting

/** One worker, its control port and the promise of it being ready. */
class Boot {
  /** @type {boolean} true until the worker is ready or failed */
  pending = false;
  /** @type {((message: {id: number, type: string, [key: string]: any}) => void) | null} gets the jobs' messages */
  onJob = null;

  /**
   * @param {(message: {loaded: number, stage?: string}) => void} onProgress
   * @param {Window["coursePythonEarly"]} [early]  a worker the page's <head> started
   */
  constructor(onProgress, early = null) {
    if (early) {
      ({ worker: this.worker, port: this.port } = early);
    } else {
      this.worker = new Worker(siteUrl("assets/course/python/worker.js"));
      const channel = new MessageChannel();
      this.port = channel.port1;
      const { settings } = pageData();
      this.worker.postMessage({ type: "init", pyodideUrl: siteUrl(settings.pyodideUrl).href,
        engineUrl: siteUrl("assets/course/engine.json").href, packages: settings.packages },
      [channel.port2]);
    }
    this.worker.onmessage = null; // whatever student code posts on the worker's own channel
    this.ready = new Promise((resolve, reject) => {
      let stall = null;
      const alive = () => {
        clearTimeout(stall);
        stall = setTimeout(() => {
          this.worker.terminate();
          reject(new Error(`no progress for ${STALL_MS / 1000} s (is the network down?)`));
        }, STALL_MS);
      };
      const handle = (message) => {
        if (message.id !== undefined) { this.onJob?.(message); return; }
        alive();
        if (message.type === "progress") onProgress(message);
        else if (message.type === "ready") { clearTimeout(stall); resolve(); }
        else if (message.type === "failed") { clearTimeout(stall); reject(new Error(message.message)); }
      };
      alive();
      this.port.onmessage = ({ data }) => handle(data);
      this.worker.onerror = (event) => {
        event.preventDefault();
        handle({ type: "failed", message: event.message || "the Python worker could not start" });
      };
      // What it said before this module loaded: replayed once the constructor has returned.
      if (early) queueMicrotask(() => early.events.splice(0).forEach(handle));
    });
    this.ready.catch(() => {}); // observed through the status; no unhandled-rejection noise
  }

  terminate() { this.worker.terminate(); }
}

export class Python extends EventTarget {
  constructor() {
    super();
    this.status = { state: "idle", fraction: 0, text: "Python not loaded" };
    this.boot = null;
    this.spare = null;
    this.spareTimer = null;
    this.queue = [];
    this.current = null;
    this.jobs = 0; // the last job's id
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
    let quiet = null;
    const boot = new Boot((progress) => {
      if (boot !== this.boot || !boot.pending || this.status.state !== "loading") return;
      const fraction = Math.min(0.99, progress.loaded / EXPECTED_BYTES);
      const stage = { numpy: "loading NumPy…", engine: "preparing the checks…" }[progress.stage];
      this.setStatus("loading", stage ?? "loading Python…", fraction);
      // Between downloads Python works without a byte to count (starting up, unpacking NumPy):
      // the bar then says it is busy instead of standing still at some percentage.
      clearTimeout(quiet);
      quiet = setTimeout(() => {
        if (boot === this.boot && boot.pending) {
          this.setStatus("loading", stage ?? "starting Python…", null);
        }
      }, QUIET_MS);
    }, early);
    boot.ready.then(() => clearTimeout(quiet), () => clearTimeout(quiet));
    return boot;
  }

  /** Boot a spare worker, so that a Stop costs no reload. */
  ensureSpare() {
    clearTimeout(this.spareTimer);
    if (!this.spare && this.boot && this.status.state === "ready") this.spare = this.newBoot();
  }

  /** Boot the spare once the page has been idle for a while and no job is running. */
  spareWhenIdle() {
    if (this.spare || navigator.deviceMemory < 4) return; // small devices: only for a Stop
    clearTimeout(this.spareTimer);
    this.spareTimer = setTimeout(() => {
      const boot = () => !this.current && !this.queue.length && this.ensureSpare();
      if ("requestIdleCallback" in window) requestIdleCallback(boot, { timeout: 5_000 });
      else boot();
    }, SPARE_IDLE_MS);
  }

  watch(boot) {
    boot.pending = true;
    this.setStatus("loading", "loading Python…", 0);
    boot.ready.then(() => {
      boot.pending = false;
      if (boot !== this.boot) return;
      this.setStatus("ready", "Python ready", 1);
      this.pump();
      if (!this.current) this.spareWhenIdle();
    }, (error) => {
      boot.pending = false;
      if (boot !== this.boot) return;
      this.setStatus("failed", `Python could not be loaded: ${error.message.replace(/\.$/, "")}.`, 0);
      for (const job of this.queue.splice(0)) job.resolve({ kind: "unavailable", message: error.message });
    });
  }

  /**
   * Queue a job (see Job in contract.js). Resolves to {kind: "result", result, restarted?}
   * | {kind: "stopped", reason, limit?} | {kind: "crashed", message} | {kind: "unavailable", message}.
   * `onEvent(message)` receives the job's "loading", "running" and "output" messages; `onStart()`
   * is called when the job leaves the queue.
   * @param {import("../contract.js").Job} job
   * @param {{owner?: any, onEvent?: (message: object) => void, onStart?: () => void}} [hooks]
   */
  submit(job, { owner, onEvent, onStart } = {}) {
    this.start();
    return new Promise((resolve) => {
      this.queue.push({ job, owner, onEvent, onStart, resolve, attempts: 0 });
      this.pump();
    });
  }

  /** Is another owner's job running (so `owner`'s queued job must wait for it)? */
  waitingFor(owner) {
    return Boolean(this.current && this.current.owner !== owner);
  }

  pump() {
    if (this.current || this.status.state !== "ready" || !this.queue.length) return;
    const entry = (this.current = this.queue.shift());
    clearTimeout(this.spareTimer);
    entry.onStart?.();
    const id = ++this.jobs;
    // A worker that never acknowledges the job was closed or silenced by the code before it.
    entry.answer = setTimeout(() => this.deaf(entry), ANSWER_MS);
    this.boot.onJob = (data) => {
      if (this.current !== entry || data.id !== id) return;
      clearTimeout(entry.answer); // the job's first message comes at once: the worker listens
      if (data.type === "running") {
        entry.spareTimer = setTimeout(() => this.ensureSpare(), SPARE_AFTER_MS);
        entry.watchdog = setTimeout(() => this.stop("timeout", entry.owner),
          pageData().settings.timeLimit * 1000);
        entry.onEvent?.(data);
      } else if (data.type === "result") {
        if (data.fatal) this.restart({ kind: "result", result: data.result, restarted: true });
        else this.finish({ kind: "result", result: data.result });
      } else {
        entry.onEvent?.(data);
      }
    };
    this.boot.worker.onerror = (event) => { // an error the worker did not catch: it may be dead
      event.preventDefault();
      if (this.current === entry) this.restart({ kind: "crashed", message: event.message || "the Python worker crashed" });
    };
    this.boot.port.postMessage({ type: "job", id, job: entry.job });
  }

  /** The worker did not answer: replace it and run the job again, once. */
  deaf(entry) {
    if (this.current !== entry) return;
    this.boot.terminate();
    this.boot = null;
    this.current = null;
    this.clearTimers(entry);
    if (entry.attempts++ < 1) {
      entry.restarted = "silent";
      this.queue.unshift(entry);
    } else {
      entry.resolve({ kind: "crashed", message: "Python stopped answering" });
    }
    this.start();
  }

  /** Replace the running worker with a fresh Python and end the current job with `outcome`. */
  restart(outcome) {
    this.boot.terminate();
    this.boot = null;
    this.start();
    this.finish(outcome);
  }

  clearTimers(entry) {
    clearTimeout(entry.answer);
    clearTimeout(entry.spareTimer);
    clearTimeout(entry.watchdog);
  }

  finish(outcome) {
    const entry = this.current;
    this.clearTimers(entry);
    this.current = null;
    entry.resolve(entry.restarted ? { ...outcome, silentRestart: true } : outcome);
    this.pump();
    if (!this.current) this.spareWhenIdle();
  }


  /**
   * End `owner`'s job: a queued one is dropped; a running one ends by restarting Python
   * (reason "user" for the Stop button, "timeout" for the watchdog, "page" when its page left).
   */
  stop(reason = "user", owner = this.current?.owner) {
    const queued = this.queue.filter((entry) => entry.owner === owner);
    this.queue = this.queue.filter((entry) => entry.owner !== owner);
    queued.forEach((entry) => entry.resolve({ kind: "stopped", reason }));
    if (this.current?.owner === owner) {
      this.restart({ kind: "stopped", reason, limit: pageData()?.settings.timeLimit });
    }
  }
}

let shared = null;
/** The one Python of this document (it survives instant navigation). */
export function getPython() {
  shared ??= new Python();
  window.coursePython = shared; // for the tests and the benchmark
  return shared;
}
