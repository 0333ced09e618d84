"""Which findings support a recommendation: the rule, with its reasons.

Inspectors write 'what needs to improve' from the shortfalls they describe in the body,
in the same words. So a finding supports a recommendation when:

1. it is in the part of the report written about the recommendation's addressee (a
   Local Safeguarding Children Board's recommendations draw on the board's review, a
   local authority's on the rest);
2. it says much of what the recommendation says: the share of the recommendation's
   weighted words the finding also uses (words weighted by how rare they are in the
   report, so 'return home interviews' counts and 'children' does not), plus what they
   share of services the lexicon knows and of specific themes;
3. it is a weakness or mixed finding, or, less strongly, neutral (a recommendation to
   keep or extend something can also rest on praise, which counts least).

A paragraph printing '(Recommendation)' (SIF reports mark the paragraphs behind a
recommendation so) counts for the recommendation its words match best. Every finding
above a floor, and within a share of the best one's score, is kept, ranked best first
with its score, so a researcher sees all the evidence and how strong each piece is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from kg.model import Finding, Mention, Recommendation, Report

POLARITY_WEIGHT = {"weakness": 1.0, "mixed": 1.0, "neutral": 0.6, "strength": 0.2}
SERVICE_BONUS = 0.15
THEME_BONUS = 0.05
MARKER_BONUS = 0.25
FLOOR = 0.2
"""A finding must score at least this to count as evidence at all."""
SHARE_OF_BEST = 0.7
"""... and at least this share of the best finding's score for the same recommendation."""
MAX_FINDINGS = 12
MAX_PARAGRAPHS = 3
OTHERS_SHARE = 0.0

_WORD = re.compile(r"[a-z][a-z'-]*")
_MARKER = re.compile(r"\(\s*recommendations?\s*\)\s*\.?\s*$", re.IGNORECASE)
_STOPWORD_TEXT = (
    "a about above across after all also an and any are as at be been being both but by "
    "can could do does each ensure ensuring for from further has have having how if in "
    "into is it its more most must need needs no not of on or other our out over own "
    "should so some such than that the their them then there these they this those "
    "through to under until up use used using very was were what when where whether which "
    "while who whom why will with within would improve improving improvement improved "
    "quality effective effectively consistent consistently all sufficient sufficiently "
    "timely well good local authority authority's council children child's children's "
    "young people person people's person's "
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
"""Words every recommendation uses ('ensure that the quality of ... improves'): they say
how, not what, and would link every recommendation to every paragraph."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude English stem, enough to meet 'plans'/'planning'/'planned'."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [stem(w.strip("'-")) for w in _WORD.findall(text.lower()) if w not in STOPWORDS]


@dataclass(frozen=True)
class Link:
    finding: Finding
    score: float


def lscb_paragraphs(report: Report) -> set[int]:
    """Numbers of the paragraphs in the LSCB's part of the report."""
    lscb = {k for k, s in enumerate(report.sections) if s.area == "lscb-effectiveness"}
    if report.document_type == "lscb-review":
        return {p.n for p in report.paragraphs}
    return {p.n for p in report.paragraphs if p.section in lscb}


def _weights(texts: Iterable[list[str]]) -> dict[str, float]:
    documents = [set(t) for t in texts]
    frequency: Counter[str] = Counter(term for doc in documents for term in doc)
    n = len(documents) or 1
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in frequency.items()}


