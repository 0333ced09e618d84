"""Corpus tests of the authority queries: neighbours, profile, visits, services, inspectors,
regions and the register lookup, each against a fact checked by hand in the sources.

Sources: kg/data/authorities.csv, kg/data/authority-changes.csv and
kg/data/statistical-neighbours-2025.csv (the register); the official statistics workbook
../shared/reference/ofsted-la-inspection-outcomes-2025-03-31.ods (sheets
Inspections_as_at_31_March, In-year_inspections, ILACS_inspection_history); and the report
PDFs of ../shared/corpus/reports/ (file and paragraph named at each assertion).
"""

from __future__ import annotations

import pytest
from conftest import day, needs_corpus
from conftest import query_frame as query

from kg.store import Store

pytestmark = [pytest.mark.corpus, needs_corpus]


def test_neighbour_grades_of_hampshire(corpus: Store) -> None:
    frame = query("neighbour-grades", corpus)
    rows = [tuple(r) for r in frame.itertuples(index=False)]
    # Neighbours and bands: statistical-neighbours-2025.csv, line of LA 850 (Hampshire):
    # 865 Wiltshire Extremely close, then 802, 916, 938, 869, 867, 803, 937, 931, 855 Very
    # close (names from authorities.csv). Dates and grades: sheet Inspections_as_at_31_March
    # of the statistics workbook, the row of each authority (inspection date, overall
    # effectiveness).
    assert rows == [
        (0, "Hampshire", None, day(2024, 6, 10), "outstanding"),
        (1, "Wiltshire", "Extremely close", day(2023, 9, 25), "outstanding"),
        (2, "North Somerset", "Very close", day(2023, 3, 13), "requires-improvement"),
        (3, "Gloucestershire", "Very close", day(2022, 2, 7), "requires-improvement"),
        (4, "West Sussex", "Very close", day(2023, 3, 13), "requires-improvement"),
        (5, "West Berkshire", "Very close", day(2022, 3, 14), "good"),
        (6, "Bracknell Forest", "Very close", day(2022, 6, 13), "outstanding"),
        (7, "South Gloucestershire", "Very close", day(2024, 6, 3), "good"),
        (8, "Warwickshire", "Very close", day(2021, 11, 22), "good"),
        (9, "Oxfordshire", "Very close", day(2024, 2, 12), "good"),
        (10, "Leicestershire", "Very close", day(2024, 4, 22), "outstanding"),
    ]


def test_neighbour_grades_from_the_reports(corpus: Store) -> None:
    frame = query("neighbour-grades", corpus, authority="E10000014", source="reports")
    by_name = {r.authority: r for r in frame.itertuples(index=False)}
    # 80470-gloucestershire/2025-08-04.pdf, cover: 'Inspection dates: 9 to 20 June 2025',
    # 'Overall effectiveness Good' (later than the statistics, which end in March 2025)
    assert (by_name["Gloucestershire"].latest_date, by_name["Gloucestershire"].latest_grade) == (
        day(2025, 6, 9),
        "good",
    )
    # the corpus holds no report of North Somerset (no folder 80528-*)
    assert by_name["North Somerset"].latest_grade is None
    assert len(frame) == 11


def test_neighbour_shared_weaknesses_of_hampshire(corpus: Store) -> None:
    frame = query("neighbour-shared-weaknesses", corpus)
    rows = {r.theme: r for r in frame.itertuples(index=False)}
    missing = rows["missing-children"]
    # 80472-hampshire/2024-07-23.pdf (its latest report), paragraph 15: 'return
    # conversations are not used often enough, or well enough, to help workers understand
    # why they go missing'. Neighbours' latest reports: 80578-west-sussex/2023-05-11.pdf
    # paragraph 35 ('the completion of timely return home interviews ... are limited') and
    # 80556-south-gloucestershire/2024-07-23.pdf paragraph 17 ('The completion and
    # timeliness of return home interviews remain low').
    assert missing.authority_findings >= 1
    assert {"West Sussex", "South Gloucestershire"} <= set(missing.neighbour_names.split("; "))
    # of the ten neighbours, six have a folder in the corpus: Wiltshire, Gloucestershire,
    # West Sussex, Bracknell Forest, South Gloucestershire, Leicestershire
    assert set(frame["neighbours_inspected"]) == {6}


