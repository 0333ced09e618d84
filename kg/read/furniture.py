"""Page furniture: running headers and footers, and page numbers.

A line is furniture when it sits at the top or bottom of a page and the same line (with
its digits ignored, since headers carry page numbers and dates) recurs in the same place
on at least half of the pages. A lone number at the top or bottom of a page is a page
number. Everything else is kept: a false positive here would silently delete evidence.
"""

from __future__ import annotations

import re
from collections import Counter

from kg.read.document import RawLine

EDGE_LINES = 3
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$", re.IGNORECASE)


def _key(text: str) -> str:
    return _DIGITS.sub("#", text.casefold()).strip()


def _edges(page: list[RawLine]) -> list[int]:
    n = len(page)
    return sorted(set(range(min(EDGE_LINES, n))) | set(range(max(0, n - EDGE_LINES), n)))


def remove_furniture(pages: list[list[RawLine]]) -> tuple[list[list[RawLine]], int]:
    """Drop running headers/footers and page numbers; return kept pages and count removed."""
    counts: Counter[str] = Counter()
    for page in pages:
        counts.update({_key(page[i].text) for i in _edges(page)})
    threshold = max(2, (len(pages) + 1) // 2)
    recurring = {
        key for key, count in counts.items() if count >= threshold and len(key) > 1 and key != "#"
    }
    removed = 0
    kept_pages: list[list[RawLine]] = []
    for number, page in enumerate(pages):
        # The cover's title can be word for word the running header of later pages.
        edges = set(_edges(page)) if number else set()
        kept: list[RawLine] = []
        for i, line in enumerate(page):
            at_edge = i in edges
            if _PAGE_NUMBER.match(line.text) and (at_edge or i in _edges(page)):
                removed += 1
                continue
            if at_edge and _key(line.text) in recurring:
                removed += 1
                continue
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages, removed
