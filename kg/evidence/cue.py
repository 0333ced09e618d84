"""One row of the polarity cue table (see ``kg.evidence.cues`` for how the table is read)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Cue"]


@dataclass(frozen=True)
class Cue:
    rule: str
    """Short rule name, printed in the audit string ('negated adverb')."""
    polarity: str
    """'strength' | 'weakness' | 'neutral' (descriptive, consumes its words) | 'hint'."""
    pattern: str
    """Regular expression in lower case, matched on the lower-cased sentence where a word
    starts; a word boundary is added at its end."""
    confidence: str = "high"
    notes: str = ""
