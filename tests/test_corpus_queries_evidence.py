"""Corpus tests of the evidence queries: findings, recommendations and services.

Each test runs a library query on the whole shared corpus (with the official statistics
imported beside it, so inspections are described twice) and checks a fact read by hand in
a report's extraction (`ikg extract FILE.pdf`) or its text. Most facts come from Hampshire:
reports/80472-hampshire/2019-06-11.pdf (inspection 2019-04-29, outstanding in every
judgement area) and 2024-07-23.pdf (inspection 2024-06-10, outstanding overall, care
leavers good).
"""

from __future__ import annotations

import pytest
from conftest import day, needs_corpus

import kg
from kg.store import Store

pytestmark = [pytest.mark.corpus, needs_corpus]

HAMPSHIRE_2019_REC_1 = (
    "The proportion of children who are offered, and take up, a return home interview "
    "when they have been missing from home or care."
)
HAMPSHIRE_2019_REC_2 = (
    "The Corporate Parenting Board's rigour in holding partners, including health providers "
    "and district councils, to account to ensure that they prioritise services for children "
    "and young people more effectively."
)
HAMPSHIRE_2024_REC_1 = (
    "The take-up and quality of return conversations with children who go missing from "
    "home and care."
)


def test_weakness_share_is_highest_under_inadequate(corpus: Store) -> None:
    frame = kg.query("weakness-share-by-grade", store=corpus)
    share = {(row.framework, row.grade): float(row.weakness_share) for row in frame.itertuples()}
    for framework in ("all", "ilacs", "sif"):
        assert (
            share[(framework, "outstanding")]
            < share[(framework, "good")]
            < share[(framework, "requires-improvement")]
            < share[(framework, "inadequate")]
        ), framework
    assert share[("ilacs", "inadequate")] > 50 > 10 > share[("ilacs", "outstanding")]
    # Hampshire 2019 was graded outstanding in all three judgement areas, and each of its
    # sections is one of them: its 187 findings (the extraction's 'findings') all count
    # under ILACS outstanding.
    row = frame[(frame.framework == "ilacs") & (frame.grade == "outstanding")].iloc[0]
    assert row.findings >= 187
    assert row.weakness + row.mixed <= row.findings
    # every finding of a graded section counts once in 'all'
    per_framework = frame[frame.framework != "all"].findings.sum()
    assert frame[frame.framework == "all"].findings.sum() == per_framework


def test_weakness_themes_under_outstanding_include_missing_children(corpus: Store) -> None:
    frame = kg.query("weakness-themes-by-grade", store=corpus, framework="ilacs")
    # Hampshire 2019, paragraph 10 (help and protection, outstanding): finding 3 'Not all
    # children who go missing are offered return home interviews...' (weakness), 4 'This
    # means that, potentially, patterns ... may not be fully understood...' (mixed) and 5
    # '...would be improved further through a more consistent return home interview
    # offer...' (weakness) all have the theme missing-children.
    row = frame[(frame.grade == "outstanding") & (frame.theme == "missing-children")]
    assert len(row) == 1 and row.iloc[0].weakness_findings >= 3
    assert set(frame.grade) <= {"outstanding", "good", "requires-improvement", "inadequate"}
    assert all(0 <= float(share) <= 100 for share in frame.share)


def test_outstanding_authorities_are_told_to_improve_missing_children(corpus: Store) -> None:
    frame = kg.query("recommendation-themes-by-grade", store=corpus, grade="outstanding")
    assert set(frame.overall_grade) == {"outstanding"}
    # Hampshire, outstanding overall in 2019 and 2024, was told both times to improve the
    # response to children who go missing (recommendation 1 of each report)
    row = frame[frame.theme == "missing-children"].iloc[0]
    assert row.recommendations >= 2 and row.authorities >= 1
    # and in 2019 the Corporate Parenting Board's rigour (recommendation 2)
    assert "corporate-parenting" in set(frame.theme)


def test_hampshire_missing_children_recommendation_recurs(corpus: Store) -> None:
    frame = kg.query("recurring-recommendation-themes", store=corpus, authority="Hampshire")
    # 2019's first recommendation and 2024's first are both about children who go missing
    later = frame[frame.first_date == day(2019, 4, 29)]
    assert later.to_dict("records") == [
        {
            "authority": "Hampshire",
            "first_date": day(2019, 4, 29),
            "next_date": day(2024, 6, 10),
            "theme": "missing-children",
            "theme_label": "Children missing from home or care",
            "first_recommendation": HAMPSHIRE_2019_REC_1,
            "next_recommendation": HAMPSHIRE_2024_REC_1,
        }
    ]
    # 2014 (SIF): the local authority's eight recommendations share no theme with 2019's;
    # the LSCB review's two (103 and 104, on training and data 'across the partnership')
    # share partnership-working with 2019's second (the Corporate Parenting Board's rigour
    # in holding partners to account)
    earlier = frame[frame.first_date == day(2014, 2, 18)]
    assert set(earlier.theme) == {"partnership-working"}
    assert {r[:30] for r in earlier.first_recommendation} == {
        "Evaluate the learning and impa",
        "Ensure that data collection fr",
    }
    assert set(earlier.next_recommendation) == {HAMPSHIRE_2019_REC_2}


def test_exploitation_teams_are_mostly_praised_in_outstanding_authorities(corpus: Store) -> None:
    frame = kg.query("services-by-polarity", store=corpus, service_type="exploitation-team")
    assert set(frame.service_type) == {"exploitation-team"}
    row = frame[frame.grade == "outstanding"].iloc[0]
    # Hampshire's Willow team: 2019 paragraph 11 finding 3 ('a valuable service'), 2024
    # paragraph 15 findings 1 ('highly effective support') and 5 ('The risks for many
    # children have been reduced by the interventions and support provided by the Willow
    # team'), all strengths to a reader, all in outstanding reports
    assert row.strength >= 3
    assert row.strength > row.weakness


