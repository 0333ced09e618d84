"""docs/queries.md, generated from the headers of the query library.

Generated rather than written so that the catalogue cannot drift from the queries: a test
regenerates it and compares (``ikg queries --format md > docs/queries.md`` refreshes it).
"""

from __future__ import annotations

from kg.library import LibraryQuery


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def catalogue_markdown(queries: list[LibraryQuery]) -> str:
    lines = [
        "# The query library",
        "",
        "Generated from the headers of `queries/*.rq` by `ikg queries --format md`; do not "
        "edit by hand.",
        "Run one with `ikg query NAME --store DIR [--param name=value ...] "
        "[--format table|csv|tsv|json|md]`, or from Python with "
        "`kg.query(NAME, store=..., **params)`.",
        "",
        "| query | question |",
        "|---|---|",
    ]
    lines += [f"| [`{q.name}`](#{q.name}) | {_cell(q.title)} |" for q in queries]
    for q in queries:
        lines += ["", f"## {q.name}", "", f"**{q.title}**", "", q.question, ""]
        if q.parameters:
            lines += ["| parameter | type | default | meaning |", "|---|---|---|---|"]
            lines += [
                f"| `{p.name}` | {_cell(p.describe_type())} | "
                f"{'`' + p.default + '`' if p.default else '(empty)'} | {_cell(p.meaning)} |"
                for p in q.parameters
            ]
        else:
            lines.append("No parameters.")
        lines += ["", "| column | meaning |", "|---|---|"]
        lines += [f"| `{c.name}` | {_cell(c.meaning)} |" for c in q.columns]
    return "\n".join(lines) + "\n"
