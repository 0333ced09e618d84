"""Every shape of every kind of graph has fixtures that pass and fixtures that fail in a
stated way (tests/support/shapefixtures.py says how they are written), on both engines:
pySHACL over an in-memory Oxigraph store (the default) and over rdflib's own store (the
reference). A shape that stops firing, or starts firing where it should not, breaks a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import RDF, SH
from support.shapefixtures import KINDS, Kind, expectations, parse

from kg.validate import SHAPES, load_shapes, validate_graph

ENGINES = ("oxigraph", "rdflib")
VALID = [(kind, path) for kind in KINDS for path in kind.valid()]
INVALID = [(kind, path) for kind in KINDS for path in kind.invalid()]


def _id(value: object) -> str:
    return value.name if isinstance(value, Kind | Path) else str(value)


@pytest.mark.parametrize("kind", KINDS, ids=_id)
def test_fixtures_are_found(kind: Kind) -> None:
    assert kind.valid(), f"no valid fixtures under {kind.folder}"
    assert kind.invalid(), f"no invalid fixtures under {kind.folder}"


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("kind", "path"), VALID, ids=_id)
def test_valid_fixture_conforms(kind: Kind, path: Path, engine: str) -> None:
    report = validate_graph(parse(path), kind.validate_as, engine=engine)
    assert report.conforms, report.text
    assert report.results == [], report.text


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("kind", "path"), INVALID, ids=_id)
def test_invalid_fixture_fails_as_stated(kind: Kind, path: Path, engine: str) -> None:
    graph = parse(path)
    expected = expectations(path, graph)
    assert expected, f"{path.name} has no '# expect:' lines"
    report = validate_graph(graph, kind.validate_as, engine=engine)
    assert not report.conforms
    actual = {(r.focus_node, r.shape, r.constraint_component) for r in report.results}
    assert actual == expected, report.text
    assert all(r.message and r.message != "(no message)" for r in report.results), report.text


@pytest.mark.parametrize("kind", KINDS, ids=_id)
def test_every_shape_has_valid_and_invalid_fixtures(kind: Kind) -> None:
    shapes = load_shapes(kind.validate_as)
    ids = {
        str(s).removeprefix(str(SHAPES)).split("-")[0]
        for s in shapes.subjects(RDF.type, SH.NodeShape)
    }
    assert ids and all(i.startswith(kind.letter) for i in ids)
    invalid = {p.name.split("-")[0] for p in kind.invalid()}
    valid = {p.name.split("-")[0] for p in kind.valid()}
    assert ids - invalid == set(), "shapes without an invalid fixture"
    if "valid.ttl" not in valid:  # one valid graph for the whole kind stands for every shape
        assert ids - valid == set(), "shapes without a valid fixture"
    assert (valid | invalid) - ids - {"valid.ttl"} == set(), "fixtures for shapes that do not exist"
    messages = list(shapes.objects(None, SH.message))
    assert messages and all(getattr(m, "language", None) == "en" for m in messages)
