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
from kg.manifest import known_file
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


def date_in_file_name(path: str) -> date | None:
    """The date a file's name ends with ('...2019-06-11.pdf'), the last resort for the
    publication date of a report that does not print it (ILACS) and that the shipped
    manifest does not know: the shared corpus and Ofsted's downloads are named so, but a
    renamed file, or one named after the day it was downloaded, is not."""
    match = _ISO_NAME.search(Path(path).stem)
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def publication(
    printed: date | None, source: Source, warnings: list[str]
) -> tuple[date | None, str | None]:
    """The publication date and where it comes from: printed, the manifest, the file name."""
    entry = known_file(source.sha256)
    if entry is not None:
        source.url = entry.url
    if printed is not None:
        return printed, "printed"
    if entry is not None and entry.publication_date is not None:
        return entry.publication_date, "manifest"
    named = date_in_file_name(source.path)
    if named is not None:
        warnings.append(
            f"publication date {named.isoformat()} taken from the file name (not printed)"
        )
        return named, "file-name"
    return None, None


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
    issued, basis = publication(printed_publication, source, warnings)
    return Report(
        source=source,
        document_type=document_type,
        framework=framework,
        authority=resolve_authority(name, start, warnings),
        inspection=Inspection(start, end, inspectors, None),
        title=title,
        publication_date=issued,
        publication_basis=basis,
        judgements=judgements,
        recommendations=recommendations,
        sections=sections,
        paragraphs=paragraphs,
        warnings=warnings,
        text=doc.text,
    )
