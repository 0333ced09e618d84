"""The built wheel works alone: installed in a fresh virtual environment, outside the
source tree, the README's main job and every library query run.

Users install wheels, which once lacked the ontology, shapes and queries (they live at
the top of the source tree; setup.py copies them into the package).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import PROJECT, SAMPLES

from kg.library import library


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    # the wheel alone, whatever the test process's own PYTHONPATH points at
    clean = {k: v for k, v in (env if env is not None else os.environ).items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=900, env=clean
    )
    assert done.returncode == 0, f"{args}:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with only the wheel (and its dependencies) installed; its bin/."""
    if shutil.which("git") is None:
        pytest.skip("git is needed to copy the source tree")
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    # a clean copy of the tracked files: what a fresh clone holds
    files = run("git", "ls-files", cwd=PROJECT).splitlines()
    for name in files:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if (PROJECT / name).is_file():
            shutil.copy2(PROJECT / name, target)
    wheels = work / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, source, cwd=work)
    wheel = next(wheels.glob("inspection_kg-*.whl"))
    environment = work / "venv"
    venv.create(environment, with_pip=True)
    run(environment / "bin" / "pip", "install", "-q", wheel, cwd=work)
    return environment / "bin"


def test_the_wheel_carries_ontology_shapes_and_queries(installed: Path, tmp_path: Path) -> None:
    code = "import kg.resources as r; print(r.queries_dir()); print(r.shapes_dir())"
    out = run(installed / "python", "-c", code, cwd=tmp_path)
    assert "site-packages/kg/_resources/queries" in out
    assert str(PROJECT) not in out


def test_the_main_job_and_every_library_query_from_the_wheel(
    installed: Path, tmp_path: Path
) -> None:
    reports = tmp_path / "reports"
    shutil.copytree(SAMPLES, reports)
    env = {k: v for k, v in os.environ.items() if not k.startswith("IKG_")}
    env.pop("PYTHONPATH", None)
    run(installed / "ikg", "build", reports, "--store", "ikg-store", cwd=tmp_path, env=env)
    out = run(
        installed / "ikg", "query", "judgements", "--store", "ikg-store", cwd=tmp_path, env=env
    )
    assert "Hampshire" in out and "Outstanding" in out
    for query in library():
        run(
            installed / "ikg", "query", query.name, "--store", "ikg-store", "--format", "csv",
            cwd=tmp_path, env=env,
        )  # fmt: skip
