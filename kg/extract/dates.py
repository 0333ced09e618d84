"""Dates as Ofsted prints them.

Inspection dates appear as '29 April 2019 to 3 May 2019', '11 to 22 May 2026',
'4 June to 15 June 2018', '30 September to 11 October 2024 and 13 to 16 January 2025',
'15 - 19 July 2013', '08 July 2019', '6 November - 30 November 2017', '12/03/2015' and
with abbreviated months ('Sept'). Each day without a month or year takes them from the
next date that has them, which is how people read '11 to 22 May 2026'.
"""

from __future__ import annotations

import itertools
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


def parse_dates(text: str, problems: list[str] | None = None) -> list[date]:
    """Every date in ``text``, in order, with missing months and years filled forward.

    A date that does not exist ('31 February 2019') is left out, and named in
    ``problems`` when a list is given, so a caller can refuse the text instead of
    silently taking the next date for it.
    """
    parts: list[list[int | None]] = []
    printed: list[str] = []
    for match in _TOKEN.finditer(text):
        printed.append(match.group(0).strip())
        if match.group("numeric"):
            parts.append([int(match["nd"]), int(match["nm"]), int(match["ny"])])
            continue
        month = MONTHS[match["month"].lower()[:3]] if match["month"] else None
        year = int(match["year"]) if match["year"] else None
        parts.append([int(match["day"]), month, year])
    for i in range(len(parts) - 2, -1, -1):
        year_filled = parts[i][2] is None
        for k in (1, 2):
            if parts[i][k] is None:
                parts[i][k] = parts[i + 1][k]
        here, after = parts[i], parts[i + 1]
        if (
            year_filled
            and None not in (here[1], after[1], here[2])
            and (here[1], here[0]) > (after[1], after[0])
        ):
            here[2] -= 1  # type: ignore[operator]  # '30 December to 3 January 2020'

    dates: list[date] = []
    for (day, month, year), shown in zip(parts, printed, strict=True):
        if month is None or year is None:
            continue
        try:
            dates.append(date(year, month, day))  # type: ignore[arg-type]
        except ValueError:
            if problems is not None:
                problems.append(f"impossible date {shown!r}")
    return dates


def parse_date_range(
    text: str, problems: list[str] | None = None
) -> tuple[date | None, date | None]:
    """First and last date of a printed range (fieldwork may be split in two visits).

    A range with an impossible date, or whose dates run backwards, gives (None, None),
    with the reason in ``problems``: taking the dates that remain would invent a start.
    """
    found: list[str] = []
    dates = parse_dates(text, found)
    if found or not dates:
        if problems is not None:
            problems.extend(found)
        return None, None
    if any(later < earlier for earlier, later in itertools.pairwise(dates)):
        if problems is not None:
            shown = ", ".join(d.isoformat() for d in dates)
            problems.append(f"inspection dates run backwards ({shown})")
        return None, None
    return dates[0], dates[-1]
