"""The ILACS judgement table on the cover.

Rows wrap: a label runs over two or three lines and its grade sits on the first, the
last or a line of its own, and a grade itself can wrap ('Requires' / 'improvement to be'
/ 'good'). The table's lines are therefore read as one stretch of the document text
(newlines count as spaces, so offsets stay exact), cut into rows where each label
starts, and each row's grade is the grade phrase inside it.
"""

from __future__ import annotations

import re

from kg.extract.vocabulary import GRADE_PATTERN, grade_id, ilacs_area_id
from kg.model import Judgement, Span
from kg.read import Document

_TABLE_HEAD = re.compile(r"^\|?\s*Judgement\s*\|?\s*Grade\s*\|?$", re.IGNORECASE)
_ROW_START = re.compile(
    r"The\s+impact\s+of\s+leaders|The\s+experiences\s+and\s+progress\s+of|Overall\s+effectiveness"
)
_TABLE_RULE = re.compile(r"^\|?[\s|:-]*\|[\s|:-]*$")
MAX_TABLE_LINES = 24
_SENTENCE = re.compile(r"[a-z)]\.(?:\s+[A-Z]|\s*$)")
"""A full stop after a word: table cells never hold one, the text after the table does."""
_LABEL_TEXT = (
    "the impact of leaders on social work practice with children and families experiences "
    "progress who need help protection in care leavers overall effectiveness"
)
_LABEL_WORDS = frozenset(_LABEL_TEXT.split())
"""Words of the printed area labels: what is left of a row without them is its grade."""


def _is_prose(text: str) -> bool:
    """A line of running text, which ends the table whatever is still missing from it."""
    return bool(_SENTENCE.search(text)) or len(text) > 110


def table_lines(doc: Document) -> tuple[int, int] | None:
    """Index range [first, last] of the table's body lines, or None if there is none."""
    head = next((i for i, line in enumerate(doc.lines[:60]) if _TABLE_HEAD.match(line.text)), None)
    if head is None:
        return None
    first = head + 1
    while first < len(doc.lines) and _TABLE_RULE.match(doc.lines[first].text):
        first += 1
    last = first - 1
    rows = grades = 0
    for i in range(first, min(first + MAX_TABLE_LINES, len(doc.lines))):
        text = doc.lines[i].text
        starts_row = bool(_ROW_START.match(text.lstrip("| ")))
        if not starts_row and _is_prose(text):
            break
        continues = text[:1].islower() or bool(GRADE_PATTERN.fullmatch(text.strip("| ")))
        wrapped_grade = bool(re.match(r"^(?:improvement|to be|good)\b", text))
        if rows and grades >= rows and not (starts_row or continues or wrapped_grade):
            break
        rows += len(_ROW_START.findall(text))
        grades += len(GRADE_PATTERN.findall(text))
        last = i
    return (first, last) if last >= first else None


def extract_judgements(doc: Document, framework: str) -> tuple[list[Judgement], int | None]:
    """Judgements of the cover table and the index of the table's last line."""
    bounds = table_lines(doc)
    if bounds is None:
        return [], None
    first, last = bounds
    begin, end = doc.lines[first].start, doc.lines[last].end
    region = doc.text[begin:end].replace("\n", " ")
    starts = [m.start() for m in _ROW_START.finditer(region)]
    judgements: list[Judgement] = []
    for k, row_start in enumerate(starts):
        row_end = starts[k + 1] if k + 1 < len(starts) else len(region)
        row = region[row_start:row_end]
        grade = GRADE_PATTERN.search(row)
        if grade is None:
            # a grade word outside the scheme ('Brilliant'): kept as printed, with no grade,
            # so the report warns about it and the graph states nothing for this area
            cells = [c.strip() for c in row.split("|") if c.strip()]
            label = cells[0] if len(cells) > 1 else row
            printed = (
                " ".join(cells[1:])
                if len(cells) > 1
                else " ".join(w for w in row.split() if w.lower() not in _LABEL_WORDS)
            )
            judgements.append(
                Judgement(
                    area_label=" ".join(label.split()),
                    area=ilacs_area_id(label, framework),
                    grade_label=printed,
                    grade=None,
                    span=Span(begin + row_start, begin + row_start + len(row.rstrip(" |"))),
                )
            )
            continue
        label = (row[: grade.start()] + " " + row[grade.end() :]).replace("|", " ")
        label = " ".join(label.split())
        grade_label = " ".join(grade.group(0).split())
        # a grade wrapped around the label's second line: 'Requires improvement' on the
        # label's first line, 'to be good' beside (before or after) its continuation
        tail = re.search(r"\bto be good\b", label, re.IGNORECASE)
        if grade_label.lower() == "requires improvement" and tail:
            label = " ".join((label[: tail.start()] + label[tail.end() :]).split())
            grade_label = f"{grade_label} {tail.group(0)}"
        stripped = row.rstrip(" |")
        lead = len(row) - len(row.lstrip(" |"))
        judgements.append(
            Judgement(
                area_label=label,
                area=ilacs_area_id(label, framework),
                grade_label=grade_label,
                grade=grade_id(grade_label),
                span=Span(begin + row_start + lead, begin + row_start + len(stripped)),
            )
        )
    return judgements, last
