"""A batch of files read by an executor and stored by one writer: the one batch loop of every engine.

The main process checks every file first (``stat``, then its hash: an unchanged file costs a hash,
not a parse), hands the rest to an executor (``executors.LocalExecutor``: reader processes on this
machine; ``dask_engine.DaskExecutor``: a Dask cluster's workers), and is the warehouse's only
writer: it stores each result as it arrives, one transaction per document, and publishes every
``PUBLISH_EVERY`` documents or ``PUBLISH_SECONDS`` seconds, so a killed batch keeps what was
published and a re-run skips it. Copies of one content are read once: a second copy waits for the
first to be stored and is then found current.

Each file is read within ``FileLimits`` (bytes, pages, characters, seconds, memory), enforced by the
reader process's parent (``reader_process``), so a hostile file becomes a coded error on every
executor. Ctrl-C or SIGTERM stops the batch cleanly: files in progress are dropped (the next run does
them), everything stored is published, and a second Ctrl-C stops at once.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from councildocs.executors import Executor, LocalExecutor
from councildocs.ingest.errors import IngestError
from councildocs.ingest.limits import READER_LIMITS, FileLimits
from councildocs.results import DocumentResult

PUBLISH_EVERY = 25
PUBLISH_SECONDS = 10.0
# A publish copies the warehouse, so never spend more than about a tenth of the time publishing.
PUBLISH_COST_FACTOR = 10.0
# How often the main process looks up from waiting on workers, to notice a stop request.
POLL_SECONDS = 0.5
BATCH_LIMITS = READER_LIMITS


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- main side ----------------------------------------------------------------------------------


@dataclass
class BatchReport:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[DocumentResult] = field(default_factory=list)
    publishes: int = 0
    # files not done because the batch was asked to stop (Ctrl-C, SIGTERM); a re-run does them
    not_done: int = 0

    @property
    def stopped(self) -> bool:
        return self.not_done > 0


class _StopRequest:
    """Ctrl-C and SIGTERM, turned into a flag the batch checks between files. The handlers are only
    installed on the main thread; a second Ctrl-C raises KeyboardInterrupt as usual."""

    def __init__(self, on_stop: Callable[[], None]):
        self.requested = False
        self._on_stop = on_stop
        self._previous: dict[int, object] = {}

    def __enter__(self) -> _StopRequest:
        if threading.current_thread() is threading.main_thread():
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.requested = True
        signal.signal(signal.SIGINT, signal.default_int_handler)
        self._on_stop()

    def __exit__(self, *exc) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


class _Publisher:
    """Publishes the warehouse every so many documents or seconds, whichever comes first."""

    def __init__(self, warehouse, every: int, seconds: float):
        self.warehouse = warehouse
        self.every = every
        self.seconds = seconds
        self.pending = 0
        self.last = time.monotonic()
        self.cost = 0.0
        self.count = 0

    def stored(self) -> None:
        self.pending += 1

    def due_in(self) -> float | None:
        """Seconds until a publish is due (None when there is nothing to publish, or ``every`` is 0)."""
        if not self.pending or not self.every:
            return None
        interval = 0.0 if self.pending >= self.every else self.seconds
        # documents arriving fast still wait out ten times what the last publish cost
        interval = max(interval, PUBLISH_COST_FACTOR * self.cost)
        return max(0.0, self.last + interval - time.monotonic())

    def maybe_publish(self) -> None:
        due = self.due_in()
        if due is not None and due <= 0:
            self.publish()

    def publish(self) -> None:
        started = time.monotonic()
        self.warehouse.publish()
        # the next working copy (a copy of the published file) is part of the cost: make it now
        self.warehouse.is_current("")
        self.last = time.monotonic()
        self.cost = self.last - started
        self.pending = 0
        self.count += 1


def run_batch(
    files: list[Path],
    warehouse,
    run_id: str,
    *,
    workers: int = 1,
    executor: Callable[[int], Executor] | None = None,
    advance: Callable[[], None] = lambda: None,
    publish_every: int = PUBLISH_EVERY,
    publish_seconds: float = PUBLISH_SECONDS,
    limits: FileLimits = BATCH_LIMITS,
    on_stop: Callable[[], None] = lambda: None,
    retry_failed: bool = False,
) -> BatchReport:
    """Check, skip what is current, read the rest on an executor and store each result.

    ``executor(n)`` makes the executor for ``n`` files to do, once there is work (default: a
    ``LocalExecutor`` of up to ``workers`` reader processes within ``limits``). The caller owns the
    warehouse session and publishes at its end; this publishes along the way, every
    ``publish_every`` documents or ``publish_seconds`` seconds (``publish_every=0``: never).
    ``advance`` is called once per file (for a progress bar); ``on_stop`` when Ctrl-C or SIGTERM asks
    the batch to stop, after which it returns with ``report.not_done`` set. ``retry_failed`` reads again
    the files whose failure is settled (too large, timed out, corrupt…), which are otherwise skipped.
    """
    make = executor or (lambda n: LocalExecutor(min(workers, n), limits))
    with _StopRequest(on_stop) as stop:
        return _run_batch(files, warehouse, run_id, make, advance, publish_every, publish_seconds, limits, stop,
                          retry_failed)


def _run_batch(files, warehouse, run_id, make_executor, advance, publish_every, publish_seconds, limits,
               stop: _StopRequest, retry_failed: bool) -> BatchReport:
    from councildocs.ingest.reader import sha256_of_file

    def is_current(digest: str) -> bool:
        return warehouse.is_current(digest, settled_failures=not retry_failed)

    report = BatchReport()
    todo: deque[tuple[str, str | None]] = deque()
    for index, path in enumerate(files):
        if stop.requested:
            report.not_done = len(files) - index + len(todo)
            return report
        # an unchanged file already extracted by this version costs a hash, not a parse
        try:
            # refuses a pipe, a device or an oversized file before opening it (see sha256_of_file)
            digest = sha256_of_file(path, limits.max_bytes)
        except (OSError, IngestError):
            digest = None  # the reader reports the file's problem with its code
        if digest is not None and is_current(digest):
            report.outcomes["unchanged"] += 1
            advance()
        else:
            todo.append((str(path), digest))
    if not todo:
        return report

    publisher = _Publisher(warehouse, publish_every, publish_seconds)
    executor = make_executor(len(todo))
    inflight: dict[str, list[str | None]] = {}  # path -> digests of the copies submitted under it
    active: set[str] = set()  # digests being read: a second copy waits for the first to be stored
    waiting: dict[str, list[tuple[str, str | None]]] = {}

    def store(result: DocumentResult, digest: str | None) -> None:
        if result.sha256 is None and digest is not None:
            result.sha256 = digest  # a file failed from outside (killed) is still known by its content
        outcome = warehouse.store(result, run_id)
        report.outcomes[outcome] += 1
        if not result.ok:
            report.failures.append(result)
        publisher.stored()
        advance()
        if digest is not None:
            active.discard(digest)
            # the same content under another name: what one process would do with it next
            for later in reversed(waiting.pop(digest, [])):
                todo.appendleft(later)

    try:
        while todo or inflight:
            while todo and sum(map(len, inflight.values())) < executor.slots:
                path, digest = todo.popleft()
                if digest is not None and digest in active:
                    waiting.setdefault(digest, []).append((path, digest))
                elif digest is not None and warehouse.is_current(digest):  # a copy of what was just stored
                    report.outcomes["unchanged"] += 1
                    advance()
                else:
                    executor.submit(path)
                    inflight.setdefault(path, []).append(digest)
                    if digest is not None:
                        active.add(digest)
            if inflight:
                due = publisher.due_in()
                for path, result in executor.results(POLL_SECONDS if due is None else min(due, POLL_SECONDS)):
                    digests = inflight[path]
                    digest = digests.pop(0)
                    if not digests:
                        del inflight[path]
                    store(result, digest)
            publisher.maybe_publish()
            if stop.requested:
                # files in progress are dropped, not waited for: the next run does them
                in_flight = sum(map(len, inflight.values()))
                report.not_done = len(todo) + in_flight + sum(map(len, waiting.values()))
                break
    finally:
        executor.close()
    report.publishes = publisher.count
    return report