def link_evidence(
    report: Report,
    services_of: dict[tuple[int, int], set[str]],
    recommendation_services: Sequence[set[str]],
) -> None:
    """Fill each recommendation's evidence (findings, paragraphs, scores), best first."""
    findings = report.findings
    finding_terms = [terms(f.text) for f in findings]
    recommendation_terms = [terms(r.text) for r in report.recommendations]
    weight = _weights([*finding_terms, *recommendation_terms])
    lscb = lscb_paragraphs(report)
    marked = {p.n for p in report.paragraphs if _MARKER.search(p.text)}
    marker_owner = _marker_owners(report, marked, recommendation_terms, finding_terms, weight)
    finding_sets = [set(found) for found in finding_terms]
    factors = [POLARITY_WEIGHT.get(f.polarity, 0.5) for f in findings]
    finding_services = [services_of.get((f.paragraph, f.k), set()) for f in findings]
    for index, recommendation in enumerate(report.recommendations):
        wanted = set(recommendation_terms[index])
        total = sum(weight.get(t, 0.0) for t in wanted) or 1.0
        for_board = recommendation.addressee == "lscb"
        themes = set(recommendation.themes)
        services = recommendation_services[index]
        links: list[Link] = []
        for k, finding in enumerate(findings):
            if (finding.paragraph in lscb) != for_board:
                continue
            shared = finding_sets[k] & wanted
            if not shared and not services and not themes:
                continue
            overlap = sum(weight[t] for t in shared) / total
            bonus = SERVICE_BONUS * len(services & finding_services[k])
            if themes and finding.themes:
                bonus += THEME_BONUS * len(themes.intersection(finding.themes))
            if marker_owner.get(finding.paragraph) == index:
                bonus += MARKER_BONUS
            score = (overlap + bonus) * factors[k]
            if score >= FLOOR:
                links.append(Link(finding, round(score, 3)))
        links.sort(key=lambda link: (-link.score, link.finding.paragraph, link.finding.k))
        kept = _paragraphs(links)
        links = [link for link in links if link.finding.paragraph in kept][:MAX_FINDINGS]
        recommendation.evidence_findings = [(x.finding.paragraph, x.finding.k) for x in links]
        recommendation.evidence_scores = [x.score for x in links]
        recommendation.evidence_paragraphs = kept


def _paragraphs(links: list[Link]) -> list[int]:
    """The paragraphs the links fall in, best first: a paragraph scores its best finding
    plus a share of its others (a paragraph that returns to the point is stronger), and
    is kept within a share of the best paragraph, at most MAX_PARAGRAPHS of them."""
    scores: dict[int, list[float]] = {}
    for link in links:
        scores.setdefault(link.finding.paragraph, []).append(link.score)
    totals = {n: found[0] + OTHERS_SHARE * sum(found[1:3]) for n, found in scores.items()}
    if not totals:
        return []
    best = max(totals.values())
    ranked = sorted(totals, key=lambda n: (-totals[n], n))
    return [n for n in ranked if totals[n] >= SHARE_OF_BEST * best][:MAX_PARAGRAPHS]


def _marker_owners(
    report: Report,
    marked: set[int],
    recommendation_terms: list[list[str]],
    finding_terms: list[list[str]],
    weight: dict[str, float],
) -> dict[int, int]:
    """For each paragraph printing '(Recommendation)', the recommendation it best matches."""
    if not marked or not report.recommendations:
        return {}
    paragraph_terms: dict[int, set[str]] = {}
    for finding, found in zip(report.findings, finding_terms, strict=True):
        if finding.paragraph in marked:
            paragraph_terms.setdefault(finding.paragraph, set()).update(found)
    owners = {}
    for n, terms in paragraph_terms.items():
        scores = [
            sum(weight.get(t, 0.0) for t in terms & set(wanted)) for wanted in recommendation_terms
        ]
        best = max(range(len(scores)), key=lambda k: scores[k])
        if scores[best] > 0:
            owners[n] = best
    return owners


def mentions_by_finding(mentions: Iterable[Mention]) -> dict[tuple[int, int], set[str]]:
    found: dict[tuple[int, int], set[str]] = {}
    for mention in mentions:
        if mention.service_type:
            found.setdefault((mention.paragraph, mention.finding), set()).add(mention.service_type)
    return found


__all__ = ["Link", "Recommendation", "link_evidence", "mentions_by_finding", "terms"]
