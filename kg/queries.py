"""Finding the project's named SPARQL queries (queries/*.rq) by name or path."""

from __future__ import annotations

import sys
from pathlib import Path

from kg.resources import queries_dir


class QueryNotFound(Exception):
    pass


def query_text(spec: str) -> str:
    """SPARQL text for '-' (standard input), a path to a .rq file, or a library name."""
    if spec == "-":
        return sys.stdin.read()
    path = Path(spec)
    if path.suffix == ".rq" or path.exists():
        if not path.is_file():
            raise QueryNotFound(f"{spec}: no such query file")
        return path.read_text(encoding="utf-8")
    named = queries_dir() / f"{spec}.rq"
    if named.is_file():
        return named.read_text(encoding="utf-8")
    known = ", ".join(sorted(p.stem for p in queries_dir().glob("*.rq"))) or "none"
    raise QueryNotFound(f"{spec}: no such query (library queries: {known})")
