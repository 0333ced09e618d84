"""read -> extract -> map -> validate -> load, for the CLI and the Python API alike.

Per-file work (everything but loading) runs in a process pool; only the parent touches
the store, so a store on disk never sees two writers. A file is loaded only when every
graph it yields conforms to the shapes, so a bad file leaves nothing in the store.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from kg.extract import ExtractError, extract_all
from kg.model import Report
from kg.rdf.report import MappingError, report_triples
from kg.read import ReadError, read_path
from kg.reference import ensure_reference_graphs
from kg.store import Store
from kg.store.convert import to_ntriples
from kg.validate import oxigraph_store, validate_graph

REPORT_SUFFIXES = {".pdf", ".txt", ".md", ".markdown"}
PHASES = ("read", "extract", "map", "validate", "load")


class FileError(Exception):
    """A file that yields no graph: the message names the problem in one line."""


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Report files under ``paths`` (files as given, folders searched recursively)."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES
                )
            )
        elif path.exists():
            found.append(path)
        else:
            raise FileError(f"{path}: no such file or directory")
    return found


def extract_file(path: str | Path, evidence: bool = True) -> list[Report]:
    """Every report in one file; raises ReadError or ExtractError with a one-line reason."""
    return extract_all(read_path(path), evidence=evidence)


@dataclass
class GraphOutcome:
    graph_iri: str
    ntriples: str
    conforms: bool
    validation_text: str
    triples: int


@dataclass
class FileOutcome:
    """What happened to one file, small and picklable so it can cross process boundaries."""

    path: str
    sha256: str = ""
    reports: list[dict[str, object]] = field(default_factory=list)
    graphs: list[GraphOutcome] = field(default_factory=list)
    error: str | None = None
    skipped: bool = False
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None and all(g.conforms for g in self.graphs)


def process_file(path: str, validate: bool = True, evidence: bool = True) -> FileOutcome:
    """Read, extract, map and validate one file (no store access: safe in a worker)."""
    outcome = FileOutcome(path=path)
    clock = time.perf_counter()

    def lap(phase: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        outcome.seconds[phase] = outcome.seconds.get(phase, 0.0) + now - clock
        clock = now

    try:
        doc = read_path(path)
        outcome.sha256 = doc.sha256
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
                )
            )
    except (ReadError, ExtractError, MappingError) as exc:
        outcome.error = str(exc)
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
        "judgements": len(report.judgements),
        "recommendations": len(report.recommendations),
        "sections": len(report.sections),
        "paragraphs": len(report.paragraphs),
        "warnings": list(report.warnings),
    }


def run_files(
    files: list[Path], jobs: int = 1, validate: bool = True, evidence: bool = True
) -> Iterator[FileOutcome]:
    """Process files, in a pool of ``jobs`` processes when more than one is asked for."""
    names = [str(f) for f in files]
    if jobs <= 1 or len(names) <= 1:
        for name in names:
            yield process_file(name, validate, evidence)
        return
    # A bounded window of files in flight: the parent loads one report while the workers
    # make the next ones, and no more than a few finished graphs ever wait in memory, so
    # memory stays flat however large the corpus (pool.map would queue every result).
    window = 2 * jobs
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Future[FileOutcome]] = deque()
        for name in names:
            pending.append(pool.submit(process_file, name, validate, evidence))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def load_outcome(store: Store, outcome: FileOutcome) -> None:
    """Replace each of the file's named graphs; only called for conforming outcomes."""
    clock = time.perf_counter()
    for result in outcome.graphs:
        store.replace_graph_ntriples(result.graph_iri, result.ntriples)
    outcome.seconds["load"] = time.perf_counter() - clock


def build(
    paths: Iterable[str | Path],
    store: Store,
    jobs: int = 1,
    force: bool = False,
    on_outcome: Callable[[FileOutcome], None] | None = None,
    evidence: bool = True,
) -> list[FileOutcome]:
    """Extract, validate and load report files into ``store``; return one outcome per file.

    Files whose content (sha256) is already in the store are skipped unless ``force``.
    The vocabulary and register graphs (kg.reference) are loaded, where stale, with the
    first report that loads. ``evidence=False`` leaves out findings, mentions and
    recommendation evidence (grades, sections and paragraphs only), e.g. to measure
    what the evidence layer costs.
    """
    files = collect_files(paths)
    known = set() if force else set(store.source_sha256s())
    todo: list[Path] = []
    outcomes: list[FileOutcome] = []
    for path in files:
        if known and _sha256(path) in known:
            skipped = FileOutcome(path=str(path), skipped=True)
            outcomes.append(skipped)
            if on_outcome:
                on_outcome(skipped)
        else:
            todo.append(path)
    reference_loaded = False
    for outcome in run_files(todo, jobs=jobs, evidence=evidence):
        if outcome.ok and outcome.graphs:
            if not reference_loaded:  # only once a report loads: a failed build adds nothing
                ensure_reference_graphs(store, force=force)
                reference_loaded = True
            load_outcome(store, outcome)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
