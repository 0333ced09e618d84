"""What every ikg command shares: the store and limit options, and the one-line exits.

Exit codes: 0 ok, 1 'found problems' (a graph does not conform, a file failed), 2 errors
(bad arguments, unreadable input, store and server problems), 130 interrupted.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from kg.settings import configure, settings
from kg.store import Store, StoreError, open_store

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = 2) -> NoReturn:
    """Exit with one line on stderr: exit 2 for errors, 1 for 'problems found'."""
    click.echo(f"ikg: error: {message}", err=True)
    sys.exit(code)


def warn(message: str) -> None:
    click.echo(f"ikg: warning: {message}", err=True)


STORE_OPTION = click.option(
    "--store",
    "store_spec",
    envvar="IKG_STORE",
    default=None,
    help="Store: a folder (embedded Oxigraph, default ./ikg-store), 'memory', or a SPARQL "
    "endpoint URL.",
)


def limit_options(command: F) -> F:
    """--timeout and --allow-service, applied to the settings before the command runs."""

    def set_timeout(ctx: click.Context, param: click.Parameter, value: float | None) -> None:
        if value is not None:
            configure(timeout=value)

    def set_service(ctx: click.Context, param: click.Parameter, value: bool) -> None:
        if value:
            configure(allow_service=True)

    command = click.option(
        "--timeout",
        type=click.FloatRange(min=0, min_open=True),
        default=None,
        expose_value=False,
        callback=set_timeout,
        help="Seconds a query (or one request to a server) may take (default: IKG_TIMEOUT or 60).",
    )(command)
    return click.option(
        "--allow-service",
        is_flag=True,
        expose_value=False,
        callback=set_service,
        help="Allow SPARQL SERVICE, which sends requests to other servers.",
    )(command)


@contextmanager
def opened(spec: str | Path | None, *, write: bool = False) -> Iterator[Store]:
    """The store, opened for the command; its errors become one line and exit 2.

    A writer publishes its writes when the block ends normally and discards them when it
    ends by an exception (a failed or interrupted command changes nothing).
    """
    try:
        store = open_store(spec if spec is not None else settings().store, write=write)
    except StoreError as exc:
        fail(str(exc))
    try:
        yield store
    except BaseException:
        store.abort()
        raise
    try:
        store.close()
    except StoreError as exc:
        fail(str(exc))
