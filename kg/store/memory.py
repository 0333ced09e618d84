"""An in-memory store on an rdflib Dataset: tests, comparisons and notebooks.

Nothing persists; rdflib's SPARQL engine answers the queries, which makes this store a
second, independent implementation to compare Oxigraph's answers with.
"""

from __future__ import annotations

import warnings
from typing import BinaryIO

from rdflib import Dataset, Graph, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.query import ResultRow
from rdflib.term import Node

from kg.rdf.namespaces import bind_prefixes
from kg.store.base import QueryResult, Store, export_via_rdflib
from kg.store.convert import check_iri, normalise, to_ntriples
from kg.store.errors import StoreError
from kg.store.form import check_query
from kg.store.sandbox import run_limited


class MemoryStore(Store):
    """rdflib ``Dataset(default_union=True)``: the default graph is the union of all graphs."""

    def __init__(
        self,
        *,
        timeout: float | None = None,
        memory_limit_mb: int = 0,
        allow_service: bool = False,
    ) -> None:
        self.timeout = timeout
        self.memory_limit_mb = memory_limit_mb
        self.allow_service = allow_service
        self._ds: Dataset | None = bind_prefixes(Dataset(default_union=True))  # type: ignore[assignment]

    @property
    def _dataset(self) -> Dataset:
        if self._ds is None:
            raise StoreError("memory store is closed")
        return self._ds

    def replace_graph(self, graph_iri: str, triples: Graph) -> None:
        """Materialise and check all triples first (the same checks the other stores make),
        then swap the graph's content; the swap itself cannot fail half way."""
        name = URIRef(check_iri(graph_iri))
        rows = [(normalise(s), normalise(p), normalise(o)) for s, p, o in triples]
        to_ntriples(rows)  # validates every term, raising StoreError like the other stores
        dataset = self._dataset
        dataset.remove_graph(name)
        if rows:
            graph = dataset.graph(name)
            for row in rows:
                graph.add(row)

    def drop_graph(self, graph_iri: str) -> None:
        """Remove the graph; absent graphs are fine."""
        self._dataset.remove_graph(URIRef(check_iri(graph_iri)))

    def graphs(self) -> list[str]:
        """Named graphs that hold triples, sorted."""
        return sorted(
            str(g.identifier)
            for g in self._dataset.graphs()
            if g.identifier != DATASET_DEFAULT_GRAPH_ID and len(g) > 0
        )

    def query(self, sparql: str) -> QueryResult:
        """rdflib SPARQL over the dataset (in a child process under the limits when a
        ``timeout`` is set); only queries run, and its errors become StoreError."""
        check_query(sparql, allow_service=self.allow_service)
        if self.timeout is None:
            return self._query(sparql)
        return run_limited(
            lambda: self._query(sparql), timeout=self.timeout, memory_limit_mb=self.memory_limit_mb
        )

    def _query(self, sparql: str) -> QueryResult:
        try:
            with warnings.catch_warnings():
                # rdflib 7.6's own SPARQL engine reads Dataset.default_context/contexts(),
                # which it deprecated; silence exactly those so callers running with
                # warnings-as-errors can still query. Nothing else is filtered.
                warnings.filterwarnings(
                    "ignore",
                    r"Dataset\.(default_context|contexts) is deprecated",
                    DeprecationWarning,
                )
                answer = self._dataset.query(sparql)
                rows_iter = list(answer) if answer.type == "SELECT" else []
            if answer.type == "ASK":
                return QueryResult(boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                graph = Graph()
                for triple in answer.graph or ():
                    graph.add(triple)
                return QueryResult(graph=bind_prefixes(graph))
            names = [str(v) for v in answer.vars or []]
            rows: list[dict[str, Node | None]] = [
                {name: row.get(name) for name in names}
                for row in rows_iter
                if isinstance(row, ResultRow)  # always, for a SELECT
            ]
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"query failed: {exc}") from exc
        return QueryResult(variables=names, rows=rows)

    def get_graph(self, graph_iri: str) -> Graph:
        """A copy of one graph, so callers cannot mutate the store behind its back."""
        graph = Graph()
        # a view on the store's context; Dataset.graph() would register an empty graph
        source = Graph(store=self._dataset.store, identifier=URIRef(check_iri(graph_iri)))
        for triple in source:
            graph.add(triple)
        return bind_prefixes(graph)

    def export(self, out: BinaryIO, format: str, graph_iri: str | None = None) -> None:
        """rdflib serialises every format; quad formats keep the graph names."""
        export_via_rdflib(self, out, format, graph_iri)

    def close(self) -> None:
        """Forget the data (there is nothing to flush)."""
        self._ds = None

    def __len__(self) -> int:
        return sum(len(g) for g in self._dataset.graphs())
