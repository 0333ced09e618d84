"""``ikg profile AUTHORITY``: one self-contained HTML page about one authority.

The page is what an analyst would put in front of a colleague: the authority's grades over
time (an inline SVG chart, so the file needs nothing beside it), what it was told to
improve at each inspection with the inspectors' own words that support each point and a
link to the report they come from, and how its statistical neighbours were judged. Every
part is a library query (authority-profile, authority-grades, recommendation-evidence,
report-sources, neighbour-grades), so the page shows nothing a query cannot reproduce.
"""

from __future__ import annotations

import html
import io
import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kg import __version__
from kg.api import query
from kg.plots import GRADE_COLOURS, PlotError, trajectories_figure

if TYPE_CHECKING:
    from kg.store import Store

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
.scroll { overflow-x: auto; } .date, .grade { white-space: nowrap; }
.source { font-size: 0.8rem; color: #555; font-weight: normal; }
footer { margin-top: 2rem; border-top: 1px solid #ddd; padding-top: 0.5rem; }
h1 { margin-bottom: 0.2rem; } .meta { color: #555; margin-top: 0; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; width: 100%; }
th, td { border-bottom: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #f3f3f3; } .grade { padding: 0.1rem 0.4rem; border-radius: 0.2rem; }
blockquote { margin: 0.3rem 0 0.6rem 1rem; padding-left: 0.6rem; border-left: 3px solid #bbb;
             color: #333; } .rec { margin-bottom: 1rem; }
.small { font-size: 0.85rem; color: #555; } svg { max-width: 100%; height: auto; }
/* last, so that they override the rules above */
@media (max-width: 40rem) { body { margin: 0.5rem auto; font-size: 0.95rem; }
  th, td { padding: 0.25rem 0.3rem; } h1 { font-size: 1.5rem; }
  table, tbody, tr, td { display: block; width: auto; } tr.head { display: none; }
  tr { border-bottom: 1px solid #ddd; padding: 0.3rem 0; }
  td { border: none; padding: 0.05rem 0.3rem; }
  td::before { content: attr(data-label) ": "; color: #555; } }
@media print { body { max-width: none; margin: 0; font-size: 10pt; }
  .rec, tr, svg { break-inside: avoid; } a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 8pt; color: #555; } }
"""


def _e(value: object) -> str:
    if value is None or value is pd.NaT or value is pd.NA:
        return ""
    if isinstance(value, float) and pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp):
        value = value.date().isoformat()  # kg.query's dates are datetime64: show the day
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a paragraph number in a column pandas made float by a gap
    return html.escape(str(value))


def _grade(grade: object) -> str:
    text = _e(grade)
    colour = GRADE_COLOURS.get(str(grade), "#eeeeee")
    return f'<span class="grade" style="background:{colour}">{text.replace("-", " ")}</span>'


def _table(frame: pd.DataFrame, columns: list[str], grade_columns: tuple[str, ...] = ()) -> str:
    if frame.empty:
        return "<p class='small'>Nothing in the graph.</p>"
    # at a phone's width each row becomes a card whose cells name their column (the CSS
    # reads data-label), so no table is wider than the screen
    labels = {c: _e(c.replace("_", " ")) for c in columns}
    head = "".join(f"<th>{labels[c]}</th>" for c in columns)
    opening = {
        c: f"<td class='date' data-label='{labels[c]}'>"
        if c.endswith("date") and c not in grade_columns
        else f"<td data-label='{labels[c]}'>"
        for c in columns
    }
    rows = []
    for record in frame[columns].to_dict("records"):
        cells = (
            opening[c] + (_grade(record[c]) if c in grade_columns else _e(record[c])) + "</td>"
            for c in columns
        )
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<div class='scroll'><table><tr class='head'>{head}</tr>{''.join(rows)}</table></div>"


def _chart(store: Store, authority: str) -> str:
    try:
        figure = trajectories_figure(store, authority, neighbours=5)
    except PlotError as exc:
        return f"<p class='small'>No chart: {_e(exc)}</p>"
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]  # drop the XML prolog: the SVG sits inside HTML


def _link(source: str, sha256: str) -> str:
    """The report on Ofsted's site where its URL is known, else its file name (no link:
    a path on the machine that built the graph means nothing to the page's readers)."""
    if source.startswith(("https://", "http://")):
        href = _e(source)
        return (
            f'<a href="{href}">the report on Ofsted\'s site</a> '
            f'<span class="small">sha256 {_e(sha256[:12])}…</span>'
        )
    return (
        f'report file {_e(source)} <span class="small">(no published address known; '
        f"sha256 {_e(sha256[:12])}…)</span>"
    )


def _recommendations(evidence: pd.DataFrame, sources: pd.DataFrame) -> str:
    if evidence.empty:
        return "<p class='small'>No recommendations in the graph.</p>"
    links = {
        str(r["start_date"]): _link(str(r["source"]), str(r["sha256"]))
        for r in sources.to_dict("records")
        if r.get("document_type") == "inspection"
    }
    parts = []
    for start, by_inspection in evidence.groupby("start_date", sort=True):
        link = links.get(str(start), "not in the graph")
        parts.append(f"<h3>Inspection of <span class='date'>{_e(start)}</span> — {link}</h3>")
        for number, items in by_inspection.groupby("recommendation_number", sort=True):
            text = items["recommendation"].iloc[0]
            quotes = items.dropna(subset=["quote"]) if "quote" in items else items.iloc[0:0]
            body = (
                "".join(
                    f"<blockquote>{_e(q['quote'])} <span class='small'>(paragraph "
                    f"{_e(q['paragraph'])}, {_e(q.get('polarity'))})</span></blockquote>"
                    for q in quotes.to_dict("records")
                )
                or "<p class='small'>No supporting finding was linked.</p>"
            )
            parts.append(f"<div class='rec'><strong>{_e(number)}.</strong> {_e(text)}{body}</div>")
    return "".join(parts)


def profile_html(store: Store, authority: str) -> str:
    facts = query("authority-profile", store=store, authority=authority)
    if facts.empty:
        raise PlotError(f"{authority}: no such authority in the store")
    identity = facts[facts["section"] == "identity"]
    values = dict(zip(identity["key"], identity["value"], strict=False))
    name = values.get("name") or values.get("label") or authority
    grades = query("authority-grades", store=store, authority=authority)
    evidence = query("recommendation-evidence", store=store, authority=authority)
    sources = query("report-sources", store=store, authority=authority)
    neighbours = query("neighbour-grades", store=store, authority=authority)
    meta = " · ".join(f"{_e(k)}: {_e(v)}" for k, v in values.items() if k != "name")
    # the grade before the long area label, so a phone shows it without scrolling
    grade_columns = [c for c in ("start_date", "grade", "framework", "area_label") if c in grades]
    sections = [
        f"<h1>{_e(name)}</h1><p class='meta'>{meta}</p>",
        "<h2>Grades over time <span class='source'>as the inspection reports print them</span>"
        "</h2>",
        _chart(store, authority),
        "<p class='small'>Each point is an inspection's overall effectiveness grade, read from "
        "its report; the grade is drawn as standing until the next inspection, never "
        "interpolated. Adequate (before 2013) and requires improvement (from 2013) are both "
        "Ofsted's third grade and share a row. Neighbours' lines are offset slightly so that "
        "equal grades stay visible.</p>",
        _table(grades, grade_columns, ("grade",)),
        "<h2>What it was told to improve, and the evidence <span class='source'>from the "
        "reports</span></h2>",
        _recommendations(evidence, sources),
        "<h2>Statistical neighbours (DfE 2025) <span class='source'>latest grades from "
        "Ofsted's official statistics, which cover ILACS inspections only</span></h2>",
        # the badge prints the grade: its label column would say it twice
        _table(
            neighbours,
            [c for c in neighbours.columns if c != "latest_grade_label"],
            ("latest_grade",),
        ),
        "<footer class='small'><p>Contains public sector information licensed under the "
        "<a href='https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'>"
        "Open Government Licence v3.0</a>: Ofsted's inspection reports and official "
        "statistics, and the Department for Education's statistical neighbours. Quotations "
        "are Crown copyright.</p>"
        f"<p>Generated by inspection-kg {_e(__version__)} on {date.today()} from the "
        "knowledge graph; every table is a query of the library (docs/queries.md).</p>"
        "</footer>",
    ]
    title = f"{_e(name)}: children's services inspections"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{title}</title>"
        f"<style>{STYLE}</style></head><body>{''.join(sections)}</body></html>\n"
    )


def write_profile(store: Store, authority: str, out_dir: Path) -> Path:
    page = profile_html(store, authority)
    out_dir.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", authority.lower()).strip("-") or "authority"
    path = out_dir / f"{slug}.html"
    path.write_text(page, encoding="utf-8")
    return path
