"""ikg import-statistics, ikg reconcile and ikg refresh: what the store holds beside the
reports (the official statistics, the vocabulary and the authority register)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from kg.cli.common import STORE_OPTION, fail, limit_options, opened
from kg.library import load
from kg.output import render


@click.command()
@STORE_OPTION
@limit_options
def refresh(store_spec: str | None) -> None:
    """Bring the store's vocabulary and register graphs up to this version's.

    Builds and imports do it too; this is for a store made by an earlier version that
    is only queried (ikg query warns when a store needs it).
    """
    from kg.reference import ensure_reference_graphs

    with opened(store_spec, write=True) as store:
        loaded = ensure_reference_graphs(store)
    click.echo(f"refreshed {len(loaded)} graph(s)" if loaded else "already up to date")


@click.command("import-statistics")
@click.argument("file", type=click.Path(path_type=Path))
@STORE_OPTION
@limit_options
def import_statistics_command(file: Path, store_spec: str | None) -> None:
    """Import Ofsted's inspection-outcomes statistics (FILE.ods or .csv) into the store.

    Each dataset gets its own named graph, replaced whole on re-import; inspections share
    their IRIs with report-derived ones (authority + start date). The sheets are found by
    their columns, so a release with moved rows or renamed sheets still imports.
    """
    from kg.importing import ImportFailed, import_statistics

    try:
        with opened(store_spec, write=True) as store:
            outcome = import_statistics(file, store)
    except ImportFailed as exc:
        fail(str(exc))
    sheets = ", ".join(f"{name} {n}" for name, n in outcome.sheets.items())
    click.echo(
        f"imported {outcome.title!r}: {outcome.records} rows ({sheets}), "
        f"{outcome.triples} triples into <{outcome.graph_iri}>"
    )


@click.command()
@STORE_OPTION
@click.option(
    "--out", type=click.Path(path_type=Path), default=None, help="Also write the rows as CSV."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "csv", "tsv", "json", "md")),
    default="table",
    show_default=True,
)
@limit_options
def reconcile(store_spec: str | None, out: Path | None, fmt: str) -> None:
    """List where report-derived and statistics-derived facts disagree.

    Runs the library query 'reconcile' (queries/reconcile.rq): grades, judgements only one
    source states, publication dates, types and start dates that differ, and ILACS
    inspections only one source describes. Exit 1 when any fact disagrees (an inspection
    missing from one source alone is coverage, not disagreement, and exits 0).
    """
    query = load("reconcile")
    from kg.querying import run_query

    with opened(store_spec) as store:
        result = run_query(query, store)
    click.echo(render(result, fmt))
    if out is not None:
        out.write_text(render(result, "csv"), encoding="utf-8")
    kinds = Counter(str(row["kind"]) for row in result.rows)
    tally = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items())) or "none"
    click.echo(f"{len(result.rows)} rows: {tally}", err=True)
    coverage = {"only in statistics", "only in reports"}
    if any(kind not in coverage for kind in kinds):
        sys.exit(1)
