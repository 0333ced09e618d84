"""SIF and pre-SIF extraction: printed variants from excerpts, then facts of real reports.

The excerpts (tests/fixtures/sif/) are the plain-text form of real report pages; the
corpus tests check facts read by hand from the PDFs' text.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.extract import ExtractError, extract, extract_all
from kg.extract.dates import parse_date_range
from kg.model import Report
from kg.read import ReadError, read_bytes, read_path

FIXTURES = Path(__file__).parent / "fixtures" / "sif"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "reports"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus absent")


def fixture(name: str) -> list[Report]:
    return extract_all(read_bytes((FIXTURES / name).read_bytes(), path="x.txt"))


def grades(report: Report) -> dict[str, str | None]:
    return {j.area or "?": j.grade for j in report.judgements}


def spans_agree(report: Report) -> None:
    """Every extracted text is its span's substring, newlines read as spaces."""
    for item in [*report.paragraphs, *report.recommendations]:
        assert item.span is not None
        assert report.text[item.span.start : item.span.end].replace("\n", " ") == item.text


def test_cover_table_with_a_grade_printed_above_its_row() -> None:
    (report,) = fixture("cover-2014-wrapped-grade.txt")
    assert report.framework == "SIF"
    assert grades(report) == {
        "sif-overall-effectiveness": "good",
        "sif-help-and-protection": "requires-improvement",
        "sif-looked-after-and-permanence": "good",
        "sif-adoption-performance": "good",
        "sif-care-leavers": "good",
        "sif-leadership-management-governance": "good",
        "lscb-effectiveness": "good",
    }
    help_row = report.judgements[1]
    assert help_row.grade_label == "Requires improvement"
    assert help_row.area_label == "Children who need help and protection"
    assert report.inspection.start_date == date(2014, 6, 3)
    assert report.inspection.end_date == date(2014, 6, 25)
    assert report.publication_date == date(2014, 8, 8)
    assert report.authority.gss_code == "E10000003"


def test_cover_table_with_grades_wrapped_over_three_lines() -> None:
    (report,) = fixture("cover-2018-wrapped-grade.txt")
    overall = report.judgements[0]
    assert overall.area == "sif-overall-effectiveness"
    assert overall.grade_label == "require improvement to be good"
    assert overall.grade == "requires-improvement"
    rows = {j.area: j.grade_label for j in report.judgements[1:]}
    assert rows["sif-help-and-protection"] == "Requires improvement to be good"
    assert rows["sif-looked-after-and-permanence"] == "Requires improvement to be good"
    assert rows["sif-adoption-performance"] == "Good"
    assert rows["sif-leadership-management-governance"] == "Requires improvement to be good"
    assert "lscb-effectiveness" not in rows
    assert report.title is not None and "Darlington" in report.title
    for judgement in report.judgements:
        assert judgement.span is not None
        printed = report.text[judgement.span.start : judgement.span.end]
        assert judgement.grade_label.split()[0].lower() in printed.lower()


@pytest.mark.parametrize(
    ("sentence", "grade_label"),
    [
        ("The Local Safeguarding Children Board is good", "good"),
        ("The LSCB requires improvement because:", "requires improvement"),
        ("The effectiveness of the LSCB is inadequate", "inadequate"),
        (
            "The effectiveness of the Local Safeguarding Children Board (LSCB) is requires\n"
            "improvement.",
            "requires improvement",
        ),
        (
            "The effectiveness of the Local Safeguarding Children Board (LSCB)\n"
            "requires improvement.",
            "requires improvement",
        ),
        (
            "The Local Safeguarding Children Board (LSCB) in Wandsworth requires improvement",
            "requires improvement",
        ),
        ("The Local Safeguarding Children Board is Good", "Good"),
    ],
)
def test_lscb_judgement_wordings(sentence: str, grade_label: str) -> None:
    from kg.extract.sif_judgements import lscb_judgement

    doc = read_bytes(f"Some earlier text.\n{sentence}\nMore text.\n".encode(), path="x.txt")
    judgement = lscb_judgement(doc)
    assert judgement is not None
    assert judgement.area == "lscb-effectiveness"
    assert judgement.grade_label == grade_label


def test_lscb_sentence_that_is_not_a_judgement() -> None:
    from kg.extract.sif_judgements import lscb_judgement

    text = b"The Local Safeguarding Children Board (LSCB) in Thurrock is effective and\nwell led.\n"
    assert lscb_judgement(read_bytes(text, path="x.txt")) is None


