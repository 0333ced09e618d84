"""The last step every framework shares: cover facts and parts into one Report.

Each framework finds its judgements, sections and paragraphs its own way, but resolving
the authority, choosing the publication date and warning about what the cover lacked
are the same for all of them, so they live here once.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kg.authorities import load_register
from kg.model import (
    Authority,
    Inspection,
    Judgement,
    Paragraph,
    Recommendation,
    Report,
    Section,
    Source,
)
from kg.read import Document

_ISO_NAME = re.compile(r"(?:^|\D)(\d{4})-(\d{2})-(\d{2})$")


def resolve_authority(name: str | None, on: date | None, warnings: list[str]) -> Authority:
    """The printed name with the register's codes, or a warning saying why there are none."""
    if not name:
        warnings.append("authority name not found on the cover")
        return Authority(name="")
    entry = load_register().resolve(name, on=on)
    if entry is None:
        warnings.append(f"authority {name!r} not in the register")
        return Authority(name=name)
    return Authority(name, entry.gss_code, entry.ofsted_urn, entry.name)


def publication_date(path: str) -> date | None:
    """The publication date a file's name gives, for reports that do not print it (ILACS).

    Ofsted's own downloads and the shared corpus name files '...YYYY-MM-DD.pdf' after the
    publication date, so that name is used when present and nothing is guessed otherwise.
    """
    match = _ISO_NAME.search(Path(path).stem)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def assemble_report(
    doc: Document,
    source: Source,
    *,
    framework: str,
    document_type: str,
    name: str | None,
    title: str | None,
    start: date | None,
    end: date | None,
    inspectors: list[str],
    printed_publication: date | None,
    judgements: list[Judgement],
    recommendations: list[Recommendation],
    sections: list[Section],
    paragraphs: list[Paragraph],
    warnings: list[str],
) -> Report:
    """Build the Report, adding the warnings common to every framework."""
    if not paragraphs:
        warnings.append("no numbered paragraphs found")
    if not inspectors:
        warnings.append("no lead inspector printed")
    return Report(
        source=source,
        document_type=document_type,
        framework=framework,
        authority=resolve_authority(name, start, warnings),
        inspection=Inspection(start, end, inspectors, None),
        title=title,
        publication_date=printed_publication or publication_date(source.path),
        judgements=judgements,
        recommendations=recommendations,
        sections=sections,
        paragraphs=paragraphs,
        warnings=warnings,
        text=doc.text,
    )
