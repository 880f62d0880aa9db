// Inlined into every page's <head> (course/pages/plugin.py), before Material's bundle runs.
// Material starts its search worker as soon as its bundle runs, and the worker at once builds
// the whole site's search index (lunr, over about 250 KB of text): 0.3–0.7 s of CPU that, on a
// 2-core laptop, Python starting beside it goes without (cold open → first Check, interleaved
// runs: the lesson 4.21 → 3.98 s with this stand-in; the one-exercise page 4.05 → 3.83 s with
// the worker removed altogether).
// So the worker Material asks for is created for real only when the reader opens search, or
// once the page has been idle a few seconds with no Python starting. What Material
// posts to it meanwhile (the index) waits here, and is delivered in order.
{ // a block: its names stay out of the globals every classic script shares
  const RealWorker = window.Worker;
  const SEARCH_WORKER = /\/assets\/javascripts\/workers\/search\.[\w.]+\.js$/;
  const FIRST_LOOK_MS = 3_000; // after `load`: a page that starts Python when idle has started it
  const LOOK_AGAIN_MS = 1_000; // while Python is starting
  /** @type {(() => void)[]} */
  const waiting = [];
  const state = { started: null }; // {at: ms since navigation, why: "reader" | "idle"}: for the tests
  window.courseSearchWorker = state;

  const start = (why) => {
    if (state.started) return;
    state.started = { at: performance.now(), why };
    waiting.splice(0).forEach((open) => open());
  };

  /** Stands in for Material's search worker until `start`; Material only posts to it and
   * listens to it (RxJS `fromEvent`, i.e. addEventListener), which is what it offers. */
  class SearchWorker extends EventTarget {
    /** @param {string | URL} url @param {WorkerOptions} [options] */
    constructor(url, options) {
      super();
      /** @type {Worker | null} */
      this.worker = null;
      /** @type {[any, Transferable[]][]} */
      this.queue = [];
      const open = () => {
        const worker = (this.worker = new RealWorker(url, options));
        worker.addEventListener("message", (event) => this.dispatchEvent(new MessageEvent("message", { data: event.data })));
        worker.addEventListener("error", (event) => this.dispatchEvent(new ErrorEvent("error", event)));
        this.queue.splice(0).forEach(([message, transfer]) => worker.postMessage(message, transfer));
      };
      if (state.started) open(); // search was opened before Material's bundle asked for it
      else waiting.push(open);
    }

    postMessage(message, transfer = []) {
      if (this.worker) this.worker.postMessage(message, transfer);
      else this.queue.push([message, transfer]);
    }

    terminate() {
      this.worker?.terminate();
      this.queue = [];
    }
  }

  window.Worker = /** @type {typeof Worker} */ (/** @type {unknown} */ (function Worker(url, options) {
    if (!new.target) throw new TypeError("Worker must be called with new");
    // Resolved now: Material gives an address relative to this page, and by the time the worker
    // is created, instant navigation may have moved to another page.
    const address = new URL(url, document.baseURI);
    return SEARCH_WORKER.test(address.pathname)
      ? new SearchWorker(address, options) : new RealWorker(url, options);
  }));
  window.Worker.prototype = RealWorker.prototype; // `instanceof Worker` holds for real workers

  // The reader reaches for search: Material's search toggle opens (the header's search button
  // is a label for it; focus in the search field or a keyboard shortcut opens it too).
  document.addEventListener("change", (event) => {
    if (event.target instanceof HTMLInputElement && event.target.id === "__search") start("reader");
  }, { capture: true });

  // Otherwise once the page is idle and no Python is starting (widgets/early.js starts one in the
  // <head> of a page with exercises; widgets/page.js, one when idle on a page linking to them).
  const pythonStarting = () => (window.coursePython
    ? window.coursePython.status.state === "loading" : Boolean(window.coursePythonEarly));
  const look = () => {
    if (state.started) return;
    if (pythonStarting()) setTimeout(look, LOOK_AGAIN_MS);
    else if ("requestIdleCallback" in window) requestIdleCallback(() => start("idle"), { timeout: 5_000 });
    else start("idle");
  };
  window.addEventListener("load", () => setTimeout(look, FIRST_LOOK_MS), { once: true });
}
