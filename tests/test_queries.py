"""Every query of the library runs on its fixture graph and returns the stored rows.

A case is data: tests/queries/<name>/data.ttl (loaded as one named graph) and
expected.csv, compared order-insensitively, as Oxigraph's own query tests do.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import Graph

from kg.output import render
from kg.resources import queries_dir
from kg.store import open_store

CASES = Path(__file__).resolve().parent / "queries"
QUERIES = sorted(queries_dir().glob("*.rq"))


def test_the_library_is_not_empty() -> None:
    assert QUERIES


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.stem)
def test_query_returns_expected_rows(query: Path) -> None:
    case = CASES / query.stem
    assert (case / "data.ttl").is_file(), f"no fixture graph for {query.name}"
    data = Graph().parse(case / "data.ttl", format="turtle")
    with open_store("memory") as store:
        store.replace_graph("https://w3id.org/inspection-kg/graph/test", data)
        got = render(store.query(query.read_text(encoding="utf-8")), "csv")
    got_rows = list(csv.reader(got.splitlines()))
    expected_rows = list(csv.reader((case / "expected.csv").read_text().splitlines()))
    assert got_rows[0] == expected_rows[0]
    assert sorted(got_rows[1:]) == sorted(expected_rows[1:])
    assert len(got_rows) > 1
