"""Copy named graphs from a built store or an N-Quads/TriG file into another store.

How a team shares the graph: build on a laptop, then ``ikg load ikg-store --store URL``
puts every named graph on the team's SPARQL server. Each graph is replaced whole, so a
reload replaces instead of duplicating; a report graph whose source file (sha256) the
target already holds under the same graph is skipped, so loads are incremental; other
graphs (vocabulary, register, statistics) are compared by content. The target store
(kg.store.remote) stages each graph and moves it into place in one update, so a load
that fails part way leaves the server's previous graph of that report as it was.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.rdf.namespaces import IKG, SPDX
from kg.store import Store, StoreError, open_store

QUAD_SUFFIXES = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}


@dataclass
class GraphLoad:
    graph_iri: str
    triples: int
    status: str
    """'loaded', 'unchanged' (skipped) or 'failed'."""
    seconds: float = 0.0
    error: str | None = None


def _ntriples(store: ox.Store, name: ox.NamedNode) -> str:
    quads = store.quads_for_pattern(None, None, None, name)
    triples = [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")


def source_graphs(source: Path) -> Iterator[tuple[str, str]]:
    """(graph IRI, N-Triples text) of every named graph of the source, sorted by IRI.

    A store folder is opened read-only; a quad file is parsed into memory first.
    """
    if source.is_dir():
        with open_store(source, limits=False) as store:
            for name in store.graphs():
                yield name, store.graph_ntriples(name)
        return
    fmt = QUAD_SUFFIXES.get(source.suffix.lower())
    if fmt is None:
        raise StoreError(f"{source}: load takes a store folder, .nq or .trig (graphs kept)")
    memory = ox.Store()
    try:
        memory.load(path=str(source), format=fmt)
    except (SyntaxError, OSError, ValueError) as exc:
        raise StoreError(f"{source}: cannot be read as {source.suffix}: {exc}") from None
    names = sorted(g.value for g in memory.named_graphs() if isinstance(g, ox.NamedNode))
    for name in names:
        yield name, _ntriples(memory, ox.NamedNode(name))


def _digest(ntriples: str) -> str:
    lines = sorted(line for line in ntriples.splitlines() if line.strip())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _report_sha(ntriples: str) -> str | None:
    """The report's source checksum, in the form of 0.3.0 (SPDX) or of earlier stores."""
    if f"<{RDF.type}> <{IKG.InspectionReport}> ." not in ntriples:
        return None  # statistics distributions carry checksums too; compared by content
    markers = (f"<{SPDX.checksumValue}> ", f"<{IKG.sha256}> ")
    for line in ntriples.splitlines():
        for marker in markers:
            if marker in line:
                value = line.split(marker, 1)[1].rsplit(" .", 1)[0].strip()
                return value.split('"^^', 1)[0].strip('"').lower()
    return None


def load(
    source: Path,
    target: Store,
    *,
    force: bool = False,
    on_graph: Callable[[GraphLoad], None] | None = None,
) -> list[GraphLoad]:
    """Load every named graph of ``source`` into ``target``; one GraphLoad per graph."""
    if not target.writable:
        raise StoreError("the target store was opened for reading only")
    held = {} if force else target.source_sha256s()
    present = set() if force else set(target.graphs())
    results: list[GraphLoad] = []
    for graph_iri, ntriples in source_graphs(source):
        started = time.perf_counter()
        triples = sum(1 for line in ntriples.splitlines() if line.strip())
        sha = _report_sha(ntriples)
        unchanged = False
        if not force and graph_iri in present:
            if sha is not None:
                unchanged = held.get(sha) == graph_iri
            else:
                unchanged = _digest(target.graph_ntriples(graph_iri)) == _digest(ntriples)
        if unchanged:
            result = GraphLoad(graph_iri, triples, "unchanged")
        else:
            try:
                target.replace_graph_ntriples(graph_iri, ntriples)
                result = GraphLoad(graph_iri, triples, "loaded")
            except StoreError as exc:
                result = GraphLoad(graph_iri, triples, "failed", error=str(exc))
        result.seconds = time.perf_counter() - started
        results.append(result)
        if on_graph:
            on_graph(result)
    return results


def load_path(source: str | Path, target_spec: str) -> list[GraphLoad]:
    """:func:`load` from a path into the store a setting names (Python API)."""
    with open_store(target_spec, write=True) as target:
        return load(Path(source), target)
