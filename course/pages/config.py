"""The ``course`` plugin's settings in ``mkdocs.yml`` (as Material keeps its plugins' config).

Every setting is read by name at one place; ``docs/contributing.md#settings`` has the table
from each setting to the code that uses it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config

PYODIDE_VERSION = "0.27.7"  # the one pin: the CDN address and the self-hosted copy follow it
CDN_PYODIDE = f"https://cdn.jsdelivr.net/pyodide/v{PYODIDE_VERSION}/full/"
DEFAULT_TIME_LIMIT = 10
# Packages student code may import beyond NumPy, with the bytes their wheels add to a download
# (what Python has not loaded yet; measured on the pinned version, tests/test_build.py checks it
# against the offline distribution). Offered when an exercise imports one or `packages` names it.
OPTIONAL_PACKAGES = {"matplotlib": 9_878_731}


class CourseConfig(Config):
    widgets_dir = opt.Type(str, default="widgets")
    # Where the browser loads Pyodide from; empty: the CDN copy of PYODIDE_VERSION.
    pyodide_url = opt.Type(str, default="")
    pyodide_dir = opt.Type(str, default="")  # set: copy core + NumPy into the site from here
    time_limit = opt.Type((int, float), default=DEFAULT_TIME_LIMIT)  # seconds, browser and CLI
    # Packages offered to student code even if no exercise imports them (e.g. [matplotlib]).
    packages = opt.ListOfItems(opt.Choice(tuple(OPTIONAL_PACKAGES)), default=[])
    solution_after = opt.Type(int, default=3)  # failed Checks before the solution opens freely
    storage_key = opt.Type(str, default="vision-course-8.1")
    # Start Python in the background, once the page is idle, on pages without exercises whose
    # text links to a page with exercises (the home page, the glossary), so that it is ready when
    # the reader gets there (never on Save-Data or a 2G connection; see docs/instructors.md).
    prewarm = opt.Type(bool, default=True)


def time_limit(start: Path | None = None) -> float:
    """``time_limit`` from the ``mkdocs.yml`` found upward from ``start`` (the CLI's default)."""
    from mkdocs.utils.yaml import yaml_load

    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        config_file = folder / "mkdocs.yml"
        if config_file.is_file():
            with config_file.open(encoding="utf-8") as stream:
                plugins = yaml_load(stream).get("plugins", [])
            for plugin in plugins:
                if isinstance(plugin, dict) and "course" in plugin:
                    return float((plugin["course"] or {}).get("time_limit", DEFAULT_TIME_LIMIT))
            break
    return float(DEFAULT_TIME_LIMIT)
