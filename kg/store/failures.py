"""What a SPARQL server's failure or odd answer means, as one line a user can act on.

Each failure of a request becomes a StoreError (or QueryTimeout) naming the endpoint and
what to check, and is marked Transient where asking again may help (a 503, a dropped
connection), so the store retries only those. An answer that is not one (Virtuoso's rows
cut at its time limit) is refused here too.
"""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
from typing import Any

from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.store.errors import QueryTimeout, StoreError, first_line

SERVER_TIMEOUT = re.compile(r"\bS1T00\b|SR171|Transaction timed out|query timed? ?out", re.I)
"""A server's own query time limit (Virtuoso S1T00/SR171; others say 'timeout')."""
PERMISSION = re.compile(r"permission|SECURITY|not allowed|forbidden|access denied", re.I)
RETRY_STATUS = {429, 500, 502, 503, 504}


class Transient(Exception):
    """A failure worth retrying (wraps the StoreError to raise if retries run out)."""

    def __init__(self, error: StoreError) -> None:
        super().__init__(str(error))
        self.error = error


def classify(exc: BaseException, url: str, what: str, timeout: float) -> StoreError | Transient:
    """One line for a failed request, and whether trying again may help."""
    if isinstance(exc, urllib.error.HTTPError):
        detail = http_body(exc)
        if exc.code in (401, 403):
            return StoreError(
                f"{what} at {url} refused: HTTP {exc.code} (check IKG_USER/IKG_PASSWORD)"
            )
        if exc.code == 404:
            return StoreError(f"{what} at {url}: HTTP 404 (no SPARQL endpoint at this URL)")
        error = StoreError(f"{what} at {url} failed: HTTP {exc.code}{detail}")
        return Transient(error) if exc.code in RETRY_STATUS else error
    if isinstance(exc, TimeoutError | socket.timeout) or "timed out" in str(exc):
        return QueryTimeout(
            f"{what} at {url}: no answer within {timeout:g} s "
            "(--timeout or IKG_TIMEOUT sets the limit)"
        )
    if isinstance(exc, urllib.error.URLError | ConnectionError | http.client.HTTPException):
        reason = getattr(exc, "reason", exc)
        return Transient(StoreError(f"{what} at {url} failed: server unreachable ({reason})"))
    return StoreError(f"{what} at {url} failed: {first_line(exc)}")


def refuse_partial(headers: Any, url: str, what: str) -> None:
    """Virtuoso's 'anytime' queries: at its time limit (MaxQueryExecutionTime) it stops a
    query and answers HTTP 200 with the rows found so far, saying so only in a header.
    Those rows look like an answer and are not one."""
    state = headers.get("X-SQL-State") or ""
    if state.strip().upper() == "S1TAT":
        raise StoreError(
            f"{what} at {url}: the server returned incomplete results (it stopped the query "
            "at its time limit, Virtuoso's MaxQueryExecutionTime, and sent the rows found so "
            "far); raise that limit on the server or narrow the query"
        )


def http_body(exc: urllib.error.HTTPError) -> str:
    try:
        text = exc.read(300).decode("utf-8", "replace").strip()
    except Exception:
        return ""
    return f": {text.splitlines()[0][:200]}" if text else ""


def server_detail(exc: SPARQLWrapperException) -> str:
    """The server's own message from a SPARQLWrapper exception, on one line."""
    text = " ".join(str(exc).split())
    marker = "Response:"
    if marker in text:
        text = text.split(marker, 1)[1].strip()
    text = text.removeprefix("b'").removeprefix('b"')
    return text[:300] or type(exc).__name__
