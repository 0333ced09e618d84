"""Reference data into the store: official statistics datasets and the authority register.

Like report files, an imported dataset is read, mapped, validated and only then loaded,
as one atomic replacement of its own named graph: a workbook that fails anywhere leaves
the store as it was. Extraction never reads these graphs; they meet report-derived facts
only in the store, on shared inspection and authority IRIs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.rdf.statistics import statistics_graph
from kg.reference import ensure_reference_graphs
from kg.sources import StatisticsError, read_statistics
from kg.store import Store
from kg.validate import ValidationReport, validate_graph


class ImportFailed(Exception):
    """An import refused as a whole; the message is one line naming the file."""


@dataclass
class ImportOutcome:
    graph_iri: str
    title: str
    triples: int
    records: int
    sheets: dict[str, int]
    verdict: ValidationReport


def import_statistics(path: str | Path, store: Store) -> ImportOutcome:
    """Read, map, validate and load one statistics workbook (.ods) or table (.csv)."""
    path = Path(path)
    if not path.is_file():
        raise ImportFailed(f"{path}: no such file")
    try:
        dataset = read_statistics(path)
        graph_iri, graph = statistics_graph(dataset)
    except StatisticsError as exc:
        raise ImportFailed(str(exc)) from None
    verdict = validate_graph(graph, "statistics")
    if not verdict.conforms:
        first = verdict.violations[0].line()
        raise ImportFailed(f"{path}: the imported graph does not conform to the shapes: {first}")
    ensure_reference_graphs(store)
    store.replace_graph(str(graph_iri), graph)
    return ImportOutcome(
        graph_iri=str(graph_iri),
        title=dataset.title,
        triples=len(graph),
        records=len(dataset.records),
        sheets=dict(dataset.sheets),
        verdict=verdict,
    )
