"""`dcs extract`: files in, their facts out on standard output. No database, nothing written to disk.

``--format jsonl`` (the default) prints one facts-contract line per file; ``--format csv`` prints one
row per fact (councildocs/fact_table.py), the header once at the top.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from councildocs.batch import default_workers
from councildocs.cli.progress import process_with_progress
from councildocs.contract import document_json_line
from councildocs.cli.inputs import input_files, max_memory_option, max_seconds_option, reader_limits, workers_option


class OutputFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"


def extract(
    paths: list[Path] = typer.Argument(..., help="Files (.pdf, .txt, .html) or folders, walked recursively in sorted order."),
    format: OutputFormat = typer.Option(
        OutputFormat.jsonl, "--format",
        help="jsonl: the facts contract, one JSON object per file. csv: one row per fact (GSS codes joined "
        "with ';', contacts masked, cells a spreadsheet would run as formulas prefixed with ').",
    ),
    include_text: bool = typer.Option(False, "--include-text", help="Add the repaired text and the raw text to every document (jsonl)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar on stderr."),
    workers: int | None = workers_option(),
    max_seconds: float = max_seconds_option(),
    max_memory_mb: int = max_memory_option(),
) -> None:
    """Print the facts found in each document as JSON lines (the facts contract v1) or CSV."""
    if include_text and format is OutputFormat.csv:
        # a document's whole text in every row of a spreadsheet would bury its facts
        raise typer.BadParameter("--include-text goes with --format jsonl.", param_hint="--include-text")
    files = input_files(paths)
    limits = reader_limits(max_seconds, max_memory_mb)
    workers = workers or default_workers()
    out = sys.stdout
    if format is OutputFormat.csv:
        from councildocs.fact_table import FactTableWriter

        table = FactTableWriter(out)
        for result in process_with_progress(files, "Extracting", quiet, limits, workers):
            table.write(result)
        return
    for result in process_with_progress(files, "Extracting", quiet, limits, workers):
        out.write(document_json_line(result, include_text=include_text) + "\n")
        out.flush()
