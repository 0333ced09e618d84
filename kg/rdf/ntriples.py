"""Term serialisation: rdflib terms as N-Triples text, every IRI checked on the way.

Mapping, validation and every store write RDF as N-Triples, so this module is where a
term that cannot be written (an IRI with a space, a bad language tag, a blank-node
predicate) is caught: before anything touches a store, so a bad term can never leave a
graph half replaced or inject SPARQL into an update string. It depends on rdflib's term
classes alone, so the mapping layer uses it without reaching into kg.store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from kg.rdf.triples import Triple


class TermError(ValueError):
    """A term that cannot be written as N-Triples; the message names it."""


_XSD_STRING = str(XSD.string)
# Characters IRIREF forbids in N-Triples and SPARQL (plus controls and space).
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_BNODE_OK = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-.]*(?<!\.)$")
_LANG_OK = re.compile(r"^[A-Za-z]+(-[A-Za-z0-9]+)*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}
_ESCAPE_RE = re.compile(r'[\\"\n\r]')


def check_iri(iri: str) -> str:
    """Return ``iri`` if it can be written between angle brackets, else raise TermError."""
    if not iri or _BAD_IRI.search(iri) or ":" not in iri:
        raise TermError(f"not an absolute IRI usable in RDF: {iri!r}")
    return iri


def bnode_label(node: BNode) -> str:
    label = str(node)
    if _BNODE_OK.match(label):
        return label
    # rdflib accepts any string as a blank node id; keep it stable but syntactically valid.
    return "x" + label.encode("utf-8").hex()


def term_to_nt(term: Node) -> str:
    """One rdflib term in N-Triples syntax (also valid inside SPARQL ``INSERT DATA``)."""
    if isinstance(term, URIRef):
        return f"<{check_iri(str(term))}>"
    if isinstance(term, BNode):
        return f"_:{bnode_label(term)}"
    if isinstance(term, Literal):
        lexical = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group(0)], str(term))
        if term.language:
            if not _LANG_OK.match(term.language):
                raise TermError(f"invalid language tag {term.language!r}")
            return f'"{lexical}"@{term.language}'
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f'"{lexical}"^^<{check_iri(str(term.datatype))}>'
        return f'"{lexical}"'
    raise TermError(f"unsupported RDF term {term!r} ({type(term).__name__})")


def to_ntriples(triples: Iterable[Triple]) -> str:
    """Serialise triples as N-Triples text, validating every term first.

    Iterating the input ourselves means a failure while producing triples happens before
    any store is touched. IRIs repeat (predicates, classes, the subject of a dozen triples
    in a row), so each is checked and written once per call.
    """
    iris: dict[str, str] = {}

    def nt(term: Node) -> str:
        if type(term) is URIRef:
            key = str.__str__(term)  # a plain str key: URIRef's __eq__ is Python code
            text = iris.get(key)
            if text is None:
                text = iris[key] = term_to_nt(term)
            return text
        return term_to_nt(term)

    lines = []
    for s, p, o in triples:
        if isinstance(p, BNode):
            raise TermError(f"a predicate cannot be a blank node: {p!r}")
        lines.append(f"{nt(s)} {nt(p)} {nt(o)} .")
    lines.append("")
    return "\n".join(lines)
