"""Load a built store into SPARQL servers and time every library query on each of them.

    python bench/servers.py --store ikg-store \
        --server oxigraph=http://127.0.0.1:7878/query \
        --server virtuoso=http://127.0.0.1:8890/sparql,update=http://127.0.0.1:8890/sparql-auth,gsp=http://127.0.0.1:8890/sparql-graph-crud-auth,user=dba,password=dba,auth=digest,prefix=https://w3id.org/inspection-kg/graph/

Start the servers as the README's 'Sharing the graph on a SPARQL server' says. Each
server is emptied of the project's graphs, loaded from the store (kg.loading, as
``ikg load`` does), and then every library query runs with its defaults ``--repeat``
times on the embedded store and on each server; the best time is printed, with the
row count, and whether the rows are the embedded store's.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from kg.library import library
from kg.loading import load
from kg.output import render
from kg.querying import run_query
from kg.store import SparqlEndpointStore, Store, open_store


def server_store(spec: str) -> tuple[str, SparqlEndpointStore]:
    name, _, rest = spec.partition("=")
    url, *options = rest.split(",")
    opts = dict(option.split("=", 1) for option in options)
    user = opts.get("user")
    store = SparqlEndpointStore(
        url,
        update_url=opts.get("update"),
        gsp_url=opts.get("gsp"),
        auth=(user, opts.get("password", "")) if user else None,
        auth_type=opts.get("auth", "basic"),
        graph_prefix=opts.get("prefix"),
        timeout=600,
    )
    return name, store


def timed_rows(store: Store, name: str, repeat: int) -> tuple[float, list[list[str]]]:
    best = float("inf")
    rows: list[list[str]] = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run_query(name, store)
        best = min(best, time.perf_counter() - started)
        rows = list(csv.reader(render(result, "csv").splitlines()))
    return best, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True, help="the built embedded store")
    parser.add_argument("--server", action="append", default=[], help="name=URL[,option=value]")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    servers = [server_store(spec) for spec in args.server]
    for name, store in servers:
        for graph in store.graphs():
            store.drop_graph(graph)
        started = time.perf_counter()
        results = load(args.store, store)
        failed = [r for r in results if r.status == "failed"]
        triples = sum(r.triples for r in results)
        print(
            f"load into {name}: {time.perf_counter() - started:.1f} s for {len(results)} graphs "
            f"({triples} triples), {len(failed)} failed"
        )
    embedded = open_store(args.store, limits=False)
    header = ["query", "embedded s", *(f"{n} s" for n, _ in servers), "rows", "same rows"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for query in library():
        seconds, expected = timed_rows(embedded, query.name, args.repeat)
        cells = [query.name, f"{seconds:.3f}"]
        same = True
        for _, store in servers:
            try:
                server_seconds, got = timed_rows(store, query.name, args.repeat)
                cells.append(f"{server_seconds:.3f}")
                same &= got[0] == expected[0] and sorted(got[1:]) == sorted(expected[1:])
            except Exception as exc:  # a server's failure is a figure of its own here
                cells.append(f"error: {type(exc).__name__}")
                same = False
        cells += [str(len(expected) - 1), "yes" if same else "NO"]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
