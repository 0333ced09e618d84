"""Query answers made canonical, so every engine's answer prints and loads alike.

Engines agree on what a query means and disagree on how they write the answer: Virtuoso
returns a boolean as the integer 1, a count as xsd:int, an average with 15 digits where
Oxigraph gives 20; some engines keep ``"x"^^xsd:string``, others write ``"x"``. A library
query declares what each column holds (a ``set`` column lists ids separated by
spaces, a ``names`` column names separated by '; ', in no defined order, as GROUP_CONCAT
gives them: both are sorted) (``# column: in_reports (boolean): ...``), and the
answer is rewritten to one canonical term per value before anything prints it or hands
it to pandas: booleans as xsd:boolean, integers as xsd:integer, decimals as xsd:decimal
rounded to ``DECIMAL_PLACES`` places with no trailing zeros, dates as xsd:date. Undeclared
columns keep their terms, with numeric datatypes folded to their canonical forms.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.library import Column
from kg.store import QueryResult

DECIMAL_PLACES = 6
_INTEGERS = {
    XSD.integer, XSD.int, XSD.long, XSD.short, XSD.byte, XSD.nonNegativeInteger,
    XSD.positiveInteger, XSD.unsignedInt, XSD.unsignedLong, XSD.unsignedShort,
    XSD.negativeInteger, XSD.nonPositiveInteger, XSD.unsignedByte,
}  # fmt: skip
_DECIMALS = {XSD.decimal, XSD.double, XSD.float}
_TRUE = {"true", "1"}
_FALSE = {"false", "0"}


def decimal_text(value: Decimal) -> str:
    """A decimal rounded to DECIMAL_PLACES, without exponent or trailing zeros."""
    rounded = value.quantize(Decimal(1).scaleb(-DECIMAL_PLACES), rounding=ROUND_HALF_EVEN)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _number(node: Literal) -> Decimal | None:
    try:
        return Decimal(str(node))
    except (InvalidOperation, ValueError):
        return None


def canonical(node: Node | None, kind: str | None) -> Node | None:
    """One term as its column's kind says it must be (unchanged where it cannot be)."""
    if node is None or not isinstance(node, Literal):
        if kind == "iri" or node is None or isinstance(node, URIRef):
            return node
        return node
    text = str(node)
    datatype = node.datatype
    if kind == "boolean":
        if text.lower() in _TRUE:
            return Literal(True)
        if text.lower() in _FALSE:
            return Literal(False)
        return node
    if kind == "integer" or (kind is None and datatype in _INTEGERS):
        number = _number(node)
        if number is not None and number == number.to_integral_value():
            return Literal(int(number))
        return node
    if kind == "decimal" or (kind is None and datatype in _DECIMALS):
        number = _number(node)
        if number is None:
            return node
        return Literal(decimal_text(number), datatype=XSD.decimal)
    if kind == "date":
        return Literal(text[:10], datatype=XSD.date) if len(text) >= 10 else node
    if kind == "set":
        return Literal(" ".join(sorted(text.split())))
    if kind == "names":
        return Literal("; ".join(sorted(p for p in text.split("; ") if p)))
    if kind in ("string", "grade") or datatype == XSD.string:
        return Literal(text, lang=node.language) if node.language else Literal(text)
    return node


def canonical_result(result: QueryResult, columns: list[Column] | None = None) -> QueryResult:
    """The result with every value canonical for its column (SELECT results only)."""
    if result.graph is not None or result.boolean is not None:
        return result
    kinds = {c.name: c.type for c in columns or []}
    rows = [
        {name: canonical(row.get(name), kinds.get(name)) for name in result.variables}
        for row in result.rows
    ]
    return QueryResult(variables=list(result.variables), rows=rows)
