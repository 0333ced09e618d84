"""Polarity rules: the cue table's shape, real sentences with known polarity, the audit
string, the traps of negation and hedging, and the Hampshire 2019 gold paragraphs."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import HAMPSHIRE_PDF

from kg.evidence.cues import CUES, Cue
from kg.evidence.polarity import POLARITIES, PolarityCall
from kg.evidence.polarity import classify_rules as classify
from kg.evidence.scanner import Scanner, normalise, prefixes
from kg.evidence.sentences import split_sentences
from kg.model import Report
from kg.pipeline import extract_file

FIXTURE = Path(__file__).parent / "fixtures" / "polarity" / "sentences.tsv"

MUST = [4, 8, 10, 12, 19, 23, 30, 37, 38, 40]
"""Hampshire 2019 paragraphs that state a weakness (../shared/corpus/gold, copied here so
the test runs where the shared corpus is absent)."""
EITHER = [3, 9, 14, 29]
"""Paragraphs the gold leaves open; every other paragraph states strengths only."""


def fixture_rows() -> list[tuple[str, str]]:
    rows = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, expected = line.split("\t")
            rows.append((sentence, expected))
    return rows


# --- the table --------------------------------------------------------------------------


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.rule)
def test_cue_row_is_well_formed(cue: Cue) -> None:
    assert cue.rule and cue.rule == cue.rule.strip()
    assert cue.polarity in {"strength", "weakness", "neutral", "hint"}
    assert cue.confidence in {"high", "low"}
    compiled = re.compile(cue.pattern)
    assert compiled.groups == 0, "capturing groups would confuse the scanner"
    # Matching is on the lower-cased sentence, so letters must be lower case (escapes
    # such as \s and \w are fine; \S or \W would be a different, unintended class).
    assert not re.search(r"(?<!\\)[A-Z]|\\[SWDB]", cue.pattern), cue.pattern
    assert compiled.match("") is None, "a row must not match the empty string"


def test_every_row_is_indexed_by_prefix() -> None:
    """Rows the scanner cannot index are tried at every word: correct but slow."""
    assert [c.rule for c in CUES if prefixes(c.pattern, 3) is None] == []


def test_scanner_equals_one_big_alternation() -> None:
    """The prefix index is an optimisation only: same hits as the naive scan."""
    # A word starts after a space, or after one opening quote or bracket.
    start = r"(?<![^\s(\['\"‘“•])"
    naive = re.compile(start + "(?:" + "|".join(rf"((?:{c.pattern})\b)" for c in CUES) + ")")
    scanner = Scanner([c.pattern for c in CUES])
    for sentence, _ in fixture_rows():
        low = normalise(sentence)
        expected = [(m.lastindex - 1, m.start(), m.end()) for m in naive.finditer(low)]
        assert scanner.scan(low) == expected, sentence


def test_prefixes() -> None:
    assert prefixes(r"not\s+(?:always|all)", 3) == frozenset({"not"})
    assert prefixes(r"(?:a|an)\s+few", 3) == frozenset({"a f", "a  ", "an "})
    assert prefixes(r"no", 3) == frozenset({"no"})
    assert prefixes(r"\w+ly", 3) is None


# --- calls ------------------------------------------------------------------------------


@pytest.mark.parametrize(("sentence", "expected"), fixture_rows(), ids=lambda v: v[:50])
def test_fixture_sentence(sentence: str, expected: str) -> None:
    call = classify(sentence)
    if expected == "not-weakness":
        assert call.polarity in {"strength", "neutral"}, call.cue
    else:
        assert call.polarity == expected, call.cue


def test_call_is_frozen_and_auditable() -> None:
    call = classify("Visits to children do not always occur in a timely manner.")
    assert call == PolarityCall("weakness", "weakness: 'not always' (negated adverb)", "high")
    with pytest.raises(dataclasses.FrozenInstanceError):
        call.polarity = "strength"  # type: ignore[misc]


def test_cue_quotes_the_sentence() -> None:
    """The quoted cue is the text as printed, so a reader can find it in the sentence."""
    for sentence, _ in fixture_rows():
        call = classify(sentence)
        assert call.polarity in POLARITIES
        assert call.confidence in {"high", "low"}
        assert call.cue.startswith(call.polarity + ": ")
        for quoted in re.findall(r"'([^']*)' \(", call.cue):
            assert quoted in sentence, (quoted, sentence)


def test_mixed_names_both_sides_and_the_connective() -> None:
    call = classify(
        "Supervision is regular but is not consistently challenging enough to progress plans."
    )
    assert call.polarity == "mixed"
    assert "strength 'regular'" in call.cue
    assert "weakness 'not consistently'" in call.cue
    assert call.cue.endswith("split at 'but'")


@pytest.mark.parametrize(
    "sentence",
    [
        "The local authority has responsibility for 847 care leavers.",
        "Children who go missing are offered a return home interview.",
    ],
)
def test_neutral_is_always_low_confidence(sentence: str) -> None:
    call = classify(sentence)
    assert call.polarity == "neutral" and call.confidence == "low"


def test_hedged_praise_is_low_confidence() -> None:
    call = classify("Some disabled children are benefiting from innovative approaches.")
    assert (call.polarity, call.confidence) == ("strength", "low")


def test_hedged_weakness_stays_a_confident_weakness() -> None:
    call = classify("A small number of children experience lengthy delays between meetings.")
    assert (call.polarity, call.confidence) == ("weakness", "high")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Leaders are not complacent.", "strength"),
        ("Leaders are complacent.", "neutral"),
        ("Children no longer wait for assessments.", "strength"),
        ("Children wait for several months for assessments.", "weakness"),
        ("Plans progress without delay.", "strength"),
        ("Plans progress with delay.", "weakness"),
        ("Not all plans are clear.", "weakness"),
        ("All plans are clear.", "strength"),
        ("It is too early to see the impact.", "weakness"),
        ("Plans are not only clear but also timely.", "strength"),
    ],
)
def test_negation_pairs(sentence: str, expected: str) -> None:
    assert classify(sentence).polarity == expected


def test_case_and_whitespace_do_not_matter() -> None:
    shouted = classify("NOT ALL\nplans are   clear.")
    assert shouted.cue == "weakness: 'NOT ALL' (negated quantifier)"
    assert shouted.polarity == classify("Not all plans are clear.").polarity


# --- Hampshire 2019 gold ----------------------------------------------------------------


@cache
def hampshire() -> Report:
    return extract_file(HAMPSHIRE_PDF)[0]


@cache
def hampshire_calls() -> dict[int, list[PolarityCall]]:
    return {
        p.n: [classify(p.text[a:b]) for a, b in split_sentences(p.text)]
        for p in hampshire().paragraphs
    }


def test_gold_lists_match_shared_gold(gold: dict) -> None:
    assert gold["paragraphs_with_weaknesses"]["must"] == MUST
    assert gold["paragraphs_with_weaknesses"]["either"] == EITHER


@pytest.mark.parametrize("n", MUST)
def test_hampshire_weakness_paragraphs_have_a_weakness(n: int) -> None:
    calls = hampshire_calls()[n]
    assert any(c.polarity in {"weakness", "mixed"} for c in calls), [c.cue for c in calls]


def test_hampshire_strength_paragraphs_have_no_weakness() -> None:
    calls = hampshire_calls()
    assert len(calls) == 44
    wrong = {
        n: [c.cue for c in found if c.polarity in {"weakness", "mixed"}]
        for n, found in calls.items()
        if n not in MUST + EITHER
    }
    assert {n: cues for n, cues in wrong.items() if cues} == {}
