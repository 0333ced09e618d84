"""Split the text of a numbered paragraph into sentences, as character offsets.

Each sentence becomes a finding with its own span, so the splitter must never lose or
duplicate a character: the spans it returns are in order, do not overlap, are trimmed of
surrounding whitespace and together cover every non-space character of the text. It
works on offsets rather than returning strings so that a finding can point back into the
report text exactly (a paragraph's ``text`` and its slice of ``report.text`` differ only
in line breaks versus spaces, so offsets are valid in both).

Inspection reports are edited prose, so a small set of rules does better than a general
tokenizer (and keeps the project free of NLP dependencies):

* A sentence ends at '.', '?', '!' or '…' (or a run of them), optionally followed by
  closing quotes or brackets, then whitespace, then something that can start a sentence:
  an upper-case letter, a digit, an opening quote or bracket, or a bullet. A lower-case
  word after a full stop never starts a sentence ('(e.g. sibling groups ...').
* A full stop with no space after it is not a boundary, so decimals ('2.5', '60.3%') and
  dotted abbreviations ('i.e.') never split.
* Known abbreviations ('e.g.', 'i.e.', 'Dr.', 'Mr.', 'No.', 'approx.', 'para.', ...)
  do not end a sentence. 'etc.' does when a capitalised word follows (it closes a list).
* A single capital letter and a full stop is an initial ('J. Smith') unless the next word
  is a common sentence opener ('Child C. The report ...').
* Semicolons and colons never end a sentence.
* Lists run into a paragraph: every bullet ('•', '▪', '●', '◦') starts a new item, and so
  does every ' - ' after a colon that is itself directly followed by a dash (': - first
  item - second item'). A dash anywhere else is punctuation, not a list. The lead-in up to
  the colon stays a sentence of its own.
* A fragment with no word in it (a stray bullet) or a short bracketed note on its own
  ('(Recommendation.)') is joined to the sentence before it rather than standing alone.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "eg",
        "ie",
        "viz",
        "cf",
        "vs",
        "approx",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "cllr",
        "st",
        "no",
        "nos",
        "para",
        "paras",
        "fig",
        "ref",
        "incl",
        "est",
    }
)
"""Words that, followed by a full stop, do not end a sentence (compared in lower case)."""

LIST_CLOSERS = frozenset({"etc"})
"""Abbreviations that end a sentence when a capitalised word follows them."""

SENTENCE_OPENERS = frozenset(
    (
        *("The", "This", "That", "These", "Those", "There", "It", "Its", "In", "A", "An", "As"),
        *("At", "All", "Any", "Each", "For", "From", "He", "She", "They", "We", "When", "Where"),
        *("While", "Who", "However", "Although", "Despite", "Since", "Some", "Most", "Many"),
        *("Not", "Overall", "Following", "During", "Leaders", "Children", "Young", "Social"),
        *("Managers", "Staff"),
    )
)
"""Words that start sentences often and names rarely: after 'Child C.' they mark an end."""

BULLETS = "•▪●◦"

# A terminator run, then closing quotes/brackets, then the whitespace before the next
# sentence. Group 'end' is where the sentence ends (after any closers).
_BOUNDARY = re.compile(r"(?P<end>[.?!…]+[\"'’”)\]]*)(?P<gap>\s+)")
_STARTER = re.compile(r"[A-Z0-9\"'‘“(\[" + BULLETS + r"]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_BULLET = re.compile(r"[" + BULLETS + r"]")
_DASH_LIST = re.compile(r":\s*(?=[-–]\s)")
_DASH_ITEM = re.compile(r"\s[-–]\s")
_WORD = re.compile(r"[A-Za-z]{2,}")
_BRACKETED_NOTE = re.compile(r"^[(\[][^()\[\]]*[)\]][.]?$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Half-open ``(start, end)`` offsets of the sentences of ``text``, in order."""
    cuts = sorted(set(_sentence_cuts(text)) | set(_list_cuts(text)))
    pieces: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        span = _trim(text, start, cut)
        if span is not None:
            pieces.append(span)
        start = cut
    return _join_fragments(text, pieces)


def _sentence_cuts(text: str) -> list[int]:
    """Offsets where a new sentence starts after a terminator."""
    cuts: list[int] = []
    for m in _BOUNDARY.finditer(text):
        nxt = m.end()
        if nxt >= len(text) or not _STARTER.match(text, nxt):
            continue
        if m.group("end")[0] == "." and not _full_stop_ends(text, m.start(), nxt):
            continue
        cuts.append(nxt)
    return cuts


def _full_stop_ends(text: str, dot: int, nxt: int) -> bool:
    """Whether the full stop at ``dot`` ends a sentence, given the next one starts at ``nxt``."""
    word_match = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if word_match is None:
        return True
    word = word_match.group(1)
    key = word.lower().rstrip(".")
    next_word = re.match(r"\S+", text[nxt:])
    following = next_word.group(0).strip("\"'‘“([") if next_word else ""
    if key in ABBREVIATIONS:
        return False
    if key in LIST_CLOSERS:
        return following[:1].isupper()
    if len(word) == 1 and word.isupper():
        # An initial unless a common opener follows ('Child C. The report ...').
        return following in SENTENCE_OPENERS
    return True


def _list_cuts(text: str) -> list[int]:
    """Offsets where a list item starts: bullets anywhere, dashes after ': -'."""
    cuts = [m.start() for m in _BULLET.finditer(text)]
    for lead in _DASH_LIST.finditer(text):
        cuts.append(lead.end())  # the first item; the lead-in ends with its colon
        cuts.extend(item.start() + 1 for item in _DASH_ITEM.finditer(text, lead.end()))
    return [c for c in cuts if 0 < c < len(text)]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``(start, end)`` without surrounding whitespace, or None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _join_fragments(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join wordless fragments and lone bracketed notes to the sentence before them."""
    out: list[tuple[int, int]] = []
    for start, end in pieces:
        piece = text[start:end]
        note = _BRACKETED_NOTE.match(piece) is not None and len(piece.split()) <= 3
        if out and (note or _WORD.search(piece) is None):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    if len(out) > 1 and _WORD.search(text[out[0][0] : out[0][1]]) is None:
        out[1] = (out[0][0], out[1][1])
        del out[0]
    return out
