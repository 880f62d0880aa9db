"""Benchmark the course site against bare Pyodide, in one run, on one machine.

    .venv/bin/python bench/run.py [--runs 5] [--clicks 10] [--quick] [--no-lighthouse]
                                  [--lighthouse-runs 3] [--json F] [--markdown F]

Builds the site the way the deploy workflow does (site_url = the address it is served from,
under /vision-course/, so Material's instant navigation runs; Pyodide self-hosted from the
offline distribution) plus one short page that holds only the sigmoid-loss exercise, serves it
gzip-compressed as GitHub Pages does, together with bench/bare.html (Pyodide + NumPy in a Web
Worker, one call: the floor), and drives headless Chromium. Every measure is repeated and
reported as median and min–max. Cold measures use a fresh browser context (empty cache and
storage); the lesson, one-exercise and bare runs are interleaved, so all three see the same
machine state. No routing: the browser's HTTP cache works as a student's does.

Measures (times are performance.now() inside the page, from navigation start):

- open → editor interactive, open → first Check result (ratio to bare), main-thread blocking
  and the longest task until then: the SigLIP 2 lesson and the one-exercise page, --runs each
- the student's path: the home page open 10 s (Python starts when the page is idle), then a
  click on "Start with SigLIP 2" (instant navigation), then Check on its first exercise:
  click → result; and what the home page downloaded meanwhile
- second visit: the lesson opened again in the same browser profile, kept on disk as a
  student's browser keeps it (HTTP cache and WebAssembly code cache warm), open → first
  result, against the bare page's second visit
- warm Check and warm Run click → result, the Run with the spare Python booting and ready,
  against the bare page's warm call; warm Check of every exercise with its reference solution;
  each click or call 300 ms after the previous answer (GAP_MS)
- Stop on `while True: pass` → the next Run's result
- matplotlib: Run → first figure, cold (download and import) and warm; the bytes it adds
- bytes (gzip -9) of our own JS/CSS, the editor, the theme and other third-party JS/CSS, and
  what pages without exercises load
- Lighthouse 12.2.3 (npm, pinned, driving the same Chromium), mobile: performance and
  accessibility of every page, with first paint, largest paint, total blocking time, layout
  shift and what fails; the median of 3 runs per page (`--lighthouse-runs`)
- `mkdocs build --strict` wall time: the plain config (Pyodide from the CDN, as `make build`)
  and self-hosted (COURSE_PYODIDE_DIR, as `make serve`)

Prints a Markdown report (machine, tables with the targets of the issues) to stdout; progress
goes to stderr. --markdown FILE writes the report to FILE; if FILE holds the markers
`<!-- bench:begin -->` and `<!-- bench:end -->`, each alone on a line, only the text between
them is replaced.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tools"))

from sitebuild import CHROMIUM, CHROMIUM_ARGS, SUB_PATH, Server, build_site, local_pyodide  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page

EX = "siglip-2/sigmoid-loss"
ROOT_SEL = f'[data-exercise="{EX}"]'
LESSONS = ("siglip-2/", "sam-3/")
NO_EXERCISE_PAGES = ("", "glossary/")  # the home page and the glossary
ALL_PAGES = ("", "siglip-2/", "sam-3/", "glossary/", "progress/", "instructors/", "contributing/",
             "performance/")
LIGHTHOUSE = "lighthouse@12.2.3"  # 13.x needs Node 22; pinned, from npm, run with npx
# Lighthouse's own advice is to take the median of several runs: on this machine one run's
# performance score moves by ten points and more (87-98, blocking time 194-452 ms, for one
# build of the SigLIP 2 lesson within an hour).
LIGHTHOUSE_RUNS = 3
READER_MS = 10_000  # how long a reader stays on the home page before opening the first lesson
# Warm measures click (ours) or call (the bare page) this long after the previous answer, as a
# student's next click comes: never within a few milliseconds of a result. (The worker ends a
# Run's world 50 ms after sending its result; a job sent sooner waits for that, 2-5 ms.)
GAP_MS = 300
PLOT = ("import matplotlib.pyplot as plt\nimport numpy as np\nx = np.linspace(0, 6, 50)\n"
        "lines = plt.plot(x, np.sin(x))\nplt.show()\n")
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"

# The harness waits for a time the page records itself (window.__firstResult, the bare page's
# firstResultAt) by polling on a timer. Playwright's default, a poll on every animation frame,
# makes the page draw a frame every 16 ms while Python loads, which no reader's browser does: on
# the lesson each frame costs about 0.6 ms of compositing, and the cold open measured 0.25 s
# slower that way (6 interleaved rounds, 2026-11-30), the bare page the same.
POLL_MS = 100

# Installed before any page script: long-task accounting and a timestamp for the first report.
INIT = """
window.__blocking = 0;
window.__longest = 0;
new PerformanceObserver((list) => {
  if (window.__firstResult) return; // counted until the first result
  for (const e of list.getEntries()) {
    window.__blocking += Math.max(0, e.duration - 50);
    window.__longest = Math.max(window.__longest, e.duration);
  }
}).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  if (!window.__firstResult && document.querySelector(".course-report"))
    window.__firstResult = performance.now();
}).observe(document, { subtree: true, childList: true });
// When the typed "#" reached the exercise's code (the draft textarea or the editor).
document.addEventListener("input", () => { window.__typedAt ??= performance.now(); }, true);
"""

# Where a student would click to type: the exercise's editor, or the draft textarea the page
# was parsed with; scrolled to at once (no waiting for the page to settle), as a reader would.
TYPING_SPOT = """
(selector) => {
  const root = document.querySelector(selector);
  const target = root?.querySelector(".cm-content") ?? root?.querySelector(".course-exercise__draft");
  if (!target) return null;
  target.scrollIntoView({ block: "center" });
  const box = target.getBoundingClientRect();
  const x = box.x + Math.min(60, box.width / 2), y = box.y + Math.min(12, box.height / 2);
  return target.contains(document.elementFromPoint(x, y)) || document.elementFromPoint(x, y) === target
    ? { x, y } : null;
}
"""

# Wait until performance.now() >= `at` (0: at once) and `gap` ms have passed, click a button,
# and resolve with {ms, at}: the ms until the output area holds `want`, and when the click
# happened.
CLICK_TO_RESULT = """
async ([selector, name, want, at, gap]) => {
  const root = document.querySelector(selector);
  const out = root.querySelector(".course-exercise__output");
  const button = [...root.querySelectorAll("button")].find((b) => b.textContent === name);
  await new Promise((wake) => setTimeout(wake, Math.max(gap, at - performance.now())));
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${selector}: no ${want} 60 s after ${name}`));
    }, 60_000);
    const observer = new MutationObserver(() => {
      if (!out.querySelector(want)) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve({ ms: performance.now() - start, at: start });
    });
    observer.observe(out, { subtree: true, childList: true, characterData: true });
    button.click();
  });
}
"""

# Resolves once the page's Python and its background spare are ready (the spare boots right
# after the first; a warm measure taken while it boots would share the CPU with it).
SETTLE = """
async () => {
  const python = window.coursePython;  // the page's own Python (widgets/python/client.js)
  await python.boot?.ready;
  python.ensureSpare();
  await python.spare?.ready.catch(() => {});
}
"""


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --- statistics and formatting ------------------------------------------------------------

def spread(values: list[float], digits: int = 1) -> dict:
    """Median, min, max and count of a measure's repetitions."""
    return {"median": round(statistics.median(values), digits), "min": round(min(values), digits),
            "max": round(max(values), digits), "n": len(values)}


def ratio(ours: dict, floor: dict) -> float:
    """ours / floor, of the medians."""
    return round(ours["median"] / max(floor["median"], 0.1), 3)


def fmt_time(value: float) -> str:
    """A duration in ms: one decimal under 10 ms, none above."""
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def fmt(s: dict, unit: str = "ms") -> str:
    """'8.14 s (7.90–8.52)' or '38 ms (35–44)' (ms from 1000 up shown in s); no range for one run."""
    if unit == "ms" and s["median"] < 1000:
        def show(value: float) -> str:
            return fmt_time(value)
    else:
        scale = 1000 if unit == "ms" else 1
        unit = "s"

        def show(value: float) -> str:
            return f"{value / scale:.2f}"
    middle = f"{show(s['median'])} {unit}"
    return middle if s["n"] == 1 else f"{middle} ({show(s['min'])}–{show(s['max'])})"


def verdict(met: bool, detail: str = "") -> str:
    """The 'met?' cell."""
    word = "yes" if met else "**no**"
    return f"{word} ({detail})" if detail else word


# --- the site and the machine ---------------------------------------------------------------

def bench_config(tmp: Path, config: Path | None) -> Path:
    """The site plus one short page holding only the sigmoid-loss exercise, like the peers'
    measurements: it separates the runner's cost from a long lesson page's own."""
    source = (config or ROOT / "mkdocs.yml").resolve()
    docs = tmp / "docs"
    shutil.copytree(source.parent / "docs", docs)
    (docs / "bench-one.md").write_text(f'# One exercise\n\n{{{{ exercise("{EX}") }}}}\n')
    text = source.read_text()
    text = re.sub(r"^  - course\.pages\.markdown\b.*$",
                  f"  - course.pages.markdown:\n      exercises_dir: {source.parent / 'exercises'}",
                  text, count=1, flags=re.M)
    text = text.replace("  - course:\n", f"  - course:\n      widgets_dir: {source.parent / 'widgets'}\n")
    text += f"\ndocs_dir: {docs}\nnot_in_nav: |\n  /bench-one.md\n"
    (tmp / "node_modules").symlink_to(source.parent / "node_modules")
    (tmp / "mkdocs.yml").write_text(text)
    return tmp / "mkdocs.yml"


def build_bench_site(tmp: Path, config: Path | None, url: str) -> Path:
    """Build the benchmark's site into tmp/www/vision-course for the address `url` (its
    site_url) and add the bare page next to it."""
    site = tmp / "www" / SUB_PATH
    done = build_site(site, site_url=url, config_file=bench_config(tmp, config))
    if done.returncode:
        sys.exit(done.stderr)
    (site / "_bench").mkdir()
    for name in ("bare.html", "bare-worker.js"):
        shutil.copy(HERE / name, site / "_bench" / name)
    return site


def time_builds(tmp: Path, config: Path | None, runs: int) -> dict[str, dict]:
    """Wall time of `mkdocs build --strict` as a contributor runs it, into a fresh directory
    each time: the plain config (Pyodide from the CDN) and self-hosted (COURSE_PYODIDE_DIR:
    also copies Pyodide's core and NumPy, ~15 MB, into the site). Interleaved."""
    config = (config or ROOT / "mkdocs.yml").resolve()
    mkdocs = Path(sys.executable).with_name("mkdocs")
    command = [str(mkdocs)] if mkdocs.exists() else [sys.executable, "-m", "mkdocs"]
    plain = {k: v for k, v in os.environ.items() if not k.startswith("COURSE_PYODIDE")}
    plain["NO_MKDOCS_2_WARNING"] = "1"
    variants = {"plain": plain, "self_hosted": {**plain, "COURSE_PYODIDE_DIR": str(local_pyodide())}}
    times: dict[str, list[float]] = {name: [] for name in variants}
    for run in range(runs):
        for name, env in variants.items():
            log(f"mkdocs build --strict ({name}) {run + 1}/{runs}")
            out = tmp / f"build-{name}-{run}"
            start = time.perf_counter()
            done = subprocess.run([*command, "build", "--strict", "--site-dir", str(out),
                                   "--config-file", str(config)],
                                  cwd=config.parent, env=env, capture_output=True, text=True)
            times[name].append(time.perf_counter() - start)
            if done.returncode:
                sys.exit(f"mkdocs build --strict ({name}) failed:\n{done.stderr}")
            shutil.rmtree(out)
    return {name: spread(values, 2) for name, values in times.items()}


def machine(browser: Browser, site: Path) -> dict:
    """What the numbers were measured on."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines()
              if line.startswith("model name")]
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    ram_kb = next((int(line.split()[1]) for line in meminfo.splitlines()
                   if line.startswith("MemTotal:")), 0)
    lock = json.loads((site / "assets" / "pyodide" / "pyodide-lock.json").read_text())
    return {
        "cpu": models[0] if models else "unknown CPU",
        "cpus": os.cpu_count(),
        "ram_gb": round(ram_kb / 1024**2, 1),
        "chromium": browser.version,
        "pyodide": lock["info"]["version"],
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_start": round(os.getloadavg()[0], 2),
    }


# --- page weight ------------------------------------------------------------------------------

def kind_of(path: str) -> str:
    """Who a served file belongs to: pyodide, editor, own, theme, third_party or page."""
    if path.startswith("assets/pyodide/"):
        return "pyodide"  # the Python runtime, loaded by the worker: measured by time
    if path.startswith("assets/course/"):
        return "editor" if path.endswith("/editor.js") else "own"  # editor: CodeMirror 6 from npm
    if path.startswith(("assets/javascripts/", "assets/stylesheets/")):
        return "theme"  # Material for MkDocs itself, the same for every MkDocs peer
    if path.startswith("assets/vendor/"):
        return "third_party"  # Mermaid, for a diagram with no drawing (none in a strict build)
    return "page"  # HTML, images, fonts, the search index


def weigh(site: Path, base: str, requests: list[str]) -> dict:
    """Requests and gzip sizes of what a visitor loaded, by owner. JS/CSS counts per owner;
    `all_kb_gz` is every file but Pyodide's (each distinct URL once)."""
    gz = {"own": 0, "editor": 0, "theme": 0, "third_party": 0}
    total, pyodide, external, seen = 0, 0, 0, set()
    for url in requests:
        if not url.startswith(base):
            external += 1
            continue
        path = url[len(base):].split("#")[0].split("?")[0]
        kind = kind_of(path)
        pyodide += kind == "pyodide"
        file = site / path
        if file.is_dir():
            file = file / "index.html"
        if kind == "pyodide" or url in seen or not file.is_file():
            continue
        seen.add(url)
        size = len(gzip.compress(file.read_bytes(), 9))
        total += size
        if kind in gz and file.suffix in (".js", ".css"):
            gz[kind] += size
    return {
        "requests": len(requests),
        "external_requests": external,
        "pyodide_requests": pyodide,
        "worker_js": any(u.split("?")[0].endswith("/assets/course/python/worker.js") for u in requests),
        "editor_js": any(u.split("?")[0].endswith("/assets/course/editor.js") for u in requests),
        **{f"{kind}_kb_gz": round(size / 1024, 1) for kind, size in gz.items()},
        "own_bytes_gz": gz["own"],  # the budget is held against bytes: a rounded 25.0 can be over
        "all_kb_gz": round(total / 1024, 1),
    }


def page_weight(browser: Browser, site: Path, url: str, path: str) -> dict:
    """Open a page in a fresh context, wait until the network is idle, scroll through it to the
    end a screen at a time (as a reader would: what is built as it nears the view loads then)
    and let it idle again; weigh every request made, workers' included."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(url + path, wait_until="networkidle")
    page.evaluate("""async () => {
        const frame = () => new Promise(requestAnimationFrame);
        while (scrollY + innerHeight < document.documentElement.scrollHeight - 1) {
            scrollBy(0, innerHeight);
            await frame(); await frame();
        }
    }""")
    page.wait_for_timeout(1000)
    page.wait_for_load_state("networkidle")
    context.close()
    return weigh(site, url, requests)


def heaviest_before_click(site: Path, base: str, visits: list[dict]) -> dict:
    """What the cold visits of the lesson loaded before their first click, by owner (KB gzip),
    for the visit that loaded the most editor and third-party code. The editor loads when the
    code is first typed into, so whether it arrives before the Check click differs from visit
    to visit: the budget is held against the heaviest. `editor_runs`: visits that had it."""
    weights = [{k: v for k, v in weigh(site, base, visit["requests"]).items() if k.endswith("_kb_gz")}
               for visit in visits]
    heaviest = max(weights, key=lambda w: w["editor_kb_gz"] + w["third_party_kb_gz"])
    return {**heaviest, "editor_runs": sum(w["editor_kb_gz"] > 0 for w in weights), "runs": len(weights)}


def bare_weight() -> float:
    """KB (gzip) of the bare page's own HTML + JS: the floor for our own code."""
    size = sum(len(gzip.compress((HERE / n).read_bytes(), 9)) for n in ("bare.html", "bare-worker.js"))
    return round(size / 1024, 1)


# --- browser measures ---------------------------------------------------------------------------

def click(page: Page, selector: str, name: str, want: str, at: float = 0, gap: float = 0) -> dict:
    """Click `name` in the exercise at `selector` (at performance.now() = `at`, and `gap` ms
    from now at the earliest); {ms, at}."""
    return page.evaluate(CLICK_TO_RESULT, [selector, name, want, at, gap])


def warm_click(page: Page, selector: str, name: str, want: str) -> float:
    """A warm click, GAP_MS after the previous answer: ms to the result."""
    return click(page, selector, name, want, gap=GAP_MS)["ms"]


def settle(page: Page, selector: str) -> None:
    """Wait until the exercise shows Python ready and the background spare has booted too."""
    page.wait_for_selector(f'{selector}[data-python="ready"]', timeout=120_000)
    page.evaluate(SETTLE)


def cold_site(browser: Browser, url: str, path: str) -> dict:
    """One cold visit: open → editor interactive → Check → first result; blocking; requests."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.add_init_script(INIT)
    page.goto(url + path, wait_until="commit")
    root = page.locator(ROOT_SEL)
    editor_ms = type_first_key(page)
    before_click = list(requests)
    root.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function("() => window.__firstResult && document.querySelector('.course-report')",
                           timeout=120_000, polling=POLL_MS)
    first = page.evaluate("window.__firstResult")
    blocking = page.evaluate("window.__blocking")
    longest = page.evaluate("window.__longest")
    context.close()
    return {"editor": editor_ms, "first": first, "blocking": blocking, "longest": longest,
            "requests": before_click}


def type_first_key(page: Page) -> float:
    """Click into the exercise's code as soon as it is on screen and type "#"; return when the
    keystroke reached the code (ms since navigation). The code is typeable from the moment it
    is parsed (a draft textarea that the editor takes over when it mounts). Raw mouse and
    keyboard input: Playwright's own click would first wait for the page to stop moving."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    typed = f"""() => {{
        const root = document.querySelector('{ROOT_SEL}');
        const code = root?.courseEditor?.getCode() ?? root?.querySelector('.course-exercise__draft')?.value;
        return Boolean(code?.includes('#'));
    }}"""
    for _ in range(40):  # a layout shift can move the spot between finding it and clicking
        spot = page.wait_for_function(TYPING_SPOT, arg=ROOT_SEL, polling="raf").json_value()
        page.mouse.click(spot["x"], spot["y"])
        page.keyboard.press("End")
        page.keyboard.type("#")
        try:
            page.wait_for_function(typed, timeout=1000)
            return page.evaluate("window.__typedAt")
        except PlaywrightTimeout:
            continue
    raise RuntimeError("could not type into the exercise's code")


def cold_bare(browser: Browser, url: str) -> tuple[float, list[float]]:
    """One cold visit of the bare page: open → first result, then 10 warm calls (GAP_MS apart)."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "_bench/bare.html")
    page.wait_for_function("() => window.firstResultAt", timeout=120_000, polling=POLL_MS)
    value = page.evaluate("window.firstResultAt")
    warm = [page.evaluate("""(gap) => new Promise((resolve) => setTimeout(() => {
        const start = performance.now();
        window.worker.onmessage = () => resolve(performance.now() - start);
        window.worker.postMessage({ code: "import numpy as np\\nfloat(np.logaddexp(0, -np.eye(2)).sum())" });
    }, gap))""", GAP_MS) for _ in range(10)]
    context.close()
    return value, warm


def stop_trial(page: Page) -> float:
    """Run `while True: pass` for 1.5 s, press Stop, Run `2 + 2`: ms from Stop to its result."""
    # A spare Python boots in the background after each (re)start; give it the time a
    # student spends between two runaway loops (a few seconds) before the next trial.
    page.wait_for_timeout(8000)
    page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('while True:\\n    pass')")
    page.locator(ROOT_SEL).get_by_role("button", name="Run", exact=True).click()
    page.wait_for_timeout(1500)
    stop_at = page.evaluate("performance.now()")
    page.locator(ROOT_SEL).get_by_role("button", name="Stop", exact=True).click()
    page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('2 + 2')")
    click(page, ROOT_SEL, "Run", ".course-exercise__value")
    return page.evaluate("performance.now()") - stop_at


def warm_site(browser: Browser, url: str, clicks: int, trials: int) -> dict:
    """Warm Check (starter code) and warm Run (`1 + 1`) on sigmoid-loss; then Stop trials."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "siglip-2/")
    page.locator(ROOT_SEL).scroll_into_view_if_needed()
    settle(page, ROOT_SEL)
    check = [warm_click(page, ROOT_SEL, "Check", ".course-report") for _ in range(clicks)]
    page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('1 + 1')")
    run = [warm_click(page, ROOT_SEL, "Run", ".course-exercise__value") for _ in range(clicks)]
    stops = [stop_trial(page) for _ in range(trials)]
    context.close()
    return {"check": check, "run": run, "stop": stops}


def warm_check_lesson(browser: Browser, url: str, lesson: str, clicks: int) -> dict[str, dict]:
    """Warm Check of every exercise on a lesson page, with the reference solution (the
    build embeds exercises/<id>/solution.py in the page's JSON) in the editor: one warm-up
    click, then `clicks` clicks. Records whether the solution passed and how many checks ran."""
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url + lesson)
    exercises = page.evaluate(
        "() => JSON.parse(document.getElementById('course-page').textContent).exercises")
    ids = list(exercises)
    found: dict[str, dict] = {}
    for number, exercise_id in enumerate(ids):
        log(f"warm Check {exercise_id} ({number + 1}/{len(ids)} on {lesson})")
        selector = f'[data-exercise="{exercise_id}"]'
        root = page.locator(selector)
        root.scroll_into_view_if_needed()
        root.locator(".cm-content").wait_for(timeout=60_000)
        settle(page, selector)
        root.evaluate("(node, code) => node.courseEditor.setCode(code)", exercises[exercise_id]["solution"])
        click(page, selector, "Check", ".course-report")  # warm-up
        passed = root.locator(".course-report.is-pass").count() == 1
        checks = root.locator(".course-report__list > li").count()
        times = [warm_click(page, selector, "Check", ".course-report") for _ in range(clicks)]
        found[exercise_id] = {**spread(times), "solution_passed": passed, "checks": checks}
    context.close()
    if errors:
        sys.exit(f"uncaught errors on {lesson}: {errors}")
    return found


def first_exercise(page: Page) -> str:
    """The selector of the first exercise on the current page (from the page's JSON)."""
    first = page.evaluate("() => Object.keys(JSON.parse(document.getElementById('course-page')"
                          ".textContent).exercises)[0]")
    return f'[data-exercise="{first}"]'


def student_path(browser: Browser, url: str) -> dict:
    """The home page open READER_MS (a reader reading; Python starts when the page is idle),
    then a click on "Start with SigLIP 2" (instant navigation) and Check on the lesson's first
    exercise: {ms: click on Check → result, home_kb: what the home page downloaded meanwhile,
    python: the Python's state when the lesson opened, same_document: instant navigation ran}."""
    context = browser.new_context()
    sizes: list[int] = []
    context.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.evaluate("() => { window.__sameDocument = true; }")
    page.wait_for_function(f"() => performance.now() >= {READER_MS}", timeout=READER_MS + 60_000,
                           polling=250)
    home_kb = sum(sizes) / 1024
    python = page.evaluate("() => window.coursePython?.status.state ?? 'not started'")
    page.get_by_role("link", name="Start with SigLIP 2").first.click()
    page.wait_for_function("() => document.querySelector('link[rel=canonical]').href.endsWith('/siglip-2/')")
    same_document = page.evaluate("() => window.__sameDocument === true")
    selector = first_exercise(page)
    root = page.locator(selector)
    root.scroll_into_view_if_needed()
    root.get_by_role("button", name="Check", exact=True).wait_for()
    result = click(page, selector, "Check", ".course-report")
    context.close()
    return {"ms": result["ms"], "home_kb": home_kb, "python": python, "same_document": same_document}


def home_cost(browser: Browser, url: str, seconds: float = 30) -> dict:
    """What the home page costs a reader who never opens a lesson: bytes it downloads in
    `seconds` (Python included, prewarmed when the page is idle) and main-thread blocking."""
    context = browser.new_context()
    sizes: list[int] = []
    context.on("requestfinished", lambda r: sizes.append(r.sizes()["responseBodySize"]))
    page = context.new_page()
    page.add_init_script(INIT)
    page.goto(url, wait_until="load")
    page.wait_for_function(f"() => performance.now() >= {seconds * 1000}", timeout=seconds * 1000 + 60_000,
                           polling=500)
    found = {"kb": sum(sizes) / 1024, "blocking": page.evaluate("window.__blocking"),
             "python": page.evaluate("() => window.coursePython?.status.state ?? 'not started'")}
    context.close()
    return found


READING_MS = 10_000  # how long the first visit stays once it has its result, as a reader does


@contextlib.contextmanager
def own_profile(browser: Browser) -> Iterator[BrowserContext]:
    """A browser profile kept on disk, as a student's own browser keeps one. A context from
    browser.new_context() is off the record: Chromium keeps no WebAssembly code cache there, so
    a second visit in it compiles Python again, which a student's browser does not."""
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        context = browser.browser_type.launch_persistent_context(
            folder, executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield context
        finally:
            context.close()


def second_visit(browser: Browser, url: str, path: str) -> float:
    """Open → first Check result on the second visit of a page in the same browser profile
    (HTTP cache and code cache warm, storage kept). The first visit stays READING_MS after its
    result, as a reader does: Chromium stores Python's compiled code a few seconds after it
    starts running."""
    with own_profile(browser) as context:
        for visit in range(2):  # the first visit fills the caches; the second is measured
            page = context.new_page()
            page.add_init_script(INIT)
            page.goto(url + path, wait_until="commit")
            type_first_key(page)
            page.locator(ROOT_SEL).get_by_role("button", name="Check", exact=True).click()
            page.wait_for_function("() => window.__firstResult && document.querySelector('.course-report')",
                                   timeout=120_000, polling=POLL_MS)
            first = page.evaluate("window.__firstResult")
            if visit == 0:
                page.wait_for_timeout(READING_MS)
            page.close()
    return first


def second_visit_bare(browser: Browser, url: str) -> float:
    with own_profile(browser) as context:
        for visit in range(2):
            page = context.new_page()
            page.goto(url + "_bench/bare.html")
            page.wait_for_function("() => window.firstResultAt", timeout=120_000, polling=POLL_MS)
            first = page.evaluate("window.firstResultAt")
            if visit == 0:
                page.wait_for_timeout(READING_MS)
            page.close()
    return first


def warm_run_with_spare(browser: Browser, url: str, clicks: int) -> dict[str, list[float]]:
    """Warm Run (`1 + 1`) click → result while the spare Python boots (its boot started just
    before the click: the worst case) and once it is ready."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "siglip-2/")
    page.locator(ROOT_SEL).scroll_into_view_if_needed()
    settle(page, ROOT_SEL)
    page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('1 + 1')")
    click(page, ROOT_SEL, "Run", ".course-exercise__value")  # warm-up
    booting, ready = [], []
    for _ in range(clicks):
        page.wait_for_timeout(GAP_MS)  # the gap first: the spare's boot starts just before the click
        page.evaluate("""() => { const python = window.coursePython;
            python.spare?.terminate(); python.spare = null; python.ensureSpare(); }""")
        booting.append(click(page, ROOT_SEL, "Run", ".course-exercise__value")["ms"])
        page.evaluate(SETTLE)
        ready.append(warm_click(page, ROOT_SEL, "Run", ".course-exercise__value"))
    context.close()
    return {"booting": booting, "ready": ready}


def plot_times(browser: Browser, url: str) -> dict:
    """Run → first figure: cold (matplotlib downloaded and imported) and warm; and the bytes
    the download adds (what the browser received for matplotlib and its dependencies)."""
    context = browser.new_context()
    wheels: list[int] = []
    context.on("requestfinished", lambda r: "/assets/pyodide/" in r.url and r.url.endswith(".whl")
               and "numpy" not in r.url and wheels.append(r.sizes()["responseBodySize"]))
    page = context.new_page()
    page.goto(url + "siglip-2/")
    page.locator(ROOT_SEL).scroll_into_view_if_needed()
    settle(page, ROOT_SEL)
    page.evaluate("(code) => document.querySelector('" + ROOT_SEL + "').courseEditor.setCode(code)", PLOT)
    cold = click(page, ROOT_SEL, "Run", ".course-exercise__figure img")["ms"]
    warm = [warm_click(page, ROOT_SEL, "Run", ".course-exercise__figure img") for _ in range(3)]
    context.close()
    return {"cold": cold, "warm": warm, "kb": sum(wheels) / 1024}


def lighthouse(url: str, path: str) -> dict:
    """Lighthouse's mobile run (its defaults: 4 × CPU slowdown, slow 4G, simulated) of one page:
    scores, the main metrics and what fails."""
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(
        ["npx", "--yes", LIGHTHOUSE, url + path, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=performance,accessibility",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
        capture_output=True, text=True, env=env, timeout=600)
    if done.returncode:
        return {"error": done.stderr[-500:]}
    result = json.loads(done.stdout)
    audits = result["audits"]
    failing_a11y = sorted(ref["id"] for ref in result["categories"]["accessibility"]["auditRefs"]
                          if ref["weight"] and audits[ref["id"]]["score"] not in (1, None))
    breakdown = audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])
    bootup = audits.get("bootup-time", {}).get("details", {}).get("items", [])
    return {
        "performance": round(result["categories"]["performance"]["score"] * 100),
        "accessibility": round(result["categories"]["accessibility"]["score"] * 100),
        **{key: audits[audit]["numericValue"] for key, audit in (
            ("fcp_ms", "first-contentful-paint"), ("lcp_ms", "largest-contentful-paint"),
            ("tbt_ms", "total-blocking-time"), ("cls", "cumulative-layout-shift"),
            ("si_ms", "speed-index"))},
        "dom_size": audits.get("dom-size", {}).get("numericValue"),
        "failing_accessibility": failing_a11y,
        "main_thread": [[item["groupLabel"], round(item["duration"])] for item in breakdown[:3]],
        "scripts": [[item["url"].rsplit("/", 1)[-1], round(item["total"])] for item in bootup[:3]],
    }


def lighthouse_pages(url: str, runs: int) -> dict[str, dict]:
    """Every page `runs` times, round by round (a slow spell of the machine then falls on several
    pages rather than on all the runs of one); per page, the run with the median performance
    score (the lower middle one for an even count), with every run's score in "scores"."""
    found: dict[str, list[dict]] = {page: [] for page in ALL_PAGES}
    for round_number in range(runs):
        for page in ALL_PAGES:
            log(f"Lighthouse (mobile): {page_name(page)} ({round_number + 1}/{runs})")
            found[page].append(lighthouse(url, page))
    chosen = {}
    for page, results in found.items():
        scored = sorted((r for r in results if "error" not in r), key=lambda r: r["performance"])
        if not scored:
            chosen[page] = results[0]  # every run failed: the first error is reported
            continue
        chosen[page] = {**scored[(len(scored) - 1) // 2], "scores": [r["performance"] for r in scored]}
    return chosen


def cold_runs(browser: Browser, url: str, runs: int) -> dict[str, list]:
    """--runs cold visits of the lesson, the one-exercise page and the bare page, interleaved."""
    found: dict[str, list] = {"lesson": [], "one": [], "bare": [], "bare_warm": []}
    for run in range(runs):
        log(f"cold run {run + 1}/{runs}: lesson, one-exercise page, bare page")
        found["lesson"].append(cold_site(browser, url, "siglip-2/"))
        found["one"].append(cold_site(browser, url, "bench-one/"))
        value, warm_calls = cold_bare(browser, url)
        found["bare"].append(value)
        found["bare_warm"].extend(warm_calls)
    return found


# --- results --------------------------------------------------------------------------------

def cold_summary(visits: list[dict], bare: list[float]) -> dict:
    """Spreads of one page's cold visits, and its ratio to the bare page (of the medians and
    per run: runs are interleaved, so run i of both saw the same machine state)."""
    first = spread([v["first"] for v in visits])
    return {
        "open_to_editor_interactive_ms": spread([v["editor"] for v in visits]),
        "open_to_first_checked_result_ms": first,
        "main_thread_blocking_ms": spread([v["blocking"] for v in visits]),
        "longest_task_ms": spread([v["longest"] for v in visits]),
        "ratio_first_result_vs_bare": ratio(first, spread(bare)),
        "ratio_per_run": spread([v["first"] / b for v, b in zip(visits, bare, strict=True)], 3),
    }


def collect(args: argparse.Namespace, browser: Browser, site: Path, url: str) -> dict:
    """Every browser measure, in one browser, against one server."""
    info = machine(browser, site)
    cold = cold_runs(browser, url, args.runs)
    log(f"the student's path: home page {READER_MS / 1000:.0f} s, click to the lesson, Check "
        f"({args.runs} runs)")
    path = [student_path(browser, url) for _ in range(args.runs)]
    log("what the home page costs a reader who stays there")
    home = home_cost(browser, url)
    log(f"second visits ({args.runs} runs each, lesson and bare page)")
    second, second_bare = [], []
    for _ in range(args.runs):  # interleaved, as the cold visits are
        second.append(second_visit(browser, url, "siglip-2/"))
        second_bare.append(second_visit_bare(browser, url))
    log("warm Check / Run and Stop trials on sigmoid-loss")
    warm = warm_site(browser, url, args.clicks, args.runs)
    log("warm Run with the spare Python booting and ready")
    spare = warm_run_with_spare(browser, url, args.clicks)
    per_exercise: dict[str, dict] = {}
    for lesson in LESSONS:
        per_exercise.update(warm_check_lesson(browser, url, lesson, args.clicks))
    log("matplotlib: Run → first figure")
    plots = [plot_times(browser, url) for _ in range(max(1, args.runs // 2))]
    log("page weights")
    pages = {path: page_weight(browser, site, url, path) for path in (*LESSONS, *NO_EXERCISE_PAGES)}
    bare, bare_warm = spread(cold["bare"]), spread(cold["bare_warm"])
    lighthouse_runs = {} if args.no_lighthouse else lighthouse_pages(url, args.lighthouse_runs)
    return {
        "machine": info,
        "runs": args.runs,
        "clicks": args.clicks,
        **cold_summary(cold["lesson"], cold["bare"]),
        "bare_pyodide_open_to_first_result_ms": bare,
        "one_exercise_page": cold_summary(cold["one"], cold["bare"]),
        "student_path_click_to_result_ms": spread([r["ms"] for r in path]),
        "student_path_instant": all(r["same_document"] for r in path),
        "student_path_python_at_click": sorted({r["python"] for r in path}),
        "student_path_home_kb": spread([r["home_kb"] for r in path]),
        "home_page_30s": {k: round(v, 1) if isinstance(v, float) else v for k, v in home.items()},
        "second_visit_first_result_ms": spread(second),
        "bare_second_visit_ms": spread(second_bare),
        "ratio_second_visit_vs_bare": ratio(spread(second), spread(second_bare)),
        "warm_check_ms": spread(warm["check"]),
        "warm_run_ms": spread(warm["run"]),
        "warm_run_spare_booting_ms": spread(spare["booting"]),
        "warm_run_spare_ready_ms": spread(spare["ready"]),
        "bare_warm_call_ms": bare_warm,
        "ratio_warm_run_vs_bare": ratio(spread(warm["run"]), bare_warm),
        "ratio_warm_run_spare_booting_vs_bare": ratio(spread(spare["booting"]), bare_warm),
        "ratio_warm_run_spare_ready_vs_bare": ratio(spread(spare["ready"]), bare_warm),
        "warm_check_per_exercise_ms": per_exercise,
        "plot_cold_ms": spread([p["cold"] for p in plots]),
        "plot_warm_ms": spread([ms for p in plots for ms in p["warm"]]),
        "plot_kb": round(plots[0]["kb"], 1),
        "stop_to_next_result_ms": {**spread(warm["stop"]), "each": [round(s) for s in warm["stop"]]},
        "before_first_click": heaviest_before_click(site, url, cold["lesson"]),
        "pages": pages,
        "bare_own_kb_gz": bare_weight(),
        "lighthouse": lighthouse_runs,
        "lighthouse_runs": args.lighthouse_runs,
    }


def page_name(path: str) -> str:
    """A page's short name in the tables: 'glossary/' -> 'glossary', '' -> 'home'."""
    return path.strip("/") or "home"


def target_rows(r: dict) -> list[list[str]]:
    """The issues' targets: measure | ours | bare floor, same run | target | met?"""
    bare = fmt(r["bare_pyodide_open_to_first_result_ms"])
    warm_bare = fmt(r["bare_warm_call_ms"])
    rows = []
    path = r["student_path_click_to_result_ms"]
    instant = "yes" if r["student_path_instant"] else "**no**"
    rows.append([f"home page open {READER_MS / 1000:.0f} s, click to the SigLIP 2 lesson (instant "
                 f"navigation: {instant}), Check: click → result",
                 fmt(path), warm_bare, "≤ 300 ms", verdict(path["median"] <= 300)])
    for label, cold in (("SigLIP 2 lesson", r), ("one-exercise page", r["one_exercise_page"])):
        x, per_run = cold["ratio_first_result_vs_bare"], cold["ratio_per_run"]
        spread_text = "" if per_run["n"] == 1 else f", per run {per_run['min']:.2f}–{per_run['max']:.2f}"
        rows.append([f"cold open → first Check result, {label}",
                     fmt(cold["open_to_first_checked_result_ms"]), bare, "≤ 1.10 × bare",
                     verdict(x <= 1.10, f"{x:.2f} × bare{spread_text}")])
    rows.append(["main-thread blocking, open → first result, SigLIP 2 lesson",
                 fmt(r["main_thread_blocking_ms"]), "0 ms", "≤ 300 ms",
                 verdict(r["main_thread_blocking_ms"]["median"] <= 300)])
    rows.append(["longest task, open → first result, SigLIP 2 lesson", fmt(r["longest_task_ms"]),
                 "0 ms", "≤ 200 ms", verdict(r["longest_task_ms"]["median"] <= 200)])
    for key, label in (("warm_run_spare_booting_ms", "spare Python booting"),
                       ("warm_run_spare_ready_ms", "spare ready")):
        x = ratio(r[key], r["bare_warm_call_ms"])
        rows.append([f"warm Run click → result (`1 + 1`), {label}", fmt(r[key]), warm_bare,
                     "≤ 1.2 × bare", verdict(x <= 1.2, f"{x:.2f} × bare")])
    second, x = r["second_visit_first_result_ms"], r["ratio_second_visit_vs_bare"]
    rows.append(["second visit (own profile: HTTP and code cache warm): open → first Check result,"
                 " SigLIP 2 lesson", fmt(second), fmt(r["bare_second_visit_ms"]), "close to bare",
                 verdict(x <= 1.10, f"{x:.2f} × bare")])
    per_exercise = r["warm_check_per_exercise_ms"]
    worst_id = max(per_exercise, key=lambda i: per_exercise[i]["median"])
    failed = [i for i, e in per_exercise.items() if not e["solution_passed"]]
    met = per_exercise[worst_id]["median"] <= 100 and not failed
    detail = f"slowest {worst_id}" + (f"; solution failed: {', '.join(failed)}" if failed else "")
    rows.append([f"warm Check, every exercise of both lessons ({len(per_exercise)}, table below)",
                 f"slowest median {fmt_time(per_exercise[worst_id]['median'])} ms", warm_bare,
                 "≤ 100 ms median each", verdict(met, detail)])
    own = {page_name(p): r["pages"][p]["own_bytes_gz"] for p in LESSONS}
    rows.append(["our own JS + CSS on a lesson page (gzip)",
                 ", ".join(f"{name} {size / 1024:.2f} KB ({size:,} B)" for name, size in own.items()),
                 f"{r['bare_own_kb_gz']:.1f} KB", "≤ 25 KB (25,600 B)",
                 verdict(max(own.values()) <= 25 * 1024)])
    lighthouse_runs = r["lighthouse"]
    if lighthouse_runs:
        scores = {page_name(p): v for p, v in lighthouse_runs.items() if "error" not in v}
        worst_perf = min(scores.values(), key=lambda v: v["performance"])["performance"]
        worst_a11y = min(scores.values(), key=lambda v: v["accessibility"])["accessibility"]
        rows.append([f"Lighthouse mobile, performance, every page (median of {r['lighthouse_runs']} runs, "
                     "table below)", f"lowest {worst_perf}", "–", "≥ 90", verdict(worst_perf >= 90)])
        rows.append(["Lighthouse mobile, accessibility, every page", f"lowest {worst_a11y}", "–", "100",
                     verdict(worst_a11y == 100)])
    builds = r["build_strict_s"]
    for name, label in (("plain", "`mkdocs build --strict` (as `make build`)"),
                        ("self_hosted", "`mkdocs build --strict`, Pyodide self-hosted (as `make serve`)")):
        rows.append([label, fmt(builds[name], "s"), "–", "≤ 10 s", verdict(builds[name]["median"] <= 10)])
    return rows


def other_rows(r: dict) -> list[list[str]]:
    """Measures without a target of their own, or with the peers' goals."""
    one = r["one_exercise_page"]
    stop = r["stop_to_next_result_ms"]
    before = r["before_first_click"]
    third = before["editor_kb_gz"] + before["third_party_kb_gz"]
    idle_third = {p: r["pages"][p]["editor_kb_gz"] + r["pages"][p]["third_party_kb_gz"] for p in LESSONS}
    home = r["home_page_30s"]
    rows = [
        ["open → editor interactive, SigLIP 2 lesson", fmt(r["open_to_editor_interactive_ms"]),
         "–", "≤ 0.5 s", verdict(r["open_to_editor_interactive_ms"]["median"] <= 500)],
        ["open → editor interactive, one-exercise page", fmt(one["open_to_editor_interactive_ms"]),
         "–", "≤ 0.5 s", verdict(one["open_to_editor_interactive_ms"]["median"] <= 500)],
        ["main-thread blocking / longest task, one-exercise page",
         f"{fmt(one['main_thread_blocking_ms'])} / {fmt(one['longest_task_ms'])}", "0 ms", "–", "–"],
        ["warm Run click → result (`1 + 1`), spare settled", fmt(r["warm_run_ms"]),
         fmt(r["bare_warm_call_ms"]), "≤ 1.2 × bare",
         verdict(r["ratio_warm_run_vs_bare"] <= 1.2, f"{r['ratio_warm_run_vs_bare']:.2f} × bare")],
        [f"warm Check click → result ({EX}, starter code)", fmt(r["warm_check_ms"]),
         fmt(r["bare_warm_call_ms"]), "≤ 100 ms", verdict(r["warm_check_ms"]["median"] <= 100)],
        ["Stop (runaway loop) → next Run result", fmt(stop), "–", "≤ 2 s, every trial",
         verdict(stop["max"] <= 2000, f"{sum(s <= 2000 for s in stop['each'])}/{stop['n']}")],
        ["matplotlib: Run → first figure, first plot of the session (download + import)",
         fmt(r["plot_cold_ms"]), "–", "–", "–"],
        ["matplotlib: Run → first figure, warm", fmt(r["plot_warm_ms"]), "–", "–", "–"],
        ["matplotlib: bytes it adds to the download (as served, gzip)", f"{r['plot_kb'] / 1024:.1f} MB",
         "–", "only when code imports it", "–"],
        [f"home page, a reader who stays {30} s: bytes downloaded (Python started when idle), "
         "main-thread blocking", f"{home['kb'] / 1024:.1f} MB, {fmt_time(home['blocking'])} ms "
         f"(Python: {home['python']})", "–", "–", "–"],
        ["third-party JS/CSS before the first click, heaviest cold visit (editor incl., theme excl.)",
         f"{third:.1f} KB (editor {before['editor_kb_gz']:.1f} KB, loaded before the click in "
         f"{before['editor_runs']} of {before['runs']} visits)", "0 KB", "≤ 150 KB",
         verdict(third <= 150)],
        ["Material theme JS/CSS before the first click (same for every MkDocs site)",
         f"{before['theme_kb_gz']:.1f} KB", "0 KB", "–", "–"],
        ["third-party JS/CSS once a lesson is idle and scrolled through (editor incl.; "
         "diagrams come drawn)",
         ", ".join(f"{page_name(p)} {kb:.0f} KB" for p, kb in idle_third.items()), "0 KB", "–", "–"],
    ]
    for path in NO_EXERCISE_PAGES:
        p = r["pages"][path]
        rows.append([f"requests / bytes on a page without exercises ({page_name(path)}), until idle",
                     f"{p['requests']} requests, {p['all_kb_gz']:.0f} KB gz "
                     f"(JS+CSS: own {p['own_kb_gz']:.1f}, theme {p['theme_kb_gz']:.0f}, "
                     f"other {p['third_party_kb_gz']:.0f} KB)", "–", "no editor",
                     verdict(not p["editor_js"])])
    return rows


def lighthouse_rows(r: dict) -> list[list[str]]:
    rows = []
    for path, v in r["lighthouse"].items():
        if "error" in v:
            rows.append([page_name(path), "error", v["error"][:80], "", "", "", "", ""])
            continue
        scores = v.get("scores", [v["performance"]])
        spread_text = f" ({min(scores)}–{max(scores)})" if len(scores) > 1 else ""
        rows.append([page_name(path), f"{v['performance']}{spread_text}", str(v["accessibility"]),
                     f"{v['fcp_ms'] / 1000:.1f} s", f"{v['lcp_ms'] / 1000:.1f} s", f"{v['tbt_ms']:.0f} ms",
                     f"{v['cls']:.3f}", f"{v['dom_size']:.0f}"])
    return rows


def lighthouse_detail_rows(r: dict) -> list[list[str]]:
    """Where each page's main thread goes, and what its accessibility audit found: a table of
    their own, so that the scores' table fits a page without scrolling sideways."""
    return [[page_name(path), "; ".join(f"{label} {ms} ms" for label, ms in v["main_thread"]),
             ", ".join(v["failing_accessibility"]) or "–"]
            for path, v in r["lighthouse"].items() if "error" not in v]


def exercise_rows(r: dict) -> list[list[str]]:
    """One row per exercise: warm Check with the reference solution."""
    rows = []
    for exercise_id, e in r["warm_check_per_exercise_ms"].items():
        passed = f"{e['checks']} passed" if e["solution_passed"] else f"**failed** ({e['checks']} checks)"
        rows.append([f"`{exercise_id}`", passed, fmt(e), verdict(e["median"] <= 100)])
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join([*lines, *("| " + " | ".join(row) + " |" for row in rows)])


def report(r: dict) -> str:
    """The Markdown report: machine line, the issue's targets, the other measures, per exercise."""
    m = r["machine"]
    head = (f"Measured {m['date']} on {m['cpu']} × {m['cpus']} CPUs, {m['ram_gb']:.0f} GB RAM "
            f"(load average {m['load_average_start']} at start, {m['load_average_end']} at end); "
            f"Chromium {m['chromium']}, Pyodide {m['pyodide']}. Runs per cold, student-path, Stop and "
            f"build measure: {r['runs']}; clicks per warm measure: {r['clicks']} after a warm-up. "
            f"Median (min–max).")
    columns = ["measure", "ours", "bare floor, same run", "target", "met?"]
    parts = [
        head,
        table(columns, target_rows(r)),
        "Also measured:",
        table(columns, other_rows(r)),
        "Warm Check of each exercise, reference solution in the editor:",
        table(["exercise", "checks", "click → result", "≤ 100 ms?"], exercise_rows(r)),
    ]
    if r["lighthouse"]:
        parts += [f"Lighthouse ({LIGHTHOUSE.split('@')[1]}, mobile: 4 × CPU slowdown, slow 4G, simulated), "
                  f"served with gzip as GitHub Pages serves; {r['lighthouse_runs']} runs per page, the pages "
                  "in turn; each row is the run with the median performance score (the range of all "
                  "runs' scores in brackets):",
                  table(["page", "performance", "accessibility", "first paint", "largest paint",
                         "total blocking", "layout shift", "DOM elements"], lighthouse_rows(r)),
                  table(["page", "main thread, the three largest kinds of work",
                         "accessibility audits failed"],
                        lighthouse_detail_rows(r))]
    return "\n\n".join(parts) + "\n"


def write_markdown(path: Path, text: str) -> None:
    """Write the report to `path`; if `path` has the bench markers, each alone on a line, write
    it between them instead and leave the rest of the file as it is."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    begin = re.search(rf"^{re.escape(BEGIN)}[ \t]*$", old, re.M)
    end = re.search(rf"^{re.escape(END)}[ \t]*$", old, re.M)
    if begin and end and begin.end() < end.start():
        # Blank lines around the report: the last table must end before the end marker.
        text = old[:begin.end()] + "\n\n" + text + "\n" + old[end.start():]
    path.write_text(text, encoding="utf-8")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="cold/student-path/Stop/build repetitions")
    parser.add_argument("--clicks", type=int, default=10, help="clicks per warm measure (after a warm-up)")
    parser.add_argument("--quick", action="store_true", help="for development: --runs 1 --clicks 3")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--lighthouse-runs", type=int, default=LIGHTHOUSE_RUNS,
                        help="Lighthouse runs per page; the report keeps the median run")
    parser.add_argument("--json", type=Path, help="also write every number to this JSON file")
    parser.add_argument("--markdown", type=Path, help="write the report here (between the bench "
                        "markers if the file has them)")
    parser.add_argument("--config", type=Path, help="mkdocs.yml to build (default: the repo's)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.clicks, args.lighthouse_runs = 1, 3, 1
    return args


def main() -> None:
    args = parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        (tmp / "www").mkdir()
        with Server(tmp / "www", SUB_PATH, gzip=True) as server, sync_playwright() as playwright:
            log("building the benchmark's site")
            site = build_bench_site(tmp, args.config, server.url)
            builds = time_builds(tmp, args.config, args.runs)
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results = collect(args, browser, site, server.url)
            browser.close()
    results["build_strict_s"] = builds
    results["machine"]["load_average_end"] = round(os.getloadavg()[0], 2)
    text = report(results)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    if args.markdown:
        write_markdown(args.markdown, text)


if __name__ == "__main__":
    main()
