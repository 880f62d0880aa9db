"""Shared fixtures: the site, built the way the deploy workflow builds it and served on
127.0.0.1 under a sub-path (site_url = the address it is served from, so Material's instant
navigation runs, as it does for a student on GitHub Pages)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
sys.path[:0] = [str(TESTS), str(TESTS.parent / "tools")]

from sitebuild import SUB_PATH, Server, build_site  # noqa: E402


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """The whole site, built once per test session with `mkdocs build --strict` into
    <www>/vision-course/ and served from <www>: its address is its site_url."""
    www = tmp_path_factory.mktemp("www")
    with Server(www, SUB_PATH) as running:
        done = build_site(www / SUB_PATH, site_url=running.url,
                          config_file=os.environ.get("COURSE_TEST_CONFIG"))
        assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr}"
        running.site_dir = www / SUB_PATH
        yield running


@pytest.fixture(scope="session")
def site_dir(server) -> Path:
    return server.site_dir
