"""Download the report PDFs a manifest lists, carefully enough to run unattended.

The reports live on someone else's server, so a fetch must be polite (a pause between
requests, backing off when told to), must survive a flaky connection (retries that resume
from the bytes already on disk), and must never leave a wrong file where the pipeline will
read it: every download lands in ``<target>.part`` and is only renamed into place once its
sha256 matches the manifest. Only the standard library is used, so fetching adds no
dependency.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from importlib.metadata import PackageNotFoundError, metadata
from pathlib import Path

from kg import __version__
from kg.manifest import ManifestEntry

CHUNK = 64 * 1024
PDF_MAGIC = b"%PDF-"


def _project_url() -> str | None:
    """The repository URL from the package metadata, so a server admin can reach us.

    Read rather than hard-coded so the User-Agent never names a repository that is not ours.
    """
    try:
        meta = metadata("inspection-kg")
    except PackageNotFoundError:
        return None
    for value in meta.get_all("Project-URL") or []:
        url = value.partition(",")[2].strip()
        if url.startswith("https://"):
            return url
    homes = [h for h in meta.get_all("Home-page") or [] if h.startswith("https://")]
    return homes[0] if homes else None


USER_AGENT = f"inspection-kg/{__version__}" + (f" (+{url})" if (url := _project_url()) else "")


@dataclass(frozen=True)
class FetchOutcome:
    path: str
    status: str  # "downloaded", "present" or "failed"
    bytes: int = 0  # size of the file now at the target; 0 when failed
    message: str = ""


@dataclass(frozen=True)
class FetchProgress:
    """What a progress display needs; ``outcome`` is set once the file is finished."""

    path: str
    done: int
    total: int | None
    outcome: FetchOutcome | None = None


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Retry(Exception):
    """A failure worth another attempt; ``wait`` is a server-requested pause, if any."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


class _GiveUp(Exception):
    """A failure another attempt would only repeat (404, an HTML page)."""


@dataclass
class _Run:
    """The settings of one fetch_all call, plus the time of its last request."""

    retries: int
    delay: float
    timeout: float
    report: Callable[[FetchProgress], None]
    force: bool
    backoff: float
    max_wait: float
    sleep: Callable[[float], None]
    last_request: float = field(default=float("-inf"))

    def pace(self) -> None:
        """Keep requests at least ``delay`` apart across the whole run, retries included."""
        remaining = self.delay - (time.monotonic() - self.last_request)
        if remaining > 0:
            self.sleep(remaining)
        self.last_request = time.monotonic()


