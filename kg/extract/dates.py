"""Dates as Ofsted prints them.

Inspection dates appear as '29 April 2019 to 3 May 2019', '11 to 22 May 2026',
'4 June to 15 June 2018', '30 September to 11 October 2024 and 13 to 16 January 2025',
'15 - 19 July 2013', '08 July 2019', '6 November - 30 November 2017', '12/03/2015' and
with abbreviated months ('Sept'). Each day without a month or year takes them from the
next date that has them, which is how people read '11 to 22 May 2026'.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_TOKEN = re.compile(
    rf"(?P<numeric>\b(?P<nd>\d{{1,2}})/(?P<nm>\d{{1,2}})/(?P<ny>\d{{4}})\b)"
    rf"|(?P<day>\b\d{{1,2}})(?:st|nd|rd|th)?(?:\s+(?P<month>{_MONTH}))?(?:,?\s+(?P<year>\d{{4}}))?\b",
    re.IGNORECASE,
)


def parse_dates(text: str) -> list[date]:
    """Every date in ``text``, in order, with missing months and years filled forward."""
    parts: list[list[int | None]] = []
    for match in _TOKEN.finditer(text):
        if match.group("numeric"):
            parts.append([int(match["nd"]), int(match["nm"]), int(match["ny"])])
            continue
        month = MONTHS[match["month"].lower()[:3]] if match["month"] else None
        year = int(match["year"]) if match["year"] else None
        parts.append([int(match["day"]), month, year])
    for i in range(len(parts) - 2, -1, -1):
        for k in (1, 2):
            if parts[i][k] is None:
                parts[i][k] = parts[i + 1][k]
    dates: list[date] = []
    for day, month, year in parts:
        if month is None or year is None:
            continue
        try:
            dates.append(date(year, month, day))
        except ValueError:
            continue
    return dates


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    """First and last date of a printed range (fieldwork may be split in two visits)."""
    dates = parse_dates(text)
    if not dates:
        return None, None
    return dates[0], dates[-1]
