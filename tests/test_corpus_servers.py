"""The shared corpus on real SPARQL servers answers every library query as the laptop does.

The corpus store (conftest) is loaded with ``ikg load``'s library function into an
Oxigraph server and into Virtuoso; every library query then runs, with its defaults and
with parameters naming corpus authorities, on the embedded store and on each server, and
the canonical rows must be identical (order aside where the query does not sort).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.library import library
from kg.loading import load
from kg.output import render
from kg.querying import run_query
from kg.store import SparqlEndpointStore, Store

pytestmark = [pytest.mark.server, pytest.mark.corpus]

CORPUS_PARAMS: dict[str, list[dict[str, str]]] = {
    "authority-grades": [{"authority": "Wakefield"}, {"authority": "Bristol"}],
    "authority-profile": [{"authority": "County Durham"}],
    "authority-lookup": [{"authority": "Bristol City Council"}],
    "finding-search": [{"authority": "Hampshire", "polarity": "weakness"}],
    "inspections": [{"authority": "Kent"}],
    "inspection-changes": [{"authority": "Wakefield"}],
    "neighbour-grades": [{"authority": "Suffolk"}],
    "neighbour-shared-weaknesses": [{"authority": "Wakefield"}],
    "recommendation-evidence": [{"authority": "Kirklees"}],
    "report-sources": [{"authority": "Hampshire"}],
    "service-history": [{"authority": "Hampshire", "service_type": "mash"}],
    "services-where-grades-rose": [{"authority": "Wakefield"}],
}
CASES = [(q.name, {}) for q in library()] + [
    (name, params) for name, sets in CORPUS_PARAMS.items() for params in sets
]


def _case_id(value: object) -> str:
    if isinstance(value, dict):
        return "-".join(value.values()) or "defaults"
    return str(value)


def server_store(server) -> SparqlEndpointStore:  # type: ignore[no-untyped-def]
    return SparqlEndpointStore(
        server.query_url,
        server.update_url,
        server.gsp_url,
        auth=server.auth,
        auth_type=server.auth_type,
        graph_prefix=server.graph_prefix,
        timeout=300,
    )


@pytest.fixture(scope="module")
def servers(corpus_store: Path, oxigraph_server, virtuoso_server) -> Iterator[dict[str, Store]]:  # type: ignore[no-untyped-def]
    opened: dict[str, Store] = {}
    for name, server in (("oxigraph-server", oxigraph_server), ("virtuoso", virtuoso_server)):
        store = server_store(server)
        for graph in store.graphs():
            store.drop_graph(graph)
        results = load(corpus_store, store)
        assert all(r.status == "loaded" for r in results), [r.error for r in results if r.error]
        opened[name] = store
    yield opened


def rows(store: Store, name: str, params: dict[str, str]) -> list[list[str]]:
    text = render(run_query(name, store, params), "csv")
    return list(csv.reader(text.splitlines()))


@pytest.mark.parametrize(("name", "params"), CASES, ids=_case_id)
def test_every_server_gives_the_embedded_rows(
    name: str, params: dict[str, str], corpus: Store, servers: dict[str, Store]
) -> None:
    expected = rows(corpus, name, params)
    for server, store in servers.items():
        got = rows(store, name, params)
        assert got[0] == expected[0], server
        assert sorted(got[1:]) == sorted(expected[1:]), (
            f"{server}: {len(got) - 1} rows against {len(expected) - 1}"
        )
