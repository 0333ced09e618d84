"""The ikg command: options are parsed here, the work is done by library functions.

Exit codes: 0 ok, 1 'found problems' (a graph does not conform, a file failed), 2 errors
(bad arguments, unreadable input, store problems).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from rdflib import Dataset, Graph

from kg import __version__
from kg.cli_common import STORE_OPTION, fail
from kg.contract import error_to_json, report_to_json
from kg.extract import ExtractError
from kg.library import HeaderError, ParameterError, QueryNotFound, library, query_text
from kg.output import FORMATS, render
from kg.pipeline import FileError, FileOutcome, build, collect_files, default_jobs, extract_file
from kg.read import ReadError
from kg.store import EXPORT_FORMATS, StoreError, open_store


@click.group()
@click.version_option(__version__, prog_name="ikg")
def main() -> None:
    """inspection-kg: Ofsted children's services inspection reports as a knowledge graph."""


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(files: tuple[Path, ...]) -> None:
    """Print the facts of each report FILE as JSON Lines (one object per report)."""
    failed = False
    for path in files:
        try:
            for report in extract_file(path):
                click.echo(json.dumps(report_to_json(report), ensure_ascii=False))
        except (ReadError, ExtractError) as exc:
            failed = True
            click.echo(json.dumps(error_to_json(str(path), str(exc))))
            click.echo(f"ikg: {path}: {exc}", err=True)
    if failed:
        sys.exit(1)


@main.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option(
    "--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core)."
)
@click.option("--force", is_flag=True, help="Rebuild reports already in the store.")
@click.option("--coverage", type=click.Path(path_type=Path), help="Write a per-file CSV here.")
def build_command(
    paths: tuple[Path, ...],
    store_spec: str,
    jobs: int | None,
    force: bool,
    coverage: Path | None,
) -> None:
    """Extract, validate and load report files or folders into the store."""
    from kg.progress import BuildProgress, print_summary, write_coverage

    try:
        files = collect_files(paths)
    except FileError as exc:
        fail(str(exc))
    try:
        store = open_store(store_spec)
    except StoreError as exc:
        fail(str(exc))
    with store, BuildProgress(len(files)) as progress:
        outcomes: list[FileOutcome] = build(
            files, store, jobs=jobs or default_jobs(), force=force, on_outcome=progress.advance
        )
    print_summary(outcomes)
    if coverage:
        write_coverage(outcomes, coverage)
    if any(not o.ok for o in outcomes if not o.skipped):
        sys.exit(1)


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--store",
    "store_spec",
    envvar="IKG_STORE",
    default=None,
    help="Validate every named graph of this store instead of files.",
)
def validate(files: tuple[Path, ...], store_spec: str | None) -> None:
    """Validate RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD) or a store's graphs."""
    from kg.validate import graph_kind, validate_graph

    if not files and not store_spec:
        fail("give RDF files to validate or --store DIR")
    verdicts: list[tuple[str, bool, str]] = []
    try:
        if store_spec:
            with open_store(store_spec) as store:
                for iri in store.graphs():
                    if graph_kind(iri) == "vocabulary":
                        continue
                    report = validate_graph(store.get_graph(iri), graph_kind(iri))
                    verdicts.append((iri, report.conforms, report.text))
        for path in files:
            for name, graph in _rdf_graphs(path):
                report = validate_graph(graph, graph_kind(name))
                verdicts.append((name, report.conforms, report.text))
    except (StoreError, ValueError, SyntaxError) as exc:
        fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    bad = [v for v in verdicts if not v[1]]
    for name, _, text in bad:
        click.echo(f"{name}\n{text}\n")
    click.echo(f"{len(verdicts) - len(bad)} of {len(verdicts)} graphs conform")
    if bad:
        sys.exit(1)


