"""Official statistics -> one named graph per imported dataset.

Inspections get the same IRIs as report-derived ones (authority's current GSS code plus
start date), so the two descriptions join; judgements get IRIs of their own below
``{inspection}/statistics/{dataset}/``, so a grade the statistics state never merges
with (or hides) the grade a report prints, and a query can show where they disagree.

Shape of one inspection (visits look the same, without judgements, with a theme):

    id:inspection/E10000014/2019-04-29 a ikg:Inspection ;
        ikg:inspectedAuthority id:authority/E10000014 ;
        ikg:framework vocab:framework/ilacs ; ikg:inspectionType vocab:inspection-type/short ;
        ikg:startDate "2019-04-29"^^xsd:date ;
        ikg:hasReport id:inspection/E10000014/2019-04-29/report ;
        ikg:hasJudgement …/statistics/{dataset}/judgement/ilacs-overall-effectiveness .
    id:inspection/E10000014/2019-04-29/report dcterms:issued "2019-06-11"^^xsd:date .

The publication date is the report's (Ofsted's column is the date the report was
published), so it sits on the report IRI the report graph uses: both sources' dates
then meet on one node, and shape S03 (no inspection after its publication) checks the
statistics too. The report node is not typed here: only its report graph can describe it.
"""

from __future__ import annotations

from datetime import date

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.authorities import Register, load_register
from kg.rdf import uris
from kg.rdf.namespaces import IKG, MEDIA_TYPES, ORG, SPDX, bind_prefixes
from kg.sources.model import StatisticsDataset, StatisticsError, StatisticsRecord

FRAMEWORK = "ilacs"
"""The statistics describe ILACS activity only (Cover and Notes sheets of the workbook)."""

_ACTIVITY_TYPES = {"focused-visit": "focused-visit", "monitoring-visit": "monitoring-visit"}
"""Visits are typed by concepts of the inspection-type scheme; inspections by their
printed type (standard/short) when the sheet prints one."""


def dataset_name(ds: StatisticsDataset) -> str:
    """The name a dataset's IRIs are built from: its title (the file name without one)."""
    return ds.title


def _date(value: date) -> Literal:
    return Literal(value.isoformat(), datatype=XSD.date)


def _where(record: StatisticsRecord, ds: StatisticsDataset) -> str:
    return f"{ds.source_path}: sheet {record.sheet!r}, row {record.row_number}"


def _inspection_iri(record: StatisticsRecord, ds: StatisticsDataset, reg: Register) -> URIRef:
    """Follow code changes (E08000016 -> E08000038) so both sources name one inspection."""
    try:
        code = reg.current_code(record.gss_code)
    except KeyError:
        raise StatisticsError(
            f"{_where(record, ds)}: GSS code {record.gss_code} is not in the authority register"
        ) from None
    return uris.inspection(code, record.start_date)


Facts = dict[str, tuple[object, StatisticsRecord]]


def _check(known: Facts, record: StatisticsRecord, ds: StatisticsDataset) -> None:
    """Refuse a dataset whose sheets state different facts about one inspection.

    The sheets repeat each other (latest judgements, this year's activity, the history);
    merged on one IRI, a disagreement would give one judgement two grades, and we cannot
    tell which the publisher meant. A fact one sheet leaves blank is no disagreement.
    """
    facts: dict[str, object] = {
        "activity": record.activity,
        "inspection type": record.inspection_type,
        "publication date": record.publication_date,
        "visit theme": record.visit_theme,
    }
    facts |= {f"{j.area} grade": j.grade for j in record.judgements}
    for what, value in facts.items():
        if value is None:
            continue
        first, where = known.setdefault(what, (value, record))
        if first != value:
            raise StatisticsError(
                f"{_where(record, ds)}: {what} {value} contradicts {first} in sheet "
                f"{where.sheet!r}, row {where.row_number}, for the same inspection"
            )


def _describe_dataset(g: Graph, ds: StatisticsDataset, ds_iri: URIRef) -> None:
    publisher = uris.organisation(ds.publisher)
    g.add((ds_iri, RDF.type, DCAT.Dataset))
    g.add((ds_iri, RDF.type, PROV.Entity))
    g.add((ds_iri, DCTERMS.title, Literal(ds.title)))
    g.add((ds_iri, DCTERMS.publisher, publisher))
    g.add((ds_iri, DCTERMS.source, Literal(ds.source_path)))
    if ds.release_date is not None:
        g.add((ds_iri, DCTERMS.issued, _date(ds.release_date)))
    if ds.licence is not None:
        g.add((ds_iri, DCTERMS.license, URIRef(ds.licence)))
    if ds.period is not None:
        g.add((ds_iri, DCTERMS.description, Literal(f"Period covered: {ds.period}")))
    g.add((publisher, RDF.type, ORG.Organization))
    g.add((publisher, RDFS.label, Literal(ds.publisher)))

    dist = uris.distribution(ds_iri, ds.sha256)
    checksum = BNode(f"sha256-{ds.sha256[:16]}")  # stable label: re-serialising reproduces
    g.add((ds_iri, DCAT.distribution, dist))
    g.add((dist, RDF.type, DCAT.Distribution))
    media_type = URIRef(f"{MEDIA_TYPES}{ds.media_type}")
    g.add((dist, DCAT.mediaType, media_type))
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(ds.sha256, datatype=XSD.hexBinary)))


