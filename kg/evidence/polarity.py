"""Decide whether a sentence of an inspection report states a strength, a weakness or both.

The call must be auditable by a researcher, so it is made by the readable cue table in
``kg.evidence.cues`` and three small steps, never by a trained model:

1. **Cues.** The sentence is scanned once, left to right (``kg.evidence.scanner``). At
   each word the first row in table order that matches wins and consumes its words, so
   descriptive phrases ('children who are not in education') and negation that is praise
   ('without delay', 'not complacent') are taken before the bare words 'not' or 'delay'
   could vote for a weakness.
2. **Clauses.** The sentence is cut at contrastive connectives ('but', 'although',
   'however', 'despite', 'while' after a comma or at the start, 'whereas', 'albeit',
   'except', semicolons); a sentence-initial 'Although X, Y' is cut at its comma too.
   Inside one clause a weakness cue outweighs praise words, because inspectors negate
   praise in place ('plans do not always set out clear actions'). Praise words inside an
   aim ('to develop a strong response') describe a hope and do not vote.
3. **Combination.** A clause with a weakness cue is a weakness clause, otherwise one with
   a strength cue is a strength clause. Strength and weakness clauses together make the
   sentence 'mixed' ('There are some inconsistencies in record keeping, but successful
   liaison ... ensures ...'; 'Although X is weak, Y is strong'); one kind alone decides;
   none makes it 'neutral' (facts, counts, descriptions, plans).

Confidence is 'low' when the deciding cues are all low-confidence rows or when a strength
rests on a limiting hedge ('some', 'a small number of', 'beginning to'). A 'neutral' call
is always low confidence: it means the table found nothing to decide on, not that the
sentence is surely descriptive. Hedges never turn a weakness round: 'some children wait
too long' is a weakness.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.evidence.cues import CUES, Cue
from kg.evidence.scanner import Scanner, normalise

__all__ = ["POLARITIES", "PolarityCall", "classify", "classify_rules", "rule_name"]

POLARITIES = ("strength", "weakness", "mixed", "neutral")


@dataclass(frozen=True)
class PolarityCall:
    polarity: str
    """'strength' | 'weakness' | 'mixed' | 'neutral'."""
    cue: str
    """The cue(s) as matched and the rule name, e.g. "weakness: 'not always' (negated adverb)"."""
    confidence: str
    """'high' or 'low' (the rules were unsure)."""


@dataclass(frozen=True)
class _Hit:
    cue: Cue
    text: str
    start: int
    clause: int

    def describe(self) -> str:
        return f"'{self.text}' ({self.cue.rule})"


_SCANNER = Scanner([cue.pattern for cue in CUES])

_CONTRAST = re.compile(
    r"\b(?:(?<!all\s)but(?!\s+also)|although|though|however|despite|in\s+spite\s+of"
    r"|notwithstanding|whereas|albeit|nevertheless|nonetheless|except|with\s+the\s+exception"
    r"\s+of|apart\s+from)\b|;|,\s*(?:while|whilst|yet)\b(?!\s+to)|^(?:while|whilst)\b"
)
"""Contrastive connectives (matched on the lower-cased sentence): they start a clause."""
_CONTRAST_WORDS = (
    *("but", "though", "however", "despite", "spite", "notwithstanding", "whereas"),
    *("albeit", "nevertheless", "nonetheless", "except", "apart", "whil", "yet", ";"),
)
"""Substrings one of which every connective contains: a quick test before the regex."""
_SUBORDINATORS = frozenset({"although", "though", "while", "whilst", "despite", "in spite of"})
_NOT_ONLY = re.compile(r"\bnot\s+(?:only|just)\b")

_AIM = re.compile(
    r"\b(?:in\s+order\s+to|so\s+as\s+to|aims?\s+to|plans?\s+to|intended\s+to|designed\s+to|to)"
    r"\s+(?:further\s+|better\s+)?(?:improve|ensure|develop|strengthen|enhance|provide|deliver"
    r"|achieve|promote|consider|understand|increase|embed|establish|raise)\b(?:\s+[^\s,;]+){0,6}"
)
"""An aim ('to improve ...', 'plans to develop ...') and the six words after it, up to a
comma: praise words there describe what is hoped for, not what was found, so they do not
vote ('meetings to develop a strong, coordinated response')."""

_LIMITING_HEDGE = re.compile(
    r"\b(?:some|a\s+few|a\s+small\s+number|a\s+minority|in\s+some\s+cases|on\s+occasions?"
    r"|at\s+times|sometimes|partially|partly|beginning\s+to|starting\s+to|emerging"
    r"|early\s+signs)\b"
)
"""Hedges that limit praise ('some children benefit'): the strength is kept, unsure."""


def classify(sentence: str) -> PolarityCall:
    """The polarity of one sentence, with what decided it and a confidence.

    The cue rules decide first; the learned model (kg.evidence.model) decides instead
    where it is confident enough, and the cue then says so, with the rules' own call.
    """
    return _combined(sentence)


_RULE = re.compile(r"\(([^()]*)\)")


def rule_name(cue: str) -> str:
    """The rule named in a cue ("weakness: 'not always' (negated adverb)" -> the name)."""
    found = _RULE.search(cue)
    return found.group(1) if found else "none"


@lru_cache(maxsize=8192)
def _combined(sentence: str) -> PolarityCall:
    from kg.evidence.model import decide, features, load_model

    rules = classify_rules(sentence)
    model = load_model()
    if model is None:
        return rules
    call = model.predict(features(sentence, rules.polarity, rules.confidence, rule_name(rules.cue)))
    if call.polarity == rules.polarity and rules.polarity != "neutral":
        return rules  # agreed: the cue the rules found is the clearer reason
    if not decide(rules.polarity, call, model.threshold):
        return rules
    words = ", ".join(f"'{w}'" for w in model.reasons(call)) or "the sentence as a whole"
    cue = f"model: {call.polarity} (p={call.probability:.2f}; {words}); rules: {rules.cue}"
    confidence = "high" if call.probability >= 0.8 else "low"
    return PolarityCall(call.polarity, cue, confidence)


def classify_rules(sentence: str) -> PolarityCall:
    """The cue rules' call alone (what the model is trained beside)."""
    return _classify(sentence)


