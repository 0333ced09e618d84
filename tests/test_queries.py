"""Every query of the library runs on its fixture graph and returns the stored rows.

A case is data: tests/queries/<name>/data.ttl (loaded as one named graph), expected.csv
with the parameters of params.json (the header's defaults where absent), and any number
of further cases expected-<label>.csv with params-<label>.json. Rows are compared
order-insensitively, as Oxigraph's own query tests do; columns named in unordered.txt
hold space-separated sets.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg.library import library
from kg.output import render
from kg.store import open_store

CASES = Path(__file__).resolve().parent / "queries"
QUERIES = {q.name: q for q in library()}


def _cases() -> list[tuple[str, Path]]:
    found = []
    for name in sorted(QUERIES):
        case = CASES / name
        found.extend((name, expected) for expected in sorted(case.glob("expected*.csv")))
        if not list(case.glob("expected*.csv")):
            found.append((name, case / "expected.csv"))  # fails below: every query needs one
    return found


def _normalise(rows: list[list[str]], case: Path) -> list[list[str]]:
    """Sort the words of set-valued columns: a case's unordered.txt names columns that
    list values separated by spaces in no defined order (SPARQL's GROUP_CONCAT has none)."""
    listed = case / "unordered.txt"
    if not rows or not listed.is_file():
        return rows
    columns = {rows[0].index(name) for name in listed.read_text().split()}
    return [rows[0]] + [
        [" ".join(sorted(v.split())) if i in columns else v for i, v in enumerate(row)]
        for row in rows[1:]
    ]


def test_the_library_is_not_empty() -> None:
    assert QUERIES


@pytest.mark.parametrize(
    ("name", "expected"), _cases(), ids=lambda v: v if isinstance(v, str) else v.stem
)
def test_query_returns_expected_rows(name: str, expected: Path) -> None:
    case = expected.parent
    assert (case / "data.ttl").is_file(), f"no fixture graph for {name}"
    assert expected.is_file(), f"no expected rows for {name}"
    params_file = case / expected.name.replace("expected", "params").replace(".csv", ".json")
    params = json.loads(params_file.read_text()) if params_file.is_file() else {}
    data = Graph().parse(case / "data.ttl", format="turtle")
    with open_store("memory") as store:
        store.replace_graph("https://w3id.org/inspection-kg/graph/test", data)
        got = render(store.query(QUERIES[name].bind(params)), "csv")
    got_rows = _normalise(list(csv.reader(got.splitlines())), case)
    expected_rows = _normalise(list(csv.reader(expected.read_text().splitlines())), case)
    assert got_rows[0] == expected_rows[0]
    assert sorted(got_rows[1:]) == sorted(expected_rows[1:])
    assert len(got_rows) > 1
