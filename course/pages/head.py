"""What the course adds to each page's <head>, and the page's Content-Security-Policy.

Every page gets one JSON document, ``<script type="application/json" id="course-page">``: the
site's settings and the page's exercises, read by every browser module (``widgets/contract.js``
describes it). It sits in the head because Material's instant navigation re-creates the inline
scripts of the page body from their text alone (a JSON block there would lose its type and run
as JavaScript), while it swaps head elements whole (where in the head they stand does not
matter to it).

A page with exercises also gets, ahead of its stylesheets, the script that starts Python
(``widgets/early.js``) and what that script reads, ``<script type="application/json"
id="course-boot">``: the page's root and the site's settings. An inline script after a
stylesheet waits until the stylesheet has loaded; ahead of them, the worker starts 0.1–0.2 s
sooner after navigation (docs/performance.md, "Python starts ahead of the stylesheets"). The
page's whole JSON (up to 100 KB on a lesson) stays at the end of the head, so that the browser
still finds the stylesheets in the first bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from urllib.parse import urlsplit

# Accessible names for two parts of Material's page chrome that its templates leave unnamed
# (a dialog and a progress bar without a name are announced as just "dialog"/"progress bar").
MATERIAL_NAMES = (
    ('<div class="md-search" data-md-component="search" role="dialog">',
     '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">'),
    ('<div class="md-progress" data-md-component="progress" role="progressbar">',
     '<div class="md-progress" data-md-component="progress" role="progressbar" '
     'aria-label="Loading the page">'),
)
CSP_PLACEHOLDER = "course-csp-script-hashes"
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def name_material_chrome(page_html: str) -> str:
    """Give Material's unnamed search dialog and progress bar their accessible names."""
    for unnamed, named in MATERIAL_NAMES:
        page_html = page_html.replace(unnamed, named, 1)
    return page_html


def json_script(element_id: str, data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def before_stylesheets(page_html: str, added: str) -> str:
    """`added` put into the head ahead of its first stylesheet (or at its end, if it has none)."""
    end = page_html.index("</head>")
    at = page_html.find('<link rel="stylesheet"', 0, end)
    at = end if at == -1 else at
    return page_html[:at] + added + page_html[at:]


def csp_meta(pyodide_url: str) -> str:
    """The page's policy: nothing from any host but this site and its Pyodide source. Inline
    scripts are allowed by their hashes (filled in after the build, see script_hashes). It goes
    ahead of the stylesheets: a policy in a <meta> covers only what comes after it, and so it
    covers every script of the page."""
    origin = urlsplit(pyodide_url)
    pyodide = f" {origin.scheme}://{origin.netloc}" if origin.netloc else ""
    policy = "; ".join([
        "default-src 'self'",
        f"script-src 'self'{pyodide} {CSP_PLACEHOLDER}",
        f"connect-src 'self'{pyodide}",
        "worker-src 'self'",
        "img-src 'self' data: blob:",
        "style-src 'self' 'unsafe-inline'",  # CodeMirror and Mermaid write <style> elements
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])
    return f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy)}">'


def script_hashes(page_html: str) -> set[str]:
    """CSP hashes of the page's inline scripts that run (JSON blocks do not)."""
    found = set()
    for match in INLINE_SCRIPT.finditer(page_html):
        attrs = match["attrs"]
        if "src=" in attrs or "application/json" in attrs:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found
