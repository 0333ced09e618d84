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
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kg.evidence.sentences import split_sentences

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
_CONNECTORS = {"and", "of", "for", "&", "the", "in", "at", "to", "on", "with"}
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
_INSPECTION_OF = re.compile(r"\binspection of(?:\s+[\w'’-]+){0,3}\s*$", re.IGNORECASE)


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Generic words: a local name needs at least one word that is not one of these (or a place).
COMMON = _words(
    """
    a an the this that these those each every all some most many other both such our their
    its his her any no one two three new local existing specialist dedicated small wider
    whole single joint integrated multi-agency multi-disciplinary multidisciplinary
    children's childrens children child young people's people person family families
    parent parents care leaving leavers leaver looked after support supporting safeguarding
    social work worker workers early help targeted intensive assessment assessments referral
    referrals duty intake response advice contact access disabled disability disabilities
    adoption adoptive fostering foster permanence residential youth adolescent adolescents
    education educational inclusion attendance health mental emotional wellbeing well-being
    quality assurance performance business improvement review reviewing independent
    protection edge council county city borough district area locality localities
    community communities service services team teams unit units hub hubs panel panels
    centre centres directorate division
    project projects partnership board front door first help universal statutory
    strategic operational management senior leadership practice development learning
    training recruitment commissioning placements placement resources sufficiency legal
    admin administration office department
    """
)
# Words that no local name of the authority's own holds: national bodies and partners,
# jobs, dates. Checked in lower case.
REJECT = _words(
    """
    ofsted dfe department government national nhs police probation court courts cafcass
    judiciary justice clinical ccg hospital camhs mental barring disclosure prevent channel
    death overview adult adults safety
    director manager managers officer officers member members lead leads chair chairs
    head heads leader leaders principal chief executive minister commissioner inspector
    inspectors practitioner practitioners coordinator adviser advisers advisor advisors
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """
)
_NEGATIVE_BEFORE = _words(
    "independent private privately external externally voluntary neighbouring other national"
    " commercial unregistered unregulated"
)

# Context words that type a locally named service, most specific first. Only the strong
# cues (True) reach into the sentences either side of the mention: words like 'adoption'
# or 'referrals' run through whole paragraphs and would type every named service near them.
_EH = "edges?[ -]of[ -]care|entering care|(?:come|coming) into care|reunif\\w*"
CUES: tuple[tuple[str, str, bool], ...] = (
    ("exploitation-team", r"exploit\w*|CSE|CCE|county lines|traffick\w*", True),
    ("exploitation-team", r"adolescen\w*(?! mental health)|gangs?|extra-familial", True),
    ("exploitation-team", r"contextual safeguarding|serious youth violence", True),
    ("education-welfare-service", r"missing (?:from )?education|home educat\w*", True),
    ("return-home-interview-service", r"missing|return home interview\w*", True),
    ("edge-of-care", _EH + r"|intensive (?:family )?support", True),
    ("youth-justice-service", r"offend\w*|youth justice", True),
    ("disabled-childrens-team", r"disabled|disabilit\w*|short breaks", True),
    ("uasc-team", r"unaccompanied|asylum", True),
    ("kinship-team", r"kinship|special guardian\w*|connected (?:carers|persons)", False),
    ("fostering-service", r"fostering|foster carers?|foster care", False),
    ("adoption-service", r"adoption|adopters?|adoptive", False),
    ("leaving-care-service", r"care leavers?|leaving care|care[ -]experienced", False),
    ("virtual-school", r"virtual school|personal education plans?", False),
    ("family-group-conference-service", r"family group conferenc\w*", False),
    ("childrens-home", r"residential|children's homes?", False),
    ("early-help-service", r"early help|family support|troubled families", False),
    ("front-door", r"front door|referrals?|contacts", False),
    ("participation-team", r"participation", False),
)
_CUE_PATTERNS = tuple(
    (cid, re.compile(rf"\b(?:{p})\b", re.IGNORECASE), strong) for cid, p, strong in CUES
)


_WEAK_CUE_REACH = 90


@cache
def _places() -> frozenset[str]:
    """Words of authority names ('Hampshire', 'Brent'): a place is not a local name."""
    from kg.authorities import load_register

    words: set[str] = set()
    for entry in load_register().entries:
        for name in (entry.name, *entry.name_variants):
            words.update(w.lower() for w in re.split(r"[\s,\-]+", name) if w)
    return frozenset(words - {"and", "of", "the", "upon", "on"})


def _word(token: str) -> str:
    return re.sub(r"['’]s?$", "", token.lower())


def _valid_name(name: str) -> bool:
    """A local name has a word of its own: not only generic words, places or connectors,
    and no word that marks a job, a partner agency or a date."""
    words = [_word(t) for t in re.split(r"[\s\-]+", name) if t]
    if not words or any(w in REJECT for w in words):
        return False
    places = _places()
    own = [w for w in words if w not in COMMON and w not in _CONNECTORS and w not in places]
    return bool(own)