def fetch_all(
    entries: Iterable[ManifestEntry],
    dest_dir: Path,
    *,
    retries: int = 3,
    delay: float = 1.0,
    timeout: float = 60.0,
    on_progress: Callable[[FetchProgress], None] | None = None,
    force: bool = False,
    backoff: float = 2.0,
    max_wait: float = 120.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[FetchOutcome]:
    """Fetch each entry into ``dest_dir``; one file's failure never stops the others.

    ``retries`` counts the attempts after the first. Before attempt n+1 the fetch waits
    ``backoff * 2**(n-1)`` seconds, or what a 429/503 Retry-After asks, at most ``max_wait``.
    """
    run = _Run(
        retries=retries,
        delay=delay,
        timeout=timeout,
        report=on_progress or (lambda _: None),
        force=force,
        backoff=backoff,
        max_wait=max_wait,
        sleep=sleep,
    )
    outcomes = []
    for entry in entries:
        outcome = _fetch_one(entry, dest_dir / entry.path, run)
        run.report(FetchProgress(entry.path, outcome.bytes, entry.size, outcome))
        outcomes.append(outcome)
    return outcomes


def _fetch_one(entry: ManifestEntry, target: Path, run: _Run) -> FetchOutcome:
    part = target.with_name(target.name + ".part")
    try:
        if target.is_file() and not run.force and sha256_file(target) == entry.sha256:
            return FetchOutcome(entry.path, "present", target.stat().st_size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if run.force:
            part.unlink(missing_ok=True)
    except OSError as exc:
        return FetchOutcome(entry.path, "failed", 0, f"cannot write: {exc.strerror or exc}")
    attempts = run.retries + 1
    message = ""
    for attempt in range(1, attempts + 1):
        try:
            _attempt(entry, part, run)
            os.replace(part, target)
            return FetchOutcome(entry.path, "downloaded", target.stat().st_size)
        except _GiveUp as exc:
            part.unlink(missing_ok=True)
            return FetchOutcome(entry.path, "failed", 0, str(exc))
        except _Retry as exc:
            message = str(exc)
            if attempt < attempts:
                pause = exc.wait if exc.wait is not None else run.backoff * 2 ** (attempt - 1)
                run.sleep(min(max(pause, 0.0), run.max_wait))
        except OSError as exc:  # the local disk, not the network: retrying will not help
            return FetchOutcome(entry.path, "failed", 0, f"cannot write: {exc.strerror or exc}")
    tries = "1 attempt" if attempts == 1 else f"{attempts} attempts"
    return FetchOutcome(entry.path, "failed", 0, f"{message} (gave up after {tries})")


def _attempt(entry: ManifestEntry, part: Path, run: _Run) -> None:
    """One request; returns once ``part`` holds the verified file, raises otherwise."""
    offset = _usable_part(entry, part)
    if offset and offset == entry.size:
        _verify(entry, part)  # complete from an earlier run: no request needed
        return
    headers = {"User-Agent": USER_AGENT, "Accept": "application/pdf,*/*;q=0.5"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    run.pace()
    try:
        response = urllib.request.urlopen(
            urllib.request.Request(entry.url, headers=headers), timeout=run.timeout
        )
    except urllib.error.HTTPError as exc:
        with exc:
            if exc.code == 416 and offset:  # nothing left to send: the part may be whole
                _verify(entry, part)
                return
            _raise_for_status(exc)
    except (urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        raise _Retry(f"connection failed: {_reason(exc)}") from None
    with response:
        _receive(entry, part, offset, response, run)


def _usable_part(entry: ManifestEntry, part: Path) -> int:
    """How many bytes of an earlier attempt can be kept; a part that is wrong goes."""
    if not part.is_file():
        return 0
    size = part.stat().st_size
    with part.open("rb") as handle:
        head = handle.read(len(PDF_MAGIC))
    if (
        size == 0
        or not PDF_MAGIC.startswith(head)
        or (entry.size is not None and size > entry.size)
    ):
        part.unlink()
        return 0
    return size


def _raise_for_status(exc: urllib.error.HTTPError) -> None:
    problem = f"HTTP {exc.code} {exc.reason}".rstrip()
    if exc.code == 429 or exc.code >= 500:
        wait = _retry_after(exc.headers.get("Retry-After")) if exc.code in (429, 503) else None
        raise _Retry(problem, wait)
    raise _GiveUp(problem)


def _retry_after(value: str | None) -> float | None:
    """Retry-After is either seconds or an HTTP date; anything else is ignored."""
    value = (value or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - datetime.now(UTC)).total_seconds(), 0.0)


def _receive(
    entry: ManifestEntry, part: Path, offset: int, response: http.client.HTTPResponse, run: _Run
) -> None:
    if response.status == 206:
        start = _range_start(response.headers.get("Content-Range"))
        if start != offset:
            part.unlink(missing_ok=True)
            raise _Retry(f"the server resumed at byte {start}, not {offset}")
    elif response.status == 200:
        offset = 0  # the server ignored Range (or none was sent): start again
    else:
        raise _Retry(f"unexpected HTTP {response.status} {response.reason}")
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if content_type in ("text/html", "application/xhtml+xml"):
        raise _GiveUp("not a PDF (an HTML page)")
    length = response.headers.get("Content-Length", "")
    expected = int(length) if length.isdigit() else None
    total = offset + expected if expected is not None else entry.size
    received = 0
    too_long = False
    with part.open("r+b" if offset else "wb") as handle:
        handle.seek(offset)
        handle.truncate()
        while True:
            try:
                chunk = response.read(CHUNK)
            except (http.client.HTTPException, OSError) as exc:
                # What arrived stays in the part file for the next attempt to resume from.
                at = offset + received
                raise _Retry(f"connection broken after {at} bytes: {_reason(exc)}") from None
            if not chunk:
                break
            if offset + received == 0:
                _check_magic(chunk)
            handle.write(chunk)
            received += len(chunk)
            if entry.size is not None and offset + received > entry.size:
                too_long = True  # a server streaming without end must not fill the disk
                break
            run.report(FetchProgress(entry.path, offset + received, total))
    if too_long:
        part.unlink(missing_ok=True)
        raise _Retry(f"the file is longer than the manifest's {entry.size} bytes")
    if expected is not None and received < expected:
        raise _Retry(f"truncated: received {received} of {expected} bytes")
    _verify(entry, part)


def _check_magic(first: bytes) -> None:
    """Name the usual impostor (an HTML error page) instead of a bare checksum mismatch."""
    if first[: len(PDF_MAGIC)] == PDF_MAGIC[: len(first)]:
        return
    head = first.lstrip()[:64].lower()
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")):
        raise _GiveUp("not a PDF (an HTML page)")
    raise _GiveUp(f"not a PDF (it starts with {first[:16]!r})")


def _verify(entry: ManifestEntry, part: Path) -> None:
    actual = sha256_file(part)
    if actual != entry.sha256:
        part.unlink(missing_ok=True)
        raise _Retry(f"checksum mismatch: expected {entry.sha256[:12]}…, got {actual[:12]}…")


def _range_start(value: str | None) -> int | None:
    match = re.fullmatch(r"\s*bytes\s+(\d+)-\d+/(\d+|\*)\s*", value or "")
    return int(match.group(1)) if match else None


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason
        return str(reason.strerror if isinstance(reason, OSError) and reason.strerror else reason)
    if isinstance(exc, http.client.IncompleteRead):
        return f"incomplete read ({len(exc.partial)} bytes)"
    if isinstance(exc, TimeoutError):
        return "timed out"
    return str(exc) or type(exc).__name__
