"""A small learned model that reads a sentence's polarity beside the cue rules.

The cue rules (kg.evidence.polarity) are exact where a cue fires and say 'neutral' where
none does; but most of what inspectors write is praise without a praise word ('Personal
advisers support care leavers' specific needs'), and read by hand such undecided
sentences were strengths more often than not. So a linear model (multinomial logistic
regression over the sentence's words and word pairs, plus what the rules said) was
trained on 2,400 sentences labelled by hand from 24 reports that are not in the
evaluation set (tests/evaluation/training; scripts/train_polarity.py trains it and
records its held-out accuracy). Its weights ship in kg/data/polarity-model.json: no
download, no external library, a few dictionary lookups per sentence.

How the two decide together (kg.evidence.polarity.classify): where the rules found no
cue, the model decides; where they found one, the model's call replaces theirs only
when it is confident (probability of at least ``model.threshold``). The finding's cue
records which decided and why: the model's probability and the words that weighed
most, beside the cue the rules found.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

from kg.resources import DATA_DIR

MODEL_FILE = DATA_DIR / "polarity-model.json"
LABELS = ("strength", "weakness", "mixed", "neutral")
_WORD = re.compile(r"[a-z][a-z'-]*|\d+")


def _stem(word: str) -> str:
    for suffix in ("ings", "ing", "ies", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def features(sentence: str, rule_polarity: str, rule_confidence: str, rule_kind: str) -> list[str]:
    """The sparse features of one sentence: words, word pairs, negation marks, the rules."""
    words = [_stem(w) for w in _WORD.findall(sentence.lower())]
    found = [f"w:{w}" for w in words]
    found += [f"b:{a}_{b}" for a, b in pairwise(words)]
    negated = False
    for w in words:  # a word after 'not', 'no' or 'lack' within the clause reads reversed
        if w in ("not", "no", "lack", "without", "never", "limit", "insufficient"):
            negated = True
            continue
        if negated:
            found.append(f"n:{w}")
    text = sentence.lower()
    if re.search(r"\d", text):
        found.append("d:number")
    if "%" in text or "per cent" in text or "national average" in text:
        found.append("d:rate")
    contrast = re.search(r"\b(?:but|although|however|while|whilst|despite|though)\b", text)
    if contrast:
        found.append(f"c:{rule_polarity}")
    found += [
        f"r:{rule_polarity}",
        f"r:{rule_polarity}:{rule_confidence}",
        f"k:{rule_kind}",
        "bias",
    ]
    return found


@dataclass(frozen=True)
class ModelCall:
    polarity: str
    probability: float
    reasons: tuple[str, ...]
    """The words that weighed most for the call, strongest first."""


@dataclass(frozen=True)
class PolarityModel:
    weights: dict[str, dict[str, float]]
    """feature -> label -> weight."""
    threshold: float
    """Probability above which the model's call replaces a cue the rules found."""
    trained_on: str

    def predict(self, feature_list: list[str]) -> ModelCall:
        scores = dict.fromkeys(LABELS, 0.0)
        seen = set()
        for feature in feature_list:
            if feature in seen:
                continue
            seen.add(feature)
            row = self.weights.get(feature)
            if row:
                for label, weight in row.items():
                    scores[label] += weight
        top = max(scores.values())
        exps = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(exps.values())
        label = max(exps, key=lambda k: exps[k])
        contributions = sorted(
            (
                (self.weights[f][label], f)
                for f in seen
                if f in self.weights and label in self.weights[f] and f[:2] in ("w:", "b:", "n:")
            ),
            reverse=True,
        )
        reasons = tuple(_readable(f) for w, f in contributions[:3] if w > 0)
        return ModelCall(label, exps[label] / total, reasons)


def _readable(feature: str) -> str:
    kind, _, text = feature.partition(":")
    text = text.replace("_", " ")
    return f"not {text}" if kind == "n" else text


@cache
def load_model() -> PolarityModel | None:
    """The shipped model, or None where it is absent (the rules then decide alone)."""
    if not MODEL_FILE.is_file():
        return None
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    return PolarityModel(
        weights=data["weights"], threshold=float(data["threshold"]), trained_on=data["trained_on"]
    )


def decide(rule_polarity: str, call: ModelCall, threshold: float) -> bool:
    """Whether the model's call is taken over the rules' (see the module docstring)."""
    return rule_polarity == "neutral" or call.probability >= threshold
