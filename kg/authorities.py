"""The authority register: from the name printed on a report to a GSS code and Ofsted URN.

Reports print authority names in many forms ('Bristol City of', 'Metropolitan Borough of
Rotherham', 'Council of the Isles of Scilly'), and GSS codes change when boundaries or
structures change. The register (``kg/data/authorities.csv``, built by
``scripts/build_register.py``) ships with the package so that the product never needs the
shared reference folder at run time. Matching is exact on normalised names after
stripping generic affixes: a wrong authority silently corrupts every triple about an
inspection, so an ambiguous or unknown name yields ``None`` instead of a guess.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

from kg.resources import DATA_DIR

REGISTER_PATH = DATA_DIR / "authorities.csv"

COLUMNS = (
    "gss_code", "ofsted_urn", "la_number", "name", "type", "ofsted_region",
    "ons_region_code", "former_gss_codes", "status", "successors", "predecessors",
    "valid_to", "name_variants",
)  # fmt: skip

# Generic words around a name on report covers, in normalised form. Longer forms come
# first only for readability: candidates are tried by how little was stripped.
_PREFIXES = (
    "london borough of", "royal borough of", "metropolitan borough of", "borough of",
    "council of the", "council of", "city and county of", "city of", "county of",
)  # fmt: skip
_SUFFIXES = (
    "metropolitan borough council", "metropolitan district council",
    "district metropolitan council", "metropolitan council", "county borough council",
    "county council", "city council", "borough council", "district council",
    "unitary authority", "local authority", "council", "metropolitan borough",
    "metropolitan district", "london borough", "city", "borough", "county",
)  # fmt: skip


def normalise(name: str) -> str:
    """Fold the typographic noise of PDF covers so that equal names compare equal.

    Case, accents, apostrophes, punctuation, hyphens, '&' versus 'and' and a leading
    'the' carry no identity ('St. Helens' = 'St Helens', 'Stockton-on-Tees' =
    'Stockton on Tees').
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"['\u2018\u2019`]", "", text).replace("&", " and ")
    text = " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())
    return text.removeprefix("the ") if text != "the" else ""


def _strip_one(key: str) -> set[str]:
    """Every string obtained by removing one generic prefix or suffix from ``key``."""
    out = set()
    for prefix in _PREFIXES:
        if key.startswith(prefix + " "):
            out.add(normalise(key[len(prefix) + 1 :]))
    for suffix in _SUFFIXES:
        if key.endswith(" " + suffix):
            out.add(key[: -len(suffix) - 1])
    return {k for k in out if k}


def candidate_keys(printed: str) -> list[list[str]]:
    """Lookup keys for a printed name, grouped by how many characters were stripped.

    The unstripped name comes first, so 'City of London' matches itself before 'City of'
    could be removed, and 'Dorset County Council' reaches the variant 'dorset county'
    before the bare 'dorset' that the abolished county shares with the new unitary.
    """
    start = normalise(printed)
    seen = {start} if start else set()
    frontier = set(seen)
    while frontier:
        frontier = {s for k in frontier for s in _strip_one(k)} - seen
        seen |= frontier
    levels: dict[int, list[str]] = {}
    for key in seen:
        levels.setdefault(len(start) - len(key), []).append(key)
    return [sorted(levels[n]) for n in sorted(levels)]


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(";") if v)


@dataclass(frozen=True)
class RegisterEntry:
    """One row of the register. An abolished authority keeps its own, old GSS code."""

    gss_code: str
    ofsted_urn: str | None
    la_number: str | None
    name: str
    type: str
    ofsted_region: str
    ons_region_code: str
    former_gss_codes: tuple[str, ...] = ()
    status: str = "current"
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()
    valid_to: date | None = None
    name_variants: tuple[str, ...] = ()

    @classmethod
    def from_row(cls, row: dict[str, str]) -> RegisterEntry:
        return cls(
            gss_code=row["gss_code"],
            ofsted_urn=row["ofsted_urn"] or None,
            la_number=row["la_number"] or None,
            name=row["name"],
            type=row["type"],
            ofsted_region=row["ofsted_region"],
            ons_region_code=row["ons_region_code"],
            former_gss_codes=_split(row["former_gss_codes"]),
            status=row["status"],
            successors=_split(row["successors"]),
            predecessors=_split(row["predecessors"]),
            valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            name_variants=_split(row["name_variants"]),
        )


