// Entry point on every page (kept small): sets up whatever the current page holds, and tears it
// down when the page goes. Material's instant navigation swaps pages without reloading, so setup
// runs on each emission of Material's `document$`, with a fresh AbortController: every listener,
// editor and observer a page sets up is bound to its signal and ends when the next page comes.
// The editor and Python are imported only by pages that use them.
import { pageData } from "./contract.js";

const base = new URL(".", import.meta.url);

/** Resolves when the page is idle, or after `timeout` ms at the latest. */
const idle = (timeout = 3_000) => new Promise((resolve) => {
  if ("requestIdleCallback" in window) requestIdleCallback(resolve, { timeout });
  else setTimeout(resolve, 1);
});

// A #fragment's target stays where the reader sees it while the page settles: exercises,
// questions and illustrations mount, the editor replaces its text area, styles arrive, and each
// changes the height of what is above. Held until the reader scrolls, types or clicks, for at
// most HOLD_MS after the page opens or the fragment changes (a contents link, a link in the page).
const HOLD_MS = 10_000;
const READER_MOVES = ["wheel", "touchstart", "keydown", "pointerdown"];

function holdFragment(content, signal) {
  let release = null;
  const hold = () => {
    release?.();
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id && document.getElementById(id);
    if (!target) return;
    // Where the fragment's jump puts it (again: what mounted since the jump may have moved it).
    target.scrollIntoView();
    const top = target.getBoundingClientRect().top;
    const keep = () => {
      const moved = target.getBoundingClientRect().top - top;
      if (Math.abs(moved) > 0.5) window.scrollBy(0, moved);
    };
    const watch = new ResizeObserver(keep); // runs after layout, before paint: no visible jump
    watch.observe(content);
    const timer = setTimeout(() => release(), HOLD_MS);
    const stop = () => release();
    READER_MOVES.forEach((type) => window.addEventListener(type, stop, { capture: true, once: true }));
    release = () => {
      watch.disconnect();
      clearTimeout(timer);
      READER_MOVES.forEach((type) => window.removeEventListener(type, stop, { capture: true }));
      release = null;
    };
  };
  hold();
  // Material's instant navigation moves to a fragment of the same page itself (no hashchange
  // event); its `target$` tells of every new target, whichever way it came.
  const later = () => requestAnimationFrame(() => { if (!signal.aborted) hold(); });
  const targets = window.target$?.subscribe(later);
  if (!targets) window.addEventListener("hashchange", later, { signal });
  signal.addEventListener("abort", () => { targets?.unsubscribe(); release?.(); }, { once: true });
}

/** Start Python in the background on a page that links to exercises, when the reader will not
 * notice: the page is idle, and the connection is neither metered-by-choice nor slow. */
function prewarm(signal) {
  const connection = navigator.connection;
  if (connection?.saveData || /2g/.test(connection?.effectiveType ?? "")) return;
  const timer = setTimeout(() => idle(10_000).then(() => {
    if (!signal.aborted) import("./python/client.js").then(({ getPython }) => getPython().start());
  }), 2_000);
  signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
}

/** A table wider than the page scrolls sideways inside Material's wrapper; a keyboard user can
 * scroll it only if the wrapper takes the focus (WCAG 2.1.1), so a wide one is made a named,
 * focusable region, and stops being one when the window grows. */
function wideTables(content, signal) {
  const roles = { tabindex: "0", role: "region", "aria-label": "Table, scrolls sideways" };
  const mark = () => {
    for (const wrap of content.querySelectorAll(".md-typeset__scrollwrap")) {
      const wide = wrap.scrollWidth > wrap.clientWidth + 1;
      if (wide === wrap.hasAttribute("tabindex")) continue;
      for (const [name, value] of Object.entries(roles)) {
        if (wide) wrap.setAttribute(name, value);
        else wrap.removeAttribute(name);
      }
    }
  };
  const watch = new ResizeObserver(mark); // also runs once at the start, after Material wrapped the tables
  watch.observe(content);
  signal.addEventListener("abort", () => watch.disconnect(), { once: true });
}

