"""The authority register as one named graph: authorities, their history, the children's
trusts that deliver services for them, and their statistical neighbours.

Report and statistics graphs name an authority by IRI and a label only; everything else
anyone may want to join on (old LA number, Ofsted URN, former GSS codes, regions, name
variants, ONS geography) lives here once, so a query can go from any identifier a source
prints to the authority, and from the authority to its predecessors, successors,
neighbours and trust.

History uses W3C ORG change events, subclassed so a query can ask for one kind:

    id:change/2021-04-01/reorganisation-e10000021 a org:ChangeEvent , ikg:Reorganisation ;
        rdfs:label "Northamptonshire County Council replaced by ..." ;
        dcterms:date "2021-04-01"^^xsd:date ;
        org:originalOrganization id:authority/E10000021 ;
        org:resultingOrganization id:authority/E06000061 , id:authority/E06000062 .
    id:authority/E10000021 org:changedBy id:change/2021-04-01/reorganisation-e10000021 .
    id:authority/E06000061 org:resultedFrom id:change/2021-04-01/reorganisation-e10000021 ;
        dcterms:replaces id:authority/E10000021 .

A code change (ikg:CodeChange) has the continuing authority on both sides; a transfer of
children's social care to a trust, or back (ikg:ServiceTransfer), has the organisation
that delivered before as original and the one delivering after as result.

A neighbour list entry is an ikg:NeighbourRelation per (authority, list, rank), whose
dcterms:source is the dataset the list comes from, so the two lists we hold (DfE's 2025
model with closeness bands, and the LA lookup's copy without) stay apart even where they
agree. Every input is shipped in ``kg/data`` and the graph is a function of those files:
building it twice gives the same triples.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.authorities import (
    CHANGES_PATH,
    REGISTER_PATH,
    TRUSTS_PATH,
    AuthorityChange,
    Register,
    RegisterEntry,
    TrustService,
    load_register,
    name_keys,
    normalise,
    read_changes,
    read_trusts,
)
from kg.rdf import uris
from kg.rdf.namespaces import IKG, ORG, bind_prefixes
from kg.resources import DATA_DIR
from kg.sources.model import OGL_V3
from kg.sources.neighbours import read_neighbours, resolve_neighbours

MIT = "https://opensource.org/licenses/MIT"
REGISTER_TITLE = "inspection-kg authority register"


class RegisterError(ValueError):
    """The shipped register data cannot be turned into a complete, consistent graph."""


@dataclass(frozen=True)
class NeighbourSource:
    """One list of statistical neighbours: its key in relation IRIs and its dataset."""

    key: str
    title: str
    file: str
    publisher: str
    licence: str
    description: str

    @property
    def dataset(self) -> URIRef:
        return uris.dataset(self.title)


LOOKUP = NeighbourSource(
    key="la-lookup",
    title="LA lookup",
    file="lookup-neighbours.csv",
    publisher="Data to Insight",
    licence=MIT,
    description="Local authority lookup compiled by Data to Insight from DfE and ONS data: "
    "Ofsted URN, old LA number, GSS code, region and its own copy of each authority's "
    "statistical neighbours (stat_neighbours), without closeness bands.",
)
DFE_2025 = NeighbourSource(
    key="dfe-2025",
    title="DfE statistical neighbours 2025",
    file="statistical-neighbours-2025.csv",
    publisher="Department for Education",
    licence=OGL_V3,
    description="DfE statistical neighbour model 2025: for each authority the ten most "
    "similar authorities, closest first, each with a closeness band.",
)
NEIGHBOUR_SOURCES = (DFE_2025, LOOKUP)


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _authority(code: str, reg: Register) -> URIRef:
    """IRI of the authority holding ``code`` now or formerly (by its own, latest code)."""
    entry = reg.by_gss(code)
    if entry is None:
        raise RegisterError(f"GSS code {code} is not in the authority register")
    return uris.authority(entry.gss_code)


def _names(entries: list[RegisterEntry]) -> str:
    names = [e.name for e in entries]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _describe_sources(g: Graph, register_iri: URIRef) -> None:
    """The register dataset and the datasets it is derived from (title, publisher, licence)."""
    g.add((register_iri, RDF.type, DCAT.Dataset))
    g.add((register_iri, RDF.type, PROV.Entity))
    g.add((register_iri, DCTERMS.title, Literal(REGISTER_TITLE)))
    g.add((register_iri, DCTERMS.description, Literal(
        "Every English local authority with children's services responsibilities since "
        "2013: codes, names, regions, reorganisations and code changes (ONS Code History "
        "Database and the structural changes orders), children's trusts, and statistical "
        "neighbours."
    )))  # fmt: skip
    for path in (REGISTER_PATH, CHANGES_PATH, TRUSTS_PATH):
        g.add((register_iri, DCTERMS.source, Literal(f"kg/data/{path.name}")))
    for source in (LOOKUP, DFE_2025):
        publisher = uris.organisation(source.publisher)
        g.add((register_iri, PROV.wasDerivedFrom, source.dataset))
        g.add((source.dataset, RDF.type, DCAT.Dataset))
        g.add((source.dataset, RDF.type, PROV.Entity))
        g.add((source.dataset, DCTERMS.title, Literal(source.title)))
        # what queries name the list by: its IRI follows IKG_BASE, its identifier does not
        g.add((source.dataset, DCTERMS.identifier, Literal(uris.slug(source.title))))
        g.add((source.dataset, DCTERMS.description, Literal(source.description)))
        g.add((source.dataset, DCTERMS.publisher, publisher))
        g.add((source.dataset, DCTERMS.license, URIRef(source.licence)))
        g.add((source.dataset, DCTERMS.source, Literal(f"kg/data/{source.file}")))
        g.add((publisher, RDF.type, ORG.Organization))
        g.add((publisher, RDFS.label, Literal(source.publisher)))


def _describe_authority(g: Graph, entry: RegisterEntry, register_iri: URIRef) -> None:
    iri = uris.authority(entry.gss_code)
    g.add((iri, RDF.type, IKG.LocalAuthority))
    g.add((iri, RDF.type, ORG.Organization))
    g.add((iri, RDFS.label, Literal(entry.name)))
    for variant in entry.name_variants:
        g.add((iri, SKOS.altLabel, Literal(variant)))
    keys = set().union(*(name_keys(n) for n in (entry.name, *entry.name_variants)))
    for code in (entry.gss_code, *entry.former_gss_codes, entry.la_number, entry.ofsted_urn):
        if code:
            keys.add(normalise(code))
    for key in sorted(keys):
        g.add((iri, IKG.nameKey, Literal(key)))
    g.add((iri, IKG.gssCode, Literal(entry.gss_code)))
    for code in entry.former_gss_codes:
        g.add((iri, IKG.formerGssCode, Literal(code)))
    for code in (entry.gss_code, *entry.former_gss_codes):
        g.add((iri, IKG.statisticalGeography, uris.ons_geography(code)))
    if entry.la_number:
        g.add((iri, IKG.oldLaNumber, Literal(entry.la_number)))
    if entry.ofsted_urn:
        g.add((iri, IKG.ofstedUrn, Literal(entry.ofsted_urn)))
    g.add((iri, IKG.ofstedRegion, Literal(entry.ofsted_region)))
    g.add((iri, IKG.onsRegion, Literal(entry.ons_region_code)))
    g.add((iri, IKG.authorityType, Literal(entry.type)))
    for code in entry.predecessors:
        g.add((iri, DCTERMS.replaces, uris.authority(code)))
    g.add((iri, DCTERMS.source, register_iri))


def _event(
    g: Graph,
    iri: URIRef,
    kind: URIRef,
    label: str,
    on: date,
    originals: list[URIRef],
    results: list[URIRef],
) -> None:
    """One org:ChangeEvent with both directions of ORG's inverse links stated."""
    g.add((iri, RDF.type, ORG.ChangeEvent))
    g.add((iri, RDF.type, kind))
    g.add((iri, RDFS.label, Literal(label)))
    g.add((iri, DCTERMS.date, _date(on)))
    for org in originals:
        g.add((iri, ORG.originalOrganization, org))
        g.add((org, ORG.changedBy, iri))
    for org in results:
        g.add((iri, ORG.resultingOrganization, org))
        g.add((org, ORG.resultedFrom, iri))


