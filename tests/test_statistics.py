"""Official statistics: reading Ofsted's workbook and mapping it to its named graph.

Expected values on the real workbook were read by hand in LibreOffice from
ofsted-la-inspection-outcomes-2025-03-31.ods (sheet, row as the program numbers it),
never computed by the reader under test. Synthetic workbooks check the layout tolerance
and the all-or-nothing errors.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, SKOS, XSD

from kg.rdf import uris
from kg.rdf.namespaces import IKG
from kg.rdf.statistics import statistics_graph
from kg.sources import StatisticsDataset, StatisticsError, StatisticsRecord, read_statistics
from kg.sources.model import OGL_V3
from kg.sources.statistics import area_for

SHARED = Path(__file__).resolve().parents[2] / "shared"
WORKBOOK = SHARED / "reference" / "ofsted-la-inspection-outcomes-2025-03-31.ods"
needs_workbook = pytest.mark.skipif(not WORKBOOK.exists(), reason="shared workbook absent")

LATEST = "Inspections_as_at_31_March"
IN_YEAR = "In-year_inspections"
HISTORY = "ILACS_inspection_history"
HAMPSHIRE = "E10000014"


@pytest.fixture(scope="module")
def workbook() -> StatisticsDataset:
    if not WORKBOOK.exists():
        pytest.skip("shared workbook absent")
    return read_statistics(WORKBOOK)


def _find(ds: StatisticsDataset, sheet: str, code: str, start: date) -> StatisticsRecord:
    hits = [r for r in ds.records if (r.sheet, r.gss_code, r.start_date) == (sheet, code, start)]
    assert len(hits) == 1, hits
    return hits[0]


# --- the real workbook -------------------------------------------------------------


@needs_workbook
def test_workbook_metadata_and_counts(workbook: StatisticsDataset) -> None:
    assert workbook.sheets == {LATEST: 153, IN_YEAR: 112, HISTORY: 271}
    assert len(workbook.records) == 153 + 112 + 271
    assert workbook.title == "Local authority inspection outcomes as at 31 March 2025"
    assert workbook.release_date == date(2025, 9, 25)
    assert workbook.licence == OGL_V3
    assert workbook.publisher == "Ofsted"
    assert workbook.period is not None and workbook.period.startswith("Inspections as at 31")
    assert workbook.sha256 == hashlib.sha256(WORKBOOK.read_bytes()).hexdigest()


@needs_workbook
def test_hampshire_2019_short_inspection(workbook: StatisticsDataset) -> None:
    record = _find(workbook, HISTORY, HAMPSHIRE, date(2019, 4, 29))
    assert record.row_number == 96
    assert record.authority_name == "Hampshire"
    assert record.activity_type == "ILACS Short Inspection"
    assert (record.activity, record.inspection_type) == ("inspection", "short")
    assert record.publication_date == date(2019, 6, 11)
    assert (record.ofsted_region, record.status) == ("South East", "Current")
    assert [(j.area, j.grade, j.grade_label) for j in record.judgements] == [
        ("ilacs-overall-effectiveness", "outstanding", "Outstanding"),
        ("ilacs-impact-of-leaders", "outstanding", "Outstanding"),
        ("ilacs-help-and-protection", "outstanding", "Outstanding"),
        ("ilacs-children-in-care-and-care-leavers", "outstanding", "Outstanding"),
    ]
    assert record.judgements[3].area_label == "The experiences and progress of children in care"


@needs_workbook
def test_children_in_care_column_before_and_after_2023(workbook: StatisticsDataset) -> None:
    later = _find(workbook, HISTORY, HAMPSHIRE, date(2024, 6, 10))
    assert {j.area: j.grade for j in later.judgements} == {
        "ilacs-overall-effectiveness": "outstanding",
        "ilacs-impact-of-leaders": "outstanding",
        "ilacs-help-and-protection": "outstanding",
        "ilacs-children-in-care": "outstanding",
        "ilacs-care-leavers": "good",
    }
    split = date(2023, 1, 1)
    for record in workbook.records:
        areas = {j.area for j in record.judgements}
        if not areas:
            continue
        if record.start_date < split:
            assert "ilacs-children-in-care-and-care-leavers" in areas, record
            assert not areas & {"ilacs-children-in-care", "ilacs-care-leavers"}, record
        else:
            assert {"ilacs-children-in-care", "ilacs-care-leavers"} <= areas, record
            assert "ilacs-children-in-care-and-care-leavers" not in areas, record
    heading = "The experiences and progress of children in care"
    assert area_for(heading, date(2022, 12, 31)) == "ilacs-children-in-care-and-care-leavers"
    assert area_for(heading, split) == "ilacs-children-in-care"


@needs_workbook
def test_in_year_activity_and_visits(workbook: StatisticsDataset) -> None:
    kinds: dict[tuple[str, str | None], int] = {}
    for record in workbook.records:
        if record.sheet == IN_YEAR:
            key = (record.activity, record.inspection_type)
            kinds[key] = kinds.get(key, 0) + 1
    assert kinds == {
        ("focused-visit", None): 36,
        ("monitoring-visit", None): 24,
        ("inspection", "short"): 30,
        ("inspection", "standard"): 22,
    }
    visit = _find(workbook, IN_YEAR, "E09000002", date(2025, 3, 26))  # Barking and Dagenham
    assert visit.row_number == 4
    assert visit.activity_type == "ILACS Focused Visit"
    assert visit.visit_theme == "Children in need/subject to a plan"
    assert visit.publication_date == date(2025, 4, 29)
    assert visit.judgements == []


@needs_workbook
def test_latest_sheet_prints_no_type_and_codes_as_printed(workbook: StatisticsDataset) -> None:
    latest = _find(workbook, LATEST, HAMPSHIRE, date(2024, 6, 10))
    assert latest.row_number == 53
    assert (latest.activity_type, latest.inspection_type) == (None, None)
    assert len(latest.judgements) == 5
    # Barnsley is printed with its pre-2019 code; the reader keeps what is printed.
    assert any(r.gss_code == "E08000016" for r in workbook.records)


@needs_workbook
def test_statistics_graph_shares_inspection_iris(workbook: StatisticsDataset) -> None:
    graph_iri, g = statistics_graph(workbook)
    insp = uris.inspection(HAMPSHIRE, date(2019, 4, 29))
    assert insp == URIRef("https://w3id.org/inspection-kg/id/inspection/E10000014/2019-04-29")
    assert (insp, RDF.type, IKG.Inspection) in g
    assert g.value(insp, IKG.inspectionType) == uris.concept("inspection-type", "short")
    assert g.value(insp, IKG.startDate) == Literal("2019-04-29", datatype=XSD.date)
    assert g.value(insp, IKG.inspectedAuthority) == uris.authority(HAMPSHIRE)
    assert g.value(insp, IKG.framework) == uris.concept("framework", "ilacs")
    assert g.value(uris.report(insp), DCTERMS.issued) == Literal("2019-06-11", datatype=XSD.date)

    dataset = uris.dataset(workbook.title)
    judgements = set(g.objects(insp, IKG.hasJudgement))
    assert len(judgements) == 4
    area = "ilacs-overall-effectiveness"
    node = uris.statistics_judgement(insp, workbook.title, area)
    assert node in judgements and node != uris.judgement(insp, area)
    assert g.value(node, IKG.grade) == uris.concept("grade", "outstanding")
    assert g.value(node, IKG.judgementArea) == uris.concept("judgement-area", area)
    assert g.value(node, PROV.wasDerivedFrom) == dataset

    assert (dataset, RDF.type, DCAT.Dataset) in g
    assert g.value(dataset, DCTERMS.issued) == Literal("2025-09-25", datatype=XSD.date)
    assert g.value(dataset, DCTERMS.license) == URIRef(OGL_V3)
    assert graph_iri == uris.statistics_graph(workbook.title)
    # 271 inspections in the history (the other sheets repeat them) plus 60 visits.
    assert len(set(g.subjects(RDF.type, IKG.Inspection))) == 331


@needs_workbook
def test_statistics_graph_follows_code_changes_and_types_visits(
    workbook: StatisticsDataset,
) -> None:
    _, g = statistics_graph(workbook)
    barnsley_old = uris.inspection("E08000016", date(2018, 10, 8))
    barnsley = uris.inspection("E08000038", date(2018, 10, 8))
    assert (barnsley, RDF.type, IKG.Inspection) in g
    assert (barnsley_old, None, None) not in g

    visit = uris.inspection("E09000002", date(2025, 3, 26))
    assert g.value(visit, IKG.inspectionType) == uris.concept("inspection-type", "focused-visit")
    theme = g.value(visit, IKG.theme)
    assert theme == uris.visit_theme("Children in need/subject to a plan")
    assert g.value(theme, SKOS.prefLabel) == Literal(
        "Children in need/subject to a plan", lang="en"
    )
    assert g.value(visit, IKG.hasJudgement) is None


# --- synthetic workbooks -------------------------------------------------------------

HEADER = [
    "Web link", "Local authority area code", "Local authority name", "Ofsted region",
    "Inspection date", "Publication date", "Inspection type", "Overall effectiveness",
    "The experiences and progress of children in care",
    "The experiences and progress of care leavers",
]  # fmt: skip
ROWS = [
    ["link", "E10000014", "Hampshire", "South East", datetime(2019, 4, 29),
     datetime(2019, 6, 11), "ILACS Short Inspection", "Outstanding", "Outstanding", None],
    ["link", "E10000014", "Hampshire", "South East", datetime(2024, 6, 10),
     datetime(2024, 7, 23), "ILACS Short Inspection", "Outstanding", "Outstanding", "Good"],
]  # fmt: skip
COVER = [["A synthetic release"], ["Published on:", "25 September 2025"]]


def _table(rows: list[list[object]], above: int = 2) -> list[list[object]]:
    """A sheet: a title and a note (``above`` rows in all) over the header and the rows."""
    preamble = [["A table title"], ["This worksheet contains one table."]][:above]
    preamble += [[None]] * (above - len(preamble))
    return [*preamble, HEADER, *rows]


def _write(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    with pd.ExcelWriter(path, engine="odf") as writer:
        for name, rows in sheets.items():
            width = max(len(r) for r in rows)
            frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
            frame.to_excel(writer, sheet_name=name, header=False, index=False)
    return path


def test_header_moved_down_still_parses(tmp_path: Path) -> None:
    normal = read_statistics(_write(tmp_path / "a.ods", {"History": _table(ROWS)}))
    moved = read_statistics(_write(tmp_path / "b.ods", {"History": _table(ROWS, above=5)}))
    assert [r.row_number for r in normal.records] == [4, 5]
    assert [r.row_number for r in moved.records] == [7, 8]
    strip = [(r.gss_code, r.start_date, r.judgements) for r in normal.records]
    assert strip == [(r.gss_code, r.start_date, r.judgements) for r in moved.records]
    assert normal.title == "a" and normal.release_date is None and normal.licence is None


def test_sheets_found_by_columns_not_names(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "two.ods",
        {"Cover": COVER, "Notes": [["Notes"], ["Some text"]], "Whatever": _table(ROWS[:1])},
    )
    ds = read_statistics(path)
    assert ds.sheets == {"Whatever": 1}
    assert ds.title == "A synthetic release"
    assert ds.release_date == date(2025, 9, 25)
    assert ds.media_type == "application/vnd.oasis.opendocument.spreadsheet"


def test_workbook_without_inspection_sheet_fails(tmp_path: Path) -> None:
    path = _write(tmp_path / "none.ods", {"Cover": COVER, "Notes": [["Notes"], ["Text"]]})
    with pytest.raises(StatisticsError, match="no sheet of inspections") as info:
        read_statistics(path)
    assert str(path) in str(info.value)


def test_malformed_date_names_sheet_and_row(tmp_path: Path) -> None:
    bad = [*ROWS, ["link", "E10000014", "Hampshire", "South East", "31/02/2024", None,
                   "ILACS Short Inspection", "Good", "Good", "Good"]]  # fmt: skip
    path = _write(tmp_path / "bad.ods", {"Good sheet": _table(ROWS), "History": _table(bad)})
    with pytest.raises(StatisticsError) as info:
        read_statistics(path)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message and "'History'" in message and "row 6" in message
    assert "31/02/2024" in message


def test_missing_code_column_fails(tmp_path: Path) -> None:
    rows = [[c for i, c in enumerate(r) if i != 1] for r in _table(ROWS)]
    path = _write(tmp_path / "nocode.ods", {"History": rows})
    with pytest.raises(StatisticsError, match=r"'History', row 3: no local authority code"):
        read_statistics(path)


def test_unknown_grade_and_type_fail(tmp_path: Path) -> None:
    grade = [[*ROWS[0][:7], "Very good", *ROWS[0][8:]]]
    with pytest.raises(StatisticsError, match="row 4: unknown grade 'Very good'"):
        read_statistics(_write(tmp_path / "g.ods", {"S": _table(grade)}))
    kind = [[*ROWS[0][:6], "Joint targeted area inspection", *ROWS[0][7:]]]
    with pytest.raises(StatisticsError, match="unknown inspection or visit type"):
        read_statistics(_write(tmp_path / "t.ods", {"S": _table(kind)}))


def test_csv_table(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    lines = [
        "ILACS inspection history",
        ",".join(HEADER),
        "link,E10000014,Hampshire,South East,29/04/2019,2019-06-11,ILACS Short Inspection,"
        "Outstanding,Outstanding,",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    ds = read_statistics(path)
    assert ds.sheets == {"history": 1} and ds.media_type == "text/csv"
    (record,) = ds.records
    assert (record.row_number, record.start_date) == (3, date(2019, 4, 29))
    assert record.publication_date == date(2019, 6, 11)
    assert [j.area for j in record.judgements] == [
        "ilacs-overall-effectiveness",
        "ilacs-children-in-care-and-care-leavers",
    ]


def test_contradicting_sheets_fail_whole(tmp_path: Path) -> None:
    other = [[*ROWS[0][:7], "Good", *ROWS[0][8:]]]
    path = _write(tmp_path / "c.ods", {"Latest": _table(ROWS[:1]), "History": _table(other)})
    ds = read_statistics(path)
    with pytest.raises(StatisticsError, match=r"'History', row 4: .*'Latest', row 4"):
        statistics_graph(ds)


def test_unknown_authority_code_fails(tmp_path: Path) -> None:
    rows = [["link", "E99999999", *ROWS[0][2:]]]
    ds = read_statistics(_write(tmp_path / "u.ods", {"S": _table(rows)}))
    with pytest.raises(StatisticsError, match="E99999999 is not in the authority register"):
        statistics_graph(ds)


def test_graph_is_deterministic(tmp_path: Path) -> None:
    ds = read_statistics(_write(tmp_path / "d.ods", {"Cover": COVER, "S": _table(ROWS)}))
    first_iri, first = statistics_graph(ds)
    second_iri, second = statistics_graph(read_statistics(tmp_path / "d.ods"))
    assert first_iri == second_iri == uris.statistics_graph("A synthetic release")
    assert set(first) == set(second)
    insp = uris.inspection(HAMPSHIRE, date(2024, 6, 10))
    areas = {first.value(j, IKG.judgementArea) for j in first.objects(insp, IKG.hasJudgement)}
    assert areas == {
        uris.concept("judgement-area", a)
        for a in ("ilacs-overall-effectiveness", "ilacs-children-in-care", "ilacs-care-leavers")
    }
