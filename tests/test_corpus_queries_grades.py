"""Corpus tests of the grade queries: latest grades, one authority's grades across
frameworks, grade changes, SIF to ILACS, grades by region, days to publication, the
inspection list and the children's trusts, each against a fact checked by hand.

Sources: the report PDFs of ../shared/corpus/reports/ (the judgement table or the SIF cover
page, and the 'Inspection dates' line, on page 1 unless said otherwise; the publication
date is the file name, as in ../shared/corpus/manifest.csv); the official statistics
workbook ../shared/reference/ofsted-la-inspection-outcomes-2025-03-31.ods (sheets
ILACS_inspection_history and In-year_inspections); and kg/data/trusts.csv (the register).
"""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import day, needs_corpus
from conftest import query_frame as query

from kg.store import Store

pytestmark = [pytest.mark.corpus, needs_corpus]


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in frame.itertuples(index=False)]


def test_latest_grades(corpus: Store) -> None:
    frame = query("latest-grades", corpus)
    hampshire = frame[frame["authority"] == "Hampshire"]
    # 80472-hampshire/2024-07-23.pdf: 'Inspection dates: 10 to 14 June 2024'; judgement
    # table: leaders Outstanding, help and protection Outstanding, children in care
    # Outstanding, care leavers Good, overall effectiveness Outstanding.
    assert sorted(rows(hampshire)) == [
        ("Hampshire", "E10000014", day(2024, 6, 10), "ilacs", area, grade)
        for area, grade in [
            ("ilacs-care-leavers", "good"),
            ("ilacs-children-in-care", "outstanding"),
            ("ilacs-help-and-protection", "outstanding"),
            ("ilacs-impact-of-leaders", "outstanding"),
            ("ilacs-overall-effectiveness", "outstanding"),
        ]
    ]
    # as at 1 January 2024 the latest is 80472-hampshire/2019-06-11.pdf ('29 April 2019 to
    # 3 May 2019'): all four judgements Outstanding (one for children in care and leavers)
    earlier = query("latest-grades", corpus, as_of="2024-01-01")
    earlier = earlier[earlier["authority"] == "Hampshire"]
    assert set(earlier["start_date"]) == {day(2019, 4, 29)}
    assert sorted(zip(earlier["area"], earlier["grade"], strict=True)) == [
        ("ilacs-children-in-care-and-care-leavers", "outstanding"),
        ("ilacs-help-and-protection", "outstanding"),
        ("ilacs-impact-of-leaders", "outstanding"),
        ("ilacs-overall-effectiveness", "outstanding"),
    ]
    # Barking and Dagenham has no report in the corpus. Workbook, ILACS_inspection_history,
    # its second row: 2023-07-10, overall, leaders, help and protection, children in care
    # 'Requires improvement to be good', care leavers Good. Its later focused visit
    # (In-year_inspections, 2025-03-26) has no grades, so it is not the latest.
    stats = query("latest-grades", corpus, source="statistics", as_of="2025-03-31")
    barking = stats[stats["authority"] == "Barking and Dagenham"]
    assert set(barking["start_date"]) == {day(2023, 7, 10)}
    assert dict(zip(barking["area"], barking["grade"], strict=True)) == {
        "ilacs-overall-effectiveness": "requires-improvement",
        "ilacs-impact-of-leaders": "requires-improvement",
        "ilacs-help-and-protection": "requires-improvement",
        "ilacs-children-in-care": "requires-improvement",
        "ilacs-care-leavers": "good",
    }


def test_authority_grades_follow_leadership_across_four_frameworks(corpus: Store) -> None:
    frame = query("authority-grades", corpus, authority="liverpool")
    leadership = frame[frame["aligned_area"] == "ilacs-2026-impact-of-leaders"]
    # 80485-liverpool/2014-07-18.pdf (SIF, 'Inspection date: 20 May 2014 – 11 June 2014'):
    #   '3. Leadership, management and governance Requires improvement';
    # 2018-07-02.pdf ('14 May 2018 to 25 May 2018'): leaders 'Requires improvement to be good';
    # 2023-05-25.pdf ('13 to 24 March 2023'): leaders Inadequate;
    # 2026-07-07.pdf ('11 May to 22 May 2026', no overall effectiveness: ILACS 2026):
    #   leaders Good.
    assert rows(leadership[["start_date", "framework", "area", "grade", "grade_rank"]]) == [
        (day(2014, 5, 20), "sif", "sif-leadership-management-governance",
         "requires-improvement", 3),
        (day(2018, 5, 14), "ilacs", "ilacs-impact-of-leaders", "requires-improvement", 3),
        (day(2023, 3, 13), "ilacs", "ilacs-impact-of-leaders", "inadequate", 4),
        (day(2026, 5, 11), "ilacs-2026", "ilacs-2026-impact-of-leaders", "good", 2),
    ]  # fmt: skip
    # overall effectiveness aligns to ILACS's (ILACS 2026 has none): SIF 'The overall
    # judgement is requires improvement', 2018 and 2023 as above
    overall = frame[frame["aligned_area"] == "ilacs-overall-effectiveness"]
    assert list(overall["grade"]) == ["requires-improvement", "requires-improvement", "inadequate"]
    # the GSS code finds the same rows
    assert rows(query("authority-grades", corpus, authority="E08000012")) == rows(frame)


