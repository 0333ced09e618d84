"""Benchmark a build: per-phase seconds, reports per second and peak memory.

    python bench/build.py FOLDER [--jobs N] [--store DIR|memory]

    python bench/build.py FOLDER --no-evidence   # the same without the evidence layer

    python bench/build.py FOLDER --compare       # both, and what the evidence layer adds

Phases: read (PDF/text to Document), extract (Document to dataclasses), map (dataclasses
to triples as N-Triples text), validate (pySHACL per report graph), load (replace the
report's named graph in the store). Phase times are summed over workers, so with several
jobs they add up to more than the wall-clock time.

``--compare`` builds twice, without and then with the evidence layer, each into a new
store, and prints what the layer adds per report: to extraction (the extract and map
phases, PDF text to triples) and to the whole build (wall clock, which also validates
and stores the larger graphs).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kg.pipeline import PHASES, build, collect_files, process_file
from kg.store import open_store

EXTRACTION = ("extract", "map")


@dataclass
class Run:
    wall: float
    files: int
    loaded: int
    failed: int
    phases: Counter[str]


def run_build(folder: Path, jobs: int, store_spec: str | None, evidence: bool) -> Run:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(store_spec or str(Path(tmp) / "store"), write=True)
        started = time.perf_counter()
        with store:
            outcomes = build([folder], store, jobs=jobs, force=True, evidence=evidence)
        wall = time.perf_counter() - started
    phases: Counter[str] = Counter()
    for outcome in outcomes:
        phases.update(outcome.seconds)
    return Run(
        wall=wall,
        files=len(outcomes),
        loaded=sum(len(o.graphs) for o in outcomes if o.ok),
        failed=sum(1 for o in outcomes if not o.ok),
        phases=phases,
    )


def report(run: Run, jobs: int, evidence: bool) -> None:
    print(f"files: {run.files}  report graphs loaded: {run.loaded}  files not loaded: {run.failed}")
    layer = "with" if evidence else "without"
    print(f"jobs: {jobs}  evidence layer: {layer}  wall: {run.wall:.1f} s  "
          f"reports/s: {run.loaded / run.wall:.2f}")  # fmt: skip
    total = sum(run.phases.values()) or 1.0
    for phase in PHASES:
        seconds = run.phases.get(phase, 0.0)
        print(
            f"  {phase:<9} {seconds:8.2f} s  {100 * seconds / total:5.1f}%  "
            f"{1000 * seconds / max(1, run.files):7.1f} ms/file"
        )


def compare(without: Run, with_: Run) -> None:
    """What the evidence layer adds, per report, to extraction and to the whole build.

    A report's build time is the sum of its phases (the same measure whatever ``--jobs``;
    with several jobs the wall clock is shorter than the sum).
    """
    reports = max(1, with_.loaded)

    def per_report(run: Run, phases: tuple[str, ...] = PHASES) -> float:
        return 1000 * sum(run.phases.get(p, 0.0) for p in phases) / reports

    print("what the evidence layer adds, per report:")
    for phase in PHASES:
        added = per_report(with_, (phase,)) - per_report(without, (phase,))
        print(f"  {phase:<9} {added:+7.1f} ms")
    build_ms = per_report(without)
    extraction_ms = per_report(with_, EXTRACTION) - per_report(without, EXTRACTION)
    whole_ms = per_report(with_) - build_ms
    print(
        f"  extraction (extract + map): {extraction_ms:+.1f} ms on a build of {build_ms:.1f} ms "
        f"a report without the layer: {100 * extraction_ms / build_ms:+.0f}%"
    )
    print(
        f"  every phase (also validating and loading the larger graphs): {whole_ms:+.1f} ms: "
        f"{100 * whole_ms / build_ms:+.0f}%"
    )
    print(
        f"  wall clock: {without.wall:.1f} s -> {with_.wall:.1f} s: "
        f"{100 * (with_.wall / without.wall - 1):+.0f}%"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--store", default=None, help="store (default: a temporary directory)")
    layer = parser.add_mutually_exclusive_group()
    layer.add_argument(
        "--no-evidence",
        action="store_true",
        help="leave out findings, mentions and recommendation evidence (to measure their cost)",
    )
    layer.add_argument(
        "--compare", action="store_true", help="build without and with the evidence layer"
    )
    args = parser.parse_args()
    if args.compare and args.store:
        parser.error("--compare builds into temporary stores: leave out --store")
    # one file first, so that neither run pays alone for what the process loads once
    # (shapes, vocabularies, lexicon); workers of a pool pay it in both runs alike
    files = collect_files([args.folder])
    if files:
        process_file(str(files[0]))
    runs: list[tuple[Run, bool]] = []
    for evidence in (False, True) if args.compare else (not args.no_evidence,):
        run = run_build(args.folder, args.jobs, args.store, evidence)
        report(run, args.jobs, evidence)
        runs.append((run, evidence))
    if args.compare:
        compare(runs[0][0], runs[1][0])
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: parent {own:.0f} MiB, largest worker {children:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
