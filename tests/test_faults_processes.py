"""Builds that are killed, raced or repeated: the store is never half-written.

These run ``ikg`` as a real process (SIGKILL cannot be tested in-process), on the bundled
samples.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import SAMPLES

IKG = [sys.executable, "-m", "kg.cli"]


def ikg(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*IKG, *args], capture_output=True, text=True, timeout=600, **kwargs)  # type: ignore[call-overload]


def canonical_quads(store: Path) -> list[str]:
    """The store's quads as sorted, canonical N-Quads lines (blank nodes relabelled)."""
    reader = ox.Store.read_only(str(store / (store / "current").read_text().strip()))
    dataset = ox.Dataset(reader.quads_for_pattern(None, None, None))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return sorted(str(quad) for quad in dataset)


def children_of(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found.update(int(c) for c in children)
    return found


def alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("reference") / "store"
    done = ikg("build", str(SAMPLES), "--store", str(store), "-j", "1")
    assert done.returncode == 0, done.stderr
    return store


def test_two_builds_give_identical_graphs(reference: Path, tmp_path: Path) -> None:
    """A report graph is a function of the file: no timestamps, no paths, no order."""
    store = tmp_path / "store"
    done = ikg("build", str(SAMPLES), "--store", str(store), "-j", "2")
    assert done.returncode == 0, done.stderr
    assert canonical_quads(store) == canonical_quads(reference)


@pytest.mark.parametrize("delay", [0.5, 2.0, 4.0])
def test_a_killed_build_leaves_the_store_as_it_was_and_its_workers_end(
    delay: float, reference: Path, tmp_path: Path
) -> None:
    store = tmp_path / "store"
    first = ikg("build", str(SAMPLES / "80472-hampshire-2019-06-11.pdf"), "--store", str(store))
    assert first.returncode == 0, first.stderr
    before = canonical_quads(store)
    process = subprocess.Popen(
        [*IKG, "build", str(SAMPLES), "--store", str(store), "-j", "2", "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    workers = children_of(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in workers), "workers outlived the killed build"
    assert canonical_quads(store) == before
    again = ikg("build", str(SAMPLES), "--store", str(store), "-j", "2")
    assert again.returncode == 0, again.stderr
    assert canonical_quads(store) == canonical_quads(reference)


def test_readers_answer_while_a_build_writes(reference: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    first = ikg("build", str(SAMPLES / "80451-wakefield-2018-07-17.pdf"), "--store", str(store))
    assert first.returncode == 0, first.stderr
    build = subprocess.Popen(
        [*IKG, "build", str(SAMPLES), "--store", str(store), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    answered = 0
    try:
        while build.poll() is None:
            done = ikg("query", "judgements", "--store", str(store), "--format", "csv")
            assert done.returncode == 0, done.stderr
            assert "Wakefield" in done.stdout
            answered += 1
    finally:
        build.wait()
    assert build.returncode == 0
    assert answered >= 1
    done = ikg("query", "judgements", "--store", str(store), "--format", "csv")
    assert "Hampshire" in done.stdout


def test_a_second_writer_is_refused_in_one_line(tmp_path: Path) -> None:
    store = tmp_path / "store"
    build = subprocess.Popen(
        [*IKG, "build", str(SAMPLES), "--store", str(store), "-j", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while not (store / "write.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        second = ikg("build", str(SAMPLES), "--store", str(store), "-j", "1")
        if build.poll() is None:
            assert second.returncode == 2
            assert "being written by process" in second.stderr
            assert second.stderr.strip().count("\n") == 0
    finally:
        build.wait()
    assert build.returncode == 0


def test_ctrl_c_stops_a_build_and_changes_nothing(tmp_path: Path) -> None:
    store = tmp_path / "store"
    process = subprocess.Popen(
        [*IKG, "build", str(SAMPLES), "--store", str(store), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the build finished before the interrupt")
    assert process.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert not (store / "current").exists()
    assert os.listdir(store) == ["write.lock"] or not any(
        p.name.startswith("gen-") for p in store.iterdir()
    )
