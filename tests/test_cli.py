"""Every ikg command through click's CliRunner, on the bundled samples."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from conftest import HAMPSHIRE_PDF, HAMPSHIRE_TXT, SAMPLES
from rdflib import Graph, URIRef

from kg.cli import main
from kg.store import open_store

CONTRACT_KEYS = {
    "source",
    "document_type",
    "framework",
    "authority",
    "inspection",
    "judgements",
    "recommendations",
    "sections",
    "paragraphs",
}


@pytest.fixture(scope="module")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("store") / "ikg-store"
    result = CliRunner().invoke(main, ["build", str(SAMPLES), "--store", str(store), "-j", "1"])
    assert result.exit_code == 0, result.output
    return store


def test_extract_prints_the_json_contract() -> None:
    result = CliRunner().invoke(main, ["extract", str(HAMPSHIRE_PDF), str(HAMPSHIRE_TXT)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 2
    for obj in lines:
        assert set(obj) >= CONTRACT_KEYS
        assert set(obj["source"]) >= {"path", "sha256", "media_type"}
        assert obj["authority"]["gss_code"] == "E10000014"
        assert obj["inspection"]["start_date"] == "2019-04-29"
        assert obj["inspection"]["lead_inspectors"] == ["Donna Marriott"]
        assert {"area_label", "area", "grade_label", "grade"} <= set(obj["judgements"][0])
        assert {"n", "text", "national_framework"} <= set(obj["recommendations"][0])
        assert {"title", "area", "first_paragraph", "last_paragraph"} <= set(obj["sections"][0])
        assert {"n", "section", "text", "start", "end"} <= set(obj["paragraphs"][0])
    assert lines[0]["source"]["media_type"] == "application/pdf"
    assert lines[1]["source"]["media_type"] == "text/plain"


def test_extract_reports_bad_files_and_exits_non_zero(tmp_path: Path) -> None:
    html = tmp_path / "2012-08-10.pdf"
    html.write_text("<!DOCTYPE html><html><body>Error</body></html>")
    result = CliRunner().invoke(main, ["extract", str(html), str(HAMPSHIRE_PDF)])
    assert result.exit_code == 1
    first = json.loads(result.stdout.splitlines()[0])
    assert first == {"source": {"path": str(html)}, "error": "not a PDF file (an HTML page)"}
    assert json.loads(result.stdout.splitlines()[1])["framework"] == "ILACS"


def test_build_loads_one_graph_per_report_and_skips_known_ones(built_store: Path) -> None:
    with open_store(built_store) as store:
        graphs = store.graphs()
    reports = [g for g in graphs if "/graph/report/" in g]
    assert len(reports) == 4
    assert any(g.endswith("/graph/register") for g in graphs)
    assert any(g.endswith("/graph/vocabulary") for g in graphs)
    assert any(g.endswith("/graph/report/E10000014/2019-04-29") for g in graphs)
    again = CliRunner().invoke(main, ["build", str(SAMPLES), "--store", str(built_store)])
    assert again.exit_code == 0
    assert "4 skipped" in again.output


def test_build_leaves_nothing_in_the_store_for_a_bad_file(tmp_path: Path) -> None:
    bad = tmp_path / "in" / "broken.pdf"
    bad.parent.mkdir()
    bad.write_bytes(b"%PDF-1.4 truncated")
    empty = tmp_path / "in" / "empty.txt"
    empty.write_bytes(b"")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["build", str(bad.parent), "--store", str(store), "-j", "1"])
    assert result.exit_code == 1
    assert "broken.pdf: damaged PDF" in result.output
    assert "empty.txt: empty file" in result.output
    with open_store(store) as opened:
        assert len(opened) == 0


def test_build_writes_a_coverage_csv(tmp_path: Path) -> None:
    coverage = tmp_path / "coverage.csv"
    result = CliRunner().invoke(
        main, ["build", str(HAMPSHIRE_PDF), "--store", "memory", "--coverage", str(coverage)]
    )
    assert result.exit_code == 0, result.output
    header, row = coverage.read_text().splitlines()[:2]
    assert header.startswith("path,status,framework,document_type,authority")
    assert ",loaded,ILACS,inspection,Hampshire,E10000014,2019-04-29,4,2,3,44," in row


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml", "md"])
def test_query_by_name_file_and_stdin(built_store: Path, fmt: str) -> None:
    runner = CliRunner()
    by_name = runner.invoke(
        main, ["query", "judgements", "--store", str(built_store), "--format", fmt]
    )
    assert by_name.exit_code == 0, by_name.output
    assert "Wakefield" in by_name.output and "Inadequate" in by_name.output
    sparql = (
        "SELECT (COUNT(DISTINCT ?p) AS ?n) "
        "WHERE { ?p a <https://w3id.org/inspection-kg/ontology#Paragraph> }"
    )
    piped = runner.invoke(
        main, ["query", "-", "--store", str(built_store), "--format", "json"], input=sparql
    )
    # the W3C SPARQL 1.1 JSON results format
    assert json.loads(piped.output) == {
        "head": {"vars": ["n"]},
        "results": {
            "bindings": [
                {
                    "n": {
                        "type": "literal",
                        "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                        "value": str(44 + 50 + 38 + 66),
                    }
                }
            ]
        },
    }
    tsv = runner.invoke(
        main, ["query", "-", "--store", str(built_store), "--format", "tsv"], input=sparql
    )
    assert tsv.output.splitlines() == [
        "?n",
        f'"{44 + 50 + 38 + 66}"^^<http://www.w3.org/2001/XMLSchema#integer>',
    ]


def test_a_graph_answer_is_written_as_rdf_and_never_as_a_table(built_store: Path) -> None:
    runner = CliRunner()
    construct = "CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 3"
    turtle = runner.invoke(main, ["query", "-", "--store", str(built_store)], input=construct)
    assert turtle.exit_code == 0 and "@prefix" in turtle.output
    csv = runner.invoke(
        main, ["query", "-", "--store", str(built_store), "--format", "csv"], input=construct
    )
    assert csv.exit_code == 2 and "answers with triples" in csv.output


def test_query_errors_are_one_line(built_store: Path) -> None:
    runner = CliRunner()
    unknown = runner.invoke(main, ["query", "no-such-query", "--store", str(built_store)])
    assert unknown.exit_code == 2 and "no such library query" in unknown.output
    malformed = runner.invoke(main, ["query", "-", "--store", str(built_store)], input="SELEKT ?x")
    assert malformed.exit_code == 2 and malformed.output.startswith("ikg: error:")


@pytest.mark.parametrize("fmt", ["ttl", "nq", "trig", "jsonld", "nt"])
def test_export_formats_parse_back(built_store: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export.{fmt}"
    result = CliRunner().invoke(
        main, ["export", "--store", str(built_store), "--format", fmt, "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    # read back with pyoxigraph: rdflib's quad and JSON-LD parsers use its deprecated API
    quads = list(pyoxigraph.parse(path=str(out), format=FORMATS[fmt]))
    assert len(quads) > 1000
    if fmt in ("nq", "trig"):
        assert len({q.graph_name for q in quads}) == 4 + 2  # reports, register, vocabulary


FORMATS = {
    "nq": pyoxigraph.RdfFormat.N_QUADS,
    "trig": pyoxigraph.RdfFormat.TRIG,
    "ttl": pyoxigraph.RdfFormat.TURTLE,
    "nt": pyoxigraph.RdfFormat.N_TRIPLES,
    "jsonld": pyoxigraph.RdfFormat.JSON_LD,
}


def test_validate_files_and_store(built_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    good = tmp_path / "one.nt"
    runner.invoke(
        main,
        [
            "export",
            "--store",
            str(built_store),
            "--format",
            "nt",
            "--out",
            str(good),
            "--graph",
            "https://w3id.org/inspection-kg/graph/report/E10000014/2019-04-29",
        ],
    )
    ok = runner.invoke(main, ["validate", str(good)])
    assert ok.exit_code == 0, ok.output
    graph = Graph().parse(good, format="nt")
    graph.remove((None, URIRef("https://w3id.org/inspection-kg/ontology#grade"), None))
    bad = tmp_path / "bad.ttl"
    graph.serialize(bad, format="turtle")
    broken = runner.invoke(main, ["validate", str(bad)])
    assert broken.exit_code == 1
    assert "S04-JudgementShape" in broken.output
    whole = runner.invoke(main, ["validate", "--store", str(built_store)])
    assert whole.exit_code == 0 and "5 of 5 graphs conform" in whole.output  # + register
    garbage = tmp_path / "garbage.ttl"
    garbage.write_text("this is not turtle")
    assert runner.invoke(main, ["validate", str(garbage)]).exit_code == 2


def test_reason_over_a_report() -> None:
    result = CliRunner().invoke(main, ["reason", str(HAMPSHIRE_PDF)])
    assert result.exit_code == 0, result.output
    assert "consistent: yes" in result.output
    assert "unsatisfiable classes: 0" in result.output
