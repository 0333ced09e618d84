"""ikg plot and ikg profile: pictures and pages for people who would rather look than read."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.common import STORE_OPTION, fail, limit_options, opened


@click.command("plot")
@click.argument("kind", type=click.Choice(("trajectories", "distribution", "weakness-themes")))
@STORE_OPTION
@limit_options
@click.option("--authority", help="The authority (trajectories): a name or GSS code.")
@click.option(
    "--source",
    type=click.Choice(("statistics", "reports")),
    default="statistics",
    show_default=True,
    help="Grades from the imported statistics or from the reports (distribution).",
)
@click.option("--out", type=click.Path(path_type=Path), required=True, help="FILE.png or .svg")
def plot_command(
    kind: str, store_spec: str | None, authority: str | None, source: str, out: Path
) -> None:
    """Draw grade trajectories of an authority and its neighbours, the national grade
    distribution over time, or the weakness themes by grade."""
    from kg.plots import PlotError, plot

    try:
        with opened(store_spec) as store:
            path = plot(kind, store, out, authority=authority, source=source)
    except PlotError as exc:
        fail(str(exc))
    click.echo(f"wrote {path}")


@click.command("profile")
@click.argument("authority")
@STORE_OPTION
@limit_options
@click.option("--out", type=click.Path(path_type=Path), default=Path("profiles"), show_default=True)
def profile_command(authority: str, store_spec: str | None, out: Path) -> None:
    """Write a self-contained HTML page about one AUTHORITY (a name or GSS code)."""
    from kg.plots import PlotError
    from kg.profile import write_profile

    try:
        with opened(store_spec) as store:
            path = write_profile(store, authority, out)
    except PlotError as exc:
        fail(str(exc))
    click.echo(f"wrote {path}")
