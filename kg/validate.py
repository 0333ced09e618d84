"""SHACL validation of report graphs against the project's shapes (``shapes/*.ttl``).

pySHACL is the reference validator: it implements SHACL Core and the SPARQL-based
constraints the span and uniqueness checks need (``advanced=True``). Validation runs
without inference and without the ontology, so a graph conforms or not on what it says,
not on what a reasoner could add; the shapes state every type they rely on.

Each report lives in its own named graph and is validated on its own: validating the
union of all report graphs gave the same verdicts about 50 times more slowly
(docs/graph-model.md, /work/shared/DESIGN.md), and a per-graph report says which report
to rebuild.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from kg.rdf.namespaces import bind_prefixes
from kg.rdf.ntriples import to_ntriples
from kg.resources import shapes_dir

SHAPES = Namespace("https://w3id.org/inspection-kg/shapes#")
"""Namespace of the shapes' own IRIs (``ikgsh:S04-JudgementShape-grade``, ...)."""

_PATH_OPERATORS = {
    SH.zeroOrMorePath: "*",
    SH.oneOrMorePath: "+",
    SH.zeroOrOnePath: "?",
}


@dataclass(frozen=True)
class ValidationResult:
    """One ``sh:ValidationResult``, with its terms lifted out of the results graph.

    ``path`` is the predicate IRI for a simple path and SPARQL property-path text
    (e.g. ``^<...#hasParagraph>``) for any other, because a blank node that describes a
    path means nothing once the results graph is gone.
    """

    focus_node: Node
    shape: Node
    constraint_component: URIRef
    path: URIRef | str | None
    message: str
    severity: URIRef
    value: Node | None

    @property
    def shape_id(self) -> str:
        """The shape's id (``S04-JudgementShape-grade``) or its N3 form if not ours."""
        if isinstance(self.shape, URIRef) and self.shape.startswith(str(SHAPES)):
            return self.shape[len(str(SHAPES)) :]
        return self.shape.n3()

    def line(self) -> str:
        """One readable line: severity, shape id, focus node, message (and value)."""
        severity = str(self.severity).removeprefix(str(SH))
        text = f"{severity} {self.shape_id} {_short(self.focus_node)}: {self.message}"
        if self.value is not None:
            text += f" [value: {_short(self.value)}]"
        return text


@dataclass
class ValidationReport:
    """The verdict on one graph: ``conforms`` is False only for sh:Violation results."""

    conforms: bool
    results: list[ValidationResult]
    text: str

    @property
    def violations(self) -> list[ValidationResult]:
        return [r for r in self.results if r.severity == SH.Violation]


SHAPE_SETS = ("report", "statistics", "register")
"""Kinds of named graph, each with its own shapes: report graphs' shapes in ``shapes/``,
the others in ``shapes/<kind>/``. A statistics dataset has no report text and a register
has no inspections, so one set for all would either fail them or weaken the report shapes.
"""


def graph_kind(graph_iri: str) -> str:
    """Which shape set a named graph is validated with, from its IRI (kg.rdf.uris).

    'vocabulary' (the ontology and SKOS schemes loaded for queries) has no shapes.
    """
    if "/graph/dataset/" in graph_iri:
        return "statistics"
    if "/graph/register" in graph_iri:
        return "register"
    if "/graph/vocabulary" in graph_iri:
        return "vocabulary"
    return "report"


@cache
def load_shapes(kind: str = "report") -> Graph:
    """Parse one shape set once per process (``shapes/prefixes.ttl`` goes with every set).

    The graph is shared by every caller: treat it as read-only. Validation runs in
    place (no copy of each report graph), which is only safe while the shapes hold no
    SHACL rules, since rules would write into the data graph; so they are refused here.
    """
    if kind not in SHAPE_SETS:
        raise ValueError(f"unknown shape set {kind!r}: one of {', '.join(SHAPE_SETS)}")
    if kind == "report":
        files = sorted(shapes_dir().glob("*.ttl"))
    else:
        files = [shapes_dir() / "prefixes.ttl", *sorted((shapes_dir() / kind).glob("*.ttl"))]
    if len(files) < 2:
        raise FileNotFoundError(f"no {kind} shapes under {shapes_dir()}")
    shapes = bind_prefixes(Graph())
    shapes.bind("sh", SH)
    shapes.bind("ikgsh", SHAPES)
    for path in files:
        shapes.parse(path, format="turtle")
    if (None, SH.rule, None) in shapes:
        raise ValueError("shapes/ must not contain sh:rule: validation runs in place")
    return shapes


def oxigraph_store(data: Graph | str) -> ox.Store:
    """The triples of ``data`` (a Graph, or N-Triples text) in an in-memory Oxigraph store.

    pySHACL stays the validator; only the store under it changes. Given a pyoxigraph Store
    it answers its SPARQL-based constraints and targets with Oxigraph instead of rdflib's
    pure-Python SPARQL engine, with the same verdicts on every shape fixture
    (tests/test_shapes.py runs both); a bare Store rather than an rdflib Graph over one
    (oxrdflib) lets pySHACL read it without rdflib between. The README's performance
    section gives the measured gain.
    """
    store = ox.Store()
    text = data if isinstance(data, str) else to_ntriples(data)
    store.load(text, ox.RdfFormat.N_TRIPLES)
    return store