def test_grade_changes(corpus: Store) -> None:
    # Liverpool's overall effectiveness (the PDFs of the previous test): SIF 2014 requires
    # improvement, ILACS 2018 requires improvement, 2023 inadequate; 2026 gives none
    frame = query("grade-changes", corpus)
    liverpool = frame[frame["authority"] == "Liverpool"]
    assert rows(liverpool) == [
        ("Liverpool", day(2014, 5, 20), "requires-improvement", day(2018, 5, 14),
         "requires-improvement", "same"),
        ("Liverpool", day(2018, 5, 14), "requires-improvement", day(2023, 3, 13),
         "inadequate", "declined"),
    ]  # fmt: skip
    # the impact of leaders from ILACS (2023, Inadequate) to ILACS 2026 (2026, Good)
    improved = query("grade-changes", corpus, area="impact-of-leaders", direction="improved")
    liverpool = improved[improved["authority"] == "Liverpool"]
    assert rows(liverpool) == [
        ("Liverpool", day(2023, 3, 13), "inadequate", day(2026, 5, 11), "good", "improved")
    ]
    assert set(improved["change"]) == {"improved"}
    # the statistics (ILACS_inspection_history, Liverpool's rows): 2018-05-14 'Requires
    # improvement to be good', 2023-03-13 Inadequate; they hold no SIF inspections
    stats = query("grade-changes", corpus, source="statistics", direction="declined")
    liverpool = stats[stats["authority"] == "Liverpool"]
    assert rows(liverpool) == [
        ("Liverpool", day(2018, 5, 14), "requires-improvement", day(2023, 3, 13),
         "inadequate", "declined"),
    ]  # fmt: skip


def test_sif_to_ilacs(corpus: Store) -> None:
    frame = query("sif-to-ilacs", corpus).set_index("authority")
    # 80472-hampshire/2014-04-22.pdf: 'Inspection date: 18 February 2014 – 12 March 2014',
    # 'The overall judgement is good'; 2019-06-11.pdf: 'Overall effectiveness Outstanding'
    assert tuple(frame.loc["Hampshire"]) == (
        day(2014, 2, 18),
        "good",
        day(2019, 4, 29),
        "outstanding",
        "improved",
    )
    # 80485-liverpool/2014-07-18.pdf 'The overall judgement is requires improvement';
    # 2018-07-02.pdf 'Overall effectiveness Requires improvement to be good'
    assert tuple(frame.loc["Liverpool"]) == (
        day(2014, 5, 20), "requires-improvement", day(2018, 5, 14), "requires-improvement",
        "same",
    )  # fmt: skip


def test_grade_distribution_by_region(corpus: Store) -> None:
    frame = query("grade-distribution-by-region", corpus)
    london = frame[(frame["region"] == "London") & (frame["year"] == 2019)]
    # Workbook, ILACS_inspection_history, the 15 rows with Ofsted region London and an
    # inspection date in 2019: Good: Barnet, Enfield, Greenwich, Hammersmith & Fulham, Tower
    # Hamlets, Waltham Forest; Outstanding: Kensington and Chelsea, Kingston upon Thames,
    # Redbridge, Westminster; Requires improvement: Barking and Dagenham, Ealing, Hackney,
    # Lewisham; Inadequate: Newham.
    assert dict(zip(london["grade"], london["inspections"], strict=True)) == {
        "good": 6,
        "outstanding": 4,
        "requires-improvement": 4,
        "inadequate": 1,
    }
    # the workbook's history sheet has 271 ILACS inspections, each with an overall grade
    assert frame["inspections"].sum() == 271


