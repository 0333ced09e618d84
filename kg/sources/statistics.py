"""Read Ofsted's official statistics on local authority inspections (.ods workbook or .csv).

The workbook's layout moves between releases (a title and a note above the table, sheets
renamed, columns added: 'Local authority status' and 'Inspection date' arrived in 2025),
so nothing here trusts a row number or a sheet name. Each sheet's header row is found by
its headings within the first rows, and a sheet counts as an inspection table when it
has an authority column and an inspection date column. Publication metadata comes from
the Cover sheet when there is one.

A file either reads whole or raises ``StatisticsError``: a half-imported release would
look like a complete one in every query.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from kg.concepts import grade_id
from kg.model import Judgement
from kg.sources.model import OGL_V3, StatisticsDataset, StatisticsError, StatisticsRecord

HEADER_SEARCH_ROWS = 15
"""How far down a sheet its header row may be: below a title, notes and blank rows."""

CARE_LEAVERS_SPLIT = date(2023, 1, 1)
"""From this date ILACS judges children in care and care leavers separately (Notes sheet);
before it, the 'children in care' column holds the joint judgement."""

ODS_MEDIA_TYPE = "application/vnd.oasis.opendocument.spreadsheet"

Cell = object
Row = Sequence[Cell]

# Column roles by heading (lower-cased, whitespace collapsed, matched whole).
_ROLES: dict[str, re.Pattern[str]] = {
    "code": re.compile(r"(local authority|la)( area)? code|(gss|ons)( area)? code"),
    "name": re.compile(r"(local authority|la)( area)? name|local authority"),
    "start": re.compile(r"(inspection|visit)( ?/ ?(inspection|visit))?( start)? date|start date"),
    "published": re.compile(r"(report )?publication date|(date )?published( on)?"),
    "type": re.compile(r"(inspection|visit)( ?/ ?(inspection|visit))? type"),
    "theme": re.compile(r"(visit )?theme"),
    "region": re.compile(r"(ofsted )?region"),
    "status": re.compile(r"(local authority|la) status"),
}
_REQUIRED = {"code": "local authority code", "name": "local authority name"}

# Distinctive phrase of a judgement heading -> area id (None: depends on the date).
_AREAS = (
    ("overall effectiveness", "ilacs-overall-effectiveness"),
    ("impact of leaders", "ilacs-impact-of-leaders"),
    ("help and protection", "ilacs-help-and-protection"),
    ("children in care and care leavers", "ilacs-children-in-care-and-care-leavers"),
    ("children in care", None),
    ("care leavers", "ilacs-care-leavers"),
)

# Printed activity type -> (activity, inspection type); first phrase found wins.
_ACTIVITIES = (
    ("focused visit", ("focused-visit", None)),
    ("monitoring visit", ("monitoring-visit", None)),
    ("short inspection", ("inspection", "short")),
    ("standard inspection", ("inspection", "standard")),
)

_GSS = re.compile(r"[EWSN]\d{8}")
_DAY_FIRST = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_LONG_DATE = re.compile(r"\d{1,2} [A-Za-z]+ \d{4}")


def _text(cell: Cell) -> str:
    """A cell as stripped text; blank for empty cells and pandas' NaN."""
    if cell is None or (isinstance(cell, float) and cell != cell):
        return ""
    return " ".join(str(cell).split())


def _heading(cell: Cell) -> str:
    return _text(cell).lower()


def _role(heading: str) -> str | None:
    for role, pattern in _ROLES.items():
        if pattern.fullmatch(heading):
            return role
    return None


def _area_phrase(heading: str) -> str | None:
    for phrase, _ in _AREAS:
        if phrase in heading:
            return phrase
    return None


def area_for(heading: str, start: date) -> str | None:
    """ILACS area id of a judgement column heading for an inspection starting on ``start``.

    The workbook prints the post-2023 wording for every row, so 'children in care' means
    the joint judgement with care leavers for inspections before 1 January 2023.
    """
    phrase = _area_phrase(heading.lower())
    for known, area in _AREAS:
        if known == phrase:
            if area is None:
                return (
                    "ilacs-children-in-care"
                    if start >= CARE_LEAVERS_SPLIT
                    else "ilacs-children-in-care-and-care-leavers"
                )
            return area
    return None