def test_authority_profile_of_hampshire(corpus: Store) -> None:
    frame = query("authority-profile", corpus, authority="Hampshire County Council")
    facts = {(r.section, r.key, r.value, r.date) for r in frame.itertuples(index=False)}
    # authorities.csv: E10000014,80472,850,Hampshire,County,South East,E12000008
    assert {
        ("identity", "label", "Hampshire", None),
        ("identity", "gss_code", "E10000014", None),
        ("identity", "la_number", "850", None),
        ("identity", "ofsted_urn", "80472", None),
        ("identity", "ofsted_region", "South East", None),
        ("identity", "type", "County", None),
        # statistical-neighbours-2025.csv, LA 850: SN_1 865 (Wiltshire), Extremely close
        ("neighbour", "1", "Wiltshire (Extremely close)", None),
    } <= facts
    # 80472-hampshire/2014-04-22.pdf: 'Inspection date: 18 February 2014' (single
    # inspection framework); 2024-07-23.pdf: 'Inspection dates: 10 to 14 June 2024', a short
    # inspection in sheet ILACS_inspection_history; its judgement table and 'What needs to
    # improve?' list
    assert {
        ("inspection", "sif", "", day(2014, 2, 18)),
        ("inspection", "ilacs", "short", day(2024, 6, 10)),
        ("judgement", "ilacs-overall-effectiveness", "outstanding", day(2024, 6, 10)),
        ("judgement", "ilacs-care-leavers", "good", day(2024, 6, 10)),
    } <= facts
    recommendations = {r.value for r in frame.itertuples(index=False) if r.date == day(2024, 6, 10)}
    assert (
        "The take-up and quality of return conversations with children who go missing "
        "from home and care." in recommendations
    )
    assert not {"history", "trust"} & set(frame["section"])  # none in the register


def test_focused_visits_of_barnsley_by_its_former_code(corpus: Store) -> None:
    frame = query("focused-visits", corpus, authority="E08000016")
    # In-year_inspections: E08000016, Barnsley, 2024-11-05, published 2024-12-05, ILACS
    # Focused Visit, theme 'Children in care' (the sheet prints Barnsley's pre-2014 code)
    assert frame.to_dict("records") == [
        {
            "authority": "Barnsley",
            "start_date": day(2024, 11, 5),
            "visit_type": "focused-visit",
            "theme": "Children in care",
            "publication_date": day(2024, 12, 5),
        }
    ]


def test_focused_visits_counted_by_type_and_theme(corpus: Store) -> None:
    frame = query("focused-visits", corpus)
    # In-year_inspections: 36 rows 'ILACS Focused Visit', 24 'LA Monitoring visit'; 7 of
    # the 60 on the theme 'Front door'
    assert frame["visit_type"].value_counts().to_dict() == {
        "focused-visit": 36,
        "monitoring-visit": 24,
    }
    assert len(query("focused-visits", corpus, theme="front door")) == 7


def test_service_history_of_hampshire_mash(corpus: Store) -> None:
    frame = query("service-history", corpus, authority="Hampshire")
    rows = {r.start_date: r for r in frame.itertuples(index=False)}
    # 80472-hampshire/2024-07-23.pdf, paragraph 1, the report's only two MASH mentions, both
    # in praise: 'Children receive a timely and effective response from ... the
    # multi-agency safeguarding hub (MASH)' and 'children are transferred to MASH social
    # workers who quickly gather a range of information'
    latest = rows[day(2024, 6, 10)]
    assert (latest.framework, latest.mentions, latest.strength, latest.weakness) == (
        "ilacs",
        2,
        2,
        0,
    )
    # 2019-06-11.pdf: 'MASH' in paragraphs 2, 3 (twice) and 4: four mentions
    assert rows[day(2019, 4, 29)].mentions == 4


