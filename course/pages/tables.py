"""Tables arrive framed: each Markdown table is written inside the two ``<div>`` s Material's
bundle would otherwise wrap it in at page load (``md-typeset__scrollwrap`` > ``md-typeset__table``:
the frame that lets a wide table scroll sideways on a phone).

Why at build time: the bundle frames a table by taking it out of the page and putting it back
inside the new frame. On the SigLIP 2 lesson that move made the browser restyle the whole
lesson (its 2,200 elements, formulas included) in the middle of the bundle's first task: about
400 ms at Lighthouse's phone speed (``bench/layout.py``, and Chromium's style-invalidation
events). Framed here, nothing moves, and the page looks the same before the bundle runs as after.

The bundle frames only ``table:not([class])``, so a framed table carries the class
``course-table``; ``widgets/course.css`` gives it Material's look for class-less tables, and
``tests/browser/test_tables.py`` holds the two equal. A table that already has a class (set by
its author) is left as it is, as Material leaves it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.treeprocessors import Treeprocessor

CLASS = "course-table"


class TableFrames(Treeprocessor):
    """Wraps every class-less ``<table>`` in Material's scroll frame and marks it."""

    def run(self, root: etree.Element) -> None:
        parents = [(parent, child) for parent in root.iter() for child in parent
                   if child.tag == "table" and child.get("class") is None]
        for parent, table in parents:
            at = list(parent).index(table)
            frame = etree.Element("div", {"class": "md-typeset__scrollwrap"})
            inner = etree.SubElement(frame, "div", {"class": "md-typeset__table"})
            frame.tail, table.tail = table.tail, None
            parent.remove(table)
            inner.append(table)
            table.set("class", CLASS)
            parent.insert(at, frame)
