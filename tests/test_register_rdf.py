"""The authority register graph: authorities, history, trusts, statistical neighbours.

Expected values are read by hand from the shipped CSVs (and ../shared/reference where
noted), never computed from the code under test.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.authorities import (
    CHANGES_PATH,
    TRUSTS_PATH,
    Register,
    load_register,
    read_changes,
    read_trusts,
)
from kg.rdf import uris
from kg.rdf.namespaces import IKG, ORG
from kg.rdf.register import DFE_2025, LOOKUP, NEIGHBOUR_SOURCES, register_graph
from kg.resources import DATA_DIR
from kg.sources.neighbours import NeighbourFileError, read_neighbours, resolve_neighbours
from kg.validate import graph_kind, validate_graph

PROJECT = Path(__file__).resolve().parents[1]
REFERENCE = PROJECT.parent / "shared" / "reference"
PREFIXES = """
PREFIX ikg: <https://w3id.org/inspection-kg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def la(code: str) -> URIRef:
    return uris.authority(code)


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register()


@pytest.fixture(scope="module")
def graph() -> Graph:
    iri, g = register_graph()
    assert iri == uris.register_graph() == g.identifier
    return g


# --- the whole graph ---------------------------------------------------------------


def test_register_graph_conforms(graph: Graph) -> None:
    assert graph_kind(str(uris.register_graph())) == "register"
    report = validate_graph(graph, kind="register")
    assert report.conforms, report.text
    assert report.results == [], report.text


def test_counts(graph: Graph) -> None:
    assert len(set(graph.subjects(RDF.type, IKG.LocalAuthority))) == 158
    assert len(set(graph.subjects(RDF.type, IKG.Reorganisation))) == 3
    assert len(set(graph.subjects(RDF.type, IKG.CodeChange))) == 7
    assert len(set(graph.subjects(RDF.type, IKG.ServiceTransfer))) == 10
    assert len(set(graph.subjects(RDF.type, ORG.ChangeEvent))) == 20
    assert len(set(graph.subjects(RDF.type, IKG.ChildrensTrust))) == 8
    relations = set(graph.subjects(RDF.type, IKG.NeighbourRelation))
    assert len(relations) == 2 * 153 * 10
    for source in NEIGHBOUR_SOURCES:
        assert len(set(graph.subjects(DCTERMS.source, source.dataset)) & relations) == 1530


def test_graph_is_deterministic(graph: Graph) -> None:
    _, again = register_graph()
    assert len(again) == len(graph)
    assert isomorphic(again, graph)
    assert set(again) == set(graph)  # no blank nodes: the very same triples


def test_authority_description(graph: Graph) -> None:
    hants = la("E10000014")
    assert graph.value(hants, RDFS.label) == Literal("Hampshire")
    assert graph.value(hants, IKG.gssCode) == Literal("E10000014")
    assert graph.value(hants, IKG.oldLaNumber) == Literal("850")
    assert graph.value(hants, IKG.ofstedUrn) == Literal("80472")
    assert graph.value(hants, IKG.ofstedRegion) == Literal("South East")
    assert graph.value(hants, IKG.onsRegion) == Literal("E12000008")
    assert graph.value(hants, IKG.authorityType) == Literal("County")
    assert set(graph.objects(hants, IKG.statisticalGeography)) == {
        URIRef("http://statistics.data.gov.uk/id/statistical-geography/E10000014")
    }
    assert (hants, DCTERMS.source, uris.dataset("inspection-kg authority register")) in graph


