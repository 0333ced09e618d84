"""Read lists of statistical neighbours (DfE's model, or the LA lookup's copy of it).

DfE publishes each authority's ten closest authorities as one row: the authority's old
three-digit LA number, then ``SN_1`` .. ``SN_10`` (LA numbers, closest first), each with a
``SN_kP`` closeness band ('Very close', 'Close ', ...). Releases differ in the title rows
above the table and in the spelling of the headings, so the header row is found by its
column names, never by its position. A list without closeness bands (the LA lookup's)
has the same layout without the ``SN_kP`` columns.

A file either reads whole or raises ``NeighbourFileError`` naming the file and line: a
list with one row silently dropped would give an authority nine neighbours and shift
nothing that a query could notice. Mapping LA numbers to authorities is a separate step
(:func:`resolve_neighbours`), so a caller sees every code the register does not know.

Like the rest of ``kg.sources`` this never imports rdflib.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from kg.authorities import Register, RegisterEntry

LIST_LENGTH = 10
"""DfE's model names ten neighbours per authority."""

HEADER_SEARCH_ROWS = 15
"""How far down the file the header row may be (below a title and notes)."""

_CODE_HEADINGS = ("old_la_code", "la_code", "old_la_number", "la_number", "la")
_NAME_HEADINGS = ("la_name", "local_authority", "authority", "name")
_LA_NUMBER = re.compile(r"[0-9]{3}")


class NeighbourFileError(ValueError):
    """A neighbours file that cannot be read whole; the message names file and line."""


@dataclass(frozen=True)
class Neighbour:
    """One entry of an authority's list: who, at which rank, how close (if stated)."""

    rank: int
    la_number: str
    closeness: str | None = None


@dataclass(frozen=True)
class NeighbourRow:
    """One authority's list as the file prints it, with the line it came from."""

    la_number: str
    la_name: str
    neighbours: tuple[Neighbour, ...]
    line: int


@dataclass(frozen=True)
class NeighbourTable:
    """A whole neighbours file; ``sha256`` identifies the exact file that was read."""

    source_path: str
    rows: tuple[NeighbourRow, ...]
    sha256: str
    has_closeness: bool


@dataclass(frozen=True)
class NeighbourLink:
    """A list entry with both LA numbers mapped to register authorities."""

    authority: RegisterEntry
    neighbour: RegisterEntry
    rank: int
    closeness: str | None
    line: int


@dataclass(frozen=True)
class UnmappedCode:
    """An LA number the register does not know, and where the file uses it."""

    la_number: str
    line: int
    role: str  # "authority" (the row's own code) or "neighbour SN_k"


@dataclass(frozen=True)
class ResolvedNeighbours:
    links: tuple[NeighbourLink, ...]
    unmapped: tuple[UnmappedCode, ...]


def _heading(cell: str) -> str:
    """'SN_1P ', 'Old LA code' and '\\ufeffold_la_code' compare as sn_1p, old_la_code."""
    text = cell.replace("\ufeff", "").strip().casefold()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@dataclass(frozen=True)
class _Layout:
    code: int
    name: int | None
    neighbours: tuple[int, ...]
    closeness: tuple[int, ...] | None


def _layout(cells: list[str]) -> _Layout | None:
    """Column positions if ``cells`` is a header row, else ``None``."""
    headings = [_heading(c) for c in cells]
    position = {h: i for i, h in reversed(list(enumerate(headings))) if h}
    code = next((position[h] for h in _CODE_HEADINGS if h in position), None)
    ranks = [position.get(f"sn_{k}") for k in range(1, LIST_LENGTH + 1)]
    if code is None or any(r is None for r in ranks):
        return None
    bands = [position.get(f"sn_{k}p") for k in range(1, LIST_LENGTH + 1)]
    name = next((position[h] for h in _NAME_HEADINGS if h in position), None)
    return _Layout(
        code=code,
        name=name,
        neighbours=tuple(r for r in ranks if r is not None),
        closeness=tuple(b for b in bands if b is not None) if None not in bands else None,
    )


def _cell(cells: list[str], index: int) -> str:
    return cells[index].strip() if index < len(cells) else ""


