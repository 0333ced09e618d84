"""Corpus tests: every ILACS report of ../shared/corpus against Ofsted's official statistics.

Extraction never reads the statistics; they meet only here, where each report's start
date and every grade must agree with the statistics wherever the statistics cover the
inspection (the workbook runs to March 2025; later reports have no row to compare).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from conftest import CORPUS, SHARED, needs_corpus

from kg.authorities import load_register
from kg.extract import ExtractError, extract
from kg.model import Report
from kg.read import ReadError, read_path

pytestmark = [pytest.mark.corpus, needs_corpus]
WORKBOOK = SHARED / "reference" / "ofsted-la-inspection-outcomes-2025-03-31.ods"


def corpus_files() -> list[Path]:
    files = sorted((CORPUS / "reports").glob("*/*.pdf"))
    assert files, "the corpus folder holds no PDFs"
    return files


@cache
def ilacs_reports() -> dict[str, Report]:
    reports = {}
    for path in corpus_files():
        try:
            report = extract(read_path(path))
        except (ReadError, ExtractError):
            continue
        if report.framework.startswith("ILACS"):
            reports[str(path)] = report
    return reports


@cache
def statistics() -> dict[tuple[str, str], dict[str, str]]:
    """(current GSS code, start date) -> {area id: grade id} of ILACS inspections."""
    from kg.sources.statistics import read_statistics

    register = load_register()
    found: dict[tuple[str, str], dict[str, str]] = {}
    for record in read_statistics(WORKBOOK).records:
        if record.activity != "inspection":
            continue
        key = (register.current_code(record.gss_code), record.start_date.isoformat())
        grades = found.setdefault(key, {})
        grades.update({j.area: j.grade for j in record.judgements if j.area and j.grade})
    return found


def test_every_ilacs_report_is_extracted_completely() -> None:
    reports = ilacs_reports()
    assert len(reports) >= 135
    for path, report in reports.items():
        assert report.authority.gss_code, path
        assert report.inspection.start_date and report.inspection.end_date, path
        assert report.inspection.start_date <= report.inspection.end_date, path
        expected = (
            4 if report.framework == "ILACS-2026" or report.inspection.start_date.year < 2023 else 5
        )
        assert len(report.judgements) == expected, path
        assert all(j.area and j.grade for j in report.judgements), path
        assert report.sections and report.paragraphs, path
        numbers = [p.n for p in report.paragraphs]
        # no gaps or duplicates (the printed reports have none among the ILACS ones)
        assert numbers == list(range(1, len(numbers) + 1)), path


def test_start_dates_and_grades_agree_with_official_statistics() -> None:
    stats = statistics()
    compared = grades = 0
    disagreements = []
    for path, report in ilacs_reports().items():
        key = (report.authority.gss_code, report.inspection.start_date.isoformat())
        if key not in stats:
            same_authority = [k for k in stats if k[0] == key[0]]
            published_later = report.publication_date and report.publication_date.year >= 2025
            assert (
                published_later or not same_authority or report.inspection.start_date.year >= 2025
            ), f"{path}: start date {key[1]} not in the statistics ({same_authority})"
            continue
        compared += 1
        for judgement in report.judgements:
            expected = stats[key].get(judgement.area)
            if expected is None:
                continue
            grades += 1
            if expected != judgement.grade:
                disagreements.append((path, judgement.area, judgement.grade, expected))
    assert disagreements == []
    assert compared >= 110 and grades >= 480, (compared, grades)


def test_every_corpus_file_yields_conforming_graphs_or_a_one_line_error() -> None:
    from kg.pipeline import process_file

    errors = {}
    for path in corpus_files():
        outcome = process_file(str(path))
        if outcome.error:
            assert "\n" not in outcome.error
            errors[path.relative_to(CORPUS / "reports").as_posix()] = outcome.error
            continue
        assert outcome.graphs, path
        for graph in outcome.graphs:
            assert graph.conforms, f"{path}: {graph.validation_text[:2000]}"
    # the one file that is not a report is a web error page saved as .pdf
    assert errors == {"80543-rotherham/2012-08-10.pdf": "not a PDF file (an HTML page)"}