def find_header(rows: Sequence[Row]) -> int | None:
    """Index of the header row: the first of the top rows with an authority heading and an
    inspection date heading, or ``None`` for a sheet that is not an inspection table."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        headings = [_heading(c) for c in row]
        roles = {_role(h) for h in headings}
        has_authority = "code" in roles or any(h.startswith("local authority") for h in headings)
        if has_authority and "start" in roles:
            return index
    return None


def parse_date(cell: Cell) -> date | None:
    """A date cell: a spreadsheet date, ISO text or day-first 'dd/mm/yyyy' text.

    Raises ``ValueError`` for anything else; blank gives ``None``.
    """
    if isinstance(cell, datetime):  # also pandas.Timestamp, a datetime subclass
        return cell.date()
    if isinstance(cell, date):
        return cell
    text = _text(cell)
    if not text:
        return None
    if match := _DAY_FIRST.fullmatch(text):
        day, month, year = (int(g) for g in match.groups())
        return date(year, month, day)
    if _LONG_DATE.fullmatch(text):  # '25 September 2025', as covers print it
        return datetime.strptime(text, "%d %B %Y").date()
    return date.fromisoformat(text.removesuffix(" 00:00:00").removesuffix("T00:00:00"))


class _Table:
    """One sheet's inspection table: its column roles and how to read a row of it."""

    def __init__(self, where: str, sheet: str, header: Row, header_row: int) -> None:
        self.where, self.sheet, self.header_row = where, sheet, header_row
        self.columns: dict[str, int] = {}
        self.headings: dict[str, str] = {}
        self.areas: list[tuple[int, str]] = []
        for index, cell in enumerate(header):
            heading = _heading(cell)
            role = _role(heading)
            if role and role not in self.columns:
                self.columns[role], self.headings[role] = index, _text(cell)
            elif role is None and _area_phrase(heading):
                self.areas.append((index, _text(cell)))
        for role, label in _REQUIRED.items():
            if role not in self.columns:
                self.fail(header_row, f"no {label} column in the header row")

    def fail(self, row_number: int, problem: str) -> None:
        raise StatisticsError(f"{self.where}: sheet {self.sheet!r}, row {row_number}: {problem}")

    def cell(self, row: Row, role: str) -> Cell:
        index = self.columns.get(role)
        return row[index] if index is not None and index < len(row) else None

    def date_at(self, row: Row, role: str, row_number: int) -> date | None:
        cell = self.cell(row, role)
        try:
            return parse_date(cell)
        except ValueError:
            self.fail(row_number, f"malformed date {_text(cell)!r} in {self.headings[role]!r}")
        return None  # unreachable: fail() raises

    def record(self, row: Row, row_number: int) -> StatisticsRecord:
        code = _text(self.cell(row, "code")).upper()
        if not _GSS.fullmatch(code):
            self.fail(row_number, f"authority code {code!r} is not a GSS code")
        start = self.date_at(row, "start", row_number)
        if start is None:
            self.fail(row_number, "no inspection date")
        assert start is not None
        printed_type = _text(self.cell(row, "type")) or None
        activity, inspection_type = "inspection", None
        if printed_type is not None:
            lowered = printed_type.lower()
            found = next((kind for phrase, kind in _ACTIVITIES if phrase in lowered), None)
            if found is None:
                self.fail(row_number, f"unknown inspection or visit type {printed_type!r}")
            assert found is not None
            activity, inspection_type = found
        judgements = []
        for index, area_label in self.areas:
            grade_label = _text(row[index]) if index < len(row) else ""
            if not grade_label:
                continue
            grade = grade_id(grade_label)
            if grade is None:
                self.fail(row_number, f"unknown grade {grade_label!r} for {area_label!r}")
            area = area_for(area_label, start)
            judgements.append(Judgement(area_label, area, grade_label, grade))
        return StatisticsRecord(
            sheet=self.sheet,
            row_number=row_number,
            gss_code=code,
            authority_name=_text(self.cell(row, "name")),
            activity=activity,
            start_date=start,
            activity_type=printed_type,
            inspection_type=inspection_type,
            publication_date=self.date_at(row, "published", row_number),
            judgements=judgements,
            visit_theme=_text(self.cell(row, "theme")) or None,
            ofsted_region=_text(self.cell(row, "region")) or None,
            status=_text(self.cell(row, "status")) or None,
        )