def validate_graph(
    data: Graph | ox.Store, kind: str = "report", engine: str = "oxigraph"
) -> ValidationReport:
    """Validate one named graph against the project's shapes for its ``kind``.

    ``engine`` is the store pySHACL queries: 'oxigraph' (fast, the default; ``data`` is
    copied into one unless it is a pyoxigraph Store already, as in the build's workers) or
    'rdflib' (the data graph as given; the reference the tests compare with).

    ``data`` is not modified: no inference runs and the shapes hold no rules (see
    :func:`load_shapes`), so pySHACL's in-place mode only saves the copy it would make.
    """
    if engine not in ("oxigraph", "rdflib"):
        raise ValueError(f"unknown validation engine {engine!r}")
    if engine == "rdflib" and not isinstance(data, Graph):
        raise ValueError("the rdflib engine validates an rdflib Graph")
    if engine == "oxigraph" and isinstance(data, Graph):
        data = oxigraph_store(data)
    conforms, results_graph, _ = pyshacl.validate(
        data,  # type: ignore[arg-type]  # pySHACL reads an Oxigraph store natively
        shacl_graph=load_shapes(kind),
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
        abort_on_first=False,
    )
    if not isinstance(results_graph, Graph):
        raise RuntimeError(f"pySHACL did not return a results graph: {results_graph!r}")
    results = sorted(_results(results_graph), key=_sort_key)
    return ValidationReport(
        conforms=bool(conforms), results=results, text=_summary(bool(conforms), results)
    )


def validate_dataset(ds: Dataset) -> list[tuple[URIRef, ValidationReport]]:
    """Validate each named graph of ``ds`` on its own, in graph-IRI order.

    The default graph is skipped: every report lives in a named graph, and anything in
    the default graph (e.g. an ontology loaded alongside) is not a report. Each named
    graph is copied into a plain ``Graph`` so that queries see that graph and nothing
    else whatever store backs the dataset.
    """
    reports = []
    for named in sorted(ds.graphs(), key=lambda g: str(g.identifier)):
        if named.identifier == DATASET_DEFAULT_GRAPH_ID or len(named) == 0:
            continue
        data = Graph()
        for triple in named:
            data.add(triple)
        iri = URIRef(str(named.identifier))
        if graph_kind(iri) == "vocabulary":
            continue  # the ontology and schemes: checked by their own tests, not shapes
        reports.append((iri, validate_graph(data, graph_kind(iri))))
    return reports


def _results(results_graph: Graph) -> Iterator[ValidationResult]:
    for node in results_graph.subjects(RDF.type, SH.ValidationResult):
        messages = sorted(str(m) for m in results_graph.objects(node, SH.resultMessage))
        focus = results_graph.value(node, SH.focusNode)
        shape = results_graph.value(node, SH.sourceShape)
        component = results_graph.value(node, SH.sourceConstraintComponent)
        severity = results_graph.value(node, SH.resultSeverity)
        if focus is None or shape is None or component is None or severity is None:
            raise RuntimeError(f"incomplete validation result from pySHACL: {node!r}")
        path = results_graph.value(node, SH.resultPath)
        yield ValidationResult(
            focus_node=focus,
            shape=shape,
            constraint_component=URIRef(str(component)),
            path=_path(results_graph, path) if path is not None else None,
            message="; ".join(messages) or "(no message)",
            severity=URIRef(str(severity)),
            value=results_graph.value(node, SH.value),
        )


def _path(graph: Graph, node: Node) -> URIRef | str:
    """A SHACL property path as an IRI or as SPARQL property-path text."""
    if isinstance(node, URIRef):
        return node
    return _path_text(graph, node)


def _path_text(graph: Graph, node: Node) -> str:
    if isinstance(node, URIRef):
        return node.n3()
    inverse = graph.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + _path_text(graph, inverse)
    alternatives = graph.value(node, SH.alternativePath)
    if alternatives is not None:
        members = [_path_text(graph, m) for m in Collection(graph, alternatives)]
        return "(" + "|".join(members) + ")"
    for predicate, operator in _PATH_OPERATORS.items():
        inner = graph.value(node, predicate)
        if inner is not None:
            return "(" + _path_text(graph, inner) + ")" + operator
    if isinstance(node, BNode) and graph.value(node, RDF.first) is not None:
        return "/".join(_path_text(graph, m) for m in Collection(graph, node))
    return node.n3()


def _short(node: Node) -> str:
    """N3 form, with long literals cut so one result stays one readable line."""
    if isinstance(node, Literal) and len(node) > 60:
        return repr(str(node)[:57] + "...")
    return node.n3()


def _sort_key(result: ValidationResult) -> tuple[str, ...]:
    return (
        result.shape_id,
        str(result.focus_node),
        str(result.constraint_component),
        result.message,
        str(result.value),
    )


def _summary(conforms: bool, results: list[ValidationResult]) -> str:
    counts: dict[str, int] = {}
    for result in results:
        name = str(result.severity).removeprefix(str(SH))
        counts[name] = counts.get(name, 0) + 1
    tally = ", ".join(f"{n} {name}" for name, n in sorted(counts.items())) or "no results"
    lines = [f"Conforms: {conforms} ({tally})"]
    lines.extend(result.line() for result in results)
    return "\n".join(lines)
