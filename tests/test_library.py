"""The query library's headers, safe parameter binding, the catalogue and the Python API."""

from __future__ import annotations

import doctest
import json
import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

import kg
import kg.api
from kg.api import StaleReferenceWarning
from kg.catalogue import catalogue_markdown
from kg.cli import main
from kg.library import (
    COLUMN_TYPES,
    HeaderError,
    Parameter,
    ParameterError,
    library,
    load,
    parse_header,
    term,
)
from kg.resources import queries_dir
from kg.store import open_store

DOCS = Path(__file__).resolve().parents[1] / "docs" / "queries.md"
CASES = Path(__file__).resolve().parent / "queries"


def test_every_library_query_has_a_full_header() -> None:
    for query in library():
        assert query.title and query.question, query.name
        assert query.columns, f"{query.name}: no '# column:' lines"
        # every declared parameter is used, and every placeholder is declared
        used = set(re.findall(r"\?_([a-z][a-z0-9_]*)\b", query.text))
        assert used == {p.name for p in query.parameters}, query.name


def test_docs_catalogue_is_current() -> None:
    """docs/queries.md is generated: `ikg queries --format md > docs/queries.md`."""
    assert DOCS.read_text(encoding="utf-8") == catalogue_markdown(library())


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("date", "2024-03-31", '"2024-03-31"^^<http://www.w3.org/2001/XMLSchema#date>'),
        ("integer", "42", "42"),
        ("integer", "-7", "-7"),
        ("decimal", "0.5", '"0.5"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
        ("iri", "https://w3id.org/x/y", "<https://w3id.org/x/y>"),
        ("string", 'say "hi"\n } DROP ALL', '"say \\"hi\\"\\n } DROP ALL"'),
    ],
)
def test_values_become_single_terms(kind: str, value: str, expected: str) -> None:
    assert term(Parameter("p", kind, None, ""), value) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("date", "2024-02-30"),
        ("date", '2024-01-01" } ; DROP ALL ; #'),
        ("integer", "1 } UNION { ?s ?p ?o"),
        ("iri", "https://x.org/> } DROP ALL <x"),
        ("iri", "not an iri"),
        ("decimal", "1e9999; drop"),
    ],
)
def test_malformed_values_are_refused(kind: str, value: str) -> None:
    with pytest.raises(ParameterError):
        term(Parameter("p", kind, None, ""), value)


def test_string_values_cannot_escape_their_literal() -> None:
    """Bound into a real query, a hostile string is matched as text and changes nothing."""
    text = """# title: t
# question: q
# param: name (string, default x): a name
# column: n: count
SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER (STR(?o) = ?_name) }"""
    query = parse_header("t", Path("t.rq"), text)
    hostile = '") || true || ("'
    g = Graph().parse(data='<urn:a> <urn:p> "x" .', format="turtle")
    with open_store("memory") as store:
        store.replace_graph("urn:g", g)
        assert int(store.query(query.bind({"name": "x"})).rows[0]["n"]) == 1
        assert int(store.query(query.bind({"name": hostile})).rows[0]["n"]) == 0


def test_unknown_and_missing_parameters() -> None:
    query = load("improvement-summary")
    with pytest.raises(ParameterError, match="unknown parameter"):
        query.bind({"as_at": "2024-03-31"})
    with pytest.raises(ParameterError, match="not one of"):
        query.bind({"source": "rumour"})


def test_malformed_header_is_refused() -> None:
    with pytest.raises(HeaderError):
        parse_header(
            "bad", Path("bad.rq"), "# title: x\n# param: as_of date: no brackets\nSELECT * {}"
        )
    with pytest.raises(HeaderError):
        parse_header("bad", Path("bad.rq"), "# param: as_of (date): when\nSELECT * {}")


def test_queries_command_lists_the_catalogue_as_json() -> None:
    result = CliRunner().invoke(main, ["queries", "--format", "json"])
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    names = {e["name"] for e in entries}
    assert {"improvement-summary", "reconcile", "judgements"} <= names
    summary = next(e for e in entries if e["name"] == "improvement-summary")
    assert [p["name"] for p in summary["parameters"]] == ["as_of", "source", "scope"]
    assert summary["title"]


def test_queries_name_describes_one_query() -> None:
    """'ikg queries NAME' was an error; it describes the query a user is about to run."""
    runner = CliRunner()
    shown = runner.invoke(main, ["queries", "neighbour-grades"])
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith("neighbour-grades: ")
    assert "authority (authority, default 'Hampshire')" in shown.output
    assert "latest_date (date)" in shown.output
    assert "run: ikg query neighbour-grades --store DIR --param authority=..." in shown.output
    as_json = json.loads(runner.invoke(main, ["queries", "judgements", "--format", "json"]).output)
    assert as_json["name"] == "judgements" and as_json["columns"]
    text = runner.invoke(main, ["queries", "judgements", "--sparql"]).output
    assert "SELECT" in text and text == (queries_dir() / "judgements.rq").read_text()
    unknown = runner.invoke(main, ["queries", "neighbor-grades"])
    assert unknown.exit_code == 2 and unknown.output.count("\n") == 1
    assert "did you mean neighbour-grades" in unknown.output


def test_query_command_refuses_bad_parameters() -> None:
    runner = CliRunner()
    bad = runner.invoke(
        main, ["query", "improvement-summary", "--store", "memory", "--param", "as_of=yesterday"]
    )
    assert bad.exit_code == 2 and "is not a date" in bad.output
    shapeless = runner.invoke(main, ["query", "judgements", "--store", "memory", "--param", "x"])
    assert shapeless.exit_code == 2 and "NAME=VALUE" in shapeless.output


def test_python_api_returns_a_dataframe() -> None:
    data = Graph().parse(CASES / "improvement-summary" / "data.ttl", format="turtle")
    with kg.open_store("memory") as store:
        store.replace_graph("https://w3id.org/inspection-kg/graph/test", data)
        # a store holding only the fixture has no vocabulary or register graph: said so
        with pytest.warns(StaleReferenceWarning, match="ikg refresh"):
            frame = kg.query("improvement-summary", store=store, as_of=date(2024, 3, 31))
    assert frame.to_dict("records") == [
        {
            "authorities_with_repeat_inspections": 3,
            "improved": 1,
            "retained_good_or_outstanding": 1,
            "declined": 1,
            "share_good_or_outstanding": 60,
        }
    ]


def test_api_doctests() -> None:
    result = doctest.testmod(kg.api, raise_on_error=False)
    assert result.attempted > 0 and result.failed == 0


def test_library_queries_keep_the_portable_rules() -> None:
    """Rules found by running the library on Virtuoso, Oxigraph and rdflib (README,
    'Writing portable queries'): each was the cause of a silently different answer."""
    from kg.store.form import strip_opaque

    for query in library():
        code = strip_opaque(query.text)
        assert "<=" not in code and ">=" not in code, f"{query.name}: write !(a > b)"
        assert not re.search(r"\bMIN\(\s*\?(name|label)\b", code), f"{query.name}: MIN of names"
        for column in query.columns:
            assert column.type is None or column.type in COLUMN_TYPES