def test_hampshire_willow_team(corpus: Store) -> None:
    frame = kg.query(
        "local-services", store=corpus, authority="E10000014", service_type="exploitation-team"
    )
    # 2019 paragraph 11 ("The multi-disciplinary 'Willow' team is a valuable service...")
    # and 2024 paragraph 15 (findings 1 and 5: "...provided by the Willow team.")
    assert frame.to_dict("records") == [
        {
            "authority": "Hampshire",
            "local_name": "Willow",
            "service_type": "exploitation-team",
            "mentions": 3,
            "inspections": 2,
            "first_date": frame.first_date.iloc[0],
            "last_date": frame.last_date.iloc[0],
        }
    ]
    assert (frame.first_date.iloc[0], frame.last_date.iloc[0]) == (
        day(2019, 4, 29),
        day(2024, 6, 10),
    )


def test_hampshire_2019_recommendation_evidence(corpus: Store) -> None:
    frame = kg.query(
        "recommendation-evidence", store=corpus, authority="hampshire", start_date="2019-04-29"
    )
    first = frame[frame.recommendation_number == 1]
    assert set(first.recommendation) == {HAMPSHIRE_2019_REC_1}
    # paragraph 10 (the gold's evidence paragraph), led by its two weaknesses: findings 3
    # (return home interviews not always offered) and 5 (safeguarding intelligence would
    # be improved); a third finding of the paragraph may follow
    assert set(first.paragraph) == {10}
    ranked = [(r.finding, r.polarity) for r in first.itertuples()]
    assert {(3, "weakness"), (5, "weakness")} <= set(ranked) and len(ranked) <= 3
    assert first.quote.iloc[0] == (
        "Not all children who go missing are offered return home interviews, and when they "
        "take place they are not always well recorded."
    )
    # recommendation 2 (the Corporate Parenting Board) rests on paragraph 37
    assert set(frame[frame.recommendation_number == 2].paragraph) == {37}


def test_finding_search_for_return_home_interviews(corpus: Store) -> None:
    frame = kg.query(
        "finding-search",
        store=corpus,
        text="RETURN HOME INTERVIEW",
        authority="Hampshire",
        polarity="weakness",
    )
    # the two weaknesses of Hampshire 2019 paragraph 10 (findings 3 and 5)
    assert list(frame.paragraph) == [10, 10]
    assert set(frame.polarity) == {"weakness"} and set(frame.framework) == {"ilacs"}
    assert frame.text.iloc[0].startswith("Not all children who go missing")
    assert set(frame.themes.iloc[0].split()) == {"missing-children", "recording"}
    limited = kg.query("finding-search", store=corpus, limit=7)
    assert len(limited) == 7
    # newest first
    assert list(limited.start_date) == sorted(limited.start_date, reverse=True)


def test_merton_outcome_three_recommendations(corpus: Store) -> None:
    frame = kg.query("national-framework-recommendations", store=corpus, element="outcome-3")
    assert set(frame.element) == {"outcome-3"}
    assert set(frame.element_label) == {
        "Children and young people are safe in and outside of their homes"
    }
    # reports/80510-merton/2025-08-27.pdf (inspection 2025-07-14): both recommendations end
    # '(Outcome Three, National Framework)'
    merton = frame[frame.authority == "Merton"]
    assert set(merton.raw_tag) == {"Outcome Three, National Framework"}
    assert len(merton) == 2
    assert set(merton.start_date) == {day(2025, 7, 14)}
    assert any(
        r.startswith("Escalation and action for the small number") for r in merton.recommendation
    )


def test_services_where_grades_rose_follow_grade_changes(corpus: Store) -> None:
    """Every pair listed is a rise that grade-changes (reports, overall effectiveness)
    also finds, and every service type listed was praised at the later inspection."""
    rows = kg.query("services-where-grades-rose", store=corpus)
    assert len(rows) > 0
    rises = kg.query("grade-changes", store=corpus, direction="improved")
    pairs = {(r.authority, r.from_date, r.to_date) for r in rises.itertuples()}
    assert {(r.authority, r.from_date, r.to_date) for r in rows.itertuples()} <= pairs
    assert (rows.strengths_after > 0).all()
    assert (rows.to_grade > rows.from_grade).all()  # ordered categorical: better is greater


def test_what_changed_for_hampshire_between_2019_and_2024(corpus: Store) -> None:
    frame = kg.query("inspection-changes", store=corpus, authority="Hampshire")
    assert set(frame.from_date) == {day(2019, 4, 29)} and set(frame.to_date) == {day(2024, 6, 10)}
    recs = frame[frame.kind == "recommendation-theme"].set_index("item")
    # both reports' first recommendation is about children who go missing (see
    # test_hampshire_missing_children_recommendation_recurs)
    assert recs.loc["missing-children", "change"] == "repeated"
    themes = frame[frame.kind == "theme"]
    assert set(themes.change) <= {"no-longer-criticised", "newly-criticised", "still-criticised"}
    assert ((themes.before > 0) | (themes.after > 0)).all()
    earlier = kg.query(
        "inspection-changes", store=corpus, authority="Hampshire", to_date="2019-12-31"
    )
    assert set(earlier.from_date) == {day(2014, 2, 18)}
    assert set(earlier.to_date) == {day(2019, 4, 29)}
