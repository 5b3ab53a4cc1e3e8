"""The input paths a command is given: every one must exist before any work starts."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import typer

from councildocs.ingest.limits import READER_LIMITS, FileLimits, MiB
from councildocs.pipeline import iter_input_files

USAGE_ERROR = 2  # as for any other bad argument: nothing was read and nothing written


def input_files(paths: list[Path]) -> list[Path]:
    """The files to read under ``paths``; a path that does not exist ends the command with one line and exit
    status 2 before anything is read or written (a mistyped folder must not produce an empty warehouse)."""
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        names = ", ".join(str(p) for p in missing)
        typer.echo(f"dcs: no such file or folder: {names}", err=True)
        raise typer.Exit(USAGE_ERROR)
    return iter_input_files(paths)


# The per-file limits, one definition for every command that reads files (`dcs extract`, `dcs ingest`).
def workers_option():
    return typer.Option(
        None, "--workers", "-w", min=1, show_default="number of CPUs",
        help="Reader processes reading and extracting files at once (each file is read in one, within the limits).",
    )


def max_seconds_option():
    return typer.Option(
        READER_LIMITS.seconds, "--max-seconds", min=1,
        help="Stop reading a file after this long (error timed_out); enforced from outside the reading process.",
    )


def max_memory_option():
    return typer.Option(
        READER_LIMITS.memory_bytes // MiB, "--max-memory-mb", min=320,
        help="Memory the process reading a file may hold in all, about 230 MB of it its own when idle "
        "(too_large when a file needs more).",
    )


def reader_limits(max_seconds: float, max_memory_mb: int, **others) -> FileLimits:
    """``READER_LIMITS`` with the command line's values."""
    return replace(READER_LIMITS, seconds=max_seconds, memory_bytes=max_memory_mb * MiB, **others)
