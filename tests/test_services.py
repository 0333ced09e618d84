"""Service mentions (kg/evidence/services.py through the lexicon): generic service types,
services known by a local name, acronyms introduced in brackets, 'the board', the false
positives to avoid, and the Hampshire 2019 gold standard."""

from __future__ import annotations

import pytest
from conftest import HAMPSHIRE_PDF

from kg.evidence.lexicon import KnownService, load_lexicon

# Gold service names (tests/../shared/corpus/gold, key service_mentions) -> service type.
GOLD_TYPES = {
    "multi-agency safeguarding hub (MASH)": {"mash"},
    "early help services / early help hubs": {"early-help-service"},
    "return home interview service": {"return-home-interview-service"},
    "Willow team (exploitation team)": {"exploitation-team"},
    "virtual school": {"virtual-school"},
    "virtual college": {"virtual-college"},
    "independent reviewing officers (IROs)": {"iro-service"},
    "children's homes": {"childrens-home"},
    "personal advisers (PAs) for care leavers": {"leaving-care-service"},
    "corporate parenting board": {"corporate-parenting-board"},
    "children's assessment and safeguarding teams (CAST)": {"assessment-team"},
    "in-house social work agency": {"social-work-agency"},
}


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon()


def found(lexicon, text: str, **kwargs) -> list[tuple[str, str | None, str | None]]:
    return [(m.surface, m.service_type, m.local_name) for m in lexicon.services(text, **kwargs)]


# Generic service types -------------------------------------------------------------------


def test_generic_services(lexicon) -> None:
    text = (
        "Children are referred to the multi-agency safeguarding hub (MASH). Independent "
        "reviewing officers (IROs) and PAs know children well; the emergency duty team "
        "responds out of hours and the Regional Adoption Agency matches children."
    )
    assert found(lexicon, text) == [
        ("multi-agency safeguarding hub (MASH)", "mash", None),
        ("Independent reviewing officers (IROs)", "iro-service", None),
        ("PAs", "leaving-care-service", None),
        ("emergency duty team", "emergency-duty-team", None),
        ("Regional Adoption Agency", "regional-adoption-agency", None),
    ]


def test_offsets_point_into_the_text(lexicon) -> None:
    text = "Strong work in the MASH and by the edge-of-care team."
    for match in lexicon.services(text):
        assert text[match.start : match.end] == match.surface


@pytest.mark.parametrize(
    "text",
    [
        "Children live with carers from independent fostering agencies.",
        "A few children live in unregistered children's homes.",
        "Some children are placed in other local authorities' children's homes.",
        "the inspection of safeguarding and looked after children services in 2012",
    ],
)
def test_someone_elses_service_is_not_a_mention(lexicon, text: str) -> None:
    assert found(lexicon, text) == []


# Local names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The multi-disciplinary 'Willow' team reduces the risk of exploitation.",
        "Young people at risk of exploitation are helped by the Willow team.",
        "Young people at risk of exploitation are helped by the Willow Team.",
        "Young people at risk of exploitation are helped by Hampshire's Willow team.",
    ],
)
def test_willow_is_a_local_exploitation_team(lexicon, text: str) -> None:
    (match,) = lexicon.services(text)
    assert (match.local_name, match.service_type, match.kind) == (
        "Willow",
        "exploitation-team",
        "local",
    )
    assert "Willow" in match.surface and match.surface.lower().endswith("team")


def test_type_from_the_sentence_before(lexicon) -> None:
    text = (
        "The partnership response to young people at risk of exploitation is effective. "
        "The 'Willow' team is a valuable service, offering a wide range of interventions."
    )
    (match,) = lexicon.services(text)
    assert (match.local_name, match.service_type) == ("Willow", "exploitation-team")


def test_quoted_names(lexicon) -> None:
    assert found(lexicon, "Care leavers value the 'Pathways' service.") == [
        ("the 'Pathways' service", "leaving-care-service", "Pathways")
    ]
    # a quoted generic name is the generic service, not a local one
    assert found(lexicon, "Contacts go to the 'front door' service.") == [
        ("front door'", "front-door", None)
    ]


def test_untyped_local_name(lexicon) -> None:
    assert found(lexicon, "Families are supported by the Phoenix project.") == [
        ("the Phoenix project", None, "Phoenix")
    ]


def test_type_from_a_label_inside_the_name(lexicon) -> None:
    (match,) = lexicon.services("the Barnardo's Against Sexual Exploitation Team works well")
    assert match.service_type == "exploitation-team"
    assert match.local_name == "Barnardo's Against Sexual Exploitation"


@pytest.mark.parametrize(
    "text",
    [
        "Hampshire County Council has invested in children's services.",
        "Hampshire Children's Services demonstrates a strong commitment to learning.",
        "The Director of Children's Services and the Principal Social Worker lead practice.",
        "Ofsted inspected the service. The team is stable. Teams are well led.",
        "The police and health services attend strategy meetings.",
        "In June Team meetings were held; The Service has improved.",
        "The Disclosure and Barring Service checks are completed.",
        "the Child and Adolescent Mental Health 'Enhanced Outreach Team' helps children",
        "Adoption team members are skilled. Social workers in the team are positive.",
    ],
)
def test_false_positives(lexicon, text: str) -> None:
    assert [m for m in found(lexicon, text) if m[2] is not None] == []
    assert all(m[1] is not None for m in found(lexicon, text))


