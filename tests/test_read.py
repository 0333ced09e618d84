"""Readers: normalisation, page furniture, footnotes, offsets and bad input."""

from __future__ import annotations

import pytest
from conftest import HAMPSHIRE_PDF, HAMPSHIRE_TXT

from kg.read import ReadError, read_bytes, read_path
from kg.read.document import RawLine, assemble, normalise_line, split_bullet
from kg.read.furniture import remove_furniture


def test_normalise_quotes_dashes_ligatures_and_break_hyphens() -> None:
    assert (
        normalise_line("children\u2019s \u201cvoice\u201d \u2013 now")
        == 'children\'s "voice" - now'
    )
    assert normalise_line("High\ufffequality  and\u00a0\ufb01ne") == "High-quality and fine"
    assert normalise_line("in\x02house\r") == "in-house"


def test_bullets_are_marked_not_kept() -> None:
    assert split_bullet("\u25fc The proportion") == (True, "The proportion")
    assert split_bullet("\uf0b7 managers' oversight") == (True, "managers' oversight")
    assert split_bullet("- 1. Children") == (True, "1. Children")
    assert split_bullet("-5 degrees") == (False, "-5 degrees")


def test_offsets_point_at_each_line_and_hyphenated_words_join() -> None:
    doc = assemble(
        [RawLine("A high-", 1), RawLine("quality service.", 1), RawLine("Next", 2)],
        page_count=2,
        media_type="text/plain",
    )
    assert [line.text for line in doc.lines] == ["A high-quality", "service.", "Next"]
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
    assert doc.join(0, 1) == ("A high-quality service.", 0, len("A high-quality\nservice."))


BODIES = ["Social workers visit.", "Plans are clear.", "Leaders know.", "Care leavers thrive."]


def test_running_headers_and_page_numbers_are_removed_but_body_kept() -> None:
    pages = [
        [
            RawLine("Inspection of X local authority children's services", n),
            RawLine(f"4 to 15 March 2024 {n}", n),
            RawLine(body, n),
            RawLine(str(n), n),
        ]
        for n, body in zip(range(2, 6), BODIES, strict=True)
    ]
    cover = [
        RawLine("Inspection of X local authority children's services", 1),
        RawLine("Cover body.", 1),
        RawLine("1", 1),
    ]
    kept, removed = remove_furniture([cover, *pages])
    assert [line.text for line in kept[0]] == [
        "Inspection of X local authority children's services",
        "Cover body.",
    ]
    assert [[line.text for line in page] for page in kept[1:]] == [[b] for b in BODIES]
    assert removed == 1 + 4 * 3


def test_pdf_reader_lays_out_lines_in_reading_order_and_removes_furniture() -> None:
    doc = read_path(HAMPSHIRE_PDF)
    texts = [line.text for line in doc.lines]
    assert texts[0] == "Hampshire County Council"
    assert doc.page_count == 12 and doc.removed_furniture >= 11
    # the last lines of page 1 sit at the end of page 2's content stream in this PDF
    summary_end = texts.index("sector-led improvement.")
    assert texts[summary_end - 1].startswith("improvement, while supporting")
    assert texts[summary_end + 1] == "What needs to improve"
    assert "12" not in texts and not any(t.isdigit() for t in texts)
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text


def test_pdf_footnotes_move_after_the_body(tmp_path) -> None:
    brent = tmp_path / "brent.pdf"
    from conftest import CORPUS, corpus_available

    if not corpus_available():
        pytest.skip("../shared/corpus is not present")
    brent.write_bytes((CORPUS / "reports/80489-brent/2026-06-17.pdf").read_bytes())
    doc = read_path(brent)
    notes = [line for line in doc.lines if line.footnote]
    assert notes and notes[0].text.startswith("1 The areas for improvement")
    first_note = doc.lines.index(notes[0])
    assert all(line.footnote for line in doc.lines[first_note:])


def test_text_reader_pages_blank_lines_and_list_markers() -> None:
    doc = read_path(HAMPSHIRE_TXT)
    assert doc.page_count > 5
    continuation = next(
        line for line in doc.lines if line.text.startswith("educational achievement")
    )
    assert continuation.bullet  # the rendering's artefact: extraction must see through it
    assert doc.lines[0].text == "Hampshire County Council"


@pytest.mark.parametrize(
    ("data", "path", "message"),
    [
        (b"", "empty.pdf", "empty file"),
        (b"   \n", "empty.txt", "empty file"),
        (b"<!DOCTYPE html><html><body>Not found</body></html>", "x.pdf", "HTML page"),
        (b"%PDF-1.7\n garbage that is not a pdf", "x.pdf", "damaged PDF"),
        (b"PK\x03\x04\x00\x00binary", "x.docx", "unsupported file type"),
    ],
)
def test_bad_input_gives_one_line_errors(data: bytes, path: str, message: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes(data, path=path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_missing_file_is_a_read_error(tmp_path) -> None:
    with pytest.raises(ReadError):
        read_path(tmp_path / "nope.pdf")


def test_cover_small_print_is_not_a_footnote() -> None:
    from conftest import CORPUS, corpus_available

    if not corpus_available():
        pytest.skip("../shared/corpus is not present")
    # a 2013 cover sets dates, inspector and publication below the title in small print,
    # with no body text above it: it stays on page 1, in place
    doc = read_path(CORPUS / "reports/80476-kent/2013-08-23.pdf")
    cover = [line.text for line in doc.lines[:8]]
    assert "Inspection dates: 15 - 19 July 2013" in cover
    assert not any(line.footnote for line in doc.lines if line.page == 1)
