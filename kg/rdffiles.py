"""RDF files as people hand them to the tool: the format from the suffix, graphs kept.

One list of suffixes for every command that reads RDF (validate, reason), so a format
cannot be understood by one command and refused by another.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

TRIPLE_FORMATS = {
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
QUAD_FORMATS = {".nq": "nquads", ".trig": "trig"}
REPORT_SUFFIXES = {".pdf", ".txt", ".md", ".markdown"}


class RdfFileError(ValueError):
    """A file that cannot be read as RDF: one line naming the file and the problem."""


def read_graphs(path: Path) -> list[tuple[str, Graph]]:
    """The file's graphs as (name, graph): each named graph of a quad file, or the one
    graph of a triple file (named by the path)."""
    suffix = path.suffix.lower()
    if suffix not in TRIPLE_FORMATS and suffix not in QUAD_FORMATS:
        known = ", ".join(sorted({*TRIPLE_FORMATS, *QUAD_FORMATS}))
        raise RdfFileError(f"{path}: not an RDF file suffix (use one of {known})")
    try:
        if suffix in QUAD_FORMATS:
            dataset = Dataset()
            dataset.parse(path, format=QUAD_FORMATS[suffix])
            return [(f"{path} <{g.identifier}>", g) for g in dataset.graphs() if len(g)]
        graph = Graph()
        graph.parse(path, format=TRIPLE_FORMATS[suffix])
    except Exception as exc:  # rdflib's parsers raise many kinds for bad input
        text = str(exc).strip().splitlines()
        raise RdfFileError(
            f"{path}: not valid {suffix[1:]}: {text[0] if text else exc!r}"
        ) from None
    return [(str(path), graph)]
