"""ikg query, ikg queries and ikg export: asking the graph and taking it away."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.common import STORE_OPTION, fail, limit_options, opened
from kg.library import HeaderError, ParameterError, QueryNotFound, library, load, read_query
from kg.output import FORMATS, FormatError, render
from kg.store import EXPORT_FORMATS, GraphNotFound


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--param {pair!r}: expected NAME=VALUE")
        values[key.strip()] = value
    return values


@click.command()
@click.argument("query", metavar="FILE.rq|NAME|-")
@STORE_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="Rows: table, md, or the SPARQL results formats csv, tsv, json, xml; triples "
    "(CONSTRUCT, DESCRIBE): ttl, nt, jsonld.",
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter the query declares in its header (checked against its type).",
)
@limit_options
def query(query: str, store_spec: str | None, fmt: str, params: tuple[str, ...]) -> None:
    """Run a SPARQL query (a file, a library query's NAME, or - for standard input).

    Only queries run: a SPARQL Update is refused on every store.
    """
    from kg.querying import run_query
    from kg.reference import stale_warning

    try:
        chosen = read_query(query)
    except (QueryNotFound, HeaderError) as exc:
        fail(str(exc))
    with opened(store_spec) as store:
        try:
            result = run_query(chosen, store, _params(params))
        except ParameterError as exc:
            fail(str(exc))
        # said of an answer only: a refused query or a bad parameter is its one line alone
        warning = stale_warning(store)
    try:
        text = render(result, fmt)
        if warning:
            click.echo(f"ikg: warning: {warning}", err=True)
        click.echo(text)
    except FormatError as exc:
        fail(str(exc))


@click.command("queries")
@click.argument("name", required=False)
@click.option("--sparql", is_flag=True, help="With NAME: print the query's SPARQL text instead.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "md")),
    default="table",
    show_default=True,
)
def queries_command(name: str | None, sparql: bool, fmt: str) -> None:
    """List the query library (names, titles, parameters), or describe the query NAME:
    its question, parameters, columns and their types."""
    from kg.catalogue import catalogue_markdown, describe_query

    try:
        entries = [load(name)] if name else library()
    except (QueryNotFound, HeaderError) as exc:
        fail(str(exc))
    if name:
        one = entries[0]
        if sparql:
            click.echo(one.text, nl=False)
        elif fmt == "json":
            click.echo(json.dumps(one.as_json(), indent=2, ensure_ascii=False))
        elif fmt == "md":
            click.echo(catalogue_markdown(entries), nl=False)
        else:
            click.echo(describe_query(one))
        return
    if sparql:
        fail("--sparql needs a query NAME")
    if fmt == "json":
        click.echo(json.dumps([q.as_json() for q in entries], indent=2, ensure_ascii=False))
    elif fmt == "md":
        click.echo(catalogue_markdown(entries), nl=False)
    else:
        for q in entries:
            params = ", ".join(f"{p.name}={p.default}" for p in q.parameters) or "-"
            click.echo(f"{q.name:<34} {q.title}  [{params}]")


@click.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="nq", show_default=True)
@click.option("--graph", "graph_iri", default=None, help="Export one named graph only.")
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="File (default: stdout)."
)
@limit_options
def export(store_spec: str | None, fmt: str, graph_iri: str | None, out: Path | None) -> None:
    """Write the store (or one graph) as N-Quads, TriG, Turtle, N-Triples or JSON-LD."""
    with opened(store_spec) as store:
        if graph_iri is not None and not store.has_graph(graph_iri):
            raise GraphNotFound(f"the store has no graph <{graph_iri}>")
        if out is None:
            store.export(sys.stdout.buffer, fmt, graph_iri)
            return
        partial = out.with_name(out.name + ".partial")
        try:
            with partial.open("wb") as handle:
                store.export(handle, fmt, graph_iri)
            partial.replace(out)
        finally:
            partial.unlink(missing_ok=True)
