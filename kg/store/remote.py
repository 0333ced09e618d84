"""A remote SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, Oxigraph server, ...).

For teams that outgrow the embedded store. SPARQLWrapper sends queries and updates; a
graph is replaced with one HTTP PUT of Turtle under the SPARQL 1.1 Graph Store HTTP
Protocol when ``gsp_url`` is given, otherwise with ONE update request
``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``, which the servers we target
execute as one transaction.

Servers differ in what the default graph of a query is, and this store cannot change it:
Virtuoso, GraphDB and Blazegraph (quads mode) query the union of all graphs; Fuseki only
does so with ``tdb2:unionDefaultGraph true``; Oxigraph server with ``--union-default-graph``.
Virtuoso also keeps system graphs (``virtrdf#`` and others) in the same quad store, so pass
``graph_prefix`` to restrict ``graphs()``, ``len()`` and whole-store exports to the
project's graphs. Virtuoso caps result rows (``ResultSetMaxRows`` in virtuoso.ini, 10000 by
default), which also caps ``get_graph``; raise it for large graphs.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import warnings
from typing import BinaryIO

from rdflib import Graph
from SPARQLWrapper import (
    ASK,
    BASIC,
    CONSTRUCT,
    DESCRIBE,
    DIGEST,
    JSON,
    POST,
    TURTLE,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.rdf.namespaces import bind_prefixes
from kg.store.base import QueryResult, Store, StoreError, export_via_rdflib
from kg.store.convert import check_iri, from_sparql_json, to_ntriples


def derive_update_url(query_url: str) -> str:
    """Guess the update endpoint from the query endpoint by the common conventions:
    ``.../query`` -> ``.../update`` (Fuseki, Oxigraph server), ``.../repositories/{id}`` ->
    ``.../statements`` (GraphDB, RDF4J); otherwise the same URL (Virtuoso, Blazegraph)."""
    parsed = urllib.parse.urlsplit(query_url)
    path = parsed.path.rstrip("/")
    if path.endswith("/query"):
        path = path[: -len("/query")] + "/update"
    elif path.rsplit("/", 2)[-2:-1] == ["repositories"]:
        path = path + "/statements"
    else:
        return query_url
    return urllib.parse.urlunsplit(parsed._replace(path=path))


class SparqlEndpointStore(Store):
    """A SPARQL 1.1 Query/Update endpoint, optionally with a Graph Store Protocol endpoint.

    ``auth`` is ``(user, password)``; ``auth_type`` is 'basic' or 'digest' (Virtuoso's
    ``/sparql-auth`` and ``/sparql-graph-crud-auth`` use digest).
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        auth: tuple[str, str] | None = None,
        *,
        auth_type: str = "basic",
        graph_prefix: str | None = None,
        timeout: float = 120.0,
    ) -> None:
        if auth_type not in ("basic", "digest"):
            raise StoreError(f"auth_type must be 'basic' or 'digest', not {auth_type!r}")
        self.query_url = query_url
        self.update_url = update_url or derive_update_url(query_url)
        self.gsp_url = gsp_url
        self.auth = auth
        self.auth_type = auth_type
        self.graph_prefix = graph_prefix
        self.timeout = timeout

    # -- plumbing -----------------------------------------------------------------------
    def _wrapper(self, text: str) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        wrapper.setTimeout(int(self.timeout))
        if self.auth is not None:
            wrapper.setHTTPAuth(DIGEST if self.auth_type == "digest" else BASIC)
            wrapper.setCredentials(*self.auth)
        # SPARQLWrapper sniffs the query form with a regex; on text it cannot classify it
        # warns and then fails with AttributeError. Report that as the syntax error it is.
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                wrapper.setQuery(text)
            except AttributeError:
                caught.append(warnings.WarningMessage("unrecognised form", Warning, "", 0))
        if caught:
            raise StoreError(f"SPARQL request failed: {caught[0].message} in {text[:80]!r}")
        return wrapper

    def _update(self, text: str) -> None:
        wrapper = self._wrapper(text)
        wrapper.setMethod(POST)
        try:
            wrapper.query().response.read()
        except (SPARQLWrapperException, urllib.error.URLError, OSError) as exc:
            raise StoreError(f"SPARQL update at {self.update_url} failed: {exc}") from exc

    def _graph_filter(self, var: str = "?g") -> str:
        if self.graph_prefix is None:
            return ""
        return f"FILTER(STRSTARTS(STR({var}), {json.dumps(self.graph_prefix)}))"

    def _put(self, graph_iri: str, body: bytes) -> None:
        """Graph Store Protocol PUT: the server replaces the graph with the payload."""
        assert self.gsp_url is not None
        separator = "&" if "?" in self.gsp_url else "?"
        url = self.gsp_url + separator + urllib.parse.urlencode({"graph": graph_iri})
        request = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": "text/turtle; charset=utf-8"}
        )
        handlers: list[urllib.request.BaseHandler] = []
        if self.auth is not None:
            passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, self.gsp_url, *self.auth)
            handler_type = (
                urllib.request.HTTPDigestAuthHandler
                if self.auth_type == "digest"
                else urllib.request.HTTPBasicAuthHandler
            )
            handlers.append(handler_type(passwords))
        opener = urllib.request.build_opener(*handlers)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                response.read()
        except (urllib.error.URLError, OSError) as exc:
            raise StoreError(f"Graph Store PUT to {self.gsp_url} failed: {exc}") from exc

    # -- Store interface ----------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples: Graph) -> None:
        """One request: a GSP PUT, or one DROP+INSERT DATA update. The payload is built and
        checked before anything is sent, so a failure while producing it changes nothing."""
        check_iri(graph_iri)
        body = to_ntriples(triples)
        if self.gsp_url is not None and body.strip():
            self._put(graph_iri, body.encode("utf-8"))
            return
        graph = f"<{graph_iri}>"
        # Virtuoso 7.2 refuses blank nodes in INSERT DATA; INSERT {...} WHERE {} is the
        # standard equivalent that it accepts ("_:" inside a literal only picks this form).
        template = (
            "INSERT {{ GRAPH {g} {{\n{b}}} }} WHERE {{}}"
            if "_:" in body
            else ("INSERT DATA {{ GRAPH {g} {{\n{b}}} }}")
        )
        insert = " ;\n" + template.format(g=graph, b=body) if body.strip() else ""
        self._update(f"DROP SILENT GRAPH {graph}{insert}")

    def drop_graph(self, graph_iri: str) -> None:
        """SPARQL ``DROP SILENT GRAPH`` (absent graphs are fine)."""
        self._update(f"DROP SILENT GRAPH <{check_iri(graph_iri)}>")

    def graphs(self) -> list[str]:
        """Graphs holding triples (restricted to ``graph_prefix`` if given), sorted."""
        result = self.query(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}"
        )
        return sorted(str(row["g"]) for row in result.rows)

    def query(self, sparql: str) -> QueryResult:
        """JSON results for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE; the default graph is
        whatever the server makes it (see the module docstring)."""
        wrapper = self._wrapper(sparql)
        wrapper.setMethod(POST)
        kind = wrapper.queryType
        graph_query = kind in (CONSTRUCT, DESCRIBE)
        wrapper.setReturnFormat(TURTLE if graph_query else JSON)
        try:
            data = wrapper.query().response.read()
        except (SPARQLWrapperException, urllib.error.URLError, OSError) as exc:
            raise StoreError(f"SPARQL query at {self.query_url} failed: {exc}") from exc
        if graph_query:
            graph = Graph()
            graph.parse(data=data, format="turtle")
            return QueryResult(graph=bind_prefixes(graph))
        answer = json.loads(data)
        if "boolean" in answer:
            return QueryResult(boolean=bool(answer["boolean"]))
        if kind == ASK:
            # Virtuoso 7.2 answers ASK in JSON as a SELECT of ?__ASK_RETVAL: one row "1"
            # when true, no rows when false.
            rows = answer.get("results", {}).get("bindings", [])
            values = [b.get("__ASK_RETVAL", {}).get("value") for b in rows]
            return QueryResult(boolean=bool(values) and values[0] not in ("0", "false"))
        names = list(answer["head"].get("vars", []))
        rows = [
            {name: from_sparql_json(b[name]) if name in b else None for name in names}
            for b in answer["results"]["bindings"]
        ]
        return QueryResult(variables=names, rows=rows)

    def get_graph(self, graph_iri: str) -> Graph:
        """CONSTRUCT the triples of one graph."""
        graph_iri = check_iri(graph_iri)
        result = self.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}"
        )
        return result.graph if result.graph is not None else Graph()

    def export(self, out: BinaryIO, format: str, graph_iri: str | None = None) -> None:
        """Read graph by graph into rdflib and serialise (no server-side dump is standard)."""
        export_via_rdflib(self, out, format, graph_iri)

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""

    def __len__(self) -> int:
        """Quads in named graphs (restricted to ``graph_prefix``); the server's default
        graph is not counted because on union-default servers it would count twice."""
        result = self.query(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}"
        )
        return int(result.rows[0]["n"].toPython()) if result.rows else 0  # type: ignore[union-attr]
