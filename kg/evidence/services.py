"""Service mentions: service-type labels, local names and acronyms of one report.

Reports name a service in three ways, and each needs its own rule:

* By a generic name the service-type scheme knows ('the MASH', 'personal advisers'): the
  lexicon's label matcher finds these, and the type is the concept.
* By a local name: 'the Willow team', "the multi-disciplinary 'Willow' team", 'the
  'Pathways' service'. A capitalised or quoted name before team, service, project, hub,
  panel or unit is a local name unless every word of it is generic ('the Adoption Team'),
  a place ('Hampshire Children's Services'), a job ('Director of Children's Services') or
  a partner's ('Disclosure and Barring Service'). The name is kept (without its head noun:
  'Willow'), and the type comes from a service-type label inside the name, or from context
  words in the name, its sentence or the sentences either side ('exploitation',
  'adolescent', 'fostering'), or stays None.
* By an acronym introduced in brackets: 'the Adolescent Safeguarding Team (AST)', after
  which 'AST' alone names the same service, often paragraphs later. ``collect_known``
  gathers these from the whole report so each paragraph can be matched with them.

A label preceded by 'independent', 'private', 'other' and the like ('independent
fostering agencies', "other local authorities' children's homes") is not the authority's
own service and is dropped. This module is pure Python; the lexicon owns the vocabularies.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.evidence.service_words import (
    CONNECTORS,
    REJECT,
    cue_type,
    negative_context,
    strip_places,
    valid_name,
    word,
)

if TYPE_CHECKING:
    from kg.evidence.lexicon import Lexicon

__all__ = ["KnownService", "ServiceMatch", "collect_known", "find_services"]


@dataclass(frozen=True)
class ServiceMatch:
    """One mention of a service: a span of the text passed in."""

    start: int
    end: int
    surface: str
    service_type: str | None
    """Concept id of the service-type scheme, or None when nothing tells the type."""
    local_name: str | None
    """The service's own name ('Willow'), or None for a generic mention."""
    kind: str = "label"
    """Which rule found it: 'label', 'local', 'acronym', 'known' or 'anaphora' (for audit)."""


@dataclass(frozen=True)
class KnownService:
    """What an acronym or name introduced elsewhere in the report stands for."""

    service_type: str | None
    local_name: str | None


HEADS = r"(?:[Tt]eam|[Ss]ervice|[Pp]roject|[Hh]ub|[Pp]anel|[Uu]nit|TEAM|SERVICE)s?"
_HEAD_WORDS = {"team", "service", "project", "hub", "panel", "unit"}
_NAME_TOKEN = r"(?:[A-Z][\w'’&+]*(?:-[\w'’]+)*|[0-9]+[A-Za-z]+)"
_QUOTES = "'’‘"
_NAME_GOES_ON = re.compile(r"\s+(?:[A-Z][a-z]+|of [A-Z])")
_HEAD = re.compile(rf"\b(?P<head>{HEADS})\b")
# Names are looked for backwards from each head noun, so the expressions end at the head.
_CAPITALISED = re.compile(
    rf"(?P<pre>\b(?:the|The|its|their|our|a|an)\s+)?"
    rf"(?P<name>{_NAME_TOKEN}(?:\s+(?:(?:and|of|for|&)\s+)?{_NAME_TOKEN}){{0,4}})"
    r"\s+(?:multi-agency\s+|multi-disciplinary\s+)?$"
)
_QUOTED = re.compile(
    r"(?:\b(?:the|The)\s+)?(?<![\w])['‘](?P<name>[^\s'’‘][^'’‘]{0,40}?)['’]"
    r"\s+(?:multi-agency\s+|multi-disciplinary\s+)?$"
)
_BRACKETED = re.compile(r"\((?P<acr>[A-Z][A-Za-z]{1,8})\)")


def _label_type(lexicon: Lexicon, phrase: str) -> str | None:
    """The service type of the label that lies inside a phrase, if any ('Sexual Exploitation
    Team' inside 'Barnardo's Against Sexual Exploitation Team')."""
    for _, _, ids in lexicon.service_matcher.finditer(phrase):
        return ids[0]
    return None


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;•"


def _local_candidates(text: str, lexicon: Lexicon) -> list[ServiceMatch]:
    found: list[ServiceMatch] = []
    for head in _HEAD.finditer(text):
        if _NAME_GOES_ON.match(text, head.end()):
            continue  # 'the Enhanced Services Directorate', 'the Family Service Manager'
        lo = max(0, head.start() - 120)
        for pattern, quoted in ((_QUOTED, True), (_CAPITALISED, False)):
            match = pattern.search(text, lo, head.start())
            if match is None:
                continue
            name = match.group("name").strip().strip(_QUOTES)
            start = match.start()
            at_start = not quoted and not match.group("pre") and _sentence_start(text, start)
            if at_start and not all(is_caps(t) for t in name.split()):
                continue  # 'Adoption team ...' opening a sentence is capitalised anyway
            phrase = f"{name} {head.group()}"
            generic = strip_places(phrase), strip_places(name)
            if any(lexicon.service_matcher.ids_of(g) for g in generic):
                continue  # a generic name ('the MASH service'): the label matcher types it
            words = [word(w) for w in name.split()] + _capitalised_before(text, start)
            if any(w in REJECT for w in words) or not (quoted or valid_name(name)):
                continue
            stype = _label_type(lexicon, phrase) or cue_type(text, start, head.end(), name)
            local = strip_places(name)
            found.append(
                ServiceMatch(start, head.end(), text[start : head.end()], stype, local, "local")
            )
            break
    return found


