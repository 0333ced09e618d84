"""Term conversion between rdflib, pyoxigraph and SPARQL JSON results.

Every store speaks rdflib terms to its callers, so a query result or a graph looks the same
whichever backend produced it. Two normalisations follow RDF 1.1, where they are the same
term: a literal typed ``xsd:string`` comes back as a plain rdflib ``Literal`` (no datatype),
and language tags may come back lower-cased (Oxigraph stores them so); rdflib compares
language tags case-insensitively, so equality and isomorphism are unaffected.
Serialisation lives in kg.rdf.ntriples; the two functions here that wrap it say a bad
term as the stores' own error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.term import Node

from kg.rdf import ntriples
from kg.rdf.triples import Triple
from kg.store.errors import StoreError

RdfTerm = URIRef | BNode | Literal

_XSD_STRING = str(XSD.string)
_RDF_LANGSTRING = str(RDF.langString)


def check_iri(iri: str) -> str:
    """``iri`` if it can be written between angle brackets, else StoreError."""
    try:
        return ntriples.check_iri(iri)
    except ntriples.TermError as exc:
        raise StoreError(str(exc)) from None


def to_ntriples(triples: Iterable[Triple]) -> str:
    """N-Triples text of ``triples`` (kg.rdf.ntriples), a bad term as StoreError."""
    try:
        return ntriples.to_ntriples(triples)
    except ntriples.TermError as exc:
        raise StoreError(str(exc)) from None


def normalise(term: Node) -> Node:
    """The rdflib term as every store returns it (``xsd:string`` literals become plain)."""
    if isinstance(term, Literal) and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


def from_ox(term: Any) -> RdfTerm | None:
    """Convert a pyoxigraph term (or None for an unbound variable) to an rdflib term."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise StoreError(f"cannot convert {term!r} to rdflib (RDF-star triple terms unsupported)")


def triple_from_ox(triple: Any) -> tuple[RdfTerm, RdfTerm, RdfTerm]:
    """A pyoxigraph triple or quad's (subject, predicate, object) in rdflib terms."""
    terms = (from_ox(triple.subject), from_ox(triple.predicate), from_ox(triple.object))
    s, p, o = terms
    assert s is not None and p is not None and o is not None  # a stored triple binds all three
    return s, p, o


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """Convert an rdflib term to a pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(check_iri(str(term)))
    if isinstance(term, BNode):
        return ox.BlankNode(ntriples.bnode_label(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise StoreError(f"unsupported RDF term {term!r}")


def from_sparql_json(binding: dict[str, str]) -> RdfTerm:
    """Convert one term of a SPARQL 1.1 JSON result (``{"type": ..., "value": ...}``)."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return URIRef(value)
    if kind == "bnode":
        return BNode(value)
    if kind in ("literal", "typed-literal"):
        lang = binding.get("xml:lang")
        if lang:
            return Literal(value, lang=lang)
        datatype = binding.get("datatype")
        if datatype and datatype not in (_XSD_STRING, _RDF_LANGSTRING):
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value)
    raise StoreError(f"unknown SPARQL JSON term type {kind!r}")
