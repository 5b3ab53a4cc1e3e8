"""A batch of files through `process_file` on a pool of worker processes, stored by one writer.

The main process hashes every file first (an unchanged file costs a hash, not a parse), hands the
rest to ``process_file`` in worker processes (``spawn``; each builds its ``Extractor`` once, in the
pool's initializer), and is the warehouse's only writer: it stores each result as it arrives, one
transaction per document, and publishes every ``PUBLISH_EVERY`` documents or ``PUBLISH_SECONDS``
seconds, so a killed batch keeps what was published and a re-run skips it. With one worker (or one
file to do) everything runs in this process, without a pool.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.pipeline import DocumentResult, process_file

PUBLISH_EVERY = 25
PUBLISH_SECONDS = 10.0
# A publish copies the warehouse, so never spend more than about a tenth of the time publishing.
PUBLISH_COST_FACTOR = 10.0


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- worker side --------------------------------------------------------------------------------

_extractor = None


def _init_worker(parent_pid: int) -> None:
    """Pool initializer: one spaCy pipeline per worker, and no worker outliving a killed parent."""
    global _extractor
    # Each worker is one process on one core: library thread pools would only fight each other.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    from councildocs.extract.pipeline import Extractor

    _extractor = Extractor()


def _exit_with_parent(parent_pid: int) -> None:
    # A parent killed with SIGKILL cannot shut its pool down; its workers would wait for work forever.
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(1)


def _work(path: str) -> DocumentResult:
    return process_file(Path(path), _extractor)


class _InlineExecutor:
    """The pool's interface, run in this process (``--workers 1``): the extractor is built on first use."""

    def __init__(self) -> None:
        self._extractor = None

    def submit(self, fn: Callable, path: str) -> Future:
        if self._extractor is None:
            from councildocs.extract.pipeline import Extractor

            self._extractor = Extractor()
        future: Future = Future()
        future.set_result(process_file(Path(path), self._extractor))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


# -- main side ----------------------------------------------------------------------------------


@dataclass
class BatchReport:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[DocumentResult] = field(default_factory=list)
    publishes: int = 0


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
    advance: Callable[[], None] = lambda: None,
    publish_every: int = PUBLISH_EVERY,
    publish_seconds: float = PUBLISH_SECONDS,
) -> BatchReport:
    """Hash, skip what is current, process the rest (in ``workers`` processes) and store each result.

    The caller owns the warehouse session and publishes at its end; this publishes along the way,
    every ``publish_every`` documents or ``publish_seconds`` seconds (``publish_every=0``: never).
    ``advance`` is called once per file (for a progress bar).
    """
    from councildocs.ingest.reader import sha256_of_file

    report = BatchReport()
    todo: deque[tuple[str, str | None]] = deque()
    for path in files:
        # an unchanged file already extracted by this version costs a hash, not a parse
        try:
            digest = sha256_of_file(path)
        except (OSError, IngestError):
            digest = None  # process_file reports the file's problem with its code
        if digest is not None and warehouse.is_current(digest):
            report.outcomes["unchanged"] += 1
            advance()
        else:
            todo.append((str(path), digest))
    if not todo:
        return report

    n_workers = max(1, min(workers, len(todo)))
    publisher = _Publisher(warehouse, publish_every, publish_seconds)
    executor = _new_executor(n_workers)
    inflight: dict[Future, tuple[str, str | None]] = {}
    active: set[str] = set()  # digests being processed: a second copy waits for the first to be stored
    waiting: dict[str, list[tuple[str, str | None]]] = {}
    suspects: deque[str] = deque()  # files in flight when a worker died, retried one at a time
    tried_alone: set[str] = set()

    def submit(path: str, digest: str | None) -> bool:
        """Hand a file to the pool; False (the file back at the front of the queue) when the pool is broken."""
        try:
            future = executor.submit(_work, path)
        except BrokenProcessPool:
            todo.appendleft((path, digest))
            return False
        if digest is not None:
            active.add(digest)
        inflight[future] = (path, digest)
        return True

    def lost(path: str, digest: str | None) -> None:
        """A file in flight when a worker died: tried again alone, and failed if it kills that worker too."""
        if digest is not None:
            active.discard(digest)
        if path in tried_alone:
            store(_worker_died(path, digest), digest)
        else:
            suspects.append(path)

    def store(result: DocumentResult, digest: str | None) -> None:
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
        while todo or inflight or suspects:
            broken = False
            if suspects and not inflight:
                path = suspects.popleft()
                tried_alone.add(path)
                if not submit(path, _digest_of(path)):
                    todo.popleft()
                    suspects.appendleft(path)
                    broken = True
            while not broken and not suspects and todo and len(inflight) < 2 * n_workers:
                path, digest = todo.popleft()
                if digest is not None and digest in active:
                    waiting.setdefault(digest, []).append((path, digest))
                elif digest is not None and warehouse.is_current(digest):
                    report.outcomes["unchanged"] += 1
                    advance()
                else:
                    broken = not submit(path, digest)
            if inflight:
                done, _ = wait(inflight, timeout=publisher.due_in(), return_when=FIRST_COMPLETED)
                for future in [f for f in inflight if f in done]:  # in the order submitted
                    path, digest = inflight.pop(future)
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        broken = True
                        lost(path, digest)
                    else:
                        store(result, digest)
            if broken:
                # the pool fails every task in flight with it; each is retried alone in a new pool
                for future, (path, digest) in list(inflight.items()):
                    del inflight[future]
                    lost(path, digest)
                executor.shutdown(wait=False, cancel_futures=True)
                executor = _new_executor(n_workers)
            publisher.maybe_publish()
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
    report.publishes = publisher.count
    return report


def _new_executor(n_workers: int):
    if n_workers == 1:
        return _InlineExecutor()
    return ProcessPoolExecutor(
        max_workers=n_workers, mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker, initargs=(os.getpid(),),
    )


def _digest_of(path: str) -> str | None:
    from councildocs.ingest.reader import sha256_of_file

    try:
        return sha256_of_file(Path(path))
    except (OSError, IngestError):
        return None


def _worker_died(path: str, digest: str | None) -> DocumentResult:
    return DocumentResult(
        source=path, sha256=digest, error_code=str(ErrorCode.INTERNAL),
        error_message=(
            f"The worker process reading {Path(path).name} died (out of memory, or a crash in a parser); "
            "the rest of the batch went on. Please report this file."
        ),
    )