@lru_cache(maxsize=4096)
def _classify(sentence: str) -> PolarityCall:
    low = normalise(sentence)
    boundaries = _contrast_positions(low)
    hits = _hits(sentence, low, boundaries)
    weaknesses = [h for h in hits if h.cue.polarity == "weakness"]
    weak_clauses = {h.clause for h in weaknesses}
    aims = [m.span() for m in _AIM.finditer(low)] if " to " in low else []
    # A praise word in a clause that also names a shortfall is inside that shortfall
    # ('plans do not always set out clear actions'), so it does not make the call mixed;
    # one inside an aim is a hope ('plans to provide more effective services').
    strengths = [
        h
        for h in hits
        if h.cue.polarity == "strength"
        and h.clause not in weak_clauses
        and not any(start < h.start < end for start, end in aims)
    ]
    weak_conf = _confidence(weaknesses)
    strong_conf = _confidence(strengths)
    if strengths and _LIMITING_HEDGE.search(low):
        strong_conf = "low"

    if strengths and weaknesses:
        s, w = strengths[0], weaknesses[0]
        joint = _joint(boundaries, min(s.start, w.start), max(s.start, w.start))
        cue = f"mixed: strength {s.describe()} + weakness {w.describe()}, split at '{joint}'"
        return PolarityCall("mixed", cue, _worst(weak_conf, strong_conf))
    if weaknesses:
        return PolarityCall("weakness", f"weakness: {weaknesses[0].describe()}", weak_conf)
    if strengths:
        return PolarityCall("strength", f"strength: {strengths[0].describe()}", strong_conf)
    return _neutral(hits)


def _contrast_positions(low: str) -> list[tuple[int, str]]:
    """Where clauses start: (offset, connective) for each contrastive connective."""
    if not any(word in low for word in _CONTRAST_WORDS):
        return []
    not_only = [m.end() for m in _NOT_ONLY.finditer(low)]
    out: list[tuple[int, str]] = []
    for m in _CONTRAST.finditer(low):
        word = m.group(0).strip(" ,")
        if word == "but" and any(end < m.start() for end in not_only):
            continue  # 'not only ... but' adds, it does not contrast
        out.append((m.start(), word))
        if word in _SUBORDINATORS:
            # 'Although X is weak, Y is strong': the subordinate clause ends at its comma.
            comma = low.find(",", m.end())
            if comma != -1:
                out.append((comma, ","))
    return sorted(out)


def _hits(sentence: str, low: str, boundaries: list[tuple[int, str]]) -> list[_Hit]:
    hits = []
    for row, start, end in _SCANNER.scan(low):
        clause = sum(1 for pos, _ in boundaries if pos <= start)
        hits.append(_Hit(CUES[row], sentence[start:end], start, clause))
    return hits


def _confidence(hits: list[_Hit]) -> str:
    """'high' when at least one deciding cue is a high-confidence row."""
    return "high" if any(h.cue.confidence == "high" for h in hits) else "low"


def _worst(a: str, b: str) -> str:
    return "low" if "low" in (a, b) else "high"


def _joint(boundaries: list[tuple[int, str]], lo: int, hi: int) -> str:
    """The connective that separates two clauses ('but', ';'), for the audit string."""
    between = [word for pos, word in boundaries if lo < pos <= hi]
    return between[0] if between else ""


def _neutral(hits: list[_Hit]) -> PolarityCall:
    """No strength or weakness cue: always low confidence, since the sentence may still
    judge practice in words the table does not know; the cue says what was seen."""
    described = [h for h in hits if h.cue.polarity == "neutral"]
    hints = [h for h in hits if h.cue.polarity == "hint"]
    if hints:
        return PolarityCall("neutral", f"neutral: unresolved {hints[0].describe()}", "low")
    if described:
        return PolarityCall("neutral", f"neutral: only {described[0].describe()}", "low")
    return PolarityCall("neutral", "neutral: no evaluative cue", "low")
