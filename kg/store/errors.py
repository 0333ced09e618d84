"""The errors stores raise: each message is one line a user can act on.

Every failure of a store or server (a damaged folder, a lock, a full disk, a server that
is down, refuses the credentials or never answers) becomes one of these, so the command
line prints one line and exits 2, and a notebook catches one exception type.
"""

from __future__ import annotations


class StoreError(Exception):
    """A store problem worth one clear line to the user (locked, bad path, server error)."""


class StoreNotFound(StoreError):
    """No store where one was named (commands that only read never create one)."""


class StoreDamaged(StoreError):
    """A folder that holds something other than a sound store: refused, never reset."""


class StoreLocked(StoreError):
    """Another process is writing the store."""


class ReadOnlyStore(StoreError):
    """A write asked of a store opened for reading."""


class QueryTimeout(StoreError):
    """A query that ran longer than its time limit (and was stopped)."""


class QueryTooLarge(StoreError):
    """A query that needed more memory than its limit (and was stopped)."""


class GraphNotFound(StoreError):
    """A named graph the store does not hold."""


def first_line(exc: BaseException) -> str:
    """The first line of an exception's message, or its type when it has none."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
