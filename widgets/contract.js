// The contract between the site build (Python) and the browser code, and between the page and
// its Python worker, written down once. Each type names its Python side.
//
//   PageData           course/pages/plugin.py writes it into every page's <head> as JSON
//                      (its root and settings also as #course-boot, ahead of the stylesheets,
//                      for widgets/early.js: see course/pages/head.py)
//   Report, RunResult  course/engine/report.py (what Check and Run return, everywhere)
//   the worker protocol widgets/python/worker.js ⇄ widgets/python/client.js (below)

/**
 * @typedef {object} Settings  the course plugin's settings (course/pages/config.py)
 * @property {string} pyodideUrl     Pyodide's folder: absolute, or relative to the site's root
 * @property {number} timeLimit      seconds a Run or Check may run before the watchdog stops it
 * @property {string} storageKey     the course's name in storage (mkdocs.yml: storage_key)
 * @property {string} storagePrefix  every storage key of this site starts with it (one site
 *                                   address, one set of progress)
 * @property {Object<string, number>} packages  packages student code may import beyond NumPy,
 *                                   loaded on first import: {name: bytes to download}
 */

/**
 * @typedef {object} ExerciseData  course/exercises.py Exercise.to_browser(), plus the plugin's
 * @property {string} id
 * @property {string} title
 * @property {string} function       the name the checks call
 * @property {string[]} hints
 * @property {string[]} hintsHtml    the hints rendered from Markdown at build time
 * @property {string} starter
 * @property {string} starterHash    changes when the starter changes
 * @property {string} solution
 * @property {string} checks         the source of checks.py
 * @property {number} solutionAfter  failed Checks before the solution opens without asking
 */

/**
 * @typedef {object} PageData
 * @property {string} root           the site's root, relative to this page ("../")
 * @property {Settings} settings
 * @property {boolean} prewarm       start Python when idle: this page links to exercises
 * @property {Object<string, ExerciseData>} exercises  the exercises on this page, by id
 */

/** @typedef {"graded"|"import-error"|"timeout"|"crash"|"unreadable"} Status */
/** @typedef {{name: string, passed: boolean, message: string, likely: (string|null)}} CheckResult */
/**
 * @typedef {object} Report
 * @property {Status} status
 * @property {CheckResult[]} results
 * @property {string|null} error      why there are no results
 * @property {string|null} note       e.g. which shared modules the student's code changed
 * @property {boolean} all_passed     decided once, by the engine
 */
/** @typedef {{ok: boolean, value: (string|null), error: (string|null)}} RunResult */

/**
 * The worker protocol. The page starts the worker and posts it one message,
 *   {type: "init", pyodideUrl, engineUrl, packages}, transferring a MessagePort: the control port.
 * Everything after that travels on MessagePorts that the student's code cannot reach (it runs
 * in the worker and can post on the worker's own channel, which the page ignores after init):
 *
 * control port, worker → page:
 *   {type: "progress", loaded: number, stage?: "numpy"|"engine"} | {type: "ready"} | {type: "failed", message}
 * control port, page → worker:
 *   {type: "job", id: number, job: Job}
 * control port, worker → page, for job `id`, in this order (the first at once: the worker is
 * alive and listening); each message also carries `id` (a kept port, not one per job: a new
 * port costs 0.3 ms of every Run, measured):
 *   {type: "loading", what: string, fraction: number}    packages the code imports (matplotlib)
 *   {type: "running"}                                   the student's code starts: the watchdog starts
 *   {type: "output", chunks: OutputChunk[]}             as the code prints or shows a figure
 *   {type: "result", result: (RunResult|Report), fatal: boolean}   fatal: Python cannot go on
 *
 * @typedef {{kind: "run", code: string} |
 *   {kind: "check", code: string, checks: string, function: string, exercise: string}} Job
 * @typedef {{stream: "stdout"|"stderr", text: string} |
 *   {stream: "figure", src: string, alt: string}} OutputChunk
 */

let cached = null;

/**
 * The current page's PageData, or null on a page the course plugin did not build (404).
 * @returns {PageData|null}
 */
export function pageData() {
  const element = document.getElementById("course-page");
  if (!element) return null;
  if (cached?.element !== element) cached = { element, data: JSON.parse(element.textContent) };
  return cached.data;
}

/** A URL of this site: `path` relative to its root, or absolute. */
export function siteUrl(path = "") {
  return new URL(path, new URL(pageData().root, location.href));
}