def _row(cells: list[str], layout: _Layout, where: str, line: int) -> NeighbourRow:
    code = _cell(cells, layout.code)
    if not _LA_NUMBER.fullmatch(code):
        raise NeighbourFileError(f"{where}, line {line}: LA number {code!r} is not 3 digits")
    neighbours = []
    for rank, column in enumerate(layout.neighbours, start=1):
        value = _cell(cells, column)
        if not _LA_NUMBER.fullmatch(value):
            raise NeighbourFileError(
                f"{where}, line {line}: neighbour SN_{rank} of {code} is {value!r}, "
                "not a 3-digit LA number"
            )
        closeness = None
        if layout.closeness is not None:
            closeness = " ".join(_cell(cells, layout.closeness[rank - 1]).split()) or None
            if closeness is None:
                raise NeighbourFileError(
                    f"{where}, line {line}: neighbour SN_{rank} of {code} has no closeness "
                    f"(SN_{rank}P)"
                )
        neighbours.append(Neighbour(rank, value, closeness))
    numbers = [n.la_number for n in neighbours]
    if code in numbers:
        raise NeighbourFileError(f"{where}, line {line}: {code} is listed as its own neighbour")
    repeated = sorted({n for n in numbers if numbers.count(n) > 1})
    if repeated:
        raise NeighbourFileError(
            f"{where}, line {line}: {', '.join(repeated)} listed twice among {code}'s neighbours"
        )
    name = _cell(cells, layout.name) if layout.name is not None else ""
    return NeighbourRow(code, name, tuple(neighbours), line)


def read_neighbours(path: Path | str) -> NeighbourTable:
    """Read a neighbours CSV whole, or raise ``NeighbourFileError`` (file, line, problem)."""
    path = Path(path)
    data = path.read_bytes()
    where = str(path)
    text = data.decode("utf-8-sig")
    reader = csv.reader(text.splitlines(keepends=True))
    layout: _Layout | None = None
    rows: list[NeighbourRow] = []
    seen: dict[str, int] = {}
    for cells in reader:
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if layout is None:
            layout = _layout(cells)
            if layout is None and line >= HEADER_SEARCH_ROWS:
                break
            continue
        row = _row(cells, layout, where, line)
        if row.la_number in seen:
            raise NeighbourFileError(
                f"{where}, line {line}: a second list for {row.la_number} "
                f"(the first is on line {seen[row.la_number]})"
            )
        seen[row.la_number] = line
        rows.append(row)
    if layout is None:
        raise NeighbourFileError(
            f"{where}: no header row with an LA code column and SN_1 .. SN_{LIST_LENGTH} "
            f"in the first {HEADER_SEARCH_ROWS} lines"
        )
    if not rows:
        raise NeighbourFileError(f"{where}: a header row but no lists of neighbours")
    return NeighbourTable(
        source_path=where,
        rows=tuple(rows),
        sha256=hashlib.sha256(data).hexdigest(),
        has_closeness=layout.closeness is not None,
    )


def resolve_neighbours(table: NeighbourTable, register: Register) -> ResolvedNeighbours:
    """Map every LA number to its register authority; unknown numbers are listed, not
    guessed, so the caller decides whether a gap is acceptable.

    The row's printed name is a cross-check: a name that the register resolves to another
    authority than the row's LA number means the file (or the register) has a wrong code,
    and that is an error. A name the register cannot settle ('Dorset', shared by the
    abolished county and the unitary) leaves the code to decide.
    """
    links: list[NeighbourLink] = []
    unmapped: list[UnmappedCode] = []
    for row in table.rows:
        owner = register.by_la_number(row.la_number)
        if owner is None:
            unmapped.append(UnmappedCode(row.la_number, row.line, "authority"))
        elif row.la_name and (named := register.resolve(row.la_name)) not in (None, owner):
            raise NeighbourFileError(
                f"{table.source_path}, line {row.line}: LA number {row.la_number} is "
                f"{owner.name} in the register but the row names {row.la_name!r} "
                f"({named.name})"
            )
        for n in row.neighbours:
            entry = register.by_la_number(n.la_number)
            if entry is None:
                unmapped.append(UnmappedCode(n.la_number, row.line, f"neighbour SN_{n.rank}"))
            elif owner is not None:
                links.append(NeighbourLink(owner, entry, n.rank, n.closeness, row.line))
    return ResolvedNeighbours(tuple(links), tuple(unmapped))


def write_neighbours(rows: list[NeighbourRow], path: Path) -> None:
    """Write lists without closeness in DfE's layout, so one reader reads both sources."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["old_la_code", "la_name", *(f"SN_{k}" for k in range(1, LIST_LENGTH + 1))])
        for row in rows:
            writer.writerow([row.la_number, row.la_name, *(n.la_number for n in row.neighbours)])
