"""The cover of a report: authority as printed, inspection dates, lead inspectors."""

from __future__ import annotations

import re
from datetime import date

from kg.extract.dates import parse_date_range
from kg.read import Document

_DATES_LINE = re.compile(r"^Inspection dates?\s*:?\s*(.*)$", re.IGNORECASE)
_LEAD_LINE = re.compile(r"^Lead inspectors?\s*:?\s*(.*)$", re.IGNORECASE)
_DATE_CONTINUATION = re.compile(
    r"^(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|and\b|to\b|-)", re.IGNORECASE
)
_TITLES = re.compile(
    r",?\s*\b(?:(?:His|Her)\s+Majesty's\s+Inspector|Senior\s+HMI|HMI(?:\s+designate)?"
    r"|Ofsted\s+Inspector|Social\s+Care\s+Regulatory\s+Inspector|SCRI)\b\.?",
    re.IGNORECASE,
)
_COVER_TITLE = re.compile(
    r"^Inspection of (?:the )?(?P<name>.+?)\s+(?:local\s+authority\s+)?children's\s+services",
    re.IGNORECASE,
)
_TITLE_START = re.compile(r"^(?:Re-)?inspection of\b", re.IGNORECASE)
HEADER_LINES = 12


def cover_lines(doc: Document) -> list[str]:
    """Lines before the judgement table: the cover block of the first page."""
    out: list[str] = []
    for line in doc.lines[: HEADER_LINES * 2]:
        if line.page > 1 or line.text.lower().startswith("judgement"):
            break
        out.append(line.text)
    return out


def authority_name(doc: Document) -> tuple[str | None, str | None]:
    """(authority name as printed, report title) from the cover."""
    lines = cover_lines(doc)
    upto_dates = []
    for text in lines:
        if _DATES_LINE.match(text):
            break
        upto_dates.append(text)
    block = " ".join(upto_dates)
    match = _COVER_TITLE.search(block)
    if match and match["name"].lower() != "local authority":
        return match["name"].strip(), block.strip()
    # older covers: the authority's name, then 'Inspection of ...' as the title
    for i, text in enumerate(upto_dates):
        if _TITLE_START.match(text) and i > 0:
            name = " ".join(upto_dates[:i])
            title = " ".join(upto_dates[i:])
            return name.strip(), f"{name.strip()}: {title.strip()}"
    return None, block or None


def inspection_dates(
    doc: Document, problems: list[str] | None = None
) -> tuple[date | None, date | None, str | None]:
    """(start, end, printed text) from the 'Inspection dates:' line and its continuation.

    Impossible or backward dates give no start and end, with the reason in ``problems``.
    """
    lines = doc.lines[: HEADER_LINES * 3]
    for i, line in enumerate(lines):
        match = _DATES_LINE.match(line.text)
        if not match:
            continue
        printed = match.group(1)
        if (
            i + 1 < len(lines)
            and _DATE_CONTINUATION.match(lines[i + 1].text)
            and (
                printed.rstrip().endswith(("and", "-", "to"))
                or not re.search(r"\d{4}\s*$", printed)
            )
        ):
            printed = f"{printed} {lines[i + 1].text}"
        start, end = parse_date_range(printed, problems)
        return start, end, printed
    return None, None, None


def lead_inspectors(doc: Document) -> list[str]:
    """Names of the lead inspector(s) without their titles."""
    for line in doc.lines[: HEADER_LINES * 3]:
        match = _LEAD_LINE.match(line.text)
        if match:
            return split_names(match.group(1))
    return []


def split_names(printed: str) -> list[str]:
    """Names from a 'Lead inspector' line: titles dropped, and with them the brackets
    they were printed in ('Karen Wareing (HMI)' once became 'Karen Wareing ()')."""
    bare = _TITLES.sub("", printed)
    bare = re.sub(r"\s*\(\s*\)", "", bare)
    names = re.split(r"\s*(?:,|;|&|\band\b)\s*", bare)
    return [name.strip(" .") for name in names if name.strip(" .")]