def test_register_sources_are_described(graph: Graph) -> None:
    register_iri = uris.dataset("inspection-kg authority register")
    assert set(graph.objects(register_iri, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")))
    assert {str(s) for s in graph.objects(register_iri, DCTERMS.source)} == {
        "kg/data/authorities.csv",
        "kg/data/authority-changes.csv",
        "kg/data/trusts.csv",
    }
    dfe = DFE_2025.dataset
    assert graph.value(dfe, DCTERMS.title) == Literal("DfE statistical neighbours 2025")
    publisher = graph.value(dfe, DCTERMS.publisher)
    assert graph.value(publisher, RDFS.label) == Literal("Department for Education")


# --- name variants -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "code", "label"),
    [
        ("Bristol", "E06000023", "Bristol, City of"),
        ("City of Bristol", "E06000023", "Bristol, City of"),
        ("County Durham", "E06000047", "Durham"),
        ("Redcar & Cleveland", "E06000003", "Redcar and Cleveland"),
        ("BCP", "E06000058", "Bournemouth, Christchurch and Poole"),
        ("Hull", "E06000010", "Kingston Upon Hull, City of"),
    ],
)
def test_name_variants_are_alt_labels(graph: Graph, variant: str, code: str, label: str) -> None:
    rows = list(graph.query(
        PREFIXES + "SELECT ?la ?label WHERE { ?la skos:altLabel ?v ; rdfs:label ?label }",
        initBindings={"v": Literal(variant)},
    ))  # fmt: skip
    assert [(row[0], str(row[1])) for row in rows] == [(la(code), label)]


def test_printed_names_resolve_through_the_register(register: Register, graph: Graph) -> None:
    for printed in ("Bristol, City of", "Bristol", "Durham", "County Durham"):
        entry = register.resolve(printed)
        assert entry is not None
        assert printed in {str(v) for v in graph.objects(la(entry.gss_code), SKOS.altLabel)} | {
            str(graph.value(la(entry.gss_code), RDFS.label))
        }


# --- history -----------------------------------------------------------------------


def _event_of(graph: Graph, original: str, kind: URIRef) -> URIRef:
    events = [e for e in graph.objects(la(original), ORG.changedBy) if (e, RDF.type, kind) in graph]
    assert len(events) == 1, events
    return events[0]


@pytest.mark.parametrize(
    ("original", "on", "originals", "results"),
    [
        ("E10000021", date(2021, 4, 1), {"E10000021"}, {"E06000061", "E06000062"}),
        ("E10000006", date(2023, 4, 1), {"E10000006"}, {"E06000063", "E06000064"}),
        ("E06000028", date(2019, 4, 1), {"E06000028", "E06000029", "E10000009"},
         {"E06000058", "E06000059"}),
    ],
)  # fmt: skip
def test_reorganisations(
    graph: Graph, original: str, on: date, originals: set[str], results: set[str]
) -> None:
    event = _event_of(graph, original, IKG.Reorganisation)
    assert (event, RDF.type, ORG.ChangeEvent) in graph
    assert graph.value(event, DCTERMS.date) == Literal(on.isoformat(), datatype=XSD.date)
    assert set(graph.objects(event, ORG.originalOrganization)) == {la(c) for c in originals}
    assert set(graph.objects(event, ORG.resultingOrganization)) == {la(c) for c in results}
    assert graph.value(event, RDFS.label) is not None
    for code in originals:
        assert (la(code), ORG.changedBy, event) in graph
    for code in results:
        assert (la(code), ORG.resultedFrom, event) in graph


def test_successors_replace_their_predecessors(graph: Graph) -> None:
    assert set(graph.objects(la("E06000058"), DCTERMS.replaces)) == {
        la("E06000028"), la("E06000029"), la("E10000009")
    }  # fmt: skip
    assert set(graph.objects(la("E06000059"), DCTERMS.replaces)) == {la("E10000009")}
    assert set(graph.objects(la("E06000062"), DCTERMS.replaces)) == {la("E10000021")}


@pytest.mark.parametrize(
    ("current", "former", "on"),
    [
        ("E08000038", "E08000016", date(2014, 4, 1)),  # Barnsley
        ("E08000039", "E08000019", date(2014, 4, 1)),  # Sheffield
        ("E08000037", "E08000020", date(2013, 4, 1)),  # Gateshead
        ("E06000065", "E10000023", date(2023, 4, 1)),  # North Yorkshire
    ],
)
def test_code_changes(graph: Graph, current: str, former: str, on: date) -> None:
    authority = la(current)
    event = _event_of(graph, current, IKG.CodeChange)
    assert graph.value(event, DCTERMS.date) == Literal(on.isoformat(), datatype=XSD.date)
    assert set(graph.objects(event, ORG.originalOrganization)) == {authority}
    assert set(graph.objects(event, ORG.resultingOrganization)) == {authority}
    assert (authority, ORG.resultedFrom, event) in graph
    assert former in str(graph.value(event, RDFS.label))
    assert graph.value(authority, IKG.formerGssCode) == Literal(former)
    assert set(graph.objects(authority, IKG.statisticalGeography)) == {
        uris.ons_geography(current), uris.ons_geography(former)
    }  # fmt: skip


def test_change_file_must_agree_with_register(register: Register, tmp_path: Path) -> None:
    text = CHANGES_PATH.read_text(encoding="utf-8")
    wrong_date = tmp_path / "changes.csv"
    wrong_date.write_text(text.replace("2021-04-01,reorganisation", "2021-05-01,reorganisation"))
    with pytest.raises(ValueError, match=r"changes\.csv, line 8: E10000021"):
        read_changes(wrong_date, register)
    missing = tmp_path / "missing.csv"
    missing.write_text("".join(line for line in text.splitlines(keepends=True)
                               if "E10000006" not in line))  # fmt: skip
    with pytest.raises(ValueError, match="abolition of E10000006 needs exactly one event"):
        read_changes(missing, register)


# --- children's trusts -------------------------------------------------------------

TRUSTS = {
    "Northamptonshire Children's Trust": {"E10000021", "E06000061", "E06000062"},
    "Achieving for Children": {"E09000021", "E09000027", "E06000040"},
    "Birmingham Children's Trust": {"E08000025"},
    "Bradford Children and Families Trust": {"E08000032"},
    "Doncaster Children's Services Trust": {"E08000017"},
    "Sandwell Children's Trust": {"E08000028"},
    "Slough Children First": {"E06000039"},
    "Together for Children": {"E08000024"},
}


def test_trusts_serve_their_authorities(graph: Graph) -> None:
    found = {
        str(graph.value(t, RDFS.label)): {
            str(graph.value(a, IKG.gssCode)) for a in graph.objects(t, IKG.servesAuthority)
        }
        for t in graph.subjects(RDF.type, IKG.ChildrensTrust)
    }
    assert found == TRUSTS
    slough = uris.trust("Slough Children First")
    assert Literal("Slough Children's Services Trust") in set(graph.objects(slough, SKOS.altLabel))
    assert (slough, RDF.type, ORG.Organization) in graph


@pytest.mark.parametrize(
    ("trust", "on", "originals", "results"),
    [
        ("Northamptonshire Children's Trust", "2020-11-01", {"E10000021"}, None),
        ("Achieving for Children", "2014-04-01", {"E09000021", "E09000027"}, None),
        ("Achieving for Children", "2017-08-01", {"E06000040"}, None),
        ("Bradford Children and Families Trust", "2023-04-01", {"E08000032"}, None),
        ("Doncaster Children's Services Trust", "2014-10-01", {"E08000017"}, None),
        ("Doncaster Children's Services Trust", "2022-09-01", None, {"E08000017"}),
    ],
)
def test_service_transfers(
    graph: Graph, trust: str, on: str, originals: set[str] | None, results: set[str] | None
) -> None:
    iri = uris.trust(trust)
    on_day = graph.subjects(DCTERMS.date, Literal(on, datatype=XSD.date))
    events = [
        e
        for e in on_day
        if (e, RDF.type, IKG.ServiceTransfer) in graph
        and iri in {*graph.objects(e, ORG.originalOrganization),
                    *graph.objects(e, ORG.resultingOrganization)}
    ]  # fmt: skip
    assert len(events) == 1
    before = set(graph.objects(events[0], ORG.originalOrganization))
    after = set(graph.objects(events[0], ORG.resultingOrganization))
    expected_before = {la(c) for c in originals} if originals else {iri}
    expected_after = {la(c) for c in results} if results else {iri}
    assert (before, after) == (expected_before, expected_after)


def test_no_transfer_for_authorities_born_with_their_trust(graph: Graph) -> None:
    """North and West Northamptonshire inherited the trust: nothing was transferred."""
    for code in ("E06000061", "E06000062"):
        assert not [
            e for e in graph.objects(la(code), ORG.changedBy)
            if (e, RDF.type, IKG.ServiceTransfer) in graph
        ]  # fmt: skip


def test_trust_rows_must_lie_within_the_authority_life(register: Register, tmp_path: Path) -> None:
    bad = tmp_path / "trusts.csv"
    text = TRUSTS_PATH.read_text(encoding="utf-8")
    bad.write_text(text.replace("E06000061,2021-04-01", "E06000061,2020-11-01"))
    with pytest.raises(ValueError, match=r"trusts\.csv, line 3: .*North Northamptonshire"):
        read_trusts(bad, register)


# --- statistical neighbours --------------------------------------------------------

# Hampshire (850) in dfe-statistical-neighbours-2025.csv, read by hand; LA numbers mapped
# with la-lookup.csv: 865 Wiltshire, 802 North Somerset, 916 Gloucestershire, ...
HAMPSHIRE_DFE = [
    (1, "E06000054", "Wiltshire", "Extremely close"),
    (2, "E06000024", "North Somerset", "Very close"),
    (3, "E10000013", "Gloucestershire", "Very close"),
    (4, "E10000032", "West Sussex", "Very close"),
    (5, "E06000037", "West Berkshire", "Very close"),
    (6, "E06000036", "Bracknell Forest", "Very close"),
    (7, "E06000025", "South Gloucestershire", "Very close"),
    (8, "E10000031", "Warwickshire", "Very close"),
    (9, "E10000025", "Oxfordshire", "Very close"),
    (10, "E10000018", "Leicestershire", "Very close"),
]

NEIGHBOURS_QUERY = f"""{PREFIXES}
SELECT ?rank ?code ?name ?closeness
WHERE {{
    ?authority ikg:gssCode ?own ; ikg:hasNeighbour ?entry .
    ?entry dcterms:source ?source ; ikg:neighbourRank ?rank ; ikg:neighbour ?neighbour .
    ?neighbour ikg:gssCode ?code ; rdfs:label ?name .
    OPTIONAL {{ ?entry ikg:closeness ?closeness }}
}}
ORDER BY ?rank
"""


def _neighbours(graph: Graph, code: str, source: URIRef) -> list[tuple[object, ...]]:
    bindings = {"own": Literal(code), "source": source}
    return [
        (int(r[0]), str(r[1]), str(r[2]), None if r[3] is None else str(r[3]))
        for r in graph.query(NEIGHBOURS_QUERY, initBindings=bindings)
    ]


def test_hampshire_dfe_neighbours(graph: Graph) -> None:
    assert _neighbours(graph, "E10000014", DFE_2025.dataset) == HAMPSHIRE_DFE


def test_hampshire_lookup_neighbours_agree_without_closeness(graph: Graph) -> None:
    expected = [(rank, code, name, None) for rank, code, name, _ in HAMPSHIRE_DFE]
    assert _neighbours(graph, "E10000014", LOOKUP.dataset) == expected


def test_query_follows_neighbours_backwards(graph: Graph) -> None:
    """Who counts Hampshire among their DfE neighbours (grep of the CSV for 850)?"""
    query = f"""{PREFIXES}
        SELECT ?name ?rank ?closeness WHERE {{
            ?hants ikg:gssCode "E10000014" .
            ?entry ikg:neighbour ?hants ; dcterms:source ?source ;
                   ikg:neighbourRank ?rank ; ikg:closeness ?closeness .
            ?other ikg:hasNeighbour ?entry ; rdfs:label ?name .
        }}"""
    rows = {(str(n), int(r), str(c)) for n, r, c in graph.query(
        query, initBindings={"source": DFE_2025.dataset})}  # fmt: skip
    assert len(rows) == 20
    assert ("Isles of Scilly", 5, "Not close") in rows
    assert ("Wiltshire", 1, "Extremely close") in rows
    assert ("Bromley", 7, "Close") in rows  # 'Close ' in the file: trailing space dropped


def test_query_follows_neighbours_into_history(graph: Graph) -> None:
    """West Northamptonshire's DfE neighbours that resulted from a reorganisation."""
    query = f"""{PREFIXES}
        SELECT ?name ?date WHERE {{
            ?west ikg:gssCode "E06000062" ; ikg:hasNeighbour ?entry .
            ?entry dcterms:source ?source ; ikg:neighbour ?n .
            ?n rdfs:label ?name ; org:resultedFrom ?event .
            ?event a ikg:Reorganisation ; dcterms:date ?date .
        }}"""
    rows = {(str(n), str(d)) for n, d in graph.query(
        query, initBindings={"source": DFE_2025.dataset})}  # fmt: skip
    assert rows == {("North Northamptonshire", "2021-04-01")}


def test_every_neighbour_code_maps(register: Register) -> None:
    for source in NEIGHBOUR_SOURCES:
        table = read_neighbours(DATA_DIR / source.file)
        resolved = resolve_neighbours(table, register)
        assert resolved.unmapped == ()
        assert len(table.rows) == 153 and len(resolved.links) == 1530
        assert table.has_closeness == (source is DFE_2025)


# --- the neighbours reader ---------------------------------------------------------

HEADER = "old_la_code,la_name,region_ind,region_name," + ",".join(
    f"SN_{k},SN_{k}P" for k in range(1, 11)
)
HAMPSHIRE_ROW = "850,Hampshire,6,South East," + ",".join(
    f"{n},Very close" for n in (865, 802, 916, 938, 869, 867, 803, 937, 931, 855)
)


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "neighbours.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_header_is_found_by_name_below_a_title(tmp_path: Path) -> None:
    header = HEADER.replace("old_la_code", "Old LA code").replace("SN_1P", "sn_1p ")
    path = _write(tmp_path, "Statistical neighbours 2025", "", header, HAMPSHIRE_ROW)
    table = read_neighbours(path)
    assert [r.la_number for r in table.rows] == ["850"]
    row = table.rows[0]
    assert (row.line, row.la_name, len(row.neighbours)) == (4, "Hampshire", 10)
    assert row.neighbours[0].la_number == "865" and row.neighbours[0].closeness == "Very close"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (HAMPSHIRE_ROW.replace("850,", "85,", 1), "line 2: LA number '85' is not 3 digits"),
        (HAMPSHIRE_ROW.replace("865,Very close", ",Very close"), "line 2: neighbour SN_1 of 850"),
        (HAMPSHIRE_ROW.replace("865,Very close", "865,"), r"line 2: .*no closeness \(SN_1P\)"),
        (HAMPSHIRE_ROW.replace("865,", "850,"), "line 2: 850 is listed as its own neighbour"),
        (HAMPSHIRE_ROW.replace("865,", "802,"), "line 2: 802 listed twice"),
    ],
)
def test_malformed_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = _write(tmp_path, HEADER, row)
    with pytest.raises(NeighbourFileError, match=re.escape(str(path)) + ", " + message):
        read_neighbours(path)


