"""The theme, service-type and National Framework vocabularies and the phrase matchers built
from them (kg/evidence/lexicon.py): the schemes are well formed, labels match as phrases
(plural, hyphen, apostrophe and acronym rules, longest first), and printed National
Framework tags resolve to concepts."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from kg.evidence.lexicon import PhraseMatcher, load_lexicon, phrase_key
from kg.rdf.namespaces import IKG
from kg.resources import vocab_dir

BASE = "https://w3id.org/inspection-kg/vocab/"
SCHEMES = {
    "theme": ("themes.ttl", IKG.Theme),
    "service-type": ("service-types.ttl", IKG.ServiceType),
    "national-framework": ("national-framework.ttl", IKG.NationalFrameworkElement),
}


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


@pytest.fixture(scope="module", params=sorted(SCHEMES))
def scheme(request) -> tuple[str, Graph, URIRef]:
    filename, cls = SCHEMES[request.param]
    graph = Graph().parse(vocab_dir() / filename, format="turtle")
    return request.param, graph, cls


def _en(graph: Graph, subject: URIRef, predicate: URIRef) -> list[Literal]:
    return [v for v in graph.objects(subject, predicate) if isinstance(v, Literal)]


def test_scheme_is_well_formed(scheme: tuple[str, Graph, URIRef]) -> None:
    name, graph, cls = scheme
    scheme_iri = URIRef(BASE + name)
    assert (scheme_iri, RDF.type, SKOS.ConceptScheme) in graph
    for predicate in (SKOS.prefLabel, SKOS.definition):
        assert _en(graph, scheme_iri, predicate)
    concepts = set(graph.subjects(SKOS.inScheme, scheme_iri))
    assert concepts == set(graph.subjects(RDF.type, SKOS.Concept))
    for concept in concepts:
        assert str(concept).startswith(f"{scheme_iri}/")
        assert (concept, RDF.type, cls) in graph
        for predicate in (SKOS.prefLabel, SKOS.definition):
            values = _en(graph, concept, predicate)
            assert len(values) == 1 and values[0].language == "en", (concept, predicate)
        assert graph.value(concept, SKOS.notation) == Literal(str(concept).rsplit("/", 1)[1])
        top = (concept, SKOS.topConceptOf, scheme_iri) in graph
        assert top == ((scheme_iri, SKOS.hasTopConcept, concept) in graph)
        assert top or graph.value(concept, SKOS.broader) in concepts
        pref = graph.value(concept, SKOS.prefLabel)
        alts = _en(graph, concept, SKOS.altLabel) + _en(graph, concept, SKOS.hiddenLabel)
        assert pref not in alts
        assert all(label.language == "en" for label in alts)


def test_labels_are_unambiguous(lexicon) -> None:
    """Within a scheme, no two concepts share a label once case and plurals are folded."""
    for concepts in (lexicon.theme_concepts, lexicon.service_type_concepts):
        owner: dict[str, str] = {}
        for concept in concepts.values():
            for label in concept.labels:
                key = phrase_key(label)
                assert owner.setdefault(key, concept.id) == concept.id, label


def test_scheme_sizes(lexicon) -> None:
    assert 25 <= len(lexicon.theme_concepts) <= 45
    assert len(lexicon.service_type_concepts) >= 30
    assert set(lexicon.framework_concepts) == {
        "outcome-1",
        "outcome-2",
        "outcome-3",
        "outcome-4",
        "enabler-1",
        "enabler-2",
        "enabler-3",
    }


def test_brief_themes_and_services_exist(lexicon) -> None:
    themes = set(lexicon.theme_concepts)
    assert {
        "missing-children",
        "management-oversight",
        "assessment",
        "planning",
        "timeliness",
        "placement-sufficiency",
        "placement-stability",
        "health",
        "care-leavers-accommodation",
        "participation",
        "workforce",
        "quality-assurance",
        "corporate-parenting",
        "partnership-working",
        "exploitation",
        "private-fostering",
        "homelessness-16-17",
        "pre-proceedings",
        "early-help",
        "front-door",
        "disabled-children",
        "education-of-children-in-care",
    } <= themes
    services = set(lexicon.service_type_concepts)
    assert {
        "mash",
        "early-help-service",
        "virtual-school",
        "virtual-college",
        "exploitation-team",
        "iro-service",
        "fostering-service",
        "adoption-service",
        "regional-adoption-agency",
        "leaving-care-service",
        "childrens-home",
        "return-home-interview-service",
        "emergency-duty-team",
        "corporate-parenting-board",
        "edge-of-care",
        "disabled-childrens-team",
    } <= services


def test_lexicon_is_loaded_once(lexicon) -> None:
    assert load_lexicon() is lexicon


# Matching rules -------------------------------------------------------------------------


def _spans(matcher: PhraseMatcher, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[a:b], ids) for a, b, ids in matcher.finditer(text)]


@pytest.fixture(scope="module")
def toy() -> PhraseMatcher:
    return PhraseMatcher(
        {
            "edge of care service": ["edge"],
            "children's home": ["home"],
            "MASH": ["mash"],
            "personal advisers": ["pa"],
            "regional adoption agency": ["raa"],
            "missing": ["missing"],
            "missing from education": ["cme"],
            "care": ["care"],
            "care leavers' hub": ["hub"],
        }
    )


@pytest.mark.parametrize(
    ("text", "surface", "cid"),
    [
        ("the edge-of-care services", "edge-of-care services", "edge"),
        ("the Edge of Care Service", "Edge of Care Service", "edge"),
        ("our childrens homes", "childrens homes", "home"),
        ("the children’s home", "children’s home", "home"),
        ("their personal adviser.", "personal adviser", "pa"),
        ("personal advisers'", "personal advisers'", "pa"),
        ("two regional adoption agencies", "regional adoption agencies", "raa"),
        ("the MASH's decisions", "MASH's", "mash"),
        ("the care leavers hub", "care leavers hub", "hub"),
    ],
)
def test_plural_hyphen_apostrophe(toy: PhraseMatcher, text: str, surface: str, cid: str) -> None:
    assert (surface, (cid,)) in _spans(toy, text)


def test_acronyms_match_as_printed(toy: PhraseMatcher) -> None:
    assert _spans(toy, "referred to the MASH") == [("MASH", ("mash",))]
    assert _spans(toy, "mash potatoes; the Mash") == []
    assert _spans(toy, "MASHED") == []


def test_longest_label_wins(toy: PhraseMatcher) -> None:
    assert _spans(toy, "children missing from education") == [("missing from education", ("cme",))]
    assert _spans(toy, "children missing from home") == [("missing", ("missing",))]


def test_word_boundaries(toy: PhraseMatcher) -> None:
    assert _spans(toy, "careful carers scare") == []
    assert _spans(toy, "in care.") == [("care", ("care",))]


def test_phrase_key_folds_what_the_matcher_tolerates() -> None:
    assert phrase_key("Independent Reviewing Officers") == phrase_key(
        "independent reviewing officer"
    )
    assert phrase_key("multi-agency safeguarding hub") == phrase_key(
        "multiagency safeguarding hubs"
    )
    assert phrase_key("children's homes") == phrase_key("childrens home")
    assert phrase_key("regional adoption agencies") == phrase_key("regional adoption agency")
    assert phrase_key("care & support") == phrase_key("care and support")


# Themes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Not all children who go missing are offered return home interviews.", "missing-children"),
        ("Children missing from education are tracked.", "children-missing-education"),
        (
            "The corporate parenting board scrutinises care leavers' outcomes.",
            "corporate-parenting",
        ),
        ("Management oversight and supervision are not always recorded.", "management-oversight"),
        ("The response to homeless 16- and 17-year-olds.", "homelessness-16-17"),
        ("The pre-proceedings stage of the Public Law Outline (PLO).", "pre-proceedings"),
        ("Children at risk of criminal exploitation and county lines.", "exploitation"),
        ("The quality of pathway plans for care leavers.", "care-leavers-support"),
        ("Children's initial health assessments are not timely.", "health"),
        ("Placement stability has improved.", "placement-stability"),
        ("Private fostering arrangements are not always identified.", "private-fostering"),
        ("Caseloads are high and agency staff turnover is a challenge.", "workforce"),
        ("Audits are not sufficiently rigorous.", "quality-assurance"),
        (
            "The virtual school tracks the attainment of children in care.",
            "education-of-children-in-care",
        ),
        ("Care leavers live in suitable accommodation.", "care-leavers-accommodation"),
    ],
)
def test_themes(lexicon, text: str, expected: str) -> None:
    assert expected in lexicon.themes(text)


def test_themes_are_sorted_and_unique(lexicon) -> None:
    themes = lexicon.themes("Audits and audit; more audits of supervision and timeliness.")
    assert themes == sorted(set(themes))
    assert themes == ["management-oversight", "quality-assurance", "timeliness"]


def test_theme_avoids_the_shorter_reading(lexicon) -> None:
    assert "missing-children" not in lexicon.themes("children who are missing from education")
    assert lexicon.themes("The weather was fine.") == []


# National Framework -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("outcome 3, national framework", ["outcome-3"]),
        ("Outcome 4, national framework", ["outcome-4"]),
        ("Outcome four, National Framework", ["outcome-4"]),
        ("Outcome Three, National Framework", ["outcome-3"]),
        ("outcome 1: national framework", ["outcome-1"]),
        ("Outcome two, National Framework", ["outcome-2"]),
        ("Enabler two, National Framework", ["enabler-2"]),
        ("enabler 3, national framework", ["enabler-3"]),
        (
            "enabler: leaders drive conditions for effective practice, national framework",
            ["enabler-2"],
        ),
        ("enabler: the workforce is equipped and effective, national framework", ["enabler-3"]),
        ("enabler 2, leaders drive conditions for effective practice", ["enabler-2"]),
        ("Children in care and care leavers have stable, loving homes", ["outcome-4"]),
        ("Children and young people are safe in and outside of their homes", ["outcome-3"]),
        ("principle 2, national framework", []),
        ("Outcome 7", []),
        ("", []),
    ],
)
def test_national_framework_tags(lexicon, tag: str, expected: list[str]) -> None:
    assert lexicon.national_framework(tag) == expected


def test_national_framework_notations(lexicon) -> None:
    concepts = lexicon.framework_concepts
    assert all(concept.notation == cid for cid, concept in concepts.items())
    assert "Outcome 1" in concepts["outcome-1"].labels
    assert concepts["enabler-2"].pref_label == "Leaders drive conditions for effective practice"
