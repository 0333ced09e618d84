"""The Python API researchers use in notebooks: library queries as pandas DataFrames.

>>> import kg
>>> store = kg.open_store("memory")
>>> frame = kg.query("improvement-summary", store=store, as_of="2024-03-31")
>>> frame.columns.tolist()[:3]
['authorities_with_repeat_inspections', 'improved', 'retained_good_or_outstanding']
>>> kg.query("improvement-summary", store=store, source="rumour")
Traceback (most recent call last):
...
kg.library.ParameterError: source: 'rumour' is not one of statistics, reports

Parameters are checked against the query's header and bound as typed RDF terms, exactly
as ``ikg query NAME --param key=value`` does; values are converted to plain Python
(numbers stay numbers, dates become ``datetime.date``), so the frame is ready to plot.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.store import Store, open_store

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["open_store", "queries", "query"]


def _value(node: Any) -> Any:
    from rdflib import Literal

    if node is None:
        return None
    if isinstance(node, Literal):
        value = node.toPython()
        if isinstance(value, bool | int | float | str | date):
            return value
        return str(node)
    return str(node)


def query(name: str, /, store: Store | str | Path | None = None, **params: object) -> pd.DataFrame:
    """Run a library query (or a .rq file) and return its rows as a DataFrame.

    ``store`` is an open Store, or anything ``open_store`` takes (a directory, 'memory',
    an endpoint URL; default: ``IKG_STORE`` or ./ikg-store), opened and closed here.
    """
    import pandas as pd

    from kg.querying import run_query

    values = {key: str(value) for key, value in params.items()}
    if isinstance(store, Store):
        result = run_query(name, store, values)
    else:
        with open_store(store) as opened:
            result = run_query(name, opened, values)
    rows = [{v: _value(row.get(v)) for v in result.variables} for row in result.rows]
    return pd.DataFrame(rows, columns=list(result.variables))


def queries() -> pd.DataFrame:
    """The query library as a table: name, title, question, parameters and columns.

    ``kg.queries().set_index("name").loc["finding-search", "parameters"]`` tells what a
    query takes before running it.
    """
    import pandas as pd

    from kg.library import library

    rows = [
        {
            "name": q.name,
            "title": q.title,
            "question": q.question,
            "parameters": ", ".join(
                f"{p.name} ({p.describe_type()}, default {p.default!r}): {p.meaning}"
                for p in q.parameters
            ),
            "columns": ", ".join(c.name for c in q.columns),
        }
        for q in library()
    ]
    return pd.DataFrame(rows, columns=["name", "title", "question", "parameters", "columns"])
