"""ikg plot and ikg profile on a store built from the bundled samples (and the official
statistics when the shared workbook is present)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, WORKBOOK

from kg.cli import main

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("research") / "ikg-store"
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(SAMPLES), "--store", str(path), "-j", "1"])
    assert result.exit_code == 0, result.output
    if WORKBOOK.is_file():
        imported = runner.invoke(main, ["import-statistics", str(WORKBOOK), "--store", str(path)])
        assert imported.exit_code == 0, imported.output
    return path


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("trajectories", ["--authority", "Hampshire"]),
        ("weakness-themes", []),
        ("distribution", ["--source", "reports"]),
    ],
)
def test_plots_are_written(store: Path, tmp_path: Path, kind: str, extra: list[str]) -> None:
    for suffix in (".png", ".svg"):
        out = tmp_path / f"{kind}{suffix}"
        result = CliRunner().invoke(
            main, ["plot", kind, "--store", str(store), "--out", str(out), *extra]
        )
        assert result.exit_code == 0, result.output
        data = out.read_bytes()
        if suffix == ".png":
            assert data.startswith(PNG) and len(data) > 10_000
        else:
            text = data.decode()
            assert "<svg" in text
            assert len(re.findall(r"<path", text)) > 10


def test_plot_errors_are_one_line(store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(
        main,
        ["plot", "trajectories", "--authority", "Atlantis", "--store", str(store),
         "--out", str(tmp_path / "x.png")],
    )  # fmt: skip
    assert bad.exit_code == 2 and bad.output.startswith("ikg: error:")
    assert "no authority 'Atlantis'" in bad.output and bad.output.count("\n") == 1
    wrong = runner.invoke(
        main, ["plot", "distribution", "--store", str(store), "--out", str(tmp_path / "x.jpg")]
    )
    assert wrong.exit_code == 2 and ".png or an .svg" in wrong.output


def test_profile_page_is_self_contained(store: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["profile", "Hampshire", "--store", str(store), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "hampshire.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert not re.search(r"<(?:script|link|img)\b", page)  # nothing fetched from elsewhere
    assert "Hampshire" in page and "E10000014" in page
    # the 2019 recommendation on return home interviews, with its paragraph 10 evidence
    assert "return home interview" in page and "paragraph 10," in page
    # a link to the report on Ofsted's site, never to a file on the machine that built it
    assert '<a href="https://files.ofsted.gov.uk/v1/file/50083968">the report on Ofsted' in page
    assert "file://" not in page
    assert "Wiltshire" in page  # its closest statistical neighbour
    # where each part comes from, the licence, and a page that reads on a phone
    assert "as the inspection reports print them" in page
    assert "latest grades from Ofsted's official statistics" in page
    assert "Open Government Licence v3.0" in page
    assert "name='viewport'" in page and "@media print" in page
    assert "never interpolated" in page


def test_a_name_two_authorities_share_is_refused_by_the_profile(
    store: Path, tmp_path: Path
) -> None:
    """'Dorset' once merged the old county and the new council into one identity line."""
    result = CliRunner().invoke(
        main, ["profile", "Dorset", "--store", str(store), "--out", str(tmp_path)]
    )
    assert result.exit_code == 2 and result.output.count("\n") == 1
    assert "more than one authority" in result.output


MEASURE = """<script>
window.addEventListener("load", () => {
  const wide = [...document.querySelectorAll("body *")].filter(
    (e) => e.getBoundingClientRect().right > window.innerWidth + 1
      || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible"));
  parent.postMessage("measured " + window.innerWidth + " " + wide.length + " "
    + wide.slice(0, 3).map((e) => e.tagName + "." + e.className).join(","), "*");
});
</script>"""
FRAME = """<html><head><title>not measured</title></head><body style="margin:0">
<iframe src="{page}" style="width:{width}px;height:900px;border:0"></iframe>
<script>window.addEventListener("message", (m) => {{ document.title = m.data; }});</script>
</body></html>"""


@pytest.mark.parametrize("width", [390, 1280])
def test_profile_fits_a_phone_and_a_desktop_in_chromium(
    store: Path, tmp_path: Path, width: int
) -> None:
    """Nothing on the page is wider than the window, and nothing scrolls sideways inside
    it: tables become cards at a phone's width (Debian's chromium, headless). Headless
    chromium's window is at least 500 px wide, so the page is measured in a frame."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (.ci/run installs it)")
    result = CliRunner().invoke(
        main, ["profile", "Hampshire", "--store", str(store), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    page = tmp_path / "hampshire.html"
    page.write_text(page.read_text().replace("</body>", MEASURE + "</body>"))
    frame = tmp_path / "frame.html"
    frame.write_text(FRAME.format(page=page.name, width=width))
    dom = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1400,900", "--virtual-time-budget=5000", "--dump-dom",
         frame.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    title = re.search(r"<title>measured (\d+) (\d+) ?([^<]*)</title>", dom)
    assert title, "the page's measuring script did not run"
    assert int(title.group(1)) == width
    assert title.group(2) == "0", f"wider than {width} px: {title.group(3)}"
