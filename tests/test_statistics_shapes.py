"""The graph built from Ofsted's published statistics workbook conforms to the
statistics shapes (shapes/statistics/) on both engines. The shapes' own fixtures
(tests/shapes/statistics/) are run by tests/test_shape_fixtures.py.
"""

from __future__ import annotations

import pytest
from conftest import WORKBOOK
from rdflib import Graph

from kg.validate import validate_graph

ENGINES = ("oxigraph", "rdflib")


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
