"""Shared test helpers: where the bundled samples and the shared corpus live."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SAMPLES = PROJECT / "samples" / "reports"
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus"
HAMPSHIRE_PDF = SAMPLES / "80472-hampshire-2019-06-11.pdf"
HAMPSHIRE_TXT = PROJECT / "samples" / "text" / "80472-hampshire-2019-06-11.txt"


def corpus_available() -> bool:
    return (CORPUS / "reports").is_dir()


needs_corpus = pytest.mark.skipif(
    not corpus_available(), reason="../shared/corpus is not present (corpus tests only)"
)


@pytest.fixture(scope="session")
def gold() -> dict:
    path = CORPUS / "gold" / "80472-hampshire-2019-06-11.json"
    if not path.is_file():
        pytest.skip("../shared/corpus/gold is not present")
    return json.loads(path.read_text(encoding="utf-8"))
