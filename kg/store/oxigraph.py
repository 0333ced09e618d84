"""The default store: an embedded Oxigraph database in a folder (kg.store.layout).

One researcher, the whole corpus, no server to run. Opened for reading (the default) it
reads the current generation read-only, so any number of readers run beside a build; a
query with a time limit runs in a child process (kg.store.sandbox). Opened for writing it
takes the folder's write lock, checkpoints the current generation into a new one on the
first write, writes there, and on :meth:`close` makes it current; :meth:`abort` (or
leaving a ``with`` block by an exception) throws it away, so a failed or interrupted
write leaves the store exactly as it was.

Within a write session each graph replacement is also one Oxigraph transaction: a graph
the generation lacks goes in with ``Store.load`` (transactional, and faster than a SPARQL
update: the README's performance section), an existing one is replaced by one update,
``DROP SILENT GRAPH`` then ``INSERT DATA``.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import IO, BinaryIO

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Node

from kg.rdf.namespaces import PREFIXES, bind_prefixes
from kg.store.base import (
    QUAD_FORMATS,
    QueryResult,
    Store,
    check_format,
    write_triples_rdflib,
)
from kg.store.convert import check_iri, from_ox, from_sparql_json, to_ntriples, triple_from_ox
from kg.store.errors import (
    ReadOnlyStore,
    StoreDamaged,
    StoreError,
    StoreLocked,
    StoreNotFound,
    first_line,
)
from kg.store.form import QueryForm, check_query
from kg.store.layout import StoreFolder, os_error
from kg.store.sandbox import run_limited

_OX_FORMATS = {
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
}
_UNION = "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
_PREFIXES = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_EMPTY = ox.Store()
"""Readers of a store never written answer from an empty database."""


def _oxigraph_error(exc: Exception, path: Path) -> StoreError:
    """Turn RocksDB's long messages into one line a user can act on."""
    if isinstance(exc, OSError) and exc.errno is not None:
        return os_error(exc, path)
    text = str(exc)
    if "lock" in text.lower():
        return StoreLocked(f"store {path} is locked: another process has it open for writing")
    if "No space left" in text:
        return StoreError(f"store {path}: no space left on the device")
    if "Corruption" in text or "corrupt" in text.lower():
        return StoreDamaged(f"store {path} is damaged: {first_line(exc)}")
    return StoreError(f"store {path}: {first_line(exc)}")


