"""Packaging step that pyproject.toml cannot express: the artefacts in the wheel.

The ontology, vocabularies, shapes and query library live at the top of the source tree
(``ontology/``, ``shapes/``, ``queries/``), where people read and cite them. A wheel must
carry them too, so that an installed ``ikg`` works with no source tree: ``build_py``
copies them into the built package as ``kg/_resources/<name>/`` (kg.resources looks
there first, then in the source tree for an editable install).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCE_DIRS = ("ontology", "shapes", "queries")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        root = Path(__file__).resolve().parent
        target = Path(self.build_lib) / "kg" / "_resources"
        for name in RESOURCE_DIRS:
            source = root / name
            if not source.is_dir():
                raise FileNotFoundError(f"{source} is missing: cannot build a working wheel")
            destination = target / name
            if destination.exists():
                shutil.rmtree(destination)
            shutil.copytree(source, destination, ignore=shutil.ignore_patterns("__pycache__"))


setup(cmdclass={"build_py": BuildWithResources})
