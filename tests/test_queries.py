"""Every query of the library runs on its fixture graph and returns the stored rows.

A case is data: tests/queries/<name>/data.ttl (loaded as one named graph; or data.from
naming a graph under tests/queries/shared/ that several queries share), expected.csv
with the parameters of params.json (the header's defaults where absent), and any number
of further cases expected-<label>.csv with params-<label>.json. Rows are compared
order-insensitively, as Oxigraph's own query tests do; columns named in unordered.txt
hold space-separated sets. The shipped vocabulary graph is loaded beside every case, as
every store holds it: queries read concept ids, labels and ranks from it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdflib import Graph

from kg.library import library
from kg.output import render
from kg.querying import run_query
from kg.reference import vocabulary_graph
from kg.store import OxigraphStore, SparqlEndpointStore, Store, open_store

CASES = Path(__file__).resolve().parent / "queries"
TEST_GRAPH = "https://w3id.org/inspection-kg/graph/test"
QUERIES = {q.name: q for q in library()}
VOCABULARY = vocabulary_graph()


def _cases() -> list[tuple[str, Path]]:
    found = []
    for name in sorted(QUERIES):
        case = CASES / name
        found.extend((name, expected) for expected in sorted(case.glob("expected*.csv")))
        if not list(case.glob("expected*.csv")):
            found.append((name, case / "expected.csv"))  # fails below: every query needs one
    return found


def fixture_graph(case: Path) -> Path:
    """A case's graph: its own data.ttl, or the shared one its data.from names (several
    queries are tested on one hand-made graph, kept once under queries/shared/)."""
    pointer = case / "data.from"
    return CASES / pointer.read_text().strip() if pointer.is_file() else case / "data.ttl"


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


STORES = ["memory", "oxigraph", "oxigraph-server", "virtuoso"]


@pytest.fixture(scope="module")
def stores(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Open stores by kind, made on first use; servers only when a test asks for them."""
    opened: dict[str, Store] = {}
    yield opened
    for store in opened.values():
        store.close()


def _store(kind: str, opened: dict, request: pytest.FixtureRequest, tmp: Path) -> Store:
    if kind in opened:
        return opened[kind]
    if kind == "memory":
        store: Store = open_store("memory")
    elif kind == "oxigraph":
        store = OxigraphStore(tmp / "oxigraph", write=True)
    else:
        server = request.getfixturevalue(
            "oxigraph_server" if kind == "oxigraph-server" else "virtuoso_server"
        )
        store = SparqlEndpointStore(
            server.query_url,
            server.update_url,
            server.gsp_url,
            auth=server.auth,
            auth_type=server.auth_type,
            graph_prefix=server.graph_prefix,
        )
    opened[kind] = store
    return store


def test_the_library_is_not_empty() -> None:
    assert QUERIES


@pytest.mark.parametrize("kind", STORES)
@pytest.mark.parametrize(
    ("name", "expected"), _cases(), ids=lambda v: v if isinstance(v, str) else v.stem
)
def test_query_returns_expected_rows(
    name: str,
    expected: Path,
    kind: str,
    stores: dict,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """The same rows on rdflib's engine, the embedded Oxigraph, Oxigraph server and
    Virtuoso: the library is written in the SPARQL all of them evaluate alike."""
    case = expected.parent
    fixture = fixture_graph(case)
    assert fixture.is_file(), f"no fixture graph for {name}"
    assert expected.is_file(), f"no expected rows for {name}"
    params_file = case / expected.name.replace("expected", "params").replace(".csv", ".json")
    params = json.loads(params_file.read_text()) if params_file.is_file() else {}
    data = Graph().parse(fixture, format="turtle")
    if kind in ("oxigraph-server", "virtuoso"):
        pytest.importorskip("SPARQLWrapper")
    store = _store(kind, stores, request, tmp_path_factory.getbasetemp() / "query-stores")
    vocabulary_iri, vocabulary = VOCABULARY
    for graph in store.graphs():
        if graph not in (TEST_GRAPH, str(vocabulary_iri)):
            store.drop_graph(graph)
    if str(vocabulary_iri) not in store.graphs():
        store.replace_graph(str(vocabulary_iri), vocabulary)
    store.replace_graph(TEST_GRAPH, data)
    got = render(run_query(QUERIES[name], store, params), "csv")
    got_rows = _normalise(list(csv.reader(got.splitlines())), case)
    expected_rows = _normalise(list(csv.reader(expected.read_text().splitlines())), case)
    assert got_rows[0] == expected_rows[0]
    assert sorted(got_rows[1:]) == sorted(expected_rows[1:])
    assert len(got_rows) > 1
