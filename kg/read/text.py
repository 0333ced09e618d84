"""Plain text and markdown reader.

Text renderings of reports (for example ../shared/corpus/text/*.txt) mark page breaks
with runs of blank lines, paragraphs with blank lines and list items with '- '. Each
becomes line metadata (page, blank_before, bullet) so the extractor sees the same
structure as from a PDF.
"""

from __future__ import annotations

from kg.read.document import Document, RawLine, assemble, normalise_line, split_bullet
from kg.read.errors import ReadError

TEXT_MEDIA_TYPE = "text/plain"
MARKDOWN_MEDIA_TYPE = "text/markdown"
PAGE_BREAK_BLANKS = 3
"""This many consecutive blank lines (or a form feed) mark a page break."""


def read_text(
    data: bytes, *, path: str = "", sha256: str = "", media_type: str = TEXT_MEDIA_TYPE
) -> Document:
    if not data.strip():
        raise ReadError("empty file")
    if b"\x00" in data[:4096]:
        raise ReadError("binary file, not text")
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        content = data.decode("cp1252", errors="replace")
    page, blanks = 1, 0
    raw: list[RawLine] = []
    for source_line in content.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if "\f" in source_line:
            page += source_line.count("\f")
            source_line = source_line.replace("\f", "")
        text = normalise_line(source_line)
        if not text:
            blanks += 1
            continue
        if blanks >= PAGE_BREAK_BLANKS and raw:
            page += 1
        bullet, body = split_bullet(text)
        # leading spaces as an indent in 'points' (one per space), so nested list items
        # ('  - the pre-proceedings process') are told from their parent as in a PDF
        indent = float(len(source_line) - len(source_line.lstrip(" \t")))
        raw.append(
            RawLine(body, page, bullet=bullet, blank_before=blanks > 0 or not raw, indent=indent)
        )
        blanks = 0
    return assemble(raw, page_count=page, media_type=media_type, path=path, sha256=sha256)
