"""Per-file limits, so one hostile or enormous file costs a coded error, never the batch.

Bytes and pages are checked before parsing (``reader`` and ``pdf`` read them from here). Time and
memory can only be bounded while the file is being worked on. The real bounds are enforced from
outside, by the parent of the process reading the file (``councildocs.reader_process``: it kills the
reader at ``seconds`` or when its resident memory passes ``memory_bytes``). Inside the reader,
``within_limits`` also lowers the address-space limit so that the process can grow by no more than
what is left of ``memory_bytes``: a decompression bomb then fails with ``MemoryError`` where it
allocates, and is reported with the stage it reached. ``within_limits`` also arms a timer when asked
(for a library caller reading in its own main thread; a timer cannot interrupt C code).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

try:
    import resource
except ImportError:  # not on Unix: no memory limit
    resource = None  # type: ignore[assignment]

MiB = 1024 * 1024


@dataclass(frozen=True)
class FileLimits:
    """What one file may cost. ``None`` turns a limit off."""

    max_bytes: int | None = 200 * MiB
    max_pages: int | None = 2000
    # The extract stage's spaCy pipeline accepts up to 5 million characters (``extract.nlp``).
    max_text_chars: int | None = 5_000_000
    seconds: float | None = 300.0
    # all the resident memory of the process reading the file (its extraction pipeline included)
    memory_bytes: int | None = None


# What a reader process may hold in all; idle, with its spaCy pipeline, it holds about 230 MiB.
BATCH_MEMORY_BYTES = 1536 * MiB
# The limits of every reader process (councildocs.reader_process): `dcs extract`, `dcs ingest` on
# either executor, and the dashboard's uploads.
READER_LIMITS = FileLimits(memory_bytes=BATCH_MEMORY_BYTES)


class TimeLimitExceeded(BaseException):
    """Raised into the work when a file's time is up. A BaseException, like KeyboardInterrupt, so
    that parsers which catch ``Exception`` around damaged objects cannot swallow it."""


@contextmanager
def within_limits(limits: FileLimits) -> Iterator[None]:
    """Run the body under ``limits.seconds`` and ``limits.memory_bytes`` (where this process can)."""
    with _time_limit(limits.seconds), _memory_limit(limits.memory_bytes):
        yield


@contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum, frame):
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _statm() -> tuple[int, int] | None:
    """This process's address space and resident memory, in bytes (None where /proc does not say)."""
    try:
        with open(f"/proc/{os.getpid()}/statm") as statm:
            size, resident = statm.read().split()[:2]
    except (OSError, ValueError):
        return None
    page = os.sysconf("SC_PAGE_SIZE")
    return int(size) * page, int(resident) * page


# However little is left of the limit, a file gets this much room to fail in with MemoryError.
MIN_HEADROOM = 16 * MiB
HEADROOM_SHARE = 0.9


@contextmanager
def _memory_limit(memory_bytes: int | None) -> Iterator[None]:
    """Let the address space grow by what is left of ``memory_bytes`` (a limit on the whole process's
    resident memory): allocations beyond it fail with ``MemoryError`` where they are made."""
    usage = _statm() if memory_bytes and resource is not None else None
    if usage is None:
        yield
        return
    address_space, resident = usage
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    # a tenth kept back: pages the process reserved before (arenas, stacks) can still become resident
    # without growing the address space
    limit = address_space + max(MIN_HEADROOM, int(HEADROOM_SHARE * (memory_bytes - resident)))
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def out_of_memory(err: BaseException | None) -> bool:
    """Whether ``err`` is, or wraps, a ``MemoryError``: pdfplumber wraps whatever pdfminer raises in
    ``PdfminerException`` (its argument the original error), and other libraries chain theirs, so a file
    over its memory limit can surface as any exception type."""
    seen: set[int] = set()
    while err is not None and id(err) not in seen:
        if isinstance(err, MemoryError):
            return True
        seen.add(id(err))
        inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else None
        err = inner or err.__cause__ or err.__context__
    return False
