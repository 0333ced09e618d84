"""The Store contract, run against every backend (tests/test_store_remote.py reuses it).

Each test takes a ``store`` fixture; here it is an OxigraphStore in a temporary directory
and a MemoryStore, so both must behave identically.
"""

from __future__ import annotations

import doctest
import io
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD
from support.checksums import add_checksum

import kg.store
from kg import settings
from kg.rdf.namespaces import IKG, SPDX
from kg.store import (
    EXPORT_FORMATS,
    MemoryStore,
    OxigraphStore,
    ReadOnlyStore,
    SparqlEndpointStore,
    Store,
    StoreDamaged,
    StoreError,
    StoreLocked,
    StoreNotFound,
    open_store,
)

GRAPH_BASE = "https://example.org/test/graph/"
G1, G2 = GRAPH_BASE + "report/1", GRAPH_BASE + "report/2"
ID = "https://example.org/test/id/"


def report_graph(
    n_paragraphs: int, tag: str, sha: str = "0" * 64, *, before_0_3: bool = False
) -> Graph:
    """A small report-shaped graph with every kind of term the build writes; its checksum
    as SPDX states it, or as stores made before 0.3.0 did (``before_0_3``)."""
    g = Graph()
    report = URIRef(f"{ID}{tag}/report")
    g.add((report, RDF.type, IKG.InspectionReport))
    add_checksum(g, report, sha, before_0_3=before_0_3)
    g.add((report, IKG.startDate, Literal(date(2019, 4, 29))))
    g.add((report, DCTERMS.title, Literal(f"Report {tag}", lang="en")))
    g.add((report, RDFS.comment, Literal('quote " backslash \\ \\u0041 newline\n tab\t é – ’')))
    selector = BNode()
    g.add((report, URIRef("https://example.org/test/selector"), selector))
    g.add((selector, URIRef("https://example.org/test/start"), Literal(0)))
    for n in range(1, n_paragraphs + 1):
        paragraph = URIRef(f"{ID}{tag}/report/paragraph/{n}")
        g.add((report, IKG.hasParagraph, paragraph))
        g.add((paragraph, RDF.type, IKG.Paragraph))
        g.add((paragraph, IKG.paragraphNumber, Literal(n)))
    return g


class ExplodingGraph(Graph):
    """A Graph whose iteration fails after ``after`` triples, as a broken mapper might."""

    def __init__(self, source: Graph, after: int) -> None:
        super().__init__()
        for triple in source:
            self.add(triple)
        self.after = after

    def __iter__(self) -> Iterator:  # type: ignore[override]
        for i, triple in enumerate(super().__iter__()):
            if i == self.after:
                raise RuntimeError("mapper failed half way")
            yield triple


