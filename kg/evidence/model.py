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

import heapq
import json
import math
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

from kg.resources import DATA_DIR

MODEL_FILE = DATA_DIR / "polarity-model.json"
LABELS = ("strength", "weakness", "mixed", "neutral")
_WORD = re.compile(r"[a-z][a-z'-]*|\d+")


@lru_cache(maxsize=65536)
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
    """The features it read (PolarityModel.reasons names the ones that weighed most)."""


@dataclass(frozen=True)
class PolarityModel:
    weights: dict[str, dict[str, float]]
    """feature -> label -> weight."""
    threshold: float
    """Probability above which the model's call replaces a cue the rules found."""
    trained_on: str

    def predict(self, feature_list: list[str]) -> ModelCall:
        vectors = self._vectors
        rows = [row for f in set(feature_list) if (row := vectors.get(f)) is not None]
        scores = [sum(column) for column in zip(*rows, strict=True)] if rows else [0.0] * 4
        top = max(scores)
        exps = [math.exp(score - top) for score in scores]
        best = max(range(len(LABELS)), key=lambda k: exps[k])
        return ModelCall(LABELS[best], exps[best] / sum(exps), tuple(feature_list))

    @property
    def _vectors(self) -> dict[str, tuple[float, ...]]:
        """feature -> one weight per label, in LABELS order (summed column-wise in C)."""
        cached = self.__dict__.get("_vector_cache")
        if cached is None:
            cached = {
                f: tuple(row.get(label, 0.0) for label in LABELS) for f, row in self.weights.items()
            }
            object.__setattr__(self, "_vector_cache", cached)
        return cached

    def reasons(self, call: ModelCall) -> tuple[str, ...]:
        """The words that weighed most for the call, strongest first."""
        column = LABELS.index(call.polarity)
        vectors = self._vectors
        weighed = (
            (row[column], f)
            for f in set(call.reasons)
            if f[1] == ":" and f[0] in "wbn" and (row := vectors.get(f)) is not None
        )
        return tuple(_readable(f) for w, f in heapq.nlargest(3, weighed) if w > 0)


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
