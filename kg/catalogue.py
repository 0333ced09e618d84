"""docs/queries.md, generated from the headers of the query library.

Generated rather than written so that the catalogue cannot drift from the queries: a test
regenerates it and compares (``ikg queries --format md > docs/queries.md`` refreshes it).
"""

from __future__ import annotations

import textwrap

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


def describe_query(q: LibraryQuery) -> str:
    """One query as a user reads it before running it: what it answers, what it takes,
    what each column holds and its type, and the command that runs it."""
    lines = [f"{q.name}: {q.title}", ""]
    lines += textwrap.wrap(q.question, 88) or ["(no question in the header)"]
    lines += ["", "parameters:" if q.parameters else "parameters: none"]
    for p in q.parameters:
        default = f"default {p.default!r}" if p.default else "default empty"
        lines.append(f"  {p.name} ({p.describe_type()}, {default})")
        lines += textwrap.wrap(p.meaning, 84, initial_indent="    ", subsequent_indent="    ")
    lines += ["", "columns:"]
    for c in q.columns:
        lines.append(f"  {c.name} ({c.type or 'as returned'})")
        lines += textwrap.wrap(c.meaning, 84, initial_indent="    ", subsequent_indent="    ")
    example = " ".join(f"--param {p.name}=..." for p in q.parameters)
    lines += ["", f"run: ikg query {q.name} --store DIR {example}".rstrip()]
    return "\n".join(lines)
