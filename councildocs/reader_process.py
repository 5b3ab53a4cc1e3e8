"""Reading files in a child process whose time and memory are bounded from outside.

A timer inside the process that does the work cannot stop a parser that is in C (an HTML parser on
deeply nested tags, zlib inflating a bomb, a font library), and a memory limit set by a server on
itself would limit the server. So every file that `dcs extract`, `dcs ingest` (on either executor)
and the dashboard's upload page reads goes to a :class:`ReaderProcess`: a child Python process that
builds its ``Extractor`` once and then reads one file at a time with ``pipeline.process_file``. The
parent, which does no parsing, enforces the limits:

- **time**: the clock starts when the child takes the file; at ``limits.seconds`` the parent kills
  the child (SIGKILL: nothing in the child can ignore it) and the file is ``timed_out``;
- **memory**: ``limits.memory_bytes`` is what the child may hold resident in all (about 230 MiB of it
  is the idle child with its spaCy pipeline). The child lowers its own address-space limit before
  each file (a bomb fails inside with ``MemoryError``, reported ``too_large`` with its stage), and the
  parent samples the child's resident memory and kills it once it passes the limit: also ``too_large``;
- **a crash** (a segfault in a parser, the kernel's OOM killer): the file is tried once more in a
  fresh child, alone, and ``internal_error`` if that one dies too; a child that dies near its
  memory limit (a C library aborting when malloc fails) makes the file ``too_large``.

A killed child is replaced by a new one on the next file, and so is one left holding much more
memory than it did idle (each file starts with the room the limit promises). The child is started with
``subprocess`` rather than ``multiprocessing`` so that it works the same from a Dask worker (a
daemonic process, which ``multiprocessing`` forbids to have children) and from the Streamlit
server, and it exits by itself when its parent dies. Results come back as ``DocumentResult.to_dict``.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from multiprocessing.connection import Connection, wait
from pathlib import Path

from councildocs.ingest.errors import ErrorCode
from councildocs.ingest.limits import MiB, FileLimits
from councildocs.ingest.names import printable
from councildocs.results import DocumentResult

# How often the parent looks at a working child's clock and memory.
WATCH_SECONDS = 0.1
# A child that does not say it is ready within this long (importing spaCy, loading the model) is broken.
START_SECONDS = 180.0
TRIES = 2  # a file whose reader dies is tried once more, alone, before it is failed
# The parent kills a child whose resident memory passes this share of the limit, so that, sampled every
# WATCH_SECONDS, it never reaches the limit itself.
KILL_SHARE = 0.95
# A child that dies after its memory reached this share of the limit, or by SIGABRT, died of the limit
# (a C library that aborts when malloc fails under RLIMIT_AS, instead of raising MemoryError): too_large,
# not retried.
NEAR_LIMIT = 0.75
# After a file, a child holding more than its idle size plus this share of the room it had is
# replaced: Python rarely gives memory back, and the next file would start with too little room.
RECYCLE_SHARE = 0.25


class ReaderProcess:
    """One child process reading files one at a time, within ``limits`` enforced from this process."""

    def __init__(self, limits: FileLimits) -> None:
        self.limits = limits
        self._process: subprocess.Popen | None = None
        self._conn: Connection | None = None
        self._ready = False
        self.path: str | None = None  # the file being read
        self._started = 0.0
        self._tries = 0
        self._idle_rss = 0
        self._peak_rss = 0
        self._lock = threading.Lock()

    # -- lifecycle ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the child now (it loads the extraction pipeline); a file given before it is ready waits for it."""
        if self._process is not None:
            return
        parent_reads, child_writes = os.pipe()
        child_reads, parent_writes = os.pipe()
        self._process = subprocess.Popen(
            [sys.executable, "-m", "councildocs.reader_process", str(child_reads), str(child_writes), str(os.getpid())],
            # its failures come back as coded results; what a C library prints as it dies is noise to a user
            pass_fds=(child_reads, child_writes), stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Its own session: a kill takes what it started too (tesseract for OCR), and a Ctrl-C in the
            # terminal reaches only the parent, which decides what stops. (No preexec_fn: it is unsafe in a
            # threaded parent such as the dashboard's server or a Dask worker.)
            start_new_session=True,
            env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"},
        )
        os.close(child_reads)
        os.close(child_writes)
        self._conn = _Duplex(parent_reads, parent_writes)
        self._conn.send(dataclasses.asdict(self.limits))
        self._ready = False
        self._ready_deadline = time.monotonic() + START_SECONDS

    def close(self) -> None:
        """Stop the child (what it is reading is dropped)."""
        if self._process is not None:
            _kill(self._process)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None
        self._ready = False

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    # -- work -----------------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.path is not None

    def submit(self, path: str) -> None:
        if self.busy:
            raise RuntimeError("this reader is already reading a file")
        self.path = path
        self._tries = 0
        self.start()
        self._send_if_ready()

    def waitable(self) -> Connection | None:
        """What ``multiprocessing.connection.wait`` can wait on for this reader's next message."""
        return self._conn

    def poll(self) -> DocumentResult | None:
        """The current file's result when there is one: read, or failed by its limits or a dead child."""
        if self.path is None or self._conn is None:
            return None
        try:
            while self._conn.poll():
                message = self._conn.recv()
                if message == "ready":
                    self._ready = True
                    self._idle_rss = _rss(self._process.pid)
                    self._send_if_ready()
                else:
                    self._recycle_if_grown()
                    return self._done(DocumentResult.from_dict(message))
        except (EOFError, OSError):
            return self._died()
        if not self._ready:
            if self._reap(block=False) is not None:
                return self._died()
            if time.monotonic() > self._ready_deadline:
                self.close()
                return self._failed(ErrorCode.INTERNAL, (
                    f"The process to read {printable(Path(self.path).name)} did not start within "
                    f"{START_SECONDS:.0f} seconds (the machine is overloaded, or the installation is broken)."
                ))
            return None
        return self._watch()

    def read(self, path: str) -> DocumentResult:
        """Read one file and wait for its result (the synchronous use: `dcs extract`, an upload, a Dask task).

        Safe to call from several threads (a server's sessions): they take turns.
        """
        with self._lock:
            self.submit(path)
            while True:
                result = self.poll()
                if result is not None:
                    return result
                wait([self._conn], timeout=WATCH_SECONDS)

    # -- inside poll ----------------------------------------------------------------------------

    def _send_if_ready(self) -> None:
        if self._ready and self.path is not None:
            self._conn.send(self.path)
            self._started = time.monotonic()
            self._peak_rss = 0

    def _watch(self) -> DocumentResult | None:
        """Kill the child when the file over-runs its time or memory; None while it is within both."""
        limits = self.limits
        name = printable(Path(self.path).name)
        if limits.seconds and time.monotonic() - self._started > limits.seconds:
            self.close()
            return self._failed(ErrorCode.TIMED_OUT, (
                f"{name} took more than {limits.seconds:g} seconds and was stopped. If it is a very long "
                "document, split it; if it is short, it is probably malformed: re-save it in a PDF viewer."
            ))
        rss = _rss(self._process.pid)
        self._peak_rss = max(self._peak_rss, rss)
        # stopped a little short of the limit: between two samples it may grow by tens of MB
        if limits.memory_bytes and rss > KILL_SHARE * limits.memory_bytes:
            self.close()
            return self._too_large()
        if self._reap(block=False) is not None:
            return self._died()
        return None

    def _reap(self, block: bool) -> int | None:
        """The child's exit status once it has ended, None while it runs (``block``: wait a little for it).

        Reaped here with ``wait4`` rather than by ``Popen.poll`` for the kernel's record of the child's peak
        resident memory (``ru_maxrss``): a child that died of its memory limit between two samples is
        still known to have reached it.
        """
        process = self._process
        deadline = time.monotonic() + (5.0 if block else 0.0)
        while process.returncode is None:
            try:
                pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere
                return process.poll()
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                self._peak_rss = max(self._peak_rss, usage.ru_maxrss * 1024)  # KiB on Linux
                break
            if time.monotonic() >= deadline:
                return None
            time.sleep(0.01)
        return process.returncode

    def _recycle_if_grown(self) -> None:
        limit = self.limits.memory_bytes
        if limit and _rss(self._process.pid) > self._idle_rss + RECYCLE_SHARE * max(0, limit - self._idle_rss):
            self.close()  # a new child is started for the next file

    def _died(self) -> DocumentResult | None:
        """The child ended while reading: the file is tried again in a new child, then failed."""
        returncode = self._reap(block=True)
        self.close()
        limit = self.limits.memory_bytes
        # under its address-space limit, a C library whose malloc fails aborts (SIGABRT) rather than raise
        if limit and (self._peak_rss >= NEAR_LIMIT * limit or returncode == -signal.SIGABRT):
            return self._too_large()
        self._tries += 1
        if self._tries < TRIES:
            self.start()
            return None
        return self._failed(ErrorCode.INTERNAL, (
            f"The process reading {printable(Path(self.path).name)} died every time it was tried (a crash in a "
            "parser, or the machine ran out of memory); the rest of the batch went on. Please report this file."
        ))

    def _too_large(self) -> DocumentResult:
        return self._failed(ErrorCode.TOO_LARGE, (
            f"{printable(Path(self.path).name)} needed more than the {self.limits.memory_bytes / MiB:.0f} MiB of memory "
            "a reader may hold and was stopped: it holds an enormous stream, image or set of fonts. Re-save it in a PDF viewer, or "
            "extract the pages you need."
        ))

    def _failed(self, code: ErrorCode, message: str) -> DocumentResult:
        return self._done(DocumentResult.failed(printable(self.path), None, code, message))

    def _done(self, result: DocumentResult) -> DocumentResult:
        self.path = None
        return result


