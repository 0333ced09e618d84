"""Real SPARQL servers for the tests: Oxigraph server (PyPI ``oxigraph``), Virtuoso 7
(Debian's ``virtuoso-opensource``) and Apache Jena Fuseki (when installed).

Each starts on free localhost ports with a throw-away database in a temporary folder and
stops when its context ends. A server that is not installed skips the tests that need
it; ``.ci/run`` installs all of them, so in CI nothing is skipped.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


@dataclass(frozen=True)
class Server:
    """How to reach a running server: query, update and Graph Store endpoints, auth."""

    name: str
    query_url: str
    update_url: str
    gsp_url: str | None
    auth: tuple[str, str] | None = None
    auth_type: str = "basic"
    graph_prefix: str | None = None

    def environment(self) -> dict[str, str]:
        """The IKG_* variables that point the command line at this server."""
        env = {"IKG_UPDATE_URL": self.update_url}
        if self.gsp_url:
            env["IKG_GSP_URL"] = self.gsp_url
        if self.auth:
            env["IKG_USER"], env["IKG_PASSWORD"] = self.auth
            env["IKG_AUTH_TYPE"] = self.auth_type
        if self.graph_prefix:
            env["IKG_GRAPH_PREFIX"] = self.graph_prefix
        return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _wait(process: subprocess.Popen[bytes], url: str, log: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not answers(url):
        if process.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            pytest.fail(f"{url} did not start (exit {process.returncode}):\n{tail}")
        time.sleep(0.3)


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def oxigraph(folder: Path, *, union_default_graph: bool = True) -> Iterator[Server]:
    """``oxigraph serve`` (read-write, so loads can be tested) on a fresh database."""
    binary = shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the Oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    log = folder / "oxigraph.log"
    command = [binary, "serve", "--location", str(folder / "db"), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(process, base + "/query", log)
        yield Server("oxigraph", base + "/query", base + "/update", base + "/store")
    finally:
        _stop(process)


VIRTUOSO_INI = """\
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
NumberOfBuffers = 20000
MaxDirtyBuffers = 12000
CheckpointInterval = 0
DirsAllowed = ., {d}
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {d}
ServerThreads = 8
MaxClientConnections = 8
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = {max_query_seconds}
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def virtuoso(folder: Path, *, max_query_seconds: int = 600) -> Iterator[Server]:
    """``virtuoso-t`` with its digest-authenticated update and Graph Store endpoints.

    ``max_query_seconds`` is Virtuoso's 'anytime' limit: a query running longer is cut
    and answered with the rows found so far (the store must refuse such an answer).
    """
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.skip("virtuoso-t is not installed (apt-get install -y virtuoso-opensource)")
    http_port = free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(
            d=folder, sql_port=free_port(), http_port=http_port, max_query_seconds=max_query_seconds
        )
    )
    log = folder / "stdout.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait(process, base + "/sparql", folder / "virtuoso.log")
        yield Server(
            "virtuoso",
            base + "/sparql",
            base + "/sparql-auth",
            base + "/sparql-graph-crud-auth",
            auth=("dba", "dba"),
            auth_type="digest",
            graph_prefix="https://w3id.org/inspection-kg/graph/",
        )
    finally:
        _stop(process)


FUSEKI_JARS = (
    "/usr/share/java/jena-fuseki-server.jar",
    "/usr/share/fuseki/fuseki-server.jar",
)


def fuseki_jar() -> str | None:
    env = os.environ.get("IKG_FUSEKI_JAR")
    candidates = [env] if env else list(FUSEKI_JARS)
    return next((path for path in candidates if path and Path(path).is_file()), None)


@contextmanager
def fuseki(folder: Path) -> Iterator[Server]:
    """Apache Jena Fuseki with an in-memory dataset whose default graph is the union."""
    jar = fuseki_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        pytest.skip("Apache Jena Fuseki is not installed (set IKG_FUSEKI_JAR)")
    port = free_port()
    config = folder / "config.ttl"
    config.write_text(FUSEKI_CONFIG)
    log = folder / "fuseki.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [java, "-Xmx2g", "-jar", jar, "--port", str(port), "--config", str(config)],
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/ikg"
    try:
        _wait(process, base + "/query", log)
        yield Server("fuseki", base + "/query", base + "/update", base + "/data")
    finally:
        _stop(process)


FUSEKI_CONFIG = """\
@prefix fuseki: <http://jena.apache.org/fuseki#> .
@prefix rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ja:     <http://jena.hpl.hp.com/2005/11/Assembler#> .
@prefix tdb2:   <http://jena.apache.org/2016/tdb#> .

<#service> rdf:type fuseki:Service ;
    fuseki:name "ikg" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "query" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ] ;
    fuseki:dataset <#dataset> .

<#dataset> rdf:type tdb2:DatasetTDB2 ;
    tdb2:location "--mem--" ;
    tdb2:unionDefaultGraph true .
"""
