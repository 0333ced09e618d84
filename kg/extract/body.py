"""'What needs to improve', judgement sections and numbered paragraphs.

These are read line by line after the cover. A numbered paragraph starts with its number
('10. When children go missing ...') and runs until the next number, a section heading
or the end of the report; everything between, including lines that look like bullets
(lists inside a paragraph, or a text rendering's page-break artefacts), belongs to it.
A number only starts a paragraph when it continues the sequence, so a sentence that
happens to begin with '2018.' cannot split a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.vocabulary import ilacs_area_id
from kg.model import Paragraph, Recommendation, Section, Span
from kg.read import Document

WNTI_HEAD = re.compile(
    r"^(?:What needs to improve|What does the local authority need to improve|"
    r"Areas for improvement|Recommendations)\s*[?:]?\s*\d?$",
    re.IGNORECASE,
)
"""The heading alone on its line (a footnote mark may follow): body text that happens to
start a line with 'recommendations from the inspection in 2023 ...' is not a heading."""
_HEADING = re.compile(
    r"^(?P<title>(?:The experiences and progress of|The impact of leaders|"
    r"Overall effectiveness).*?)(?:\s+(?:is|are))?(?:\s+|\s*:\s*)"
    r"(?P<grade>outstanding|good|requires improvement(?: to be good)?|inadequate)\.?\d*$",
    re.IGNORECASE,
)
_NUMBERED = re.compile(
    r"^(?P<n>\d{1,3})(?:\.+(?:\s+(?=\S)|(?=[A-Z'\"]))|\s+(?P<undotted>(?=[A-Z])))"
)
_FRAMEWORK_TAG = re.compile(
    r"\(([^()]*national\s+framework[^()]*|(?:outcome|enabler|principle)s?\s+\w+\b[^()]*)\)",
    re.IGNORECASE,
)
"""A National Framework tag: a bracket naming the framework, or one that starts with an
outcome, enabler or principle number ('(enabler 2, leaders drive conditions ...)')."""
_END_OF_REPORT = re.compile(
    r"^(?:The Office for Standards in Education|Ofsted has a duty|If you would like a copy"
    r"|Any complaints about the inspection)",
)
MAX_GAP = 3
"""A paragraph number may skip at most this many numbers (a gap printed in the report)."""


@dataclass
class Heading:
    """A section heading over lines first_line..last_line, with the grade it prints."""

    first_line: int
    last_line: int
    title: str
    grade: str | None


def find_heading(doc: Document, i: int) -> Heading | None:
    """A section heading starting at line ``i`` (headings wrap over up to three lines)."""
    text = doc.lines[i].text
    if not re.match(r"^(?:The experiences|The impact of leaders|Overall effectiveness)", text):
        return None
    joined = ""
    for k in range(i, min(i + 3, len(doc.lines))):
        if k > i and (_NUMBERED.match(doc.lines[k].text) or doc.lines[k].footnote):
            break
        joined = f"{joined} {doc.lines[k].text}".strip()
        match = _HEADING.match(joined)
        if match:
            return Heading(i, k, match["title"].strip(), match["grade"].lower())
    return None


def is_end(doc: Document, i: int) -> bool:
    line = doc.lines[i]
    return line.footnote or bool(_END_OF_REPORT.match(line.text))


def extract_recommendations(doc: Document, begin: int) -> tuple[list[Recommendation], int]:
    """Items under 'What needs to improve'; returns them and the line index after them."""
    head = next(
        (i for i in range(begin, len(doc.lines)) if WNTI_HEAD.match(doc.lines[i].text)), None
    )
    if head is None:
        return [], begin
    items: list[tuple[int, int]] = []
    top: float | None = None  # indent of the list's own bullets
    i = head + 1
    while i < len(doc.lines) and not is_end(doc, i) and find_heading(doc, i) is None:
        line = doc.lines[i]
        if line.bullet and top is None:
            top = line.indent
        if (line.bullet and not _nested(line.indent, top)) or not items:
            items.append((i, i))
        else:
            items[-1] = (items[-1][0], i)  # a continuation line or a nested item
        i += 1
    recommendations = []
    for k, (first, last) in enumerate(items, start=1):
        text, start, end = doc.join(first, last)
        tags = [" ".join(tag.split()) for tag in _FRAMEWORK_TAG.findall(text)]
        recommendations.append(Recommendation(k, text, tags, Span(start, end), position=k))
    return recommendations, i


NESTED_INDENT = 4.0
"""Points (or spaces) further right than the list's bullets at which a bullet is a
sub-item of the recommendation above it ('The quality of oversight of:' / '- the
pre-proceedings process' / '- permanence for children')."""


def _nested(indent: float | None, top: float | None) -> bool:
    return indent is not None and top is not None and indent > top + NESTED_INDENT


def extract_sections(
    doc: Document, begin: int, framework: str, warnings: list[str]
) -> tuple[list[Section], list[Paragraph]]:
    sections: list[Section] = []
    paragraphs: list[Paragraph] = []
    current: tuple[int, int, int] | None = None  # (n, first line, last line)

    def close() -> None:
        nonlocal current
        if current is None:
            return
        n, first, last = current
        text, start, end = doc.join(first, last)
        number = _NUMBERED.match(text)
        assert number is not None
        start += number.end()
        if not sections:
            warnings.append(f"paragraph {n} comes before any section heading")
            sections.append(Section("(untitled)", None, None, None))
        paragraphs.append(Paragraph(n, len(sections) - 1, text[number.end() :], Span(start, end)))
        current = None

    i = begin
    while i < len(doc.lines) and not is_end(doc, i):
        heading = find_heading(doc, i)
        if heading is not None:
            close()
            start = doc.lines[heading.first_line].start
            sections.append(
                Section(
                    title=heading.title,
                    area=ilacs_area_id(heading.title, framework),
                    first_paragraph=None,
                    last_paragraph=None,
                    span=Span(start, doc.lines[heading.last_line].end),
                    grade_label=heading.grade,
                )
            )
            i = heading.last_line + 1
            continue
        number = _NUMBERED.match(doc.lines[i].text)
        expected = paragraphs[-1].n + 1 if paragraphs else 1
        if current is not None:
            expected = current[0] + 1
        if number and number["undotted"] is not None and int(number["n"]) != expected:
            number = None  # '34 Most children' starts paragraph 34 only where 34 is due
        if number and expected <= int(number["n"]) <= expected + MAX_GAP:
            close()
            n = int(number["n"])
            if n != expected:
                warnings.append(f"paragraph numbering jumps from {expected - 1} to {n}")
            current = (n, i, i)
        elif current is not None:
            current = (current[0], current[1], i)
        i += 1
    close()
    for k, section in enumerate(sections):
        numbers = [p.n for p in paragraphs if p.section == k]
        section.first_paragraph = min(numbers) if numbers else None
        section.last_paragraph = max(numbers) if numbers else None
    return sections, paragraphs
