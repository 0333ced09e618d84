"""The extraction JSON contract (README: 'The extraction JSON contract').

Field names here are how users and checks call the tool; add fields, never rename.
"""

from __future__ import annotations

from typing import Any

from kg.model import Report, Span


def report_to_json(report: Report) -> dict[str, Any]:
    inspection = report.inspection
    return {
        "source": {
            "path": report.source.path,
            "sha256": report.source.sha256,
            "media_type": report.source.media_type,
        },
        "document_type": report.document_type,
        "framework": report.framework,
        "title": report.title,
        "publication_date": _iso(report.publication_date),
        "authority": {
            "name": report.authority.name,
            "gss_code": report.authority.gss_code,
            "ofsted_urn": report.authority.ofsted_urn,
            "register_name": report.authority.register_name,
        },
        "inspection": {
            "start_date": _iso(inspection.start_date),
            "end_date": _iso(inspection.end_date),
            "lead_inspectors": list(inspection.lead_inspectors),
            "type": inspection.type,
        },
        "judgements": [
            {
                "area_label": j.area_label,
                "area": j.area,
                "grade_label": j.grade_label,
                "grade": j.grade,
                **_offsets(j.span),
            }
            for j in report.judgements
        ],
        "recommendations": [
            {
                "n": r.n,
                "text": r.text,
                "national_framework": list(r.national_framework),
                "national_framework_elements": list(r.national_framework_elements),
                "themes": list(r.themes),
                "evidence_paragraphs": list(r.evidence_paragraphs),
                "evidence_findings": [
                    {"paragraph": n, "finding": k, "score": score}
                    for (n, k), score in zip(
                        r.evidence_findings,
                        _scores(r.evidence_scores, len(r.evidence_findings)),
                        strict=True,
                    )
                ],
                "position": r.position,
                "numbered": r.numbered,
                "addressee": r.addressee,
                "timescale": r.timescale,
                **_offsets(r.span),
            }
            for r in report.recommendations
        ],
        "sections": [
            {
                "title": s.title,
                "area": s.area,
                "grade_label": s.grade_label,
                "first_paragraph": s.first_paragraph,
                "last_paragraph": s.last_paragraph,
            }
            for s in report.sections
        ],
        "paragraphs": [
            {
                "n": p.n,
                "section": report.sections[p.section].title,
                "text": p.text,
                **_offsets(p.span),
            }
            for p in report.paragraphs
        ],
        "findings": [
            {
                "paragraph": f.paragraph,
                "finding": f.k,
                "text": f.text,
                **_offsets(f.span),
                "polarity": f.polarity,
                "cue": f.cue,
                "confidence": f.confidence,
                "themes": list(f.themes),
            }
            for f in report.findings
        ],
        "mentions": [
            {
                "paragraph": m.paragraph,
                "finding": m.finding,
                "surface": m.surface,
                "service_type": m.service_type,
                "service": m.service,
                "local_name": m.local_name,
                **_offsets(m.span),
            }
            for m in report.mentions
        ],
        "warnings": list(report.warnings),
    }


def error_to_json(path: str, message: str) -> dict[str, Any]:
    return {"source": {"path": path}, "error": message}


def _offsets(span: Span | None) -> dict[str, int | None]:
    return {"start": span.start if span else None, "end": span.end if span else None}


def _iso(value: object) -> str | None:
    return value.isoformat() if value is not None else None  # type: ignore[attr-defined]


def _scores(scores: list[float], n: int) -> list[float | None]:
    """A score per evidence finding; None for graphs read before links had scores."""
    return list(scores) if scores else [None] * n
