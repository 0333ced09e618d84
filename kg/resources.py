"""Where the project's own data files live: ontology, vocabularies, shapes, queries.

They sit at the top of the source tree (``ontology/``, ``shapes/``, ``queries/``) because
they are first-class artefacts users read and cite, not package internals. A wheel
carries copies in ``kg/_resources/`` (setup.py puts them there), which are used when
present; an editable install (``pip install -e .``) reads the source tree's own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent
DATA_DIR = PACKAGE_DIR / "data"


PACKAGED_DIR = PACKAGE_DIR / "_resources"


def _project_subdir(name: str) -> Path:
    for path in (PACKAGED_DIR / name, PROJECT_DIR / name):
        if path.is_dir():
            return path
    raise FileNotFoundError(
        f"{name}/ is missing from this installation of inspection-kg "
        f"(looked in {PACKAGED_DIR} and {PROJECT_DIR}): reinstall it"
    )


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
