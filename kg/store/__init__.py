"""Stores for the knowledge graph: one interface, three backends, one factory.

>>> from rdflib import Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((URIRef("https://example.org/a"), URIRef("https://example.org/p"), Literal(1)))
>>> with open_store("memory") as store:
...     store.replace_graph("https://example.org/graph/1", g)
...     store.replace_graph("https://example.org/graph/1", g)  # idempotent
...     len(store), store.graphs()
(1, ['https://example.org/graph/1'])
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import EXPORT_FORMATS, QueryResult, Store, StoreError
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore
from kg.store.remote import SparqlEndpointStore, derive_update_url

DEFAULT_STORE_DIR = "ikg-store"

__all__ = [
    "DEFAULT_STORE_DIR",
    "EXPORT_FORMATS",
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "SparqlEndpointStore",
    "Store",
    "StoreError",
    "derive_update_url",
    "open_store",
]


def open_store(spec: str | Path | None = None) -> Store:
    """Open the store a setting names, so the CLI and notebooks share one way to say it.

    - ``None``: the directory in ``IKG_STORE``, else ``./ikg-store`` (an Oxigraph store);
    - ``"memory"``: a fresh in-memory rdflib store;
    - ``"http://..."``/``"https://..."``: a SPARQL query endpoint; the update endpoint comes
      from ``IKG_UPDATE_URL`` or by convention (:func:`derive_update_url`), the Graph Store
      Protocol endpoint from ``IKG_GSP_URL`` (optional), credentials from ``IKG_USER`` and
      ``IKG_PASSWORD`` (``IKG_AUTH_TYPE`` basic or digest), and ``IKG_GRAPH_PREFIX`` limits
      listings to the project's graphs on shared servers;
    - any other string or path: an Oxigraph store directory (created if missing).
    """
    if spec is None:
        spec = os.environ.get("IKG_STORE") or DEFAULT_STORE_DIR
    text = str(spec)
    if text == "memory":
        return MemoryStore()
    if text.startswith(("http://", "https://")):
        user, password = os.environ.get("IKG_USER"), os.environ.get("IKG_PASSWORD")
        return SparqlEndpointStore(
            text,
            update_url=os.environ.get("IKG_UPDATE_URL") or None,
            gsp_url=os.environ.get("IKG_GSP_URL") or None,
            auth=(user, password or "") if user else None,
            auth_type=os.environ.get("IKG_AUTH_TYPE", "basic"),
            graph_prefix=os.environ.get("IKG_GRAPH_PREFIX") or None,
        )
    return OxigraphStore(Path(text))
