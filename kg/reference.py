"""The graphs every store holds beside the reports: the vocabulary and the authority register.

Queries follow SKOS mappings between frameworks' judgement areas, concept labels, grade
notations, authorities' regions, reorganisations and statistical neighbours; these live
in two named graphs that ``build`` and ``import-statistics`` keep current. Each carries a
fingerprint of the shipped files it was made from (``dcterms:hasVersion`` on the graph
IRI), so a store already up to date is not rewritten: loading and validating the register
costs far more than checking a fingerprint (bench/ measures both).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS

from kg import __version__
from kg.rdf import uris
from kg.rdf.namespaces import IKG, bind_prefixes
from kg.resources import DATA_DIR, ontology_files
from kg.store import Store
from kg.validate import validate_graph

REGISTER_FILES = (
    "authorities.csv",
    "authority-changes.csv",
    "trusts.csv",
    "statistical-neighbours-2025.csv",
    "lookup-neighbours.csv",
)


def register_sources() -> list[Path]:
    """What the register graph is made from: the shipped data and the code that maps it,
    so a store made by an earlier mapping is refreshed even when the data is unchanged
    (a store once kept a register without the neighbour lists' identifiers, and the
    neighbour queries found no neighbours in it)."""
    import kg.authorities
    import kg.rdf.register
    import kg.sources.neighbours

    code = [
        Path(m.__file__ or "") for m in (kg.rdf.register, kg.authorities, kg.sources.neighbours)
    ]
    return [DATA_DIR / n for n in REGISTER_FILES] + code


def fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def vocabulary_graph() -> tuple[URIRef, Graph]:
    """The ontology and every SKOS scheme, as one named graph."""
    graph_iri = uris.vocabulary_graph()
    g = bind_prefixes(Graph(identifier=graph_iri))
    for path in ontology_files():
        g.parse(path, format="turtle")
    return graph_iri, g


def _is_current(store: Store, graph_iri: URIRef, version: str) -> bool:
    fact = f"<{graph_iri}> <{DCTERMS.hasVersion}> {Literal(version).n3()}"
    ask = f"ASK {{ GRAPH <{graph_iri}> {{ {fact} }} }}"
    return bool(store.query(ask).boolean)


def stale_reference_graphs(store: Store) -> list[str]:
    """The reference graphs that are missing or were made by other code or data than this
    installation's: queries that read them (neighbours, regions, reorganisations, grade
    ranks) may then answer from an older model, so callers say so before answering."""
    stale = []
    for graph_iri, files in (
        (uris.vocabulary_graph(), ontology_files()),
        (uris.register_graph(), register_sources()),
    ):
        if not _is_current(store, graph_iri, fingerprint(files)):
            stale.append(str(graph_iri))
    return stale


_HAS_REPORTS = f"ASK {{ ?report a <{IKG.InspectionReport}> }}"


def stale_warning(store: Store) -> str | None:
    """One line for a user whose store's reference graphs are not this version's."""
    stale = stale_reference_graphs(store)
    # a store without reports needs no warning (the query says it found nothing); an ASK
    # on the type index, not a listing of graphs, which on a large server is a full scan
    if not stale or not store.query(_HAS_REPORTS).boolean:
        return None
    names = " and ".join("register" if "register" in g else "vocabulary" for g in stale)
    graphs = "graphs are" if len(stale) > 1 else "graph is"
    return (
        f"the store's {names} {graphs} missing or made by another version of "
        "inspection-kg; answers may lack concept ids and labels or be out of date "
        "(`ikg refresh` updates it)"
    )


def ensure_reference_graphs(store: Store, force: bool = False) -> list[str]:
    """Load the vocabulary and register graphs where missing or stale; returns those loaded.

    The register graph is validated with its shapes before loading, like any other graph;
    the vocabulary is checked by the ontology tests instead (it is code, not data).
    """
    from kg.rdf.register import register_graph

    loaded: list[str] = []
    builders = (
        (uris.vocabulary_graph(), ontology_files(), vocabulary_graph, None),
        (uris.register_graph(), register_sources(), register_graph, "register"),
    )
    for graph_iri, files, make, kind in builders:
        version = fingerprint(files)
        if not force and _is_current(store, graph_iri, version):
            continue
        _, graph = make()
        if kind is not None:
            verdict = validate_graph(graph, kind)
            if not verdict.conforms:
                raise ValueError(f"<{graph_iri}> does not conform: {verdict.violations[0].line()}")
        graph.add((graph_iri, DCTERMS.hasVersion, Literal(version)))
        store.replace_graph(str(graph_iri), graph)
        loaded.append(str(graph_iri))
    return loaded
