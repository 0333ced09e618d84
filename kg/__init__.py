"""inspection-kg: Ofsted children's services inspection reports as a knowledge graph.

``kg.query(name, store=..., **params)`` runs a library query into a pandas DataFrame and
``kg.open_store(spec)`` opens a store (see kg.api); the command line is ``ikg``.

The API is imported on first use, so ``import kg.extract`` (which needs none of it) does
not load rdflib, pyoxigraph, SPARQLWrapper and pandas.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import Any

try:
    __version__ = version("inspection-kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

_API = ("open_store", "query", "queries")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name in _API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
