"""Where the sections of a SIF or pre-SIF report begin: its contents page, and the headings
the body prints (wrapped over lines, carrying their grade, or in known wordings the
contents leave out). kg.extract.sif_body reads the sections these headings open.
"""

from __future__ import annotations

import re

from kg.extract.body import Heading, is_end
from kg.read import Document

GRADE_WORDS = (
    r"requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|adequate"
    r"|not\s+judged"
)
_GRADE_TAIL = re.compile(
    rf"(?:\s+(?:is|are))?(?:\s+that)?(?:\s+it)?(?:\s+is)?\s+(?P<grade>{GRADE_WORDS})\.?$",
    re.IGNORECASE,
)
_GRADE_LINE = re.compile(
    rf"^(?:{GRADE_WORDS})\.?$|^Grade \d \((?P<word>[A-Za-z ]+)\)$", re.IGNORECASE
)
_CONTENTS = re.compile(r"^(?:Table of )?contents$", re.IGNORECASE)
_CONTENTS_ENTRY_END = re.compile(r"^(?P<title>.*?)\s*\.*\s*(?P<page>\d{1,3})$")
_KNOWN_HEADING = re.compile(
    r"^(?:Summary|Summary of (?:key )?findings|Executive summary|Inspection findings"
    r"(?: - the Local Safeguarding Children Board)?|Recommendations?|Areas for improvement"
    r"|Priority (?:and immediate )?actions?|Immediate action|The inspection team"
    r"|What does the (?:local authority|LSCB|Local Safeguarding Children Board) need to"
    r" improve\?|Key strengths and weaknesses"
    r"(?: of the (?:LSCB|Local Safeguarding Children Board))?|Information about this inspection)$",
    re.IGNORECASE,
)
_GRADED_SENTENCE = re.compile(r"^The graded judge?ment (?:for|about)\b", re.IGNORECASE)
RECOMMENDATION_HEADING = re.compile(
    r"recommendation|need to improve|areas for improvement|priority (?:and immediate )?action"
    r"|immediate action",
    re.IGNORECASE,
)
# Sub-headings that belong to the judgement area of the heading above them.
INHERITS_AREA = re.compile(
    r"^(?:summary|executive summary|inspection findings|recommendations?|areas for improvement"
    r"|priority|immediate action|key strengths)",
    re.IGNORECASE,
)
NUMBERED = re.compile(r"^(?P<n>\d{1,3})(?:\.\s+(?=[A-Z'\"(\d])|\s+(?=[A-Z'\"(]))")


def norm(text: str) -> str:
    """Lower case, single spaces, no footnote digits glued to the last word ('area2')."""
    text = re.sub(r"(?<=[a-z)?])\d+$", "", text.strip())
    return " ".join(text.lower().split()).rstrip(" .:")


def contents(doc: Document, max_page: int = 5) -> tuple[list[tuple[str, int]], int]:
    """(title, printed page) entries of the contents page, and the line after the list."""
    head = next(
        (
            i
            for i, line in enumerate(doc.lines)
            if line.page <= max_page and _CONTENTS.match(line.text)
        ),
        None,
    )
    if head is None:
        return [], 0
    entries: list[tuple[str, int]] = []
    pending = ""
    i = head + 1
    while i < len(doc.lines) and doc.lines[i].page == doc.lines[head].page:
        pending = f"{pending} {doc.lines[i].text}".strip()
        match = _CONTENTS_ENTRY_END.match(pending)
        if match:
            entries.append((match["title"], int(match["page"])))
            pending = ""
        i += 1
    return entries, i


def _contents_lines(doc: Document) -> range:
    head = next((i for i, line in enumerate(doc.lines) if _CONTENTS.match(line.text)), None)
    if head is None:
        return range(0)
    return range(head, contents(doc)[1])


def _strip_grade(text: str) -> tuple[str, str | None]:
    match = _GRADE_TAIL.search(text)
    if match and match.start() > 0:
        return text[: match.start()], match["grade"]
    return text, None


def _line_grade(text: str) -> str | None:
    match = _GRADE_LINE.match(text.strip())
    if not match:
        return None
    return match["word"] or text.strip().rstrip(".")


