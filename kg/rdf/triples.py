"""An ordered set of triples: what mapping a report fills, before any graph is made.

Mapping a report used to add each triple to an rdflib Graph, copy the graph into Oxigraph
for validation and serialise that for the store: rdflib's in-memory store fires an event
and updates three indexes per add, and oxrdflib converts each term on the copy, for
thousands of triples a report. Collecting the triples in a dict (insertion-ordered, and a
set, as a graph is), writing them as N-Triples once (kg.rdf.ntriples.to_ntriples) and
parsing that into Oxigraph (kg.validate.oxigraph_store) costs a fraction of that (the
README's performance section), and the text is what the build's parent loads. The rdflib
Graph is still made, but only for callers that want one (``ikg extract``, tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import Graph
from rdflib.term import Node

from kg.rdf.namespaces import bind_prefixes

Triple = tuple[Node, Node, Node]


class Triples:
    """What a mapping function fills: add() keeps the first of equal triples, in order."""

    def __init__(self) -> None:
        self._triples: dict[Triple, None] = {}

    def add(self, triple: Triple) -> None:
        self._triples[triple] = None

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)


def to_graph(triples: Iterable[Triple]) -> Graph:
    """An rdflib Graph (in memory, the project's prefixes bound)."""
    graph = bind_prefixes(Graph())
    graph.addN((s, p, o, graph) for s, p, o in triples)
    return graph
