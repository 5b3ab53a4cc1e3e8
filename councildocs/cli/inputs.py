"""The input paths a command is given: every one must exist before any work starts."""

from __future__ import annotations

import os
from pathlib import Path

import typer

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
