"""Findings, service mentions, services and recommendation evidence -> triples.

Part of a report's named graph (kg.rdf.report calls ``add_evidence``). Services are the
authority's own nodes (``id/authority/{code}/service/{key}``), so the same MASH met in
every inspection of an authority is one node each report graph describes the same way.
"""

from __future__ import annotations

from collections import Counter

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.evidence.lexicon import load_lexicon
from kg.model import Report, Span
from kg.rdf import uris
from kg.rdf.namespaces import IKG, NIF, ORG


def _span(g: Graph, node: URIRef, document: URIRef, span: Span, text: str) -> None:
    g.add((node, NIF.referenceContext, document))
    g.add((node, NIF.beginIndex, Literal(span.start, datatype=XSD.integer)))
    g.add((node, NIF.endIndex, Literal(span.end, datatype=XSD.integer)))
    g.add((node, NIF.anchorOf, Literal(text)))


def add_evidence(
    g: Graph, report: Report, document: URIRef, authority: URIRef, code: str, run: URIRef
) -> None:
    service_types = load_lexicon().service_type_concepts
    findings: dict[tuple[int, int], URIRef] = {}
    for finding in report.findings:
        paragraph = uris.paragraph(document, finding.paragraph)
        node = uris.finding(paragraph, finding.k)
        findings[(finding.paragraph, finding.k)] = node
        g.add((paragraph, IKG.hasFinding, node))
        g.add((node, RDF.type, IKG.Finding))
        g.add((node, IKG.findingNumber, Literal(finding.k, datatype=XSD.integer)))
        g.add((node, IKG.polarity, uris.concept("polarity", finding.polarity)))
        g.add((node, IKG.polarityCue, Literal(finding.cue)))
        g.add((node, IKG.confidence, Literal(finding.confidence)))
        for theme in finding.themes:
            g.add((node, IKG.theme, uris.concept("theme", theme)))
        g.add((node, PROV.wasDerivedFrom, paragraph))
        g.add((node, PROV.wasGeneratedBy, run))
        _span(g, node, document, finding.span, finding.text)

    # one type per service: a locally named service may be typed in one mention and not in
    # another ('the Willow team' after 'exploitation'); the most frequent type wins
    votes: dict[str, Counter[str]] = {}
    for mention in report.mentions:
        if mention.service_type:
            votes.setdefault(mention.service, Counter())[mention.service_type] += 1
    service_type = {key: c.most_common(1)[0][0] for key, c in votes.items()}

    counts: dict[URIRef, int] = {}
    for mention in report.mentions:
        owner = findings[(mention.paragraph, mention.finding)]
        counts[owner] = counts.get(owner, 0) + 1
        node = uris.mention(owner, counts[owner])
        service = uris.service(code, mention.service)
        g.add((owner, IKG.hasMention, node))
        g.add((node, RDF.type, IKG.Mention))
        g.add((node, IKG.mentionedService, service))
        g.add((node, PROV.wasGeneratedBy, run))
        _span(g, node, document, mention.span, mention.surface)
        g.add((service, RDF.type, IKG.Service))
        g.add((service, RDF.type, ORG.OrganizationalUnit))
        g.add((service, ORG.unitOf, authority))
        kind = service_type.get(mention.service)
        if kind:
            g.add((service, IKG.serviceType, uris.concept("service-type", kind)))
        if mention.local_name:
            g.add((service, IKG.localName, Literal(mention.local_name)))
            g.set((service, RDFS.label, Literal(mention.local_name)))
        elif kind in service_types and (service, RDFS.label, None) not in g:
            g.add((service, RDFS.label, Literal(service_types[kind].pref_label)))

    for recommendation in report.recommendations:
        node = uris.recommendation(document, recommendation.n)
        for theme in recommendation.themes:
            g.add((node, IKG.theme, uris.concept("theme", theme)))
        for element in recommendation.national_framework_elements:
            g.add((node, IKG.nationalFramework, uris.concept("national-framework", element)))
        for key in recommendation.evidence_findings:
            g.add((node, IKG.supportedBy, findings[key]))
        for n in recommendation.evidence_paragraphs:
            g.add((node, IKG.evidenceParagraph, uris.paragraph(document, n)))