@pytest.fixture(params=["oxigraph", "memory"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s: Store = (
        OxigraphStore(tmp_path / "store", write=True)
        if request.param == "oxigraph"
        else MemoryStore()
    )
    with s:
        yield s


def rdflib_parse(target: Graph, data: bytes, fmt: str) -> Graph:
    """Parse with rdflib, whose 7.6 quad and JSON-LD parsers call ConjunctiveGraph and Dataset
    APIs rdflib itself deprecated; only those deprecation warnings are tolerated."""
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore", r"(ConjunctiveGraph|Dataset\.\w+) is deprecated", DeprecationWarning
        )
        return target.parse(data=data, format=fmt)


def count(store: Store, graph_iri: str) -> int:
    return len(store.get_graph(graph_iri))


def test_replace_is_idempotent(store: Store) -> None:
    g = report_graph(5, "a")
    store.replace_graph(G1, g)
    first = len(store)
    store.replace_graph(G1, g)
    assert len(store) == first == len(g) == count(store, G1)
    assert isomorphic(store.get_graph(G1), g)


def test_replace_replaces(store: Store) -> None:
    store.replace_graph(G1, report_graph(10, "a"))
    smaller = report_graph(3, "a")
    store.replace_graph(G1, smaller)
    assert count(store, G1) == len(smaller)
    assert isomorphic(store.get_graph(G1), smaller)


def test_other_graphs_untouched(store: Store) -> None:
    g2 = report_graph(4, "b")
    store.replace_graph(G2, g2)
    store.replace_graph(G1, report_graph(10, "a"))
    store.replace_graph(G1, report_graph(2, "a"))
    store.drop_graph(G1)
    assert isomorphic(store.get_graph(G2), g2)
    assert G2 in store.graphs()


def test_query_returns_typed_rdflib_terms(store: Store) -> None:
    store.replace_graph(G1, report_graph(2, "a"))
    result = store.query(
        f"""SELECT ?report ?date ?title ?n ?missing WHERE {{
            ?report <{IKG.startDate}> ?date ; <{DCTERMS.title}> ?title ;
                    <{IKG.hasParagraph}> ?p .
            ?p <{IKG.paragraphNumber}> ?n .
            OPTIONAL {{ ?report <https://example.org/test/absent> ?missing }}
        }} ORDER BY ?n"""
    )
    assert result.variables == ["report", "date", "title", "n", "missing"]
    assert len(result.rows) == 2
    row = result.rows[0]
    assert row["report"] == URIRef(f"{ID}a/report")
    assert isinstance(row["date"], Literal) and row["date"].datatype == XSD.date
    assert row["date"].toPython() == date(2019, 4, 29)
    assert row["title"] == Literal("Report a", lang="en") and row["title"].language == "en"
    assert row["n"].datatype == XSD.integer and row["n"].toPython() == 1  # type: ignore[union-attr]
    assert row["missing"] is None
    text = store.query(f"SELECT ?c WHERE {{ ?r <{RDFS.comment}> ?c }}").rows[0]["c"]
    assert text == Literal('quote " backslash \\ \\u0041 newline\n tab\t é – ’')
    assert isinstance(store.query(f"SELECT ?b WHERE {{ ?r <{ID}x> ?b }}").rows, list)


def test_ask_and_construct(store: Store) -> None:
    g = report_graph(2, "a")
    store.replace_graph(G1, g)
    assert store.query(f"ASK {{ ?r a <{IKG.InspectionReport}> }}").boolean is True
    assert store.query(f"ASK {{ ?r a <{IKG.Finding}> }}").boolean is False
    constructed = store.query(
        f"CONSTRUCT {{ ?p <{IKG.paragraphNumber}> ?n }} WHERE {{ ?p <{IKG.paragraphNumber}> ?n }}"
    ).graph
    assert constructed is not None and len(constructed) == 2
    assert set(constructed.objects()) == {Literal(1), Literal(2)}


def test_union_query_spans_graphs(store: Store) -> None:
    store.replace_graph(G1, report_graph(3, "a"))
    store.replace_graph(G2, report_graph(4, "b"))
    rows = store.query(f"SELECT (COUNT(?p) AS ?n) WHERE {{ ?p a <{IKG.Paragraph}> }}").rows
    assert int(rows[0]["n"]) == 7  # type: ignore[arg-type]
    per_graph = store.query(
        f"SELECT ?g (COUNT(?p) AS ?n) WHERE {{ GRAPH ?g {{ ?p a <{IKG.Paragraph}> }} }} "
        "GROUP BY ?g ORDER BY ?g"
    ).rows
    assert [(str(r["g"]), int(r["n"])) for r in per_graph] == [(G1, 3), (G2, 4)]  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("one_graph", [False, True], ids=["all", "one"])
def test_export_round_trips(store: Store, fmt: str, one_graph: bool) -> None:
    g1, g2 = report_graph(3, "a"), report_graph(2, "b")
    store.replace_graph(G1, g1)
    store.replace_graph(G2, g2)
    out = io.BytesIO()
    store.export(out, fmt, graph_iri=G1 if one_graph else None)
    data = out.getvalue()
    assert data
    rdflib_format = {
        "nq": "nquads",
        "trig": "trig",
        "ttl": "turtle",
        "nt": "nt",
        "jsonld": "json-ld",
    }[fmt]
    if fmt in ("nq", "trig"):
        parsed = rdflib_parse(Dataset(), data, rdflib_format)
        assert isinstance(parsed, Dataset)
        named = {str(g.identifier): g for g in parsed.graphs() if len(g)}
        expected = {G1: g1} if one_graph else {G1: g1, G2: g2}
        assert set(named) == set(expected)
        for name, graph in expected.items():
            assert isomorphic(named[name], graph), name
    else:
        parsed_graph = rdflib_parse(Graph(), data, rdflib_format)
        assert isomorphic(parsed_graph, g1 if one_graph else g1 + g2)


def test_export_rejects_unknown_format(store: Store) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        store.export(io.BytesIO(), "rdfxml")


def test_drop_graph(store: Store) -> None:
    store.replace_graph(G1, report_graph(3, "a"))
    store.replace_graph(G2, report_graph(2, "b"))
    store.drop_graph(G1)
    store.drop_graph(G1)  # idempotent
    assert G1 not in store.graphs() and G2 in store.graphs()
    assert count(store, G1) == 0
    assert len(store) == len(report_graph(2, "b"))


def test_empty_replace_removes_graph(store: Store) -> None:
    store.replace_graph(G1, report_graph(3, "a"))
    store.replace_graph(G1, Graph())
    assert G1 not in store.graphs() and count(store, G1) == 0


def test_graphs_lists_named_graphs(store: Store) -> None:
    assert [g for g in store.graphs() if g.startswith(GRAPH_BASE)] == []
    store.replace_graph(G2, report_graph(1, "b"))
    store.replace_graph(G1, report_graph(1, "a"))
    store.get_graph(GRAPH_BASE + "never-written")
    assert [g for g in store.graphs() if g.startswith(GRAPH_BASE)] == [G1, G2]


def test_source_sha256s(store: Store) -> None:
    """Both forms are read (a build keeps pre-0.3.0 graphs of unchanged files), in lower
    case, and a statistics distribution's checksum is not taken for a report's."""
    sha_a, sha_b, sha_c = "a" * 64, "b" * 64, "c" * 64
    store.replace_graph(G1, report_graph(1, "a", sha_a.upper()))
    store.replace_graph(G2, report_graph(1, "b", sha_b, before_0_3=True))
    distribution = Graph()
    checksum = URIRef(f"{ID}dataset/distribution/checksum")
    distribution.add((URIRef(f"{ID}dataset/distribution"), SPDX.checksum, checksum))
    distribution.add((checksum, SPDX.checksumValue, Literal(sha_c, datatype=XSD.hexBinary)))
    store.replace_graph(GRAPH_BASE + "dataset", distribution)
    shas = store.source_sha256s()
    assert shas[sha_a] == G1 and shas[sha_b] == G2
    assert sha_c not in shas
    store.drop_graph(G2)
    assert sha_b not in store.source_sha256s()
    store.drop_graph(GRAPH_BASE + "dataset")


def test_failed_iteration_leaves_old_graph(store: Store) -> None:
    old = report_graph(3, "a")
    store.replace_graph(G1, old)
    with pytest.raises(RuntimeError, match="half way"):
        store.replace_graph(G1, ExplodingGraph(report_graph(20, "a"), after=10))
    assert isomorphic(store.get_graph(G1), old)


def test_invalid_term_leaves_old_graph(store: Store) -> None:
    old = report_graph(3, "a")
    store.replace_graph(G1, old)
    bad = report_graph(20, "a")
    bad.add((URIRef(f"{ID}a/report"), RDFS.seeAlso, URIRef("https://example.org/has space")))
    with pytest.raises(StoreError, match="not an absolute IRI"):
        store.replace_graph(G1, bad)
    assert isomorphic(store.get_graph(G1), old)
    with pytest.raises(StoreError):
        store.replace_graph("not an iri>", old)


def test_query_syntax_error_is_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="not a SPARQL query"):
        store.query("SELEC ?x WHERE { ?x ?y ?z }")


