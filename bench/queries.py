"""Time every library query on a built store, and on rdflib's in-memory store for comparison.

    python bench/queries.py STORE_DIR [--repeat 3] [--timeout-memory 60]

Each query runs with its header's defaults, ``--repeat`` times after one warm-up run; the
best time is printed. The same quads are then loaded into rdflib's in-memory Dataset
(kg.store.MemoryStore) and the queries run again there. The goal is under 1 s a query on
the embedded store with the whole shared corpus (README, Performance).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from rdflib import Graph

from kg.library import library
from kg.store import MemoryStore, open_store


def best_time(run, repeat: int) -> tuple[float, int]:
    rows = len(run())  # warm-up
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true", help="only the embedded store")
    args = parser.parse_args()
    queries = library()
    timings: dict[str, list[str]] = {}
    with open_store(args.store) as store:
        graphs = store.graphs()
        print(f"store: {args.store}  graphs: {len(graphs)}  triples: {len(store)}")
        for q in queries:
            text = q.bind()
            seconds, rows = best_time(lambda t=text: store.query(t).rows, args.repeat)
            timings[q.name] = [f"{seconds:.3f}", str(rows)]
        if not args.skip_memory:
            memory = MemoryStore()
            started = time.perf_counter()
            for iri in graphs:
                graph: Graph = store.get_graph(iri)
                memory.replace_graph(iri, graph)
            print(f"loaded into rdflib memory in {time.perf_counter() - started:.1f} s")
            for q in queries:
                text = q.bind()
                seconds, _ = best_time(lambda t=text: memory.query(t).rows, 1)
                timings[q.name].append(f"{seconds:.3f}")
    print(f"{'query':<36} {'oxigraph s':>10} {'rows':>6} {'rdflib s':>9}")
    for name, values in timings.items():
        memory_time = values[2] if len(values) > 2 else "-"
        print(f"{name:<36} {values[0]:>10} {values[1]:>6} {memory_time:>9}")
    slow = [n for n, v in timings.items() if float(v[0]) >= 1.0]
    print(f"queries at or over 1 s on the embedded store: {len(slow)} {slow if slow else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
