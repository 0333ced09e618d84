"""Single Inspection Framework reports (November 2013 to 2018), with their LSCB reviews.

Most SIF files hold one document: the inspection of the local authority combined with
the review of its Local Safeguarding Children Board (one cover, one number sequence,
the LSCB's judgement among the others), so they give one 'inspection' report carrying
the lscb-effectiveness judgement. Re-inspections have no LSCB part. A file that holds
the local authority's report followed by a separately titled LSCB review (its own
cover: title, 'Inspection date:', 'Report published:') gives two reports, the second an
'lscb-review', each with its own text that its spans point into.

SIF prints the lead inspector only near the end ('Lead inspector: Anne Waterman' in
'Information about this inspection'), and the publication date on the cover
('Report published: 19 November 2014'), which is preferred to the file's name.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

from kg.extract.assemble import assemble_report
from kg.extract.dates import parse_dates
from kg.extract.header import inspection_dates, split_names
from kg.extract.sif_body import extract_body_any
from kg.extract.sif_headings import contents
from kg.extract.sif_judgements import cover_table, lscb_judgement, overall_judgement
from kg.extract.vocabulary import sif_area_id
from kg.model import Judgement, Report, Source
from kg.read import Document, Line

_TITLE = re.compile(
    r"^(?:(?:Re-)?inspection of services for children"
    r"|Review of the (?:effectiveness of the )?Local Safeguarding)",
    re.IGNORECASE,
)
_LSCB_TITLE = re.compile(
    r"^Review of the (?:effectiveness of the )?Local Safeguarding", re.IGNORECASE
)
_DATES = re.compile(r"^Inspection dates?\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:Report )?published\s*:?\s*(?P<date>.+)$", re.IGNORECASE)
_LEAD = re.compile(r"^Lead inspectors?(?: on site)?\s*:\s*(?P<names>.+)$", re.IGNORECASE)
_LEAD_ALONE = re.compile(r"^Lead inspectors?$", re.IGNORECASE)
COVER_SPAN = 12
"""Lines from a page's top within which a second document's cover must start."""


def split_documents(doc: Document) -> list[Document]:
    """One Document per report in the file: a later page that opens with a cover starts one.

    A cover is a report title among the first lines of a page followed, within a few
    lines, by 'Inspection date(s):'; page 1's cover is the file's own.
    """
    starts = [0]
    for i, line in enumerate(doc.lines):
        if line.page == 1 or not _TITLE.match(line.text):
            continue
        page_first = next(
            k for k in range(i, -1, -1) if k == 0 or doc.lines[k - 1].page != line.page
        )
        if i - page_first > 3:
            continue
        window = doc.lines[i + 1 : i + COVER_SPAN]
        if any(_DATES.match(other.text) for other in window) and page_first > starts[-1]:
            starts.append(page_first)
    if len(starts) == 1:
        return [doc]
    bounds = [*starts, len(doc.lines)]
    return [sub_document(doc, a, b) for a, b in pairwise(bounds)]


def sub_document(doc: Document, first: int, stop: int) -> Document:
    """Lines ``first..stop-1`` as a Document of their own, offsets and pages rebased."""
    base, end = doc.lines[first].start, doc.lines[stop - 1].end
    page0 = doc.lines[first].page - 1
    lines = [
        Line(
            line.text,
            line.start - base,
            line.end - base,
            line.page - page0,
            line.bullet,
            line.blank_before,
            line.indent,
            line.footnote,
        )
        for line in doc.lines[first:stop]
    ]
    return Document(
        text=doc.text[base:end],
        lines=lines,
        page_count=lines[-1].page,
        media_type=doc.media_type,
        path=doc.path,
        sha256=doc.sha256,
        title_hint=doc.title_hint,
        warnings=list(doc.warnings),
    )


def cover(doc: Document) -> tuple[str | None, str | None, int]:
    """(authority as printed, title, index of the 'Inspection date' line) of page 1."""
    page_one = [line for line in doc.lines[:40] if line.page == 1]
    dates_at = next((i for i, line in enumerate(page_one) if _DATES.match(line.text)), None)
    head = page_one[:dates_at] if dates_at is not None else page_one[:8]
    title_at = next((i for i, line in enumerate(head) if _TITLE.match(line.text)), None)
    if title_at is None or title_at == 0:
        return None, None, dates_at or 0
    name = " ".join(line.text for line in head[:title_at]).strip()
    title = " ".join(line.text for line in head[title_at:])
    title = re.sub(r"(?<=[a-z])\d$", "", title.strip())  # footnote mark: 'board1'
    return name, f"{name}: {title}", dates_at or 0


def printed_publication(doc: Document) -> date | None:
    for line in doc.lines[:40]:
        match = _PUBLISHED.match(line.text)
        if match:
            dates = parse_dates(match["date"])
            return dates[0] if dates else None
    return None


def lead_inspectors(doc: Document) -> list[str]:
    """'Lead inspector: X' (SIF prints it at the end), or a 'Lead inspector' / X table."""
    for i in range(len(doc.lines) - 1, -1, -1):
        text = doc.lines[i].text
        match = _LEAD.match(text)
        if match:
            return split_names(match["names"])
        if _LEAD_ALONE.match(text) and i + 1 < len(doc.lines):
            return split_names(doc.lines[i + 1].text)
    return []


def _after_cover(doc: Document, judgements: list[Judgement]) -> int:
    """Where the body starts when no contents page says: page 2, or earlier after the
    cover's judgements (a text rendering without page breaks, an LSCB review's cover)."""
    page_two = next((i for i, line in enumerate(doc.lines) if line.page > 1), len(doc.lines))
    cover_lines = [line for line in doc.lines[:40] if line.page == 1]
    if not cover_lines:
        return page_two
    ends = [j.span.end for j in judgements if j.span and j.span.end <= cover_lines[-1].end]
    if not ends:
        return page_two
    after = next((i for i, line in enumerate(doc.lines) if line.start >= max(ends)), page_two)
    return min(after, page_two)


def extract_sif_all(doc: Document, source: Source) -> list[Report]:
    """Every report in a SIF file: the inspection and, when printed apart, its LSCB review."""
    parts = split_documents(doc)
    reports = [extract_sif(part, source) for part in parts]
    if len(parts) > 1:
        for report in reports:
            report.warnings.append(f"one of {len(parts)} documents in the file")
    return reports


def extract_sif(doc: Document, source: Source) -> Report:
    """One SIF document: a (re-)inspection of the local authority or an LSCB review."""
    warnings = list(doc.warnings)
    name, title, _ = cover(doc)
    lscb_only = title is not None and bool(_LSCB_TITLE.match(title.split(": ", 1)[-1]))
    date_problems: list[str] = []
    start, end, printed = inspection_dates(doc, date_problems)
    if start is None:
        reason = "; ".join(date_problems) or "none found"
        warnings.append(f"no inspection dates: {reason} (printed: {printed!r})")
    judgements: list[Judgement] = []
    if not lscb_only:
        overall = overall_judgement(doc)
        if overall is None:
            warnings.append("no overall effectiveness judgement found")
        else:
            judgements.append(overall)
        table = cover_table(doc, warnings)
        if not table:
            warnings.append("no judgement table found")
        judgements.extend(table)
    lscb = lscb_judgement(doc)
    if lscb is not None:
        judgements.append(lscb)
    elif lscb_only:
        warnings.append("no LSCB judgement found")
    titles, body_start = contents(doc)
    if not titles:
        body_start = _after_cover(doc, judgements)
    sections, paragraphs, recommendations = extract_body_any(
        doc, body_start, titles, sif_area_id, warnings
    )
    if lscb_only:
        for recommendation in recommendations:
            recommendation.addressee = "lscb"
    return assemble_report(
        doc,
        source,
        framework="SIF",
        document_type="lscb-review" if lscb_only else "inspection",
        name=name,
        title=title,
        start=start,
        end=end,
        inspectors=lead_inspectors(doc),
        printed_publication=printed_publication(doc),
        judgements=judgements,
        recommendations=recommendations,
        sections=sections,
        paragraphs=paragraphs,
        warnings=warnings,
    )
