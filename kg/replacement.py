"""When a new reading of an inspection may replace the one a store holds.

Each inspection has one report graph, named by the authority and start date, so a second
file for the same inspection (another download, a renamed copy, a damaged one) replaces
the first. A damaged PDF can still be read in part, with garbled words, and would then
silently replace a sound graph. So a reading from a file with another sha256 replaces the
stored one only when it is at least as complete (paragraphs, graded judgements,
recommendations) and at least as legible (the share of known words, kg.read.quality);
otherwise it is refused with the reason, and ``--replace`` overrides the refusal.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.model import Report
from kg.rdf.namespaces import IKG, NIF, sha256_pattern
from kg.read.quality import word_share
from kg.store import Store

WORD_SHARE_TOLERANCE = 0.01
"""Legibility may differ this much between two sound readings (a cover page more or less)."""


@dataclass(frozen=True)
class Reading:
    """How complete and legible one reading of a report is."""

    sha256: str
    source: str
    paragraphs: int
    judgements: int
    recommendations: int
    word_share: float

    def describe(self) -> str:
        return (
            f"{self.paragraphs} paragraphs, {self.judgements} judgements, "
            f"{self.recommendations} recommendations, {self.word_share:.0%} known words"
        )


def reading_of(report: Report) -> Reading:
    """The reading a build would load (computed in the worker, beside the graph)."""
    return Reading(
        sha256=report.source.sha256,
        source=report.source.path,
        paragraphs=len(report.paragraphs),
        judgements=sum(1 for j in report.judgements if j.area and j.grade),
        recommendations=len(report.recommendations),
        word_share=round(word_share(report.text), 4),
    )


def stored_reading(store: Store, graph_iri: str) -> Reading | None:
    """The reading a store holds in ``graph_iri``, or None when it holds no report there."""
    query = f"""
SELECT ?sha ?source ?text
       (COUNT(DISTINCT ?p) AS ?paragraphs) (COUNT(DISTINCT ?j) AS ?judgements)
       (COUNT(DISTINCT ?r) AS ?recommendations)
WHERE {{ GRAPH <{graph_iri}> {{
  ?report <{NIF.isString}> ?text . {sha256_pattern("?report", "?sha")}
  OPTIONAL {{ ?report <http://purl.org/dc/terms/source> ?source }}
  OPTIONAL {{ ?report <{IKG.hasParagraph}> ?p }}
  OPTIONAL {{ ?report <{IKG.hasRecommendation}> ?r }}
  OPTIONAL {{ ?i <{IKG.hasJudgement}> ?j }}
}} }}
GROUP BY ?sha ?source ?text"""
    rows = store.query(query).rows
    if not rows:
        return None
    row = rows[0]
    return Reading(
        sha256=str(row["sha"]),
        source=str(row.get("source") or ""),
        paragraphs=int(str(row["paragraphs"])),
        judgements=int(str(row["judgements"])),
        recommendations=int(str(row["recommendations"])),
        word_share=round(word_share(str(row["text"])), 4),
    )


def shortfalls(new: Reading, old: Reading) -> list[str]:
    """What the new reading lacks against the old one (empty: it may replace it)."""
    lacks = []
    if new.paragraphs < old.paragraphs:
        lacks.append(f"{new.paragraphs} paragraphs against {old.paragraphs}")
    if new.judgements < old.judgements:
        lacks.append(f"{new.judgements} judgements against {old.judgements}")
    if new.recommendations < old.recommendations:
        lacks.append(f"{new.recommendations} recommendations against {old.recommendations}")
    if new.word_share < old.word_share - WORD_SHARE_TOLERANCE:
        lacks.append(f"{new.word_share:.0%} known words against {old.word_share:.0%}")
    return lacks
