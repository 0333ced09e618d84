"""Shape fixtures: one convention and one reader for every kind of graph.

``tests/shapes/<kind>/`` holds, for each shape ``<ID>`` (S01... for report graphs, T01...
for statistics, R01... for the register): ``<ID>-valid.ttl`` (or one ``valid.ttl`` for the
whole kind), which must conform with no results at all, and ``<ID>-invalid-NN.ttl``,
whose ``# expect: focus=<iri> shape=ikgsh:<shape> component=sh:<component>`` header lines
list exactly the results it must give. Relative IRIs in expectations resolve against the
file's ``@base``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.validate import SHAPES

ROOT = Path(__file__).resolve().parents[1] / "shapes"
EXPECT = re.compile(r"^# expect: (.+)$", re.MULTILINE)
BASE = re.compile(r"^@base <([^>]+)>", re.MULTILINE)

Expectation = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Kind:
    """A kind of graph: its fixture folder, its shapes' id letter, its validate_graph kind."""

    name: str
    letter: str
    validate_as: str

    @property
    def folder(self) -> Path:
        return ROOT / self.name

    def valid(self) -> list[Path]:
        return sorted(self.folder.glob(f"{self.letter}[0-9][0-9]-valid.ttl")) + sorted(
            self.folder.glob("valid.ttl")
        )

    def invalid(self) -> list[Path]:
        return sorted(self.folder.glob(f"{self.letter}[0-9][0-9]-invalid-[0-9][0-9].ttl"))


KINDS = (Kind("report", "S", "report"), Kind("statistics", "T", "statistics"),
         Kind("register", "R", "register"))  # fmt: skip


def parse(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def _term(token: str, base: str | None, graph: Graph) -> URIRef:
    """An IRI written as ``<relative-or-absolute>`` or as a prefixed name."""
    if token.startswith("<") and token.endswith(">"):
        iri = token[1:-1]
        return URIRef(urljoin(base, iri) if base else iri)
    prefix, _, local = token.partition(":")
    namespaces = {"ikgsh": str(SHAPES), "sh": str(SH)}
    namespaces.update((p, str(ns)) for p, ns in graph.namespaces())
    if prefix not in namespaces:
        raise ValueError(f"unknown prefix in expectation: {token}")
    return URIRef(namespaces[prefix] + local)


def expectations(path: Path, graph: Graph) -> set[Expectation]:
    """The (focus node, shape, constraint component) results a fixture states it gives."""
    text = path.read_text(encoding="utf-8")
    base_match = BASE.search(text)
    base = base_match.group(1) if base_match else None
    expected = set()
    for line in EXPECT.findall(text):
        fields = dict(field.split("=", 1) for field in line.split())
        if set(fields) != {"focus", "shape", "component"}:
            raise ValueError(f"{path.name}: expectation needs focus, shape, component: {line}")
        expected.add(tuple(_term(fields[k], base, graph) for k in ("focus", "shape", "component")))
    return expected