def _rdf_graphs(path: Path) -> list[tuple[str, Graph]]:
    suffix = path.suffix.lower()
    if suffix in (".nq", ".trig"):
        ds = Dataset()
        ds.parse(path, format="nquads" if suffix == ".nq" else "trig")
        return [(f"{path} <{g.identifier}>", g) for g in ds.graphs() if len(g)]
    graph = Graph()
    formats = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}
    graph.parse(path, format=formats.get(suffix, "turtle"))
    return [(str(path), graph)]


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"--param {pair!r}: expected NAME=VALUE")
        values[key.strip()] = value
    return values


@main.command()
@click.argument("query", metavar="FILE.rq|NAME|-")
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="A parameter the query declares in its header (checked against its type).",
)
def query(query: str, store_spec: str, fmt: str, params: tuple[str, ...]) -> None:
    """Run a SPARQL query (a file, a library query's NAME, or - for standard input)."""
    try:
        text = query_text(query, _params(params))
    except (QueryNotFound, ParameterError, HeaderError) as exc:
        fail(str(exc))
    try:
        with open_store(store_spec) as store:
            result = store.query(text)
    except StoreError as exc:
        fail(str(exc))
    except (SyntaxError, ValueError, OSError) as exc:
        fail(f"{query}: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
    click.echo(render(result, fmt))


@main.command("queries")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json", "md")),
    default="table",
    show_default=True,
)
def queries_command(fmt: str) -> None:
    """List the query library: names, titles and parameters."""
    from kg.catalogue import catalogue_markdown

    try:
        entries = library()
    except HeaderError as exc:
        fail(str(exc))
    if fmt == "json":
        click.echo(json.dumps([q.as_json() for q in entries], indent=2, ensure_ascii=False))
    elif fmt == "md":
        click.echo(catalogue_markdown(entries), nl=False)
    else:
        for q in entries:
            params = ", ".join(f"{p.name}={p.default}" for p in q.parameters) or "-"
            click.echo(f"{q.name:<34} {q.title}  [{params}]")


@main.command()
@STORE_OPTION
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="nq", show_default=True)
@click.option("--graph", "graph_iri", default=None, help="Export one named graph only.")
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="File (default: stdout)."
)
def export(store_spec: str, fmt: str, graph_iri: str | None, out: Path | None) -> None:
    """Write the store (or one graph) as N-Quads, TriG, Turtle, N-Triples or JSON-LD."""
    try:
        with open_store(store_spec) as store:
            if out is None:
                store.export(sys.stdout.buffer, fmt, graph_iri)
            else:
                partial = out.with_name(out.name + ".partial")
                with partial.open("wb") as handle:
                    store.export(handle, fmt, graph_iri)
                partial.replace(out)
    except StoreError as exc:
        fail(str(exc))


@main.command()
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
def reason(source: Path | None) -> None:
    """Run HermiT over the ontology plus a report (PDF/text) or an RDF graph file."""
    from kg.rdf.report import MappingError, report_graph
    from kg.reason import ReasonerUnavailableError, format_result
    from kg.reason import reason as run_reasoner

    data: Graph | None = None
    if source is not None:
        try:
            if source.suffix.lower() in (".pdf", ".txt", ".md"):
                data = Graph()
                for report in extract_file(source):
                    data += report_graph(report)[1]
            else:
                data = Graph()
                for _, graph in _rdf_graphs(source):
                    data += graph
        except (ReadError, ExtractError, MappingError) as exc:
            fail(f"{source}: {exc}")
    try:
        result = run_reasoner(data)
    except ReasonerUnavailableError as exc:
        fail(str(exc))
    click.echo(format_result(result))
    if not result.consistent or result.unsatisfiable:
        sys.exit(1)


# Commands that live in modules of their own (each imports kg.cli_common, not this module).
from kg.cli_fetch import fetch  # noqa: E402
from kg.cli_reference import import_statistics_command, reconcile  # noqa: E402
from kg.cli_research import plot_command, profile_command  # noqa: E402

main.add_command(fetch)
main.add_command(import_statistics_command)
main.add_command(reconcile)
main.add_command(plot_command)
main.add_command(profile_command)

if __name__ == "__main__":  # pragma: no cover
    main()