def test_days_to_publication(corpus: Store) -> None:
    frame = query("days-to-publication", corpus).set_index("year")
    # The four reports published in 2021, each 42 days after fieldwork ended:
    # 80482-leicester/2021-11-12.pdf ('20 September 2021 to 1 October 2021'),
    # 80526-north-east-lincolnshire/2021-11-26.pdf ('4 October to 15 October 2021'),
    # 80479-knowsley/2021-12-03.pdf ('11 to 22 October 2021'),
    # 80443-bury/2021-12-17.pdf ('25 October 2021 to 5 November 2021').
    reports, mean, least, most = frame.loc[2021]
    assert (reports, float(mean), least, most) == (4, 42.0, 42, 42)
    # 80583-wolverhampton/2026-06-18.pdf: '26 to 30 January 2026', published 139 days later
    assert frame.loc[2026, "max_days"] == 139


def test_inspections_of_hampshire(corpus: Store) -> None:
    frame = query("inspections", corpus, authority="hampshire")
    # 2014-04-22.pdf: SIF, '18 February 2014 – 12 March 2014', 'Lead inspector: Gary Lamb
    # HMI' (page 'The inspection team'); before the statistics, which start in 2018.
    # 2019-06-11.pdf: '29 April 2019 to 3 May 2019', 'Lead inspector: Donna Marriott'.
    # 2024-07-23.pdf: '10 to 14 June 2024', 'Lead inspector: Kendra Bell'.
    # Workbook, ILACS_inspection_history, Hampshire's rows: 2019-04-29 published 2019-06-11
    # and 2024-06-10 published 2024-07-23, both 'ILACS Short Inspection'. A SIF report
    # prints no type (None).
    assert rows(frame) == [
        ("Hampshire", day(2014, 2, 18), day(2014, 3, 12), "sif", None, "Gary Lamb",
         True, False, day(2014, 4, 22)),
        ("Hampshire", day(2019, 4, 29), day(2019, 5, 3), "ilacs", "short", "Donna Marriott",
         True, True, day(2019, 6, 11)),
        ("Hampshire", day(2024, 6, 10), day(2024, 6, 14), "ilacs", "short", "Kendra Bell",
         True, True, day(2024, 7, 23)),
    ]  # fmt: skip
    # a focused visit, only in the statistics (In-year_inspections: Barking and Dagenham,
    # 2025-03-26, 'ILACS Focused Visit', published 2025-04-29)
    barking = query("inspections", corpus, authority="E09000002").set_index("start_date")
    visit = barking.loc[day(2025, 3, 26)]
    assert (visit["type"], visit["in_reports"], visit["in_statistics"]) == (
        "focused-visit",
        False,
        True,
    )
    assert visit["publication_date"] == day(2025, 4, 29)


def test_trust_authorities(corpus: Store) -> None:
    frame = query("trust-authorities", corpus).set_index("authority")
    # kg/data/trusts.csv: Doncaster Children's Services Trust, E08000017, 2014-10-01 to
    # 2022-08-31 (so the services left the trust on 2022-09-01). Doncaster has no report in
    # the corpus; workbook, ILACS_inspection_history: its latest inspection 2025-01-20,
    # overall effectiveness Good.
    assert tuple(frame.loc["Doncaster"]) == (
        "Doncaster Children's Services Trust", day(2014, 10, 1), day(2022, 9, 1), "good",
        day(2025, 1, 20),
    )  # fmt: skip
    # trusts.csv: Achieving for Children, E09000021 from 2014-04-01, no end;
    # 80545-kingston-upon-thames/2025-01-29.pdf: '2 to 6 December 2024', 'Overall
    # effectiveness Outstanding'
    assert tuple(frame.loc["Kingston upon Thames"]) == (
        "Achieving for Children",
        day(2014, 4, 1),
        None,
        "outstanding",
        day(2024, 12, 2),
    )
    # North Northamptonshire inherited Northamptonshire's trust when it was created
    # (trusts.csv: from 2021-04-01, the day of the reorganisation)
    assert frame.loc["North Northamptonshire", "from_date"] == day(2021, 4, 1)


def test_improvement_summary_sources_agree_on_common_inspections(corpus: Store) -> None:
    # On the inspections that both a report and the statistics describe, the two sources
    # give the same grades (tests/test_corpus_ilacs.py compares them one by one), so the
    # summary must come out the same from either source.
    common = {"as_of": "2025-03-31", "scope": "both"}
    reports = query("improvement-summary", corpus, source="reports", **common)
    statistics = query("improvement-summary", corpus, source="statistics", **common)
    assert len(reports) == 1
    assert reports.loc[0, "authorities_with_repeat_inspections"] > 0  # not vacuously equal
    assert reports.to_dict("records") == statistics.to_dict("records")
