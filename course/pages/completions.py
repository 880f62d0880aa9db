"""What the code editor offers after ``np.``: NumPy's public names, listed at build time from
the NumPy this project pins (the one Pyodide ships), so completion works the moment the editor
does, before Python has loaded. The student's own names, Python's keywords and built-ins come
from the editor's Python mode itself (widgets/editor.js)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import numpy as np

# Namespaces completed after their dotted name; `numpy.` works as `np.` does.
NAMESPACES = {"np": np, "np.linalg": np.linalg, "np.random": np.random, "np.fft": np.fft}


def kind(value: object) -> str:
    """CodeMirror's completion type: it picks the icon and what a screen reader hears."""
    if inspect.ismodule(value):
        return "namespace"
    if inspect.isclass(value):
        return "class"
    if callable(value):
        return "function"
    return "constant"


def names() -> dict[str, list[list[str]]]:
    """{namespace: [[name, kind], ...]}, public names only, sorted."""
    found = {}
    for label, module in NAMESPACES.items():
        public = sorted(name for name in dir(module) if not name.startswith("_"))
        found[label] = [[name, kind(getattr(module, name))] for name in public]
    return found


def write(path: Path) -> None:
    path.write_text(json.dumps({"numpy": np.__version__, "names": names()}, separators=(",", ":")),
                    encoding="utf-8")
