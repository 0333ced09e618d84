"""ikg import-statistics and ikg reconcile, end to end: the official figures reproduced
from the imported workbook, and all-or-nothing imports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, WORKBOOK
from test_statistics import ROWS, _table, _write

from kg.cli import main
from kg.store import open_store

needs_workbook = pytest.mark.skipif(not WORKBOOK.is_file(), reason="shared workbook absent")


@pytest.fixture(scope="module")
def statistics_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not WORKBOOK.is_file():
        pytest.skip("shared workbook absent")
    store = tmp_path_factory.mktemp("stats") / "ikg-store"
    result = CliRunner().invoke(main, ["import-statistics", str(WORKBOOK), "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert "536 rows" in result.output
    return store


@needs_workbook
def test_improvement_summary_reproduces_the_published_figures(statistics_store: Path) -> None:
    """'Local authority inspection outcomes as at 31 March 2024' (Ofsted): of the 65
    authorities with more than one ILACS inspection, 26 improved, 15 kept good or
    outstanding, 12 declined; 60% were good or outstanding at their latest inspection."""
    args = ["query", "improvement-summary", "--store", str(statistics_store), "--format",
            "csv", "--param", "as_of=2024-03-31", "--param", "source=statistics"]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "authorities_with_repeat_inspections,improved,retained_good_or_outstanding,declined,"
        "share_good_or_outstanding",
        "65,26,15,12,60",
    ]


@needs_workbook
def test_reimport_replaces_the_dataset_graph(statistics_store: Path) -> None:
    with open_store(statistics_store) as store:
        before = len(store)
    again = CliRunner().invoke(
        main, ["import-statistics", str(WORKBOOK), "--store", str(statistics_store)]
    )
    assert again.exit_code == 0, again.output
    with open_store(statistics_store) as store:
        assert len(store) == before
        graphs = store.graphs()
    assert sum("/graph/dataset/" in g for g in graphs) == 1
    assert any(g.endswith("/graph/register") for g in graphs)


@pytest.mark.parametrize("problem", ["missing sheet", "malformed date", "no such file"])
def test_a_bad_workbook_leaves_the_store_as_it_was(tmp_path: Path, problem: str) -> None:
    store = tmp_path / "store"
    good = _write(tmp_path / "good.ods", {"History": _table(ROWS)})
    runner = CliRunner()
    assert (
        runner.invoke(main, ["import-statistics", str(good), "--store", str(store)]).exit_code == 0
    )
    with open_store(store) as opened:
        before = sorted(opened.graphs()), len(opened)
    if problem == "missing sheet":
        bad = _write(tmp_path / "bad.ods", {"Notes": [["Notes"], ["Text"]]})
    elif problem == "malformed date":
        rows = [*ROWS, ["link", "E10000014", "Hampshire", "South East", "31/02/2024", None,
                        "ILACS Short Inspection", "Good", "Good", "Good"]]  # fmt: skip
        bad = _write(tmp_path / "bad.ods", {"History": _table(rows)})
    else:
        bad = tmp_path / "absent.ods"
    result = runner.invoke(main, ["import-statistics", str(bad), "--store", str(store)])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ikg: error: ") and str(bad) in lines[0]
    with open_store(store) as opened:
        assert (sorted(opened.graphs()), len(opened)) == before


@needs_workbook
def test_reconcile_on_the_samples(statistics_store: Path, tmp_path: Path) -> None:
    """The four bundled reports against the statistics: Hampshire 2019 and Wakefield 2018
    agree with the workbook; Hampshire 2024 and West Northamptonshire 2026 are later than
    the workbook covers; every other ILACS inspection is only in the statistics."""
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(main, ["build", str(SAMPLES), "--store", str(store)]).exit_code == 0
    assert (
        runner.invoke(main, ["import-statistics", str(WORKBOOK), "--store", str(store)]).exit_code
        == 0
    )
    out = tmp_path / "reconcile.csv"
    args = ["reconcile", "--store", str(store), "--out", str(out), "--format", "csv"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.read_text(encoding="utf-8").splitlines()))
    kinds = {row["kind"] for row in rows}
    assert kinds == {"only in statistics"}
    reported = {(row["authority"], row["start_date"]) for row in rows}
    assert ("Hampshire", "2019-04-29") not in reported
    assert len(rows) > 200
