"""Official sources other than reports: rows of published tables -> plain dataclasses.

Like ``kg.extract`` this never imports rdflib; ``kg.rdf.statistics`` maps the result.
"""

from __future__ import annotations

from kg.sources.model import StatisticsDataset, StatisticsError, StatisticsRecord
from kg.sources.statistics import read_statistics

__all__ = ["StatisticsDataset", "StatisticsError", "StatisticsRecord", "read_statistics"]