def _capitalised_before(text: str, start: int) -> list[str]:
    """Capitalised words just before a name: "Child and Adolescent Mental Health 'Enhanced
    Outreach Team'" belongs to a health service, not to the authority."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 40) : start])[-3:]
    return [word(w) for w in words if w[:1].isupper()]


def is_caps(token: str) -> bool:
    return sum(c.isupper() for c in token) >= 2 and token.upper() == token


def _initials(words: list[str]) -> list[str]:
    """Ways the words can spell an acronym: every word, or skipping small words; a hyphenated
    word gives one letter or one per part ('multi-agency' -> 'm' or 'ma')."""

    def letters(word: str, split: bool) -> str:
        parts = [p for p in re.split(r"[-‐‑]", word) if p]
        return "".join(p[0] for p in parts) if split else word[0]

    spellings = set()
    for split in (False, True):
        for skip in (False, True):
            spellings.add(
                "".join(
                    letters(w, split) for w in words if not (skip and w.lower() in CONNECTORS)
                ).lower()
            )
    return sorted(spellings)


@lru_cache(maxsize=256)
def acronym_intros(text: str, lexicon: Lexicon) -> tuple[tuple[ServiceMatch, str], ...]:
    """'(expansion) (ACR)' pairs that name a service, as (match over the expansion, acronym).
    The expansion is the shortest run of words before the bracket whose initials spell the
    acronym ('children's assessment and safeguarding teams (CAST)')."""
    found = []
    for bracket in _BRACKETED.finditer(text):
        acronym = bracket.group("acr")
        if sum(c.isupper() for c in acronym) < 2:
            continue
        letters = (acronym[:-1] if acronym.endswith("s") else acronym).lower()
        lo = max(0, bracket.start() - 150)
        clause = re.split(r"[.,;:()]", text[lo : bracket.start()])[-1]
        clause_start = bracket.start() - len(clause)
        words = list(re.finditer(r"[\w'’&-]+", text[clause_start : bracket.start()]))[-10:]
        for k in range(1, len(words) + 1):
            tail = [w.group() for w in words[-k:]]
            if tail[0].lower() in CONNECTORS or tail[0][0].lower() != letters[0]:
                continue
            if letters in _initials(tail):
                start = clause_start + words[-k].start()
                expansion = text[start : bracket.start()].strip()
                match = _expansion_match(text, start, expansion, bracket.end(), lexicon)
                if match:
                    found.append((match, acronym))
                break
    return tuple(found)


def _expansion_match(
    text: str, start: int, expansion: str, end: int, lexicon: Lexicon
) -> ServiceMatch | None:
    ids = lexicon.service_matcher.ids_of(strip_places(expansion))
    if ids:
        return ServiceMatch(start, end, text[start:end], ids[0], None, "acronym")
    last = word(expansion.split()[-1])
    last = last[:-1] if last.endswith("s") and last[:-1] in _HEAD_WORDS else last
    if last not in _HEAD_WORDS:
        return None
    words = [word(t) for t in re.split(r"[\s\-]+", expansion)]
    if any(w in REJECT for w in words):
        return None
    inner = _label_type(lexicon, expansion) or cue_type(expansion, 0, 0, expansion, own=True)
    if not inner and not valid_name(expansion):
        return None  # generic words that tell no type ("children's social work services")
    stype = inner or cue_type(text, start, end, expansion)
    local = strip_places(expansion)
    return ServiceMatch(start, end, text[start:end], stype, local, "acronym")


def collect_known(texts: Sequence[str], lexicon: Lexicon) -> dict[str, KnownService]:
    """Acronyms (and the names they expand) introduced anywhere in the passages."""
    known: dict[str, KnownService] = {}
    for text in texts:
        for match, acronym in acronym_intros(text, lexicon):
            service = KnownService(match.service_type, match.local_name)
            if not lexicon.service_matcher.ids_of(acronym):
                known.setdefault(acronym, service)
            if match.local_name:
                known.setdefault(match.local_name, service)
    return known


def _known_matches(text: str, known: Mapping[str, KnownService]) -> list[ServiceMatch]:
    """Acronyms match as printed (with a plural or possessive); names ignore case."""
    keys = tuple(sorted(known, key=lambda k: (-len(k), k)))
    pattern = _known_pattern(keys) if keys else None
    found = []
    for m in pattern.finditer(text) if pattern else ():
        group = m.lastgroup
        assert group is not None  # every alternative of the pattern is a named group
        service = known[keys[int(group[1:])]]
        stype, local = service.service_type, service.local_name
        found.append(ServiceMatch(m.start(), m.end(), m.group(), stype, local, "known"))
    return found


@lru_cache(maxsize=64)
def _known_pattern(keys: tuple[str, ...]) -> re.Pattern[str]:
    """One expression for all that a report knows, compiled once per report."""
    parts = []
    for i, key in enumerate(keys):
        if re.fullmatch(r"[A-Z][A-Za-z]{1,8}", key) and sum(c.isupper() for c in key) >= 2:
            body = rf"(?-i:{re.escape(key)}(?:s|['’]s)?)"
        else:
            body = r"[\s\-]+".join(re.escape(w) for w in key.split()) + r"(?:s|['’]s?)?"
        parts.append(f"(?P<k{i}>{body})")
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


_PRIORITY = {"acronym": 4, "known": 3, "local": 2, "label": 1, "anaphora": 0}


def _select(candidates: list[ServiceMatch]) -> list[ServiceMatch]:
    """Longest first, then by rule priority; a span never overlaps one already chosen."""
    chosen: list[ServiceMatch] = []
    for cand in sorted(candidates, key=lambda m: (-(m.end - m.start), -_PRIORITY[m.kind], m.start)):
        if all(cand.end <= c.start or cand.start >= c.end for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda m: m.start)


def find_services(
    text: str, lexicon: Lexicon, known: Mapping[str, KnownService] | None = None
) -> list[ServiceMatch]:
    """Every service mention in one passage (see the module docstring for the rules)."""
    candidates = [
        ServiceMatch(start, end, text[start:end], ids[0], None, "label")
        for start, end, ids in lexicon.service_matcher.finditer(text)
        if not negative_context(text, start)
    ]
    candidates += _local_candidates(text, lexicon)
    local_known = dict(known or {})
    for match, acronym in acronym_intros(text, lexicon):
        candidates.append(match)
        if not lexicon.service_matcher.ids_of(acronym):
            local_known.setdefault(acronym, KnownService(match.service_type, match.local_name))
    candidates += _known_matches(text, local_known)
    return _select(candidates)
