"""Phrase matchers built from the project's SKOS vocabularies: themes, service types and
the National Framework.

The vocabularies in ontology/vocab/ are data, so what counts as a theme or a service lives
there and not in code: a better label improves the graph without a code change. This
module reads them once per process (rdflib is used here only, because the vocabularies
are RDF) and compiles every label into one regular expression per scheme.

Labels are phrases, not patterns. A label matches text:

* on word boundaries, ignoring case, except that an all-capital acronym token ('MASH',
  'IRO') matches only as printed, so 'MASH' is found and 'mash' is not;
* with or without a plural or possessive ending on its last word ('IROs', 'PAs',
  'agencies', "board's");
* with hyphens, spaces, or nothing between its words ('edge-of-care' = 'edge of care',
  'well-being' = 'wellbeing'), '&' for 'and', and curly or straight apostrophes, or none.

At each point of the text the longest label wins ('missing from education' is a theme of
its own, not 'missing'), and matches never overlap. Labels are kept in a trie so that the
whole scheme is one expression that the regex engine walks in C: the matchers add a few
milliseconds per report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.evidence import services as _services
from kg.evidence.services import KnownService, ServiceMatch
from kg.resources import vocab_dir

__all__ = [
    "KnownService",
    "Lexicon",
    "PhraseMatcher",
    "ServiceMatch",
    "load_lexicon",
    "phrase_key",
]

VOCAB_BASE = "https://w3id.org/inspection-kg/vocab/"
THEME_FILE = "themes.ttl"
SERVICE_FILE = "service-types.ttl"
FRAMEWORK_FILE = "national-framework.ttl"

_SPLIT = re.compile(r"[\s\-‐‑–—,/]+")
_SEP = r"[\s\-‐‑–,]*"
_APOSTROPHES = "'’‘"
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*s?")
# Letters by how often English words start with them: the most frequent groups go first.
_FIRST_LETTERS = "tasoiwcbphfmdrelngyukvjqxz0123456789"
_ARTICLE = re.compile(r"\b(?:[Tt]he|[Tt]his)\s+$")
_BOARD_OR_PANEL = re.compile(r"\b(?P<head>[Bb]oard|[Pp]anel)s?\b")
_NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6"}


def _tokens(phrase: str) -> list[str]:
    return [t for t in _SPLIT.split(phrase.strip()) if t]


def is_acronym(token: str) -> bool:
    """'MASH', 'IROs', 'PAs', 'CAMHS': capitals (and digits), at least two, maybe a plural s."""
    return bool(_ACRONYM.fullmatch(token)) and sum(c.isupper() for c in token) >= 2


def _canonical_last(word: str) -> str:
    """Fold a plural or possessive ending so that 'services', 'service' and "service's" meet."""
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word[:-1] if word.endswith("e") else word


def phrase_key(phrase: str) -> str:
    """The form under which a label and any text it matches are looked up: lower case, no
    apostrophes or separators, '&' read as 'and', the last word's plural folded."""
    words = [
        "and" if t == "&" else t.lower().translate({ord(c): None for c in _APOSTROPHES})
        for t in _tokens(phrase)
    ]
    words = [w for w in words if w]
    if not words:
        return ""
    words[-1] = _canonical_last(words[-1])
    return "".join(words)


def _token_pattern(token: str, last: bool) -> str:
    if token == "&" or token.lower() == "and":
        return "(?:and|&)"
    if is_acronym(token):
        base = token[:-1] if token.endswith("s") else token
        return f"(?-i:{re.escape(base)}(?:s|['’]s)?)"
    word = token.rstrip(_APOSTROPHES) if last else token
    suffix = ""
    if last:
        if word.endswith("ies") and len(word) > 4:
            word, suffix = word[:-3], "(?:y|ies)"
        elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
            word, suffix = word[:-1], "(?:y|ies)"
        elif word.endswith("s") and not word.endswith("ss"):
            word, suffix = word[:-1], "(?:e?s)?"
        else:
            suffix = "(?:e?s)?"
        suffix += "(?:['’]s?)?"
    body = "".join("['’]?" if c in _APOSTROPHES else re.escape(c) for c in word)
    return body + suffix


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    terminal: bool = False

    def depth(self) -> int:
        return 1 + max((c.depth() for c in self.children.values()), default=0)


def _node_pattern(token: str, node: _Node) -> str:
    options = []
    if node.children:
        ordered = sorted(node.children.items(), key=lambda kv: (-kv[1].depth(), kv[0]))
        inner = "|".join(_node_pattern(t, n) for t, n in ordered)
        options.append(f"{_token_pattern(token, last=False)}{_SEP}(?:{inner})")
    if node.terminal:
        options.append(_token_pattern(token, last=True) + r"(?![\w])")
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


