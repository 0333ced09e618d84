"""The ikg command: options are parsed here, the work is done by library functions.

Each command lives in a module of this package by what it works on (kg.cli.build,
kg.cli.query, ...); the group below registers them and turns any store, settings or
file-system error that a command did not catch into one line and exit 2, so no path
of the command line ends in a traceback.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from kg import __version__
from kg.library import ParameterError
from kg.resolver import AuthorityError
from kg.settings import SettingsError
from kg.store.errors import StoreError, first_line


class IkgGroup(click.Group):
    """A click group whose commands fail in one line (exit 2) and stop on Ctrl-C (130)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (StoreError, SettingsError, ParameterError, AuthorityError) as exc:
            click.echo(f"ikg: error: {first_line(exc)}", err=True)
            sys.exit(2)
        except OSError as exc:
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"ikg: error: {where}{exc.strerror or first_line(exc)}", err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo("ikg: interrupted; nothing was changed by the unfinished work", err=True)
            sys.exit(130)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as exc:
            # a failure no command foresaw is still one line; IKG_DEBUG=1 shows where
            if os.environ.get("IKG_DEBUG"):
                raise
            click.echo(
                f"ikg: error: unexpected {type(exc).__name__}: {first_line(exc)} "
                "(IKG_DEBUG=1 shows the traceback)",
                err=True,
            )
            sys.exit(2)


@click.group(cls=IkgGroup)
@click.version_option(__version__, prog_name="ikg")
def main() -> None:
    """inspection-kg: Ofsted children's services inspection reports as a knowledge graph."""


def _register() -> None:
    from kg.cli.build import build_command, extract, load_command
    from kg.cli.check import reason, validate
    from kg.cli.fetch import fetch
    from kg.cli.query import export, queries_command, query
    from kg.cli.reference import import_statistics_command, reconcile, refresh
    from kg.cli.research import plot_command, profile_command

    for command in (
        extract,
        build_command,
        load_command,
        validate,
        reason,
        query,
        queries_command,
        export,
        fetch,
        import_statistics_command,
        reconcile,
        refresh,
        plot_command,
        profile_command,
    ):
        main.add_command(command)


_register()

__all__ = ["main"]
