"""The evidence layer in the graph and in the JSON contract, on the Hampshire 2019 gold."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import HAMPSHIRE_PDF
from rdflib import Graph, URIRef

from kg.cli import main
from kg.pipeline import extract_file
from kg.rdf.report import report_graph
from kg.validate import validate_graph

REPORT = "https://w3id.org/inspection-kg/id/inspection/E10000014/2019-04-29/report"
PREFIXES = """
PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


@pytest.fixture(scope="module")
def graph() -> Graph:
    (report,) = extract_file(HAMPSHIRE_PDF)
    return report_graph(report)[1]


def test_the_graph_with_its_evidence_conforms(graph: Graph) -> None:
    verdict = validate_graph(graph)
    assert verdict.conforms, verdict.text


def test_recommendations_link_to_their_evidence_paragraphs(graph: Graph) -> None:
    """Gold: the return home interview item rests on paragraph 10, the corporate parenting
    board's rigour on paragraph 37."""
    rows = graph.query(
        PREFIXES
        + """SELECT ?n ?p WHERE { ?r ikg:recommendationNumber ?n ; ikg:evidenceParagraph ?para .
                                  ?para ikg:paragraphNumber ?p }"""
    )
    links: dict[int, set[int]] = {}
    for n, p in rows:
        links.setdefault(int(n), set()).add(int(p))
    assert 10 in links[1] and 37 in links[2]
    themes = {
        str(t).rsplit("/", 1)[1]
        for t in graph.objects(
            URIRef(f"{REPORT}/recommendation/1"),
            URIRef("https://w3id.org/inspection-kg/ontology#theme"),
        )
    }
    assert "missing-children" in themes


def test_willow_is_a_local_named_service_of_hampshire(graph: Graph) -> None:
    rows = list(
        graph.query(
            PREFIXES
            + """SELECT ?service ?type ?authority WHERE {
                   ?service ikg:localName "Willow" ; ikg:serviceType ?type ;
                       org:unitOf ?authority ; rdfs:label "Willow" .
                   ?m ikg:mentionedService ?service .
                   ?f ikg:hasMention ?m . ?p ikg:hasFinding ?f ; ikg:paragraphNumber 11 . }"""
        )
    )
    assert rows
    service, kind, authority = rows[0]
    assert str(kind).endswith("/service-type/exploitation-team")
    assert str(authority).endswith("/authority/E10000014")
    assert str(service).endswith("/authority/E10000014/service/local-willow")


def test_every_must_paragraph_has_a_weakness_finding_in_the_graph(graph: Graph, gold: dict) -> None:
    rows = graph.query(
        PREFIXES
        + """SELECT DISTINCT ?n WHERE { ?p ikg:paragraphNumber ?n ; ikg:hasFinding ?f .
               ?f ikg:polarity ?pol .
               FILTER (?pol IN (<https://w3id.org/inspection-kg/vocab/polarity/weakness>,
                                <https://w3id.org/inspection-kg/vocab/polarity/mixed>)) }"""
    )
    weak = {int(n) for (n,) in rows}
    must = set(gold["paragraphs_with_weaknesses"]["must"])
    either = set(gold["paragraphs_with_weaknesses"]["either"])
    assert must <= weak
    assert weak <= must | either


def test_the_json_contract_carries_the_evidence() -> None:
    result = CliRunner().invoke(main, ["extract", str(HAMPSHIRE_PDF)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    finding = report["findings"][0]
    assert set(finding) >= {"paragraph", "text", "start", "end", "polarity", "cue", "themes"}
    mention = report["mentions"][0]
    assert set(mention) >= {"paragraph", "finding", "surface", "service_type", "service",
                            "local_name", "start", "end"}  # fmt: skip
    first = report["recommendations"][0]
    assert 10 in first["evidence_paragraphs"] and "missing-children" in first["themes"]
    text = report["findings"]
    assert all(f["polarity"] in {"strength", "weakness", "mixed", "neutral"} for f in text)
    willow = [m for m in report["mentions"] if m["local_name"] == "Willow"]
    assert willow and willow[0]["paragraph"] == 11
