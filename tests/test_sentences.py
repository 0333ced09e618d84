"""Sentence splitting: offsets that cover a paragraph exactly, and the cases prose throws up.

Each sentence becomes a finding with a character span, so the invariants matter more
than any single split: spans are in order, do not overlap, are trimmed, and together
cover every non-space character of the paragraph.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import HAMPSHIRE_PDF

from kg.evidence.sentences import split_sentences
from kg.model import Report
from kg.pipeline import extract_file


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def assert_covers(text: str, spans: list[tuple[int, int]]) -> None:
    """In order, non-overlapping, trimmed, and covering every non-space character."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Visits are regular. Plans are clear.", ["Visits are regular.", "Plans are clear."]),
        (
            "Some children (e.g. sibling groups) wait longer. Others do not.",
            ["Some children (e.g. sibling groups) wait longer.", "Others do not."],
        ),
        (
            "Tracking starts late, i.e. after the decision. This causes delay.",
            ["Tracking starts late, i.e. after the decision.", "This causes delay."],
        ),
        (
            "Dr. Smith and Mr. Jones chair the panel. It meets monthly.",
            ["Dr. Smith and Mr. Jones chair the panel.", "It meets monthly."],
        ),
        (
            "The No. 11 service is valued. It offers approx. 30 places.",
            ["The No. 11 service is valued.", "It offers approx. 30 places."],
        ),
        (
            "Stability improved to 69.6% from 60.3%. This is good.",
            ["Stability improved to 69.6% from 60.3%.", "This is good."],
        ),
        (
            "It is chaired by J. R. Smith. The LiR for Child C. The report is clear.",
            ["It is chaired by J. R. Smith.", "The LiR for Child C.", "The report is clear."],
        ),
        (
            "One young person said, 'The area is OK.' Another was positive.",
            ["One young person said, 'The area is OK.'", "Another was positive."],
        ),
        (
            "Leaders ask, 'Does this mean anything?' and act. They listen.",
            ["Leaders ask, 'Does this mean anything?' and act.", "They listen."],
        ),
        (
            "Support is offered (for young carers.) Take-up is high.",
            ["Support is offered (for young carers.)", "Take-up is high."],
        ),
        (
            "Data are collated; leaders scrutinise them; action follows.",
            ["Data are collated; leaders scrutinise them; action follows."],
        ),
        (
            "This includes toys, books etc. Children enjoy them.",
            ["This includes toys, books etc.", "Children enjoy them."],
        ),
        (
            "Staff also use texts and calls etc. to keep in touch.",
            ["Staff also use texts and calls etc. to keep in touch."],
        ),
        (
            "In 2015. 61% of children were placed within 20 months.",
            ["In 2015.", "61% of children were placed within 20 months."],
        ),
        (
            "Plans are reviewed. (Recommendation.)",
            ["Plans are reviewed. (Recommendation.)"],
        ),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
    assert_covers(text, split_sentences(text))


def test_bullets_start_items() -> None:
    text = "Priorities include: • early help • the front door • care leavers."
    assert sentences(text) == [
        "Priorities include:",
        "• early help",
        "• the front door",
        "• care leavers.",
    ]


def test_dash_list_after_colon() -> None:
    text = "The plan covers: - recruitment - retention - training. It is new."
    assert sentences(text) == [
        "The plan covers:",
        "- recruitment",
        "- retention",
        "- training.",
        "It is new.",
    ]


def test_dash_without_colon_is_punctuation() -> None:
    text = "The model - Signs of Safety - is embedded. Staff value it."
    assert sentences(text) == ["The model - Signs of Safety - is embedded.", "Staff value it."]


def test_stray_bullet_joins_previous_sentence() -> None:
    text = "Families receive excellent early help services. •"
    assert sentences(text) == ["Families receive excellent early help services. •"]


@pytest.mark.parametrize("text", ["", "   ", "\n"])
def test_blank(text: str) -> None:
    assert split_sentences(text) == []


def test_no_terminator() -> None:
    assert sentences("  Judgement grade  ") == ["Judgement grade"]


def test_newlines_behave_like_spaces() -> None:
    """A paragraph's text and its slice of report.text differ only in line breaks."""
    flat = "Plans are clear. Reviews are timely and\nchildren attend. Visits are regular."
    assert split_sentences(flat) == split_sentences(flat.replace("\n", " "))


@cache
def hampshire() -> Report:
    return extract_file(HAMPSHIRE_PDF)[0]


def test_hampshire_spans_cover_every_paragraph() -> None:
    report = hampshire()
    assert report.paragraphs
    for paragraph in report.paragraphs:
        spans = split_sentences(paragraph.text)
        assert spans, paragraph.n
        assert_covers(paragraph.text, spans)
        # Offsets are valid in the report text too (same length, newlines for spaces).
        raw = report.text[paragraph.span.start : paragraph.span.end]
        for start, end in spans:
            assert raw[start:end].replace("\n", " ") == paragraph.text[start:end]


def test_hampshire_sentence_count() -> None:
    """44 paragraphs of short, edited prose: about four sentences each."""
    total = sum(len(split_sentences(p.text)) for p in hampshire().paragraphs)
    assert 150 <= total <= 220
