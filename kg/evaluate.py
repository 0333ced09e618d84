"""How the evidence layer compares with a careful reader: scores against a labelled set.

A labelled set (tests/evaluation/, made by reading reports before looking at the tool's
output) holds, per report: sentences with the polarity and themes a reader gave them;
recommendations with the paragraphs a reader cites as their evidence and the body they
are addressed to; the services the report calls by a local name; and the cover facts.
This module runs the extractor on those reports and scores it, so bench/evidence.py can
print the figures and the tests can hold floors. Labelled sentences are matched to the
tool's findings by their words, not their numbers, so a change in how paragraphs or
sentences are cut is scored, not mistaken for a different sentence.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import Finding, Report

CLASSES = ("strength", "weakness", "mixed", "neutral", "not-evidence")
_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def report_path(corpus: Path, stem: str) -> Path:
    """'80443-bury_2021-12-17' -> corpus/reports/80443-bury/2021-12-17.pdf."""
    folder, _, name = stem.partition("_")
    return corpus / "reports" / folder / f"{name}.pdf"


@dataclass
class Score:
    """Counts behind one figure, so a figure is never quoted without its n."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.total if self.total else 0.0

    def __str__(self) -> str:
        return f"{self.value:.1%} ({self.hits}/{self.total})"


@dataclass
class PolarityResult:
    pairs: list[tuple[str, str, bool, str | None]] = field(default_factory=list)
    """(reader's label, tool's label, borderline, reader's alternative) per sentence."""
    unmatched: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> Score:
        return Score(sum(1 for g, t, _, _ in self.pairs if g == t), len(self.pairs))

    @property
    def lenient(self) -> Score:
        """Counting the reader's alternative for borderline sentences as right too."""
        hits = sum(1 for g, t, b, alt in self.pairs if g == t or (b and alt == t))
        return Score(hits, len(self.pairs))

    def per_class(self) -> dict[str, tuple[Score, Score]]:
        """Precision and recall of each class."""
        out = {}
        for label in CLASSES:
            predicted = [g for g, t, _, _ in self.pairs if t == label]
            gold = [t for g, t, _, _ in self.pairs if g == label]
            out[label] = (
                Score(sum(1 for g in predicted if g == label), len(predicted)),
                Score(sum(1 for t in gold if t == label), len(gold)),
            )
        return out

    def kappa(self) -> float:
        n = len(self.pairs)
        if not n:
            return 0.0
        observed = sum(1 for g, t, _, _ in self.pairs if g == t) / n
        gold = Counter(g for g, _, _, _ in self.pairs)
        tool = Counter(t for _, t, _, _ in self.pairs)
        expected = sum(gold[c] * tool[c] for c in CLASSES) / (n * n)
        return (observed - expected) / (1 - expected) if expected < 1 else 1.0

    def confusion(self) -> Counter[tuple[str, str]]:
        return Counter((g, t) for g, t, _, _ in self.pairs)


def _best_finding(sentence: str, findings: list[Finding]) -> Finding | None:
    """The tool's finding that is this sentence: same words, or the largest overlap."""
    target = words(sentence)
    if not target:
        return None
    joined = " ".join(target)
    best, best_score = None, 0.0
    wanted = set(target)
    for finding in findings:
        found = words(finding.text)
        if " ".join(found) == joined:
            return finding
        shared = len(wanted & set(found))
        score = shared / max(len(wanted), len(set(found)) or 1)
        if score > best_score:
            best, best_score = finding, score
    return best if best_score >= 0.6 else None


def score_polarity(items: Iterable[dict[str, object]], report: Report) -> PolarityResult:
    result = PolarityResult()
    for item in items:
        gold = str(item["polarity"])
        finding = _best_finding(str(item["sentence"]), report.findings)
        tool = finding.polarity if finding is not None else "not-evidence"
        if finding is None and gold != "not-evidence":
            result.unmatched.append(str(item["id"]))
        alternative = item.get("alternative")
        result.pairs.append(
            (gold, tool, bool(item.get("borderline")), str(alternative) if alternative else None)
        )
    return result


@dataclass
class ThemeResult:
    themeless: Score = field(default_factory=Score)
    """Labelled findings with a theme the reader saw that the tool gives no theme."""
    precision: Score = field(default_factory=Score)
    recall: Score = field(default_factory=Score)


def score_themes(items: Iterable[dict[str, object]], report: Report, into: ThemeResult) -> None:
    for item in items:
        if item["polarity"] == "not-evidence":
            continue
        finding = _best_finding(str(item["sentence"]), report.findings)
        if finding is None:
            continue
        gold = set(item.get("themes") or [])  # type: ignore[call-overload]
        tool = set(finding.themes)
        into.themeless.total += 1
        into.themeless.hits += int(not tool)
        into.precision.hits += len(gold & tool)
        into.precision.total += len(tool)
        into.recall.hits += len(gold & tool)
        into.recall.total += len(gold)