class OxigraphStore(Store):
    """Embedded Oxigraph store in a folder; read-only unless ``write=True``.

    ``write=True`` creates the folder if missing (the commands that make stores: build,
    import-statistics, load); reading a folder that does not exist is StoreNotFound.
    ``timeout`` (seconds) and ``memory_limit_mb`` bound each query of a reader.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        write: bool = False,
        timeout: float | None = None,
        memory_limit_mb: int = 0,
        allow_service: bool = False,
    ) -> None:
        self.path = Path(path)
        self.folder = StoreFolder(self.path)
        self.writable = write
        self.timeout = timeout
        self.memory_limit_mb = memory_limit_mb
        self.allow_service = allow_service
        self._lock: IO[str] | None = None
        self._pin: IO[str] | None = None
        self._target: Path | None = None  # the generation being written
        self._writer: ox.Store | None = None
        self._closed = False
        if write:
            self.folder.create()
            self._lock = self.folder.lock_for_writing()
        try:
            self._database, self._reader = self._open_current()
        except BaseException:
            if self._lock is not None:
                self._lock.close()
            raise

    # -- opening ----------------------------------------------------------------------
    def _open_current(self) -> tuple[Path | None, ox.Store]:
        """The current generation, read-only and pinned against deletion."""
        for _ in range(10):
            database = self.folder.current()
            if database is None:
                return None, _EMPTY
            pin = self.folder.pin(database)
            if self.folder.current() != database:  # a writer swapped in between: retry
                if pin is not None:
                    pin.close()
                continue
            try:
                reader = ox.Store.read_only(str(database))
            except (OSError, ValueError, RuntimeError) as exc:
                if pin is not None:
                    pin.close()
                raise _oxigraph_error(exc, self.path) from exc
            self._pin = pin
            return database, reader
        raise StoreError(f"store {self.path} keeps changing under this reader; try again")

    def _for_writing(self) -> ox.Store:
        """The generation this session writes, made on the first write."""
        if not self.writable:
            raise ReadOnlyStore(f"store {self.path} was opened for reading only")
        if self._writer is not None:
            return self._writer
        target = self.folder.new_generation()
        try:
            if self._database is not None:
                self._reader.backup(str(target))  # hard links: milliseconds, any size
                self._writer = ox.Store(str(target))
            else:
                self._writer = ox.Store(str(target))
        except (OSError, ValueError, RuntimeError) as exc:
            self.folder.discard(target)
            raise _oxigraph_error(exc, self.path) from exc
        self._target = target
        return self._writer

    @property
    def _ox(self) -> ox.Store:
        """Where reads go: the session's own writes once there are any."""
        if self._closed:
            raise StoreError(f"store {self.path} is closed")
        return self._writer if self._writer is not None else self._reader

    # -- writes -----------------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples: Graph) -> None:
        """One transactional update; the N-Triples text is built (and every term checked)
        before the store is touched, so a failure while producing triples changes nothing."""
        self.replace_graph_ntriples(graph_iri, to_ntriples(triples))

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        """One transaction straight from N-Triples text: no rdflib graph in between.

        Both ways parse the whole text before writing, so bad text changes nothing.
        """
        name = ox.NamedNode(check_iri(graph_iri))
        store = self._for_writing()
        try:
            if not store.contains_named_graph(name):
                if ntriples.strip():
                    store.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=name)
                return
            graph = f"<{graph_iri}>"
            insert = (
                f" ;\nINSERT DATA {{ GRAPH {graph} {{\n{ntriples}}} }}" if ntriples.strip() else ""
            )
            store.update(f"DROP SILENT GRAPH {graph}{insert}")
        except SyntaxError as exc:
            raise StoreError(f"replacing graph {graph_iri} failed: {first_line(exc)}") from exc
        except (OSError, ValueError, RuntimeError) as exc:
            raise _oxigraph_error(exc, self.path) from exc

    def drop_graph(self, graph_iri: str) -> None:
        """Remove the graph in one transaction (SILENT: absent graphs are fine)."""
        store = self._for_writing()
        try:
            store.update(f"DROP SILENT GRAPH <{check_iri(graph_iri)}>")
        except (OSError, RuntimeError) as exc:
            raise _oxigraph_error(exc, self.path) from exc

    # -- reads ------------------------------------------------------------------------
    def graphs(self) -> list[str]:
        """Named graphs, sorted; Oxigraph forgets a graph when it is dropped."""
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))

    def has_graph(self, graph_iri: str) -> bool:
        return bool(self._ox.contains_named_graph(ox.NamedNode(check_iri(graph_iri))))

    def query(self, sparql: str) -> QueryResult:
        """Query with the default graph as the union of all graphs (Oxigraph option).

        Only queries are run (an update is refused by :func:`check_query`); with a
        ``timeout`` a reader's query runs in a child process under the limits.
        """
        form = check_query(sparql, allow_service=self.allow_service)
        store = self._ox
        if self.timeout is not None and self._writer is None:
            payload = run_limited(
                lambda: _answer_bytes(store, sparql, form),
                timeout=self.timeout,
                memory_limit_mb=self.memory_limit_mb,
            )
            return _from_bytes(payload, form)
        try:
            answer = store.query(sparql, use_default_graph_as_union=True)
            return _result(answer)
        except (OSError, RuntimeError) as exc:
            raise _oxigraph_error(exc, self.path) from exc
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"query failed: {first_line(exc)}") from exc

    def get_graph(self, graph_iri: str) -> Graph:
        """Read one graph's quads and convert them term by term to rdflib."""
        graph = Graph()
        name = ox.NamedNode(check_iri(graph_iri))
        for quad in self._ox.quads_for_pattern(None, None, None, name):
            graph.add(triple_from_ox(quad))
        return bind_prefixes(graph)

    def graph_ntriples(self, graph_iri: str) -> str:
        """Serialised by Oxigraph, without rdflib terms in between."""
        name = ox.NamedNode(check_iri(graph_iri))
        triples = [
            ox.Triple(q.subject, q.predicate, q.object)
            for q in self._ox.quads_for_pattern(None, None, None, name)
        ]
        return (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")

    def export(self, out: BinaryIO, format: str, graph_iri: str | None = None) -> None:
        """Oxigraph serialises nq/trig/ttl/nt natively (streaming); JSON-LD goes via rdflib
        for its prefix-based context."""
        check_format(format)
        store = self._ox
        if format == "jsonld":
            graph = self.get_graph(graph_iri) if graph_iri else self._union_graph()
            write_triples_rdflib(out, format, graph)
            return
        fmt = _OX_FORMATS[format]
        if format in QUAD_FORMATS:
            if graph_iri is None:
                store.dump(out, fmt, prefixes=_PREFIXES)
            else:
                name = ox.NamedNode(check_iri(graph_iri))
                ox.serialize(
                    store.quads_for_pattern(None, None, None, name), out, fmt, prefixes=_PREFIXES
                )
            return
        if graph_iri is not None:
            store.dump(out, fmt, from_graph=ox.NamedNode(check_iri(graph_iri)), prefixes=_PREFIXES)
        else:
            triples = store.query(_UNION, use_default_graph_as_union=True)
            assert isinstance(triples, ox.QueryTriples)  # _UNION is a CONSTRUCT
            ox.serialize(triples, out, fmt, prefixes=_PREFIXES)

    def _union_graph(self) -> Graph:
        return self.query(_UNION).graph or Graph()

    def __len__(self) -> int:
        return len(self._ox)

    # -- ending -----------------------------------------------------------------------
    def close(self) -> None:
        """Finish: a writer makes its generation current (if it wrote anything) and
        releases the lock; a reader releases its generation."""
        if self._closed:
            return
        try:
            if self._writer is not None and self._target is not None:
                try:
                    self._writer.flush()
                except (OSError, RuntimeError) as exc:
                    self.abort()
                    raise _oxigraph_error(exc, self.path) from exc
                self._release_writer()
                legacy = self._database == self.path
                self.folder.make_current(self._target)
                self._release_reader()
                if legacy:
                    self.folder.remove_legacy_files()
                self.folder.collect_garbage(keep=self._target)
        finally:
            self._finish()

    def abort(self) -> None:
        """Throw away everything this session wrote; the store stays as it was."""
        if self._closed:
            return
        try:
            self._release_writer()
            if self._target is not None:
                self.folder.discard(self._target)
        finally:
            self._finish()

    def _release_writer(self) -> None:
        if self._writer is not None:
            self._writer = None
            gc.collect()  # pyoxigraph closes RocksDB when the Store object is freed

    def _release_reader(self) -> None:
        self._reader = _EMPTY
        gc.collect()
        if self._pin is not None:
            self._pin.close()
            self._pin = None

    def _finish(self) -> None:
        self._release_writer()
        self._release_reader()
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        self._closed = True


def open_oxigraph(path: Path, *, write: bool, **limits: object) -> OxigraphStore:
    """Open a store folder, refusing a path that is not a store (see kg.store.layout)."""
    if not write and not path.exists():
        raise StoreNotFound(f"no store at {path} (ikg build makes one; check the --store path)")
    return OxigraphStore(path, write=write, **limits)  # type: ignore[arg-type]


def _result(answer: object) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        graph = Graph()
        for triple in answer:
            graph.add(triple_from_ox(triple))
        return QueryResult(graph=bind_prefixes(graph))
    assert isinstance(answer, ox.QuerySolutions)
    names = [v.value for v in answer.variables]
    rows: list[dict[str, Node | None]] = [
        {name: from_ox(solution[name]) for name in names} for solution in answer
    ]
    return QueryResult(variables=names, rows=rows)


def _answer_bytes(store: ox.Store, sparql: str, form: QueryForm) -> bytes:
    """The query's answer as SPARQL JSON results (or N-Triples), in the child process."""
    try:
        answer = store.query(sparql, use_default_graph_as_union=True)
        if isinstance(answer, ox.QueryTriples):
            return ox.serialize(answer, format=ox.RdfFormat.N_TRIPLES) or b""
        return answer.serialize(format=ox.QueryResultsFormat.JSON) or b""
    except (SyntaxError, OSError, ValueError, RuntimeError) as exc:
        raise StoreError(f"query failed: {first_line(exc)}") from exc


def _from_bytes(payload: bytes, form: QueryForm) -> QueryResult:
    if form is QueryForm.GRAPH:
        graph = Graph()
        if payload:
            graph.parse(data=payload.decode("utf-8"), format="nt")
        return QueryResult(graph=bind_prefixes(graph))
    import json

    answer = json.loads(payload)
    if "boolean" in answer:
        return QueryResult(boolean=bool(answer["boolean"]))
    names = list(answer["head"].get("vars", []))
    rows: list[dict[str, Node | None]] = [
        {name: from_sparql_json(b[name]) if name in b else None for name in names}
        for b in answer["results"]["bindings"]
    ]
    return QueryResult(variables=names, rows=rows)
