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
    "council of the", "council of", "city and county of", "city of", "county of", "county",
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


def name_keys(name: str) -> set[str]:
    """Every key a name folds to, stripped of generic words or not: what the register
    graph states as ``ikg:nameKey``, so SPARQL can find an authority by any of them."""
    return {key for level in candidate_keys(name) for key in level}


def lookup_key(given: str) -> str:
    """The one key a search for ``given`` compares with the names' keys: the name with
    every generic word stripped ('Bristol City Council' -> 'bristol')."""
    levels = candidate_keys(given)
    return levels[-1][0] if levels else ""


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
    _by_la: dict[str, RegisterEntry] = field(init=False, repr=False)
    _by_key: dict[str, tuple[RegisterEntry, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_code, self._by_urn, self._by_la = {}, {}, {}
        by_key: dict[str, list[RegisterEntry]] = {}
        for entry in self.entries:
            for code in (entry.gss_code, *entry.former_gss_codes):
                if code in self._by_code:
                    raise ValueError(f"GSS code {code} appears twice in the register")
                self._by_code[code] = entry
            if entry.ofsted_urn:
                if entry.ofsted_urn in self._by_urn:
                    raise ValueError(f"Ofsted URN {entry.ofsted_urn} appears twice")
                self._by_urn[entry.ofsted_urn] = entry
            if entry.la_number:
                if entry.la_number in self._by_la:
                    raise ValueError(f"LA number {entry.la_number} appears twice")
                self._by_la[entry.la_number] = entry
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

    def by_la_number(self, number: str | int) -> RegisterEntry | None:
        """The authority with this old three-digit LA number (DfE's tables use them)."""
        return self._by_la.get(str(number).strip())

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


# History and delivery: change events (kg/data/authority-changes.csv) and children's trusts
# (kg/data/trusts.csv). Both files name authorities by GSS code and are checked against the
# register when read, so a date or code that disagrees with it fails loudly instead of
# putting two different histories into one graph.

CHANGES_PATH = DATA_DIR / "authority-changes.csv"
TRUSTS_PATH = DATA_DIR / "trusts.csv"
CHANGE_COLUMNS = ("date", "kind", "originals", "results", "label", "source")
TRUST_COLUMNS = (
    "name", "other_names", "gss_code", "start_date", "end_date", "source", "comment",
)  # fmt: skip
CHANGE_KINDS = ("reorganisation", "code-change")


@dataclass(frozen=True)
class AuthorityChange:
    """A reorganisation (authorities abolished, others created) or a code change (one
    continuing authority given a new GSS code), effective from ``date``."""

    date: date
    kind: str
    originals: tuple[str, ...]
    results: tuple[str, ...]
    label: str
    source: str
    line: int


@dataclass(frozen=True)
class TrustService:
    """A children's trust delivering children's social care for one authority, from
    ``start`` to ``end`` inclusive (``end`` None while it still does)."""

    name: str
    other_names: tuple[str, ...]
    gss_code: str
    start: date | None
    end: date | None
    sources: tuple[str, ...]
    comment: str
    line: int


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != columns:
            raise ValueError(f"{path}: expected columns {columns}, got {reader.fieldnames}")
        return [(reader.line_num, row) for row in reader]


def _date(value: str, path: Path, line: int) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise ValueError(f"{path}, line {line}: {value!r} is not a date (YYYY-MM-DD)") from None


def read_changes(path: Path, register: Register) -> tuple[AuthorityChange, ...]:
    """Change events, checked against the register (see :func:`check_changes`)."""
    changes = []
    for line, row in _rows(path, CHANGE_COLUMNS):
        on = _date(row["date"], path, line)
        if on is None or row["kind"] not in CHANGE_KINDS or not row["label"].strip():
            raise ValueError(f"{path}, line {line}: needs a date, a kind {CHANGE_KINDS}, a label")
        changes.append(AuthorityChange(
            date=on, kind=row["kind"], originals=_split(row["originals"]),
            results=_split(row["results"]), label=row["label"].strip(),
            source=row["source"].strip(), line=line,
        ))  # fmt: skip
    check_changes(changes, register, path)
    return tuple(changes)


def check_changes(changes: list[AuthorityChange], register: Register, path: Path) -> None:
    """Refuse change events that tell another story than the register.

    A reorganisation's originals must be abolished on the day before it, with successors
    among its results; its results must start that day. A code change must turn one of an
    authority's former codes into its current code. Every abolition and every former code
    must have exactly one event, so the graph's history is complete.
    """
    abolished: dict[str, int] = {}
    former: dict[str, int] = {}
    for c in changes:
        where = f"{path}, line {c.line}"
        entries = {code: register.by_gss(code) for code in (*c.originals, *c.results)}
        unknown = sorted(code for code, entry in entries.items() if entry is None)
        if unknown or not c.originals or not c.results:
            raise ValueError(f"{where}: needs originals and results in the register {unknown}")
        if c.kind == "code-change":
            holder = register.by_gss(c.results[0])
            if (
                len(c.originals) != 1
                or len(c.results) != 1
                or holder is None
                or holder.gss_code != c.results[0]
                or c.originals[0] not in holder.former_gss_codes
            ):
                raise ValueError(f"{where}: a code change must turn one former code of an "
                                 "authority into its current code")  # fmt: skip
            former[c.originals[0]] = former.get(c.originals[0], 0) + 1
            continue
        for code in c.originals:
            entry = register.by_gss(code)
            ends = entry.valid_to if entry is not None else None
            if entry is None or ends is None or ends + timedelta(days=1) != c.date:
                raise ValueError(f"{where}: {code} is not abolished the day before this event")
            if not set(entry.successors) <= set(c.results):
                raise ValueError(f"{where}: {code}'s successors {entry.successors} are missing")
            abolished[code] = abolished.get(code, 0) + 1
        for code in c.results:
            entry = register.by_gss(code)
            if entry is None or register.valid_from(entry) != c.date:
                raise ValueError(f"{where}: {code} does not start on {c.date} in the register")
    for entry in register.entries:
        if entry.status == "abolished" and abolished.get(entry.gss_code) != 1:
            raise ValueError(f"{path}: abolition of {entry.gss_code} needs exactly one event")
        for code in entry.former_gss_codes:
            if former.get(code) != 1:
                raise ValueError(f"{path}: code change {code} needs exactly one event")


def read_trusts(path: Path, register: Register) -> tuple[TrustService, ...]:
    """Children's trusts, one row per (trust, authority served); codes must be current
    codes of the register, and a service period must lie within the authority's life."""
    services = []
    for line, row in _rows(path, TRUST_COLUMNS):
        where = f"{path}, line {line}"
        code = row["gss_code"].strip()
        entry = register.by_gss(code)
        if not row["name"].strip() or entry is None or entry.gss_code != code:
            raise ValueError(f"{where}: needs a trust name and a current GSS code, not {code!r}")
        start, end = _date(row["start_date"], path, line), _date(row["end_date"], path, line)
        born, died = register.valid_from(entry), entry.valid_to
        if (
            (start and end and end < start)
            or (start and born and start < born)
            or (end and died and end > died)
        ):
            raise ValueError(f"{where}: {start}..{end} lies outside {entry.name}'s existence")
        services.append(TrustService(
            name=row["name"].strip(), other_names=_split(row["other_names"]), gss_code=code,
            start=start, end=end, sources=_split(row["source"]),
            comment=row["comment"].strip(), line=line,
        ))  # fmt: skip
    return tuple(services)


def load_changes(register: Register | None = None) -> tuple[AuthorityChange, ...]:
    """The shipped change events, checked against the shipped (or given) register."""
    return read_changes(CHANGES_PATH, register if register is not None else load_register())


def load_trusts(register: Register | None = None) -> tuple[TrustService, ...]:
    """The shipped children's trusts, checked against the shipped (or given) register."""
    return read_trusts(TRUSTS_PATH, register if register is not None else load_register())
