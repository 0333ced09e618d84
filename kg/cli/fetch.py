"""The ``ikg fetch`` command: a progress bar and a summary around kg.fetch.

Kept out of kg/cli.py so that downloading, which needs none of the RDF machinery, stays
quick to start and easy to read on its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from kg.cli.common import fail
from kg.fetch import FetchOutcome, FetchProgress, fetch_all
from kg.manifest import ManifestError, read_manifest
from kg.progress import FileBar
from kg.resources import DATA_DIR

DEFAULT_MANIFEST = DATA_DIR / "manifest.csv"


class FetchBar(FileBar):
    """A bar over files; the file in flight shows its kilobytes, failures print at once."""

    def __init__(self, total: int, console: Console) -> None:
        super().__init__("fetching", total, console)
        self._console = console

    def update(self, event: FetchProgress) -> None:
        if event.outcome is None:
            of = f"/{event.total // 1024}" if event.total else ""
            description = f"{event.path} {event.done // 1024}{of} KiB"
            self.describe(description)
            return
        self.step(event.path)
        if event.outcome.status == "failed":
            self._console.print(
                f"ikg: {event.outcome.path}: {event.outcome.message}",
                style="red",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )


def summary(outcomes: list[FetchOutcome], dest: Path) -> str:
    counts = {status: 0 for status in ("downloaded", "present", "failed")}
    for outcome in outcomes:
        counts[outcome.status] += 1
    size = sum(o.bytes for o in outcomes if o.status == "downloaded")
    megabytes = f" ({size / 1_000_000:.1f} MB)" if counts["downloaded"] else ""
    files = "1 file" if len(outcomes) == 1 else f"{len(outcomes)} files"
    return (
        f"{files} in {dest}: {counts['downloaded']} downloaded{megabytes}, "
        f"{counts['present']} present, {counts['failed']} failed"
    )


@click.command("fetch")
@click.option(
    "--manifest",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="CSV with path, source_url and sha256 columns (default: the shipped manifest).",
)
@click.option(
    "--dest",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("reports"),
    show_default=True,
    help="Folder the manifest's paths are relative to.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=3,
    show_default=True,
    help="Extra attempts per file after a failure that may be temporary.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=1.0,
    show_default=True,
    help="Seconds between requests, to be polite to the server.",
)
@click.option("--force", is_flag=True, help="Download again even when the file is present.")
@click.option(
    "--only",
    multiple=True,
    metavar="SUBSTRING",
    help="Fetch only paths containing SUBSTRING (repeatable).",
)
def fetch(
    manifest: Path | None,
    dest: Path,
    retries: int,
    delay: float,
    force: bool,
    only: tuple[str, ...],
) -> None:
    """Download the report PDFs a manifest lists, verifying each sha256.

    Exit codes: 0 all files in place, 1 some file failed, 2 a bad manifest or option.
    """
    manifest = manifest or DEFAULT_MANIFEST
    try:
        entries = read_manifest(manifest)
    except ManifestError as exc:
        fail(str(exc))
    if only:
        entries = [e for e in entries if any(s in e.path for s in only)]
        if not entries:
            fail(f"{manifest}: no entry matches --only {' '.join(only)}")
    console = Console(stderr=True, width=None if sys.stderr.isatty() else 160)
    try:
        with FetchBar(len(entries), console) as bar:
            outcomes = fetch_all(
                entries, dest, retries=retries, delay=delay, force=force, on_progress=bar.update
            )
    except KeyboardInterrupt:
        click.echo("ikg: interrupted; run the same command again to resume", err=True)
        sys.exit(130)
    click.echo(summary(outcomes, dest))
    if any(o.status == "failed" for o in outcomes):
        sys.exit(1)