class _Duplex(Connection):
    """One end of the parent-child link: messages out on one pipe, in on the other."""

    def __init__(self, read_fd: int, write_fd: int) -> None:
        super().__init__(read_fd, writable=False)
        self._out = Connection(write_fd, readable=False)

    def send(self, obj) -> None:
        self._out.send(obj)

    def close(self) -> None:
        self._out.close()
        super().close()


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # the reader and anything it started (tesseract)
        except (ProcessLookupError, PermissionError):
            process.kill()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:  # a process stuck in the kernel; it is reaped with ours
        pass


def _rss(pid: int) -> int:
    """Resident memory of ``pid`` in bytes (0 where /proc does not say: the child's own limit still holds)."""
    try:
        with open(f"/proc/{pid}/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


# -- the child ------------------------------------------------------------------------------------


def _exit_with_parent(parent_pid: int) -> None:
    # a parent killed with SIGKILL cannot stop its reader, which would otherwise wait for work forever
    while True:
        time.sleep(1.0)
        if os.getppid() != parent_pid:
            os._exit(1)


def _serve(read_fd: int, write_fd: int, parent_pid: int) -> None:
    from councildocs.extract.pipeline import Extractor
    from councildocs.pipeline import process_file

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # only the parent decides what stops
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()
    inbox = Connection(read_fd, writable=False)
    outbox = Connection(write_fd, readable=False)
    # the parent keeps the clock: no alarm in here
    limits = dataclasses.replace(FileLimits(**inbox.recv()), seconds=None)
    extractor = Extractor()
    outbox.send("ready")
    while True:
        try:
            path = inbox.recv()
        except EOFError:  # the parent closed the link: no more files
            return
        outbox.send(process_file(Path(path), extractor, limits).to_dict())


if __name__ == "__main__":
    _serve(int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
