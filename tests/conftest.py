"""Shared test helpers: where the bundled samples and the shared corpus live."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from kg.store import Store

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


WORKBOOK = SHARED / "reference" / "ofsted-la-inspection-outcomes-2025-03-31.ods"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole shared corpus built into an embedded store, with the official statistics
    imported beside it: what the corpus query tests ask their questions of.

    Built once per session (about a minute on two cores). Tests open it read-only in
    spirit: they query, never write. ``IKG_TEST_CORPUS_STORE`` names an already built
    store to reuse while developing (it is not rebuilt).
    """
    import os

    from kg.importing import import_statistics
    from kg.pipeline import build
    from kg.store import open_store

    if not corpus_available() or not WORKBOOK.is_file():
        pytest.skip("../shared corpus or statistics workbook not present")
    given = os.environ.get("IKG_TEST_CORPUS_STORE")
    if given:
        return Path(given)
    path = tmp_path_factory.mktemp("corpus") / "ikg-store"
    with open_store(path, write=True) as store:
        build([CORPUS / "reports"], store, jobs=os.cpu_count() or 1)
        import_statistics(WORKBOOK, store)
    return path


@pytest.fixture(scope="module")
def corpus(corpus_store: Path) -> Iterator[Store]:
    """The corpus store, opened once per test module (the corpus query tests)."""
    from kg.store import open_store

    with open_store(corpus_store) as opened:
        yield opened


def day(year: int, month: int, number: int) -> pd.Timestamp:
    """A date as kg.query's date columns hold it (datetime64)."""
    return pd.Timestamp(year, month, number)


def query_frame(name: str, store: Store, *, labels: bool = False, **params: str) -> pd.DataFrame:
    """kg.query, with pandas' missing values (NaN in string columns) as None; without the
    concept labels beside ids (``labels=True`` keeps them), so that the facts the corpus
    tests read from the documents are compared as ids."""
    import kg
    from kg.library import load

    frame = kg.query(name, store=store, **params).astype(object)
    if not labels:
        concept_labels = [
            c.name for c in load(name).columns if "the concept's skos:prefLabel" in c.meaning
        ]
        frame = frame.drop(columns=concept_labels)
    return frame.where(frame.notna(), None)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A running Oxigraph server (read-write, union default graph), for the session."""
    from support.servers import oxigraph

    with oxigraph(tmp_path_factory.mktemp("oxigraph")) as server:
        yield server


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """A running Virtuoso 7, for the session."""
    from support.servers import virtuoso

    with virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Each test reads the environment afresh (tests set IKG_* with monkeypatch)."""
    from kg import settings

    settings.reset()
    yield
    settings.reset()
