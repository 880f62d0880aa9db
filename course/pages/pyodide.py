"""A self-hosted Pyodide: the core and the packages the site needs, copied from a local
distribution of the pinned version (``pyodide_dir`` in mkdocs.yml) into ``assets/pyodide/``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from course.pages.config import PYODIDE_VERSION

CORE = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
        "pyodide-lock.json")


def closure(lock: dict, names: list[str]) -> list[str]:
    """The packages and everything they depend on, by name."""
    wanted: set[str] = set()
    todo = list(names)
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted.add(name)
            todo.extend(lock["packages"][name]["depends"])
    return sorted(wanted)


def copy(source: Path, target: Path, packages: list[str]) -> list[str]:
    """Copy the core and ``packages`` (with their dependencies); return the files copied."""
    lock_path = source / "pyodide-lock.json"
    if not lock_path.is_file():
        raise PluginError(f"pyodide_dir {source} has no pyodide-lock.json")
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    if lock["info"]["version"] != PYODIDE_VERSION:
        raise PluginError(f"pyodide_dir holds Pyodide {lock['info']['version']}, "
                          f"the site is pinned to {PYODIDE_VERSION}")
    files = [*CORE, *(lock["packages"][name]["file_name"] for name in closure(lock, packages))]
    target.mkdir(parents=True, exist_ok=True)
    for name in files:
        if not (target / name).exists():
            shutil.copy2(source / name, target / name)
    return files
