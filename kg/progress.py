"""Progress and summaries of a build, for people watching a terminal."""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from kg.pipeline import FileOutcome

console = Console(stderr=True, width=None if sys.stderr.isatty() else 160)


class FileBar:
    """A transient progress bar over files (build, fetch): verb, bar, count, time left and
    what is in hand now."""

    def __init__(self, verb: str, total: int, on: Console = console) -> None:
        self._progress = Progress(
            TextColumn(f"[bold]{verb}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=on,
            transient=True,
        )
        self._task = self._progress.add_task("", total=total)

    def __enter__(self) -> Self:
        self._progress.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.__exit__(kind, value, tb)

    def describe(self, text: str) -> None:
        self._progress.update(self._task, description=text)

    def step(self, text: str) -> None:
        self._progress.update(self._task, advance=1, description=text)


class BuildProgress(FileBar):
    """A progress bar over files, advanced as each file's outcome arrives; each problem
    is printed at once, one line each (every shape violation with ``explain``, else the
    first three of a graph)."""

    SHOWN_PROBLEMS = 3

    def __init__(self, total: int, explain: bool = False) -> None:
        super().__init__("building", total)
        self.explain = explain

    def advance(self, outcome: FileOutcome) -> None:
        self.step(describe(outcome))
        if outcome.error:
            _line(f"{outcome.path}: {outcome.error}")
        elif not outcome.ok:
            for graph in outcome.graphs:
                if graph.conforms:
                    continue
                shown = graph.problems if self.explain else graph.problems[: self.SHOWN_PROBLEMS]
                _line(f"{outcome.path}: does not conform to the shapes (not loaded):")
                for problem in shown:
                    _line(f"{outcome.path}:   {problem}")
                hidden = len(graph.problems) - len(shown)
                if hidden > 0:
                    _line(f"{outcome.path}:   ... and {hidden} more (--explain lists them all)")
        for source in outcome.replaced:
            _line(f"{outcome.path}: replaces the reading from {source}", style="yellow")


def describe(outcome: FileOutcome) -> str:
    """What a progress line names: the authority and start date, with the file."""
    name = Path(outcome.path).name
    if outcome.reports:
        first = outcome.reports[0]
        return f"{first.get('authority') or '?'} {first.get('start_date') or '?'} ({name})"
    return name


def _line(message: str, style: str = "red") -> None:
    """One unwrapped line per problem, so logs can be grepped by file name."""
    console.print(escape(message), style=style, soft_wrap=True, highlight=False)


def rows(outcomes: list[FileOutcome]) -> list[dict[str, object]]:
    """One row per report (or per failed/skipped file) for the coverage CSV and table."""
    out: list[dict[str, object]] = []
    for o in outcomes:
        status = (
            "skipped" if o.skipped else "error" if o.error else ("loaded" if o.ok else "invalid")
        )
        base: dict[str, object] = {"path": o.path, "status": status, "error": o.error or ""}
        if not o.reports:
            out.append(base)
        for report in o.reports:
            warnings = report.get("warnings") or []
            assert isinstance(warnings, list)
            out.append(
                base
                | {k: v for k, v in report.items() if k != "warnings"}
                | {"warnings": "; ".join(str(w) for w in warnings)}
            )
    return out


COLUMNS = [
    "path",
    "status",
    "framework",
    "document_type",
    "authority",
    "gss_code",
    "start_date",
    "judgements",
    "recommendations",
    "sections",
    "paragraphs",
    "warnings",
    "error",
]


def write_coverage(outcomes: list[FileOutcome], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows(outcomes))


def print_summary(outcomes: list[FileOutcome], verbose: bool = False) -> None:
    """Totals by status and framework; with ``verbose`` first a row per file."""
    if verbose:
        _print_table(outcomes)
    counts = Counter(str(r["status"]) for r in rows(outcomes))
    frameworks = Counter(str(r.get("framework")) for r in rows(outcomes) if r["status"] == "loaded")
    warned = sum(1 for r in rows(outcomes) if r.get("warnings"))
    console.print(
        "files: "
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        + (
            "; loaded by framework: " + ", ".join(f"{n} {f}" for f, n in sorted(frameworks.items()))
            if frameworks
            else ""
        )
        + (f"; {warned} with warnings (--coverage FILE.csv lists them)" if warned else "")
    )


def _print_table(outcomes: list[FileOutcome]) -> None:
    table = Table("file", "status", "framework", "authority", "start", "J", "R", "P", "warnings")
    for row in rows(outcomes):
        table.add_row(
            Path(str(row["path"])).name if row["status"] != "error" else str(row["path"]),
            str(row["status"]),
            str(row.get("framework", "")),
            str(row.get("authority", "")),
            str(row.get("start_date", "")),
            str(row.get("judgements", "")),
            str(row.get("recommendations", "")),
            str(row.get("paragraphs", "")),
            str(row.get("warnings") or row.get("error") or ""),
        )
    console.print(table)
