"""The evidence layer of one report: findings, service mentions, themes and the findings
that support each recommendation.

Every numbered paragraph is cut into sentences (kg.evidence.sentences); each sentence is a
finding with the polarity its cue rules give it (kg.evidence.polarity) and the themes
whose labels it contains (kg.evidence.lexicon, from ontology/vocab/themes.ttl). Services
are found across the whole report at once, so an acronym introduced in one paragraph
('the Adolescent Safeguarding Team (AST)') is known in the next.

How a recommendation is linked to its evidence is kg.evidence.links' job: the findings
of its addressee's part of the report that share its rarer words, services and themes,
weaknesses first, all of them ranked.

The vocabularies are read with rdflib (kg.evidence.lexicon), the one exception to
'extraction never imports rdflib': they are data that people edit, so improving a label
improves the graph without a code change.
"""

from __future__ import annotations

import re

from kg.evidence.lexicon import Lexicon, load_lexicon
from kg.evidence.links import link_evidence, mentions_by_finding
from kg.evidence.polarity import classify
from kg.evidence.sentences import split_sentences
from kg.model import Finding, Mention, Report, Span

BROAD_THEMES = frozenset(
    {"partnership-working", "timeliness", "leadership-and-governance", "assessment", "planning"}
)
"""Themes whose labels ('partners', 'timely', 'assessments', 'plans') occur in most
paragraphs: too common to link a recommendation to evidence on their own."""

WEAK = ("weakness", "mixed")


def service_key(service_type: str | None, local_name: str | None) -> str | None:
    """The authority's service a mention names: its local name, else its type."""
    if local_name:
        return "local-" + (re.sub(r"[^a-z0-9]+", "-", local_name.lower()).strip("-") or "x")
    return service_type


def add_evidence(report: Report, lexicon: Lexicon | None = None) -> None:
    """Fill ``report.findings`` and ``report.mentions`` and each recommendation's themes,
    National Framework concepts and evidence, in place."""
    lexicon = lexicon or load_lexicon()
    report.findings = []
    report.mentions = []
    by_paragraph: dict[int, list[Finding]] = {}
    for paragraph in report.paragraphs:
        base = paragraph.span.start
        found = by_paragraph.setdefault(paragraph.n, [])
        for k, (start, end) in enumerate(split_sentences(paragraph.text), start=1):
            text = paragraph.text[start:end]
            call = classify(text)
            finding = Finding(
                paragraph=paragraph.n,
                k=k,
                text=text,
                span=Span(base + start, base + end),
                polarity=call.polarity,
                cue=call.cue,
                confidence=call.confidence,
                themes=lexicon.themes(text),
            )
            found.append(finding)
            report.findings.append(finding)

    passages = lexicon.services_in_passages([p.text for p in report.paragraphs])
    for paragraph, matches in zip(report.paragraphs, passages, strict=True):
        findings = by_paragraph[paragraph.n]
        for match in matches:
            key = service_key(match.service_type, match.local_name)
            owner = _finding_at(findings, paragraph.span.start + match.start)
            if key is None or owner is None:
                continue
            report.mentions.append(
                Mention(
                    paragraph=paragraph.n,
                    finding=owner.k,
                    surface=match.surface,
                    span=Span(paragraph.span.start + match.start, paragraph.span.start + match.end),
                    service_type=match.service_type,
                    service=key,
                    local_name=match.local_name,
                    type_label=_type_label(lexicon, match.service_type),
                )
            )

    rec_matches = lexicon.services_in_passages([r.text for r in report.recommendations])
    recommendation_services: list[set[str]] = []
    for recommendation, matches in zip(report.recommendations, rec_matches, strict=True):
        recommendation.themes = lexicon.themes(recommendation.text)
        recommendation.national_framework_elements = sorted(
            {
                cid
                for tag in recommendation.national_framework
                for cid in lexicon.national_framework(tag)
            }
        )
        recommendation_services.append({m.service_type for m in matches if m.service_type})
    link_evidence(report, mentions_by_finding(report.mentions), recommendation_services)


def _type_label(lexicon: Lexicon, service_type: str | None) -> str | None:
    concept = lexicon.service_type_concepts.get(service_type) if service_type else None
    return concept.pref_label if concept is not None else None


def _finding_at(findings: list[Finding], offset: int) -> Finding | None:
    for finding in findings:
        if finding.span.start <= offset < finding.span.end:
            return finding
    return None
