"""Pictures of the graph (``ikg plot``): grade trajectories, the national distribution of
grades over time, and what inspectors criticise under each grade.

Every figure is drawn from a library query (kg.query), so a picture shows exactly what a
researcher gets by running that query, and improving a query improves its picture.
Grades have one colour each everywhere (a diverging green-to-red scale that stays
distinguishable in greyscale and for the common colour-vision deficiencies), with the
best grade at the top of every axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import matplotlib

matplotlib.use("Agg")  # files only: no display on servers and in CI

import matplotlib.pyplot as plt
import pandas as pd

from kg.api import query

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from kg.store import Store

GRADES = ("outstanding", "good", "requires-improvement", "adequate", "inadequate")
GRADE_LABELS = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires-improvement": "Requires improvement",
    "adequate": "Adequate",
    "inadequate": "Inadequate",
}
GRADE_COLOURS = {
    "outstanding": "#1a9641",
    "good": "#a6d96a",
    "requires-improvement": "#fdae61",
    "adequate": "#fee08b",
    "inadequate": "#d7191c",
}
RANK = {"outstanding": 1, "good": 2, "requires-improvement": 3, "adequate": 3, "inadequate": 4}
KINDS = ("trajectories", "distribution", "weakness-themes")


class PlotError(ValueError):
    """Nothing to draw (no such authority, an empty store): one line for the user."""


def _save(figure: Figure, out: Path) -> Path:
    if out.suffix.lower() not in (".png", ".svg"):
        raise PlotError(f"{out}: write a .png or an .svg file")
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=150, bbox_inches="tight")
    plt.close(figure)
    return out


def trajectories_figure(store: Store, authority: str, neighbours: int = 10) -> Figure:
    """Overall effectiveness over time for an authority and its closest neighbours.

    SIF and ILACS overall effectiveness share one line (the judgement-area mapping the
    'authority-grades' query follows); ILACS-2026 reports grade no overall effectiveness,
    so an authority's line ends with its last graded inspection. A grade is drawn as a
    step that stands until the next inspection (a line between two inspections would
    show grades nobody gave), and neighbours' steps are offset a little so that equal
    grades do not hide one another.
    """
    names = [authority]
    if neighbours:
        table = query("neighbour-grades", store=store, authority=authority)
        if table.empty:
            raise PlotError(f"{authority}: no such authority in the store")
        own = table[table["rank"] == 0]["authority"].tolist()
        names = own[:1] + table[table["rank"] > 0].sort_values("rank")["authority"].tolist()
        names = names[: neighbours + 1]
    figure, axis = plt.subplots(figsize=(10, 5.5))
    drawn = 0
    spread = 0.3 / max(len(names) - 1, 1)
    for index, name in enumerate(names):
        grades = query("authority-grades", store=store, authority=name)
        overall = grades[grades["aligned_area"].astype(str).str.endswith("overall-effectiveness")]
        overall = overall.drop_duplicates("start_date").sort_values("start_date")
        if overall.empty:
            continue
        drawn += 1
        main = index == 0
        offset = 0.0 if main else (index - (len(names) / 2)) * spread
        axis.plot(
            overall["start_date"],
            overall["grade"].astype(str).map(RANK) + offset,
            marker="o",
            drawstyle="steps-post",
            linewidth=3 if main else 1,
            color="#222222" if main else None,
            alpha=1 if main else 0.6,
            label=name if main else f"{name} (neighbour)",
            zorder=3 if main else 2,
        )
    if not drawn:
        raise PlotError(f"{authority}: no overall effectiveness grades in the store")
    axis.set_yticks([1, 2, 3, 4])
    axis.set_yticklabels(["Outstanding", "Good", "Requires improvement\nor adequate", "Inadequate"])
    axis.set_ylim(4.4, 0.6)
    for rank, colour in (
        (1, "outstanding"),
        (2, "good"),
        (3, "requires-improvement"),
        (4, "inadequate"),
    ):
        axis.axhspan(rank - 0.5, rank + 0.5, color=GRADE_COLOURS[colour], alpha=0.12, zorder=0)
    axis.set_xlabel("Inspection start date")
    axis.set_ylabel("Overall effectiveness grade (from the reports)")
    figure.text(
        0.01, -0.02,
        "Grades read from the inspection reports; each stands until the next inspection. "
        "Adequate (before 2013) and requires improvement (2013 on) are both the third grade.",
        fontsize=7, color="#555555",
    )  # fmt: skip
    title = f"Overall effectiveness of {names[0]}"
    axis.set_title(title + (" and its statistical neighbours" if len(names) > 1 else ""))
    axis.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    axis.grid(axis="x", alpha=0.3)
    return figure


def distribution_figure(store: Store, source: str = "statistics") -> Figure:
    """How many inspections gave each overall effectiveness grade, year by year."""
    table = query("grade-distribution-by-region", store=store, source=source)
    if table.empty:
        raise PlotError("no overall effectiveness grades in the store")
    counts = table.groupby(["year", "grade"])["inspections"].sum().unstack(fill_value=0)
    # the source's last year may be partial (a statistics release, a corpus): its bar is
    # hatched and labelled with the latest start date the source holds, which is a fact;
    # whether the year was over is not known here, so it is not claimed either way
    last = max(counts.index)
    latest = pd.to_datetime(table["latest_date"]).max()
    years = [
        f"{y}\n(to {latest:%d %b})" if y == last and latest.month < 12 else str(y)
        for y in counts.index
    ]
    hatches = ["//" if y == last and latest.month < 12 else "" for y in counts.index]
    figure, axis = plt.subplots(figsize=(10, 5.5))
    bottom = [0] * len(years)
    for grade in reversed(GRADES):  # inadequate at the bottom, outstanding on top
        if grade not in counts.columns:
            continue
        values = counts[grade].tolist()
        bars = axis.bar(years, values, bottom=bottom, color=GRADE_COLOURS[grade],
                        edgecolor="white", label=GRADE_LABELS[grade])  # fmt: skip
        for bar, hatch in zip(bars, hatches, strict=True):
            bar.set_hatch(hatch)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    for x, total in enumerate(bottom):  # n above each bar
        axis.text(x, total, f"n={int(total)}", ha="center", va="bottom", fontsize=7)
    axis.set_xlabel("Year the inspection started")
    axis.set_ylabel("Inspections")
    origin = "official statistics" if source == "statistics" else "reports in the graph"
    axis.set_title(f"Overall effectiveness grades by year ({origin})")
    handles, labels = axis.get_legend_handles_labels()
    axis.legend(handles[::-1], labels[::-1], loc="upper left", bbox_to_anchor=(1.01, 1),
                frameon=False)  # fmt: skip
    return figure


def weakness_themes_figure(store: Store, top: int = 12) -> Figure:
    """Share of each grade's weakness findings about each of the most frequent themes."""
    table = query("weakness-themes-by-grade", store=store)
    if table.empty:
        raise PlotError("no weakness findings in the store")
    totals = table.groupby("theme")["weakness_findings"].sum().sort_values(ascending=False)
    themes: Sequence[str] = totals.index[:top].tolist()
    grades = [g for g in GRADES if g in set(table["grade"].astype(str))]
    # how many weakness findings each grade's shares are of: the n of each group of bars
    totals_by_grade = {
        str(g): int(n) for g, n in zip(table["grade"], table["grade_findings"], strict=True)
    }
    figure, axis = plt.subplots(figsize=(10, 0.45 * len(themes) + 2))
    height = 0.8 / max(len(grades), 1)
    for offset, grade in enumerate(grades):
        rows = table[table["grade"] == grade].set_index("theme")["share"]
        values = [float(rows.get(theme, 0.0)) for theme in themes]
        positions = [i + offset * height for i in range(len(themes))]
        label = f"{GRADE_LABELS[grade]} (n={totals_by_grade.get(grade, 0):,})"
        axis.barh(positions, values, height=height, color=GRADE_COLOURS[grade],
                  edgecolor="#555555", linewidth=0.3, label=label)  # fmt: skip
    axis.set_yticks([i + 0.4 - height / 2 for i in range(len(themes))])
    axis.set_yticklabels([t.replace("-", " ") for t in themes])
    axis.invert_yaxis()
    axis.set_xlabel("Share of the grade's weakness findings (%)")
    axis.set_ylabel("Theme")
    axis.set_title("What inspectors criticise under each grade (section's judgement)")
    axis.legend(title="Grade of the section (weakness findings)", loc="lower right",
                frameon=False)  # fmt: skip
    return figure


def plot(kind: str, store: Store, out: Path, authority: str | None = None,
         source: str = "statistics") -> Path:  # fmt: skip
    if kind == "trajectories":
        if not authority:
            raise PlotError("trajectories: name an authority (--authority)")
        return _save(trajectories_figure(store, authority), out)
    if kind == "distribution":
        return _save(distribution_figure(store, source), out)
    if kind == "weakness-themes":
        return _save(weakness_themes_figure(store), out)
    raise PlotError(f"unknown plot {kind!r}: one of {', '.join(KINDS)}")
