"""The cue table: phrases that make a sentence of an inspection report a strength or a weakness.

Read this table to understand any polarity call. The rows live in
``kg.evidence.cues_exceptions`` (tiers 1-2) and ``kg.evidence.cues_polar`` (tiers 3-5).
Each row is a ``Cue``: a rule name, the polarity it votes for, a regular expression
(matched on the lower-cased sentence, ending at a word boundary) and a note on why it
is there. The cues were collected by reading sentences
of the corpus of Ofsted children's services reports, graded outstanding to inadequate.

Order matters, and is the whole of the precedence logic. The classifier scans a sentence
once, left to right; at each position the first row (in table order) that matches there
wins and its words are consumed, so no later row can match inside them. That is how
negation is handled without a parser:

1. ``neutral`` rows take descriptive phrases out of play ('children who are not in
   education', 'strengths and difficulties questionnaire', 'as well as', 'well-being'),
   so their words cannot vote.
2. ``strength`` rows that contain a negation come next: negation that is praise ('not
   complacent', 'without delay', 'no longer wait', 'do not have to repeat their story').
3. ``weakness`` rows: negated praise and named shortfalls ('not always', 'not all',
   'too early to', 'delays', 'inconsistent' ...), and last of them any other 'not',
   'cannot' or "n't" (the brief's 'do not', 'are not'). Negations are matched from the
   'not', not from the auxiliary before it, so 'do not always' is the cue 'not always'.
4. plain ``strength`` rows ('effective', 'timely', 'benefit from' ...).
5. ``hint`` rows never decide a polarity; they only mark a sentence the rules leave
   neutral as unsure (confidence 'low'): hedges and words like 'challenge' or 'only'.

A row's ``confidence`` is 'low' where the phrase is evaluative only sometimes; a call
that rests on such a row alone is reported with low confidence.
"""

from __future__ import annotations

from kg.evidence.cue import Cue
from kg.evidence.cues_exceptions import DESCRIPTIVE, PRAISING_NEGATION
from kg.evidence.cues_polar import HINTS, STRENGTHS, WEAKNESSES

__all__ = ["CUES", "Cue"]

CUES: tuple[Cue, ...] = (*DESCRIPTIVE, *PRAISING_NEGATION, *WEAKNESSES, *STRENGTHS, *HINTS)
"""The whole table in precedence order (the tiers 1-5 above)."""
