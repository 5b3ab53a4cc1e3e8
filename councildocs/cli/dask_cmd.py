"""`dcs ingest --engine dask` (the session around `batch.run_batch` on a `DaskExecutor`) and `dcs load-parquet`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import typer
from rich.markup import escape

from councildocs.batch import BatchReport, run_batch
from councildocs.ingest.limits import FileLimits
from councildocs.cli.progress import progress_bar, stderr


def results_root(db: Path, parquet_dir: Path | None) -> Path:
    """Where a run's parts go, in a folder named after the run: ``--parquet-dir``, else ``<db>.parquet``."""
    return parquet_dir if parquet_dir is not None else db.with_name(db.name + ".parquet")


def ingest_on_dask(
    files: list[Path], db: Path, *, workers: int, scheduler: str | None, parquet_dir: Path | None,
    publish_every: int, quiet: bool, limits: FileLimits, wait_s: float = 0.0, keep_parquet: bool = False,
    on_stop: Callable[[], None] = lambda: None, retry_failed: bool = False,
) -> BatchReport:
    from councildocs.dask_engine import DaskEngineError, DaskExecutor, require_dask
    from councildocs.warehouse.store import Warehouse

    try:
        require_dask()  # before the warehouse is opened: a missing extra should cost nothing
        with Warehouse(db, wait_s=wait_s) as warehouse:
            run_id = warehouse.start_run()

            def executor(n_files: int) -> DaskExecutor:
                return DaskExecutor(results_root(db, parquet_dir) / run_id, run_id, limits,
                                    workers=min(workers, n_files), scheduler=scheduler, keep_parts=keep_parquet)

            with progress_bar(len(files), "Ingesting on Dask", quiet) as advance:
                report = run_batch(files, warehouse, run_id, executor=executor, advance=advance,
                                   publish_every=publish_every, limits=limits, on_stop=on_stop,
                                   retry_failed=retry_failed)
            warehouse.finish_run(report.outcomes, run_id)
    except DaskEngineError as err:
        typer.echo(f"dcs: {err}", err=True)  # one line, as main.py prints a WarehouseError
        raise typer.Exit(1) from None
    return report


def load_parquet(
    paths: list[Path] = typer.Argument(
        ..., help="Results parts (.parquet) written by `dcs ingest --engine dask`, or folders of them.",
    ),
    db: Path = typer.Option(..., "--db", help="The warehouse file (created if missing)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Store results written as Parquet by `dcs ingest --engine dask` (on any machine) in the warehouse.

    Documents already stored are left alone, so loading the same parts twice changes nothing.
    """
    from councildocs.cli.ingest_cmd import _print_summary
    from councildocs.warehouse.results_parquet import LoadReport, part_files, store_part
    from councildocs.warehouse.store import Warehouse

    parts = part_files(paths)
    missing = [p for p in parts if not p.is_file()]
    if missing:
        stderr.print(escape(f"Not found: {', '.join(map(str, missing))}"), highlight=False)
        raise typer.Exit(1)
    db.parent.mkdir(parents=True, exist_ok=True)
    report = LoadReport()
    # a WarehouseError (busy, damaged) ends the command with one line: see main.py
    with Warehouse(db) as warehouse:
        run_id = warehouse.start_run()
        with progress_bar(len(parts), "Loading parts", quiet) as advance:
            for part in parts:
                store_part(warehouse, part, run_id, report)
                advance()
        warehouse.finish_run(report.outcomes, run_id)
    _print_summary(db, sum(report.outcomes.values()), report.outcomes, report.failures)
