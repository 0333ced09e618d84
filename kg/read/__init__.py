"""Readers: a report file (PDF, text, markdown) in, one normalised Document out."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.read.document import Document, Line
from kg.read.errors import ReadError
from kg.read.pdf import read_pdf
from kg.read.text import MARKDOWN_MEDIA_TYPE, read_text

__all__ = ["Document", "Line", "ReadError", "read_bytes", "read_path"]

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}


def read_bytes(data: bytes, *, path: str = "") -> Document:
    """Pick the reader by content first (a '.pdf' may be a saved web page), then suffix."""
    sha256 = hashlib.sha256(data).hexdigest()
    suffix = Path(path).suffix.lower()
    if data.lstrip()[:5].startswith(b"%PDF") or suffix == ".pdf":
        return read_pdf(data, path=path, sha256=sha256)
    if suffix in MARKDOWN_SUFFIXES:
        return read_text(data, path=path, sha256=sha256, media_type=MARKDOWN_MEDIA_TYPE)
    if suffix in TEXT_SUFFIXES or not suffix:
        return read_text(data, path=path, sha256=sha256)
    raise ReadError(f"unsupported file type '{suffix}' (expected .pdf, .txt or .md)")


def read_path(path: str | Path) -> Document:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc)) from None
    return read_bytes(data, path=str(path))
