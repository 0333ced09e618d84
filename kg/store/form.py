"""What a SPARQL text is, decided by parsing it, before any store sees it.

``ikg query`` must only ever read, on every store: a ``DROP ALL`` typed into it once
emptied a shared server because SPARQLWrapper guesses a request's form with a regular
expression over the whole text, comments included. Here Oxigraph's own SPARQL parser
decides: the text is prepared against an empty in-memory store, which parses it fully
and plans it without evaluating anything (results are lazy), in about a millisecond.
Only a text that parses as a SPARQL 1.1 *query* passes; an update, or anything that is
not SPARQL, is refused with the parser's message.

``SERVICE`` clauses make the engine send HTTP requests to other servers (the embedded
store included), so they are refused unless the caller allows them. The keyword is
found by scanning the text with comments, strings and IRIs taken out, so a comment or a
literal that says 'service' is never mistaken for one.
"""

from __future__ import annotations

import re
from enum import Enum

import pyoxigraph as ox

from kg.store.errors import StoreError


class QueryForm(Enum):
    """The four SPARQL query forms, as the result each returns."""

    SELECT = "SELECT"
    ASK = "ASK"
    GRAPH = "CONSTRUCT"
    """CONSTRUCT and DESCRIBE: both answer with triples."""


class NotAQuery(StoreError):
    """A text that is not a read-only SPARQL query (an update, or not SPARQL at all)."""


class ServiceRefused(StoreError):
    """A query with a SERVICE clause while federation is not allowed."""


_PARSER = ox.Store()
"""An empty store: preparing a query on it parses and plans it, evaluating nothing."""

_UPDATE_WORDS = re.compile(
    r"^(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE
)


def query_form(sparql: str) -> QueryForm:
    """The form of a read-only SPARQL query, or NotAQuery with a one-line reason."""
    try:
        answer = _PARSER.query(sparql)
    except SyntaxError as exc:
        first = str(exc).splitlines()[0] if str(exc) else "syntax error"
        if _UPDATE_WORDS.match(_first_keyword(sparql)):
            raise NotAQuery(
                "this is a SPARQL Update, not a query: ikg query only reads "
                f"(Oxigraph's parser: {first})"
            ) from None
        raise NotAQuery(f"not a SPARQL query: {first}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryForm.ASK
    if isinstance(answer, ox.QueryTriples):
        return QueryForm.GRAPH
    return QueryForm.SELECT


def check_query(sparql: str, *, allow_service: bool = False) -> QueryForm:
    """:func:`query_form`, also refusing SERVICE unless ``allow_service``."""
    form = query_form(sparql)
    if not allow_service and uses_service(sparql):
        raise ServiceRefused(
            "the query has a SERVICE clause, which sends requests to other servers: "
            "refused (allow it with --allow-service or IKG_ALLOW_SERVICE=1)"
        )
    return form


# Tokens that can hold any text: long and short strings, IRIs, comments. Removed before
# looking for keywords. IRIREF excludes spaces and '<'/'>' inside, which keeps '<' of a
# comparison ('?a < ?b') from starting one.
_OPAQUE = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|<[^<>\"{}|^`\\\s]*>"
    r"|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)


def strip_opaque(sparql: str) -> str:
    """The text with every string, IRI and comment replaced by a space."""
    return _OPAQUE.sub(" ", sparql)


def uses_service(sparql: str) -> bool:
    """Whether the query text has a SERVICE keyword outside strings, IRIs and comments."""
    return bool(_SERVICE.search(strip_opaque(sparql)))


def _first_keyword(sparql: str) -> str:
    """The first keyword after the prologue (BASE and PREFIX declarations)."""
    text = strip_opaque(sparql)
    text = re.sub(r"(?i)\b(?:BASE|PREFIX\s+[\w.-]*:)\s*", " ", text)
    return text.strip()
