"""A remote SPARQL 1.1 server (Oxigraph server, Virtuoso, Fuseki, GraphDB, ...).

For teams that share one graph. Queries go as what parsing says they are
(kg.store.form): SPARQLWrapper is told the form, method and return format explicitly, so
words in a comment can never turn a SELECT into an update (SPARQLWrapper's own guess is
a regular expression over the whole text). Updates are only ever sent by the methods
that write (``replace_graph``, ``drop_graph``), never by ``query``.

A graph is replaced so that a failure leaves the server's previous graph intact: the
triples go to a staging graph first (one Graph Store Protocol PUT, or SPARQL Update
batches of ``batch_size`` triples), and one final update moves the staging graph onto
the report's graph. Every request has a timeout and is retried with backoff when the
server is unreachable, overloaded (429, 503) or fails (5xx); all requests are idempotent,
so a retry cannot duplicate anything.

Servers differ in what the default graph of a query is, and this store cannot change it:
Virtuoso and GraphDB query the union of all graphs; Fuseki only does so with
``tdb2:unionDefaultGraph true``; Oxigraph server with ``--union-default-graph``. A query
that finds nothing is checked against that (see :meth:`SparqlEndpointStore.query`).
Virtuoso keeps system graphs in the same quad store, so ``graph_prefix`` restricts
``graphs()``, ``len()`` and whole-store exports to the project's graphs.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Callable
from typing import BinaryIO, TypeVar

from rdflib import Graph
from SPARQLWrapper import (
    ASK,
    BASIC,
    CONSTRUCT,
    DIGEST,
    INSERT,
    JSON,
    POST,
    SELECT,
    TURTLE,
    SPARQLWrapper,
)
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
)

from kg.rdf.namespaces import bind_prefixes
from kg.store.base import QueryResult, Store, export_via_rdflib
from kg.store.convert import check_iri, from_sparql_json, to_ntriples
from kg.store.errors import QueryTimeout, StoreError, first_line
from kg.store.failures import (
    PERMISSION,
    SERVER_TIMEOUT,
    Transient,
    classify,
    refuse_partial,
    server_detail,
)
from kg.store.form import QueryForm, check_query

T = TypeVar("T")


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
    ``/sparql-auth`` and ``/sparql-graph-crud-auth`` use digest). ``timeout`` bounds
    each request; ``retries`` more attempts follow a failure worth retrying, after
    ``backoff``, 2 x ``backoff``, ... seconds.
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
        timeout: float = 60.0,
        retries: int = 3,
        backoff: float = 1.0,
        batch_size: int = 2000,
        allow_service: bool = False,
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
        self.retries = retries
        self.backoff = backoff
        self.batch_size = batch_size
        self.allow_service = allow_service
        self._default_graph_checked = False

    # -- plumbing -----------------------------------------------------------------------
    def _retrying(self, action: Callable[[], T]) -> T:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            try:
                return action()
            except Transient as exc:
                if attempt == self.retries:
                    raise exc.error from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    def _wrapper(self, text: str, kind: str, endpoint_is_update: bool) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        wrapper.setTimeout(max(1, round(self.timeout)))
        if self.auth is not None:
            wrapper.setHTTPAuth(DIGEST if self.auth_type == "digest" else BASIC)
            wrapper.setCredentials(*self.auth)
        with warnings.catch_warnings():
            # SPARQLWrapper warns when its regex cannot tell the form; the form is set below
            warnings.simplefilter("ignore")
            # its regex may find no form at all and fail; queryString is set before that
            with contextlib.suppress(AttributeError):
                wrapper.setQuery(text)
        wrapper.queryString = text
        wrapper.queryType = kind
        wrapper.setMethod(POST)
        assert wrapper.isSparqlUpdateRequest() == endpoint_is_update
        return wrapper

    def _send(self, wrapper: SPARQLWrapper, url: str, what: str) -> tuple[bytes, str]:
        def attempt() -> tuple[bytes, str]:
            try:
                response = wrapper.query().response
                body = response.read()
                refuse_partial(response.headers, url, what)
                return body, response.headers.get("Content-Type", "")
            except Unauthorized:
                raise StoreError(
                    f"{what} at {url} refused: HTTP 401 (check IKG_USER/IKG_PASSWORD)"
                ) from None
            except EndPointNotFound:
                raise StoreError(f"{what} at {url}: HTTP 404 (no SPARQL endpoint here)") from None
            except QueryBadFormed as exc:
                raise StoreError(
                    f"{what} at {url} refused the request: {server_detail(exc)}"
                ) from None
            except EndPointInternalError as exc:
                detail = server_detail(exc)
                if SERVER_TIMEOUT.search(detail):
                    # the server's own limit: asking again would only wait as long again
                    raise QueryTimeout(
                        f"{what} at {url}: the server stopped the query at its time limit "
                        f"({detail.split(chr(92) + 'n')[0].strip()[:100]})"
                    ) from None
                if PERMISSION.search(detail):
                    raise StoreError(
                        f"{what} at {url} refused: the server does not allow this for the "
                        f"user (check IKG_USER/IKG_PASSWORD and IKG_UPDATE_URL): {detail[:120]}"
                    ) from None
                raise Transient(
                    StoreError(f"{what} at {url} failed: server error: {detail}")
                ) from None
            except SPARQLWrapperException as exc:
                raise StoreError(f"{what} at {url} failed: {server_detail(exc)}") from None
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                classified = classify(exc, url, what, self.timeout)
                if isinstance(classified, Transient):
                    raise classified from None
                raise classified from None

        return self._retrying(attempt)

    def _update(self, text: str) -> None:
        wrapper = self._wrapper(text, INSERT, endpoint_is_update=True)
        self._send(wrapper, self.update_url, "SPARQL update")

    def _graph_filter(self, var: str = "?g") -> str:
        if self.graph_prefix is None:
            return ""
        return f"FILTER(STRSTARTS(STR({var}), {json.dumps(self.graph_prefix)}))"

    def _put(self, graph_iri: str, body: bytes) -> None:
        """Graph Store Protocol PUT: the server replaces the graph with the payload."""
        assert self.gsp_url is not None
        separator = "&" if "?" in self.gsp_url else "?"
        url = self.gsp_url + separator + urllib.parse.urlencode({"graph": graph_iri})
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

        def attempt() -> None:
            request = urllib.request.Request(
                url,
                data=body,
                method="PUT",
                headers={"Content-Type": "text/turtle; charset=utf-8"},  # N-Triples is Turtle
            )
            try:
                with opener.open(request, timeout=self.timeout) as response:
                    response.read()
            except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
                classified = classify(exc, self.gsp_url or url, "Graph Store PUT", self.timeout)
                raise classified from None

        self._retrying(attempt)

    # -- Store interface ----------------------------------------------------------------
    def replace_graph(self, graph_iri: str, triples: Graph) -> None:
        """Staged, then moved in one update (see the module docstring). The payload is
        built and checked before anything is sent."""
        self.replace_graph_ntriples(graph_iri, to_ntriples(triples))

    def replace_graph_ntriples(self, graph_iri: str, ntriples: str) -> None:
        check_iri(graph_iri)
        lines = [line for line in ntriples.splitlines() if line.strip()]
        if not lines:
            self.drop_graph(graph_iri)
            return
        staging = check_iri(graph_iri + "#ikg-staging")
        self._update(f"DROP SILENT GRAPH <{staging}>")
        if self.gsp_url is not None:
            self._put(staging, ("\n".join(lines) + "\n").encode("utf-8"))
        else:
            for first in range(0, len(lines), self.batch_size):
                body = "\n".join(lines[first : first + self.batch_size])
                # Virtuoso 7.2 refuses blank nodes in INSERT DATA; INSERT {...} WHERE {} is
                # the standard equivalent it accepts.
                template = (
                    "INSERT {{ GRAPH <{g}> {{\n{b}\n}} }} WHERE {{}}"
                    if "_:" in body
                    else "INSERT DATA {{ GRAPH <{g}> {{\n{b}\n}} }}"
                )
                self._update(template.format(g=staging, b=body))
        self._update(
            f"DROP SILENT GRAPH <{graph_iri}> ;\n"
            f"ADD SILENT GRAPH <{staging}> TO GRAPH <{graph_iri}> ;\n"
            f"DROP SILENT GRAPH <{staging}>"
        )

    def drop_graph(self, graph_iri: str) -> None:
        """SPARQL ``DROP SILENT GRAPH`` (absent graphs are fine)."""
        self._update(f"DROP SILENT GRAPH <{check_iri(graph_iri)}>")

    def graphs(self) -> list[str]:
        """Graphs holding triples (restricted to ``graph_prefix`` if given), sorted."""
        result = self._select(
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}"
        )
        return sorted(str(row["g"]) for row in result.rows if "#ikg-staging" not in str(row["g"]))

    def has_graph(self, graph_iri: str) -> bool:
        ask = f"ASK {{ GRAPH <{check_iri(graph_iri)}> {{ ?s ?p ?o }} }}"
        return bool(self.query(ask).boolean)

    def query(self, sparql: str) -> QueryResult:
        """JSON results for SELECT/ASK, Turtle for CONSTRUCT/DESCRIBE.

        A SELECT that finds no rows on a server whose default graph is empty while its
        named graphs hold data is an error, not an empty answer: such a server was not set
        up with a union default graph, and every library query would answer nothing.
        """
        form = check_query(sparql, allow_service=self.allow_service)
        result = self._run(sparql, form)
        if form is QueryForm.SELECT and not result.rows and not self._default_graph_checked:
            self._check_default_graph()
        return result

    def _select(self, sparql: str) -> QueryResult:
        return self._run(sparql, check_query(sparql, allow_service=False))

    def _run(self, sparql: str, form: QueryForm) -> QueryResult:
        kind = {QueryForm.SELECT: SELECT, QueryForm.ASK: ASK, QueryForm.GRAPH: CONSTRUCT}[form]
        wrapper = self._wrapper(sparql, kind, endpoint_is_update=False)
        wrapper.setReturnFormat(TURTLE if form is QueryForm.GRAPH else JSON)
        data, content_type = self._send(wrapper, self.query_url, "SPARQL query")
        if form is QueryForm.GRAPH:
            graph = Graph()
            rdf_format = (
                "nt"
                if "n-triples" in content_type
                else "xml"
                if "rdf+xml" in content_type
                else "json-ld"
                if "ld+json" in content_type
                else "turtle"
            )
            try:
                graph.parse(data=data.decode("utf-8"), format=rdf_format)
            except Exception as exc:  # rdflib raises several kinds for bad RDF
                raise StoreError(
                    f"{self.query_url} answered a graph query with unreadable RDF "
                    f"({content_type or 'no content type'}): {first_line(exc)}"
                ) from None
            return QueryResult(graph=bind_prefixes(graph))
        try:
            answer = json.loads(data)
        except ValueError:
            raise StoreError(
                f"{self.query_url} answered with {content_type or 'something'} instead of "
                "SPARQL JSON results"
            ) from None
        if "boolean" in answer:
            return QueryResult(boolean=bool(answer["boolean"]))
        if form is QueryForm.ASK:
            # Virtuoso 7.2 answers ASK in JSON as a SELECT of ?__ASK_RETVAL: one row "1"
            # when true, no rows when false.
            rows = answer.get("results", {}).get("bindings", [])
            values = [b.get("__ASK_RETVAL", {}).get("value") for b in rows]
            return QueryResult(boolean=bool(values) and values[0] not in ("0", "false"))
        if "results" not in answer or "head" not in answer:
            raise StoreError(f"{self.query_url} answered JSON that is not SPARQL results")
        names = list(answer["head"].get("vars", []))
        rows = [
            {name: from_sparql_json(b[name]) if name in b else None for name in names}
            for b in answer["results"]["bindings"]
        ]
        return QueryResult(variables=names, rows=rows)

    def _check_default_graph(self) -> None:
        self._default_graph_checked = True
        default = self._run("ASK { ?s ?p ?o }", QueryForm.ASK).boolean
        named = self._run(
            f"ASK {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}", QueryForm.ASK
        ).boolean
        if named and not default:
            raise StoreError(
                f"{self.query_url}: the query found nothing, and the server's default graph "
                "is empty while its named graphs hold data: the server must query the union "
                "of its graphs (oxigraph serve --union-default-graph; Fuseki "
                "tdb2:unionDefaultGraph true; see the README)"
            )

    def get_graph(self, graph_iri: str) -> Graph:
        """CONSTRUCT the triples of one graph."""
        graph_iri = check_iri(graph_iri)
        result = self._run(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}",
            QueryForm.GRAPH,
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
        result = self._select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._graph_filter()} }}"
        )
        value = result.rows[0]["n"] if result.rows else None
        return int(value.toPython()) if value is not None else 0  # type: ignore[attr-defined]
