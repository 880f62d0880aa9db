"""Links between pages, checked with the line they are on: MkDocs' own validation names the file
only; a strict build here names ``docs/page.md:LINE``."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)|^\s*\[[^\]]+\]:\s*(?P<ref>\S+)")
CODE_SPAN = re.compile(r"`+[^`]*`+")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def outside_fences(markdown_text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for the lines that are not inside a code fence."""
    fence = None
    for number, line in enumerate(markdown_text.splitlines(), start=1):
        if match := FENCE.match(line):
            marker = match.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
        elif fence is None:
            yield number, line


def internal_links(markdown_text: str) -> list[tuple[int, str]]:
    """(1-based line, target) of every relative link to a page or an anchor, outside code."""
    found = []
    for number, line in outside_fences(markdown_text):
        for match in LINK.finditer(CODE_SPAN.sub("", line)):
            target = match.group("target") or match.group("ref")
            path = target.split("#")[0]
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
                continue  # external, mailto:, absolute
            if path.endswith(".md") or (not path and "#" in target):
                found.append((number, target))
    return found


def target_page(source: str, target: str) -> str:
    """The source path of the page a link from page `source` points to."""
    path = target.partition("#")[0]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), path)) if path else source


def problems(links: list[tuple[str, int, str]], anchors: dict[str, set[str]],
             docs: str) -> Iterator[str]:
    """For each (page, line, target) whose page or anchor does not exist: 'docs/page:line: why'.
    ``anchors`` maps every page's source path (relative to the docs folder ``docs``) to the
    element ids it has."""
    for source, line, target in links:
        page, fragment = target_page(source, target), target.partition("#")[2]
        where = f"{posixpath.join(docs, source)}:{line}: link to '{target}'"
        if page not in anchors:
            yield f"{where}: there is no page {page}"
        elif fragment and fragment not in anchors[page]:
            yield f"{where}: {page} has no heading or element with id '{fragment}'"
