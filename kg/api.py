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
as ``ikg query NAME --param key=value`` does. Columns take the pandas type their header
declares (``# column: name (type): meaning``), so a frame sorts, filters and plots without
conversions: dates are ``datetime64`` (missing: NaT), integers ``Int64``, decimals
``Float64``, booleans ``boolean`` (all nullable), and grades an ordered categorical from
worst to best (:data:`GRADE_ORDER`; missing or empty: NaN). Columns without a declared
type, and every column of a query given as SPARQL text or a file without a header, hold
plain Python values (numbers as numbers, ``datetime.date``, strings).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.store import Store, open_store

if TYPE_CHECKING:
    import pandas as pd

    from kg.library import LibraryQuery
    from kg.store.base import QueryResult

__all__ = ["GRADE_ORDER", "open_store", "queries", "query"]

GRADE_ORDER = ("inadequate", "requires-improvement", "adequate", "good", "outstanding")
"""Grade concept ids worst to best. 'adequate' (pre-2013 frameworks) and 'requires
improvement' (SIF and ILACS) are both Ofsted's third grade (ikg:gradeRank 3); the order
between them is a convention of this API, not Ofsted's, so compare them with care."""


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
    """Run a library query, a .rq file or SPARQL text and return its rows as a DataFrame.

    SPARQL text is read only (updates are refused as on the command line); with a header
    block like the library's (``# param: ...``, ``# column: name (type): ...``) it takes
    parameters and typed columns too.

    ``store`` is an open Store, or anything ``open_store`` takes (a directory, 'memory',
    an endpoint URL; default: ``IKG_STORE`` or ./ikg-store), opened and closed here.
    """
    import pandas as pd

    from kg.library import looks_like_sparql, read_query, sparql_text

    chosen = sparql_text(name) if looks_like_sparql(name) else read_query(name)
    values = {key: str(value) for key, value in params.items()}
    if isinstance(store, Store):
        result = _run(chosen, store, values)
    else:
        with open_store(store) as opened:
            result = _run(chosen, opened, values)
    rows = [{v: _value(row.get(v)) for v in result.variables} for row in result.rows]
    frame = pd.DataFrame(rows, columns=list(result.variables))
    return typed_frame(frame, {c.name: c.type for c in chosen.columns if c.type})


def _run(chosen: LibraryQuery, store: Store, values: dict[str, str]) -> QueryResult:
    import warnings

    from kg.querying import run_query
    from kg.reference import stale_warning

    result = run_query(chosen, store, values)
    warning = stale_warning(store)  # said of an answer only, after the query ran
    if warning:
        warnings.warn(warning, StaleReferenceWarning, stacklevel=3)
    return result


class StaleReferenceWarning(UserWarning):
    """The store's vocabulary or register graph is not this version's (``ikg refresh``)."""


def typed_frame(frame: pd.DataFrame, types: dict[str, str]) -> pd.DataFrame:
    """``frame`` with each column converted to the pandas type its declared type means.

    A value that does not fit its type raises ValueError naming the column: a query whose
    header promises dates and returns something else is a defect to see, not a NaT.
    """
    import pandas as pd

    for column, kind in types.items():
        if column not in frame.columns:
            continue
        values = frame[column]
        try:
            if kind == "date":
                frame[column] = pd.to_datetime(values, errors="raise", format="ISO8601")
            elif kind == "integer":
                frame[column] = values.astype("Int64")
            elif kind == "decimal":
                frame[column] = values.astype("Float64")
            elif kind == "boolean":
                frame[column] = values.astype("boolean")
            elif kind == "grade":
                given = {v for v in values if isinstance(v, str) and v}
                unknown = sorted(given - set(GRADE_ORDER))
                if unknown:
                    raise ValueError(f"not grade ids: {', '.join(unknown)}")
                cleaned = values.where(values.astype(bool) & values.notna(), None)
                frame[column] = pd.Categorical(cleaned, categories=GRADE_ORDER, ordered=True)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"column {column} ({kind}): {exc}") from None
    return frame


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
