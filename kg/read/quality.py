"""How sound a reading of a report is, in numbers two readings can be compared by.

pdfium 'opens' many damaged PDFs and returns part of the text, some of it with glyphs
mapped to the wrong characters ('7KH&RUSRUDWH' for 'The Corporate'). Such a reading
must never replace a sound one of the same inspection (kg.pipeline), and the measure
that tells them apart is the share of the text's words that are words reports use
(kg/data/words.txt, built by scripts/build_wordlist.py): about 0.97 for a sound report,
far less for a garbled one.
"""

from __future__ import annotations

import re
from functools import cache

from kg.resources import DATA_DIR

_WORD = re.compile(r"[A-Za-z]+(?:['-][A-Za-z]+)*")


@cache
def _words() -> frozenset[str]:
    path = DATA_DIR / "words.txt"
    return frozenset(path.read_text(encoding="utf-8").split())


def word_share(text: str) -> float:
    """Share of whitespace-separated tokens that are known words (punctuation aside).

    A token with digits or symbols inside a word ('7KH&RUSRUDWH') counts as unknown;
    numbers and dates alone ('2019', '12.') are left out of the count.
    """
    words = _words()
    known = counted = 0
    for token in text.split():
        bare = token.strip(".,;:!?()[]{}\"'%")
        if not bare:
            continue
        if bare.isalpha():  # most tokens: a plain word, no regex needed
            counted += 1
            known += bare.lower() in words
            continue
        if bare.replace(".", "").replace("/", "").replace("-", "").isdigit():
            continue
        counted += 1
        if _WORD.fullmatch(bare) and bare.lower() in words:
            known += 1
    return known / counted if counted else 0.0
