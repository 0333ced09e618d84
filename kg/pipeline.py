"""read -> extract -> map -> validate -> load, for the CLI and the Python API alike.

Per-file work (everything but loading) runs in a process pool; only the parent touches
the store, so a store on disk never sees two writers. A file is loaded only when every
graph it yields conforms to the shapes, so a bad file leaves nothing in the store, and
any failure while reading one file (a damaged page, a bug) is that file's one-line error:
the build goes on with the other files.

A report graph already in the store is replaced only by a reading at least as good
(kg.replacement), and two files of one inspection in one build are reported, never raced.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import ExtractError, extract_all
from kg.inputs import REPORT_SUFFIXES, FileError, collect_files
from kg.model import Report
from kg.rdf.ntriples import TermError, to_ntriples
from kg.rdf.report import MappingError, report_triples
from kg.read import ReadError, read_bytes
from kg.reference import ensure_reference_graphs
from kg.replacement import Reading, reading_of, shortfalls, stored_reading
from kg.store import ReadOnlyStore, Store
from kg.validate import oxigraph_store, validate_graph

__all__ = [
    "PHASES",
    "REPORT_SUFFIXES",
    "FileError",
    "FileOutcome",
    "GraphOutcome",
    "build",
    "collect_files",
    "default_jobs",
    "extract_file",
    "process_file",
    "run_files",
]

PHASES = ("read", "extract", "map", "validate", "load")


def extract_file(path: str | Path, evidence: bool = True) -> list[Report]:
    """Every report in one file; raises ReadError or ExtractError with a one-line reason."""
    from kg.read import read_path

    return extract_all(read_path(path), evidence=evidence)


@dataclass
class GraphOutcome:
    graph_iri: str
    ntriples: str
    conforms: bool
    validation_text: str
    triples: int
    reading: Reading | None = None
    problems: list[str] = field(default_factory=list)
    """One line per shape violation (shape, focus node, message)."""


@dataclass
class FileOutcome:
    """What happened to one file, small and picklable so it can cross process boundaries."""

    path: str
    sha256: str = ""
    reports: list[dict[str, object]] = field(default_factory=list)
    graphs: list[GraphOutcome] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False
    replaced: list[str] = field(default_factory=list)
    """Sources of the readings this file's graphs replaced in the store."""
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and all(g.conforms for g in self.graphs)


def process_file(
    path: str,
    validate: bool = True,
    evidence: bool = True,
    known: frozenset[str] = frozenset(),
) -> FileOutcome:
    """Read, extract, map and validate one file (no store access: safe in a worker).

    The file is read and hashed once, here; a file whose sha256 is in ``known`` (already
    in the store) is skipped before any extraction.
    """
    outcome = FileOutcome(path=path)
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        outcome.seconds[phase] = outcome.seconds.get(phase, 0.0) + now - clock
        clock = now

    try:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ReadError(exc.strerror or str(exc)) from None
        doc = read_bytes(data, path=path)
        outcome.sha256 = doc.sha256
        if doc.sha256 in known:
            outcome.skipped = True
            return outcome
        lap("read")
        reports = extract_all(doc, evidence=evidence)
        lap("extract")
        for report in reports:
            outcome.reports.append(summarise(report))
            graph_iri, triples = report_triples(report)
            # one text: parsed into Oxigraph for validation (its SPARQL is fast), and loaded
            ntriples = to_ntriples(triples)
            lap("map")
            verdict = validate_graph(oxigraph_store(ntriples)) if validate else None
            lap("validate")
            outcome.graphs.append(
                GraphOutcome(
                    graph_iri=str(graph_iri),
                    ntriples=ntriples,
                    conforms=verdict.conforms if verdict else True,
                    validation_text=verdict.text if verdict else "",
                    triples=len(triples),
                    reading=reading_of(report),
                    problems=[r.line() for r in verdict.violations] if verdict else [],
                )
            )
    except (ReadError, ExtractError, MappingError, TermError) as exc:
        outcome.error = str(exc)
        outcome.graphs = []
    except Exception as exc:  # any other failure is this file's, never the build's
        last = traceback.format_exception_only(type(exc), exc)[-1].strip()
        outcome.error = f"could not be read ({last})"
        outcome.graphs = []
    return outcome


def summarise(report: Report) -> dict[str, object]:
    return {
        "framework": report.framework,
        "document_type": report.document_type,
        "authority": report.authority.register_name or report.authority.name,
        "gss_code": report.authority.gss_code,
        "start_date": report.inspection.start_date.isoformat()
        if report.inspection.start_date
        else None,
        "publication_date": report.publication_date.isoformat()
        if report.publication_date
        else None,
        "judgements": len(report.judgements),
        "recommendations": len(report.recommendations),
        "sections": len(report.sections),
        "paragraphs": len(report.paragraphs),
        "warnings": list(report.warnings),
    }


