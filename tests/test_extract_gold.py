"""The Hampshire 2019 report, in both renderings, against the facts read by hand."""

from __future__ import annotations

import pytest
from conftest import HAMPSHIRE_PDF, HAMPSHIRE_TXT

from kg.extract import extract
from kg.model import Report
from kg.read import read_path

RENDERINGS = {"pdf": HAMPSHIRE_PDF, "txt": HAMPSHIRE_TXT}


@pytest.fixture(scope="module", params=sorted(RENDERINGS))
def report(request: pytest.FixtureRequest) -> Report:
    return extract(read_path(RENDERINGS[request.param]))


def test_authority_and_inspection(report: Report, gold: dict) -> None:
    assert report.framework == gold["inspection"]["framework"] == "ILACS"
    assert report.document_type == "inspection"
    assert report.authority.name == gold["authority"]["name_as_printed"]
    assert report.authority.gss_code == gold["authority"]["gss_code"]
    assert report.authority.ofsted_urn == gold["authority"]["ofsted_urn"]
    assert report.inspection.start_date.isoformat() == gold["inspection"]["start_date"]
    assert report.inspection.end_date.isoformat() == gold["inspection"]["end_date"]
    assert report.inspection.lead_inspectors == [gold["inspection"]["lead_inspector"]]
    assert report.publication_date.isoformat() == gold["inspection"]["publication_date"]
    assert report.inspection.type is None  # not printed in the report
    if report.source.media_type == "application/pdf":
        # the PDF is Ofsted's file, which the shipped manifest knows by its sha256
        assert report.publication_basis == "manifest"
        assert report.source.url == "https://files.ofsted.gov.uk/v1/file/50083968"
        assert report.warnings == []
    else:
        # the text rendering is not Ofsted's file: only its name gives the date, and says so
        assert report.publication_basis == "file-name" and report.source.url is None
        assert report.warnings == [
            "publication date 2019-06-11 taken from the file name (not printed)"
        ]


def test_judgements(report: Report, gold: dict) -> None:
    got = {j.area_label: j.grade_label for j in report.judgements}
    assert got == gold["judgements"]
    assert {j.area for j in report.judgements} == {
        "ilacs-impact-of-leaders",
        "ilacs-help-and-protection",
        "ilacs-children-in-care-and-care-leavers",
        "ilacs-overall-effectiveness",
    }
    assert {j.grade for j in report.judgements} == {"outstanding"}
    for judgement in report.judgements:
        row = report.text[judgement.span.start : judgement.span.end]
        assert row.replace("\n", " ").replace("|", " ").split()[0] in ("The", "Overall")
        assert judgement.grade_label in row.replace("\n", " ")


def test_what_needs_to_improve(report: Report, gold: dict) -> None:
    expected = gold["what_needs_to_improve"]
    assert [r.n for r in report.recommendations] == [item["n"] for item in expected]
    for rec, item in zip(report.recommendations, expected, strict=True):
        assert rec.text.startswith(item["starts"])
        assert rec.national_framework == []
        assert report.text[rec.span.start : rec.span.end].replace("\n", " ") == rec.text


def test_sections_and_paragraph_ranges(report: Report, gold: dict) -> None:
    assert len(report.sections) == len(gold["sections"])
    for section, expected in zip(report.sections, gold["sections"], strict=True):
        assert section.title == expected["judgement_area"]
        assert section.grade_label == expected["grade_in_heading"]
        assert [section.first_paragraph, section.last_paragraph] == expected["paragraphs"]
    assert [p.n for p in report.paragraphs] == list(range(1, gold["paragraph_count"] + 1))
    for paragraph in report.paragraphs:
        first, last = gold["sections"][paragraph.section]["paragraphs"]
        assert first <= paragraph.n <= last


def test_paragraphs_merged_across_page_breaks(report: Report, gold: dict) -> None:
    by_number = {p.n: p for p in report.paragraphs}
    for n, fact in gold["paragraph_boundaries_that_cross_pages"].items():
        text = by_number[int(n)].text
        assert text.endswith(fact["ends"]), (n, text[-120:])
        assert not text.startswith("-")
    # the text rendering's page-break continuation lines are not bullets or paragraphs
    assert "- educational achievement" not in by_number[18].text
    assert "educational achievement" in by_number[18].text


def test_spans_quote_the_report_text(report: Report) -> None:
    for paragraph in report.paragraphs:
        quoted = report.text[paragraph.span.start : paragraph.span.end]
        assert quoted.replace("\n", " ") == paragraph.text


def test_both_renderings_agree() -> None:
    pdf = extract(read_path(HAMPSHIRE_PDF))
    txt = extract(read_path(HAMPSHIRE_TXT))
    assert [(j.area, j.grade, j.area_label) for j in pdf.judgements] == [
        (j.area, j.grade, j.area_label) for j in txt.judgements
    ]
    assert [r.text for r in pdf.recommendations] == [r.text for r in txt.recommendations]
    assert [(s.title, s.first_paragraph, s.last_paragraph) for s in pdf.sections] == [
        (s.title, s.first_paragraph, s.last_paragraph) for s in txt.sections
    ]
    differing = [
        (a.n, a.text, b.text)
        for a, b in zip(pdf.paragraphs, txt.paragraphs, strict=True)
        if a.text != b.text
    ]
    # The one difference is the text rendering's: it dropped the hyphen the PDF prints
    # in 'in-house' at a line break (paragraph 44).
    assert [(n, "in-house" in a, "inhouse" in b) for n, a, b in differing] == [(44, True, True)]
    assert differing[0][1].replace("in-house", "inhouse") == differing[0][2]
