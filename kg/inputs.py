"""The report files a command is given: files as named, folders searched.

Every path is checked before any work starts, so a typo, a loop of symbolic links, a
named pipe (which would block a reader for ever) or an empty folder is one line naming
the path, not a hang, a traceback or a build that silently did nothing.
"""

from __future__ import annotations

import errno
import stat
from collections.abc import Iterable
from pathlib import Path

REPORT_SUFFIXES = {".pdf", ".txt", ".md", ".markdown"}


class FileError(Exception):
    """A path that yields no report file: the message names the problem in one line."""


def _kind(path: Path) -> str:
    """'file', 'dir' or the reason the path cannot be read, following symbolic links."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a loop of symbolic links"
        if exc.errno == errno.ENOENT:
            return "a broken symbolic link" if path.is_symlink() else "no such file or directory"
        if exc.errno == errno.EACCES:
            return "permission denied"
        return exc.strerror or str(exc)
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    if stat.S_ISFIFO(mode):
        return "a named pipe, not a file"
    return "not a regular file"


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Report files under ``paths`` (files as given, folders searched recursively).

    A folder contributes its regular files with a report suffix; one that holds none is
    an error, as is any path that is not a readable file or folder.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        kind = _kind(path)
        if kind == "file":
            found.append(path)
        elif kind == "dir":
            try:
                inside = sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in REPORT_SUFFIXES and _kind(p) == "file"
                )
            except OSError as exc:
                raise FileError(f"{path}: {exc.strerror or exc}") from None
            if not inside:
                suffixes = ", ".join(sorted(REPORT_SUFFIXES))
                raise FileError(f"{path}: no report files ({suffixes}) in this folder")
            found.extend(inside)
        else:
            raise FileError(f"{path}: {kind}")
    return found
