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


def process_with_progress(files: list, description: str, quiet: bool = False) -> Iterable:
    """Each file through ingest and extract, the extractor built once and only if there is work."""
    from councildocs.extract.pipeline import Extractor
    from councildocs.pipeline import process_file

    if not files:
        return
    extractor = Extractor()
    for path in track(files, description, quiet):
        yield process_file(path, extractor)
