"""The normalised Document every reader produces.

Readers differ (PDF glyph runs, plain-text lines, markdown list items) but extraction
sees one thing: a list of lines, each with its character offset in one normalised text,
the page it came from and whether it started with a bullet. Offsets into ``text`` are
what every extracted fact's span points at, so the text is built once, here, and never
edited afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Typographic characters users search for in their plain forms. Dashes become a hyphen
# so that '15 – 19 July' and '15 - 19 July' parse alike.
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\t": " ",
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
        "\u00ad": None,
        "\r": None,
    }
)
# PDF producers mark a hyphen at a line break with U+FFFE or STX; Ofsted's reports are
# not justified, so such a hyphen is always a real one ('high-quality', 'in-house').
_BREAK_HYPHENS = ("\ufffe", "\x02")
# Bullet glyphs: the geometric shapes Word uses and private-use codepoints of symbol fonts.
_BULLET = re.compile(
    r"^\s*(?:[\u25a0-\u25ff\u2022\u2023\u2043\u2219\u00b7\uf000-\uf8ff]|[-*](?=\s))\s*"
)
_SPACES = re.compile(r" {2,}")


def normalise_line(raw: str) -> str:
    """Typographic normalisation of one line; never changes the line's meaning."""
    for marker in _BREAK_HYPHENS:
        raw = raw.replace(marker, "-")
    raw = raw.translate(_TRANSLATE)
    raw = "".join(ch for ch in raw if ch >= " " or ch == "\n")
    return _SPACES.sub(" ", raw).strip()


def split_bullet(line: str) -> tuple[bool, str]:
    """Separate a leading bullet glyph (or markdown list marker) from the line's text."""
    match = _BULLET.match(line)
    if match and match.end() < len(line):
        return True, line[match.end() :]
    return False, line


@dataclass(frozen=True)
class Line:
    """One line of the document and where it sits in ``Document.text``."""

    text: str
    start: int
    end: int
    page: int
    bullet: bool = False
    blank_before: bool = False
    """The source had an empty line before this one (plain text renderings only)."""
    indent: float | None = None
    """Left edge in points, where the reader knows it (PDF)."""
    footnote: bool = False
    """A page footnote, moved after the body text so it never splits a paragraph."""


@dataclass
class Document:
    """A report's text as one string, and its lines with offsets into it."""

    text: str
    lines: list[Line]
    page_count: int
    media_type: str
    path: str = ""
    sha256: str = ""
    title_hint: str | None = None
    removed_furniture: int = 0
    warnings: list[str] = field(default_factory=list)

    def join(self, first: int, last: int) -> tuple[str, int, int]:
        """Text of lines ``first..last`` (inclusive) as one line, with its span.

        Line breaks become single spaces, so the returned text equals the span's
        substring of ``text`` with every newline replaced by a space: that is what lets a
        reader check any extracted paragraph against the report text.
        """
        start, end = self.lines[first].start, self.lines[last].end
        return self.text[start:end].replace("\n", " "), start, end


@dataclass
class RawLine:
    """A line as a reader found it, before offsets are assigned."""

    text: str
    page: int
    bullet: bool = False
    blank_before: bool = False
    indent: float | None = None
    size: float | None = None
    footnote: bool = False


def assemble(
    raw_lines: list[RawLine],
    *,
    page_count: int,
    media_type: str,
    path: str = "",
    sha256: str = "",
    removed_furniture: int = 0,
) -> Document:
    """Join normalised lines into the Document text, recording each line's offsets."""
    lines: list[Line] = []
    parts: list[str] = []
    offset = 0
    for raw in _join_hyphenated(raw_lines):
        if not raw.text:
            continue
        if parts:
            offset += 1  # the "\n" between lines
        start = offset
        offset += len(raw.text)
        parts.append(raw.text)
        lines.append(
            Line(
                raw.text,
                start,
                offset,
                raw.page,
                raw.bullet,
                raw.blank_before,
                raw.indent,
                raw.footnote,
            )
        )
    return Document(
        text="\n".join(parts),
        lines=lines,
        page_count=page_count,
        media_type=media_type,
        path=path,
        sha256=sha256,
        removed_furniture=removed_furniture,
    )


_HYPHEN_END = re.compile(r"[A-Za-z]-$")
_WORD_START = re.compile(r"^([a-z][\w'-]*[,;:.)]?)\s*")


def _join_hyphenated(raw_lines: list[RawLine]) -> list[RawLine]:
    """Pull the first word of a line up onto a line that ends in a word-joining hyphen.

    'high-' / 'quality assurance' becomes 'high-quality' / 'assurance', so that joining
    lines with spaces (Document.join) never leaves 'high- quality'.
    """
    out = [
        RawLine(r.text, r.page, r.bullet, r.blank_before, r.indent, r.size, r.footnote)
        for r in raw_lines
    ]
    for i in range(len(out) - 1):
        here, nxt = out[i], out[i + 1]
        if not _HYPHEN_END.search(here.text):
            continue
        match = _WORD_START.match(nxt.text)
        if match and not nxt.bullet:
            here.text += match.group(1)
            nxt.text = nxt.text[match.end() :]
    return out