def match_heading(doc: Document, i: int, title: str) -> Heading | None:
    """The contents ``title`` printed as a heading starting at line ``i``, if it is."""
    want = norm(title)
    got = ""
    grade: str | None = None
    for k in range(i, min(i + 4, len(doc.lines))):
        line = doc.lines[k]
        if k > i and (NUMBERED.match(line.text) or line.bullet or line.page != doc.lines[i].page):
            return None
        if k > i and grade is None and _line_grade(line.text):
            grade = _line_grade(line.text)  # printed beside the middle of a wrapped heading
            continue
        piece, piece_grade = _strip_grade(line.text)
        grade = grade or piece_grade
        got = f"{got} {norm(piece)}".strip()
        if got == want:
            last = k
            if grade is None and k + 1 < len(doc.lines) and _line_grade(doc.lines[k + 1].text):
                grade, last = _line_grade(doc.lines[k + 1].text), k + 1
            return Heading(i, last, " ".join(title.split()), grade)
        if not want.startswith(got):
            return None
    return None


def known_heading(doc: Document, i: int) -> Heading | None:
    """A sub-heading the contents page leaves out, or a graded adoption/care leaver line."""
    line = doc.lines[i]
    if line.bullet or NUMBERED.match(line.text):
        return None
    if _KNOWN_HEADING.match(norm(line.text)):
        grade = None
        last = i
        if i + 1 < len(doc.lines) and _line_grade(doc.lines[i + 1].text):
            grade, last = _line_grade(doc.lines[i + 1].text), i + 1
        return Heading(i, last, line.text.rstrip("0123456789"), grade)
    if _GRADED_SENTENCE.match(line.text):
        joined = ""
        for k in range(i, min(i + 3, len(doc.lines))):
            if k > i and NUMBERED.match(doc.lines[k].text):
                break
            joined = f"{joined} {doc.lines[k].text}".strip()
            title, grade = _strip_grade(joined)
            if grade:
                return Heading(i, k, title.strip(), grade)
    return None


# Main headings of SIF reports, looked for even where no contents page lists them
# (excerpts, text renderings).
MAIN_HEADINGS = (
    "The experiences and progress of children who need help and protection",
    "The experiences and progress of children looked after and achieving permanence",
    "Leadership, management and governance",
    "The Local Safeguarding Children Board (LSCB)",
    "The local authority",
    "Information about this local authority area",
    "Summary for children and young people",
    "Progress since the last inspection",
    "The local authority's strengths",
)


def _starts_block(doc: Document, i: int) -> bool:
    """Line ``i`` follows a finished sentence or a page break, as a heading must."""
    if i == 0 or doc.lines[i - 1].page != doc.lines[i].page:
        return True
    before = doc.lines[i - 1].text
    return len(before) < 50 or not re.search(r"[a-z,;]$", before)


def _heads_a_list(doc: Document, i: int) -> bool:
    """Line ``i`` is short and the next line starts a numbered item or a bullet: a heading
    over a list ('Areas for improvement' under 'The effectiveness of the LSCB requires
    improvement', which :func:`_starts_block` takes for a wrapped sentence)."""
    if i + 1 >= len(doc.lines) or len(doc.lines[i].text) > 60:
        return False
    after = doc.lines[i + 1]
    return bool(NUMBERED.match(after.text)) or after.bullet


def find_headings(doc: Document, begin: int, entries: list[tuple[str, int]]) -> list[Heading]:
    """Contents entries located in order, merged with the known headings after ``begin``.

    An entry is looked for near its printed page (printed and file pages differ by the
    cover at most), so that 'Executive summary' of the LSCB part cannot stand in for the
    one before the contents page; a text without page breaks ignores the pages.
    """
    paged = doc.page_count > 1 and doc.lines[-1].page > 1
    found: dict[int, Heading] = {}
    at = 0
    listing = _contents_lines(doc)
    for title, page in entries:
        for i in range(at, len(doc.lines)):
            if i in listing:
                continue
            if paged and doc.lines[i].page > page + 2:
                break
            if paged and doc.lines[i].page < page - 1:
                continue
            heading = match_heading(doc, i, title)
            if heading is not None:
                found[i] = heading
                at = heading.last_line + 1
                break
    covered = {k for h in found.values() for k in range(h.first_line, h.last_line + 1)}
    i = begin
    while i < len(doc.lines) and not is_end(doc, i):
        heading = None
        if i not in covered and _starts_block(doc, i):
            heading = known_heading(doc, i) or next(
                (h for t in MAIN_HEADINGS if (h := match_heading(doc, i, t)) is not None), None
            )
        elif i not in covered and _heads_a_list(doc, i):
            heading = known_heading(doc, i)
        if heading is not None:
            found[i] = heading
            i = heading.last_line + 1
            continue
        i += 1
    return [found[i] for i in sorted(found)]
