"""ikg extract, ikg build and ikg load: report files in, graphs out."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.cli.common import STORE_OPTION, fail, limit_options, opened
from kg.contract import error_to_json, report_to_json
from kg.extract import ExtractError
from kg.inputs import FileError, collect_files
from kg.read import ReadError


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def extract(files: tuple[Path, ...]) -> None:
    """Print the facts of each report FILE as JSON Lines (one object per report)."""
    from kg.pipeline import extract_file

    try:
        paths = collect_files(files)
    except FileError as exc:
        fail(str(exc))
    failed = False
    for path in paths:
        try:
            for report in extract_file(path):
                click.echo(json.dumps(report_to_json(report), ensure_ascii=False))
        except (ReadError, ExtractError) as exc:
            failed = True
            click.echo(json.dumps(error_to_json(str(path), str(exc))))
            click.echo(f"ikg: {path}: {exc}", err=True)
    if failed:
        sys.exit(1)


@click.command("build")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORE_OPTION
@click.option(
    "--jobs", "-j", type=int, default=None, help="Worker processes (default: one per core)."
)
@click.option("--force", is_flag=True, help="Rebuild reports already in the store.")
@click.option(
    "--replace",
    is_flag=True,
    help="Load a reading even where the store holds a better one of the same inspection.",
)
@click.option("--coverage", type=click.Path(path_type=Path), help="Write a per-file CSV here.")
@click.option(
    "--explain", is_flag=True, help="Print every shape violation of graphs that do not conform."
)
@click.option("--verbose", "-v", is_flag=True, help="Print a row per file, not just the totals.")
@limit_options
def build_command(
    paths: tuple[Path, ...],
    store_spec: str | None,
    jobs: int | None,
    force: bool,
    replace: bool,
    coverage: Path | None,
    explain: bool,
    verbose: bool,
) -> None:
    """Extract, validate and load report files or folders into the store.

    Into the embedded store the build is one transaction: readers see the store as it was
    until the build ends, and a build that fails or is interrupted changes nothing.
    """
    from kg.pipeline import build, default_jobs
    from kg.progress import BuildProgress, print_summary, write_coverage

    try:
        files = collect_files(paths)
    except FileError as exc:
        fail(str(exc))
    with opened(store_spec, write=True) as store, BuildProgress(len(files), explain) as progress:
        outcomes = build(
            files,
            store,
            jobs=jobs or default_jobs(),
            force=force,
            replace=replace,
            on_outcome=progress.advance,
        )
    print_summary(outcomes, verbose=verbose)
    if coverage:
        write_coverage(outcomes, coverage)
    if any(not o.ok for o in outcomes if not o.skipped):
        sys.exit(1)


@click.command("load")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@STORE_OPTION
@click.option("--force", is_flag=True, help="Replace graphs the target already holds unchanged.")
@limit_options
def load_command(source: Path, store_spec: str | None, force: bool) -> None:
    """Load the named graphs of SOURCE (a store folder, .nq or .trig) into the store,
    usually a SPARQL server (--store URL): one graph per report, replaced whole,
    unchanged graphs skipped."""
    from kg.loading import load
    from kg.progress import FileBar

    with opened(store_spec, write=True) as target, FileBar("loading", 0) as bar:
        results = load(source, target, force=force, on_graph=lambda r: bar.step(r.graph_iri))
    failed = [r for r in results if r.status == "failed"]
    for result in failed:
        click.echo(f"ikg: {result.graph_iri}: {result.error}", err=True)
    counts = {
        s: sum(1 for r in results if r.status == s) for s in ("loaded", "unchanged", "failed")
    }
    triples = sum(r.triples for r in results if r.status == "loaded")
    click.echo(
        f"{len(results)} graphs: {counts['loaded']} loaded ({triples} triples), "
        f"{counts['unchanged']} unchanged, {counts['failed']} failed"
    )
    if failed:
        sys.exit(1)