def test_numeric_and_abbreviated_dates() -> None:
    assert parse_date_range("12/03/2015 - 03/04/2015") == (date(2015, 3, 12), date(2015, 4, 3))
    assert parse_date_range("16 January 2017-9 February 2017") == (
        date(2017, 1, 16),
        date(2017, 2, 9),
    )
    assert parse_date_range("19 November-11 December 2013 and 28 - 30 January 2014") == (
        date(2013, 11, 19),
        date(2014, 1, 30),
    )
    assert parse_date_range("3 Sept - 5 Oct 2015") == (date(2015, 9, 3), date(2015, 10, 5))


def test_recommendations_continue_the_paragraph_numbering() -> None:
    (report,) = fixture("recommendations-continue-numbering-2014.txt")
    assert len(report.recommendations) == 21
    assert report.recommendations[0].text.startswith("Ensure that service managers")
    assert report.recommendations[20].text.startswith("Continue to resolve issues with the ICS")
    assert [p.n for p in report.paragraphs] == [22, 23, 24]
    strengths = report.sections[report.paragraphs[0].section]
    assert strengths.title == "The local authority's strengths"
    assert report.inspection.lead_inspectors == ["Jansy Kelly"]
    spans_agree(report)


def test_two_documents_in_one_file() -> None:
    la, lscb = fixture("two-documents-la-and-lscb.txt")
    assert la.document_type == "inspection"
    assert lscb.document_type == "lscb-review"
    assert "lscb-effectiveness" not in grades(la)
    assert grades(lscb) == {"lscb-effectiveness": "good"}
    assert [r.text.split()[0] for r in la.recommendations] == [
        "Ensure",
        "Ensure",
        "Improve",
        "Ensure",
        "Improve",
    ]
    assert [p.n for p in la.paragraphs] == [6]
    assert la.sections[la.paragraphs[0].section].area == "sif-help-and-protection"
    assert len(lscb.recommendations) == 2
    assert [p.n for p in lscb.paragraphs] == [3, 4]
    assert all(lscb.sections[p.section].area == "lscb-effectiveness" for p in lscb.paragraphs)
    assert lscb.inspection.lead_inspectors == ["Anne Waterman"]
    assert lscb.authority.gss_code == la.authority.gss_code == "E06000036"
    assert lscb.text.startswith("Bracknell Forest\nReview of the effectiveness")
    spans_agree(la)
    spans_agree(lscb)
    assert (
        extract(
            read_bytes((FIXTURES / "two-documents-la-and-lscb.txt").read_bytes(), path="x.txt")
        ).document_type
        == "inspection"
    )


def corpus_report(name: str) -> Report:
    return extract(read_path(CORPUS / name))


# Facts read by hand from the reports' text (cover table, sentences, last page).
HAND_CHECKED = {
    "80419-isle-of-wight/2014-11-19.pdf": (
        date(2014, 9, 16),
        date(2014, 10, 8),
        date(2014, 11, 19),
        "Jansy Kelly",
        {
            "sif-overall-effectiveness": "requires-improvement",
            "sif-help-and-protection": "requires-improvement",
            "sif-looked-after-and-permanence": "requires-improvement",
            "sif-adoption-performance": "requires-improvement",
            "sif-care-leavers": "requires-improvement",
            "sif-leadership-management-governance": "requires-improvement",
            "lscb-effectiveness": "requires-improvement",
        },
        21 + 12,
        164,
    ),
    "80543-rotherham/2018-01-29.pdf": (
        date(2017, 11, 6),
        date(2017, 11, 30),
        date(2018, 1, 29),
        "Lisa Summers",
        {
            "sif-overall-effectiveness": "good",
            "sif-help-and-protection": "good",
            "sif-looked-after-and-permanence": "requires-improvement",
            "sif-adoption-performance": "good",
            "sif-care-leavers": "outstanding",
            "sif-leadership-management-governance": "good",
        },
        8,
        87,
    ),
    "80572-torbay/2018-08-24.pdf": (
        date(2018, 6, 11),
        date(2018, 7, 5),
        date(2018, 8, 24),
        "Karen Wareing",
        {
            "sif-overall-effectiveness": "inadequate",
            "sif-help-and-protection": "inadequate",
            "sif-looked-after-and-permanence": "requires-improvement",
            "sif-adoption-performance": "good",
            "sif-care-leavers": "requires-improvement",
            "sif-leadership-management-governance": "inadequate",
        },
        16,
        101,
    ),
    "80436-bracknell-forest/2017-07-14.pdf": (
        date(2017, 4, 28),
        date(2017, 5, 25),
        date(2017, 7, 14),
        "Anne Waterman",
        {
            "sif-overall-effectiveness": "good",
            "sif-help-and-protection": "good",
            "sif-looked-after-and-permanence": "outstanding",
            "sif-adoption-performance": "outstanding",
            "sif-care-leavers": "outstanding",
            "sif-leadership-management-governance": "good",
            "lscb-effectiveness": "good",
        },
        5 + 2,
        102,
    ),
    "80432-bolton/2014-03-21.pdf": (
        date(2014, 1, 14),
        date(2014, 2, 5),
        date(2014, 3, 21),
        "Robert Hackeson",
        {
            "sif-overall-effectiveness": "requires-improvement",
            "sif-help-and-protection": "requires-improvement",
            "sif-looked-after-and-permanence": "good",
            "sif-adoption-performance": "good",
            "sif-care-leavers": "good",
            "sif-leadership-management-governance": "requires-improvement",
            "lscb-effectiveness": "requires-improvement",
        },
        None,
        159,
    ),
}


