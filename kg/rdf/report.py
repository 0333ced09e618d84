"""Report dataclasses -> the triples of one report's named graph (docs/graph-model.md).

This module never parses text: every value comes from the Report, and every IRI from
kg.rdf.uris. A report whose authority could not be identified cannot be given a stable
IRI, so it is refused here rather than stored under a made-up one.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, XSD

from kg import __version__
from kg.model import Report, Span
from kg.rdf import uris
from kg.rdf.evidence import add_evidence
from kg.rdf.namespaces import IKG, MEDIA_TYPES, NIF, ORG, SPDX
from kg.rdf.triples import Triples, to_graph
from kg.rdf.vocab import framework_concept


class MappingError(Exception):
    """The report lacks a fact its IRIs are built from (authority code, start date)."""


def authority_code(report: Report) -> str:
    code = report.authority.gss_code or report.authority.ofsted_urn
    if not code:
        raise MappingError(f"authority {report.authority.name!r} is not in the register")
    return code


def report_graph(report: Report, tool_version: str = __version__) -> tuple[URIRef, Graph]:
    """The named graph IRI for ``report`` and its triples as an rdflib Graph."""
    graph_iri, triples = report_triples(report, tool_version)
    return graph_iri, to_graph(triples)


def report_triples(report: Report, tool_version: str = __version__) -> tuple[URIRef, Triples]:
    """The named graph IRI for ``report`` and its triples (the build writes them as
    N-Triples once, for validation and for the store, without an rdflib Graph:
    kg.rdf.triples)."""
    start = report.inspection.start_date
    if start is None:
        why = next((w for w in report.warnings if w.startswith("no inspection dates")), None)
        raise MappingError(why or "no inspection start date")
    code = authority_code(report)
    inspection = uris.inspection(code, start)
    document = uris.report(inspection, report.document_type)
    graph_iri = uris.report_graph(inspection, report.document_type)
    run = uris.extraction_run(report.source.sha256, tool_version)
    g = Triples()
    add = g.add

    authority = uris.authority(code)
    add((authority, RDF.type, IKG.LocalAuthority))
    add((authority, RDF.type, ORG.Organization))
    add((authority, RDFS.label, Literal(report.authority.register_name or report.authority.name)))
    if report.authority.gss_code:
        add((authority, IKG.gssCode, Literal(report.authority.gss_code)))
    if report.authority.ofsted_urn:
        add((authority, IKG.ofstedUrn, Literal(report.authority.ofsted_urn)))

    add((inspection, RDF.type, IKG.Inspection))
    add((inspection, IKG.inspectedAuthority, authority))
    add((inspection, IKG.framework, framework_concept(report.framework)))
    add((inspection, IKG.startDate, Literal(start, datatype=XSD.date)))
    if report.inspection.end_date:
        add((inspection, IKG.endDate, Literal(report.inspection.end_date, datatype=XSD.date)))
    if report.inspection.type:
        add(
            (
                inspection,
                IKG.inspectionType,
                uris.concept("inspection-type", report.inspection.type),
            )
        )
    add((inspection, IKG.hasReport, document))
    for name in report.inspection.lead_inspectors:
        person = uris.inspector(name)
        add((inspection, IKG.leadInspector, person))
        add((person, RDF.type, IKG.Inspector))
        add((person, RDFS.label, Literal(name)))

    add((document, RDF.type, IKG.InspectionReport))
    add((document, RDF.type, NIF.Context))
    add((document, IKG.documentType, uris.concept("document-type", report.document_type)))
    if report.title:
        add((document, DCTERMS.title, Literal(report.title)))
    if report.publication_date:
        add((document, DCTERMS.issued, Literal(report.publication_date, datatype=XSD.date)))
        add((document, IKG.publicationDateBasis, Literal(report.publication_basis or "printed")))
    # the Ofsted URL where known, else the file's name: never the path it was built from,
    # so the same file gives the same graph on every machine
    source = report.source
    add((document, DCTERMS.source, URIRef(source.url) if source.url else Literal(source.name)))
    # the DCAT/SPDX terms the statistics' distributions use, so one query reads both
    checksum = uris.checksum(document)
    add((document, SPDX.checksum, checksum))
    add((checksum, RDF.type, SPDX.Checksum))
    add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    add((checksum, SPDX.checksumValue, Literal(source.sha256, datatype=XSD.hexBinary)))
    add((document, DCAT.mediaType, URIRef(f"{MEDIA_TYPES}{source.media_type}")))
    add((document, NIF.isString, Literal(report.text)))
    add((document, PROV.wasGeneratedBy, run))
    for warning in report.warnings:
        add((document, IKG.warning, Literal(warning)))

    def derived(node: URIRef, span: Span | None, text: str | None = None) -> None:
        add((node, PROV.wasDerivedFrom, document))
        add((node, PROV.wasGeneratedBy, run))
        if span is not None:
            add((node, NIF.referenceContext, document))
            add((node, NIF.beginIndex, Literal(span.start, datatype=XSD.integer)))
            add((node, NIF.endIndex, Literal(span.end, datatype=XSD.integer)))
        if text is not None:
            add((node, NIF.anchorOf, Literal(text)))

    for judgement in report.judgements:
        if judgement.area is None or judgement.grade is None:
            continue  # kept as a warning on the report; an unknown concept is not a fact
        node = uris.judgement(inspection, judgement.area)
        add((inspection, IKG.hasJudgement, node))
        add((node, RDF.type, IKG.Judgement))
        add((node, IKG.judgementArea, uris.concept("judgement-area", judgement.area)))
        add((node, IKG.grade, uris.concept("grade", judgement.grade)))
        add((node, IKG.areaLabel, Literal(judgement.area_label)))
        add((node, IKG.gradeLabel, Literal(judgement.grade_label)))
        derived(node, judgement.span)

    section_nodes = []
    for k, section in enumerate(report.sections, start=1):
        node = uris.section(document, k)
        section_nodes.append(node)
        add((document, IKG.hasSection, node))
        add((node, RDF.type, IKG.Section))
        add((node, IKG.sectionNumber, Literal(k, datatype=XSD.integer)))
        add((node, DCTERMS.title, Literal(section.title)))
        if section.area:
            add((node, IKG.judgementArea, uris.concept("judgement-area", section.area)))
        if section.grade_label:
            add((node, IKG.gradeLabel, Literal(section.grade_label)))
        derived(node, section.span)

    for paragraph in report.paragraphs:
        node = uris.paragraph(document, paragraph.n)
        add((document, IKG.hasParagraph, node))
        add((node, RDF.type, IKG.Paragraph))
        add((node, IKG.paragraphNumber, Literal(paragraph.n, datatype=XSD.integer)))
        add((node, IKG.inSection, section_nodes[paragraph.section]))
        derived(node, paragraph.span, paragraph.text)

    for recommendation in report.recommendations:
        node = uris.recommendation(document, recommendation.position or recommendation.n)
        add((document, IKG.hasRecommendation, node))
        add((node, RDF.type, IKG.Recommendation))
        add((node, IKG.recommendationNumber, Literal(recommendation.n, datatype=XSD.integer)))
        add((node, IKG.numberPrinted, Literal(recommendation.numbered)))
        add((node, IKG.listPosition, Literal(recommendation.position, datatype=XSD.integer)))
        if recommendation.addressee == "lscb":
            board = uris.safeguarding_board(code)
            add((node, IKG.addressedTo, board))
            add((board, RDF.type, IKG.LocalSafeguardingChildrenBoard))
            add((board, RDF.type, ORG.Organization))
            add((board, IKG.boardOf, authority))
            name = report.authority.register_name or report.authority.name
            add((board, RDFS.label, Literal(f"{name} Local Safeguarding Children Board")))
        else:
            add((node, IKG.addressedTo, authority))
        if recommendation.timescale:
            add((node, IKG.timescale, Literal(recommendation.timescale)))
        for tag in recommendation.national_framework:
            add((node, IKG.nationalFrameworkTag, Literal(tag)))
        derived(node, recommendation.span, recommendation.text)

    add_evidence(g, report, document, authority, code)

    software = uris.software(tool_version)
    add((run, RDF.type, IKG.ExtractionRun))
    add((run, RDF.type, PROV.Activity))
    add((run, PROV.used, document))
    add((run, PROV.wasAssociatedWith, software))
    add((run, IKG.toolVersion, Literal(tool_version)))
    add((software, RDF.type, PROV.SoftwareAgent))
    add((software, RDFS.label, Literal(f"inspection-kg {tool_version}")))
    return graph_iri, g
