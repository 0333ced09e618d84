"""ikg fetch against a real HTTP server on localhost that misbehaves on request."""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES

from kg.cli import main
from kg.cli.fetch import DEFAULT_MANIFEST
from kg.fetch import (
    USER_AGENT,
    FetchOutcome,
    FetchProgress,
    fetch_all,
)
from kg.manifest import ManifestEntry, ManifestError, read_manifest

PDF = next(SAMPLES.glob("*wakefield*.pdf")).read_bytes()
OTHER_PDF = next(SAMPLES.glob("*hampshire-2019*.pdf")).read_bytes()
SHA = hashlib.sha256(PDF).hexdigest()
Route = Callable[[BaseHTTPRequestHandler, int], None]  # (request, how many came before)
HTML = b"<!DOCTYPE html><html><body><h1>Sorry, the page is unavailable</h1></body></html>"


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Server:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]


def _send(handler: BaseHTTPRequestHandler, code: int, body: bytes, **headers: str) -> None:
    handler.send_response(code)
    headers.setdefault("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    # The client may hang up on purpose (an HTML page, a file that is too long).
    with contextlib.suppress(BrokenPipeError, ConnectionResetError):
        handler.wfile.write(body)


def pdf(body: bytes = PDF, *, ranges: bool = True) -> Route:
    """Serve ``body`` as a PDF, honouring ``Range: bytes=N-`` unless told not to."""

    def respond(handler: BaseHTTPRequestHandler, _hit: int) -> None:
        wanted = handler.headers.get("Range", "")
        if ranges and wanted.startswith("bytes="):
            start = int(wanted[6:].rstrip("-"))
            if start >= len(body):
                _send(handler, 416, b"", Content_Range=f"bytes */{len(body)}")
                return
            end = len(body) - 1
            rest = body[start:]
            content_range = f"bytes {start}-{end}/{len(body)}"
            _send(handler, 206, rest, Content_Type="application/pdf", Content_Range=content_range)
            return
        _send(handler, 200, body, Content_Type="application/pdf")

    return respond


def status(code: int, body: bytes = b"oops", **headers: str) -> Route:
    return lambda handler, _hit: _send(handler, code, body, Content_Type="text/plain", **headers)


def first_then(n: int, bad: Route, good: Route) -> Route:
    """Misbehave for the first ``n`` requests, then behave."""
    return lambda handler, hit: (bad if hit < n else good)(handler, hit)


def truncate(handler: BaseHTTPRequestHandler, _hit: int) -> None:
    """Promise the whole file, send a third of it, hang up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "application/pdf")
    handler.send_header("Content-Length", str(len(PDF)))
    handler.end_headers()
    handler.wfile.write(PDF[: len(PDF) // 3])
    handler.close_connection = True


@pytest.fixture
def server() -> Iterator[Server]:
    state: Server

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append(Seen(self.path, dict(self.headers.items())))
            route = state.routes.get(self.path)
            if route is None:
                _send(self, 404, b"not found", Content_Type="text/plain")
                return
            route(self, len(state.hits(self.path)) - 1)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state = Server(f"http://127.0.0.1:{httpd.server_address[1]}")
    thread = threading.Thread(target=httpd.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def entry(
    server: Server, route: str, *, sha: str = SHA, size: int | None = len(PDF)
) -> ManifestEntry:
    return ManifestEntry(f"80451-wakefield{route}.pdf", server.url(route), sha, size, 2)


def run(
    entries: list[ManifestEntry], dest: Path, waits: list[float] | None = None, **kwargs: object
) -> list[FetchOutcome]:
    """fetch_all with no real sleeping: the pauses it asks for are recorded in ``waits``."""
    sleep = waits.append if waits is not None else (lambda _seconds: None)
    options: dict = {"delay": 0.0, "timeout": 5.0, "sleep": sleep} | kwargs
    return fetch_all(entries, dest, **options)


def test_download_verifies_and_renames_into_place(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf()
    events: list[FetchProgress] = []
    [outcome] = run([entry(server, "/a")], tmp_path, on_progress=events.append)
    target = tmp_path / "80451-wakefield/a.pdf"
    assert outcome == FetchOutcome("80451-wakefield/a.pdf", "downloaded", len(PDF), "")
    assert target.read_bytes() == PDF
    assert not target.with_name("a.pdf.part").exists()
    assert server.seen[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("inspection-kg/")
    assert "Range" not in server.seen[0].headers
    assert events[-1].outcome == outcome
    assert events[-2].done == len(PDF) and events[-2].total == len(PDF)


def test_present_file_is_skipped_without_a_request(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf()
    (tmp_path / "80451-wakefield").mkdir()
    (tmp_path / "80451-wakefield/a.pdf").write_bytes(PDF)
    [outcome] = run([entry(server, "/a")], tmp_path)
    assert outcome.status == "present"
    assert server.seen == []
    [outcome] = run([entry(server, "/a")], tmp_path, force=True)
    assert outcome.status == "downloaded" and len(server.seen) == 1


def test_wrong_file_at_target_is_replaced(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf()
    (tmp_path / "80451-wakefield").mkdir()
    (tmp_path / "80451-wakefield/a.pdf").write_bytes(OTHER_PDF)
    [outcome] = run([entry(server, "/a")], tmp_path)
    assert outcome.status == "downloaded"
    assert (tmp_path / "80451-wakefield/a.pdf").read_bytes() == PDF


def test_resume_from_part_file_with_range(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf()
    part = tmp_path / "80451-wakefield/a.pdf.part"
    part.parent.mkdir()
    part.write_bytes(PDF[:100_000])
    [outcome] = run([entry(server, "/a")], tmp_path)
    assert outcome.status == "downloaded"
    assert server.seen[0].headers["Range"] == "bytes=100000-"
    assert (tmp_path / "80451-wakefield/a.pdf").read_bytes() == PDF
    assert not part.exists()


def test_complete_part_file_of_unknown_size_gets_416(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf()
    part = tmp_path / "80451-wakefield/a.pdf.part"
    part.parent.mkdir()
    part.write_bytes(PDF)
    [outcome] = run([entry(server, "/a", size=None)], tmp_path)
    assert outcome.status == "downloaded"
    assert server.seen[0].headers["Range"] == f"bytes={len(PDF)}-"
    assert (tmp_path / "80451-wakefield/a.pdf").read_bytes() == PDF


def test_server_ignoring_range_restarts_from_zero(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf(ranges=False)
    part = tmp_path / "80451-wakefield/a.pdf.part"
    part.parent.mkdir()
    part.write_bytes(PDF[:100_000])
    [outcome] = run([entry(server, "/a")], tmp_path)
    assert outcome.status == "downloaded"
    assert len(server.seen) == 1 and "Range" in server.seen[0].headers
    assert (tmp_path / "80451-wakefield/a.pdf").read_bytes() == PDF


def test_server_errors_are_retried_with_backoff(server: Server, tmp_path: Path) -> None:
    server.routes["/flaky"] = first_then(2, status(500), pdf())
    server.routes["/down"] = status(503)
    flaky, down = entry(server, "/flaky"), entry(server, "/down")
    waits: list[float] = []
    outcomes = run([flaky, down], tmp_path, waits, retries=3, backoff=0.5)
    assert [o.status for o in outcomes] == ["downloaded", "failed"]
    assert (tmp_path / flaky.path).read_bytes() == PDF
    assert len(server.hits("/flaky")) == 3 and len(server.hits("/down")) == 4
    assert waits == [0.5, 1.0, 0.5, 1.0, 2.0]
    assert outcomes[1].message == "HTTP 503 Service Unavailable (gave up after 4 attempts)"
    assert not (tmp_path / down.path).exists()
    assert not (tmp_path / (down.path + ".part")).exists()


def test_retry_after_is_honoured_and_capped(server: Server, tmp_path: Path) -> None:
    server.routes["/busy"] = first_then(1, status(429, Retry_After="7"), pdf())
    server.routes["/slow"] = first_then(1, status(503, Retry_After="86400"), pdf())
    waits: list[float] = []
    outcomes = run([entry(server, "/busy"), entry(server, "/slow")], tmp_path, waits, max_wait=30)
    assert [o.status for o in outcomes] == ["downloaded", "downloaded"]
    assert waits == [7.0, 30.0]


def test_polite_delay_between_requests(server: Server, tmp_path: Path) -> None:
    for name in ("/a", "/b", "/c"):
        server.routes[name] = pdf()
    entries = [entry(server, n) for n in ("/a", "/b", "/c")]
    waits: list[float] = []
    outcomes = run(entries, tmp_path, waits, delay=30.0)
    assert all(o.status == "downloaded" for o in outcomes)
    assert len(waits) == 2 and all(25 < w <= 30 for w in waits)


def test_truncated_body_is_retried_and_resumed(server: Server, tmp_path: Path) -> None:
    server.routes["/cut"] = first_then(1, truncate, pdf())
    [outcome] = run([entry(server, "/cut")], tmp_path)
    assert outcome.status == "downloaded"
    assert server.hits("/cut")[1].headers["Range"] == f"bytes={len(PDF) // 3}-"
    assert (tmp_path / "80451-wakefield/cut.pdf").read_bytes() == PDF


def test_always_truncated_fails_without_a_target(server: Server, tmp_path: Path) -> None:
    server.routes["/cut"] = truncate  # ignores Range: every attempt is cut short again
    [outcome] = run([entry(server, "/cut")], tmp_path, retries=2)
    assert outcome.status == "failed"
    assert outcome.message.startswith("truncated: received")
    assert outcome.message.endswith("(gave up after 3 attempts)")
    assert not (tmp_path / "80451-wakefield/cut.pdf").exists()


@pytest.mark.parametrize(
    ("content_type", "body", "message"),
    [
        ("text/html; charset=utf-8", HTML, "not a PDF (an HTML page)"),
        ("application/octet-stream", b"\n  " + HTML, "not a PDF (an HTML page)"),
        ("text/html", PDF, "not a PDF (an HTML page)"),  # the header alone is enough
        (
            "application/pdf",
            b"PK\x03\x04zipzip",
            "not a PDF (it starts with b'PK\\x03\\x04zipzip')",
        ),
    ],
)
def test_not_a_pdf_is_rejected_and_not_retried(
    server: Server, tmp_path: Path, content_type: str, body: bytes, message: str
) -> None:
    server.routes["/page"] = lambda h, _: _send(h, 200, body, Content_Type=content_type)
    [outcome] = run([entry(server, "/page")], tmp_path)
    assert outcome == FetchOutcome("80451-wakefield/page.pdf", "failed", 0, message)
    assert len(server.seen) == 1
    assert list(tmp_path.rglob("*")) == [tmp_path / "80451-wakefield"]


def test_checksum_mismatch_never_leaves_a_file(server: Server, tmp_path: Path) -> None:
    server.routes["/other"] = pdf(OTHER_PDF)
    wrong = entry(server, "/other", size=None)
    [outcome] = run([wrong], tmp_path, retries=1)
    assert outcome.status == "failed"
    assert outcome.message.startswith(f"checksum mismatch: expected {SHA[:12]}")
    assert len(server.seen) == 2
    assert list(tmp_path.rglob("*.pdf*")) == []


def test_body_longer_than_manifest_size_is_cut_off(server: Server, tmp_path: Path) -> None:
    server.routes["/big"] = pdf(PDF + b"\0" * 100_000)
    [outcome] = run([entry(server, "/big")], tmp_path, retries=0)
    assert outcome.status == "failed"
    assert "longer than the manifest" in outcome.message
    assert list(tmp_path.rglob("*.pdf*")) == []


def test_not_found_is_not_retried(server: Server, tmp_path: Path) -> None:
    waits: list[float] = []
    [outcome] = run([entry(server, "/missing")], tmp_path, waits)
    assert outcome == FetchOutcome("80451-wakefield/missing.pdf", "failed", 0, "HTTP 404 Not Found")
    assert len(server.hits("/missing")) == 1
    assert waits == []


def test_connection_refused_is_retried_then_fails(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dead = ManifestEntry("x.pdf", f"http://127.0.0.1:{port}/x.pdf", SHA, None, 2)
    waits: list[float] = []
    [outcome] = run([dead], tmp_path, waits, retries=1, backoff=3.0)
    assert outcome.status == "failed"
    assert outcome.message.startswith("connection failed:")
    assert outcome.message.endswith("(gave up after 2 attempts)")
    assert waits == [3.0]


# --- manifests ---------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_manifest_is_valid() -> None:
    entries = read_manifest(DEFAULT_MANIFEST)
    assert len(entries) >= 200
    wakefield = next(e for e in entries if e.path == "80451-wakefield/2018-07-17.pdf")
    assert wakefield.sha256 == SHA and wakefield.size == len(PDF)
    assert all(e.url.startswith("https://files.ofsted.gov.uk/") for e in entries)


def test_manifest_accepts_alternative_headers(tmp_path: Path) -> None:
    path = write(tmp_path, f"target,url,sha256\nsub/./a.pdf,http://x/a,{SHA.upper()}\n\n")
    assert read_manifest(path) == [ManifestEntry("sub/a.pdf", "http://x/a", SHA, None, 2)]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("path,sha256\na.pdf,%s\n", "line 1: missing column 'source_url' or 'url'"),
        ("path,source_url,sha256\na.pdf,http://x/a,abc\n", "line 2: sha256 'abc' is not 64"),
        ("path,source_url,sha256\n\n../a.pdf,http://x,%s\n", "line 3: target path '../a.pdf' esc"),
        ("path,source_url,sha256\na/../../b.pdf,http://x,%s\n", "line 2: target path 'a/../../b"),
        ("path,source_url,sha256\n/etc/a.pdf,http://x,%s\n", "line 2: target path '/etc/a.pdf' i"),
        ("path,source_url,sha256\na.pdf,file:///etc/passwd,%s\n", "line 2: source URL 'file:"),
        ("path,source_url,sha256,bytes\na.pdf,http://x,%s,12kB\n", "line 2: bytes '12kB' is not"),
        ("path,source_url,sha256\na.pdf,http://x,%s\na.pdf,http://y,%s\n", "line 3: a.pdf is al"),
        ("", "the manifest is empty"),
    ],
)
def test_bad_manifest_names_file_and_line(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text.replace("%s", SHA))
    with pytest.raises(ManifestError) as caught:
        read_manifest(path)
    assert str(caught.value).startswith(f"{path}: {problem}")


# --- the command -------------------------------------------------------------------------


def test_cli_downloads_and_summarises(server: Server, tmp_path: Path) -> None:
    server.routes["/a"] = pdf()
    server.routes["/b"] = pdf()
    manifest = write(
        tmp_path,
        "path,source_url,sha256,bytes\n"
        f"w/a.pdf,{server.url('/a')},{SHA},{len(PDF)}\n"
        f"w/b.pdf,{server.url('/b')},{SHA},{len(PDF)}\n",
    )
    args = ["fetch", "--manifest", str(manifest), "--dest", str(tmp_path / "out"), "--delay", "0"]
    result = CliRunner().invoke(main, [*args, "--only", "a.pdf"])
    assert result.exit_code == 0, result.output
    assert "1 downloaded (0.2 MB), 0 present, 0 failed" in result.stdout
    assert (tmp_path / "out/w/a.pdf").read_bytes() == PDF
    assert not (tmp_path / "out/w/b.pdf").exists()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "2 files in" in result.stdout and "1 downloaded (0.2 MB), 1 present" in result.stdout


def test_cli_failure_exits_1_with_one_line_per_file(server: Server, tmp_path: Path) -> None:
    server.routes["/page"] = lambda h, _: _send(h, 200, HTML, Content_Type="text/html")
    manifest = write(
        tmp_path,
        "path,source_url,sha256\n"
        f"w/gone.pdf,{server.url('/gone')},{SHA}\n"
        f"w/page.pdf,{server.url('/page')},{SHA}\n",
    )
    dest = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["fetch", "--manifest", str(manifest), "--dest", str(dest), "--delay", "0"]
    )
    assert result.exit_code == 1
    assert "ikg: w/gone.pdf: HTTP 404 Not Found" in result.stderr
    assert "ikg: w/page.pdf: not a PDF (an HTML page)" in result.stderr
    assert "0 downloaded, 0 present, 2 failed" in result.stdout
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "extra", "message"),
    [
        ("path,sha256\n", [], "line 1: missing column"),
        (f"path,url,sha256\n../x.pdf,http://x,{SHA}\n", [], "line 2: target path '../x.pdf'"),
        (f"path,url,sha256\nx.pdf,http://x,{SHA}\n", ["--only", "nomatch"], "no entry matches"),
    ],
)
def test_cli_bad_manifest_exits_2(
    tmp_path: Path, text: str, extra: list[str], message: str
) -> None:
    manifest = write(tmp_path, text)
    result = CliRunner().invoke(main, ["fetch", "--manifest", str(manifest), *extra])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ikg: error: {manifest}: ")
    assert message in result.stderr and len(result.stderr.splitlines()) == 1


def test_cli_missing_manifest_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fetch", "--manifest", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "cannot read the manifest: No such file or directory" in result.stderr
