"""The report shapes and the validator: ids and messages on every shape, reports that
say which constraint failed where, SPARQL targets equivalent to the plain ones. The
fixtures of every shape (tests/shapes/report/) are run by tests/test_shape_fixtures.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node
from support.shapefixtures import KINDS

from kg.rdf.namespaces import IKG, NIF
from kg.validate import SHAPES, load_shapes, validate_dataset, validate_graph

REPORT = KINDS[0]
FIXTURES = REPORT.folder
VALID = REPORT.valid()
INVALID = REPORT.invalid()
SHAPE_ID = re.compile(r"^S[0-9]{2}-[A-Za-z]+Shape(-[A-Za-z0-9]+)?$")


def _parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _node_shape_ids() -> set[str]:
    shapes = load_shapes()
    return {
        str(s).removeprefix(str(SHAPES)).split("-")[0]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
    }


SHAPE_LETTER = {"report": "S", "statistics": "T"}


@pytest.mark.parametrize("kind", sorted(SHAPE_LETTER))
def test_every_shape_has_an_id_and_every_constraint_a_message(kind: str) -> None:
    """Named shapes only (a result then says which constraint failed), each with a message."""
    shapes = load_shapes(kind)
    shape_id = re.compile(SHAPE_ID.pattern.replace("^S", "^" + SHAPE_LETTER[kind]))
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    referenced = set(shapes.objects(None, SH.property))
    assert referenced <= property_shapes, "sh:property pointing at an undeclared shape"
    for shape in node_shapes | property_shapes:
        assert isinstance(shape, URIRef) and shape.startswith(str(SHAPES)), shape
        assert shape_id.match(shape.removeprefix(str(SHAPES))), shape
    for shape in property_shapes:
        assert isinstance(shapes.value(shape, SH.message), Literal), f"{shape} has no sh:message"
        owners = set(shapes.subjects(SH.property, shape))
        assert len(owners) == 1 and shape.startswith(str(owners.pop())), shape
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None, f"{constraint} has no message"
    node_level = (SH["or"], SH["and"], SH["not"], SH.xone, SH.closed)
    for shape in node_shapes:
        if any(shapes.value(shape, p) is not None for p in node_level):
            assert shapes.value(shape, SH.message) is not None, f"{shape} has no sh:message"


def test_load_shapes_parses_once() -> None:
    assert load_shapes() is load_shapes()


def test_validation_leaves_the_data_graph_unchanged() -> None:
    graph = _parse(FIXTURES / "S08-invalid-02.ttl")
    before = set(graph)
    validate_graph(graph)
    assert set(graph) == before


def test_report_text_lists_each_result_on_one_line() -> None:
    report = validate_graph(_parse(FIXTURES / "S08-invalid-02.ttl"))
    lines = report.text.splitlines()
    assert lines[0].startswith("Conforms: False")
    assert len(lines) == 1 + len(report.results)
    for line, result in zip(lines[1:], report.results, strict=True):
        assert line.startswith(f"Violation {result.shape_id} {result.focus_node.n3()}: ")
        assert "\n" not in result.message


def test_inverse_path_is_reported_as_sparql_path_text() -> None:
    report = validate_graph(_parse(FIXTURES / "S08-invalid-02.ttl"))
    paths = {r.path for r in report.results}
    assert paths == {f"^{IKG.hasParagraph.n3()}"}


def test_dataset_is_validated_graph_by_graph() -> None:
    """A run described only in another graph does not count: graphs stand alone."""
    valid = _parse(FIXTURES / "S02-valid.ttl")
    run = URIRef("https://w3id.org/inspection-kg/id/extraction/5f0c3c1e9d8b7a6f/0-1-0")
    agent = URIRef("https://w3id.org/inspection-kg/id/software/inspection-kg/0-1-0")
    ds = Dataset()
    whole = ds.graph(URIRef("urn:test:a-whole-report"))
    split = ds.graph(URIRef("urn:test:b-report-without-run"))
    elsewhere = ds.graph(URIRef("urn:test:c-run-alone"))
    for triple in valid:
        whole.add(triple)
        subject = triple[0]
        (elsewhere if subject in (run, agent) else split).add(triple)
    ds.default_graph.add((URIRef("urn:test:x"), RDF.type, IKG.Judgement))  # not a report
    verdicts = {graph: report.conforms for graph, report in validate_dataset(ds)}
    assert verdicts == {
        URIRef("urn:test:a-whole-report"): True,
        URIRef("urn:test:b-report-without-run"): False,
        URIRef("urn:test:c-run-alone"): True,
    }
    assert [graph for graph, _ in validate_dataset(ds)] == sorted(verdicts)


PLAIN_TARGETS: dict[str, tuple[tuple[URIRef, URIRef], ...]] = {
    "S09-ParagraphSectionInReportShape": ((SH.targetClass, IKG.Paragraph),),
    "S12-SpanShape": (
        (SH.targetSubjectsOf, NIF.referenceContext),
        (SH.targetSubjectsOf, NIF.beginIndex),
        (SH.targetSubjectsOf, NIF.endIndex),
    ),
    "S13-SpanInsideTextShape": ((SH.targetSubjectsOf, NIF.endIndex),),
    "S14-AnchorMatchesTextShape": ((SH.targetSubjectsOf, NIF.anchorOf),),
    "S17-FindingShape": ((SH.targetClass, IKG.Finding),),
    "S18-FindingInsideParagraphShape": ((SH.targetObjectsOf, IKG.hasFinding),),
    "S19-MentionShape": ((SH.targetClass, IKG.Mention),),
    "S20-MentionInsideFindingShape": ((SH.targetObjectsOf, IKG.hasMention),),
    "S21-ServiceShape": ((SH.targetClass, IKG.Service),),
}
"""Each shape that picks its focus nodes with SPARQL targets, and the plain targets they
stand for (a shape may have several of either: its focus nodes are their union)."""

PLAIN_FIXTURES = {"S08", "S09", "S12", "S13", "S14", "S17", "S18", "S19", "S20", "S21"}
"""Fixtures (by shape id) on which the plain form is compared with the SPARQL targets."""


def _results_with(shapes: Graph, data: Graph) -> set[tuple[Node, Node, Node, Node]]:
    """The results of the PLAIN_TARGETS shapes alone.

    pySHACL's ``use_shapes`` skips named property shapes that are not listed themselves,
    so each shape's ``sh:property`` values are listed with it.
    """
    node_shapes = [SHAPES[shape_id] for shape_id in PLAIN_TARGETS]
    property_shapes = [p for shape in node_shapes for p in shapes.objects(shape, SH.property)]
    _, results, _ = pyshacl.validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        inplace=True,
        use_shapes=node_shapes + property_shapes,
    )
    return {
        (
            results.value(r, SH.focusNode),
            results.value(r, SH.sourceShape),
            results.value(r, SH.sourceConstraintComponent),
            results.value(r, SH.resultMessage),
        )
        for r in results.subjects(RDF.type, SH.ValidationResult)
    }


def _plain_shapes(shapes: Graph) -> Graph:
    """The shapes with every SPARQL target swapped for the plain targets it stands for."""
    plain = Graph()
    for triple in shapes:
        plain.add(triple)
    for shape_id, targets in PLAIN_TARGETS.items():
        shape = SHAPES[shape_id]
        sparql_targets = list(plain.objects(shape, SH.target))
        assert sparql_targets, shape_id
        for sparql_target in sparql_targets:
            assert (sparql_target, RDF.type, SH.SPARQLTarget) in plain, shape_id
        plain.remove((shape, SH.target, None))
        for predicate, target in targets:
            plain.add((shape, predicate, target))
    return plain


def test_sparql_targets_only_skip_nodes_that_pass() -> None:
    """S09, S12-S14, S17, S18, S20, S21 pick their focus nodes with queries, for speed.

    Swapping each shape's SPARQL targets for the plain targets they stand for must give
    the same results on the fixtures of those shapes and of paragraphs (the plain form
    costs ~40 ms a node for SPARQL constraints, so not on all of them): that catches a
    target that misses a failing node. And on every fixture the targets select just the
    nodes that fail (the node shape's own results or its property shapes'): that catches
    a target that selects passing nodes.
    """
    shapes = load_shapes()
    plain = _plain_shapes(shapes)
    assert {s.removeprefix(str(SHAPES)) for s in shapes.subjects(SH.target, None)} == set(
        PLAIN_TARGETS
    )
    targets = {
        SHAPES[shape_id]: _sparql_targets(shapes, SHAPES[shape_id]) for shape_id in PLAIN_TARGETS
    }
    for path in VALID + INVALID:
        data = _parse(path)
        results = _results_with(shapes, data)
        if path.name[:3] in PLAIN_FIXTURES:
            assert results == _results_with(plain, data), path.name
        for shape, queries in targets.items():
            own = {shape, *shapes.objects(shape, SH.property)}
            failing = {focus for focus, source, _, _ in results if source in own}
            selected = {row[0] for query in queries for row in data.query(query)}
            assert selected == failing, (path.name, shape.removeprefix(str(SHAPES)))


def _sparql_targets(shapes: Graph, shape: URIRef) -> list[Query]:
    """A shape's SPARQL targets, whose union must select only the nodes that then fail.

    A target that also selects passing nodes keeps the verdicts but brings back the
    per-node cost it exists to avoid (this happened when S14's constraint learnt to join
    lines and its target did not).
    """
    queries = []
    for target in shapes.objects(shape, SH.target):
        declared = shapes.value(target, SH.prefixes)
        namespaces = {
            str(shapes.value(d, SH.prefix)): Namespace(str(shapes.value(d, SH.namespace)))
            for d in shapes.objects(declared, SH.declare)
        }
        queries.append(prepareQuery(str(shapes.value(target, SH.select)), initNs=namespaces))
    return queries
