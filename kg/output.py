"""Query results as tables, CSV and JSON: how people read answers in a terminal or a file."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from rdflib import Literal
from rdflib.term import Node

from kg.store import QueryResult

FORMATS = ("table", "csv", "tsv", "json", "md")


def plain(node: Node | None) -> Any:
    """A term as the value a spreadsheet or JSON reader expects (numbers stay numbers)."""
    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, bool | int | float | str):
            return value
        return str(node)
    return str(node)


def render(result: QueryResult, format: str) -> str:
    if result.boolean is not None:
        return json.dumps({"boolean": result.boolean}) if format == "json" else str(result.boolean)
    if result.graph is not None:
        return result.graph.serialize(format="json-ld" if format == "json" else "turtle")
    rows = [[plain(row.get(v)) for v in result.variables] for row in result.rows]
    if format == "json":
        return json.dumps([dict(zip(result.variables, r, strict=True)) for r in rows], indent=2)
    if format in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if format == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        writer.writerows(["" if v is None else v for v in r] for r in rows)
        return buffer.getvalue().rstrip("\n")
    if format == "md":
        head = "| " + " | ".join(result.variables) + " |"
        rule = "|" + "---|" * len(result.variables)
        body = ["| " + " | ".join(_cell(v) for v in r) + " |" for r in rows]
        return "\n".join([head, rule, *body])
    return _table(result.variables, rows)


def _cell(value: Any) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def _table(variables: list[str], rows: list[list[Any]]) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(*variables, show_lines=False)
    for row in rows:
        table.add_row(*(_short(v) for v in row))
    console = Console(file=io.StringIO(), width=160, force_terminal=False)
    console.print(table)
    console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."


__all__ = ["FORMATS", "plain", "render"]
