"""Every namespace the project writes, bound in one place.

The project's own terms are a ``DefinedNamespace`` with ``_fail = True``: a typo in a
term name raises at import time instead of silently minting a term the ontology never
declared (tests also check that each term here is declared in ``ontology/``).
"""

from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCAT, DCTERMS, OWL, PROV, RDF, RDFS, SKOS, VOID, XSD, DefinedNamespace
from rdflib.term import URIRef

ONTOLOGY_IRI = "https://w3id.org/inspection-kg/ontology"


class IKG(DefinedNamespace):
    """inspection-kg ontology terms (ontology/inspection-kg.ttl)."""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes
    LocalAuthority: URIRef
    ChildrensTrust: URIRef
    Service: URIRef
    Inspection: URIRef
    InspectionReport: URIRef
    Judgement: URIRef
    JudgementArea: URIRef
    Grade: URIRef
    Framework: URIRef
    InspectionType: URIRef
    DocumentType: URIRef
    Section: URIRef
    Paragraph: URIRef
    Finding: URIRef
    Recommendation: URIRef
    Inspector: URIRef
    ExtractionRun: URIRef
    Theme: URIRef
    ServiceType: URIRef
    Polarity: URIRef
    NationalFrameworkElement: URIRef
    Mention: URIRef
    VisitTheme: URIRef
    NeighbourRelation: URIRef
    Reorganisation: URIRef
    CodeChange: URIRef
    ServiceTransfer: URIRef

    # object properties
    inspectedAuthority: URIRef
    framework: URIRef
    inspectionType: URIRef
    documentType: URIRef
    leadInspector: URIRef
    hasReport: URIRef
    hasJudgement: URIRef
    judgementArea: URIRef
    grade: URIRef
    hasSection: URIRef
    hasParagraph: URIRef
    inSection: URIRef
    hasRecommendation: URIRef
    hasFinding: URIRef
    polarity: URIRef
    theme: URIRef
    hasMention: URIRef
    mentionedService: URIRef
    serviceType: URIRef
    supportedBy: URIRef
    evidenceParagraph: URIRef
    nationalFramework: URIRef
    servesAuthority: URIRef
    hasNeighbour: URIRef
    neighbour: URIRef
    statisticalGeography: URIRef

    # data properties
    startDate: URIRef
    endDate: URIRef
    areaLabel: URIRef
    gradeLabel: URIRef
    paragraphNumber: URIRef
    recommendationNumber: URIRef
    sectionNumber: URIRef
    nationalFrameworkTag: URIRef
    sha256: URIRef
    """Before 0.3.0: a report's checksum, now spdx:checksum (read in stores made before)."""
    mediaType: URIRef
    """Before 0.3.0: a report's media type, now dcat:mediaType."""
    gradeRank: URIRef
    elementNumber: URIRef
    publicationDateBasis: URIRef
    nameKey: URIRef
    addressedTo: URIRef
    timescale: URIRef
    numberPrinted: URIRef
    listPosition: URIRef
    hasEvidence: URIRef
    evidenceFinding: URIRef
    evidenceRank: URIRef
    evidenceScore: URIRef
    EvidenceLink: URIRef
    LocalSafeguardingChildrenBoard: URIRef
    boardOf: URIRef
    gssCode: URIRef
    ofstedUrn: URIRef
    toolVersion: URIRef
    warning: URIRef
    polarityCue: URIRef
    confidence: URIRef
    findingNumber: URIRef
    localName: URIRef
    neighbourRank: URIRef
    closeness: URIRef
    oldLaNumber: URIRef
    formerGssCode: URIRef
    ofstedRegion: URIRef
    onsRegion: URIRef
    authorityType: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ORG = Namespace("http://www.w3.org/ns/org#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
"""DCAT 3 records a file's checksum with SPDX (spdx:checksum, spdx:Checksum)."""
MEDIA_TYPES = "https://www.iana.org/assignments/media-types/"
"""IANA's register: a file's dcat:mediaType is the IRI of its entry there."""


def sha256_pattern(report: str, value: str) -> str:
    """SPARQL that binds ``value`` to the SHA-256 of the file the report ``report`` was read
    from (a report's, not a statistics distribution's, which has the same SPDX terms).

    Stores made before 0.3.0 state it as ikg:sha256; a build skips files it already holds,
    so both forms stay side by side in an upgraded store and both must be read (as two
    OPTIONALs, the form the query library uses after a Virtuoso 7 plan made on the whole
    corpus lost a row of report-sources). The value is lower-cased: xsd:hexBinary ignores
    case and engines may write its canonical upper case.
    """
    return (
        f"{report} a <{IKG.InspectionReport}> . "
        f"OPTIONAL {{ {report} <{SPDX.checksum}> ?_checksum . "
        f"?_checksum <{SPDX.checksumValue}> ?_sha }} "
        f"OPTIONAL {{ {report} <{IKG.sha256}> ?_sha_before_0_3 }} "
        f"BIND (LCASE(STR(COALESCE(?_sha, ?_sha_before_0_3))) AS {value}) "
        f"FILTER (BOUND({value}))"
    )


PREFIXES: dict[str, object] = {
    "ikg": IKG._NS,
    "nif": NIF,
    "org": ORG,
    "spdx": SPDX,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "dcat": DCAT,
    "void": VOID,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so every serialisation uses the same names."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph
