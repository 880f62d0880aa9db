"""matplotlib in an exercise: ``plt.show()``, and a figure left open at the end of a Run, put
the figure in the exercise's output, in order with what the code printed.

This module is matplotlib's backend in the browser's worker (``MPLBACKEND`` names it before
matplotlib is first imported, see widgets/python/worker.js): it draws with Agg and hands each
figure, as a PNG data URL with a text alternative, to the Run's ``show`` (course.engine.runtime).
A Check has none: figures are closed, not drawn. Python imports this module only when the
student's code has imported matplotlib.
"""

from __future__ import annotations

import base64
import io
import sys

from matplotlib.backend_bases import FigureManagerBase
from matplotlib.backends.backend_agg import FigureCanvasAgg

from course.engine import runtime

FigureCanvas = FigureCanvasAgg
FigureManager = FigureManagerBase
DPI = 100  # a default 6.4 × 4.8 in figure is 640 × 480 px


def describe(figure) -> str:  # noqa: ANN001 - a matplotlib Figure
    """A text alternative: the figure's titles, its axes' labels and what their legends name."""
    parts = []
    title = figure._suptitle.get_text() if figure._suptitle is not None else ""
    if title:
        parts.append(title)
    for axes in figure.get_axes():
        bits = [axes.get_title()] if axes.get_title() else []
        if axes.get_xlabel() or axes.get_ylabel():
            bits.append(f"{axes.get_ylabel() or 'y'} against {axes.get_xlabel() or 'x'}")
        labels = [line.get_label() for line in axes.get_lines() if not line.get_label().startswith("_")]
        if labels:
            bits.append("lines: " + ", ".join(labels))
        if bits:
            parts.append("; ".join(bits))
    return "Figure: " + (". ".join(parts) if parts else "a plot without title or labels")


def show(*args, **kwargs) -> None:  # noqa: ANN002, ANN003 - pyplot's own signature
    """plt.show(): every open figure goes to the output (or nowhere, in a Check), then closes."""
    pyplot = sys.modules["matplotlib.pyplot"]
    for number in pyplot.get_fignums():
        figure = pyplot.figure(number)
        if runtime.figures is not None:
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=DPI, facecolor="white", bbox_inches="tight")
            src = "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()
            runtime.show_figure(src, describe(figure))
        pyplot.close(figure)
