"""Framework names of the JSON contract -> concepts of the framework scheme."""

from __future__ import annotations

from rdflib import URIRef

from kg.concepts import FRAMEWORK_IDS
from kg.rdf import uris


def framework_concept(framework: str) -> URIRef:
    return uris.concept("framework", FRAMEWORK_IDS[framework])
