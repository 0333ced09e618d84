"""Extraction: a normalised Document in, a Report dataclass out (never RDF)."""

from __future__ import annotations

from kg.extract.detect import detect_framework, looks_like_ofsted
from kg.extract.errors import ExtractError, NotAReport, UnsupportedFramework
from kg.extract.ilacs import extract_ilacs
from kg.model import Report, Source
from kg.read import Document

__all__ = ["ExtractError", "NotAReport", "UnsupportedFramework", "extract", "extract_all"]


def extract(doc: Document) -> Report:
    """Extract one report; raise ExtractError with a one-line reason when it cannot."""
    framework = detect_framework(doc)
    if framework is None:
        if looks_like_ofsted(doc):
            raise UnsupportedFramework(
                "an Ofsted document, but not a children's services inspection report "
                "of a known framework"
            )
        raise NotAReport("not an Ofsted children's services inspection report")
    source = Source(path=doc.path, sha256=doc.sha256, media_type=doc.media_type)
    if framework != "ILACS":
        raise UnsupportedFramework(f"{framework} reports are not supported yet")
    return extract_ilacs(doc, source)


def extract_all(doc: Document) -> list[Report]:
    """Every report a file holds (one for most files)."""
    return [extract(doc)]
