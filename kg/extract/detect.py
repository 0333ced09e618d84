"""Which framework and document type a document is, from its cover wording."""

from __future__ import annotations

import re

from kg.read import Document

COVER_LINES = 40
_ILACS = re.compile(
    r"inspection of (?:.{0,80}?)children's services"
    r"|inspection of children's social care services",
    re.IGNORECASE,
)
_SIF = re.compile(
    r"(?:re-)?inspection of services for children in need of help and protection",
    re.IGNORECASE,
)
_PRE_SIF = re.compile(
    r"inspection of (?:safeguarding and )?looked after children(?:'s)? services"
    r"|inspection of safeguarding (?:and looked after children )?services",
    re.IGNORECASE,
)
_OFSTED = re.compile(r"ofsted|her majesty's inspector|his majesty's inspector|\bHMI\b", re.I)


def cover_text(doc: Document) -> str:
    return " ".join(line.text for line in doc.lines[:COVER_LINES])


def detect_framework(doc: Document) -> str | None:
    """'ILACS', 'SIF', 'pre-SIF' or None; ILACS-2026 is told apart later, by its table.

    SIF is tested first: its title also ends in 'children's services' in some wordings.
    """
    cover = cover_text(doc)
    if _SIF.search(cover):
        return "SIF"
    if _PRE_SIF.search(cover):
        return "pre-SIF"
    if _ILACS.search(cover):
        return "ILACS"
    return None


def looks_like_ofsted(doc: Document) -> bool:
    return bool(_OFSTED.search(doc.text[:20000]))
