"""`dcs ingest`: documents, repaired text and facts into the DuckDB warehouse. Re-running changes nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from councildocs.batch import PUBLISH_EVERY, PUBLISH_SECONDS
from councildocs.cli.progress import progress_bar, stderr
from councildocs.pipeline import DocumentResult, iter_input_files


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files (.pdf, .txt, .html) or folders, walked recursively."),
    db: Path = typer.Option(..., "--db", help="The warehouse file (created if missing)."),
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=1, show_default="number of CPUs",
        help="Worker processes reading and extracting files; 1 runs everything in this process.",
    ),
    publish_every: int = typer.Option(
        PUBLISH_EVERY, "--publish-every", min=0,
        help=f"Publish what is stored after this many documents (or {PUBLISH_SECONDS:.0f} seconds), so an "
        "interrupted batch keeps it; 0 publishes only at the end.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read, repair and extract each file, and store it in the warehouse keyed by its content hash.

    What is stored is published every few documents, so an interrupted batch keeps it and a re-run
    skips it.
    """
    from councildocs.batch import default_workers, run_batch
    from councildocs.warehouse.store import Warehouse

    files = iter_input_files(paths)
    db.parent.mkdir(parents=True, exist_ok=True)
    with Warehouse(db) as warehouse:
        run_id = warehouse.start_run()
        with progress_bar(len(files), "Ingesting", quiet) as advance:
            report = run_batch(files, warehouse, run_id, workers=workers or default_workers(), advance=advance,
                               publish_every=publish_every)
        warehouse.finish_run(report.outcomes, run_id)
    _print_summary(db, len(files), report.outcomes, report.failures)


def _print_summary(db: Path, total: int, outcomes: Counter[str], failures: list[DocumentResult]) -> None:
    table = Table(title=f"{total} files → {db}", show_header=True)
    table.add_column("outcome")
    table.add_column("files", justify="right")
    for outcome in ("new", "unchanged", "re-extracted", "failed"):
        table.add_row(outcome, str(outcomes.get(outcome, 0)))
    stderr.print(table)
    by_code = Counter(f.error_code for f in failures)
    for code, n in sorted(by_code.items()):
        stderr.print(f"  failed [bold]{code}[/bold]: {n}")
    for failure in failures:
        # escaped: rich would take "[encrypted]" for a style tag and print nothing
        stderr.print(escape(f"  {failure.source}: [{failure.error_code}] {failure.error_message}"), highlight=False)
