"""PDF reader: pypdfium2 text rectangles, laid out into lines in reading order.

pypdfium2 (Apache/BSD) is ~20x faster than pypdf on these reports. Its plain
``get_text_range`` follows the content stream, which in some reports puts the last lines
of one page at the end of the next page's stream; laying out the text rectangles by
position instead gives the order a reader sees.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from kg.read.document import Document, RawLine, assemble, normalise_line, split_bullet
from kg.read.errors import ReadError
from kg.read.furniture import remove_furniture

PDF_MEDIA_TYPE = "application/pdf"


@dataclass
class _StreamLine:
    baseline: float
    left: float
    text: str
    size: float


def read_pdf(data: bytes, *, path: str = "", sha256: str = "") -> Document:
    """Read a PDF's bytes into a Document; raise ReadError with a one-line reason."""
    if not data:
        raise ReadError("empty file")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        head = data.lstrip()[:200].lower()
        kind = "an HTML page" if b"<html" in head or b"<!doctype" in head else "not a PDF"
        raise ReadError(f"not a PDF file ({kind})")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ReadError(_open_failure(data, str(exc))) from None
    try:
        if len(pdf) == 0:
            raise ReadError("PDF has no pages")
        pages = []
        for index in range(len(pdf)):
            try:
                pages.append(_page_lines(pdf, index))
            except (pdfium.PdfiumError, ValueError, OSError) as exc:
                # a report with a page missing would lose its evidence without a word
                raise ReadError(
                    f"page {index + 1} of {len(pdf)} cannot be read ({_reason(str(exc))})"
                ) from None
    finally:
        pdf.close()
    kept, removed = remove_furniture(pages)
    raw = _move_footnotes(kept)
    if not any(line.text for line in raw):
        raise ReadError("PDF has no extractable text (scanned image?)")
    return assemble(
        raw,
        page_count=len(pages),
        media_type=PDF_MEDIA_TYPE,
        path=path,
        sha256=sha256,
        removed_furniture=removed,
    )


def _reason(message: str) -> str:
    """pdfium's message without its error code where the code is stale.

    pdfium keeps its last error in a global, so a message may carry the code of an
    earlier file's failure (a zero-page file was once called 'encrypted'); 'Success' as
    the code of a failure says the same. Only the message before the code is kept then.
    """
    text = message.strip().rstrip(".")
    if "(PDFium: Success)" in text:
        text = text.replace("(PDFium: Success)", "").strip()
    return text or "pdfium gave no reason"


def _open_failure(data: bytes, message: str) -> str:
    """Why pdfium could not open a file, judged from the file itself where possible."""
    if b"/Encrypt" in data[-4096:] or b"/Encrypt" in data[:4096]:
        return "encrypted PDF (password required)"
    if re.search(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b", data):
        return "PDF has no pages"
    if b"%%EOF" not in data[-2048:]:
        return "damaged PDF (truncated: no end-of-file marker)"
    return f"damaged PDF (pdfium: {_reason(message)})"


def _page_lines(pdf: pdfium.PdfDocument, index: int) -> list[RawLine]:
    """Lines of one page in visual order: stream lines sorted top to bottom.

    Each line of the text stream is placed by the box of its first visible character
    (one lookup per line, so this costs little over plain text extraction).
    """
    page = pdf[index]
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        found: list[_StreamLine] = []
        offset = 0
        for stream_line, separator in _stream_lines(text):
            stripped = stream_line.lstrip()
            if stripped.strip():
                first = offset + len(stream_line) - len(stripped)
                left, bottom, _right, _top = textpage.get_charbox(first)
                middle = first + len(stripped) // 2
                size = max(
                    pdfium_raw.FPDFText_GetFontSize(textpage.raw, first),
                    pdfium_raw.FPDFText_GetFontSize(textpage.raw, middle),
                )
                found.append(_StreamLine(bottom, left, stream_line, round(size, 1)))
            offset += len(stream_line) + separator
    finally:
        textpage.close()
        page.close()
    return [_line(group, index + 1) for group in _visual_lines(found)]


_BREAK_HYPHEN_SPLIT = re.compile(r"(?<=[\ufffe\x02])(?=.)")


def _stream_lines(text: str) -> list[tuple[str, int]]:
    """The text stream's lines, also cut after a line-break hyphen (U+FFFE or STX), each
    with the length of the separator that follows it in ``text`` (2 for "\r\n", else 0).

    Such a hyphen ends a printed line, but pdfium may run the next text object on in the
    same stream line: in Derby 2025 a page's footnote followed 'decision-' directly. Cut
    there, each piece is placed by its own position (the footnote at the foot of the page).
    """
    pieces: list[tuple[str, int]] = []
    for line in text.split("\r\n"):
        parts = _BREAK_HYPHEN_SPLIT.split(line)
        pieces.extend((part, 0) for part in parts[:-1])
        pieces.append((parts[-1], 2))
    return pieces


BASELINE_TOLERANCE = 2.0
"""Points within which two stream lines share a baseline (e.g. a table's two columns)."""


def _visual_lines(found: list[_StreamLine]) -> list[list[_StreamLine]]:
    ordered = sorted(found, key=lambda line: -line.baseline)
    groups: list[list[_StreamLine]] = []
    for line in ordered:
        if groups and abs(groups[-1][0].baseline - line.baseline) <= BASELINE_TOLERANCE:
            groups[-1].append(line)
        else:
            groups.append([line])
    return [sorted(group, key=lambda line: line.left) for group in groups]


def _line(parts: list[_StreamLine], page: int) -> RawLine:
    text = " ".join(part.text for part in parts)
    bullet, body = split_bullet(normalise_line(text))
    size = max(part.size for part in parts)
    return RawLine(body, page, bullet=bullet, indent=round(parts[0].left, 1), size=size)


FOOTNOTE_RATIO = 0.9
"""Lines at the foot of a page set this much smaller than the body text are footnotes."""


def _move_footnotes(pages: list[list[RawLine]]) -> list[RawLine]:
    """Body lines in reading order, then every page's footnotes at the very end.

    A footnote printed at the foot of a page would otherwise split the paragraph that
    runs on to the next page; moving it after the body keeps paragraphs contiguous while
    its text (and offsets) stay in the document.
    """
    sizes = Counter(line.size for page in pages for line in page if line.size)
    if not sizes:
        return [line for page in pages for line in page]
    body_size = sizes.most_common(1)[0][0]
    body: list[RawLine] = []
    notes: list[RawLine] = []
    for page in pages:
        cut = len(page)
        while cut > 0 and (page[cut - 1].size or body_size) < FOOTNOTE_RATIO * body_size:
            cut -= 1
        # Footnotes sit beneath body text; small print on a page without any (a cover's
        # dates and inspector, a back page) stays where it is printed.
        if not any(abs((line.size or 0) - body_size) < 0.5 for line in page[:cut]):
            cut = len(page)
        body.extend(page[:cut])
        for line in page[cut:]:
            line.footnote = True
            notes.append(line)
    return body + notes
