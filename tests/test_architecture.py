"""The layers import only downwards, so each can change without the others noticing.

Reading (kg.read), extraction (kg.extract, kg.evidence) and the statistics readers
(kg.sources) produce dataclasses and know nothing of RDF; mapping (kg.rdf) turns those
into triples and knows nothing of stores or of how the facts were found; stores
(kg.store) keep and query graphs and know of RDF only its terms and namespaces; the CLI
(kg.cli) sits on top and nothing imports it. This test reads every module's imports (all
of them, lazy ones inside functions too) and fails when one crosses a seam, and when
module-level imports form a circle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# What each layer may import of the project (prefixes of module names).
ALLOWED: dict[str, tuple[str, ...]] = {
    "kg.read": ("kg.read", "kg.resources"),
    "kg.evidence": ("kg.evidence", "kg.model", "kg.concepts", "kg.resources", "kg.authorities"),
    "kg.extract": (
        "kg.extract",
        "kg.read",
        "kg.evidence",
        "kg.model",
        "kg.concepts",
        "kg.authorities",
        "kg.manifest",
        "kg.resources",
    ),
    "kg.sources": ("kg.sources", "kg.model", "kg.authorities", "kg.concepts", "kg.resources"),
    "kg.rdf": (
        "kg.rdf",
        "kg.model",
        "kg.concepts",
        "kg.authorities",
        "kg.sources",
        "kg.resources",
        "kg.settings",
        "kg.__version__",
    ),
    "kg.store": (
        "kg.store",
        "kg.rdf.namespaces",
        "kg.rdf.ntriples",
        "kg.rdf.triples",
        "kg.settings",
    ),
}
# Third-party libraries a layer must not load when it is imported.
RDF_STACK = ("rdflib", "pyoxigraph", "SPARQLWrapper", "pyshacl", "owlready2", "click")
WITHOUT_RDF_STACK = ["kg", "kg.read", "kg.extract", "kg.evidence.polarity", "kg.sources"]


def module_name(path: Path) -> str:
    parts = path.relative_to(KG.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(KG.rglob("*.py"))}


def _resolve(name: str, node: ast.ImportFrom) -> list[str]:
    """``from a.b import c`` imports module a.b.c if there is one, else a.b."""
    return [f"{name}.{a.name}" if f"{name}.{a.name}" in MODULES else name for a in node.names]


PACKAGES = {module_name(p) for p in KG.rglob("__init__.py")}


def imports(module: str, top_level_only: bool = False) -> set[str]:
    """The project modules ``module`` imports (``from kg import __version__`` counts as
    'kg.__version__', so a layer can be allowed the version without the package)."""
    tree = ast.parse(MODULES[module].read_text())
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kg"}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{module}: the project imports absolutely"
            name = node.module or ""
            if name.split(".")[0] != "kg":
                continue
            for target in _resolve(name, node):
                if target == "kg" and any(a.name == "__version__" for a in node.names):
                    target = "kg.__version__"
                found.add(target)
    return found - {module}


def _layer(module: str) -> str | None:
    return next(
        (layer for layer in ALLOWED if module == layer or module.startswith(layer + ".")), None
    )


def _allowed(target: str, allowed: tuple[str, ...]) -> bool:
    return any(target == a or target.startswith(a + ".") for a in allowed)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _layer(m)))
def test_layer_imports_only_below_itself(module: str) -> None:
    allowed = ALLOWED[_layer(module) or ""]
    crossing = sorted(t for t in imports(module) if not _allowed(t, allowed))
    assert not crossing, f"{module} imports across its seam: {', '.join(crossing)}"


def test_nothing_imports_the_cli() -> None:
    users = sorted(
        m
        for m in MODULES
        if not m.startswith("kg.cli") and any(t.startswith("kg.cli") for t in imports(m))
    )
    assert not users, f"the CLI is imported by {', '.join(users)}"


def test_no_import_circles() -> None:
    """Module-level imports only: a lazy import inside a function cannot deadlock a load."""
    graph = {m: {t for t in imports(m, top_level_only=True) if t in MODULES} for m in MODULES}
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # a package's __init__ importing its own submodules is how packages re-export
    real = [c for c in circles if not any(c[0] == p or c[-2] == p for p in PACKAGES)]
    assert not real, "import circles: " + "; ".join(" -> ".join(c) for c in real)


@pytest.mark.parametrize("module", WITHOUT_RDF_STACK)
def test_importing_does_not_load_the_rdf_stack(module: str) -> None:
    code = f"import sys, {module}; print(' '.join(m for m in {RDF_STACK!r} if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"import {module} loads {out}"


def test_the_import_reader_sees_imports() -> None:
    """The rules are only as good as the reading of imports: known ones must be found,
    lazy ones too, and a crossing must count as one."""
    assert "kg.rdf.ntriples" in imports("kg.store.convert")
    assert "kg.rdf.ntriples" in imports("kg.store.convert", top_level_only=True)
    assert "kg.read" in imports("kg.pipeline")
    assert "kg.__version__" in imports("kg.rdf.report")
    assert not _allowed("kg.store", ALLOWED["kg.extract"])
    assert not _allowed("kg.rdf.report", ALLOWED["kg.store"])
    assert not _allowed("kg.extract", ALLOWED["kg.rdf"])
