"""The ontology and its SKOS vocabularies: they parse, declare every term the code uses,
define every term and concept, and hold exactly the concept ids docs/graph-model.md lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from kg.rdf import uris
from kg.rdf.namespaces import IKG, NIF, ONTOLOGY_IRI
from kg.resources import ontology_files, vocab_dir

CHECKS_DIR = Path(__file__).resolve().parent.parent / "queries" / "checks"
CHECKS = sorted(CHECKS_DIR.glob("*-violation.rq"))

IKG_TERMS = sorted(dir(IKG))

# The contract: docs/graph-model.md, table "Concept identifiers".
EXPECTED_CONCEPTS: dict[str, set[str]] = {
    "framework": {"pre-sif", "sif", "ilacs", "ilacs-2026"},
    "judgement-area": {
        "ilacs-impact-of-leaders",
        "ilacs-help-and-protection",
        "ilacs-children-in-care-and-care-leavers",
        "ilacs-children-in-care",
        "ilacs-care-leavers",
        "ilacs-overall-effectiveness",
        "ilacs-2026-impact-of-leaders",
        "ilacs-2026-help-and-protection",
        "ilacs-2026-children-in-care",
        "ilacs-2026-care-leavers",
        "sif-overall-effectiveness",
        "sif-help-and-protection",
        "sif-looked-after-and-permanence",
        "sif-adoption-performance",
        "sif-care-leavers",
        "sif-leadership-management-governance",
        "lscb-effectiveness",
        "pre-sif-overall-effectiveness",
        "pre-sif-capacity-for-improvement",
        "pre-sif-outcomes",
        "pre-sif-quality-of-provision",
        "pre-sif-leadership-and-management",
    },
    "grade": {"outstanding", "good", "requires-improvement", "adequate", "inadequate"},
    "inspection-type": {"standard", "short", "focused-visit", "monitoring-visit"},
    "document-type": {"inspection", "lscb-review"},
    "theme": {
        "allegations-against-adults",
        "assessment",
        "care-leavers-accommodation",
        "care-leavers-support",
        "child-protection",
        "children-missing-education",
        "corporate-parenting",
        "direct-work",
        "disabled-children",
        "domestic-abuse",
        "early-help",
        "education-employment-training",
        "education-of-children-in-care",
        "emotional-wellbeing",
        "exploitation",
        "fostering",
        "front-door",
        "health",
        "homelessness-16-17",
        "identity-and-life-story",
        "kinship-care",
        "leadership-and-governance",
        "management-oversight",
        "missing-children",
        "neglect",
        "participation",
        "partnership-working",
        "permanence",
        "placement-stability",
        "placement-sufficiency",
        "planning",
        "pre-proceedings",
        "private-fostering",
        "quality-assurance",
        "recording",
        "timeliness",
        "transitions-to-adulthood",
        "unaccompanied-children",
        "workforce",
        "young-carers",
    },
    "service-type": {
        "adoption-panel",
        "adoption-service",
        "advocacy-service",
        "assessment-team",
        "children-in-care-council",
        "children-in-care-team",
        "childrens-home",
        "corporate-parenting-board",
        "disabled-childrens-team",
        "early-help-service",
        "edge-of-care",
        "education-welfare-service",
        "emergency-duty-team",
        "exploitation-team",
        "family-group-conference-service",
        "family-hub",
        "fostering-panel",
        "fostering-service",
        "front-door",
        "health-and-wellbeing-board",
        "improvement-board",
        "iro-service",
        "kinship-team",
        "lado",
        "leaving-care-service",
        "legal-services",
        "mash",
        "participation-team",
        "placements-team",
        "quality-assurance-service",
        "regional-adoption-agency",
        "return-home-interview-service",
        "safeguarding-partnership",
        "social-work-academy",
        "social-work-agency",
        "social-work-team",
        "uasc-team",
        "virtual-college",
        "virtual-school",
        "youth-justice-service",
        "youth-service",
    },
    "national-framework": {
        "enabler-1",
        "enabler-2",
        "enabler-3",
        "outcome-1",
        "outcome-2",
        "outcome-3",
        "outcome-4",
    },
    "visit-theme": {
        "achieving-permanence",
        "care-leavers",
        "children-in-care",
        "children-in-need-subject-to-a-plan",
        "front-door",
        "vulnerable-adolescents",
    },
    "polarity": {"strength", "weakness", "mixed", "neutral"},
}

SCHEME_CLASS: dict[str, URIRef] = {
    "framework": IKG.Framework,
    "judgement-area": IKG.JudgementArea,
    "grade": IKG.Grade,
    "inspection-type": IKG.InspectionType,
    "document-type": IKG.DocumentType,
    "theme": IKG.Theme,
    "service-type": IKG.ServiceType,
    "national-framework": IKG.NationalFrameworkElement,
    "visit-theme": IKG.VisitTheme,
    "polarity": IKG.Polarity,
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    merged = Graph()
    for path in ontology_files():
        merged.parse(path, format="turtle")
    return merged


def test_ontology_files_found() -> None:
    names = {path.name for path in ontology_files()}
    assert "inspection-kg.ttl" in names
    assert len(list(vocab_dir().glob("*.ttl"))) >= len(EXPECTED_CONCEPTS)


@pytest.mark.parametrize("path", ontology_files(), ids=lambda p: p.name)
def test_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_ontology_header(graph: Graph) -> None:
    ontology = URIRef(ONTOLOGY_IRI)
    assert (ontology, RDF.type, OWL.Ontology) in graph
    version = graph.value(ontology, OWL.versionInfo)
    assert version is not None
    # a dated version IRI: the day of the release, which dcterms:modified states
    modified = graph.value(ontology, DCTERMS.modified)
    assert modified is not None
    assert graph.value(ontology, OWL.versionIRI) == URIRef(f"{ONTOLOGY_IRI}/{modified}")
    assert graph.value(ontology, OWL.priorVersion) is not None
    for predicate in (
        DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created, DCTERMS.creator
    ):  # fmt: skip
        assert graph.value(ontology, predicate) is not None, predicate


def test_the_changelog_describes_this_version(graph: Graph) -> None:
    version = str(graph.value(URIRef(ONTOLOGY_IRI), OWL.versionInfo))
    changelog = (Path(__file__).resolve().parents[1] / "ontology" / "CHANGELOG.md").read_text()
    assert f"## {version} " in changelog


def test_every_concept_class_is_a_skos_concept(graph: Graph) -> None:
    """Theme, ServiceType, Polarity, NationalFrameworkElement and VisitTheme once were not,
    unlike Grade: a SKOS tool then saw their instances as two unrelated kinds of thing."""
    vocab = Graph()
    for path in sorted((Path(__file__).resolve().parents[1] / "ontology" / "vocab").glob("*.ttl")):
        vocab.parse(path, format="turtle")
    classes = {
        c
        for concept in vocab.subjects(RDF.type, SKOS.Concept)
        for c in vocab.objects(concept, RDF.type)
        if c != SKOS.Concept
    }
    assert len(classes) >= 10
    for cls in classes:
        assert (cls, RDFS.subClassOf, SKOS.Concept) in graph, cls


def test_a_judgement_is_not_a_string(graph: Graph) -> None:
    """Judgements from the statistics have no span; only report judgements carry offsets."""
    assert (IKG.Judgement, RDFS.subClassOf, NIF.String) not in graph


def test_namespace_has_terms() -> None:
    assert len(IKG_TERMS) > 40


@pytest.mark.parametrize("term", IKG_TERMS, ids=lambda t: t.removeprefix(str(IKG._NS)))
def test_ikg_term_declared(graph: Graph, term: URIRef) -> None:
    name = term.removeprefix(str(IKG._NS))
    kinds = set(graph.objects(term, RDF.type)) & {
        OWL.Class,
        OWL.ObjectProperty,
        OWL.DatatypeProperty,
    }
    if name[0].isupper():
        assert kinds == {OWL.Class}
    else:
        assert len(kinds) == 1, f"{name} must be exactly one of object or datatype property"
        assert graph.value(term, RDFS.domain) is not None
        assert graph.value(term, RDFS.range) is not None
    for predicate in (RDFS.label, SKOS.definition):
        value = graph.value(term, predicate)
        assert isinstance(value, Literal) and value.language == "en", predicate


def test_ontology_declares_no_term_the_code_lacks(graph: Graph) -> None:
    """namespaces.py and the ontology must not drift apart in either direction."""
    declared = {
        s
        for s in graph.subjects(RDF.type, None)
        if isinstance(s, URIRef) and s.startswith(str(IKG._NS))
    }
    assert declared == set(IKG_TERMS)


def test_reused_terms_are_stubs(graph: Graph) -> None:
    """Reused vocabularies are declared, not imported: no owl:imports, no other ontologies."""
    assert not list(graph.triples((None, OWL.imports, None)))
    assert set(graph.subjects(RDF.type, OWL.Ontology)) == {URIRef(ONTOLOGY_IRI)}


@pytest.mark.parametrize("scheme_name", sorted(EXPECTED_CONCEPTS))
def test_scheme(graph: Graph, scheme_name: str) -> None:
    scheme = uris.scheme(scheme_name)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert graph.value(scheme, DCTERMS.title) is not None
    in_scheme = set(graph.subjects(SKOS.inScheme, scheme))
    expected = {uris.concept(scheme_name, cid) for cid in EXPECTED_CONCEPTS[scheme_name]}
    assert in_scheme == expected
    for concept in expected:
        assert (concept, RDF.type, SKOS.Concept) in graph
        assert (concept, RDF.type, SCHEME_CLASS[scheme_name]) in graph
        for predicate in (SKOS.prefLabel, SKOS.definition):
            values = list(graph.objects(concept, predicate))
            assert len(values) == 1, f"{concept} needs one {predicate}"
            assert isinstance(values[0], Literal) and values[0].language == "en"
        # the notation is the concept id in every scheme: queries read ids from it
        assert graph.value(concept, SKOS.notation) == Literal(str(concept).rsplit("/", 1)[1])
        # a concept is either a top concept or hangs below one
        top = (concept, SKOS.topConceptOf, scheme) in graph
        assert top == ((scheme, SKOS.hasTopConcept, concept) in graph)
        assert top or graph.value(concept, SKOS.broader) in expected
        pref = graph.value(concept, SKOS.prefLabel)
        assert pref not in set(graph.objects(concept, SKOS.altLabel))


def test_grade_ranks_order_grades(graph: Graph) -> None:
    rank = {
        cid: graph.value(uris.concept("grade", cid), IKG.gradeRank)
        for cid in EXPECTED_CONCEPTS["grade"]
    }
    assert all(value.datatype == XSD.integer for value in rank.values())
    assert {cid: int(value) for cid, value in rank.items()} == {
        "outstanding": 1,
        "good": 2,
        "requires-improvement": 3,
        "adequate": 3,
        "inadequate": 4,
    }
    labels = set(graph.objects(uris.concept("grade", "requires-improvement"), SKOS.altLabel))
    assert Literal("Requires improvement to be good", lang="en") in labels


@pytest.mark.parametrize("area", sorted(EXPECTED_CONCEPTS["judgement-area"]))
def test_judgement_area_framework(graph: Graph, area: str) -> None:
    framework = graph.value(uris.concept("judgement-area", area), DCTERMS.isPartOf)
    prefixes = {"ilacs-2026-": "ilacs-2026", "ilacs-": "ilacs", "sif-": "sif", "lscb-": "sif"}
    prefixes["pre-sif-"] = "pre-sif"
    expected = next(fw for prefix, fw in prefixes.items() if area.startswith(prefix))
    assert framework == uris.concept("framework", expected)


def test_mappings_point_at_known_concepts(graph: Graph) -> None:
    known = {uris.concept(s, c) for s, ids in EXPECTED_CONCEPTS.items() for c in ids}
    mappings = (SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch)
    links = [(s, o) for p in (*mappings, SKOS.relatedMatch) for s, o in graph.subject_objects(p)]
    assert len(links) >= 10
    for subject, obj in links:
        assert subject in known and obj in known and subject != obj
    # SKOS: "A broadMatch B" means B is the broader one
    combined = uris.concept("judgement-area", "ilacs-children-in-care-and-care-leavers")
    for part in ("ilacs-children-in-care", "ilacs-care-leavers"):
        assert (uris.concept("judgement-area", part), SKOS.broadMatch, combined) in graph


def test_checks_found() -> None:
    assert CHECKS, f"no *-violation.rq under {CHECKS_DIR}"


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_check_passes(graph: Graph, check: Path) -> None:
    rows = list(graph.query(check.read_text(encoding="utf-8")))
    assert rows == [], f"{check.name} found violations: {rows}"


# A small graph that each check must flag, so a check that can never fire fails here.
VIOLATIONS: dict[str, str] = {
    "term-without-label": "ikg:Unlabelled a owl:Class ; skos:definition 'x'@en .",
    "term-without-definition": "ikg:undefined a owl:ObjectProperty ; rdfs:label 'x'@en .",
    "concept-without-scheme": "<urn:x:concept> a skos:Concept ; skos:prefLabel 'x'@en .",
    "reused-term-without-source": "<http://example.org/Thing> a owl:Class .",
}


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_check_finds_violation(name: str) -> None:
    check = CHECKS_DIR / f"{name}-violation.rq"
    bad = Graph().parse(
        data=(
            f"@prefix ikg: <{IKG._NS}> . @prefix owl: <{OWL}> . @prefix rdfs: <{RDFS}> .\n"
            f"@prefix skos: <{SKOS}> .\n{VIOLATIONS[name]}"
        ),
        format="turtle",
    )
    assert len(list(bad.query(check.read_text(encoding="utf-8")))) == 1
