"""Plain dataclasses for facts read from official statistics (no pandas, no rdflib).

They mirror ``kg.model`` for reports: reading produces them, RDF mapping consumes them,
and judgements reuse ``kg.model.Judgement`` so that a grade read from a workbook and one
read from a report are the same kind of object (the reconciliation compares them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kg.model import Judgement

OGL_V3 = "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


class StatisticsError(ValueError):
    """A statistics file that cannot be imported whole; the message is one line naming the
    file, the sheet, the row and the problem, so a user can open the file and look."""


@dataclass
class StatisticsRecord:
    """One row of an inspection table, as printed plus the concept ids it means.

    ``row_number`` is 1-based, as a spreadsheet program or a text editor shows it.
    ``activity`` says what kind of event the row is ('inspection', 'focused-visit',
    'monitoring-visit'); ``inspection_type`` is 'standard' or 'short' for inspections
    whose type is printed, else ``None``.
    """

    sheet: str
    row_number: int
    gss_code: str
    authority_name: str
    activity: str
    start_date: date
    activity_type: str | None = None
    inspection_type: str | None = None
    publication_date: date | None = None
    judgements: list[Judgement] = field(default_factory=list)
    visit_theme: str | None = None
    """Theme of a focused or monitoring visit as printed (both kinds have one)."""
    ofsted_region: str | None = None
    status: str | None = None


@dataclass
class StatisticsDataset:
    """One imported statistics file: its publication metadata and every inspection row."""

    title: str
    source_path: str
    sha256: str
    media_type: str
    release_date: date | None = None
    period: str | None = None
    licence: str | None = None
    publisher: str = "Ofsted"
    records: list[StatisticsRecord] = field(default_factory=list)
    sheets: dict[str, int] = field(default_factory=dict)
    """Inspection sheets read, with their record counts (0 for an empty table)."""
