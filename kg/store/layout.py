"""The embedded store's folder: generations of an Oxigraph database, swapped atomically.

A store folder holds numbered generations, each a complete Oxigraph (RocksDB) database,
and a ``current`` file naming the one readers open::

    ikg-store/
      current            'gen-000007' (replaced atomically: write, fsync, rename)
      gen-000007/        the database readers open, read-only; nobody writes to it
      write.lock         held (flock) by the one process writing
      readers/gen-000007.lock   held shared by each process reading that generation

A writer checkpoints the current generation into a new one (RocksDB hard-links its table
files, so this takes milliseconds whatever the store's size), writes there, and makes it
current only when it has finished. So:

- readers are never blocked by a build, and never see a half-finished one;
- a build that is killed, runs out of disk or fails leaves the store as it was;
- an Oxigraph database is never opened read-write where another process reads it
  (pyoxigraph documents that as undefined behaviour).

Old generations are deleted once no reader holds their lock. A folder written by earlier
versions (a bare RocksDB database) is checkpointed into the first generation on the first
write. Nothing here ever opens a folder that is not recognisably a store: pyoxigraph's
``Store(path)`` on a RocksDB folder whose CURRENT file is missing silently creates a new
empty database and deletes the old table files.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from kg.store.errors import StoreDamaged, StoreError, StoreLocked, StoreNotFound, first_line

CURRENT_FILE = "current"
WRITE_LOCK = "write.lock"
READERS = "readers"
ROCKSDB_CURRENT = "CURRENT"
_GENERATION = re.compile(r"^gen-(\d{6})$")
_OWN_FILES = {CURRENT_FILE, WRITE_LOCK, READERS}


def _generation_name(number: int) -> str:
    return f"gen-{number:06d}"


def os_error(exc: OSError, path: Path) -> StoreError:
    """One line for a file-system error on a store (disk full, permissions, ...)."""
    if exc.errno == errno.ENOSPC:
        return StoreError(f"store {path}: no space left on the device")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return StoreError(f"store {path}: permission denied")
    if exc.errno == errno.EROFS:
        return StoreError(f"store {path}: the file system is read-only")
    return StoreError(f"store {path}: {exc.strerror or first_line(exc)}")


@dataclass
class StoreFolder:
    """A store folder on disk; knows its layout, never opens a database itself."""

    path: Path

    # -- inspection -------------------------------------------------------------------
    def exists(self) -> bool:
        return self.path.exists()

    def is_legacy(self) -> bool:
        """A bare RocksDB database in the folder itself (inspection-kg 0.1)."""
        return (self.path / ROCKSDB_CURRENT).is_file() and not (self.path / CURRENT_FILE).is_file()

    def current(self) -> Path | None:
        """The database readers should open, checked; None for a store never written."""
        self._check_folder()
        marker = self.path / CURRENT_FILE
        if marker.is_file():
            name = marker.read_text(encoding="ascii", errors="replace").strip()
            if not _GENERATION.match(name):
                raise StoreDamaged(f"store {self.path}: its 'current' file is damaged ({name!r})")
            database = self.path / name
            self._check_database(database)
            return database
        if self.is_legacy():
            return self.path
        return None

    def _check_folder(self) -> None:
        if not self.path.exists():
            raise StoreNotFound(f"no store at {self.path} (ikg build makes one)")
        if not self.path.is_dir():
            raise StoreDamaged(f"store path {self.path} is a file, not a store folder")
        entries = {p.name for p in self.path.iterdir()}
        if not entries:
            return
        if CURRENT_FILE in entries or ROCKSDB_CURRENT in entries:
            return
        ours = _OWN_FILES | {f"{CURRENT_FILE}.partial"}
        if entries <= ours | {p for p in entries if _GENERATION.match(p)}:
            return  # generations but no marker: a first build that never finished
        if any(name.endswith(".sst") or name.startswith("MANIFEST-") for name in entries):
            raise StoreDamaged(
                f"store {self.path} is damaged: its RocksDB CURRENT file is missing "
                "(not opened, so nothing in it is touched; restore it from a backup)"
            )
        raise StoreDamaged(f"{self.path} is not an inspection-kg store (it holds other files)")

    def _check_database(self, database: Path) -> None:
        if not database.is_dir():
            raise StoreDamaged(f"store {self.path}: generation {database.name} is missing")
        if not (database / ROCKSDB_CURRENT).is_file():
            raise StoreDamaged(
                f"store {self.path} is damaged: {database.name}/CURRENT is missing "
                "(not opened, so nothing in it is touched)"
            )

    def is_empty_or_absent(self) -> bool:
        """Nothing written yet: absent, an empty folder, or only a first unfinished build."""
        if not self.path.exists():
            return True
        return self.current() is None

    # -- writing ----------------------------------------------------------------------
    def create(self) -> None:
        """Make the folder (for the commands that create stores)."""
        try:
            self.path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error(exc, self.path) from exc
        self._check_folder()

    def lock_for_writing(self) -> IO[str]:
        """The writer's lock, held until the handle is closed; StoreLocked if taken."""
        try:
            handle = (self.path / WRITE_LOCK).open("a+", encoding="ascii")
        except OSError as exc:
            raise os_error(exc, self.path) from exc
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise StoreLocked(
                f"store {self.path} is being written by {holder}; wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        return handle

    def new_generation(self) -> Path:
        """A fresh, unused generation folder name (not created)."""
        numbers = [int(m[1]) for p in self.path.iterdir() if (m := _GENERATION.match(p.name))]
        return self.path / _generation_name(max(numbers, default=0) + 1)

    def make_current(self, database: Path) -> None:
        """Point readers at ``database``: one atomic rename of a fsynced file."""
        marker = self.path / CURRENT_FILE
        partial = self.path / f"{CURRENT_FILE}.partial"
        try:
            with partial.open("w", encoding="ascii") as handle:
                handle.write(database.name + "\n")
                handle.flush()
                os.fsync(handle.fileno())
            partial.replace(marker)
            directory = os.open(self.path, os.O_RDONLY)
            try:
                os.fsync(directory)
            finally:
                os.close(directory)
        except OSError as exc:
            raise os_error(exc, self.path) from exc

    def remove_legacy_files(self) -> None:
        """After a legacy database was checkpointed into a generation, drop its files."""
        for entry in self.path.iterdir():
            if entry.name in _OWN_FILES or _GENERATION.match(entry.name):
                continue
            if entry.name.endswith(".partial"):
                continue
            if entry.is_dir():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)

    def collect_garbage(self, keep: Path) -> list[str]:
        """Delete generations other than ``keep`` that no reader holds; return their names."""
        removed = []
        for entry in sorted(self.path.iterdir()):
            if not _GENERATION.match(entry.name) or entry == keep:
                continue
            lock_path = self.path / READERS / f"{entry.name}.lock"
            try:
                lock_path.parent.mkdir(exist_ok=True)
                with lock_path.open("a+") as handle:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        continue  # a reader still has it open
                    shutil.rmtree(entry, ignore_errors=True)
                    lock_path.unlink(missing_ok=True)
                    removed.append(entry.name)
            except OSError:
                continue  # garbage stays for the next writer; never fail a commit on it
        return removed

    def discard(self, database: Path) -> None:
        """Delete an unfinished generation (a failed or interrupted write)."""
        shutil.rmtree(database, ignore_errors=True)

    # -- reading ----------------------------------------------------------------------
    def pin(self, database: Path) -> IO[str] | None:
        """Hold a shared lock on a generation so no writer deletes it while it is read."""
        if database == self.path:
            return None  # a legacy database is never deleted
        try:
            (self.path / READERS).mkdir(exist_ok=True)
            handle = (self.path / READERS / f"{database.name}.lock").open("a+")
        except OSError:
            return None  # a read-only file system: nobody can delete it either
        fcntl.flock(handle, fcntl.LOCK_SH)
        return handle
