"""Progress on stderr, so standard output stays machine-readable."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
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


@contextmanager
def progress_bar(total: int, description: str, quiet: bool = False) -> Iterator[Callable[[], None]]:
    """A bar of ``total`` steps on stderr; yields the function that advances it by one."""
    if quiet or not total:
        yield lambda: None
        return
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=stderr, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda: progress.advance(task)


def process_with_progress(files: list, description: str, quiet: bool = False) -> Iterable:
    """Each file through ingest and extract, the extractor built once and only if there is work."""
    from councildocs.extract.pipeline import Extractor
    from councildocs.pipeline import process_file

    if not files:
        return
    extractor = Extractor()
    for path in track(files, description, quiet):
        yield process_file(path, extractor)
