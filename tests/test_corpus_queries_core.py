"""The first library queries (judgements, report-sources, reconcile, improvement-summary)
on the graph built from the shared corpus, with facts read by hand in the reports and in
Ofsted's workbook."""

from __future__ import annotations

import pytest
from conftest import day, needs_corpus

import kg
from kg.store import Store

pytestmark = [pytest.mark.corpus, needs_corpus]


def test_judgements_of_wakefield_2018(corpus: Store) -> None:
    frame = kg.query("judgements", store=corpus)
    rows = frame[(frame.authority == "Wakefield") & (frame.start_date == day(2018, 6, 4))]
    # reports/80451-wakefield/2018-07-17.pdf, cover: 'Inspection dates: 4 June to 15 June
    # 2018'; the judgement table grades all four areas inadequate
    assert dict(zip(rows.area, rows.grade, strict=True)) == {
        "Overall effectiveness": "Inadequate",
        "The impact of leaders on social work practice with children and families": "Inadequate",
        "The experiences and progress of children who need help and protection": "Inadequate",
        "The experiences and progress of children in care and care leavers": "Inadequate",
    }


def test_report_sources_of_hampshire(corpus: Store) -> None:
    frame = kg.query("report-sources", store=corpus, authority="hampshire")
    # reports/80472-hampshire/: 2014-04-22.pdf (SIF, fieldwork from 18 February 2014),
    # 2019-06-11.pdf and 2024-07-23.pdf (ILACS)
    assert list(frame.start_date) == [day(2014, 2, 18), day(2019, 4, 29), day(2024, 6, 10)]
    assert list(frame.framework) == ["sif", "ilacs", "ilacs"]
    assert all(source.startswith("https://files.ofsted.gov.uk/v1/file/") for source in frame.source)


def test_reconcile_finds_no_disagreement(corpus: Store) -> None:
    """Every grade and date of the 111 corpus inspections the workbook covers agrees; what
    remains is coverage: ILACS inspections whose reports the corpus does not hold."""
    frame = kg.query("reconcile", store=corpus)
    assert set(frame.kind) == {"only in statistics"}
    # Hampshire's 2019 and 2024 inspections are in the corpus and in the workbook
    hampshire = frame[frame.authority == "Hampshire"]
    assert hampshire.empty


def test_improvement_summary_agrees_between_sources(corpus: Store) -> None:
    both = {
        source: kg.query(
            "improvement-summary", store=corpus, as_of="2025-03-31", source=source, scope="both"
        ).to_dict("records")
        for source in ("statistics", "reports")
    }
    assert both["statistics"] == both["reports"]
    published = kg.query("improvement-summary", store=corpus, as_of="2024-03-31").to_dict("records")
    assert published == [
        {
            "authorities_with_repeat_inspections": 65,
            "improved": 26,
            "retained_good_or_outstanding": 15,
            "declined": 12,
            "share_good_or_outstanding": 60,
        }
    ]