def read_table(where: str, sheet: str, rows: Sequence[Row]) -> list[StatisticsRecord] | None:
    """Records of one sheet's rows, or ``None`` when the sheet is not an inspection table.

    Fully blank rows (spacers, trailing formatting) are skipped, not errors.
    """
    header = find_header(rows)
    if header is None:
        return None
    table = _Table(where, sheet, rows[header], header + 1)
    return [
        table.record(row, index + 1)
        for index, row in enumerate(rows[header + 1 :], start=header + 1)
        if any(_text(c) for c in row)
    ]


def read_cover(rows: Sequence[Row]) -> dict[str, Cell]:
    """Title, release date, period and licence from a Cover sheet of 'Label:' | value rows.

    The title is the sheet's first non-blank cell; the licence is recorded only where the
    cover states the Open Government Licence, since that is all we can vouch for.
    """
    meta: dict[str, Cell] = {}
    for row in rows:
        cells = [c for c in row if _text(c)]
        if not cells:
            continue
        meta.setdefault("title", _text(cells[0]))
        label = _heading(cells[0]).rstrip(":")
        value = cells[1] if len(cells) > 1 else None
        if label in ("published on", "publication date", "date published") and value:
            meta["release_date"] = value
        elif label == "period covered" and value:
            meta["period"] = _text(value)
        if any("open government licence" in _heading(c) for c in cells):
            meta["licence"] = OGL_V3
    return meta


def _ods_sheets(path: Path) -> dict[str, list[list[Cell]]]:
    """Every sheet's cells, uninterpreted: pandas only unpacks the ODF.

    ``header=None`` and ``dtype=object`` keep pandas from guessing a header or coercing
    columns, so dates stay dates, text stays text and a malformed cell reaches our own
    checks with its row number. (pandas 3.1 and odfpy 1.4 emit no warnings on Ofsted's
    workbook or on the synthetic ones in the tests, so none is silenced here.)
    """
    import pandas as pd  # deferred: report extraction never needs pandas

    frames = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine="odf")
    return {str(name): frame.to_numpy().tolist() for name, frame in frames.items()}


def _csv_rows(path: Path) -> list[list[Cell]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [list[Cell](row) for row in csv.reader(handle)]


def read_statistics(path: Path | str) -> StatisticsDataset:
    """Read an Ofsted inspection-outcomes workbook (.ods) or one of its tables (.csv)."""
    path = Path(path)
    where = str(path)
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix == ".ods":
        try:
            sheets = _ods_sheets(path)
        except (ValueError, KeyError, OSError) as exc:  # odfpy/zipfile on a broken file
            raise StatisticsError(f"{where}: not a readable ODF spreadsheet ({exc})") from exc
        media_type = ODS_MEDIA_TYPE
    elif suffix == ".csv":
        sheets, media_type = {path.stem: _csv_rows(path)}, "text/csv"
    else:
        raise StatisticsError(f"{where}: expected a .ods workbook or a .csv table")

    records: list[StatisticsRecord] = []
    counts: dict[str, int] = {}
    meta: dict[str, Cell] = {}
    for name, rows in sheets.items():
        if name.strip().lower() == "cover":
            meta = read_cover(rows)
            continue
        table = read_table(where, name, rows)
        if table is not None:
            counts[name] = len(table)
            records.extend(table)
    if not counts:
        raise StatisticsError(
            f"{where}: no sheet of inspections (a header row with an authority column and "
            f"an inspection date column within the first {HEADER_SEARCH_ROWS} rows)"
        )
    try:
        release = parse_date(meta.get("release_date"))
    except ValueError:
        raise StatisticsError(
            f"{where}: sheet 'Cover': malformed 'Published on' date "
            f"{_text(meta.get('release_date'))!r}"
        ) from None
    return StatisticsDataset(
        title=_text(meta.get("title")) or path.stem,
        source_path=where,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=media_type,
        release_date=release,
        period=_text(meta.get("period")) or None,
        licence=_text(meta.get("licence")) or None,
        records=records,
        sheets=counts,
    )
