"""Benchmark a build: per-phase seconds, reports per second and peak memory.

    python bench/build.py FOLDER [--jobs N] [--store DIR|memory]

    python bench/build.py FOLDER --no-evidence   # the same without the evidence layer

Phases: read (PDF/text to Document), extract (Document to dataclasses), map (dataclasses
to triples, N-Triples for the pool), validate (pySHACL per report graph), load (replace
the report's named graph in the store). Phase times are summed over workers, so with
several jobs they add up to more than the wall-clock time.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from kg.pipeline import PHASES, build
from kg.store import open_store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--store", default=None, help="store (default: a temporary directory)")
    parser.add_argument(
        "--no-evidence",
        action="store_true",
        help="leave out findings, mentions and recommendation evidence (to measure their cost)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(args.store or str(Path(tmp) / "store"))
        started = time.perf_counter()
        with store:
            outcomes = build(
                [args.folder], store, jobs=args.jobs, force=True, evidence=not args.no_evidence
            )
        wall = time.perf_counter() - started
    phases: Counter[str] = Counter()
    for outcome in outcomes:
        phases.update(outcome.seconds)
    loaded = sum(len(o.graphs) for o in outcomes if o.ok)
    failed = sum(1 for o in outcomes if not o.ok)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"files: {len(outcomes)}  report graphs loaded: {loaded}  files not loaded: {failed}")
    layer = "without" if args.no_evidence else "with"
    print(f"jobs: {args.jobs}  evidence layer: {layer}  wall: {wall:.1f} s  "
          f"reports/s: {loaded / wall:.2f}")  # fmt: skip
    total = sum(phases.values()) or 1.0
    for phase in PHASES:
        seconds = phases.get(phase, 0.0)
        print(
            f"  {phase:<9} {seconds:8.2f} s  {100 * seconds / total:5.1f}%  "
            f"{1000 * seconds / max(1, len(outcomes)):7.1f} ms/file"
        )
    print(f"peak memory: parent {own:.0f} MiB, largest worker {children:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