def _strip_places(name: str) -> str:
    """'Hampshire Willow' -> 'Willow': a leading authority name is not part of the name."""
    tokens = name.split()
    places = _places()
    while len(tokens) > 1 and _word(tokens[0]) in places:
        tokens = tokens[1:]
    return " ".join(tokens)


def _sentence_start(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".!?:;•"


def _negative_context(text: str, start: int) -> bool:
    """True when one of the three words before a label makes it someone else's service
    ('independent fostering agencies') or not a service at all ('an unregistered children's
    home', 'the inspection of safeguarding and looked after children services')."""
    before = re.split(r"[.;:()]", text[max(0, start - 60) : start])[-1]
    words = [w.lower() for w in re.findall(r"[\w'’-]+", before)]
    return any(w in _NEGATIVE_BEFORE for w in words[-3:]) or bool(_INSPECTION_OF.search(before))


def _cue_type(text: str, start: int, end: int, name: str, own: bool = False) -> str | None:
    """The service type that context words suggest: the name's own words first, then its
    sentence, then the sentences either side (unless ``own``: the name only); within a
    window the nearest cue wins. Weak cues count only close to the mention."""
    for cid, pattern, _ in _CUE_PATTERNS:
        if pattern.search(name):
            return cid
    if own:
        return None
    spans = split_sentences(text) or [(0, len(text))]
    index = next((i for i, (a, b) in enumerate(spans) if a <= start < b), 0)
    windows = [[spans[index]], spans[max(0, index - 1) : index] + spans[index + 1 : index + 2]]
    for neighbours, window in enumerate(windows):
        best: tuple[int, str] | None = None
        for lo, hi in window:
            for cid, pattern, strong in _CUE_PATTERNS:
                if neighbours and not strong:
                    continue
                for match in pattern.finditer(text, lo, hi):
                    if start <= match.start() < end:
                        continue
                    distance = min(abs(match.start() - start), abs(match.end() - end))
                    if not strong and distance > _WEAK_CUE_REACH:
                        continue
                    if best is None or distance < best[0]:
                        best = (distance, cid)
        if best:
            return best[1]
    return None


def _label_type(lexicon: Lexicon, phrase: str) -> str | None:
    """The service type of the label that lies inside a phrase, if any ('Sexual Exploitation
    Team' inside 'Barnardo's Against Sexual Exploitation Team')."""
    for _, _, ids in lexicon.service_matcher.finditer(phrase):
        return ids[0]
    return None


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
            generic = _strip_places(phrase), _strip_places(name)
            if any(lexicon.service_matcher.ids_of(g) for g in generic):
                continue  # a generic name ('the MASH service'): the label matcher types it
            words = [_word(w) for w in name.split()] + _capitalised_before(text, start)
            if any(w in REJECT for w in words) or not (quoted or _valid_name(name)):
                continue
            stype = _label_type(lexicon, phrase) or _cue_type(text, start, head.end(), name)
            local = _strip_places(name)
            found.append(
                ServiceMatch(start, head.end(), text[start : head.end()], stype, local, "local")
            )
            break
    return found


def _capitalised_before(text: str, start: int) -> list[str]:
    """Capitalised words just before a name: "Child and Adolescent Mental Health 'Enhanced
    Outreach Team'" belongs to a health service, not to the authority."""
    words = re.findall(r"[\w'’-]+", text[max(0, start - 40) : start])[-3:]
    return [_word(w) for w in words if w[:1].isupper()]


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
                    letters(w, split) for w in words if not (skip and w.lower() in _CONNECTORS)
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
            if tail[0].lower() in _CONNECTORS or tail[0][0].lower() != letters[0]:
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
    ids = lexicon.service_matcher.ids_of(_strip_places(expansion))
    if ids:
        return ServiceMatch(start, end, text[start:end], ids[0], None, "acronym")
    last = _word(expansion.split()[-1])
    last = last[:-1] if last.endswith("s") and last[:-1] in _HEAD_WORDS else last
    if last not in _HEAD_WORDS:
        return None
    words = [_word(t) for t in re.split(r"[\s\-]+", expansion)]
    if any(w in REJECT for w in words):
        return None
    inner = _label_type(lexicon, expansion) or _cue_type(expansion, 0, 0, expansion, own=True)
    if not inner and not _valid_name(expansion):
        return None  # generic words that tell no type ("children's social work services")
    stype = inner or _cue_type(text, start, end, expansion)
    local = _strip_places(expansion)
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
        service = known[keys[int(m.lastgroup[1:])]]
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
        if not _negative_context(text, start)
    ]
    candidates += _local_candidates(text, lexicon)
    local_known = dict(known or {})
    for match, acronym in acronym_intros(text, lexicon):
        candidates.append(match)
        if not lexicon.service_matcher.ids_of(acronym):
            local_known.setdefault(acronym, KnownService(match.service_type, match.local_name))
    candidates += _known_matches(text, local_known)
    return _select(candidates)