# ---- backend-specific ----------------------------------------------------------------


def test_oxigraph_reopen_keeps_data(tmp_path: Path) -> None:
    g = report_graph(4, "a")
    with OxigraphStore(tmp_path / "store", write=True) as s:
        s.replace_graph(G1, g)
    with OxigraphStore(tmp_path / "store") as s:
        assert s.graphs() == [G1]
        assert isomorphic(s.get_graph(G1), g)


def test_oxigraph_second_writer_is_one_line_error(tmp_path: Path) -> None:
    with (
        OxigraphStore(tmp_path / "store", write=True),
        pytest.raises(StoreLocked, match="being written by process"),
    ):
        OxigraphStore(tmp_path / "store", write=True)


def test_oxigraph_readers_are_not_blocked_by_a_writer(tmp_path: Path) -> None:
    """A reader opened while a build writes sees the store as it was, and the next
    reader sees the build once it has finished."""
    path = tmp_path / "store"
    with OxigraphStore(path, write=True) as s:
        s.replace_graph(G1, report_graph(2, "a"))
    writer = OxigraphStore(path, write=True)
    writer.replace_graph(G2, report_graph(3, "b"))
    with OxigraphStore(path) as reader:
        assert reader.graphs() == [G1]
    writer.close()
    with OxigraphStore(path) as reader:
        assert reader.graphs() == [G1, G2]


