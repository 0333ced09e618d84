"""Validation runs over files and stores: which graphs, with which shape set.

kg.validate validates one graph; this decides what to validate: every graph of an RDF
file, or every named graph of a store except the vocabulary (code, checked by the
ontology tests), each with the shape set its IRI says it needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.rdffiles import read_graphs
from kg.store import Store
from kg.validate import graph_kind, validate_graph


@dataclass
class Verdict:
    name: str
    conforms: bool
    text: str


def validate_files(paths: list[Path]) -> list[Verdict]:
    """Each graph of each RDF file (RdfFileError for a file that is not RDF)."""
    verdicts = []
    for path in paths:
        for name, graph in read_graphs(path):
            iri = name.rsplit("<", 1)[-1].rstrip(">") if "<" in name else name
            report = validate_graph(graph, graph_kind(iri))
            verdicts.append(Verdict(name, report.conforms, report.text))
    return verdicts


def validate_store(store: Store) -> list[Verdict]:
    """Each named graph of the store but the vocabulary."""
    verdicts = []
    for iri in store.graphs():
        kind = graph_kind(iri)
        if kind == "vocabulary":
            continue
        report = validate_graph(store.get_graph(iri), kind)
        verdicts.append(Verdict(iri, report.conforms, report.text))
    return verdicts