def test_lead_inspectors(corpus: Store) -> None:
    frame = query("lead-inspectors", corpus, inspector="kendra bell")
    # 'Lead inspector: Kendra Bell' on the cover of 80489-brent/2023-04-11.pdf (20 to 24
    # February 2023), 80580-wiltshire/2023-12-12.pdf (25 to 29 September 2023) and
    # 80472-hampshire/2024-07-23.pdf (10 to 14 June 2024), and of no other corpus PDF
    assert frame.to_dict("records") == [
        {
            "inspector": "Kendra Bell",
            "inspections": 3,
            "authorities": "Brent; Hampshire; Wiltshire",
            "first_date": day(2023, 2, 20),
            "last_date": day(2024, 6, 10),
            "frameworks": "ilacs",
        }
    ]
    everyone = query("lead-inspectors", corpus)
    # 'Lead inspector: Neil Penswick' in ten reports (two of East Riding of Yorkshire)
    penswick = everyone[everyone["inspector"] == "Neil Penswick"].iloc[0]
    assert (penswick["inspections"], penswick["frameworks"]) == (10, "ilacs, sif")


def test_regional_summary_as_at_march_2025(corpus: Store) -> None:
    frame = query("regional-summary", corpus)
    rows = {r.region: tuple(r)[1:] for r in frame.itertuples(index=False)}
    # Sheet Inspections_as_at_31_March (153 authorities, every one inspected), each row's
    # region its 'Ofsted region' column (eight regions; North East, Yorkshire and the
    # Humber is one); good or outstanding counted from the 'Overall effectiveness' column
    assert rows == {
        "East Midlands": (10, 10, 6, 60),
        "East of England": (11, 11, 7, 64),
        "London": (33, 33, 29, 88),
        "North East, Yorkshire and the Humber": (27, 27, 20, 74),
        "North West": (24, 24, 11, 46),
        "South East": (19, 19, 14, 74),
        "South West": (15, 15, 8, 53),
        "West Midlands": (14, 14, 8, 57),
    }


def test_regional_summary_before_the_reorganisations(corpus: Store) -> None:
    frame = query("regional-summary", corpus, as_of="2020-03-31")
    authorities = dict(zip(frame["region"], frame["authorities"], strict=True))
    # authority-changes.csv: Northamptonshire (East Midlands) split on 2021-04-01, Cumbria
    # (North West) on 2023-04-01: one authority each instead of two
    assert (authorities["East Midlands"], authorities["North West"]) == (9, 23)


def test_authority_lookup(corpus: Store) -> None:
    # authorities.csv: E06000023,80441,801,"Bristol, City of",...,South West,...,current
    bristol = query("authority-lookup", corpus, authority="Bristol City Council")
    assert bristol.to_dict("records") == [
        {
            "authority": "Bristol, City of",
            "gss_code": "E06000023",
            "former_codes": "",
            "la_number": "801",
            "ofsted_urn": "80441",
            "ofsted_region": "South West",
            "status": "current",
            "successors": "",
        }
    ]
    # authority-changes.csv: 2014-04-01 code change E08000016 -> E08000038 (Barnsley)
    barnsley = query("authority-lookup", corpus, authority="E08000016").iloc[0]
    assert (barnsley["authority"], barnsley["gss_code"], barnsley["former_codes"]) == (
        "Barnsley",
        "E08000038",
        "E08000016",
    )
    # authority-changes.csv: 2019-04-01 reorganisation of Bournemouth, Poole and Dorset
    # County Council (E10000009) into E06000058 and E06000059; the new council is 'Dorset' too
    dorset = query("authority-lookup", corpus, authority="Dorset")
    assert sorted(zip(dorset["gss_code"], dorset["status"], dorset["successors"], strict=True)) == [
        ("E06000059", "current", ""),
        ("E10000009", "abolished 2019-04-01", "Bournemouth, Christchurch and Poole; Dorset"),
    ]
    durham = query("authority-lookup", corpus, authority="County Durham")
    assert list(durham["authority"]) == ["Durham"]  # authorities.csv: variant 'County Durham'
