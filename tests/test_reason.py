"""HermiT over the ontology and report graphs: consistent when right, inconsistent when an
individual breaks an axiom, and the literals HermiT cannot read are left out (and counted)."""

from __future__ import annotations

import shutil
from pathlib import Path

import owlready2
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, XSD

from kg.rdf.namespaces import IKG, NIF, ORG
from kg.reason import (
    REASON_DATATYPE,
    REASON_TEXT,
    ReasonerUnavailableError,
    ReasoningResult,
    format_result,
    prepare_input,
    reason,
)

SAMPLE = Path(__file__).resolve().parent / "fixtures" / "graphs" / "report-sample.ttl"
ID = "https://w3id.org/inspection-kg/id/"
INSPECTION = URIRef(f"{ID}inspection/E10000014/2019-04-29")
REPORT = URIRef(f"{INSPECTION}/report")

needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="Java is not on PATH: HermiT (owlready2) runs on it"
)


@pytest.fixture(scope="module")
def sample() -> Graph:
    return Graph().parse(SAMPLE, format="turtle")


def _graph(turtle: str) -> Graph:
    prefixes = f"@prefix ikg: <{IKG._NS}> . @prefix x: <urn:x:> .\n"
    return Graph().parse(data=prefixes + turtle, format="turtle")


# --- input preparation (no Java needed) ---------------------------------------------------


def test_sample_offsets_agree_with_text(sample: Graph) -> None:
    """The fixture must itself follow docs/graph-model.md: anchorOf == text[begin:end]."""
    text = str(sample.value(REPORT, NIF.isString))
    spans = list(sample.subjects(NIF.referenceContext, REPORT))
    assert len(spans) == 10  # 4 judgements, 2 sections, 3 paragraphs, 1 recommendation
    for span in spans:
        begin = int(sample.value(span, NIF.beginIndex))
        end = int(sample.value(span, NIF.endIndex))
        assert 0 <= begin < end <= len(text)
        anchor = sample.value(span, NIF.anchorOf)
        assert anchor is None or str(anchor) == text[begin:end], span


def test_sample_exercises_stripping(sample: Graph) -> None:
    dates = [o for o in sample.objects() if isinstance(o, Literal) and o.datatype == XSD.date]
    assert len(dates) == 3  # start, end, issued
    merged, dropped = prepare_input([sample])
    assert dropped == {REASON_DATATYPE: 3, REASON_TEXT: 5}  # 1 isString + 4 anchorOf
    assert len(merged) == len(sample) - 8
    assert not list(merged.triples((None, NIF.isString, None)))
    assert (INSPECTION, IKG.startDate, None) not in merged
    assert (INSPECTION, IKG.inspectedAuthority, None) in merged


def test_prepare_input_reads_named_graphs(sample: Graph) -> None:
    dataset = Dataset()
    named = dataset.graph(URIRef("https://w3id.org/inspection-kg/graph/report/E10000014/x"))
    for triple in sample:
        named.add(triple)
    merged, dropped = prepare_input([dataset])
    assert len(merged) == len(sample) - 8
    assert sum(dropped.values()) == 8


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", "no-such-java-executable")
    with pytest.raises(ReasonerUnavailableError, match="Java"):
        reason()


def test_format_result() -> None:
    result = ReasoningResult(
        consistent=True,
        inferred_types={"urn:x:a": ["urn:x:C"]},
        dropped_triples=2,
        dropped_reasons={REASON_DATATYPE: 2},
        seconds=1.25,
    )
    text = format_result(result)
    assert "consistent: yes" in text
    assert "urn:x:a" in text and "a urn:x:C" in text
    assert f"2: {REASON_DATATYPE}" in text
    assert "NO" in format_result(ReasoningResult(consistent=False))


# --- reasoning ------------------------------------------------------------------------------


@needs_java
def test_ontology_alone_is_consistent() -> None:
    result = reason()
    assert result.consistent
    assert result.unsatisfiable == []
    assert result.dropped_triples > 0  # the xsd:date ranges of startDate/endDate


@pytest.fixture(scope="module")
def sample_result(sample: Graph) -> ReasoningResult:
    if shutil.which("java") is None:
        pytest.skip("Java is not on PATH: HermiT (owlready2) runs on it")
    return reason(sample)


@needs_java
def test_sample_is_consistent(sample_result: ReasoningResult) -> None:
    assert sample_result.consistent
    assert sample_result.unsatisfiable == []
    assert sample_result.dropped_reasons[REASON_DATATYPE] >= 3
    assert sample_result.dropped_reasons[REASON_TEXT] == 5


@needs_java
def test_sample_inferred_types(sample_result: ReasoningResult) -> None:
    inferred = sample_result.inferred_types
    assert str(PROV.Entity) in inferred[str(REPORT)]
    assert str(PROV.Activity) in inferred[str(INSPECTION)]
    paragraph = inferred[f"{REPORT}/paragraph/1"]
    assert {str(NIF.String), str(PROV.Entity)} <= set(paragraph)
    assert str(PROV.Person) in inferred[f"{ID}inspector/donna-marriott"]
    # asserted types are not reported as inferred
    assert str(IKG.InspectionReport) not in inferred[str(REPORT)]
    assert all("owl#Thing" not in cls for types in inferred.values() for cls in types)


@needs_java
def test_types_inferred_from_domain_and_range() -> None:
    result = reason(_graph("x:insp ikg:inspectedAuthority x:la ; ikg:leadInspector x:person ."))
    assert result.consistent
    assert str(IKG.Inspection) in result.inferred_types["urn:x:insp"]
    assert str(ORG.Organization) in result.inferred_types["urn:x:la"]
    assert str(IKG.Inspector) in result.inferred_types["urn:x:person"]


INCONSISTENT = {
    "paragraph-and-judgement": "x:p a ikg:Paragraph , ikg:Judgement .",
    "two-grades-for-one-judgement": (
        "x:j a ikg:Judgement ; ikg:grade <https://w3id.org/inspection-kg/vocab/grade/good> ,"
        " <https://w3id.org/inspection-kg/vocab/grade/inadequate> ."
    ),
    "grade-used-as-judgement-area": (
        "x:j ikg:judgementArea <https://w3id.org/inspection-kg/vocab/grade/good> ."
    ),
    "report-used-as-paragraph": (
        f"<{REPORT}> a ikg:InspectionReport . x:r ikg:hasParagraph <{REPORT}> ."
    ),
}


@needs_java
def test_judgement_with_one_grade_is_consistent() -> None:
    """The control for the cases below: the same shapes, used correctly."""
    vocab = "https://w3id.org/inspection-kg/vocab"
    result = reason(
        _graph(
            f"x:j a ikg:Judgement ; ikg:grade <{vocab}/grade/good> ;"
            f" ikg:judgementArea <{vocab}/judgement-area/ilacs-overall-effectiveness> ."
            f" x:r a ikg:InspectionReport ; ikg:hasParagraph x:p ."
        )
    )
    assert result.consistent
    assert str(IKG.Paragraph) in result.inferred_types["urn:x:p"]


@needs_java
@pytest.mark.parametrize("case", sorted(INCONSISTENT))
def test_inconsistent_graph(case: str) -> None:
    result = reason(_graph(INCONSISTENT[case]))
    assert result.consistent is False
    assert result.inferred_types == {}


@needs_java
def test_inconsistent_report_graph(sample: Graph) -> None:
    broken = Graph()
    for triple in sample:
        broken.add(triple)
    broken.add((URIRef(f"{REPORT}/paragraph/1"), RDF.type, IKG.Recommendation))
    assert reason(broken).consistent is False
