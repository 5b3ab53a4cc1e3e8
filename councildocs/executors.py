"""Who reads the files of a batch: the interface ``batch.run_batch`` drives, and its local implementation.

An executor takes files one at a time (``submit``) and hands back finished results (``results``),
each a ``DocumentResult`` that is never an exception: a file that over-runs its limits or kills the
process reading it comes back as a coded failure. Everything else a batch does (skipping unchanged
content, copies of one content, publishing, Ctrl-C) is ``run_batch``'s, written once for every
executor. Two implementations: :class:`LocalExecutor` (reader processes on this machine) and
``dask_engine.DaskExecutor`` (a reader process on each Dask worker).
"""

from __future__ import annotations

from multiprocessing.connection import wait
from typing import Protocol

from councildocs.ingest.limits import FileLimits
from councildocs.reader_process import WATCH_SECONDS, ReaderProcess
from councildocs.results import DocumentResult


class Executor(Protocol):
    # how many files it can work on at once; run_batch never has more than this in flight
    slots: int

    def submit(self, path: str) -> None:
        """Start on ``path`` (only when fewer than ``slots`` files are in flight)."""

    def results(self, timeout: float) -> list[tuple[str, DocumentResult]]:
        """Files finished since the last call, as ``(path as submitted, result)``; waits up to ``timeout`` for one."""

    def close(self) -> None:
        """Stop: work in flight is dropped (a re-run does it)."""


class LocalExecutor:
    """``workers`` reader processes on this machine, each reading one file at a time within ``limits``."""

    def __init__(self, workers: int, limits: FileLimits) -> None:
        self.readers = [ReaderProcess(limits) for _ in range(max(1, workers))]
        self.slots = len(self.readers)
        for reader in self.readers:
            reader.start()  # all load the extraction pipeline at once

    def submit(self, path: str) -> None:
        idle = next(reader for reader in self.readers if not reader.busy)
        idle.submit(path)

    def results(self, timeout: float) -> list[tuple[str, DocumentResult]]:
        done = self._finished()
        if not done:
            busy = [reader.waitable() for reader in self.readers if reader.busy and reader.waitable() is not None]
            # woken by a result at once; otherwise often enough to watch each file's clock and memory
            wait(busy, timeout=min(timeout, WATCH_SECONDS))
            done = self._finished()
        return done

    def _finished(self) -> list[tuple[str, DocumentResult]]:
        done = []
        for reader in self.readers:
            path = reader.path
            result = reader.poll()
            if result is not None:
                done.append((path, result))
        return done

    def close(self) -> None:
        for reader in self.readers:
            reader.close()
