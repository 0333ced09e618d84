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

from pathlib import Path

from kg.settings import settings
from kg.store.base import EXPORT_FORMATS, QueryResult, Store
from kg.store.errors import (
    GraphNotFound,
    QueryTimeout,
    QueryTooLarge,
    ReadOnlyStore,
    StoreDamaged,
    StoreError,
    StoreLocked,
    StoreNotFound,
)
from kg.store.memory import MemoryStore
from kg.store.oxigraph import OxigraphStore, open_oxigraph
from kg.store.remote import SparqlEndpointStore, derive_update_url

DEFAULT_STORE_DIR = "ikg-store"

__all__ = [
    "DEFAULT_STORE_DIR",
    "EXPORT_FORMATS",
    "GraphNotFound",
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "QueryTimeout",
    "QueryTooLarge",
    "ReadOnlyStore",
    "SparqlEndpointStore",
    "Store",
    "StoreDamaged",
    "StoreError",
    "StoreLocked",
    "StoreNotFound",
    "derive_update_url",
    "is_endpoint",
    "open_store",
]


def is_endpoint(spec: str | Path) -> bool:
    return str(spec).startswith(("http://", "https://"))


def open_store(
    spec: str | Path | None = None,
    *,
    write: bool = False,
    timeout: float | None = None,
    limits: bool = True,
) -> Store:
    """Open the store a setting names, so the CLI and notebooks share one way to say it.

    - ``None``: the store of the settings (``IKG_STORE``, else ``./ikg-store``);
    - ``"memory"``: a fresh in-memory rdflib store;
    - ``"http://..."``/``"https://..."``: a SPARQL query endpoint; update and Graph Store
      endpoints, credentials and the graph prefix come from the settings (kg.settings);
    - any other string or path: an embedded Oxigraph store folder.

    A store is opened for reading unless ``write``; only writers create a missing folder
    (so a mistyped ``--store`` is an error, never a new empty store). Queries are limited
    to ``timeout`` seconds (default: the settings' ``IKG_TIMEOUT``) and, on the embedded
    store, to ``IKG_MEMORY_LIMIT`` MiB; ``limits=False`` runs them in-process, unlimited.
    """
    config = settings()
    text = str(spec if spec is not None else config.store)
    seconds = (timeout if timeout is not None else config.timeout) if limits else None
    if text == "memory":
        return MemoryStore(
            timeout=seconds,
            memory_limit_mb=config.memory_limit_mb if limits else 0,
            allow_service=config.allow_service,
        )
    if is_endpoint(text):
        return SparqlEndpointStore(
            text,
            update_url=config.update_url,
            gsp_url=config.gsp_url,
            auth=(config.user, config.password or "") if config.user else None,
            auth_type=config.auth_type,
            graph_prefix=config.graph_prefix,
            timeout=timeout if timeout is not None else config.timeout,
            allow_service=config.allow_service,
        )
    return open_oxigraph(
        Path(text),
        write=write,
        timeout=seconds,
        memory_limit_mb=config.memory_limit_mb if limits else 0,
        allow_service=config.allow_service,
    )