def _describe_change(g: Graph, change: AuthorityChange, reg: Register) -> URIRef:
    kind = IKG.Reorganisation if change.kind == "reorganisation" else IKG.CodeChange
    iri = uris.change_event(change.date, f"{change.kind}-{'-'.join(change.originals)}")
    originals = [_authority(code, reg) for code in change.originals]
    results = [_authority(code, reg) for code in change.results]
    _event(g, iri, kind, change.label, change.date, originals, results)
    if change.source:
        g.add((iri, DCTERMS.source, Literal(change.source)))
    return iri


def _describe_trust(g: Graph, name: str, services: list[TrustService], reg: Register) -> None:
    """A trust, the authorities it serves, and the dated transfers to and from it.

    A service that starts on the authority's first day (North and West Northamptonshire
    inherited Northamptonshire's trust) or ends with the authority's abolition moved
    nothing, so it has no transfer event; the reorganisation event dates it.
    """
    iri = uris.trust(name)
    g.add((iri, RDF.type, IKG.ChildrensTrust))
    g.add((iri, RDF.type, ORG.Organization))
    g.add((iri, RDFS.label, Literal(name)))
    starts: dict[date, list[TrustService]] = defaultdict(list)
    ends: dict[date, list[TrustService]] = defaultdict(list)
    for service in services:
        entry = reg.by_gss(service.gss_code)
        assert entry is not None  # read_trusts checked every code
        g.add((iri, IKG.servesAuthority, uris.authority(entry.gss_code)))
        for other in service.other_names:
            g.add((iri, SKOS.altLabel, Literal(other)))
        for source in service.sources:
            g.add((iri, DCTERMS.source, URIRef(source)))
        born = reg.valid_from(entry)
        if service.start is not None and (born is None or service.start > born):
            starts[service.start].append(service)
        if service.end is not None and (entry.valid_to is None or service.end < entry.valid_to):
            ends[service.end + timedelta(days=1)].append(service)
    _transfers(g, iri, name, starts, reg, to_trust=True)
    _transfers(g, iri, name, ends, reg, to_trust=False)


def _transfers(
    g: Graph,
    trust: URIRef,
    name: str,
    moves: dict[date, list[TrustService]],
    reg: Register,
    to_trust: bool,
) -> None:
    """One ikg:ServiceTransfer per day on which services moved to (or from) the trust."""
    prefix = "transfer-to" if to_trust else "return-from"
    moved = f"transferred to {name}" if to_trust else f"returned from {name} to the council"
    for on, group in sorted(moves.items()):
        entries = [e for s in group if (e := reg.by_gss(s.gss_code)) is not None]
        authorities = [uris.authority(e.gss_code) for e in entries]
        label = f"Children's social care of {_names(entries)} {moved}"
        event = uris.change_event(on, f"{prefix}-{name}")
        before, after = (authorities, [trust]) if to_trust else ([trust], authorities)
        _event(g, event, IKG.ServiceTransfer, label, on, before, after)
        for source in sorted({src for s in group for src in s.sources}):
            g.add((event, DCTERMS.source, URIRef(source)))


def _describe_neighbours(g: Graph, source: NeighbourSource, reg: Register) -> None:
    """Add one list's relations; every LA number in it must be in the register."""
    table = read_neighbours(DATA_DIR / source.file)
    resolved = resolve_neighbours(table, reg)
    if resolved.unmapped:
        codes = ", ".join(f"{u.la_number} (line {u.line}, {u.role})" for u in resolved.unmapped)
        raise RegisterError(f"{table.source_path}: LA numbers not in the register: {codes}")
    for link in resolved.links:
        owner = link.authority.gss_code
        relation = uris.neighbour_relation(owner, source.key, link.rank)
        g.add((uris.authority(owner), IKG.hasNeighbour, relation))
        g.add((relation, RDF.type, IKG.NeighbourRelation))
        g.add((relation, IKG.neighbour, uris.authority(link.neighbour.gss_code)))
        g.add((relation, IKG.neighbourRank, Literal(link.rank, datatype=XSD.integer)))
        g.add((relation, DCTERMS.source, source.dataset))
        if link.closeness is not None:
            g.add((relation, IKG.closeness, Literal(link.closeness)))


def register_graph(register: Register | None = None) -> tuple[URIRef, Graph]:
    """The register's named graph IRI and its triples.

    Raises ``ValueError`` (``RegisterError`` or the readers' errors, naming file and
    line) when the shipped files disagree with the register or with each other, so a
    half-consistent register never reaches the store.
    """
    reg = register if register is not None else load_register()
    graph_iri = uris.register_graph()
    register_iri = uris.dataset(REGISTER_TITLE)
    g = bind_prefixes(Graph(identifier=graph_iri))
    _describe_sources(g, register_iri)
    for entry in reg.entries:
        _describe_authority(g, entry, register_iri)
    for change in read_changes(CHANGES_PATH, reg):
        _describe_change(g, change, reg)
    trusts: dict[str, list[TrustService]] = defaultdict(list)
    for service in read_trusts(TRUSTS_PATH, reg):
        trusts[service.name].append(service)
    for name in sorted(trusts):
        _describe_trust(g, name, trusts[name], reg)
    for source in NEIGHBOUR_SOURCES:
        _describe_neighbours(g, source, reg)
    return graph_iri, g
