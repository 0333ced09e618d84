"""Find the cues of the cue table in a sentence, fast enough to run on every sentence.

The semantics are those of one big alternation of every row, scanned left to right with
the table order breaking ties at a position: the first row that matches where a word
starts wins and consumes its words. Run literally, that alternation costs a few hundred
microseconds a sentence, because every row is tried at every character.

So rows are tried only where they can start. Each row's pattern is parsed once to list
the three-character prefixes a match can begin with ('not', 'del', 'a f'); at a word
start the scanner looks up the next three characters of the (lower-cased) sentence and
tries only the rows listed under them, compiled together in table order and cached. A
row whose prefixes cannot be listed (it starts with '\\w', say) is tried at every word,
which is slower but still correct. Matching is done on a lower-cased copy with all
whitespace read as a plain space, so patterns are written in lower case with ``\\s``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["Scanner", "prefixes"]

KEY = 3
"""Length of the prefix the rows are indexed by."""

_LEADING = re.compile(r"[^\w]+(?=[a-z])")
_WHITESPACE = re.compile(r"\s")


class Scanner:
    """Leftmost, table-ordered, non-overlapping matches of a list of patterns."""

    def __init__(self, patterns: Sequence[str]) -> None:
        self._patterns = list(patterns)
        self._anywhere: list[int] = []
        self._by_key: dict[str, list[int]] = {}
        for row, pattern in enumerate(self._patterns):
            keys = prefixes(pattern, KEY)
            if keys is None:
                self._anywhere.append(row)
                continue
            for key in keys:
                self._by_key.setdefault(key, []).append(row)
        self._compiled: dict[str, tuple[re.Pattern[str], list[int]] | None] = {}

    def scan(self, low: str) -> list[tuple[int, int, int]]:
        """``(row, start, end)`` of each match in ``low`` (text passed through
        ``normalise``), in order of position."""
        found: list[tuple[int, int, int]] = []
        free = 0
        pos = 0
        for token in low.split(" "):
            at = pos
            pos += len(token) + 1
            if at < free or not token:
                continue
            if not token[0].isalpha():
                # Skip opening punctuation ('(e.g.', "'good"); a token without letters
                # ('2015', '-') starts no cue.
                lead = _LEADING.match(token)
                if lead is None:
                    continue
                at += lead.end()
            entry = self._entry(low[at : at + KEY])
            if entry is None:
                continue
            m = entry[0].match(low, at)
            if m is not None and m.lastindex is not None:
                found.append((entry[1][m.lastindex - 1], at, m.end()))
                free = m.end()
        return found

    def _entry(self, head: str) -> tuple[re.Pattern[str], list[int]] | None:
        try:
            return self._compiled[head]
        except KeyError:
            pass
        rows = set(self._anywhere)
        for n in range(1, len(head) + 1):
            # Keys shorter than KEY come from patterns that can end early ('no').
            rows.update(self._by_key.get(head[:n], []) if n < KEY else [])
        rows.update(self._by_key.get(head, []))
        ordered = sorted(rows)
        entry = None
        if ordered:
            alternation = "|".join(rf"((?:{self._patterns[i]})\b)" for i in ordered)
            entry = (re.compile(alternation), ordered)
        self._compiled[head] = entry
        return entry


def normalise(text: str) -> str:
    """``text`` in lower case with whitespace as spaces, the same length (offsets hold)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _WHITESPACE.sub(" ", low)


def prefixes(pattern: str, k: int) -> frozenset[str] | None:
    """Every string of length ``k`` (or shorter, where a match can be shorter) that a
    match of ``pattern`` can start with; None when that cannot be listed."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        found = _seq(list(_parser.parse(pattern)), k, c)
    except Exception:  # a private module: any surprise means 'try this row everywhere'
        return None
    if found is None or "" in found:
        return None
    return frozenset(found)


def _seq(items: list, k: int, c: object) -> set[str] | None:
    """Prefixes (up to ``k`` characters) of the concatenation of parsed ``items``."""
    partial = {""}
    done: set[str] = set()
    for item in items:
        grow = {p for p in partial if len(p) < k}
        done |= partial - grow
        if not grow:
            break
        step = _item(item, k, c)
        if step is None:
            return None
        partial = {(p + s)[:k] for p in grow for s in step}
        if len(partial) > 5000:
            return None
    return done | partial


def _item(item: tuple, k: int, c: object) -> set[str] | None:
    op, av = item
    if op is c.LITERAL:  # type: ignore[attr-defined]
        return {chr(av)}
    if op is c.IN:  # type: ignore[attr-defined]
        chars: set[str] = set()
        for kind, value in av:
            if kind is c.LITERAL:  # type: ignore[attr-defined]
                chars.add(chr(value))
            elif kind is c.RANGE:  # type: ignore[attr-defined]
                chars.update(chr(x) for x in range(value[0], value[1] + 1))
            elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:  # type: ignore[attr-defined]
                chars.add(" ")
            else:
                return None
        return chars
    if op is c.AT or op in (c.ASSERT, c.ASSERT_NOT):  # type: ignore[attr-defined]
        return {""}
    if op is c.SUBPATTERN:  # type: ignore[attr-defined]
        return _seq(list(av[-1]), k, c)
    if op is c.BRANCH:  # type: ignore[attr-defined]
        out: set[str] = set()
        for branch in av[1]:
            found = _seq(list(branch), k, c)
            if found is None:
                return None
            out |= found
        return out
    if op in (c.MAX_REPEAT, c.MIN_REPEAT):  # type: ignore[attr-defined]
        low, high, body = av
        once = _seq(list(body), k, c)
        if once is None:
            return None
        out = {""} if low == 0 else set()
        current = {""}
        for n in range(1, min(high, k) + 1):
            current = {(a + b)[:k] for a in current for b in once}
            if n >= low:
                out |= current
        if low > k:
            out = current
        return out
    return None
