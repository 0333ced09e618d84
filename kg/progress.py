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
    """A progress bar over files, advanced as each file's outcome arrives."""

    def __init__(self, total: int) -> None:
        super().__init__("building", total)

    def advance(self, outcome: FileOutcome) -> None:
        self.step(Path(outcome.path).name)
        if outcome.error:
            _line(f"{outcome.path}: {outcome.error}")
        elif not outcome.ok:
            _line(f"{outcome.path}: does not conform to the shapes (not loaded)")


def _line(message: str) -> None:
    """One unwrapped line per problem, so logs can be grepped by file name."""
    console.print(escape(message), style="red", soft_wrap=True, highlight=False)


def rows(outcomes: list[FileOutcome]) -> list[dict[str, object]]:
    """One row per report (or per failed/skipped file) for the coverage CSV and table."""
    out: list[dict[str, object]] = []
    for o in outcomes:
        status = (
            "skipped" if o.skipped else "error" if o.error else ("loaded" if o.ok else "invalid")
        )
        base = {"path": o.path, "status": status, "error": o.error or ""}
        if not o.reports:
            out.append(base)
        for report in o.reports:
            warnings = report.get("warnings") or []
            out.append(
                base
                | {k: v for k, v in report.items() if k != "warnings"}
                | {"warnings": "; ".join(warnings)}
            )  # type: ignore[arg-type]
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


def print_summary(outcomes: list[FileOutcome]) -> None:
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
    counts = Counter(str(r["status"]) for r in rows(outcomes))
    frameworks = Counter(str(r.get("framework")) for r in rows(outcomes) if r["status"] == "loaded")
    console.print(
        "files: "
        + ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
        + (
            "; loaded by framework: " + ", ".join(f"{n} {f}" for f, n in sorted(frameworks.items()))
            if frameworks
            else ""
        )
    )
