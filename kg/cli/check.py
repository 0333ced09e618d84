"""ikg validate and ikg reason: is a graph what the shapes and the ontology say it must be."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.common import fail, opened
from kg.rdffiles import RdfFileError


@click.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--store",
    "store_spec",
    default=None,
    help="Validate every named graph of this store (a folder or endpoint URL) instead.",
)
def validate(files: tuple[Path, ...], store_spec: str | None) -> None:
    """Validate RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD) or a store's graphs.

    Exit 1 when a graph does not conform, 2 when a file or the store cannot be read.
    """
    from kg.checking import Verdict, validate_files, validate_store

    if bool(files) == bool(store_spec):
        fail("give RDF files to validate, or --store DIR|URL (not both)")
    verdicts: list[Verdict] = []
    try:
        if store_spec:
            with opened(store_spec) as store:
                verdicts = validate_store(store)
        else:
            verdicts = validate_files(list(files))
    except RdfFileError as exc:
        fail(str(exc))
    bad = [v for v in verdicts if not v.conforms]
    for verdict in bad:
        click.echo(f"{verdict.name}\n{verdict.text}\n")
    if not verdicts:
        fail(f"{store_spec or ' '.join(map(str, files))}: no graphs to validate")
    click.echo(f"{len(verdicts) - len(bad)} of {len(verdicts)} graphs conform")
    if bad:
        sys.exit(1)


@click.command()
@click.argument("source", required=False, type=click.Path(exists=True, path_type=Path))
def reason(source: Path | None) -> None:
    """Run HermiT over the ontology plus a report (PDF/text) or an RDF graph file."""
    from kg.extract import ExtractError
    from kg.rdf.report import MappingError
    from kg.read import ReadError
    from kg.reason import ReasonerUnavailableError, format_result, reason_about

    try:
        result = reason_about(source)
    except (ReadError, ExtractError, MappingError) as exc:
        fail(f"{source}: {exc}")
    except (ReasonerUnavailableError, RdfFileError) as exc:
        fail(str(exc))
    click.echo(format_result(result))
    if not result.consistent or result.unsatisfiable:
        sys.exit(1)
