"""Benchmark the exercise runner against bare Pyodide, in one run, on one server.

    python bench/run.py [--runs 5] [--json out.json]

Builds the site (Pyodide self-hosted from the offline distribution), serves it on 127.0.0.1
together with bench/bare.html (Pyodide + NumPy in a Web Worker, one call: the floor), and
measures in headless Chromium, fresh browser context per cold run, medians over --runs:

- open → editor interactive (a click and a keypress in the editor are handled), on the
  SigLIP 2 lesson (a long page) and on a page holding just that exercise
- open → first checked result, Check pressed as soon as the button exists (cold)
- open → first result on the bare page; the ratio of the two
- main-thread blocking from open to the first result (sum of long tasks' time over 50 ms)
- warm Check and warm Run click → result; warm call on the bare page
- click → result with the page open 5 s (preloaded)
- Stop on `while True: pass` (run for 1.5 s) → next Run's result, 5 trials 8 s apart
- bytes (gzip) of our own JS/CSS and of third-party JS/CSS loaded before the first click

Times are performance.now() inside the page, as in ../shared/reference/peers-2026-11-27.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from sitebuild import CHROMIUM, CHROMIUM_ARGS, Server, build_site  # noqa: E402

EX = "siglip-2/sigmoid-loss"
ROOT_SEL = f'[data-exercise="{EX}"]'

# Installed before any page script: long-task accounting and a timestamp for the first report.
INIT = """
window.__blocking = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__blocking += Math.max(0, e.duration - 50);
}).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  if (!window.__firstResult && document.querySelector(".course-report"))
    window.__firstResult = performance.now();
}).observe(document, { subtree: true, childList: true });
"""

# Click a button and resolve with the ms until the output area changes to a final result.
CLICK_TO_RESULT = """
([selector, name, want]) => new Promise((resolve) => {
  const root = document.querySelector(selector);
  const out = root.querySelector(".course-exercise__output");
  const button = [...root.querySelectorAll("button")].find((b) => b.textContent === name);
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (out.querySelector(want)) { observer.disconnect(); resolve(performance.now() - start); }
  });
  observer.observe(out, { subtree: true, childList: true, characterData: true });
  button.click();
})
"""


def median(values: list[float]) -> float:
    return round(statistics.median(values), 1)


def gz_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def cold_site(browser, url: str, path: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(INIT)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(url + path, wait_until="commit")
    root = page.locator(ROOT_SEL)
    root.scroll_into_view_if_needed()  # as a student would; editors mount near the viewport
    root.locator(".cm-content").click()
    page.keyboard.press("End")
    page.keyboard.type("#")
    page.wait_for_function(f"document.querySelector('{ROOT_SEL}').courseEditor?.getCode().includes('#')")
    editor_ms = page.evaluate("performance.now()")
    before_click = list(requests)
    page.evaluate("s => { localStorage.clear(); }", ROOT_SEL)
    root.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function("window.__firstResult && document.querySelector('.course-report')",
                           timeout=120_000)
    first = page.evaluate("window.__firstResult")
    blocking = page.evaluate("window.__blocking")
    context.close()
    return {"editor": editor_ms, "first": first, "blocking": blocking, "requests": before_click}


def cold_bare(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "_bench/bare.html")
    page.wait_for_function("window.firstResultAt", timeout=120_000)
    value = page.evaluate("window.firstResultAt")
    warm = [page.evaluate("""() => new Promise((resolve) => {
        const start = performance.now();
        window.worker.onmessage = () => resolve(performance.now() - start);
        window.worker.postMessage({ code: "import numpy as np\\nfloat(np.logaddexp(0, -np.eye(2)).sum())" });
    })""") for _ in range(10)]
    context.close()
    return value, warm


def warm_site(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "siglip-2/")
    page.locator(ROOT_SEL).scroll_into_view_if_needed()
    page.wait_for_selector(f'{ROOT_SEL}[data-python="ready"]', timeout=120_000)
    check = [page.evaluate(CLICK_TO_RESULT, [ROOT_SEL, "Check", ".course-report"]) for _ in range(10)]
    page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('1 + 1')")
    run = [page.evaluate(CLICK_TO_RESULT, [ROOT_SEL, "Run", ".course-exercise__value"]) for _ in range(10)]
    stops = []
    for _ in range(5):
        # A spare Python boots in the background after each (re)start; give it the time a
        # student spends between two runaway loops (a few seconds) before the next trial.
        page.wait_for_timeout(8000)
        page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('while True:\\n    pass')")
        page.locator(ROOT_SEL).get_by_role("button", name="Run", exact=True).click()
        page.wait_for_timeout(1500)
        stop_at = page.evaluate("performance.now()")
        page.locator(ROOT_SEL).get_by_role("button", name="Stop", exact=True).click()
        page.evaluate(f"document.querySelector('{ROOT_SEL}').courseEditor.setCode('2 + 2')")
        page.evaluate(CLICK_TO_RESULT, [ROOT_SEL, "Run", ".course-exercise__value"])
        stops.append(page.evaluate("performance.now()") - stop_at)
    context.close()
    return {"check": check, "run": run, "stop": stops}


def preloaded(browser, url: str) -> float:
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "siglip-2/")
    page.locator(ROOT_SEL).scroll_into_view_if_needed()
    page.wait_for_timeout(5000)
    elapsed = page.evaluate(CLICK_TO_RESULT, [ROOT_SEL, "Check", ".course-report"])
    context.close()
    return elapsed


def sizes(site: Path, url: str, requests: list[str]) -> dict:
    """gzip sizes of the JS/CSS a visitor loaded before the first click, by origin."""
    kinds = {"own": 0, "editor": 0, "theme": 0, "other_third_party": 0}  # Pyodide not counted
    for request in requests:
        path = site / request[len(url):].split("?")[0] if request.startswith(url) else None
        if not path or not path.is_file() or path.suffix not in (".js", ".css"):
            continue
        if "/assets/pyodide/" in request:
            continue  # the Python runtime, loaded by the worker: measured by time, not here
        if path.name == "editor.js":
            kind = "editor"  # CodeMirror 6, bundled from npm
        elif "/assets/course/" in request:
            kind = "own"
        elif "/assets/javascripts/" in request or "/assets/stylesheets/" in request:
            kind = "theme"  # Material for MkDocs itself, the same for every MkDocs peer
        else:
            kind = "other_third_party"
        kinds[kind] += gz_size(path)
    return {f"{kind}_kb_gz": round(size / 1024, 1) for kind, size in kinds.items()}


def bench_config(tmp: Path, config: Path | None) -> Path:
    """The site plus one short page holding only the sigmoid-loss exercise, like the peers'
    measurements: it separates the runner's cost from a long lesson page's own."""
    source = (config or HERE.parent / "mkdocs.yml").resolve()
    docs = tmp / "docs"
    shutil.copytree(source.parent / "docs", docs)
    (docs / "bench-one.md").write_text(f'# One exercise\n\n{{{{ exercise("{EX}") }}}}\n')
    text = source.read_text().replace("  - course:\n", (
        f"  - course:\n      exercises_dir: {source.parent / 'exercises'}\n"
        f"      widgets_dir: {source.parent / 'widgets'}\n"))
    text += f"\ndocs_dir: {docs}\nnot_in_nav: |\n  /bench-one.md\n"
    (tmp / "node_modules").symlink_to(source.parent / "node_modules")
    (tmp / "mkdocs.yml").write_text(text)
    return tmp / "mkdocs.yml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--config", type=Path, help="mkdocs.yml to build (default: the repo's)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        done = build_site(site, config_file=bench_config(Path(tmp), args.config))
        if done.returncode:
            sys.exit(done.stderr)
        (site / "_bench").mkdir()
        for name in ("bare.html", "bare-worker.js"):
            shutil.copy(HERE / name, site / "_bench" / name)
        with Server(site) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            cold, short, bare, bare_warm = [], [], [], []
            for _ in range(args.runs):  # interleaved so all see the same machine state
                cold.append(cold_site(browser, server.url, "siglip-2/"))
                short.append(cold_site(browser, server.url, "bench-one/"))
                value, warm_calls = cold_bare(browser, server.url)
                bare.append(value)
                bare_warm.extend(warm_calls)
            warm = warm_site(browser, server.url)
            pre = [preloaded(browser, server.url) for _ in range(3)]
            browser.close()
            weights = sizes(site, server.url, cold[0]["requests"])
    first = median([c["first"] for c in cold])
    floor = median(bare)
    results = {
        "runs": args.runs,
        "open_to_editor_interactive_ms": median([c["editor"] for c in cold]),
        "open_to_first_checked_result_ms": first,
        "bare_pyodide_open_to_first_result_ms": floor,
        "ratio_first_result_vs_bare": round(first / floor, 3),
        "main_thread_blocking_ms": median([c["blocking"] for c in cold]),
        "one_exercise_page": {
            "open_to_editor_interactive_ms": median([c["editor"] for c in short]),
            "open_to_first_checked_result_ms": median([c["first"] for c in short]),
            "ratio_first_result_vs_bare": round(median([c["first"] for c in short]) / floor, 3),
            "main_thread_blocking_ms": median([c["blocking"] for c in short]),
        },
        "warm_check_ms": median(warm["check"]),
        "warm_run_ms": median(warm["run"]),
        "bare_warm_call_ms": median(bare_warm),
        "ratio_warm_run_vs_bare": round(median(warm["run"]) / max(median(bare_warm), 0.1), 2),
        "preloaded_click_to_result_ms": median(pre),
        "stop_to_next_result_ms": [round(s) for s in warm["stop"]],
        **weights,
    }
    text = json.dumps(results, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