def test_oxigraph_failed_write_session_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store"
    with OxigraphStore(path, write=True) as s:
        s.replace_graph(G1, report_graph(2, "a"))
    with pytest.raises(RuntimeError), OxigraphStore(path, write=True) as s:
        s.replace_graph(G2, report_graph(3, "b"))
        s.drop_graph(G1)
        raise RuntimeError("the build failed")
    with OxigraphStore(path) as reader:
        assert reader.graphs() == [G1]
    generations = sorted(p.name for p in path.iterdir() if p.name.startswith("gen-"))
    assert len(generations) == 1, generations


def test_oxigraph_reader_pins_its_generation(tmp_path: Path) -> None:
    """A reader keeps answering from the generation it opened while writers swap in
    newer ones; that generation is deleted only after the reader closes."""
    path = tmp_path / "store"
    with OxigraphStore(path, write=True) as s:
        s.replace_graph(G1, report_graph(2, "a"))
    reader = OxigraphStore(path)
    size = len(reader)
    for k in range(3):
        with OxigraphStore(path, write=True) as s:
            s.replace_graph(G2, report_graph(3 + k, "b"))
    assert reader.graphs() == [G1] and len(reader) == size
    reader.close()
    with OxigraphStore(path, write=True) as s:
        s.replace_graph(G2, report_graph(1, "c"))
    generations = [p.name for p in path.iterdir() if p.name.startswith("gen-")]
    assert len(generations) == 1


def test_oxigraph_reads_a_store_of_the_earlier_layout(tmp_path: Path) -> None:
    """A bare RocksDB folder (inspection-kg 0.1) is read in place and moved into the
    generation layout by the first write."""
    import pyoxigraph as ox

    path = tmp_path / "store"
    legacy = ox.Store(str(path))
    legacy.load(report_graph(2, "a").serialize(format="nt"), ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(G1))  # fmt: skip
    legacy.flush()
    del legacy
    with OxigraphStore(path) as reader:
        assert reader.graphs() == [G1]
    with OxigraphStore(path, write=True) as s:
        s.replace_graph(G2, report_graph(1, "b"))
    assert not (path / "CURRENT").exists() and (path / "current").is_file()
    with OxigraphStore(path) as reader:
        assert reader.graphs() == [G1, G2]


def test_oxigraph_refuses_a_folder_whose_current_file_is_missing(tmp_path: Path) -> None:
    """pyoxigraph would make a new empty database there and delete the table files."""
    path = tmp_path / "store"
    with OxigraphStore(path, write=True) as s:
        s.replace_graph(G1, report_graph(200, "a"))
    generation = path / (path / "current").read_text().strip()
    (generation / "CURRENT").unlink()
    tables = sorted(p.name for p in generation.glob("*.sst"))
    for write in (False, True):
        with pytest.raises(StoreDamaged, match="CURRENT is missing"):
            OxigraphStore(path, write=write)
    assert sorted(p.name for p in generation.glob("*.sst")) == tables
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for table in generation.glob("*.sst"):
        (legacy / table.name).write_bytes(table.read_bytes())
    with pytest.raises(StoreDamaged, match="CURRENT file is missing"):
        open_store(legacy)


