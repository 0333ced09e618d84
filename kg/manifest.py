"""The fetch manifest: which report files to download, from where, with which checksum.

A CSV with a header row (``path`` or ``target``, ``source_url`` or ``url``, ``sha256``,
optionally ``bytes``), as ``../shared/corpus/manifest.csv`` and the shipped
``kg/data/manifest.csv`` are. The whole file is checked before any request is made.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

PATH_COLUMNS = ("path", "target")
URL_COLUMNS = ("source_url", "url")
_SHA256 = re.compile(r"[0-9a-f]{64}")


class ManifestError(Exception):
    """A manifest that cannot be trusted; the message names the file and the line."""


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative to the destination folder, always with forward slashes
    url: str
    sha256: str
    size: int | None = None
    line: int = 0
    publication_date: date | None = None
    """The date Ofsted published the file, where the manifest says (optional column)."""


def read_manifest(path: Path) -> list[ManifestEntry]:
    """Check the whole manifest before any request, so a typo costs no traffic."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return _parse_manifest(path, csv.reader(handle))
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ManifestError(f"{path}: cannot read the manifest: {reason}") from None
    except csv.Error as exc:
        raise ManifestError(f"{path}: not a valid CSV file: {exc}") from None


def _parse_manifest(path: Path, reader: Any) -> list[ManifestEntry]:
    header = [name.strip().lower() for name in next(reader, [])]
    if not any(header):
        raise ManifestError(f"{path}: the manifest is empty")

    def column(names: tuple[str, ...]) -> int:
        for name in names:
            if name in header:
                return header.index(name)
        raise ManifestError(f"{path}: line 1: missing column {' or '.join(map(repr, names))}")

    at_path, at_url, at_sha = column(PATH_COLUMNS), column(URL_COLUMNS), column(("sha256",))
    at_size = header.index("bytes") if "bytes" in header else None
    at_published = header.index("publication_date") if "publication_date" in header else None
    entries: list[ManifestEntry] = []
    seen: dict[str, int] = {}
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num

        def cell(index: int | None, row: list[str] = row) -> str:
            return row[index].strip() if index is not None and index < len(row) else ""

        where = f"{path}: line {line}"
        target = _safe_relative(cell(at_path), where)
        url = cell(at_url)
        if urlsplit(url).scheme not in ("http", "https"):
            raise ManifestError(f"{where}: source URL {url!r} is not an http(s) URL")
        sha = cell(at_sha).lower()
        if not _SHA256.fullmatch(sha):
            raise ManifestError(f"{where}: sha256 {cell(at_sha)!r} is not 64 hex digits")
        size = cell(at_size)
        if size and not size.isdigit():
            raise ManifestError(f"{where}: bytes {size!r} is not a whole number")
        published = cell(at_published)
        try:
            issued = date.fromisoformat(published) if published else None
        except ValueError:
            raise ManifestError(f"{where}: publication_date {published!r} is not a date") from None
        if target in seen:
            raise ManifestError(f"{where}: {target} is already listed on line {seen[target]}")
        seen[target] = line
        entries.append(ManifestEntry(target, url, sha, int(size) if size else None, line, issued))
    return entries


def _safe_relative(raw: str, where: str) -> str:
    """A target must stay inside the destination folder whatever the manifest says."""
    text = raw.replace("\\", "/")
    if not text:
        raise ManifestError(f"{where}: empty target path")
    if text.startswith("/") or re.match(r"[A-Za-z]:", text):
        raise ManifestError(f"{where}: target path {raw!r} is absolute")
    parts: list[str] = []
    for part in PurePosixPath(text).parts:
        if part == "..":
            if not parts:
                raise ManifestError(f"{where}: target path {raw!r} escapes the destination")
            parts.pop()
        elif part != ".":
            parts.append(part)
    if not parts or text.endswith("/"):
        raise ManifestError(f"{where}: target path {raw!r} does not name a file")
    return "/".join(parts)


SHIPPED_MANIFEST = Path(__file__).resolve().parent / "data" / "manifest.csv"


@cache
def _shipped() -> dict[str, ManifestEntry]:
    return {entry.sha256: entry for entry in read_manifest(SHIPPED_MANIFEST)}


def known_file(sha256: str) -> ManifestEntry | None:
    """The shipped manifest's entry for a file with this content, if it lists one.

    This is how a report's graph names its Ofsted URL and publication date (which ILACS
    reports do not print) whatever the file is called on the user's disk.
    """
    return _shipped().get(sha256)
