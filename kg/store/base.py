"""The one Store interface every backend implements.

The build, the CLI and notebooks talk to this interface only, so switching between the
embedded Oxigraph directory, an in-memory rdflib dataset and a remote SPARQL 1.1 server
is a matter of the ``--store`` setting, not of code. Each report lives in its own named
graph and ``replace_graph`` is the only write the build needs: atomic (readers see the old
or the new report, never a mixture, and a failure leaves the old one) and idempotent
(loading a report twice gives the same store as loading it once).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import TracebackType
from typing import BinaryIO, Self

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.rdf.namespaces import PREFIXES, bind_prefixes, sha256_pattern
from kg.rdf.ntriples import to_ntriples
from kg.store.errors import StoreError

EXPORT_FORMATS = ("nq", "trig", "ttl", "nt", "jsonld")
QUAD_FORMATS = ("nq", "trig")


@dataclass
class QueryResult:
    """The answer to a SPARQL query in rdflib terms, whichever backend produced it.

    SELECT fills ``variables`` and ``rows`` (unbound variables map to None), ASK fills
    ``boolean``, CONSTRUCT and DESCRIBE fill ``graph``.
    """

    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, Node | None]] = field(default_factory=list)
    boolean: bool | None = None
    graph: Graph | None = None

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        """Iterate the rows, so ``for row in store.query(...)`` reads naturally."""
        return iter(self.rows)

    def __len__(self) -> int:
        """Number of rows (SELECT) or triples (CONSTRUCT/DESCRIBE)."""
        return len(self.graph) if self.graph is not None else len(self.rows)


class Store(ABC):
    """A quad store holding one named graph per report or imported dataset.

    A store opened for writing collects its writes and publishes them on :meth:`close`;
    :meth:`abort` (and leaving a ``with`` block by an exception) discards what a backend
    that can hold writes back (the embedded store) has not yet published.
    """

    writable: bool = True

    @abstractmethod
    def replace_graph(self, graph_iri: str, triples: Graph) -> None:
        """Make the named graph hold exactly ``triples``, atomically and idempotently.

        Afterwards the graph holds these triples and nothing else; on any error (bad term,
        an exception while iterating ``triples``, a store failure) the previous content is
        intact. An empty ``triples`` leaves no graph (named graphs without triples do not
        exist for SPARQL queries anyway). Raises StoreError.
        """

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """:meth:`replace_graph` from N-Triples text (what the build's workers send).

        Stores that can take the text as it is override this to skip building an rdflib
        Graph in the parent process, which is the slowest part of loading large graphs.
        """
        graph = Graph()
        try:
            graph.parse(data=ntriples, format="nt")
        except Exception as exc:  # rdflib raises several kinds for bad N-Triples
            raise StoreError(f"replacing graph {graph_iri} failed: {exc}") from exc
        self.replace_graph(graph_iri, graph)

    @abstractmethod
    def drop_graph(self, graph_iri: str) -> None:
        """Remove a named graph and its triples; dropping an absent graph is not an error,
        so that removing a withdrawn report is idempotent too."""

    @abstractmethod
    def graphs(self) -> list[str]:
        """The IRIs of the named graphs that hold triples, sorted, for stable listings."""

    @abstractmethod
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL 1.1 query over the union of all named graphs (the default graph is
        their union, so research queries need no ``GRAPH`` clauses; ``GRAPH ?g`` still
        ranges over the named graphs). Raises StoreError on syntax or backend errors."""

    @abstractmethod
    def get_graph(self, graph_iri: str) -> Graph:
        """The triples of one named graph as an rdflib Graph (empty if absent), for SHACL
        validation of a single report and for export."""

    def graph_ntriples(self, graph_iri: str) -> str:
        """One named graph as N-Triples text (empty if absent)."""
        return to_ntriples(self.get_graph(graph_iri))

    @abstractmethod
    def export(self, out: BinaryIO, format: str, graph_iri: str | None = None) -> None:
        """Serialise to ``out``: 'nq'/'trig' keep graph names, 'ttl'/'nt'/'jsonld' write the
        triples of one graph, or of the union of all graphs when ``graph_iri`` is None."""

    @abstractmethod
    def close(self) -> None:
        """Release the store (file locks, connections); the object is unusable afterwards."""

    def abort(self) -> None:
        """Discard unpublished writes where the backend holds them back, then close."""
        self.close()

    def has_graph(self, graph_iri: str) -> bool:
        """Whether the named graph holds triples."""
        return graph_iri in self.graphs()

    @abstractmethod
    def __len__(self) -> int:
        """Number of quads in the store (all named graphs plus the default graph)."""

    def source_sha256s(self) -> dict[str, str]:
        """Map the sha256 of each loaded source file to the graph holding its report.

        A build compares these with the files it is given and skips unchanged reports.
        """
        result = self.query(
            f"SELECT ?g ?sha WHERE {{ GRAPH ?g {{ {sha256_pattern('?report', '?sha')} }} }}"
        )
        return {
            str(row["sha"]): str(row["g"])
            for row in result.rows
            if isinstance(row["sha"], Literal) and isinstance(row["g"], URIRef)
        }

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def check_format(format: str) -> str:
    """Validate an export format name early, with the list of valid ones in the message."""
    if format not in EXPORT_FORMATS:
        valid = ", ".join(EXPORT_FORMATS)
        raise StoreError(f"unknown export format {format!r}; use one of {valid}")
    return format


def write_triples_rdflib(out: BinaryIO, format: str, graph: Graph) -> None:
    """Serialise a triple graph with rdflib and the project's prefixes (ttl, nt, jsonld)."""
    rdflib_format = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[format]
    bind_prefixes(graph)
    out.write(graph.serialize(format=rdflib_format, encoding="utf-8"))


def export_via_rdflib(store: Store, out: BinaryIO, format: str, graph_iri: str | None) -> None:
    """Export any store by reading its graphs into rdflib (memory and remote stores).

    Quad formats get one rdflib graph per named graph, so graph names survive; triple
    formats get one graph or the merge of all graphs.
    """
    check_format(format)
    names = [graph_iri] if graph_iri is not None else store.graphs()
    if format in QUAD_FORMATS:
        # pyoxigraph writes the quads: rdflib 7.6's Dataset serialisers call APIs rdflib
        # itself deprecated, which fails under warnings-as-errors.
        import pyoxigraph as ox

        from kg.store.convert import to_ox

        quads = [
            ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(name))  # type: ignore[arg-type]
            for name in names
            for s, p, o in store.get_graph(name)
        ]
        fmt = ox.RdfFormat.N_QUADS if format == "nq" else ox.RdfFormat.TRIG
        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        ox.serialize(quads, out, fmt, prefixes=prefixes)
        return
    graph = Graph()
    for name in names:
        for triple in store.get_graph(name):
            graph.add(triple)
    write_triples_rdflib(out, format, graph)