def test_reading_a_missing_store_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StoreNotFound, match="no store at"):
        open_store(tmp_path / "typo")
    assert not (tmp_path / "typo").exists()
    with open_store(tmp_path / "new", write=True) as s:
        assert s.graphs() == []
    assert (tmp_path / "new").is_dir()


def test_a_folder_of_other_files_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    for write in (False, True):
        with pytest.raises(StoreDamaged, match="not an inspection-kg store"):
            open_store(tmp_path, write=write)


def test_reader_refuses_writes(tmp_path: Path) -> None:
    with OxigraphStore(tmp_path / "store", write=True) as s:
        s.replace_graph(G1, report_graph(1, "a"))
    with OxigraphStore(tmp_path / "store") as s, pytest.raises(ReadOnlyStore):
        s.drop_graph(G1)


def test_oxigraph_path_is_file(tmp_path: Path) -> None:
    path = tmp_path / "a-file"
    path.write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        open_store(path)


def test_closed_store_raises(tmp_path: Path) -> None:
    for s in (OxigraphStore(tmp_path / "store", write=True), MemoryStore()):
        s.close()
        with pytest.raises(StoreError, match="closed"):
            s.graphs()


def test_open_store_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store("memory") as s:
        assert isinstance(s, MemoryStore)
    with open_store(tmp_path / "dir", write=True) as s:
        assert isinstance(s, OxigraphStore) and (tmp_path / "dir").is_dir()
    monkeypatch.setenv("IKG_STORE", str(tmp_path / "env-dir"))
    settings.reset()
    with open_store(None, write=True) as s:
        assert isinstance(s, OxigraphStore) and s.path == tmp_path / "env-dir"
    remote = open_store("http://localhost:3030/ds/query")
    assert isinstance(remote, SparqlEndpointStore)
    assert remote.update_url == "http://localhost:3030/ds/update" and remote.gsp_url is None
    graphdb = open_store("http://h:7200/repositories/ikg")
    assert isinstance(graphdb, SparqlEndpointStore)
    assert graphdb.update_url == "http://h:7200/repositories/ikg/statements"
    monkeypatch.setenv("IKG_UPDATE_URL", "http://h/upd")
    monkeypatch.setenv("IKG_GSP_URL", "http://h/gsp")
    monkeypatch.setenv("IKG_USER", "dba")
    monkeypatch.setenv("IKG_PASSWORD", "pw")
    settings.reset()
    remote = open_store("http://h/sparql")
    assert isinstance(remote, SparqlEndpointStore)
    assert (remote.update_url, remote.gsp_url, remote.auth) == (
        "http://h/upd",
        "http://h/gsp",
        ("dba", "pw"),
    )


def test_unreachable_endpoint_is_store_error() -> None:
    remote = SparqlEndpointStore("http://127.0.0.1:9/sparql", timeout=2)
    with pytest.raises(StoreError, match="failed"):
        remote.graphs()


def test_docstring_examples_run() -> None:
    result = doctest.testmod(kg.store, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


def test_replace_from_ntriples(store: Store) -> None:
    """The build's path: N-Triples text from a worker replaces a graph, atomically."""
    store.replace_graph(G1, report_graph(10, "a"))
    smaller = report_graph(3, "b")
    store.replace_graph_ntriples(G1, smaller.serialize(format="nt"))
    assert isomorphic(store.get_graph(G1), smaller)
    with pytest.raises(StoreError):
        store.replace_graph_ntriples(G1, '<urn:a> <urn:p> "unterminated .\n')
    assert isomorphic(store.get_graph(G1), smaller)


def test_ntriples_into_a_new_graph_is_all_or_nothing(store: Store) -> None:
    """A graph the store lacks takes another path (a transactional load): bad text in its
    last line still leaves no graph and no triple behind."""
    before = len(store)
    good = report_graph(3, "a").serialize(format="nt")
    with pytest.raises(StoreError):
        store.replace_graph_ntriples(G2, good + '<urn:a> <urn:p> "unterminated .\n')
    assert G2 not in store.graphs()
    assert len(store) == before
    store.replace_graph_ntriples(G2, good)
    assert isomorphic(store.get_graph(G2), report_graph(3, "a"))
