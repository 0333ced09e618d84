"""Findings, service mentions, services and recommendation evidence -> triples.

Part of a report's named graph (kg.rdf.report calls ``add_evidence``). Services are the
authority's own nodes (``id/authority/{code}/service/{key}``), so the same MASH met in
every inspection of an authority is one node each report graph describes the same way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from decimal import Decimal

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.model import Report, Span
from kg.rdf import uris
from kg.rdf.namespaces import IKG, NIF, ORG
from kg.rdf.triples import Triple, Triples

# A report has hundreds of findings and mentions: the terms are looked up once here, not
# through the namespaces' attribute checks on every triple.
_TYPE, _LABEL, _INTEGER, _DERIVED = RDF.type, RDFS.label, XSD.integer, PROV.wasDerivedFrom
_CONTEXT, _BEGIN, _END, _ANCHOR = NIF.referenceContext, NIF.beginIndex, NIF.endIndex, NIF.anchorOf
_FINDING, _HAS_FINDING, _NUMBER = IKG.Finding, IKG.hasFinding, IKG.findingNumber
_POLARITY, _CUE, _CONFIDENCE, _THEME = IKG.polarity, IKG.polarityCue, IKG.confidence, IKG.theme
_MENTION, _HAS_MENTION, _SERVICE = IKG.Mention, IKG.hasMention, IKG.mentionedService


def _span(
    add: Callable[[Triple], None], node: URIRef, document: URIRef, span: Span, text: str
) -> None:
    add((node, _CONTEXT, document))
    add((node, _BEGIN, Literal(span.start, datatype=_INTEGER)))
    add((node, _END, Literal(span.end, datatype=_INTEGER)))
    add((node, _ANCHOR, Literal(text)))


def add_evidence(
    g: Triples, report: Report, document: URIRef, authority: URIRef, code: str
) -> None:
    """Findings, mentions, services and recommendation evidence.

    A finding's provenance is its paragraph (prov:wasDerivedFrom, and ikg:hasFinding the
    other way) and its span in the report, whose prov:wasGeneratedBy names the extraction
    run; findings and mentions do not repeat the run themselves: it was ~7% of a report
    graph's triples and no question needs it.
    """
    add = g.add
    findings: dict[tuple[int, int], URIRef] = {}
    for finding in report.findings:
        paragraph = uris.paragraph(document, finding.paragraph)
        node = uris.finding(paragraph, finding.k)
        findings[(finding.paragraph, finding.k)] = node
        add((paragraph, _HAS_FINDING, node))
        add((node, _TYPE, _FINDING))
        add((node, _NUMBER, Literal(finding.k, datatype=_INTEGER)))
        add((node, _POLARITY, uris.concept("polarity", finding.polarity)))
        add((node, _CUE, Literal(finding.cue)))
        add((node, _CONFIDENCE, Literal(finding.confidence)))
        for theme in finding.themes:
            add((node, _THEME, uris.concept("theme", theme)))
        add((node, _DERIVED, paragraph))
        _span(add, node, document, finding.span, finding.text)

    # one type per service: a locally named service may be typed in one mention and not in
    # another ('the Willow team' after 'exploitation'); the most frequent type wins
    votes: dict[str, Counter[str]] = {}
    local_names: dict[str, str] = {}
    type_labels: dict[str, str] = {}
    for mention in report.mentions:
        if mention.service_type:
            votes.setdefault(mention.service, Counter())[mention.service_type] += 1
            if mention.type_label:
                type_labels[mention.service_type] = mention.type_label
        if mention.local_name:
            local_names[mention.service] = mention.local_name  # the last one read wins
    service_type = {key: c.most_common(1)[0][0] for key, c in votes.items()}

    counts: dict[URIRef, int] = {}
    services: dict[str, URIRef] = {}
    for mention in report.mentions:
        owner = findings[(mention.paragraph, mention.finding)]
        counts[owner] = counts.get(owner, 0) + 1
        node = uris.mention(owner, counts[owner])
        service = services.get(mention.service)
        if service is None:
            service = services[mention.service] = uris.service(code, mention.service)
        add((owner, _HAS_MENTION, node))
        add((node, _TYPE, _MENTION))
        add((node, _SERVICE, service))
        _span(add, node, document, mention.span, mention.surface)

    for key, service in services.items():
        add((service, _TYPE, IKG.Service))
        add((service, _TYPE, ORG.OrganizationalUnit))
        add((service, ORG.unitOf, authority))
        kind = service_type.get(key)
        if kind:
            add((service, IKG.serviceType, uris.concept("service-type", kind)))
        if key in local_names:
            add((service, IKG.localName, Literal(local_names[key])))
            add((service, _LABEL, Literal(local_names[key])))
        elif kind in type_labels:
            add((service, _LABEL, Literal(type_labels[kind])))

    for recommendation in report.recommendations:
        node = uris.recommendation(document, recommendation.position or recommendation.n)
        for theme in recommendation.themes:
            add((node, _THEME, uris.concept("theme", theme)))
        for element in recommendation.national_framework_elements:
            add((node, IKG.nationalFramework, uris.concept("national-framework", element)))
        scores = recommendation.evidence_scores or [0.0] * len(recommendation.evidence_findings)
        for rank, (cited, score) in enumerate(
            zip(recommendation.evidence_findings, scores, strict=True), start=1
        ):
            add((node, IKG.supportedBy, findings[cited]))
            link = uris.evidence_link(node, rank)
            add((node, IKG.hasEvidence, link))
            add((link, _TYPE, IKG.EvidenceLink))
            add((link, IKG.evidenceFinding, findings[cited]))
            add((link, IKG.evidenceRank, Literal(rank, datatype=XSD.integer)))
            add((link, IKG.evidenceScore, Literal(Decimal(f"{score:.3f}"), datatype=XSD.decimal)))
        for n in recommendation.evidence_paragraphs:
            add((node, IKG.evidenceParagraph, uris.paragraph(document, n)))
