"""Progress on stderr, so standard output stays machine-readable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
import time
from contextlib import contextmanager
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")
stderr = Console(stderr=True)


def track(items: list[T], description: str, quiet: bool = False) -> Iterator[T]:
    if quiet or not items:
        yield from items
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=len(items))
        for item in items:
            yield item
            progress.advance(task)


# Without a terminal (a log file, a scheduler), a bar would print nothing until the end: print lines.
LOG_EVERY_SECONDS = 30.0


@contextmanager
def progress_bar(total: int, description: str, quiet: bool = False) -> Iterator[Callable[[], None]]:
    """A bar of ``total`` steps on stderr (a line now and then when stderr is not a terminal); yields
    the function that advances it by one."""
    if quiet or not total:
        yield lambda: None
        return
    if not stderr.is_terminal:
        yield _progress_lines(total, description)
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)


def _progress_lines(total: int, description: str) -> Callable[[], None]:
    """The first step, every twentieth of the way and at least every LOG_EVERY_SECONDS, and the last."""
    done = 0
    last = time.monotonic()
    step = max(1, total // 20)

    def advance() -> None:
        nonlocal done, last
        done += 1
        now = time.monotonic()
        if done == 1 or done == total or done % step == 0 or now - last >= LOG_EVERY_SECONDS:
            stderr.print(f"{description} {done}/{total}", highlight=False)
            last = now

    return advance


def process_with_progress(files: list, description: str, quiet: bool = False, limits=None) -> Iterable:
    """Each file through ingest and extract in one reader process (started only if there is work), within
    ``limits`` enforced from outside it (``councildocs.reader_process``)."""
    from councildocs.ingest.limits import READER_LIMITS
    from councildocs.reader_process import ReaderProcess

    if not files:
        return
    reader = ReaderProcess(limits or READER_LIMITS)
    reader.start()
    try:
        for path in track(files, description, quiet):
            yield reader.read(str(path))
    finally:
        reader.close()
