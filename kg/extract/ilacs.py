"""ILACS (2018 onwards) and the April 2026 reform (four judgements, no overall grade)."""

from __future__ import annotations

from datetime import date

from kg.extract.assemble import assemble_report
from kg.extract.body import extract_recommendations, extract_sections
from kg.extract.header import authority_name, inspection_dates, lead_inspectors
from kg.extract.judgements import extract_judgements
from kg.extract.vocabulary import ilacs_area_id
from kg.model import Judgement, Report, Source
from kg.read import Document

REFORM_START = date(2026, 4, 1)


def extract_ilacs(doc: Document, source: Source) -> Report:
    warnings = list(doc.warnings)
    judgements, table_end = extract_judgements(doc, "ILACS")
    framework = _framework(judgements)
    if framework == "ILACS-2026":
        for judgement in judgements:
            judgement.area = ilacs_area_id(judgement.area_label, framework)
    name, title = authority_name(doc)
    date_problems: list[str] = []
    start, end, printed_dates = inspection_dates(doc, date_problems)
    if start is None:
        reason = "; ".join(date_problems) or "none found"
        warnings.append(f"no inspection dates: {reason} (printed: {printed_dates!r})")
    if framework == "ILACS-2026" and start and start < REFORM_START:
        warnings.append("four-judgement table before the April 2026 reform")
    body_start = (table_end + 1) if table_end is not None else 0
    recommendations, after = extract_recommendations(doc, body_start)
    sections, paragraphs = extract_sections(doc, after, framework, warnings)
    if not judgements:
        warnings.append("no judgement table found")
    for judgement in judgements:
        if judgement.area is None:
            warnings.append(f"unrecognised judgement area {judgement.area_label!r}: not recorded")
        elif judgement.grade is None:
            warnings.append(
                f"unrecognised grade {judgement.grade_label!r} for {judgement.area_label!r}: "
                "not recorded"
            )
    return assemble_report(
        doc,
        source,
        framework=framework,
        document_type="inspection",
        name=name,
        title=title,
        start=start,
        end=end,
        inspectors=lead_inspectors(doc),
        printed_publication=None,
        judgements=judgements,
        recommendations=recommendations,
        sections=sections,
        paragraphs=paragraphs,
        warnings=warnings,
    )


def _framework(judgements: list[Judgement]) -> str:
    """The 2026 reform dropped the overall effectiveness judgement; nothing else did."""
    has_overall = any("overall effectiveness" in j.area_label.lower() for j in judgements)
    return "ILACS" if has_overall or not judgements else "ILACS-2026"
