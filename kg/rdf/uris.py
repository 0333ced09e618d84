"""The only place that mints IRIs.

IRIs are deterministic functions of the facts (authority code, inspection start date,
paragraph number, ...), so building a report twice yields the same graph and re-loading
it replaces its named graph instead of duplicating it. The base is configurable through
``IKG_BASE`` (kg.settings, read and checked once) for teams that publish under their own
domain.
"""

from __future__ import annotations

import re
from datetime import date

from rdflib import URIRef

from kg.settings import settings


def base() -> str:
    """The base IRI of instance data: absolute, ending in '/' (kg.settings checks it)."""
    return settings().base


def slug(text: str) -> str:
    """Lower-case ASCII slug used in IRI path segments."""
    text = re.sub(r"[^a-z0-9]+", "-", text.lower())
    return text.strip("-") or "x"


def authority(code: str) -> URIRef:
    """Authority by GSS code (or Ofsted URN where no GSS code is known)."""
    return URIRef(f"{base()}id/authority/{code}")


def inspection(authority_code: str, start: date) -> URIRef:
    return URIRef(f"{base()}id/inspection/{authority_code}/{start.isoformat()}")


def report(inspection_iri: URIRef, document_type: str = "inspection") -> URIRef:
    suffix = "report" if document_type == "inspection" else f"report/{slug(document_type)}"
    return URIRef(f"{inspection_iri}/{suffix}")


def report_graph(inspection_iri: URIRef, document_type: str = "inspection") -> URIRef:
    """Named graph holding everything extracted from one report."""
    tail = str(inspection_iri).removeprefix(f"{base()}id/inspection/")
    suffix = "" if document_type == "inspection" else f"/{slug(document_type)}"
    return URIRef(f"{base()}graph/report/{tail}{suffix}")


def judgement(inspection_iri: URIRef, area: str) -> URIRef:
    return URIRef(f"{inspection_iri}/judgement/{slug(area)}")


def section(report_iri: URIRef, k: int) -> URIRef:
    return URIRef(f"{report_iri}/section/{k}")


def paragraph(report_iri: URIRef, n: int) -> URIRef:
    return URIRef(f"{report_iri}/paragraph/{n}")


def finding(paragraph_iri: URIRef, k: int) -> URIRef:
    return URIRef(f"{paragraph_iri}/finding/{k}")


def recommendation(report_iri: URIRef, k: int) -> URIRef:
    return URIRef(f"{report_iri}/recommendation/{k}")


def evidence_link(recommendation_iri: URIRef, rank: int) -> URIRef:
    """The rank-th finding (1 = strongest) supporting a recommendation, with its score."""
    return URIRef(f"{recommendation_iri}/evidence/{rank}")


def safeguarding_board(authority_code: str) -> URIRef:
    """An authority's Local Safeguarding Children Board (SIF reviews and recommendations)."""
    return URIRef(f"{base()}id/authority/{authority_code}/lscb")


def inspector(name: str) -> URIRef:
    return URIRef(f"{base()}id/inspector/{slug(name)}")


def service(authority_code: str, name: str) -> URIRef:
    return URIRef(f"{base()}id/authority/{authority_code}/service/{slug(name)}")


def extraction_run(sha256: str, tool_version: str) -> URIRef:
    """One run per (input content, tool version): no timestamps, so builds reproduce."""
    return URIRef(f"{base()}id/extraction/{sha256[:16]}/{slug(tool_version)}")


def software(tool_version: str) -> URIRef:
    return URIRef(f"{base()}id/software/inspection-kg/{slug(tool_version)}")


VOCAB_BASE = "https://w3id.org/inspection-kg/vocab/"
"""Vocabularies ship with the ontology, so their IRIs do not follow ``IKG_BASE``."""


def concept(scheme_name: str, concept_id: str) -> URIRef:
    """A concept of one of the project's SKOS schemes (ontology/vocab/)."""
    return URIRef(f"{VOCAB_BASE}{scheme_name}/{concept_id}")


def scheme(name: str) -> URIRef:
    return URIRef(f"{VOCAB_BASE}{name}")


def ons_geography(gss_code: str) -> URIRef:
    """ONS statistical-geography IRI for a GSS code."""
    return URIRef(f"http://statistics.data.gov.uk/id/statistical-geography/{gss_code}")


# Official statistics (kg/rdf/statistics.py). A dataset is named by the slug of its title
# ('Local authority inspection outcomes as at 31 March 2025'): each annual release has
# its own title, and re-importing a corrected file of the same release replaces its graph
# instead of adding a second copy beside it.


def dataset(name: str) -> URIRef:
    """An imported statistics dataset (a dcat:Dataset), by its title or name."""
    return URIRef(f"{base()}id/dataset/{slug(name)}")


def checksum(document_iri: URIRef) -> URIRef:
    """A report file's SHA-256 (an spdx:Checksum): named, not blank, so graphs compare."""
    return URIRef(f"{document_iri}/checksum/sha256")


def distribution(dataset_iri: URIRef, sha256: str) -> URIRef:
    """The file a dataset was imported from, by its content (a dcat:Distribution)."""
    return URIRef(f"{dataset_iri}/distribution/{sha256[:16]}")


def statistics_graph(name: str) -> URIRef:
    """Named graph holding everything imported from one statistics dataset."""
    return URIRef(f"{base()}graph/dataset/{slug(name)}")


def statistics_judgement(inspection_iri: URIRef, dataset_name: str, area: str) -> URIRef:
    """A judgement as one dataset states it.

    Kept apart from ``judgement()`` (the report's reading of the same row): the two may
    disagree, and the reconciliation needs both, each with its own provenance.
    """
    return URIRef(f"{inspection_iri}/statistics/{slug(dataset_name)}/judgement/{slug(area)}")


def organisation(name: str) -> URIRef:
    """An organisation other than an inspected authority, e.g. a dataset's publisher."""
    return URIRef(f"{base()}id/organisation/{slug(name)}")


def visit_theme(label: str) -> URIRef:
    """Theme of a focused or monitoring visit as a concept of the visit-theme scheme."""
    return concept("visit-theme", slug(label))


# The authority register (kg/rdf/register.py): one named graph holding every authority,
# its history, the children's trusts and the statistical neighbour lists. Change events
# and neighbour entries are named by the facts that identify them, not by row numbers.


def register_graph() -> URIRef:
    """Named graph of the authority register (kg.validate checks it with register shapes)."""
    return URIRef(f"{base()}graph/register")


def change_event(on: date, name: str) -> URIRef:
    """An organisational change (org:ChangeEvent) by its date and a name unique that day."""
    return URIRef(f"{base()}id/change/{on.isoformat()}/{slug(name)}")


def neighbour_relation(authority_code: str, source: str, rank: int) -> URIRef:
    """Entry ``rank`` of an authority's list of statistical neighbours in one source."""
    return URIRef(f"{base()}id/authority/{authority_code}/neighbour/{slug(source)}/{rank}")


def trust(name: str) -> URIRef:
    """A children's trust (or company) delivering children's services for authorities."""
    return URIRef(f"{base()}id/trust/{slug(name)}")


def vocabulary_graph() -> URIRef:
    """Named graph holding the ontology and the SKOS schemes, for queries that follow them."""
    return URIRef(f"{base()}graph/vocabulary")


def mention(finding_iri: URIRef, j: int) -> URIRef:
    """The j-th service mention (1-based, in reading order) of a finding."""
    return URIRef(f"{finding_iri}/mention/{j}")