def _describe_authority(g: Graph, code: str, reg: Register) -> URIRef:
    """The inspected authority as the register knows it (shape S02 wants it in-graph)."""
    entry = reg.by_gss(code)
    assert entry is not None  # _inspection_iri resolved this code already
    iri = uris.authority(entry.gss_code)
    g.add((iri, RDF.type, IKG.LocalAuthority))
    g.add((iri, RDF.type, ORG.Organization))
    g.add((iri, RDFS.label, Literal(entry.name)))
    g.add((iri, IKG.gssCode, Literal(entry.gss_code)))
    if entry.ofsted_urn:
        g.add((iri, IKG.ofstedUrn, Literal(entry.ofsted_urn)))
    return iri


def _describe_record(
    g: Graph, record: StatisticsRecord, insp: URIRef, name: str, ds_iri: URIRef, reg: Register
) -> None:
    """Add one row's facts to its inspection; rows of other sheets add the same triples."""
    g.add((insp, RDF.type, IKG.Inspection))
    g.add((insp, IKG.inspectedAuthority, _describe_authority(g, record.gss_code, reg)))
    g.add((insp, IKG.framework, uris.concept("framework", FRAMEWORK)))
    g.add((insp, IKG.startDate, _date(record.start_date)))
    kind = _ACTIVITY_TYPES.get(record.activity, record.inspection_type)
    if kind is not None:
        g.add((insp, IKG.inspectionType, uris.concept("inspection-type", kind)))
    if record.publication_date is not None:
        report = uris.report(insp)
        g.add((insp, IKG.hasReport, report))
        g.add((report, DCTERMS.issued, _date(record.publication_date)))
    if record.visit_theme is not None:
        theme = uris.visit_theme(record.visit_theme)
        g.add((insp, IKG.theme, theme))
        g.add((theme, RDF.type, SKOS.Concept))
        g.add((theme, RDF.type, IKG.VisitTheme))
        g.add((theme, SKOS.inScheme, uris.scheme("visit-theme")))
        g.set((theme, SKOS.prefLabel, Literal(record.visit_theme, lang="en")))
    for j in record.judgements:
        assert j.area is not None and j.grade is not None  # the reader refuses unknowns
        node = uris.statistics_judgement(insp, name, j.area)
        if (insp, IKG.hasJudgement, node) in g:
            continue  # stated by an earlier sheet; _check() made sure it agrees
        g.add((insp, IKG.hasJudgement, node))
        g.add((node, RDF.type, IKG.Judgement))
        g.add((node, IKG.judgementArea, uris.concept("judgement-area", j.area)))
        g.add((node, IKG.grade, uris.concept("grade", j.grade)))
        g.add((node, IKG.areaLabel, Literal(j.area_label)))
        g.add((node, IKG.gradeLabel, Literal(j.grade_label)))
        g.add((node, PROV.wasDerivedFrom, ds_iri))


def statistics_graph(
    ds: StatisticsDataset, register: Register | None = None
) -> tuple[URIRef, Graph]:
    """The dataset's named graph IRI and its triples; raises ``StatisticsError`` (building
    nothing) on a GSS code the register does not know or sheets that contradict."""
    reg = register if register is not None else load_register()
    name = dataset_name(ds)
    graph_iri = uris.statistics_graph(name)
    ds_iri = uris.dataset(name)

    known: dict[URIRef, Facts] = {}
    placed: list[tuple[StatisticsRecord, URIRef]] = []
    for record in ds.records:  # check everything before building anything
        insp = _inspection_iri(record, ds, reg)
        _check(known.setdefault(insp, {}), record, ds)
        placed.append((record, insp))

    g = bind_prefixes(Graph(identifier=graph_iri))
    g.bind("spdx", SPDX)
    _describe_dataset(g, ds, ds_iri)
    for record, insp in placed:
        _describe_record(g, record, insp, name, ds_iri, reg)
    return graph_iri, g