def test_second_list_and_missing_header_are_refused(tmp_path: Path) -> None:
    with pytest.raises(NeighbourFileError, match="line 3: a second list for 850"):
        read_neighbours(_write(tmp_path, HEADER, HAMPSHIRE_ROW, HAMPSHIRE_ROW))
    with pytest.raises(NeighbourFileError, match="no header row"):
        read_neighbours(_write(tmp_path, "a,b,c", "1,2,3"))


def test_unknown_codes_are_listed_not_guessed(register: Register, tmp_path: Path) -> None:
    table = read_neighbours(_write(tmp_path, HEADER, HAMPSHIRE_ROW.replace("855,", "999,")))
    resolved = resolve_neighbours(table, register)
    assert [(u.la_number, u.line, u.role) for u in resolved.unmapped] == [
        ("999", 2, "neighbour SN_10")
    ]
    assert len(resolved.links) == 9


def test_row_name_must_match_its_code(register: Register, tmp_path: Path) -> None:
    table = read_neighbours(_write(tmp_path, HEADER, HAMPSHIRE_ROW.replace("Hampshire", "Kent")))
    with pytest.raises(NeighbourFileError, match="line 2: LA number 850 is Hampshire"):
        resolve_neighbours(table, register)


# --- shipped copies ----------------------------------------------------------------


@pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"{REFERENCE} absent (no ../shared checkout)")
def test_shipped_neighbour_files_match_the_reference(tmp_path: Path) -> None:
    shipped = (DATA_DIR / DFE_2025.file).read_bytes()
    assert shipped == (REFERENCE / "dfe-statistical-neighbours-2025.csv").read_bytes()
    subprocess.run(
        [sys.executable, str(PROJECT / "scripts" / "build_register.py"),
         str(REFERENCE / "la-lookup.csv"), "--out", str(tmp_path / "authorities.csv"),
         "--neighbours-out", str(tmp_path / "lookup.csv")],
        check=True, capture_output=True,
    )  # fmt: skip
    assert (tmp_path / "lookup.csv").read_bytes() == (DATA_DIR / LOOKUP.file).read_bytes()


# --- IRIs --------------------------------------------------------------------------


def test_register_iris() -> None:
    base = "https://w3id.org/inspection-kg/"
    assert str(uris.register_graph()) == base + "graph/register"
    assert str(uris.change_event(date(2021, 4, 1), "Reorganisation E10000021")) == (
        base + "id/change/2021-04-01/reorganisation-e10000021"
    )
    assert str(uris.neighbour_relation("E10000014", "dfe-2025", 3)) == (
        base + "id/authority/E10000014/neighbour/dfe-2025/3"
    )
    assert str(uris.trust("Achieving for Children")) == base + "id/trust/achieving-for-children"
