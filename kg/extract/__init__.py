"""Extraction: a normalised Document in, Report dataclasses out (never RDF)."""

from __future__ import annotations

from kg.extract.detect import detect_framework, looks_like_ofsted
from kg.extract.errors import ExtractError, NotAReport, UnsupportedFramework
from kg.extract.evidence import add_evidence
from kg.extract.ilacs import extract_ilacs
from kg.extract.pre_sif import extract_pre_sif
from kg.extract.sif import extract_sif_all
from kg.model import Report, Source
from kg.read import Document

__all__ = ["ExtractError", "NotAReport", "UnsupportedFramework", "extract", "extract_all"]


def extract_all(doc: Document, evidence: bool = True) -> list[Report]:
    """Every report in the file, main one first; raise ExtractError with a one-line reason.

    A file usually holds one report; a SIF file can hold the local authority's report
    followed by a separately titled review of its Local Safeguarding Children Board.
    """
    framework = detect_framework(doc)
    if framework is None:
        if looks_like_ofsted(doc):
            raise UnsupportedFramework(
                "an Ofsted document, but not a children's services inspection report "
                "of a known framework"
            )
        raise NotAReport("not an Ofsted children's services inspection report")
    source = Source(path=doc.path, sha256=doc.sha256, media_type=doc.media_type)
    if framework == "SIF":
        reports = extract_sif_all(doc, source)
    elif framework == "pre-SIF":
        reports = [extract_pre_sif(doc, source)]
    else:
        reports = [extract_ilacs(doc, source)]
    if evidence:
        for report in reports:
            add_evidence(report)
    return reports


def extract(doc: Document) -> Report:
    """The file's main report (see extract_all for files holding more than one)."""
    return extract_all(doc)[0]
