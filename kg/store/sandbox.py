"""Queries with a time and memory limit: run in a child process that can be stopped.

Neither Oxigraph's nor rdflib's query engine can be interrupted from Python, and a query
that joins everything with everything (a cartesian product under ORDER BY) grows until
the operating system kills the whole process. So a limited query runs in a forked child
with a limit on the address space it may add to what it inherited; the parent waits at
most the time limit, then kills it, and either way says in one line what happened. The
child inherits the open store (a forked process shares its read-only database files and
memory pages), runs the query and sends the answer back (SPARQL JSON results, N-Triples
or a pickled result), which the parent turns into the QueryResult the store would have
returned in-process.
"""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
import resource
import signal
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TypeVar

from kg.store.errors import QueryTimeout, QueryTooLarge, StoreError

_MB = 1024 * 1024
T = TypeVar("T")


def run_limited(work: Callable[[], T], *, timeout: float | None, memory_limit_mb: int = 0) -> T:
    """``work()`` in a forked child under the limits; its (picklable) result, or a
    StoreError saying which limit stopped it."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, sender, memory_limit_mb), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(
                f"the query ran longer than {timeout:g} s and was stopped "
                "(--timeout or IKG_TIMEOUT sets the limit)"
            )
        try:
            kind, payload = receiver.recv()
        except EOFError:
            child.join(5)
            raise _died(child.exitcode, memory_limit_mb) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if kind == "error":
        raise StoreError(payload)
    if kind == "memory":
        raise _too_large(memory_limit_mb)
    return payload


def _child(work: Callable[[], object], sender: Connection, memory_limit_mb: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    faulthandler.disable()  # an out-of-memory abort is reported by the parent, in one line
    if memory_limit_mb:
        # the limit is on what the query adds: the forked child already maps what the
        # parent had (a notebook may hold gigabytes before its first query)
        limit = _address_space() + memory_limit_mb * _MB
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        sender.send(("ok", work()))
    except MemoryError:
        sender.send(("memory", ""))
    except StoreError as exc:
        sender.send(("error", str(exc)))
    except Exception as exc:  # anything else is still the query's failure, in one line
        lines = traceback.format_exception_only(type(exc), exc)
        sender.send(("error", f"query failed: {lines[-1].strip()}"))
    finally:
        sender.close()
        os._exit(0)


def _address_space() -> int:
    """Bytes of address space this process maps now (Linux /proc), 0 if unknown."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * resource.getpagesize()


def _too_large(memory_limit_mb: int) -> QueryTooLarge:
    return QueryTooLarge(
        f"the query needed more than {memory_limit_mb} MiB and was stopped "
        "(IKG_MEMORY_LIMIT sets the limit; a query joining everything with everything "
        "usually lacks a shared variable)"
    )


def _died(exitcode: int | None, memory_limit_mb: int) -> StoreError:
    """A child that ended without answering: out of memory (Rust aborts) or killed."""
    if memory_limit_mb and exitcode in (-signal.SIGABRT, -signal.SIGKILL, -signal.SIGSEGV):
        return _too_large(memory_limit_mb)
    return StoreError(f"the query process ended without an answer (exit code {exitcode})")