@needs_corpus
@pytest.mark.corpus
@pytest.mark.parametrize("name", sorted(HAND_CHECKED))
def test_sif_reports_checked_by_hand(name: str) -> None:
    start, end, published, lead, expected, n_recs, last_paragraph = HAND_CHECKED[name]
    report = corpus_report(name)
    assert report.framework == "SIF"
    assert (report.inspection.start_date, report.inspection.end_date) == (start, end)
    assert report.publication_date == published
    assert report.inspection.lead_inspectors == [lead]
    assert grades(report) == expected
    if n_recs is not None:
        assert len(report.recommendations) == n_recs
    assert report.paragraphs[-1].n == last_paragraph
    assert all(0 <= p.section < len(report.sections) for p in report.paragraphs)
    spans_agree(report)


@needs_corpus
@pytest.mark.corpus
def test_kent_2013_pre_sif() -> None:
    report = corpus_report("80476-kent/2013-08-23.pdf")
    assert report.framework == "pre-SIF"
    assert report.authority.gss_code == "E10000016"
    assert (report.inspection.start_date, report.inspection.end_date) == (
        date(2013, 7, 15),
        date(2013, 7, 19),
    )
    assert report.publication_date == date(2013, 8, 23)
    assert report.inspection.lead_inspectors == ["Helen Cawston"]
    assert grades(report) == {
        "pre-sif-overall-effectiveness": "adequate",
        "pre-sif-capacity-for-improvement": "good",
        "pre-sif-outcomes": "adequate",
        "pre-sif-quality-of-provision": "adequate",
        "pre-sif-leadership-and-management": "adequate",
    }
    assert [p.n for p in report.paragraphs] == list(range(1, 73))
    assert len(report.recommendations) == 12
    assert report.recommendations[-1].text.startswith("review the arrangements for the")
    spans_agree(report)


@needs_corpus
@pytest.mark.corpus
def test_every_corpus_file_extracts_or_fails_in_one_line() -> None:
    frameworks: dict[str, int] = {}
    for path in sorted(CORPUS.glob("*/*.pdf")):
        try:
            reports = extract_all(read_path(path))
        except (ExtractError, ReadError) as exc:
            assert str(exc) and "\n" not in str(exc), path
            continue
        for report in reports:
            assert report.framework in {"pre-SIF", "SIF", "ILACS", "ILACS-2026"}, path
            frameworks[report.framework] = frameworks.get(report.framework, 0) + 1
            if report.framework == "SIF":
                assert grades(report).get("sif-overall-effectiveness"), path
    assert frameworks["SIF"] == 71
    assert frameworks["pre-SIF"] == 1


def test_bulleted_unnumbered_paragraphs_2014() -> None:
    """Three early-2014 reports print their evidence as bullets: each bullet outside the
    recommendations and the facts about the area is a paragraph, numbered in reading order."""
    (report,) = fixture("bulleted-paragraphs-2014.txt")
    assert [p.n for p in report.paragraphs] == [1, 2, 3]
    assert report.paragraphs[1].text.startswith("Children for whom the best plan is to be adopted")
    assert report.paragraphs[2].text.startswith("Senior managers in the Council")
    assert [r.text.split()[0] for r in report.recommendations] == ["Social"]
    assert any("printed as bullets" in w for w in report.warnings)
    # findings come from these paragraphs like from numbered ones
    assert {f.paragraph for f in report.findings} == {1, 2, 3}
    assert any(f.paragraph == 2 and f.polarity in ("weakness", "mixed") for f in report.findings)
    spans_agree(report)
