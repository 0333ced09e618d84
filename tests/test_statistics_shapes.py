"""The statistics shapes (shapes/statistics/) have fixtures that pass and fail as stated.

Same convention as tests/test_shapes.py: ``tests/shapes/statistics/<ID>-valid.ttl`` must
conform with no results at all under ``validate_graph(graph, "statistics")``, and each
``<ID>-invalid-NN.ttl`` lists in ``# expect:`` header lines exactly the (focus node, shape,
constraint component) results it must give, on both engines. The graph built from the
published workbook must conform too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import WORKBOOK
from rdflib import Graph
from rdflib.namespace import RDF, SH
from test_shapes import ENGINES, _expectations, _parse

from kg.validate import SHAPES, load_shapes, validate_graph

FIXTURES = Path(__file__).parent / "shapes" / "statistics"
VALID = sorted(FIXTURES.glob("T[0-9][0-9]-valid.ttl"))
INVALID = sorted(FIXTURES.glob("T[0-9][0-9]-invalid-[0-9][0-9].ttl"))
SHAPE_ID = re.compile(r"^T[0-9]{2}-[A-Za-z]+Shape(-[A-Za-z0-9]+)?$")


def test_fixtures_are_found() -> None:
    assert VALID, f"no valid fixtures under {FIXTURES}"
    assert INVALID, f"no invalid fixtures under {FIXTURES}"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_fixture_conforms(path: Path, engine: str) -> None:
    report = validate_graph(_parse(path), "statistics", engine=engine)
    assert report.conforms, report.text
    assert report.results == [], report.text


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.name)
def test_invalid_fixture_fails_as_stated(path: Path, engine: str) -> None:
    graph = _parse(path)
    expected = _expectations(path, graph)
    assert expected, f"{path.name} has no '# expect:' lines"
    report = validate_graph(graph, "statistics", engine=engine)
    assert not report.conforms
    actual = {(r.focus_node, r.shape, r.constraint_component) for r in report.results}
    assert actual == expected, report.text
    assert all(r.message and r.message != "(no message)" for r in report.results), report.text


def test_every_shape_has_valid_and_invalid_fixtures() -> None:
    shapes = load_shapes("statistics")
    ids = {
        str(s).removeprefix(str(SHAPES)).split("-")[0]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
    }
    assert ids
    valid = {p.name.split("-")[0] for p in VALID}
    invalid = {p.name.split("-")[0] for p in INVALID}
    assert ids - valid == set(), "shapes without a valid fixture"
    assert ids - invalid == set(), "shapes without an invalid fixture"
    assert (valid | invalid) - ids == set(), "fixtures for shapes that do not exist"


@pytest.fixture(scope="module")
def statistics() -> Graph:
    if not WORKBOOK.is_file():
        pytest.skip(f"{WORKBOOK} is not present")
    from kg.rdf.statistics import statistics_graph
    from kg.sources import read_statistics

    _, graph = statistics_graph(read_statistics(WORKBOOK))
    return graph


@pytest.mark.parametrize("engine", ENGINES)
def test_published_statistics_conform(statistics: Graph, engine: str) -> None:
    report = validate_graph(statistics, "statistics", engine=engine)
    assert report.conforms, report.text
    assert report.results == [], report.text