@dataclass
class LinkResult:
    recall_direct: Score = field(default_factory=Score)
    recall_all: Score = field(default_factory=Score)
    precision: Score = field(default_factory=Score)
    matched: Score = field(default_factory=Score)
    """Labelled recommendations the tool found (by their first words)."""
    addressee: Score = field(default_factory=Score)
    number: Score = field(default_factory=Score)
    """Recommendations whose printed number the tool gives (where one is printed)."""
    by_addressee: dict[str, LinkResult] = field(default_factory=dict)


def _rec_match(starts: str, recommendations: list[object]) -> object | None:
    target = words(starts)[:8]
    for rec in recommendations:
        if words(str(getattr(rec, "text", "")))[: len(target)] == target:
            return rec
    for rec in recommendations:  # the reader's first words may include a label or timescale
        text = " ".join(words(str(getattr(rec, "text", ""))))
        if " ".join(target[2:]) and " ".join(target[2:]) in text:
            return rec
    return None


def score_links(label: dict[str, object], report: Report, into: LinkResult) -> None:
    for item in label["recommendations"]:  # type: ignore[attr-defined]
        rec = _rec_match(str(item["starts"]), list(report.recommendations))
        addressee = str(item.get("addressee") or "local-authority")
        parts = [into, into.by_addressee.setdefault(addressee, LinkResult())]
        direct = {e["paragraph"] for e in item["evidence"] if e["strength"] == "direct"}
        every = {e["paragraph"] for e in item["evidence"]}
        found = set(getattr(rec, "evidence_paragraphs", []) or []) if rec is not None else set()
        for part in parts:
            part.matched.hits += int(rec is not None)
            part.matched.total += 1
            part.recall_direct.hits += len(direct & found)
            part.recall_direct.total += len(direct)
            part.recall_all.hits += len(every & found)
            part.recall_all.total += len(every)
            part.precision.hits += len(every & found)
            part.precision.total += len(found)
            if rec is not None:
                tool_addressee = getattr(rec, "addressee", "local-authority")
                part.addressee.hits += int(tool_addressee == addressee)
                part.addressee.total += 1
                if item.get("n") is not None:
                    part.number.hits += int(getattr(rec, "n", None) == item["n"])
                    part.number.total += 1


def _name_key(text: str) -> str:
    """A local name compared as people read it: case, 'the', quotes and heads aside."""
    found = [w for w in words(text) if w not in {"the", "team", "service", "services"}]
    return " ".join(found)


@dataclass
class LocalResult:
    recall: Score = field(default_factory=Score)
    recall_borderline: Score = field(default_factory=Score)
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def score_local(label: dict[str, object], report: Report, into: LocalResult) -> None:
    tool = {_name_key(m.local_name) for m in report.mentions if m.local_name}
    tool |= {_name_key(m.surface) for m in report.mentions if m.local_name}
    matched_tool: set[str] = set()
    for service in label["services"]:  # type: ignore[attr-defined]
        forms = {_name_key(f) for f in [service["name"], *service.get("forms", [])]}
        forms.discard("")
        hit = bool(forms & tool)
        matched_tool |= forms & tool
        target = into.recall_borderline if service.get("borderline") else into.recall
        target.total += 1
        target.hits += int(hit)
        if not hit and not service.get("borderline"):
            into.missed.append(f"{label['report']}: {service['name']}")
    for name in sorted(tool - matched_tool):
        into.extra.append(f"{label['report']}: {name}")


@dataclass
class EvaluationSet:
    root: Path
    polarity: dict[str, list[dict[str, object]]]
    recommendations: dict[str, dict[str, object]]
    local: dict[str, dict[str, object]]
    split: dict[str, list[str]]

    def reports(self) -> list[str]:
        return sorted(set(self.polarity) | set(self.recommendations) | set(self.local))

    def part(self, name: str) -> set[str]:
        """'dev', 'test' or 'all'."""
        if name == "all":
            return set(self.reports())
        return set(self.split[name])


def load_set(root: Path) -> EvaluationSet:
    polarity = {
        p.stem: [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]
        for p in sorted((root / "polarity").glob("*.jsonl"))
    }
    recs = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((root / "recommendations").glob("*.json"))
    }
    local = {
        p.stem: json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((root / "local-services").glob("*.json"))
    }
    split = json.loads((root / "split.json").read_text(encoding="utf-8"))
    return EvaluationSet(root, polarity, recs, local, split)


@dataclass
class Evaluation:
    polarity: PolarityResult = field(default_factory=PolarityResult)
    themes: ThemeResult = field(default_factory=ThemeResult)
    links: LinkResult = field(default_factory=LinkResult)
    local: LocalResult = field(default_factory=LocalResult)


def evaluate(labels: EvaluationSet, reports: dict[str, Report], part: str = "all") -> Evaluation:
    """Score the tool's reports (by report stem) on one part of the labelled set."""
    result = Evaluation()
    chosen = labels.part(part)
    for stem, report in sorted(reports.items()):
        if stem not in chosen:
            continue
        items = labels.polarity.get(stem, [])
        scored = score_polarity(items, report)
        result.polarity.pairs += scored.pairs
        result.polarity.unmatched += scored.unmatched
        score_themes(items, report, result.themes)
        if stem in labels.recommendations:
            score_links(labels.recommendations[stem], report, result.links)
        if stem in labels.local:
            score_local(labels.local[stem], report, result.local)
    return result
