"""The words that decide service mentions: which names are an authority's own services,
which words before a label make it someone else's, and which context words type a
locally named service.

Kept apart from the matching rules (kg.evidence.services) as the polarity cues are from
their scanner: these are the tables a researcher reads and edits.
"""

from __future__ import annotations

import re
from functools import cache

from kg.evidence.sentences import split_sentences

CONNECTORS = {"and", "of", "for", "&", "the", "in", "at", "to", "on", "with"}
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
def place_words() -> frozenset[str]:
    """Words of authority names ('Hampshire', 'Brent'): a place is not a local name."""
    from kg.authorities import load_register

    words: set[str] = set()
    for entry in load_register().entries:
        for name in (entry.name, *entry.name_variants):
            words.update(w.lower() for w in re.split(r"[\s,\-]+", name) if w)
    return frozenset(words - {"and", "of", "the", "upon", "on"})


def word(token: str) -> str:
    return re.sub(r"['’]s?$", "", token.lower())


def valid_name(name: str) -> bool:
    """A local name has a word of its own: not only generic words, places or connectors,
    and no word that marks a job, a partner agency or a date."""
    words = [word(t) for t in re.split(r"[\s\-]+", name) if t]
    if not words or any(w in REJECT for w in words):
        return False
    places = place_words()
    own = [w for w in words if w not in COMMON and w not in CONNECTORS and w not in places]
    return bool(own)


def strip_places(name: str) -> str:
    """'Hampshire Willow' -> 'Willow': a leading authority name is not part of the name."""
    tokens = name.split()
    places = place_words()
    while len(tokens) > 1 and word(tokens[0]) in places:
        tokens = tokens[1:]
    return " ".join(tokens)


def negative_context(text: str, start: int) -> bool:
    """True when one of the three words before a label makes it someone else's service
    ('independent fostering agencies') or not a service at all ('an unregistered children's
    home', 'the inspection of safeguarding and looked after children services')."""
    before = re.split(r"[.;:()]", text[max(0, start - 60) : start])[-1]
    words = [w.lower() for w in re.findall(r"[\w'’-]+", before)]
    return any(w in _NEGATIVE_BEFORE for w in words[-3:]) or bool(_INSPECTION_OF.search(before))


def cue_type(text: str, start: int, end: int, name: str, own: bool = False) -> str | None:
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
