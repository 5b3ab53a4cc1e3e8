"""Per-file limits, so one hostile or enormous file costs a coded error, never the batch.

Bytes and pages are checked before parsing (``reader`` and ``pdf`` read them from here). Time and
memory can only be bounded while the file is being worked on: ``within_limits`` arms a timer that
interrupts the work after ``seconds`` and, when asked, lowers the process's address-space limit to
what it uses now plus ``memory_bytes``, so a decompression bomb fails with ``MemoryError`` instead of
taking the machine down. Both are Unix process-wide mechanisms, which is why the timer is armed only
on the main thread and the memory limit only where the caller owns the process (a batch worker,
the command line), not inside a server such as the dashboard.
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
    memory_bytes: int | None = None


# A batch worker's limits: memory too, since a worker's process is its own.
BATCH_MEMORY_BYTES = 1536 * MiB


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


def _address_space_in_use() -> int | None:
    try:
        with open(f"/proc/{os.getpid()}/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


@contextmanager
def _memory_limit(extra_bytes: int | None) -> Iterator[None]:
    in_use = _address_space_in_use() if extra_bytes and resource is not None else None
    if in_use is None:
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = in_use + extra_bytes
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
