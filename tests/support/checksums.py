"""A report's source checksum as graphs state it: SPDX since 0.3.0, ikg:sha256 before
(stores keep the old form for files a build finds unchanged, so tests write both)."""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf.namespaces import IKG, SPDX


def add_checksum(graph: Graph, report: URIRef, sha: str, *, before_0_3: bool = False) -> None:
    if before_0_3:
        graph.add((report, IKG.sha256, Literal(sha)))
        return
    checksum = URIRef(f"{report}/checksum/sha256")
    graph.add((report, SPDX.checksum, checksum))
    graph.add((checksum, SPDX.checksumValue, Literal(sha, datatype=XSD.hexBinary)))
