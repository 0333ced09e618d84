"""Pre-SIF inspections (to 2013): looked after children, safeguarding, or both.

Their cover prints the title first and the authority after it ('Inspection of looked
after children services' / 'Kent County Council'), a 'Reporting inspector', and
'Published:'. The grades are in the 'Record of main findings' table at the end, one row
per judgement ('Overall effectiveness Adequate', 'Capacity to improve Good', 'Outcomes
for looked after children and' / 'young people' with the grade on the first line), and
again under each graded section heading as 'Grade 3 (Adequate)'. 'Areas for
improvement' is a numbered paragraph introducing a bulleted list under timescales
('Immediately:', 'Within three months:'): the bullets are the recommendations.

Combined safeguarding and looked after children reports print one group of rows per
service; only the looked after children rows have concept ids (the corpus holds no
combined report to check the other group's wording against), so other groups' rows are
kept with no area and a warning.
"""

from __future__ import annotations

import re
from datetime import date

from kg.extract.assemble import assemble_report
from kg.extract.body import is_end
from kg.extract.dates import parse_dates
from kg.extract.header import inspection_dates, split_names
from kg.extract.sif_body import extract_body
from kg.extract.sif_headings import contents
from kg.extract.vocabulary import grade_id, pre_sif_area_id
from kg.model import Judgement, Report, Source, Span
from kg.read import Document, Line

_TITLE = re.compile(r"^Inspection of\b", re.IGNORECASE)
_DATES = re.compile(r"^Inspection dates?\b", re.IGNORECASE)
_PUBLISHED = re.compile(r"^(?:Report )?published\s*:?\s*(?P<date>.+)$", re.IGNORECASE)
_INSPECTOR = re.compile(r"^(?:Reporting|Lead) inspectors?\s*:?\s*(?P<names>.+)$", re.IGNORECASE)
_RECORD = re.compile(r"^Record of main findings$", re.IGNORECASE)
_ROW = re.compile(r"^(?P<label>.+?)\s+(?P<grade>Outstanding|Good|Adequate|Inadequate)$")


def cover(doc: Document) -> tuple[str | None, str | None]:
    """(authority as printed, title): the title's lines, then the authority's."""
    head: list[str] = []
    for line in doc.lines[:12]:
        if _DATES.match(line.text) or line.page > 1:
            break
        head.append(line.text)
    if not head or not _TITLE.match(head[0]):
        return None, None
    title_end = 1
    while title_end < len(head) and head[title_end][:1].islower():
        title_end += 1  # 'Inspection of looked after children' / 'services'
    title = " ".join(head[:title_end])
    name = " ".join(head[title_end:]).strip() or None
    return name, f"{name}: {title}" if name else title


def record_of_main_findings(doc: Document, warnings: list[str]) -> list[Judgement]:
    """Rows of the 'Record of main findings' table (its last printing: not the contents)."""
    heads = [i for i, line in enumerate(doc.lines) if _RECORD.match(line.text)]
    if not heads:
        return []
    judgements: list[Judgement] = []
    group: str | None = None
    for i in range(heads[-1] + 1, len(doc.lines)):
        if is_end(doc, i):
            break
        line = doc.lines[i]
        row = _ROW.match(line.text)
        if row:
            judgements.append(
                Judgement(
                    row["label"],
                    None,
                    row["grade"],
                    grade_id(row["grade"]),
                    Span(line.start, line.end),
                )
            )
            judgements[-1].area = _area(row["label"], group)
        elif judgements and line.text[:1].islower():
            last = judgements[-1]
            last.area_label = f"{last.area_label} {line.text}"  # 'young people'
            assert last.span is not None
            last.span = Span(last.span.start, line.end)
            last.area = _area(last.area_label, group)
        else:
            group = line.text
    for judgement in judgements:
        if judgement.area is None:
            warnings.append(f"unmapped pre-SIF judgement: {group!r} / {judgement.area_label!r}")
    return judgements


def _area(label: str, group: str | None) -> str | None:
    if group is not None and "looked after" not in group.lower():
        return None
    return pre_sif_area_id(label)


def page_one(doc: Document) -> list[Line]:
    """The cover: pre-SIF covers print dates, inspector and publication in small print."""
    return [line for line in doc.lines if line.page == 1]


def lead_inspectors(doc: Document) -> list[str]:
    for line in page_one(doc):
        match = _INSPECTOR.match(line.text)
        if match:
            return split_names(match["names"])
    return []


def cover_publication(doc: Document) -> date | None:
    for line in page_one(doc):
        match = _PUBLISHED.match(line.text)
        if match:
            dates = parse_dates(match["date"])
            return dates[0] if dates else None
    return None


def extract_pre_sif(doc: Document, source: Source) -> Report:
    warnings = list(doc.warnings)
    name, title = cover(doc)
    date_problems: list[str] = []
    start, end, printed = inspection_dates(doc, date_problems)
    if start is None:
        reason = "; ".join(date_problems) or "none found"
        warnings.append(f"no inspection dates: {reason} (printed: {printed!r})")
    judgements = record_of_main_findings(doc, warnings)
    if not judgements:
        warnings.append("no record of main findings found")
    entries, body_start = contents(doc)
    sections, paragraphs, recommendations = extract_body(
        doc, body_start, entries, pre_sif_area_id, warnings, numbered_recommendations=False
    )
    return assemble_report(
        doc,
        source,
        framework="pre-SIF",
        document_type="inspection",
        name=name,
        title=title,
        start=start,
        end=end,
        inspectors=lead_inspectors(doc),
        printed_publication=cover_publication(doc),
        judgements=judgements,
        recommendations=recommendations,
        sections=sections,
        paragraphs=paragraphs,
        warnings=warnings,
    )
