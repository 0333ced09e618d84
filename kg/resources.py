"""Where the project's own data files live: ontology, vocabularies, shapes, queries.

They sit at the top of the source tree (``ontology/``, ``shapes/``, ``queries/``) because
they are first-class artefacts users read and cite, not package internals. An
installation from the source tree (``pip install -e .``) finds them there.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"


def _project_subdir(name: str) -> Path:
    path = PROJECT_DIR / name
    if not path.is_dir():
        raise FileNotFoundError(
            f"{path} not found: install inspection-kg from its source tree (pip install -e .)"
        )
    return path


def ontology_dir() -> Path:
    return _project_subdir("ontology")


def vocab_dir() -> Path:
    return ontology_dir() / "vocab"


def shapes_dir() -> Path:
    return _project_subdir("shapes")


def queries_dir() -> Path:
    return _project_subdir("queries")


@cache
def ontology_files() -> tuple[Path, ...]:
    """The ontology and every SKOS scheme, in a stable order."""
    files = sorted(ontology_dir().glob("*.ttl")) + sorted(vocab_dir().glob("*.ttl"))
    if not files:
        raise FileNotFoundError(f"no ontology files under {ontology_dir()}")
    return tuple(files)
