"""The Python API: library queries, .rq files and SPARQL text as typed DataFrames."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pytest
from conftest import SAMPLES

import kg
from kg.api import GRADE_ORDER, typed_frame
from kg.library import HeaderError
from kg.pipeline import build
from kg.store import Store, open_store
from kg.store.form import NotAQuery


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("api") / "store"
    with open_store(path, write=True) as store:
        build([SAMPLES], store)
    with open_store(path) as store:
        yield store


def test_declared_columns_get_their_pandas_types(sample_store: Store) -> None:
    frame = kg.query("inspections", store=sample_store)
    assert str(frame.start_date.dtype).startswith("datetime64")
    assert str(frame.publication_date.dtype).startswith("datetime64")
    assert str(frame.in_reports.dtype) == "boolean"
    # Hampshire's 2019 inspection, as its report prints it
    assert pd.Timestamp(2019, 4, 29) in set(frame.start_date)
    shares = kg.query("weakness-share-by-grade", store=sample_store)
    assert str(shares.findings.dtype) == "Int64" and str(shares.weakness_share.dtype) == "Float64"


def test_grades_are_ordered_worst_to_best(sample_store: Store) -> None:
    frame = kg.query("latest-grades", store=sample_store)
    grades = frame.grade
    assert isinstance(grades.dtype, pd.CategoricalDtype) and grades.dtype.ordered
    assert list(grades.cat.categories) == list(GRADE_ORDER)
    assert (frame.sort_values("grade").grade.tolist()[-1]) == "outstanding"
    assert ((grades >= "good") == grades.isin(["good", "outstanding"])).all()


def test_sparql_text_is_a_query_too(sample_store: Store) -> None:
    """kg.query once refused SPARQL text ('no such query')."""
    frame = kg.query(
        "PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>\n"
        "SELECT (COUNT(*) AS ?n) WHERE { ?i a ikg:Inspection }",
        store=sample_store,
    )
    assert frame.n.tolist() == [4]
    typed = kg.query(
        "# column: day (date): a day\n"
        'SELECT ("2020-01-02"^^<http://www.w3.org/2001/XMLSchema#date> AS ?day) {}',
        store=sample_store,
    )
    assert typed.day.tolist() == [pd.Timestamp(2020, 1, 2)]


def test_sparql_text_cannot_update(sample_store: Store) -> None:
    with pytest.raises(NotAQuery):
        kg.query("DROP ALL", store=sample_store)
    assert len(kg.query("judgements", store=sample_store)) > 0


def test_a_malformed_header_in_text_is_an_error(sample_store: Store) -> None:
    with pytest.raises(HeaderError):
        kg.query("# column: day (when): a day\nSELECT ?day {}", store=sample_store)


def test_a_value_of_the_wrong_type_is_named_not_hidden() -> None:
    """A grade column holding something else must not become NaN without a word."""
    frame = pd.DataFrame({"grade": ["good", "brilliant"]})
    with pytest.raises(ValueError, match=r"grade.*brilliant"):
        typed_frame(frame, {"grade": "grade"})
    with pytest.raises(ValueError, match="when"):
        typed_frame(pd.DataFrame({"when": ["not a date"]}), {"when": "date"})


def test_empty_grades_are_missing() -> None:
    frame = typed_frame(pd.DataFrame({"grade": ["good", "", None]}), {"grade": "grade"})
    assert frame.grade.isna().tolist() == [False, True, True]


def test_queries_table_lists_the_library() -> None:
    table = kg.queries()
    assert "finding-search" in set(table.name)
