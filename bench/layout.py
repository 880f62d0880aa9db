"""Who makes the browser compute style and layout while a page opens: the browser on its own
(the page's first layouts), the Material theme's bundle, or our code.

    .venv/bin/python bench/layout.py [siglip-2/] [--seconds 8] [--slowdown 4]

Builds the site (Pyodide self-hosted), serves it with gzip, opens the page at phone size in
headless Chromium with the CPU slowed down as Lighthouse's mobile run does, records a
DevTools trace, and sums the main thread's style recalculations and layouts by the script whose
call forced them (a forced one carries a stack; the browser's own carry none). Prints the sums
and the ten largest, with where they came from. Use it to see whether a change to our code
adds forced layouts; the benchmark (bench/run.py) measures the totals.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from sitebuild import CHROMIUM, CHROMIUM_ARGS, Server, build_site  # noqa: E402

WORK = ("Layout", "UpdateLayoutTree")  # layout, and style recalculation


def record(url: str, seconds: float, slowdown: float) -> list[dict]:
    """Open `url` and return the trace events of the first `seconds`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
        events: list[dict] = []
        finished: list[bool] = []
        cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
        cdp.on("Tracing.tracingComplete", lambda _: finished.append(True))
        cdp.send("Tracing.start", {"transferMode": "ReportEvents", "categories":
                                   "devtools.timeline,disabled-by-default-devtools.timeline.stack"})
        page.goto(url, wait_until="load")
        page.wait_for_function(f"() => performance.now() >= {seconds * 1000}", polling=200,
                               timeout=seconds * 1000 + 60_000)
        cdp.send("Tracing.end")
        page.wait_for_function("() => true")  # let the trace's last events arrive
        while not finished:
            page.wait_for_timeout(50)
        browser.close()
    return events


def stack_of(event: dict) -> list[dict]:
    """The script stack that forced this work (empty when the browser did it on its own)."""
    return event.get("args", {}).get("beginData", {}).get("stackTrace") or []


def owner(stack: list[dict]) -> str:
    urls = [frame.get("url", "") for frame in stack]
    if not urls:
        return "browser (no script asked)"
    if any("/assets/course/" in u for u in urls):
        return "ours (assets/course/)"
    if any("/assets/javascripts/bundle." in u for u in urls):
        return "Material's bundle"
    return "other scripts"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", default="siglip-2/")
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--slowdown", type=float, default=4)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        done = build_site(site)  # Pyodide self-hosted from the offline copy
        if done.returncode:
            sys.exit(done.stderr)
        with Server(site, gzip=True) as server:
            events = record(server.url + args.path, args.seconds, args.slowdown)
    parsing = Counter((e["pid"], e["tid"]) for e in events if e.get("name") == "ParseHTML")
    thread = parsing.most_common(1)[0][0]  # the page's main thread: the one that parsed it
    work = [e for e in events if (e["pid"], e["tid"]) == thread and e.get("name") in WORK and "dur" in e]
    start = min(e["ts"] for e in work)
    totals: dict[str, float] = defaultdict(float)
    for event in work:
        totals[owner(stack_of(event))] += event["dur"] / 1000
    print(f"{args.path}: style and layout in the first {args.seconds:g} s, "
          f"{args.slowdown:g} × CPU slowdown")
    for who, ms in sorted(totals.items(), key=lambda item: -item[1]):
        print(f"  {who:28s} {ms:7.0f} ms")
    print("the ten largest:")
    for event in sorted(work, key=lambda e: -e["dur"])[:10]:
        where = "; ".join(f"{f.get('functionName') or '(anonymous)'} {f.get('url', '').rsplit('/', 1)[-1]}"
                          f":{f.get('lineNumber')}:{f.get('columnNumber')}" for f in stack_of(event)[:2])
        print(f"  {event['name']:17s} at {(event['ts'] - start) / 1000:6.0f} ms  "
              f"{event['dur'] / 1000:5.0f} ms  {where or '(the browser)'}")


if __name__ == "__main__":
    main()