@dataclass
class Register:
    """All authorities with indexes by name, code and URN."""

    entries: tuple[RegisterEntry, ...]
    _by_code: dict[str, RegisterEntry] = field(init=False, repr=False)
    _by_urn: dict[str, RegisterEntry] = field(init=False, repr=False)
    _by_key: dict[str, tuple[RegisterEntry, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code, self._by_urn, by_key = {}, {}, {}
        for entry in self.entries:
            for code in (entry.gss_code, *entry.former_gss_codes):
                if code in self._by_code:
                    raise ValueError(f"GSS code {code} appears twice in the register")
                self._by_code[code] = entry
            if entry.ofsted_urn:
                if entry.ofsted_urn in self._by_urn:
                    raise ValueError(f"Ofsted URN {entry.ofsted_urn} appears twice")
                self._by_urn[entry.ofsted_urn] = entry
            for variant in (entry.name, *entry.name_variants):
                holders = by_key.setdefault(normalise(variant), [])
                if entry not in holders:
                    holders.append(entry)
        self._by_key = {k: tuple(v) for k, v in by_key.items()}

    def by_gss(self, code: str) -> RegisterEntry | None:
        """The authority with this GSS code, now or formerly (E08000016 gives Barnsley)."""
        return self._by_code.get(code.strip().upper())

    def by_urn(self, urn: str | int) -> RegisterEntry | None:
        return self._by_urn.get(str(urn).strip())

    def current_code(self, code: str) -> str:
        """The code an authority uses now, following code changes (E08000016 -> E08000038).

        Abolition is not a code change: an abolished authority's own code comes back, and
        its ``successors`` say where its area went. Unknown codes raise ``KeyError`` so
        that a typo never passes for a valid code.
        """
        entry = self.by_gss(code)
        if entry is None:
            raise KeyError(f"GSS code {code!r} is not in the authority register")
        return entry.gss_code

    def valid_from(self, entry: RegisterEntry) -> date | None:
        """First day of an authority created by reorganisation, from its predecessors."""
        ends = [p.valid_to for c in entry.predecessors if (p := self.by_gss(c)) and p.valid_to]
        return max(ends) + timedelta(days=1) if ends else None

    def _exists_on(self, entry: RegisterEntry, on: date) -> bool:
        start = self.valid_from(entry)
        return (start is None or on >= start) and (entry.valid_to is None or on <= entry.valid_to)

    def resolve(self, printed: str, on: date | None = None) -> RegisterEntry | None:
        """The authority a printed name denotes, or ``None`` when unknown or ambiguous.

        A name shared by an abolished authority and its successor ('Dorset') is settled
        by ``on`` (e.g. the inspection date) when given, and otherwise left unresolved.
        """
        for level in candidate_keys(printed):
            hits = {e for key in level for e in self._by_key.get(key, ())}
            if not hits:
                continue
            if len(hits) > 1 and on is not None:
                hits = {e for e in hits if self._exists_on(e, on)}
            return hits.pop() if len(hits) == 1 else None
        return None


def read_register(path: Path) -> Register:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{path}: expected columns {COLUMNS}, got {reader.fieldnames}")
        return Register(tuple(RegisterEntry.from_row(row) for row in reader))


@lru_cache(maxsize=8)
def _load(path: Path) -> Register:
    return read_register(path)


def load_register(path: Path | str | None = None) -> Register:
    """The shipped register (or another file in the same format), read once per path."""
    return _load(Path(path).resolve() if path is not None else REGISTER_PATH)