def _die_with_parent() -> None:
    """Worker initialiser: end when the parent ends, and leave Ctrl-C to the parent.

    Without this, workers of a killed build go on reading files nobody will load.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def run_files(
    files: list[Path],
    jobs: int = 1,
    validate: bool = True,
    evidence: bool = True,
    known: frozenset[str] = frozenset(),
) -> Iterator[FileOutcome]:
    """Process files, in a pool of ``jobs`` processes when more than one is asked for."""
    names = [str(f) for f in files]
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            yield process_file(name, validate, evidence, known)
        return
    # A bounded window of files in flight: the parent loads one report while the workers
    # make the next ones, and no more than a few finished graphs ever wait in memory, so
    # memory stays flat however large the corpus (pool.map would queue every result).
    window = 2 * jobs
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent)
    pending: deque[Future[FileOutcome]] = deque()
    try:
        for name in names:
            pending.append(pool.submit(process_file, name, validate, evidence, known))
            if len(pending) >= window:
                yield _result(pending.popleft(), pending)
        while pending:
            yield _result(pending.popleft(), pending)
    finally:
        for future in pending:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _result(future: Future[FileOutcome], pending: deque[Future[FileOutcome]]) -> FileOutcome:
    try:
        return future.result()
    except Exception as exc:  # a worker that died (out of memory, killed): that file's error
        return FileOutcome(path="?", error=f"the worker reading it ended ({exc!r})")


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def load_outcome(store: Store, outcome: FileOutcome) -> None:
    """Replace each of the file's named graphs; only called for conforming outcomes."""
    clock = time.perf_counter()
    for result in outcome.graphs:
        store.replace_graph_ntriples(result.graph_iri, result.ntriples)
    outcome.seconds["load"] = time.perf_counter() - clock


def _admit(
    store: Store, outcome: FileOutcome, read_here: dict[str, str], replace: bool
) -> str | None:
    """Why the outcome's graphs must not be loaded, or None when they may."""
    for result in outcome.graphs:
        first = read_here.get(result.graph_iri)
        if first is not None:
            return (
                f"the same inspection as {first}, read earlier in this build "
                f"(<{result.graph_iri}>): not loaded; build one of the two files"
            )
    for result in outcome.graphs:
        if replace or result.reading is None or not store.has_graph(result.graph_iri):
            continue
        old = stored_reading(store, result.graph_iri)
        if old is None or old.sha256 == result.reading.sha256:
            continue
        lacks = shortfalls(result.reading, old)
        if lacks:
            return (
                f"a worse reading of <{result.graph_iri}> than the store's "
                f"(from {old.source or old.sha256[:12]}): {'; '.join(lacks)}; "
                "not loaded (--replace loads it anyway)"
            )
        outcome.replaced.append(old.source or old.sha256[:12])
    return None


def build(
    paths: Iterable[str | Path],
    store: Store,
    jobs: int = 1,
    force: bool = False,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    evidence: bool = True,
    replace: bool = False,
) -> list[FileOutcome]:
    """Extract, validate and load report files into ``store``; return one outcome per file.

    Files whose content (sha256) is already in the store are skipped unless ``force``.
    A reading of an inspection the store holds from another file replaces it only when it
    is at least as good, unless ``replace`` (kg.replacement). The vocabulary and register
    graphs (kg.reference) are loaded, where stale, with the first report that loads.
    ``evidence=False`` leaves out findings, mentions and recommendation evidence.
    """
    if not store.writable:
        raise ReadOnlyStore("the store was opened for reading; a build needs it writable")
    files = collect_files(paths)
    known = frozenset() if force else frozenset(store.source_sha256s())
    outcomes: list[FileOutcome] = []
    read_here: dict[str, str] = {}
    reference_loaded = False
    for outcome in run_files(files, jobs=jobs, evidence=evidence, known=known):
        if outcome.ok and outcome.graphs and not outcome.skipped:
            outcome.error = _admit(store, outcome, read_here, replace)
            if outcome.error is None:
                if not reference_loaded:  # only once a report loads: a failed build adds nothing
                    ensure_reference_graphs(store, force=force)
                    reference_loaded = True
                load_outcome(store, outcome)
                for result in outcome.graphs:
                    read_here[result.graph_iri] = outcome.path
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes
