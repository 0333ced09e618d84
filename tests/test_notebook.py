"""The walkthrough notebook (docs/walkthrough.ipynb) runs from top to bottom on the
bundled sample, as a reader would run it, and answers what its text says it answers."""

from __future__ import annotations

from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_the_walkthrough_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(DOCS / "walkthrough.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(DOCS)}}
    )
    client.execute()  # raises CellExecutionError on any failing cell
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", output
            texts.append(str(output.get("text") or output.get("data", {}).get("text/plain", "")))
    shown = "\n".join(texts)
    assert "4 of 4 files loaded" in shown
    assert "Donna Marriott" in shown and "Kendra Bell" in shown  # Hampshire's lead inspectors
    assert "Not all children who go missing" in shown  # the 2019 evidence quote
    assert any(
        "image/png" in o.get("data", {}) for c in notebook.cells for o in c.get("outputs", [])
    )
