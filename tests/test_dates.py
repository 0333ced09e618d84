from datetime import date

import pytest

from kg.extract.dates import parse_date_range


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("29 April 2019 to 3 May 2019", date(2019, 4, 29), date(2019, 5, 3)),
        ("11 to 22 May 2026", date(2026, 5, 11), date(2026, 5, 22)),
        ("4 June to 15 June 2018", date(2018, 6, 4), date(2018, 6, 15)),
        (
            "30 September to 11 October 2024 and 13 to 16 January 2025",
            date(2024, 9, 30),
            date(2025, 1, 16),
        ),
        ("15 - 19 July 2013", date(2013, 7, 15), date(2013, 7, 19)),
        ("08 July 2019 to 19 July 2019", date(2019, 7, 8), date(2019, 7, 19)),
        ("6 November - 30 November 2017", date(2017, 11, 6), date(2017, 11, 30)),
        ("12/03/2015 to 26/03/2015", date(2015, 3, 12), date(2015, 3, 26)),
        ("5 Sept to 16 Sept 2016", date(2016, 9, 5), date(2016, 9, 16)),
        (
            "19 November-11 December 2013 and 28 - 30 January 2014",
            date(2013, 11, 19),
            date(2014, 1, 30),
        ),
        ("no date here", None, None),
    ],
)
def test_printed_date_ranges(printed: str, start: date | None, end: date | None) -> None:
    assert parse_date_range(printed) == (start, end)
