"""Time every library query on a built store, and on rdflib's in-memory store for comparison.

    python bench/queries.py STORE_DIR [--repeat 3] [--memory-timeout 60] [--skip-memory]

Each query runs with its header's defaults, ``--repeat`` times after one warm-up run; the
best time is printed. The same quads are then loaded into rdflib's in-memory Dataset
(kg.store.MemoryStore) and each query runs once there, in a forked child so that a query
rdflib cannot finish in ``--memory-timeout`` seconds is stopped and printed as ``>N``
instead of holding up the rest (some take many minutes on the whole corpus). The goal is
under 1 s a query on the embedded store with the whole shared corpus (README, Performance).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from collections.abc import Callable
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


def timed_in_child(run: Callable[[], object], timeout: float) -> str:
    """Seconds for one ``run()`` in a forked child (it shares the loaded store copy-on-write),
    or ``>timeout`` when the child had to be stopped."""
    context = multiprocessing.get_context("fork")
    parent_end, child_end = context.Pipe(duplex=False)

    def child() -> None:
        started = time.perf_counter()
        run()
        child_end.send(time.perf_counter() - started)

    process = context.Process(target=child)
    process.start()
    ready = parent_end.poll(timeout)
    seconds = parent_end.recv() if ready else None
    if process.is_alive():
        process.kill()
    process.join()
    return f"{seconds:.3f}" if seconds is not None else f">{timeout:g}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true", help="only the embedded store")
    parser.add_argument(
        "--memory-timeout", type=float, default=60.0, help="seconds allowed a query on rdflib"
    )
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
                shown = timed_in_child(lambda t=text: memory.query(t).rows, args.memory_timeout)
                timings[q.name].append(shown)
                print(f"  rdflib {q.name}: {shown} s", flush=True)
    print(f"{'query':<36} {'oxigraph s':>10} {'rows':>6} {'rdflib s':>9}")
    for name, values in timings.items():
        memory_time = values[2] if len(values) > 2 else "-"
        print(f"{name:<36} {values[0]:>10} {values[1]:>6} {memory_time:>9}")
    slow = [n for n, v in timings.items() if float(v[0]) >= 1.0]
    print(f"queries at or over 1 s on the embedded store: {len(slow)} {slow if slow else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
