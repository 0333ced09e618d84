"""An ordered set of triples, and the two graphs the build makes of it.

Mapping a report used to add each triple to an rdflib Graph, copy the graph into Oxigraph
for validation and serialise that for the store. With the evidence layer a report has
~3,000 triples, and those steps cost ~15 µs a triple (rdflib's in-memory store fires an
event and updates three indexes per add; oxrdflib converts each term on the copy).
Collecting the triples in a dict (insertion-ordered, and a set, as a graph is), writing
them as N-Triples once and parsing that into Oxigraph takes ~4 µs a triple, and the text
is what the build's parent loads. The rdflib Graph is still made, but only for callers
that want one (``ikg extract``, tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from oxrdflib import OxigraphStore
from rdflib import BNode, Graph
from rdflib.term import Node

from kg.rdf.namespaces import bind_prefixes

Triple = tuple[Node, Node, Node]


class Triples:
    """What a mapping function fills: add() keeps the first of equal triples, in order."""

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        self._triples[triple] = None

    def __contains__(self, triple: Triple) -> bool:
        return triple in self._triples

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph (in memory, the project's prefixes bound)."""
    graph = bind_prefixes(Graph())
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph


def oxigraph_graph(ntriples: str) -> Graph:
    """An rdflib Graph backed by an in-memory Oxigraph store (oxrdflib), parsed from
    N-Triples text in one call.

    pySHACL validates it with Oxigraph answering its SPARQL (kg.validate). The build writes
    a report's triples as N-Triples once (kg.store.convert.to_ntriples) and uses the same
    text for this graph and for the store it loads.
    """
    store = ox.Store()
    graph = Graph(store=OxigraphStore(store=store))
    # the graph name oxrdflib reads the graph's triples from
    identifier = graph.identifier
    name = ox.BlankNode(identifier) if isinstance(identifier, BNode) else ox.NamedNode(identifier)
    store.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=name)
    return graph
