"""Progress on stderr, so standard output stays machine-readable."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import time
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

stderr = Console(stderr=True)


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


def process_with_progress(files: list, description: str, quiet: bool = False, limits=None,
                          workers: int = 1) -> Iterator:
    """Each file through ingest and extract in a reader process (started only if there is work), within
    ``limits`` enforced from outside it (``councildocs.reader_process``); ``workers`` of them read files
    at once. Results come back in the order of ``files``, so the output of a command does not depend on
    how many workers it had."""
    from councildocs.executors import LocalExecutor
    from councildocs.ingest.limits import READER_LIMITS

    if not files:
        return
    executor = LocalExecutor(min(workers, len(files)), limits or READER_LIMITS)
    # Results that finished before an earlier file: held until it is done. A slow file holds at most
    # this many, so memory stays bounded however long it takes.
    most_held = 4 * executor.slots
    held: dict[int, object] = {}
    in_flight: dict[str, list[int]] = {}  # path as submitted -> its positions (a file may be named twice)
    submitted = yielded = 0
    try:
        with progress_bar(len(files), description, quiet) as advance:
            while yielded < len(files):
                while (submitted < len(files) and submitted - yielded - len(held) < executor.slots
                       and len(held) < most_held):
                    path = str(files[submitted])
                    executor.submit(path)
                    in_flight.setdefault(path, []).append(submitted)
                    submitted += 1
                for path, result in executor.results(timeout=1.0):
                    held[in_flight[path].pop(0)] = result
                    if not in_flight[path]:
                        del in_flight[path]
                while yielded in held:
                    advance()
                    yield held.pop(yielded)
                    yielded += 1
    finally:
        executor.close()
