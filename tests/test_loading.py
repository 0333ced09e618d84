"""`ikg load` skips what the target holds: a report graph by its file's checksum (in the
form of 0.3.0 or of earlier stores), any other graph only when its content is the same."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD
from support.checksums import add_checksum

from kg.loading import load
from kg.rdf.namespaces import IKG, SPDX
from kg.store import open_store

BASE = "https://example.org/test/"
NEW, OLD, DATASET = BASE + "graph/new", BASE + "graph/old", BASE + "graph/dataset"


def _report(tag: str, sha: str, *, before_0_3: bool) -> Graph:
    g = Graph()
    report = URIRef(f"{BASE}{tag}/report")
    g.add((report, RDF.type, IKG.InspectionReport))
    add_checksum(g, report, sha, before_0_3=before_0_3)
    return g


def _dataset(label: str) -> Graph:
    """A statistics-like graph: its distribution has a checksum too, but is not a report."""
    g = Graph()
    distribution = URIRef(f"{BASE}dataset/distribution")
    checksum = URIRef(f"{distribution}/checksum")
    g.add((distribution, SPDX.checksum, checksum))
    g.add((checksum, SPDX.checksumValue, Literal("d" * 64, datatype=XSD.hexBinary)))
    g.add((distribution, RDFS.label, Literal(label)))
    return g


def _write(path: Path, graphs: dict[str, Graph]) -> Path:
    lines = [
        f"{s.n3()} {p.n3()} {o.n3()} <{name}> ."
        for name, graph in graphs.items()
        for s, p, o in graph
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reports_are_skipped_by_checksum_and_other_graphs_by_content(tmp_path: Path) -> None:
    graphs = {
        NEW: _report("new", "a" * 64, before_0_3=False),
        OLD: _report("old", "b" * 64, before_0_3=True),
        DATASET: _dataset("first mapping"),
    }
    source = _write(tmp_path / "first.nq", graphs)
    with open_store("memory") as target:
        assert {r.graph_iri: r.status for r in load(source, target)} == dict.fromkeys(
            graphs, "loaded"
        )
        assert {r.graph_iri: r.status for r in load(source, target)} == dict.fromkeys(
            graphs, "unchanged"
        )
        # the same statistics file mapped differently: same checksum, new content
        graphs[DATASET] = _dataset("second mapping")
        again = load(_write(tmp_path / "second.nq", graphs), target)
        assert {r.graph_iri: r.status for r in again} == {
            NEW: "unchanged",
            OLD: "unchanged",
            DATASET: "loaded",
        }
        assert "second mapping" in target.graph_ntriples(DATASET)