# Acronyms introduced in brackets ---------------------------------------------------------


def test_bracketed_acronym_in_one_passage(lexicon) -> None:
    text = (
        "Young people are supported by the Adolescent Safeguarding Team (AST). The AST "
        "works closely with schools, and AST's workers are skilled."
    )
    matches = lexicon.services(text)
    assert [(m.surface, m.kind) for m in matches] == [
        ("Adolescent Safeguarding Team (AST)", "acronym"),
        ("AST", "known"),
        ("AST's", "known"),
    ]
    assert {(m.service_type, m.local_name) for m in matches} == {
        ("exploitation-team", "Adolescent Safeguarding Team")
    }


def test_known_acronyms_across_passages(lexicon) -> None:
    passages = [
        "Leaders created the Adolescent Safeguarding Team (AST) in 2017.",
        "Social workers in the AST are experienced.",
        "The Family Learning Team is new.",
    ]
    known = lexicon.collect_known(passages)
    assert known["AST"] == KnownService("exploitation-team", "Adolescent Safeguarding Team")
    (match,) = lexicon.services(passages[1], known=known)
    assert (match.surface, match.local_name, match.kind) == (
        "AST",
        "Adolescent Safeguarding Team",
        "known",
    )
    # without what the report knows, a bare acronym is nothing
    assert lexicon.services(passages[1]) == []
    assert lexicon.services_in_passages(passages)[1] == [match]


def test_acronym_of_a_generic_service(lexicon) -> None:
    passages = ["The Children's Advice and Duty Service (CADS) is effective.", "CADS is busy."]
    first, second = lexicon.services_in_passages(passages)
    assert [(m.service_type, m.local_name) for m in first + second] == [
        ("front-door", None),
        ("front-door", None),
    ]


def test_acronyms_that_name_no_service(lexicon) -> None:
    text = (
        "The Director of Children's Services (DCS) and the Children and Family Court Advisory "
        "and Support Service (Cafcass) attend; the Public Law Outline (PLO) is used."
    )
    assert lexicon.collect_known([text]) == {}
    assert found(lexicon, text) == []


# 'the board' -----------------------------------------------------------------------------


def test_the_board_refers_to_the_board_named_before(lexicon) -> None:
    passages = [
        "The corporate parenting board is energetic. The board's work is strong.",
        "The board has not extended its membership.",
        "The Local Family Justice Board meets. The board reviews court work.",
    ]
    first, second, third = lexicon.services_in_passages(passages)
    assert [m.service_type for m in first] == ["corporate-parenting-board"] * 2
    assert [(m.surface, m.service_type, m.kind) for m in second] == [
        ("The board", "corporate-parenting-board", "anaphora")
    ]
    assert third == []  # 'the board' is now the family justice board, not a service


def test_the_board_without_antecedent(lexicon) -> None:
    assert lexicon.services_in_passages(["The board meets monthly."]) == [[]]


# Hampshire 2019 gold ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def hampshire():
    from kg.pipeline import extract_file

    (report,) = extract_file(HAMPSHIRE_PDF)
    return report


@pytest.fixture(scope="module")
def hampshire_mentions(lexicon, hampshire):
    texts = [p.text for p in hampshire.paragraphs]
    numbers = [p.n for p in hampshire.paragraphs]
    return {n: ms for n, ms in zip(numbers, lexicon.services_in_passages(texts), strict=True)}


def test_hampshire_gold_services(gold: dict, hampshire_mentions) -> None:
    for name, entry in gold["service_mentions"].items():
        if name == "note":
            continue
        paragraphs = entry["paragraphs"] if isinstance(entry, dict) else entry
        types = GOLD_TYPES[name]
        where = {
            n for n, ms in hampshire_mentions.items() if any(m.service_type in types for m in ms)
        }
        assert set(paragraphs) <= where, (name, sorted(set(paragraphs) - where))


def test_hampshire_willow(gold: dict, hampshire_mentions) -> None:
    willow = gold["service_mentions"]["Willow team (exploitation team)"]
    assert willow["local_name"] == "Willow"
    (match,) = [m for m in hampshire_mentions[11] if m.local_name]
    assert (match.local_name, match.service_type) == ("Willow", "exploitation-team")


def test_hampshire_no_stray_local_names(hampshire_mentions) -> None:
    local = {m.local_name for ms in hampshire_mentions.values() for m in ms if m.local_name}
    assert local == {"Willow", "children's assessment and safeguarding teams"}


def test_hampshire_recommendation_themes(lexicon, gold: dict, hampshire) -> None:
    expected = {1: "missing-children", 2: "corporate-parenting"}
    for item in gold["what_needs_to_improve"]:
        (rec,) = [r for r in hampshire.recommendations if r.n == item["n"]]
        assert rec.text.startswith(item["starts"])
        assert expected[item["n"]] in lexicon.themes(rec.text)
    assert "missing-children" in lexicon.themes(hampshire.paragraphs[9].text)  # evidence: 10
