"""`dcs ingest --engine dask`: the batch's files read on Dask workers, each result handed back as Parquet.

``batch.run_batch`` drives it as it drives the local executor (the same checks, skipping, copies,
publishing and Ctrl-C); only where a file is read differs. Each file is a task; on the worker it is
read by that worker's ``ReaderProcess`` within the same limits as locally (time and memory enforced
from outside the reading process), and its result is written as a one-row Parquet part
(``warehouse.results_parquet``), which the main process stores and then removes.

Without a scheduler address this starts a ``LocalCluster`` of worker processes on this machine
(local mode); with one (``tcp://host:8786``) the workers are a real cluster's, which must have
councildocs installed and see the input files and the results folder at the same paths.
"""

from __future__ import annotations

import logging
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from councildocs.ingest.errors import ErrorCode
from councildocs.ingest.limits import FileLimits
from councildocs.ingest.names import printable
from councildocs.reader_process import ReaderProcess
from councildocs.results import DocumentResult

if TYPE_CHECKING:
    from distributed import Client

DASK_EXTRA = "dask"
INSTALL_HINT = f"pip install 'councildocs[{DASK_EXTRA}]' (in a clone: pip install -e '.[dev,{DASK_EXTRA}]')"
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

_readers: dict[FileLimits, ReaderProcess] = {}


def read_on_worker(path: str, part: str, limits: FileLimits) -> str:
    """A Dask task: one file read by this worker's reader process within ``limits``, written as the Parquet part ``part``.

    The reader process (one per worker, kept between tasks) is bounded from here exactly as the local
    executor bounds its readers, so a file costs the same coded error on both engines.
    """
    from councildocs.extract.pipeline import EXTRACTOR_VERSION
    from councildocs.warehouse.results_parquet import write_part

    reader = _readers.get(limits)
    if reader is None:
        reader = _readers[limits] = ReaderProcess(limits)
    write_part([reader.read(path)], Path(part), extractor_version=EXTRACTOR_VERSION)
    return part


# -- main side ----------------------------------------------------------------------------------


class DaskExecutor:
    """The executor of ``run_batch`` on Dask: a task per file, each result handed back as a Parquet part.

    Without a scheduler address this starts a ``LocalCluster`` of ``workers`` processes; with one,
    the cluster's workers are used. A part is removed once its result is stored, and the run's folder
    when the run is over (unless ``keep_parts``): the parts hold documents' unmasked text.
    """

    def __init__(self, results_dir: Path, run_id: str, limits: FileLimits, *, workers: int = 1,
                 scheduler: str | None = None, keep_parts: bool = False) -> None:
        require_dask()
        from distributed import as_completed

        self._stack = ExitStack()
        self._client = self._stack.enter_context(_client(scheduler, workers))
        self._scheduler = scheduler
        self._results_dir = results_dir.absolute()  # workers may not share this process's working directory
        try:
            self._results_dir.mkdir(parents=True, exist_ok=True)
        except BaseException:
            self._stack.close()
            raise
        self._run_id = run_id
        self._limits = limits
        self._keep_parts = keep_parts
        self._completed = as_completed()
        self._inflight: dict[str, str] = {}  # task key -> path as submitted
        self._n_tasks = 0
        # two files queued per worker thread, so none waits for the main process between files
        self.slots = 2 * max(1, sum(self._client.nthreads().values()))

    def submit(self, path: str) -> None:
        name = f"part-{self._n_tasks:05d}"
        self._n_tasks += 1
        # a cluster's workers have working directories of their own: they are given absolute paths
        target = str(Path(path).absolute()) if self._scheduler else path
        future = self._client.submit(
            read_on_worker, target, str(self._results_dir / f"{name}.parquet"), self._limits,
            key=f"dcs-{self._run_id}-{name}", retries=0,
        )
        self._inflight[future.key] = path
        self._completed.add(future)

    def results(self, timeout: float) -> list[tuple[str, DocumentResult]]:
        from distributed import KilledWorker
        from distributed.client import FuturesCancelledError

        from councildocs.warehouse.results_parquet import read_part

        deadline = time.monotonic() + timeout
        batch = self._completed.next_batch(block=False)
        while not batch and time.monotonic() < deadline:
            time.sleep(0.02)
            batch = self._completed.next_batch(block=False)
        done = []
        for future in batch:
            path = self._inflight.pop(future.key)
            try:
                part = Path(future.result())
            except KilledWorker:
                # Dask tried the task on other workers (allowed-failures) and every one died
                done.append((path, _worker_died(path)))
                continue
            except FuturesCancelledError:
                continue
            except Exception as err:
                raise DaskEngineError(f"A Dask worker failed on {path} ({type(err).__name__}: {err}).") from err
            finally:
                future.release()
            try:
                [result] = read_part(part)
            except FileNotFoundError as err:
                raise DaskEngineError(
                    f"A worker wrote {part}, which this machine cannot see: give --parquet-dir a folder that "
                    "the workers and this machine share."
                ) from err
            if not self._keep_parts:
                part.unlink(missing_ok=True)
            done.append((path, result))
        return done

    def close(self) -> None:
        try:
            self._stack.close()
        finally:
            if not self._keep_parts:
                # a stopped run's parts are not loaded by the next one (it reads the files again)
                shutil.rmtree(self._results_dir, ignore_errors=True)
                with suppress(OSError):
                    self._results_dir.parent.rmdir()  # the <db>.parquet folder, when no other run keeps parts


@contextmanager
def _client(scheduler: str | None, n_workers: int) -> Iterator[Client]:
    from distributed import Client, LocalCluster

    if scheduler is None:
        # Worker processes started while Ctrl-C is ignored keep ignoring it (Python and asyncio leave an
        # inherited SIG_IGN alone): a Ctrl-C from the terminal reaches the whole process group, and the
        # batch, not each worker with a traceback, decides what stops.
        on_main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if on_main else None
        try:
            # processes, one thread each: extraction is pure Python and holds the GIL. distributed's own log lines
            # (a worker's heartbeat failing as the cluster closes, with its traceback) are not for the user: the
            # batch reports every file's outcome itself.
            cluster = LocalCluster(
                n_workers=max(1, n_workers), threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.CRITICAL,
            )
        finally:
            if on_main:
                signal.signal(signal.SIGINT, previous)
        with cluster, Client(cluster) as client:
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


def _worker_died(path: str) -> DocumentResult:
    return DocumentResult.failed(printable(path), None, ErrorCode.INTERNAL, (
        f"The Dask worker reading {printable(Path(path).name)} died every time it was tried (a crash, or the "
        "worker ran out of memory); the rest of the batch went on. Please report this file."
    ))