def _dispatch(root: _Node) -> str:
    """The alternatives under the root, grouped by their first one and two characters
    behind lookaheads. The regex engine tries alternatives one by one, so without the
    groups every word of the text would be tried against every label (ten times slower)."""
    groups: dict[str, dict[str, list[str]]] = {}
    ordered = sorted(root.children.items(), key=lambda kv: (-kv[1].depth(), kv[0]))
    for token, node in ordered:
        first = token[0].lower()
        second = token[:2].lower() if len(token) > 1 and token[:2].isalnum() else ""
        groups.setdefault(first, {}).setdefault(second, []).append(_node_pattern(token, node))
    options = []
    for first, by_second in sorted(groups.items(), key=lambda kv: _FIRST_LETTERS.find(kv[0])):
        inner = []
        for second, patterns in by_second.items():
            joined = "|".join(patterns)
            inner.append(f"(?={re.escape(second)})(?:{joined})" if second else joined)
        options.append(f"(?={re.escape(first)})(?:{'|'.join(inner)})")
    return "|".join(options) or "(?!)"


class PhraseMatcher:
    """Every label of a mapping {label: ids} in one expression; longest label first."""

    def __init__(self, labels: Mapping[str, Sequence[str]]) -> None:
        self.ids: dict[str, tuple[str, ...]] = {}
        root = _Node()
        for label, ids in labels.items():
            words = _tokens(label)
            key = phrase_key(label)
            if not words or not key:
                continue
            merged = dict.fromkeys((*self.ids.get(key, ()), *ids))
            self.ids[key] = tuple(merged)
            node = root
            for word in words:
                if is_acronym(word):
                    trie_key = word[:-1] if word.endswith("s") else word
                else:
                    trie_key = word.lower()
                node = node.children.setdefault(trie_key, _Node())
            node.terminal = True
        self.pattern = re.compile(rf"(?<![\w])(?:{_dispatch(root)})", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """(start, end, ids) of each match, left to right, never overlapping."""
        for match in self.pattern.finditer(text):
            ids = self.ids.get(phrase_key(match.group()))
            if ids:
                yield match.start(), match.end(), ids

    def ids_of(self, phrase: str) -> tuple[str, ...]:
        """The ids of the label that is exactly this phrase (after folding), if any."""
        return self.ids.get(phrase_key(phrase), ())


@dataclass(frozen=True)
class Concept:
    id: str
    pref_label: str
    labels: tuple[str, ...]
    """prefLabel, altLabels and hiddenLabels (English)."""
    broader: str | None
    notation: str | None


def read_scheme(path: Path, scheme: str) -> dict[str, Concept]:
    """The concepts of one scheme in one Turtle file, by id (the IRI after .../vocab/<scheme>/)."""
    # rdflib is imported here, not at the top: the vocabularies are Turtle, but extraction
    # as a library (kg.extract) must not load an RDF stack before it reads them
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF, SKOS

    graph = Graph().parse(path, format="turtle")
    scheme_iri = URIRef(VOCAB_BASE + scheme)
    prefix = f"{scheme_iri}/"
    concepts: dict[str, Concept] = {}
    for iri in sorted(graph.subjects(SKOS.inScheme, scheme_iri), key=str):
        if (iri, RDF.type, SKOS.Concept) not in graph:
            continue
        labels: list[str] = []
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            labels += sorted(
                str(v)
                for v in graph.objects(iri, predicate)
                if isinstance(v, Literal) and v.language in (None, "en")
            )
        broader = graph.value(iri, SKOS.broader)
        notation = graph.value(iri, SKOS.notation)
        cid = str(iri).removeprefix(prefix)
        concepts[cid] = Concept(
            id=cid,
            pref_label=str(graph.value(iri, SKOS.prefLabel) or cid),
            labels=tuple(labels),
            broader=str(broader).removeprefix(prefix) if broader else None,
            notation=str(notation) if notation is not None else None,
        )
    return concepts


def _label_map(concepts: Mapping[str, Concept]) -> dict[str, list[str]]:
    labels: dict[str, list[str]] = {}
    for concept in concepts.values():
        for label in concept.labels:
            labels.setdefault(label, []).append(concept.id)
    return labels


class Lexicon:
    """Compiled matchers for the theme, service-type and National Framework schemes."""

    def __init__(
        self,
        themes: Mapping[str, Concept],
        service_types: Mapping[str, Concept],
        framework: Mapping[str, Concept],
    ) -> None:
        self.theme_concepts = dict(themes)
        self.service_type_concepts = dict(service_types)
        self.framework_concepts = dict(framework)
        self.theme_matcher = PhraseMatcher(_label_map(themes))
        self.service_matcher = PhraseMatcher(_label_map(service_types))
        # National Framework: numbered labels ('Outcome 3') by key, wording by phrase.
        self._framework_numbered: dict[str, str] = {}
        wording: dict[str, list[str]] = {}
        for concept in framework.values():
            for label in concept.labels:
                numbered = re.fullmatch(r"(outcome|enabler|principle)\s+(\w+)", label, re.I)
                if numbered:
                    self._framework_numbered[_numbered_key(*numbered.groups())] = concept.id
                elif ":" not in label:
                    wording.setdefault(label, []).append(concept.id)
        self.framework_matcher = PhraseMatcher(wording)

    def themes(self, text: str) -> list[str]:
        """Sorted unique theme ids whose labels occur in the text."""
        found = {cid for _, _, ids in self.theme_matcher.finditer(text) for cid in ids}
        return sorted(found)

    def services(
        self, text: str, known: Mapping[str, KnownService] | None = None
    ) -> list[ServiceMatch]:
        """Mentions of services in the text, in order: service-type labels, local names
        ('the Willow team'), acronyms introduced in brackets, and ``known`` acronyms or names
        collected from the rest of the report (see ``collect_known``)."""
        return _services.find_services(text, self, known)

    def collect_known(self, texts: Sequence[str]) -> dict[str, KnownService]:
        """Acronyms and names introduced anywhere in a report ('the Adolescent Safeguarding
        Team (AST)'), to pass as ``known`` when matching each of its paragraphs."""
        return _services.collect_known(texts, self)

    def services_in_passages(self, texts: Sequence[str]) -> list[list[ServiceMatch]]:
        """Mentions in each passage of one report, in reading order. Acronyms introduced in
        one passage are known in all, and 'the board' or 'the panel' is resolved to the board
        or panel named last, if that was in the last two passages; any other board or panel
        named in between ('the Family Justice Board') breaks the chain, so 'the board' is
        never given to the wrong body."""
        known = self.collect_known(texts)
        antecedent: dict[str, tuple[int, ServiceMatch] | None] = {"board": None, "panel": None}
        result = []
        for index, text in enumerate(texts):
            matches = self.services(text, known)
            extra = []
            for noun in _BOARD_OR_PANEL.finditer(text):
                head = noun.group("head").lower()
                owner = next((m for m in matches if m.start <= noun.start() < m.end), None)
                article = _ARTICLE.search(text, max(0, noun.start() - 6), noun.start())
                previous = antecedent[head]
                if owner is not None:
                    antecedent[head] = (index, owner)
                elif not article or noun.group().lower().endswith("s"):
                    antecedent[head] = None
                elif previous and index - previous[0] <= 2:
                    source = previous[1]
                    end = noun.end() + 2 * (text[noun.end() : noun.end() + 2] in ("'s", "’s"))
                    surface = text[article.start() : end]
                    extra.append(
                        ServiceMatch(
                            article.start(), end, surface, source.service_type,
                            source.local_name, "anaphora",
                        )
                    )  # fmt: skip
                    antecedent[head] = (index, source)
            result.append(sorted(matches + extra, key=lambda m: m.start))
        return result

    def national_framework(self, tag: str) -> list[str]:
        """Concept ids for a tag as printed ('outcome 3, national framework', 'Outcome
        three', 'enabler: leaders drive conditions for effective practice'). The wording,
        when printed, decides; otherwise the kind and number do."""
        by_wording = sorted(
            {cid for _, _, ids in self.framework_matcher.finditer(tag) for cid in ids}
        )
        if by_wording:
            return by_wording
        numbered = re.search(r"\b(outcome|enabler|principle)s?\b\W*(\w+)", tag, re.I)
        if numbered:
            cid = self._framework_numbered.get(_numbered_key(*numbered.groups()))
            if cid:
                return [cid]
        return []


def _numbered_key(kind: str, number: str) -> str:
    number = number.lower()
    return f"{kind.lower()} {_NUMBER_WORDS.get(number, number)}"


@cache
def load_lexicon(directory: Path | None = None) -> Lexicon:
    """The lexicon of the shipped vocabularies (or those in another folder), built once."""
    folder = directory if directory is not None else vocab_dir()
    return Lexicon(
        themes=read_scheme(folder / THEME_FILE, "theme"),
        service_types=read_scheme(folder / SERVICE_FILE, "service-type"),
        framework=read_scheme(folder / FRAMEWORK_FILE, "national-framework"),
    )
