"""docs/graph-model.md shows the graph the tool builds: every Turtle block parses, uses
only declared terms, and each of its triples is in the graph of the Hampshire 2019 report
built from its text rendering (a literal ending in '…' stands for the start of the
stored text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import HAMPSHIRE_TXT
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.pipeline import extract_file
from kg.rdf.namespaces import IKG
from kg.rdf.report import report_triples
from kg.rdf.triples import to_graph
from kg.resources import ontology_files

DOC = Path(__file__).resolve().parents[1] / "docs" / "graph-model.md"
BLOCKS = re.findall(r"```turtle\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def built() -> Graph:
    _, triples = report_triples(extract_file(HAMPSHIRE_TXT)[0])
    return to_graph(triples)


@pytest.fixture(scope="module")
def declared() -> set[URIRef]:
    graph = Graph()
    for path in ontology_files():
        graph.parse(path, format="turtle")
    return {s for s in graph.subjects() if isinstance(s, URIRef)}


def test_the_page_has_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("index", range(len(BLOCKS)))
def test_every_triple_is_in_the_built_graph(index: int, built: Graph, declared: set) -> None:
    shown = Graph().parse(data=BLOCKS[index], format="turtle")
    assert len(shown) > 10
    missing = []
    for s, p, o in shown:
        assert p in declared or p in (RDF.type, RDFS.label), f"undeclared predicate {p}"
        if p == RDF.type:
            assert o in declared, f"undeclared class {o}"
        if isinstance(o, Literal) and str(o).endswith("…"):
            start = str(o)[:-1]
            found = any(str(v).startswith(start) for v in built.objects(s, p))
        else:
            found = (s, p, o) in built
        if not found:
            missing.append(f"{s.n3()} {p.n3()} {o.n3()}")
    assert not missing, "the page shows triples the tool does not make:\n" + "\n".join(missing)


def test_the_examples_cover_the_main_classes() -> None:
    shown = Graph()
    for block in BLOCKS:
        shown.parse(data=block, format="turtle")
    classes = set(shown.objects(None, RDF.type))
    for name in ("Inspection", "InspectionReport", "Judgement", "Section", "Paragraph",
                 "Recommendation", "Finding", "Mention", "Service", "EvidenceLink"):  # fmt: skip
        assert IKG[name] in classes, name
