"""`dcs ingest`: documents, repaired text and facts into the DuckDB warehouse. Re-running changes nothing."""

from __future__ import annotations

from collections import Counter
from enum import Enum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from councildocs.batch import BATCH_LIMITS, PUBLISH_EVERY, PUBLISH_SECONDS
from councildocs.ingest.limits import MiB
from councildocs.cli.progress import progress_bar, stderr
from councildocs.cli.inputs import input_files, max_memory_option, max_seconds_option, reader_limits, workers_option
from councildocs.results import DocumentResult


class Engine(str, Enum):
    local = "local"
    dask = "dask"


# How long a second writer waits for the first before giving up: long enough to ride out a short
# ingest or an upload being stored, short enough that a batch started beside a long one says so soon.
WAIT_S = 5.0

def ingest(
    paths: list[Path] = typer.Argument(..., help="Files (.pdf, .txt, .html) or folders, walked recursively."),
    db: Path = typer.Option(..., "--db", help="The warehouse file (created if missing)."),
    workers: int | None = workers_option(),
    publish_every: int = typer.Option(
        PUBLISH_EVERY, "--publish-every", min=0,
        help=f"Publish what is stored after this many documents (or {PUBLISH_SECONDS:.0f} seconds), so an "
        "interrupted batch keeps it; 0 publishes only at the end.",
    ),
    max_seconds: float = max_seconds_option(),
    max_pages: int = typer.Option(BATCH_LIMITS.max_pages, "--max-pages", min=1, help="Refuse PDFs with more pages (too_large)."),
    max_mb: int = typer.Option(BATCH_LIMITS.max_bytes // MiB, "--max-mb", min=1, help="Refuse larger files (too_large)."),
    max_memory_mb: int = max_memory_option(),
    retry_failed: bool = typer.Option(
        False, "--retry-failed",
        help="Read again the files that failed in a way the same bytes always fail (too_large, timed_out, "
        "corrupt_pdf…), which a re-run otherwise skips: say, after raising a limit.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    wait: float = typer.Option(
        WAIT_S, "--wait", min=0, metavar="SECONDS",
        help="When another process is writing the warehouse, wait this long for it, then stop (exit 75).",
    ),
    engine: Engine = typer.Option(
        Engine.local, "--engine",
        help="Who reads and extracts: local worker processes, or Dask workers (the dask extra; "
        "a cluster of --workers processes on this machine, or --scheduler's).",
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", metavar="ADDRESS",
        help="With --engine dask: a running Dask scheduler (tcp://host:8786) whose workers do the work.",
    ),
    parquet_dir: Path | None = typer.Option(
        None, "--parquet-dir", show_default="<db>.parquet",
        help="With --engine dask: where workers write their results as Parquet, a folder per run; "
        "with --scheduler, a folder the workers share with this machine.",
    ),
    keep_parquet: bool = typer.Option(
        False, "--keep-parquet",
        help="With --engine dask: keep the run's Parquet parts (for `dcs load-parquet` elsewhere); they hold "
        "documents' full, unmasked text. By default each part is removed once stored.",
    ),
) -> None:
    """Read, repair and extract each file, and store it in the warehouse keyed by its content hash.

    What is stored is published every few documents, so an interrupted batch keeps it and a re-run
    skips it. Ctrl-C stops after publishing what is stored (exit status 130); run again to finish.
    """
    from councildocs.batch import default_workers, run_batch
    from councildocs.warehouse.store import Warehouse

    if engine is Engine.local and (scheduler is not None or parquet_dir is not None or keep_parquet):
        raise typer.BadParameter("--scheduler, --parquet-dir and --keep-parquet go with --engine dask.")
    files = input_files(paths)
    db.parent.mkdir(parents=True, exist_ok=True)
    limits = reader_limits(max_seconds, max_memory_mb, max_pages=max_pages, max_bytes=max_mb * MiB)
    if engine is Engine.dask:
        from councildocs.cli.dask_cmd import ingest_on_dask

        report = ingest_on_dask(files, db, workers=workers or default_workers(), scheduler=scheduler,
                                parquet_dir=parquet_dir, publish_every=publish_every, quiet=quiet, limits=limits,
                                wait_s=wait, keep_parquet=keep_parquet, on_stop=_say_stopping,
                                retry_failed=retry_failed)
    else:
        with Warehouse(db, wait_s=wait) as warehouse:
            run_id = warehouse.start_run()
            with progress_bar(len(files), "Ingesting", quiet) as advance:
                report = run_batch(files, warehouse, run_id, workers=workers or default_workers(), advance=advance,
                                   publish_every=publish_every, limits=limits, on_stop=_say_stopping,
                                   retry_failed=retry_failed)
            warehouse.finish_run(report.outcomes, run_id)
    _print_summary(db, len(files), report.outcomes, report.failures)
    if report.stopped:
        stderr.print(f"Stopped early: {report.not_done} files not done. Everything stored is published; "
                     "run the same command again to do the rest.")
        raise typer.Exit(130)


def _say_stopping() -> None:
    stderr.print("Stopping: publishing what is stored (Ctrl-C again to stop at once) …")


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
