"""inspection-kg: Ofsted children's services inspection reports as a knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("inspection-kg")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"
