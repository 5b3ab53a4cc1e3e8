"""A batch of files through `process_file` on a pool of worker processes, stored by one writer.

The main process hashes every file first (an unchanged file costs a hash, not a parse), hands the
rest to ``process_file`` in worker processes (``spawn``; each builds its ``Extractor`` once, in the
pool's initializer), and is the warehouse's only writer: it stores each result as it arrives, one
transaction per document, and publishes every ``PUBLISH_EVERY`` documents or ``PUBLISH_SECONDS``
seconds, so a killed batch keeps what was published and a re-run skips it. With one worker (or one
file to do) everything runs in this process, without a pool.

Each file is worked on within ``FileLimits`` (bytes, pages, characters, seconds and, in a batch,
memory), so a hostile file becomes a coded error. Ctrl-C or SIGTERM stops the batch cleanly: files
in progress are dropped (the next run does them), everything stored is published, and a second
Ctrl-C stops at once.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import BATCH_MEMORY_BYTES, FileLimits
from councildocs.pipeline import DocumentResult, process_file

PUBLISH_EVERY = 25
PUBLISH_SECONDS = 10.0
# A publish copies the warehouse, so never spend more than about a tenth of the time publishing.
PUBLISH_COST_FACTOR = 10.0
# How often the main process looks up from waiting on workers, to notice a stop request.
POLL_SECONDS = 0.5
BATCH_LIMITS = FileLimits(memory_bytes=BATCH_MEMORY_BYTES)


def default_workers() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


# -- worker side --------------------------------------------------------------------------------

_extractor = None
_limits = BATCH_LIMITS


def _init_worker(parent_pid: int, limits: FileLimits) -> None:
    """Pool initializer: one spaCy pipeline per worker, and no worker outliving a killed parent."""
    global _extractor, _limits
    _limits = limits
    # Ctrl-C in a terminal reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
    return process_file(Path(path), _extractor, _limits)


class _InlineExecutor:
    """The pool's interface, run in this process (``--workers 1``): the extractor is built on first use."""

    def __init__(self, limits: FileLimits) -> None:
        self._extractor = None
        self._limits = limits

    def submit(self, fn: Callable, path: str) -> Future:
        if self._extractor is None:
            from councildocs.extract.pipeline import Extractor

            self._extractor = Extractor()
        future: Future = Future()
        future.set_result(process_file(Path(path), self._extractor, self._limits))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass


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
    advance: Callable[[], None] = lambda: None,
    publish_every: int = PUBLISH_EVERY,
    publish_seconds: float = PUBLISH_SECONDS,
    limits: FileLimits = BATCH_LIMITS,
    on_stop: Callable[[], None] = lambda: None,
) -> BatchReport:
    """Hash, skip what is current, process the rest (in ``workers`` processes) and store each result.

    The caller owns the warehouse session and publishes at its end; this publishes along the way,
    every ``publish_every`` documents or ``publish_seconds`` seconds (``publish_every=0``: never).
    ``advance`` is called once per file (for a progress bar); ``on_stop`` when Ctrl-C or SIGTERM asks
    the batch to stop, after which it returns with ``report.not_done`` set.
    """
    with _StopRequest(on_stop) as stop:
        return _run_batch(files, warehouse, run_id, workers, advance, publish_every, publish_seconds, limits, stop)


def _run_batch(files, warehouse, run_id, workers, advance, publish_every, publish_seconds, limits,
               stop: _StopRequest) -> BatchReport:
    from councildocs.ingest.reader import sha256_of_file

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
    executor = _new_executor(n_workers, limits)
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
                due = publisher.due_in()
                timeout = POLL_SECONDS if due is None else min(due, POLL_SECONDS)
                done, _ = wait(inflight, timeout=timeout, return_when=FIRST_COMPLETED)
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
                executor = _new_executor(n_workers, limits)
            publisher.maybe_publish()
            if stop.requested:
                # files in progress are dropped, not waited for: the next run does them
                report.not_done = len(todo) + len(inflight) + len(suspects) + sum(map(len, waiting.values()))
                break
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        if stop.requested:
            _stop_workers()
    report.publishes = publisher.count
    return report


def _new_executor(n_workers: int, limits: FileLimits):
    if n_workers == 1:
        return _InlineExecutor(limits)
    # A worker started while Ctrl-C is ignored keeps ignoring it from its first instruction (Python leaves
    # an inherited SIG_IGN alone), so a Ctrl-C during spaCy's import prints no traceback from each worker.
    on_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if on_main else None
    try:
        executor = ProcessPoolExecutor(
            max_workers=n_workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker, initargs=(os.getpid(), limits),
        )
        for _ in range(n_workers):
            executor.submit(os.getpid)  # the pool starts a worker per task until it has n_workers
    finally:
        if on_main:
            signal.signal(signal.SIGINT, previous)
    return executor


def _stop_workers() -> None:
    """End the pool's workers now: at exit the pool would otherwise wait for the files they are on."""
    for child in multiprocessing.active_children():
        child.terminate()
    for child in multiprocessing.active_children():
        child.join(timeout=5)


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
