"""File handling behind publishing: the writer lock, the working copy, and the atomic swap.

DuckDB allows one read-write process or many read-only ones on a file, never both, so the
writer never opens the published file at all:

* ``<db>``          the published snapshot. Only ever *replaced*, never written in place, so
                    readers (the dashboard) open it read-only at any time without lock errors.
* ``<db>.writing``  the writer's working copy: a fresh copy of the published file at the start
                    of a writing session, written document by document, then checkpointed,
                    closed and ``os.replace``d over ``<db>`` (atomic on one filesystem).
* ``<db>.lock``     held (``flock``) for the whole writing session, so a second writer waits a
                    bounded time (``wait_s``) and then fails with :class:`WarehouseBusy` naming
                    the holder, instead of racing on the working copy.

The published file is the single source of truth: a working copy left behind by a crashed
writer is discarded by the next writer rather than trusted. A reader that opened the old
snapshot keeps reading its (now unlinked) file until it closes; the next connection sees the
new one. Readers should keep connections short-lived (see ``queries``), which also keeps the
replace possible on platforms that refuse to replace an open file.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

from councildocs.warehouse.errors import WarehouseBusy, WarehouseError

try:
    import fcntl
except ImportError:  # Windows: DuckDB's own lock on the working copy is the only writer guard there
    fcntl = None  # type: ignore[assignment]


def working_path(published: Path) -> Path:
    return published.with_name(published.name + ".writing")


def lock_path(published: Path) -> Path:
    return published.with_name(published.name + ".lock")


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


class WriterLock:
    """An exclusive lock on ``<db>.lock`` held while a process writes the warehouse.

    The holder writes who it is (pid and command line) into the lock file, so a writer that cannot
    get the lock can say which process has it.
    """

    POLL_S = 0.1

    def __init__(self, published: Path):
        self.path = lock_path(published)
        self._fd: int | None = None

    def acquire(self, wait_s: float = 0.0) -> None:
        """Take the lock, waiting up to ``wait_s`` seconds for another writer to finish; else
        :class:`WarehouseBusy` naming that writer."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if fcntl is not None:
            deadline = time.monotonic() + max(0.0, wait_s)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        os.close(fd)
                        db = self.path.with_suffix("")
                        waited = f"; waited {wait_s:g} s" if wait_s > 0 else ""
                        raise WarehouseBusy(
                            f"Another process ({self.holder() or 'unknown'}) is writing {db}{waited}. "
                            "Run again when it has finished, or give --wait more seconds."
                        ) from None
                    time.sleep(self.POLL_S)
            os.ftruncate(fd, 0)
            os.write(fd, f"pid {os.getpid()}: {_command_line()}".encode("utf-8", "backslashreplace"))
        self._fd = fd

    def holder(self) -> str:
        """Who holds the lock, as its holder wrote it ("pid 1234: dcs ingest corpus/real"), or ""."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace").strip()[:200]
        except OSError:
            return ""

    def release(self) -> None:
        # The lock file stays on disk: deleting it would let two writers lock two different files.
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _command_line() -> str:
    args = [Path(sys.argv[0]).name, *sys.argv[1:]] if sys.argv and sys.argv[0] else ["python"]
    return " ".join(args)[:160]


def prepare_working_copy(published: Path) -> Path:
    """Start a writing session (lock held): a fresh working copy of the published file, or none if there is none yet."""
    work = working_path(published)
    discard_working_copy(published)
    if published.exists():
        if wal_path(published).exists():
            # Only a process other than ours writes a WAL beside the published file; copying
            # the file without it would silently drop that process's last transactions.
            raise WarehouseError(
                f"{published} has an uncheckpointed write-ahead log ({wal_path(published).name}); "
                "open it once with DuckDB read-write and run CHECKPOINT, then retry."
            )
        tmp = published.with_name(published.name + ".copying")
        try:
            shutil.copyfile(published, tmp)
            os.replace(tmp, work)
        except OSError as err:  # a full disk or a read-only folder: no half copy left behind
            tmp.unlink(missing_ok=True)
            raise WarehouseError(f"Cannot make a working copy of {published}: {err.strerror or err}.") from err
    return work


def discard_working_copy(published: Path) -> None:
    work = working_path(published)
    for leftover in (work, wal_path(work)):
        leftover.unlink(missing_ok=True)


def publish_working_copy(published: Path) -> None:
    """Swap the (checkpointed, closed) working copy in as the published file."""
    work = working_path(published)
    if wal_path(work).exists():
        raise WarehouseError(f"{work} still has a write-ahead log; checkpoint and close it before publishing.")
    os.replace(work, published)
    _fsync_directory(published.parent)


def _fsync_directory(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on every platform.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
