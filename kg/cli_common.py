"""What every ikg subcommand module shares: the --store option and the one-line error exit."""

from __future__ import annotations

import sys
from typing import NoReturn

import click

STORE_OPTION = click.option(
    "--store",
    "store_spec",
    envvar="IKG_STORE",
    default="ikg-store",
    show_default=True,
    help="Store: a directory (embedded Oxigraph), 'memory', or a SPARQL endpoint URL.",
)


def fail(message: str, code: int = 2) -> NoReturn:
    """Exit with one line on stderr: exit 2 for errors, 1 for 'problems found'."""
    click.echo(f"ikg: error: {message}", err=True)
    sys.exit(code)
