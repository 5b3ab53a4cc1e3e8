"""`dcs ingest --engine dask`: the batch's per-document work on Dask workers, handed back as Parquet.

As in ``batch.run_batch``, the main process hashes every file and skips what the warehouse holds
as current, and is the warehouse's only writer. The rest go to Dask workers in *parts* of a few
files; a worker runs ``process_file`` on each (one ``Extractor`` per worker process, built on its
first part) and writes the part's results as one Parquet file (``warehouse.results_parquet``). The
main process stores each part as it completes and publishes along the way.

Without a scheduler address this starts a ``LocalCluster`` of worker processes on this machine
(local mode); with one (``tcp://host:8786``) the workers are a real cluster's, which must have
councildocs installed and see the input files and the results folder at the same paths.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from councildocs.batch import PUBLISH_EVERY, PUBLISH_SECONDS, BatchReport
from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import FileLimits
from councildocs.pipeline import DocumentResult, process_file

# A Dask task runs on a worker thread, where no timer can interrupt it, in a process Dask owns, whose
# memory Dask's own worker limit watches (it restarts a worker that goes over): bytes, pages and
# characters are this path's limits.
DASK_LIMITS = FileLimits(seconds=None, memory_bytes=None)

if TYPE_CHECKING:
    from distributed import Client

    from councildocs.extract.pipeline import Extractor

DASK_EXTRA = "dask"
INSTALL_HINT = f"pip install 'councildocs[{DASK_EXTRA}]' (in a clone: pip install -e '.[dev,{DASK_EXTRA}]')"
# Small parts balance the load across workers; a cap keeps a part's texts a modest file.
MAX_PART_FILES = 8
PARTS_PER_WORKER = 4
WORKERS_TIMEOUT = 60.0


class DaskEngineError(Exception):
    """The Dask engine cannot run (not installed, no scheduler, no workers, a part lost); the message says why."""


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as err:
        raise DaskEngineError(
            f"--engine dask needs Dask's distributed scheduler, which is not installed: {INSTALL_HINT}."
        ) from err


# -- worker side --------------------------------------------------------------------------------

_local = threading.local()


def _worker_extractor() -> Extractor:
    # One per worker thread: a spaCy pipeline is not shared between threads. Workers run one
    # thread each (threads_per_worker=1, `dask worker --nthreads 1`), so it is one per process.
    extractor = getattr(_local, "extractor", None)
    if extractor is None:
        from councildocs.extract.pipeline import Extractor

        extractor = _local.extractor = Extractor()
    return extractor


def process_part(paths: list[str], part: str, limits: FileLimits = DASK_LIMITS) -> str:
    """A Dask task: ``process_file`` on each path within ``limits``, the results written as the Parquet part ``part``."""
    from councildocs.extract.pipeline import EXTRACTOR_VERSION
    from councildocs.warehouse.results_parquet import write_part

    extractor = _worker_extractor()
    results = [process_file(Path(path), extractor, limits) for path in paths]
    write_part(results, Path(part), extractor_version=EXTRACTOR_VERSION)
    return part


# -- main side ----------------------------------------------------------------------------------


def run_dask(
    files: list[Path],
    warehouse,
    run_id: str,
    results_dir: Path,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    advance: Callable[[], None] = lambda: None,
    publish_every: int = PUBLISH_EVERY,
    publish_seconds: float = PUBLISH_SECONDS,
    limits: FileLimits = DASK_LIMITS,
) -> BatchReport:
    """Hash, skip what is current, process the rest on Dask and store each part's results as it arrives.

    ``results_dir`` receives this run's parts (created once there is work and a cluster). ``workers`` is the
    size of the local cluster; with ``scheduler`` the cluster's own workers are used. Publishing
    and ``advance`` work as in ``run_batch``.
    """
    from councildocs.warehouse.results_parquet import LoadReport, store_part

    report = BatchReport()
    todo: list[tuple[str, str | None]] = []
    for path in files:
        digest = _digest_of(path)
        if digest is not None and warehouse.is_current(digest):
            report.outcomes["unchanged"] += 1
            advance()
        else:
            # a cluster's workers have working directories of their own: they are given absolute paths
            todo.append((str(path.absolute() if scheduler else path), digest))
    if not todo:
        return report

    require_dask()
    from distributed import KilledWorker, as_completed

    results_dir = results_dir.absolute()  # workers may not share this process's working directory
    loaded = LoadReport()
    pending = 0  # stored since the last publish
    last_publish = time.monotonic()
    with _client(scheduler, min(workers, len(todo))) as client:
        slots = max(1, sum(client.nthreads().values()))
        results_dir.mkdir(parents=True, exist_ok=True)
        # Files of a task lost with a dying worker: retried one at a time once nothing else is
        # running, as run_batch does, so an innocent file that shared the worker is never blamed.
        suspects: deque[str] = deque()
        inflight: dict[str, tuple[list[str], bool]] = {}  # task key → (files, run alone)
        completed = as_completed()
        n_tasks = 0

        def submit(paths: list[str], alone: bool) -> None:
            nonlocal n_tasks
            name = f"{'alone' if alone else 'part'}-{n_tasks:05d}"
            n_tasks += 1
            future = client.submit(
                process_part, paths, str(results_dir / f"{name}.parquet"), limits, key=f"dcs-{run_id}-{name}", retries=0,
            )
            inflight[future.key] = (paths, alone)
            completed.add(future)

        # all at once: the scheduler balances them, and an adaptive cluster scales to what is queued
        for paths in _plan_parts(todo, _part_size(len(todo), slots)):
            submit(paths, alone=False)
        while suspects or inflight:
            if suspects and not inflight:
                submit([suspects.popleft()], alone=True)
            future = next(completed)
            paths, alone = inflight.pop(future.key)
            try:
                part = Path(future.result())
            except KilledWorker:
                # Dask retried the task on other workers (allowed-failures) and every one died
                if alone:
                    result = _worker_died(paths[0])
                    loaded.outcomes[warehouse.store(result, run_id)] += 1
                    loaded.failures.append(result)
                    pending += 1
                    advance()
                else:
                    suspects.extend(paths)
                continue
            except Exception as err:
                raise DaskEngineError(
                    f"A Dask worker failed on {', '.join(paths)} ({type(err).__name__}: {err})."
                ) from err
            finally:
                future.release()
            try:
                pending += store_part(warehouse, part, run_id, loaded, advance)
            except FileNotFoundError as err:
                raise DaskEngineError(
                    f"A worker wrote {part}, which this machine cannot see: give --parquet-dir a folder that "
                    "the workers and this machine share."
                ) from err
            due = pending >= publish_every or time.monotonic() - last_publish >= publish_seconds
            if publish_every and pending and due:
                warehouse.publish()
                report.publishes += 1
                pending = 0
                last_publish = time.monotonic()
    report.outcomes.update(loaded.outcomes)
    report.failures.extend(loaded.failures)
    return report


@contextmanager
def _client(scheduler: str | None, n_workers: int) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if scheduler is None:
        # processes, one thread each: extraction is pure Python and holds the GIL
        with LocalCluster(
            n_workers=max(1, n_workers), threads_per_worker=1, processes=True,
            dashboard_address=None, silence_logs=logging.ERROR,
        ) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=10)
    except (OSError, TimeoutError) as err:
        raise DaskEngineError(f"Could not reach the Dask scheduler at {scheduler} ({err}).") from err
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError as err:
            raise DaskEngineError(
                f"No worker joined the Dask scheduler at {scheduler} within {WORKERS_TIMEOUT:.0f} s: "
                f"start some with `dask worker {scheduler} --nthreads 1`."
            ) from err
        yield client


def _part_size(n_files: int, slots: int) -> int:
    return max(1, min(MAX_PART_FILES, math.ceil(n_files / (PARTS_PER_WORKER * slots))))


def _plan_parts(todo: list[tuple[str, str | None]], size: int) -> list[list[str]]:
    """Consecutive files in parts of about ``size``, copies of one content always in the same part.

    Within a part results are stored in file order, so the second copy of a content is stored
    after the first, as one process would store it, whichever part completes first.
    """
    groups: dict[str, list[str]] = {}
    for path, digest in todo:
        groups.setdefault(digest or f"path:{path}", []).append(path)
    parts: list[list[str]] = []
    current: list[str] = []
    for paths in groups.values():
        current.extend(paths)
        if len(current) >= size:
            parts.append(current)
            current = []
    if current:
        parts.append(current)
    return parts


def _digest_of(path: Path) -> str | None:
    from councildocs.ingest.reader import sha256_of_file

    try:
        return sha256_of_file(path)
    except (OSError, IngestError):
        return None  # process_file reports the file's problem with its code


def _worker_died(path: str) -> DocumentResult:
    return DocumentResult(
        source=path, sha256=_digest_of(Path(path)), error_code=str(ErrorCode.INTERNAL),
        error_message=(
            f"The Dask worker reading {Path(path).name} died (out of memory, or a crash in a parser) every time "
            "it was tried; the rest of the batch went on. Please report this file."
        ),
    )
