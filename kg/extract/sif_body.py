"""Sections, numbered paragraphs and recommendations of SIF and pre-SIF reports.

Unlike ILACS, these reports have a contents page, and their headings vary from year to
year ('Summary of key findings', 'Section 1: the local authority', 'Inspection findings -
the Local Safeguarding Children Board'). The contents page is therefore the list of
headings: each entry is looked for, in order, in the body, where it may wrap over lines
and carry its grade ('The experiences and progress of' / 'children who need help and
protection Good'). Sub-headings that the contents leave out ('Summary', 'Inspection
findings', 'Recommendations', the graded adoption and care leaver sentences) are known
wordings.

One number sequence runs through the whole report, LSCB part included, and a number
under a 'Recommendations' or 'What does ... need to improve?' heading is a
recommendation, not a paragraph (2014-2017 reports number both in one sequence).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.body import MAX_GAP, is_end
from kg.extract.sif_headings import (
    INHERITS_AREA,
    NUMBERED,
    RECOMMENDATION_HEADING,
    find_headings,
)
from kg.model import Paragraph, Recommendation, Section, Span
from kg.read import Document

_NOT_EVIDENCE = re.compile(
    r"^(?:Information about|The inspection team|What the inspection judge?ments mean)", re.I
)
"""Sections whose bullets are facts about the area or the inspection, not evidence."""


@dataclass
class _Item:
    number: int | None
    first: int
    last: int
    section: int
    timescale: str | None = None


_TIMESCALE = re.compile(
    r"^(?P<when>immediately|within\s+\w+\s+(?:days?|weeks?|months?|years?)|by\s+.{3,30}"
    r"|in\s+the\s+(?:short|medium|longer?)\s+term)\s*:$",
    re.IGNORECASE,
)
"""A timescale heading the recommendations under it (pre-SIF: 'Within three months:')."""


def extract_body(
    doc: Document,
    begin: int,
    entries: list[tuple[str, int]],
    area_of: Callable[[str], str | None],
    warnings: list[str],
    *,
    numbered_recommendations: bool = True,
    bulleted_paragraphs: bool = False,
) -> tuple[list[Section], list[Paragraph], list[Recommendation]]:
    """Sections, numbered paragraphs and recommendations from line ``begin`` on.

    With ``numbered_recommendations`` (SIF), numbered items under a recommendations
    heading are recommendations; otherwise (pre-SIF, whose 'Areas for improvement' is a
    numbered paragraph introducing a bulleted list) only the bullets are.
    With ``bulleted_paragraphs``, a bullet outside the recommendations starts a paragraph,
    numbered in reading order: a few early-2014 SIF reports print their evidence as
    bulleted, unnumbered paragraphs (see :func:`extract_body_any`).
    """
    headings = {h.first_line: h for h in find_headings(doc, begin, entries)}
    if headings:
        begin = min(begin, min(headings))
    sections: list[Section] = []
    items: list[_Item] = []
    rec_bullets: list[_Item] = []
    area: str | None = None
    last_number = 0
    timescale: str | None = None
    i = begin
    while i < len(doc.lines) and not is_end(doc, i):
        heading = headings.get(i)
        if heading is not None:
            timescale = None
            own = area_of(heading.title)
            if own is not None or not INHERITS_AREA.match(heading.title):
                area = own
            span = Span(doc.lines[heading.first_line].start, doc.lines[heading.last_line].end)
            sections.append(Section(heading.title, area, None, None, span, heading.grade))
            if items:
                items[-1].last = min(items[-1].last, heading.first_line - 1)
            i = heading.last_line + 1
            continue
        line = doc.lines[i]
        in_recs = bool(sections) and bool(RECOMMENDATION_HEADING.search(sections[-1].title))
        number = NUMBERED.match(line.text)
        n = int(number["n"]) if number else None
        if (
            bulleted_paragraphs
            and line.bullet
            and not in_recs
            and sections
            and not _NOT_EVIDENCE.match(sections[-1].title)
        ):
            last_number += 1
            items.append(_Item(last_number, i, i, len(sections) - 1))
        elif n is not None and last_number < n <= last_number + 1 + MAX_GAP:
            if n != last_number + 1:
                warnings.append(f"paragraph numbering jumps from {last_number} to {n}")
            last_number = n
            items.append(_Item(n, i, i, len(sections) - 1))
        elif (
            in_recs
            and line.bullet
            and not (
                numbered_recommendations
                and items
                and items[-1].number is not None
                and items[-1].section == len(sections) - 1
            )
        ):
            # the paragraph that introduces the list ends where the list starts: the
            # recommendations are not findings of their own paragraph
            rec_bullets.append(_Item(None, i, i, len(sections) - 1, timescale))
        elif in_recs and (when := _TIMESCALE.match(line.text)) is not None:
            timescale = " ".join(when["when"].split()).capitalize()
        else:
            open_items = [x for x in items[-1:] if x.last == i - 1]
            if not line.text.endswith(":"):  # 'Within three months:' heads the next bullets
                open_items += [x for x in rec_bullets[-1:] if x.last == i - 1]
            for item in open_items:
                if item.section == len(sections) - 1:
                    item.last = i
        i += 1
    return _assemble(doc, sections, items, rec_bullets, warnings, numbered_recommendations)


def _assemble(
    doc: Document,
    sections: list[Section],
    items: list[_Item],
    rec_bullets: list[_Item],
    warnings: list[str],
    numbered_recommendations: bool,
) -> tuple[list[Section], list[Paragraph], list[Recommendation]]:
    paragraphs: list[Paragraph] = []
    recs: list[tuple[int, Recommendation]] = []
    if any(item.section < 0 for item in items + rec_bullets):
        warnings.append("numbered paragraphs before any section heading")
        sections.insert(0, Section("(untitled)", None, None, None))
        for item in items + rec_bullets:
            item.section += 1
    for item in items + rec_bullets:
        text, start, end = doc.join(item.first, item.last)
        number = NUMBERED.match(text) if item.number is not None else None
        skip = number.end() if number else 0
        body, span = text[skip:], Span(start + skip, end)
        is_rec = item.number is None or (
            numbered_recommendations
            and bool(RECOMMENDATION_HEADING.search(sections[item.section].title))
        )
        if is_rec:
            section = sections[item.section]
            rec = Recommendation(
                item.number or 0,
                body,
                [],
                span,
                numbered=item.number is not None,
                addressee="lscb" if section.area == "lscb-effectiveness" else "local-authority",
                timescale=item.timescale,
            )
            recs.append((item.first, rec))
        else:
            paragraphs.append(Paragraph(item.number or 0, item.section, body, span))
    recommendations = [rec for _, rec in sorted(recs, key=lambda pair: pair[0])]
    for k, rec in enumerate(recommendations, start=1):
        rec.position = k
        if not rec.numbered:
            rec.n = k
    for k, section in enumerate(sections):
        numbers = [p.n for p in paragraphs if p.section == k]
        section.first_paragraph = min(numbers) if numbers else None
        section.last_paragraph = max(numbers) if numbers else None
    return sections, paragraphs, recommendations


def extract_body_any(
    doc: Document,
    begin: int,
    entries: list[tuple[str, int]],
    area_of: Callable[[str], str | None],
    warnings: list[str],
) -> tuple[list[Section], list[Paragraph], list[Recommendation]]:
    """:func:`extract_body`, falling back to bulleted paragraphs where none is numbered.

    The fallback numbers the paragraphs 1, 2, ... in reading order and says so in a
    warning, since those numbers are the reader's, not the report's.
    """
    tried: list[str] = []
    result = extract_body(doc, begin, entries, area_of, tried)
    if result[1]:
        warnings.extend(tried)
        return result
    retry: list[str] = []
    bulleted = extract_body(doc, begin, entries, area_of, retry, bulleted_paragraphs=True)
    if not bulleted[1]:
        warnings.extend(tried)
        return result
    warnings.extend(retry)
    warnings.append(
        "paragraphs are printed as bullets, not numbered: numbered here in reading order"
    )
    return bulleted
