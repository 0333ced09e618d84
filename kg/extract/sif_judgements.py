"""SIF judgements: the numbered table on the cover and the judgement sentences.

The cover table ('1. Children who need help and protection', ..., '2.1 Adoption
performance', ..., '3. Leadership, management and governance') is laid out in two
columns, and the text layer interleaves them by height: a grade that wraps ('Requires' /
'improvement to be' / 'good') is printed beside the middle of its row, so its first word
can come before the row's label and its last after the label's second line
('permanence'). Reading the table's grade words in order as one stream and cutting it
into whole grades gives the k-th grade for the k-th row, whatever the interleaving.

The overall effectiveness and the LSCB are judged in sentences, worded differently
from year to year ('The overall judgement is that children's services require
improvement', "Children's services in Torbay are inadequate", 'The effectiveness of the
LSCB is good', 'The Local Safeguarding Children Board requires improvement').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.sif_headings import GRADE_WORDS
from kg.extract.vocabulary import grade_id, sif_area_id
from kg.model import Judgement, Span
from kg.read import Document

_ROW = re.compile(r"^(?P<num>[123]\.|2\.[12])\s+(?P<rest>[A-Z].*)$")
_FRAGMENT_WORD = r"(?:requires?|improvement|to|be|good|outstanding|inadequate|adequate|not|judged)"
_FRAGMENT_LINE = re.compile(rf"^{_FRAGMENT_WORD}(?:\s+{_FRAGMENT_WORD})*\.?$", re.IGNORECASE)
_FRAGMENT_TAIL = re.compile(
    r"\s(?:requires?|improvement|to be good|be good|good|outstanding|inadequate|not judged)\b.*$",
    re.IGNORECASE,
)
_GRADE = re.compile(GRADE_WORDS, re.IGNORECASE)
TABLE_ROWS = 5
_VERB_GRADE = (
    r"(?:(?:is|are)\s+(?:that\s+it\s+is\s+)?(?P<g1>" + GRADE_WORDS + r")"
    r"|(?P<g2>requires?\s+improvement(?:\s+to\s+be\s+good)?))\b"
)
_OVERALL = re.compile(
    r"(?P<label>The overall judgement|Children's services in (?:the )?[A-Z][^.\n]{0,80}?)\s+"
    r"(?:is\s+(?:that\s+)?(?:children's services\s+)?(?:(?:are|is)\s+)?(?P<g0>"
    + GRADE_WORDS
    + r")\b|"
    + _VERB_GRADE
    + ")",
)
_LSCB = re.compile(
    r"(?:^|(?<=\n))(?P<label>The (?:effectiveness of the )?(?i:local safeguarding children board"
    r"|LSCB)(?:\s*\(LSCB\))?(?:\s+in\s+[A-Z][\w ]{0,40}?)?)\s+(?i:" + _VERB_GRADE + ")",
)


@dataclass
class _Row:
    label: str
    start: int
    end: int


def _judgement(label: str, grade: str, start: int, end: int) -> Judgement:
    label = " ".join(label.split())
    grade_label = " ".join(grade.split())
    return Judgement(
        label, sif_area_id(label), grade_label, grade_id(grade_label), Span(start, end)
    )


def cover_table(doc: Document, warnings: list[str]) -> list[Judgement]:
    """Rows of the numbered judgement table on the first page."""
    first = next(
        (
            i
            for i, line in enumerate(doc.lines[:80])
            if line.page == 1 and line.text.startswith("1. Children")
        ),
        None,
    )
    if first is None:
        return []
    if first > 0 and re.fullmatch(r"Requires?", doc.lines[first - 1].text, re.IGNORECASE):
        first -= 1  # the first word of a wrapped grade printed above its row
    rows: list[_Row] = []
    pieces: list[tuple[int, str]] = []  # (document offset, grade words)
    for i in range(first, min(first + 24, len(doc.lines))):
        line = doc.lines[i]
        numbered = _ROW.match(line.text)
        if numbered and len(rows) < TABLE_ROWS:
            rest = numbered["rest"]
            tail = _FRAGMENT_TAIL.search(rest)
            label = rest[: tail.start()] if tail else rest
            end = line.start + len(numbered["num"]) + 1 + len(label)
            rows.append(_Row(label, line.start, end))
            if tail:
                pieces.append(
                    (
                        line.start + numbered.start("rest") + tail.start() + 1,
                        rest[tail.start() + 1 :],
                    )
                )
        elif _FRAGMENT_LINE.match(line.text):
            pieces.append((line.start, line.text))
        elif rows and len(rows) < TABLE_ROWS and line.text[:1].islower():
            rows[-1].label = f"{rows[-1].label} {line.text}"  # 'permanence'
            rows[-1].end = line.end
        elif len(rows) == TABLE_ROWS or rows:
            break
    stream, offsets = "", []
    for offset, text in pieces:
        if stream:
            stream += " "
            offsets.append(offset - 1)
        for k in range(len(text)):
            offsets.append(offset + k)
        stream += text
    grades = list(_GRADE.finditer(stream))
    if len(grades) != len(rows):
        warnings.append(f"judgement table: {len(rows)} rows but {len(grades)} grades")
        return []
    judgements = []
    for row, grade in zip(rows, grades, strict=True):
        g_start, g_end = offsets[grade.start()], offsets[grade.end() - 1] + 1
        if grade_id(" ".join(grade.group(0).split())) is None:
            warnings.append(f"{row.label}: {' '.join(grade.group(0).split())}")
            continue
        judgements.append(
            _judgement(row.label, grade.group(0), min(row.start, g_start), max(row.end, g_end))
        )
    return judgements


def overall_judgement(doc: Document) -> Judgement | None:
    """The overall effectiveness sentence of the cover."""
    page_one = [line for line in doc.lines[:60] if line.page == 1]
    if not page_one:
        return None
    begin, end = page_one[0].start, page_one[-1].end
    text = doc.text[begin:end].replace("\n", " ")
    match = _OVERALL.search(text)
    if match is None:
        return None
    grade_group = next(g for g in ("g0", "g1", "g2") if match[g])
    return _judgement(
        match["label"], match[grade_group], begin + match.start(), begin + match.end(grade_group)
    )


def lscb_judgement(doc: Document, begin: int = 0) -> Judgement | None:
    """The LSCB's judgement: the first sentence starting a line that grades the board."""
    start = doc.lines[begin].start if begin < len(doc.lines) else len(doc.text)
    match = _LSCB.search(doc.text, start)
    if match is None:
        return None
    grade_group = "g1" if match["g1"] else "g2"
    return _judgement(match["label"], match[grade_group], match.start(), match.end(grade_group))
