"""The Store contract against a real SPARQL 1.1 server: Virtuoso Open Source 7.

A session fixture starts ``virtuoso-t`` on free localhost ports with a throw-away database
in a temporary directory, and stops it afterwards. Without ``virtuoso-t`` on PATH the tests
skip (install: ``apt-get install -y virtuoso-opensource`` on Debian/Ubuntu).

Every contract test of tests/test_store.py runs twice here: replacing graphs with the Graph
Store Protocol (PUT to /sparql-graph-crud-auth) and with one SPARQL Update request
(/sparql-auth); both use Virtuoso's digest-authenticated endpoints as dba, so no GRANT is
needed. ``graph_prefix`` hides Virtuoso's own system graphs from ``graphs()`` and ``len()``.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

# The same contract tests, collected again in this module with the remote ``store`` fixture
# below (pytest resolves fixtures where a test is collected).
from test_store import (  # noqa: F401
    GRAPH_BASE,
    test_ask_and_construct,
    test_drop_graph,
    test_empty_replace_removes_graph,
    test_export_rejects_unknown_format,
    test_export_round_trips,
    test_failed_iteration_leaves_old_graph,
    test_graphs_lists_named_graphs,
    test_invalid_term_leaves_old_graph,
    test_other_graphs_untouched,
    test_query_returns_typed_rdflib_terms,
    test_query_syntax_error_is_store_error,
    test_replace_is_idempotent,
    test_replace_replaces,
    test_source_sha256s,
    test_union_query_spans_graphs,
)

from kg.store import SparqlEndpointStore, Store

pytestmark = pytest.mark.server

INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 0
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}
ServerThreads = 4
MaxClientConnections = 4
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a fresh Virtuoso; skips when virtuoso-t is not installed."""
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t not installed (apt-get install -y virtuoso-opensource)")
    directory: Path = tmp_path_factory.mktemp("virtuoso")
    http_port = _free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(d=directory, sql_port=_free_port(), http_port=http_port))
    log = (directory / "stdout.log").open("wb")
    process = subprocess.Popen(
        [binary, "+foreground", "+configfile", str(ini)],
        cwd=directory,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + 90
        while not _answers(base + "/sparql"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = (directory / "virtuoso.log").read_text(errors="replace")[-2000:]
                pytest.fail(f"virtuoso-t did not start (exit {process.returncode}):\n{tail}")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


@pytest.fixture(params=["gsp", "update"])
def store(request: pytest.FixtureRequest, virtuoso: str) -> Iterator[Store]:
    """A store on the shared server, emptied of the test graphs before each test."""
    s = SparqlEndpointStore(
        virtuoso + "/sparql",
        update_url=virtuoso + "/sparql-auth",
        gsp_url=virtuoso + "/sparql-graph-crud-auth" if request.param == "gsp" else None,
        auth=("dba", "dba"),
        auth_type="digest",
        graph_prefix=GRAPH_BASE,
    )
    for graph in s.graphs():
        s.drop_graph(graph)
    with s:
        yield s


def test_system_graphs_hidden_by_prefix(virtuoso: str) -> None:
    everything = SparqlEndpointStore(virtuoso + "/sparql")
    assert any("openlinksw" in g for g in everything.graphs())
    assert all(
        g.startswith(GRAPH_BASE)
        for g in SparqlEndpointStore(virtuoso + "/sparql", graph_prefix=GRAPH_BASE).graphs()
    )


def test_update_without_credentials_is_refused(virtuoso: str) -> None:
    from kg.store import StoreError

    anonymous = SparqlEndpointStore(virtuoso + "/sparql")
    with pytest.raises(StoreError, match="does not allow this for the user"):
        anonymous.drop_graph(GRAPH_BASE + "x")
