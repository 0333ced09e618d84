"""Query results as people and programs read them: terminal tables, markdown, and the
W3C SPARQL 1.1 results formats (JSON, XML, CSV, TSV); triples as Turtle, N-Triples or
JSON-LD.

Values are printed from canonical terms (kg.results), so an answer prints the same
whichever store gave it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sys
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.store import QueryResult

FORMATS = ("table", "csv", "tsv", "json", "xml", "md", "ttl", "nt", "jsonld")
TABLE_FORMATS = ("table", "csv", "tsv", "json", "xml", "md")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
_RDFLIB = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


class FormatError(ValueError):
    """A format the answer cannot be written in (a table of triples, a graph of rows)."""


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


def render(result: QueryResult, format: str, width: int | None = None) -> str:
    """The answer in ``format``; FormatError where that format cannot hold it."""
    if result.boolean is not None:
        return _boolean(result.boolean, format)
    if result.graph is not None:
        fmt = "ttl" if format == "table" else format
        if fmt not in GRAPH_FORMATS:
            raise FormatError(
                f"the query answers with triples, which --format {format} cannot hold: "
                f"use one of {', '.join(GRAPH_FORMATS)}"
            )
        text = result.graph.serialize(format=_RDFLIB[fmt])
        return text if isinstance(text, str) else text.decode("utf-8")
    if format in GRAPH_FORMATS:
        raise FormatError(
            f"the query answers with rows, which --format {format} cannot hold: "
            f"use one of {', '.join(TABLE_FORMATS)}"
        )
    variables = result.variables
    if format == "json":
        return json.dumps(
            {
                "head": {"vars": variables},
                "results": {
                    "bindings": [
                        {v: _json_term(term) for v in variables if (term := row.get(v)) is not None}
                        for row in result.rows
                    ]
                },
            },
            indent=1,
            ensure_ascii=False,
        )
    if format == "xml":
        return _xml(result)
    if format == "tsv":
        lines = ["\t".join(f"?{v}" for v in variables)]
        lines += ["\t".join(_tsv_term(row.get(v)) for v in variables) for row in result.rows]
        return "\n".join(lines)
    rows = [[plain(row.get(v)) for v in variables] for row in result.rows]
    if format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(variables)
        writer.writerows(["" if v is None else v for v in r] for r in rows)
        return buffer.getvalue().rstrip("\n")
    if format == "md":
        head = "| " + " | ".join(variables) + " |"
        rule = "|" + "---|" * len(variables)
        body = ["| " + " | ".join(_cell(v) for v in r) + " |" for r in rows]
        return "\n".join([head, rule, *body])
    return _table(variables, rows, width)


def _boolean(value: bool, format: str) -> str:
    if format == "json":
        return json.dumps({"head": {}, "boolean": value})
    if format == "xml":
        word = "true" if value else "false"
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>"
        )
    return "true" if value else "false"


def _json_term(node: Node) -> dict[str, str]:
    if isinstance(node, URIRef):
        return {"type": "uri", "value": str(node)}
    if isinstance(node, BNode):
        return {"type": "bnode", "value": str(node)}
    assert isinstance(node, Literal)
    term = {"type": "literal", "value": str(node)}
    if node.language:
        term["xml:lang"] = node.language
    elif node.datatype is not None and node.datatype != XSD.string:
        term["datatype"] = str(node.datatype)
    return term


def _xml(result: QueryResult) -> str:
    parts = [
        '<?xml version="1.0"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
        "<head>"
        + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables)
        + "</head>",
        "<results>",
    ]
    for row in result.rows:
        parts.append("<result>")
        for v in result.variables:
            node = row.get(v)
            if node is None:
                continue
            if isinstance(node, URIRef):
                inner = f"<uri>{escape(str(node))}</uri>"
            elif isinstance(node, BNode):
                inner = f"<bnode>{escape(str(node))}</bnode>"
            else:
                assert isinstance(node, Literal)
                attrs = ""
                if node.language:
                    attrs = f" xml:lang={quoteattr(node.language)}"
                elif node.datatype is not None and node.datatype != XSD.string:
                    attrs = f" datatype={quoteattr(str(node.datatype))}"
                inner = f"<literal{attrs}>{escape(str(node))}</literal>"
            parts.append(f"<binding name={quoteattr(v)}>{inner}</binding>")
        parts.append("</result>")
    parts += ["</results>", "</sparql>"]
    return "\n".join(parts)


def _tsv_term(node: Node | None) -> str:
    """A term in the SPARQL TSV results form: N-Triples syntax, tabs and newlines escaped."""
    if node is None:
        return ""
    return node.n3().replace("\t", "\\t").replace("\n", "\\n")


def _cell(value: Any) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")


def terminal_width() -> int:
    """The width to lay a table out in: the terminal's, or COLUMNS, or 160 when piped."""
    if "COLUMNS" in os.environ:
        return max(40, int(os.environ["COLUMNS"]) if os.environ["COLUMNS"].isdigit() else 160)
    if sys.stdout.isatty():
        return max(40, shutil.get_terminal_size().columns)
    return 160


def _table(variables: list[str], rows: list[list[Any]], width: int | None) -> str:
    from rich.console import Console
    from rich.table import Table

    table = Table(*variables, show_lines=False)
    for row in rows:
        table.add_row(*(_short(v) for v in row))
    console = Console(file=io.StringIO(), width=width or terminal_width(), force_terminal=False)
    console.print(table)
    console.print(f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]


def _short(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    return text if len(text) <= 200 else text[:197] + "..."


__all__ = ["FORMATS", "FormatError", "plain", "render"]