async function setupPage(signal) {
  const data = pageData();
  if (!data) return;
  /** @type {HTMLElement} */
  const content = document.querySelector(".md-content") ?? document.body;
  holdFragment(content, signal);
  wideTables(content, signal);
  // An illustration is built when it nears the view: not while the lesson opens, when a phone's
  // main thread has the page itself to lay out. Where the browser has no scroll anchoring (Safari),
  // one built above a reader scrolling up would move the text: there, all are built once idle.
  /** @type {NodeListOf<HTMLElement>} */
  const widgets = content.querySelectorAll("[data-widget]:not([data-mounted])");
  const build = (/** @type {HTMLElement} */ node) => {
    import(new URL(`lesson/${node.dataset.widget}.js`, base).href).then((module) => {
      if (signal.aborted || node.dataset.mounted) return;
      node.dataset.mounted = "true";
      module.mount(node, { signal });
    });
  };
  whenNear(widgets, build, signal);
  if (!CSS.supports("overflow-anchor:auto")) idle().then(() => widgets.forEach(build));
  // A diagram's drawing waits in a <template> beside an empty picture of its size (diagrams.py).
  whenNear(content.querySelectorAll(".course-diagram"), (diagram) => {
    const drawing = diagram.querySelector("template");
    if (drawing) diagram.replaceChildren(drawing.content);
  }, signal);
  /** @type {HTMLElement|null} */
  const progressPage = content.querySelector("[data-progress-page]:not([data-mounted])");
  if (progressPage) {
    import("./progress-page.js").then(({ mount }) => {
      if (!signal.aborted) { progressPage.dataset.mounted = "true"; mount(progressPage, { signal }); }
    });
  }
  /** @type {NodeListOf<HTMLElement>} */
  const quizzes = content.querySelectorAll(".admonition.quiz[data-quiz]:not([data-mounted])");
  if (quizzes.length) {
    import("./quiz.js").then(({ mountQuiz }) => {
      if (!signal.aborted) quizzes.forEach((quiz) => mountQuiz(quiz, { signal }));
    });
  }
  /** @type {NodeListOf<HTMLElement>} */
  const found = content.querySelectorAll("[data-exercise]:not([data-mounted])");
  const exercises = [...found];
  if (!exercises.length) {
    if (data.prewarm) prewarm(signal);
    return;
  }
  // Run or Check clicked before its exercise is mounted (the page was just swapped in): kept,
  // and the exercise mounted at once (widgets/early.js does the same while a page parses).
  let mountNow = null;
  content.addEventListener("click", (event) => {
    const button = event.target instanceof Element && event.target.closest("[data-part=run], [data-part=check]");
    const exercise = button && /** @type {HTMLElement} */ (button.closest("[data-exercise]"));
    if (!exercise || exercise.dataset.mounted) return;
    exercise.dataset.pending = button.getAttribute("data-part");
    mountNow?.(exercise);
  }, { capture: true, signal });
  // Start loading Python first (in its worker, off this thread): the student will need it soon.
  const [{ getPython }, { mountExercise }, { mountPageProgress }] = await Promise.all([
    import("./python/client.js"), import("./exercise/mount.js"), import("./progress.js"),
  ]);
  if (signal.aborted) return;
  getPython().start();
  mountPageProgress(content, { signal });
  mountNow = (root) => mountExercise(root, data.exercises[root.dataset.exercise], { signal });
  exercises.filter((root) => root.dataset.pending).forEach(mountNow);
  // A long lesson then builds one or two editors at load instead of all of them.
  whenNear(exercises, mountNow, signal);
}

/** Calls `action` once for each node, as it comes within a screen or two of the viewport.
 * @param {Iterable<Element>} nodes @param {(node: HTMLElement) => void} action @param {AbortSignal} signal */
function whenNear(nodes, action, signal) {
  const near = new IntersectionObserver((entries) => {
    for (const entry of entries.filter((e) => e.isIntersecting)) {
      near.unobserve(entry.target);
      action(/** @type {HTMLElement} */ (entry.target));
    }
  }, { rootMargin: "1500px 0px" });
  for (const node of nodes) near.observe(node);
  signal.addEventListener("abort", () => near.disconnect(), { once: true });
}

let page = null;
function onPage() {
  page?.abort();
  page = new AbortController();
  setupPage(page.signal);
}

if (window.document$) window.document$.subscribe(onPage);
else onPage();
