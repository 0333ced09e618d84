"""Properties that must hold for any input, checked on generated inputs (hypothesis).

Readers either give a Document whose line offsets are exact or raise ReadError; the
extractor either gives reports or raises ExtractError; date and grade parsers never
invent a value; a parameter value can never change a library query's structure.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kg.extract import ExtractError, extract_all
from kg.extract.dates import MONTHS, parse_date_range
from kg.extract.vocabulary import grade_id
from kg.library import ParameterError, load
from kg.read import ReadError, read_bytes
from kg.store.form import QueryForm, check_query

GRADE_IDS = {"outstanding", "good", "requires-improvement", "adequate", "inadequate"}
MONTH_NAMES = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]  # fmt: skip
REPORT_WORDS = st.sampled_from(
    [
        "Inspection of", "children's services", "Inspection dates:", "Lead inspector:",
        "Judgement", "Grade", "Overall effectiveness", "Good", "Requires improvement",
        "to be good", "Outstanding", "Inadequate", "1.", "2.", "What needs to improve",
        "The experiences and progress of", "The impact of leaders", "Ofsted", "|", "-",
        "31 February 2019", "3 May 2019", "\n", "\n\n", "Children's services in", "are",
        "Hampshire County Council", "Brilliant",
    ]
)  # fmt: skip
SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_document(data: bytes, path: str) -> None:
    try:
        doc = read_bytes(data, path=path)
    except ReadError as exc:
        assert "\n" not in str(exc)
        return
    for line in doc.lines:
        assert doc.text[line.start : line.end] == line.text
    try:
        reports = extract_all(doc)
    except ExtractError as exc:
        assert "\n" not in str(exc)
        return
    for report in reports:
        for finding in report.findings:
            assert report.text[finding.span.start : finding.span.end].replace("\n", " ") == (
                finding.text
            )


@SLOW
@given(st.binary(max_size=2000), st.sampled_from(["x.pdf", "x.txt", "x.md", "x"]))
def test_any_bytes_are_read_or_refused_in_one_line(data: bytes, path: str) -> None:
    check_document(data, path)


@SLOW
@given(st.lists(REPORT_WORDS, max_size=80))
def test_report_like_text_is_extracted_or_refused_in_one_line(words: list[str]) -> None:
    check_document(" ".join(words).encode("utf-8"), "report.txt")


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)), st.integers(0, 40))
def test_a_printed_range_gives_exactly_its_dates(start: date, days: int) -> None:
    end = start + timedelta(days=days)

    def printed(day: date) -> str:
        return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"

    text = f"{printed(start)} to {printed(end)}"
    assert parse_date_range(text) == (start, end)


@given(st.integers(1, 12), st.integers(29, 35), st.integers(2000, 2030))
def test_an_impossible_day_never_becomes_a_date(month: int, day: int, year: int) -> None:
    try:
        date(year, month, day)
        assume(False)
    except ValueError:
        pass
    problems: list[str] = []
    text = f"{day} {MONTH_NAMES[month - 1]} {year} to 3 {MONTH_NAMES[month % 12]} {year + 1}"
    assert parse_date_range(text, problems) == (None, None)
    assert problems and "impossible date" in problems[0]


@given(st.text(max_size=60))
def test_a_parsed_range_never_runs_backwards(text: str) -> None:
    start, end = parse_date_range(text)
    assert (start is None) == (end is None)
    if start is not None and end is not None:
        assert start <= end


@given(st.text(max_size=40))
def test_grades_come_only_from_the_scheme(text: str) -> None:
    assert grade_id(text) in GRADE_IDS | {None}


def test_month_table_is_complete() -> None:
    assert sorted(MONTHS.values()) == list(range(1, 13))


@pytest.mark.parametrize("name", ["finding-search", "authority-grades", "judgements"])
@settings(max_examples=80, deadline=None)
@given(value=st.text(max_size=60))
def test_no_parameter_value_changes_a_query(name: str, value: str) -> None:
    query = load(name)
    strings = [p for p in query.parameters if p.type == "string"]
    if not strings:
        return
    try:
        text = query.bind({strings[0].name: value})
    except ParameterError:
        return
    assert check_query(text) is QueryForm.SELECT
