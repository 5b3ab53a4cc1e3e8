"""`dcs extract`: files in, one facts-contract line per file out. No database, nothing written to disk."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from councildocs.cli.progress import process_with_progress
from councildocs.contract import document_json_line
from councildocs.cli.inputs import input_files


class OutputFormat(str, Enum):
    jsonl = "jsonl"


def extract(
    paths: list[Path] = typer.Argument(..., help="Files (.pdf, .txt, .html) or folders, walked recursively in sorted order."),
    format: OutputFormat = typer.Option(OutputFormat.jsonl, "--format", help="Output format (the facts contract, one JSON object per line)."),
    include_text: bool = typer.Option(False, "--include-text", help="Add the repaired text and the raw text to every document."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr."),
) -> None:
    """Print the facts found in each document as JSON lines (the facts contract v1)."""
    files = input_files(paths)
    out = sys.stdout
    for result in process_with_progress(files, "Extracting", quiet):
        out.write(document_json_line(result, include_text=include_text) + "\n")
        out.flush()
