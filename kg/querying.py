"""Running a query of the library (or any SPARQL) on a store: the one path every caller
takes (the command line, the Python API, plots, profiles, the web server).

Parameters are checked against the query's header, an authority's name is resolved to
its IRI in the store's own authorities (kg.resolver), and the answer is made canonical
for the columns the header declares (kg.results), so it prints and loads alike
whichever store answered.
"""

from __future__ import annotations

from kg.library import LibraryQuery, load, read_query
from kg.resolver import resolver_for
from kg.results import canonical_result
from kg.store import QueryResult, Store


def bound_text(query: LibraryQuery, store: Store, params: dict[str, str] | None = None) -> str:
    """The query's SPARQL with ``params`` bound, authorities resolved in ``store``."""
    values = params or {}
    named = [
        p.name
        for p in query.parameters
        if p.type == "authority" and (values.get(p.name, p.default) or "").strip()
    ]
    resolve = resolver_for(store).resolve if named else None
    return query.bind(values, resolve)


def run_query(
    query: LibraryQuery | str, store: Store, params: dict[str, str] | None = None
) -> QueryResult:
    """Bind, run and canonicalise; ``query`` is a LibraryQuery, a name, a .rq path or '-'."""
    chosen = query if isinstance(query, LibraryQuery) else read_query(query)
    result = store.query(bound_text(chosen, store, params))
    return canonical_result(result, chosen.columns)


__all__ = ["bound_text", "load", "run_query"]
