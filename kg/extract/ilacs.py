"""ILACS (2018 onwards) and the April 2026 reform (four judgements, no overall grade)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from kg.authorities import load_register
from kg.extract.body import extract_recommendations, extract_sections
from kg.extract.header import authority_name, inspection_dates, lead_inspectors
from kg.extract.judgements import extract_judgements
from kg.extract.vocabulary import ilacs_area_id
from kg.model import Authority, Inspection, Judgement, Report, Source
from kg.read import Document

REFORM_START = date(2026, 4, 1)
_ISO_NAME = re.compile(r"(?:^|\D)(\d{4})-(\d{2})-(\d{2})$")


def extract_ilacs(doc: Document, source: Source) -> Report:
    warnings = list(doc.warnings)
    judgements, table_end = extract_judgements(doc, "ILACS")
    framework = _framework(judgements)
    if framework == "ILACS-2026":
        for judgement in judgements:
            judgement.area = ilacs_area_id(judgement.area_label, framework)
    name, title = authority_name(doc)
    start, end, printed_dates = inspection_dates(doc)
    if start is None:
        warnings.append(f"no inspection dates found (printed: {printed_dates!r})")
    if framework == "ILACS-2026" and start and start < REFORM_START:
        warnings.append("four-judgement table before the April 2026 reform")
    body_start = (table_end + 1) if table_end is not None else 0
    recommendations, after = extract_recommendations(doc, body_start)
    sections, paragraphs = extract_sections(doc, after, framework, warnings)
    if not judgements:
        warnings.append("no judgement table found")
    if not paragraphs:
        warnings.append("no numbered paragraphs found")
    for judgement in judgements:
        if judgement.area is None or judgement.grade is None:
            warnings.append(f"unrecognised judgement row: {judgement.area_label!r}")
    inspectors = lead_inspectors(doc)
    if not inspectors:
        warnings.append("no lead inspector printed")
    return Report(
        source=source,
        document_type="inspection",
        framework=framework,
        authority=_authority(name, start, warnings),
        inspection=Inspection(start, end, inspectors, None),
        title=title,
        publication_date=publication_date(source.path),
        judgements=judgements,
        recommendations=recommendations,
        sections=sections,
        paragraphs=paragraphs,
        warnings=warnings,
        text=doc.text,
    )


def _framework(judgements: list[Judgement]) -> str:
    """The 2026 reform dropped the overall effectiveness judgement; nothing else did."""
    has_overall = any("overall effectiveness" in j.area_label.lower() for j in judgements)
    return "ILACS" if has_overall or not judgements else "ILACS-2026"


def _authority(name: str | None, on: date | None, warnings: list[str]) -> Authority:
    if not name:
        warnings.append("authority name not found on the cover")
        return Authority(name="")
    entry = load_register().resolve(name, on=on)
    if entry is None:
        warnings.append(f"authority {name!r} not in the register")
        return Authority(name=name)
    return Authority(name, entry.gss_code, entry.ofsted_urn, entry.name)


def publication_date(path: str) -> date | None:
    """ILACS reports do not print their publication date; a file named by it gives it.

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
