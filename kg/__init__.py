"""inspection-kg: Ofsted children's services inspection reports as a knowledge graph.

``kg.query(name, store=..., **params)`` runs a library query into a pandas DataFrame and
``kg.open_store(spec)`` opens a store (see kg.api); the command line is ``ikg``.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("inspection-kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

from kg.api import open_store, query

__all__ = ["__version__", "open_store", "query"]
