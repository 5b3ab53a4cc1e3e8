"""`dcs ingest`: documents, repaired text and facts into the DuckDB warehouse. Re-running changes nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import typer
from rich.table import Table

from councildocs.cli.progress import stderr, track
from councildocs.pipeline import DocumentResult, iter_input_files, process_file


def ingest(
    paths: list[Path] = typer.Argument(..., help="Files (.pdf, .txt, .html) or folders, walked recursively."),
    db: Path = typer.Option(..., "--db", help="The warehouse file (created if missing)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read, repair and extract each file, and store it in the warehouse keyed by its content hash."""
    from councildocs.ingest.reader import sha256_of_file
    from councildocs.warehouse.store import Warehouse

    files = iter_input_files(paths)
    db.parent.mkdir(parents=True, exist_ok=True)
    outcomes: Counter[str] = Counter()
    failures: list[DocumentResult] = []
    extractor = None
    with Warehouse(db) as warehouse:
        run_id = warehouse.start_run()
        for path in track(files, "Ingesting", quiet):
            # an unchanged file already extracted by this version costs a hash, not a parse
            try:
                if warehouse.is_current(sha256_of_file(path)):
                    outcomes["unchanged"] += 1
                    continue
            except OSError:
                pass  # process_file reports the file's problem with its code
            if extractor is None:
                from councildocs.extract.pipeline import Extractor

                extractor = Extractor()
            result = process_file(path, extractor)
            outcome = warehouse.store(result, run_id)
            outcomes[outcome] += 1
            if not result.ok:
                failures.append(result)
        warehouse.finish_run(outcomes, run_id)
    _print_summary(db, len(files), outcomes, failures)


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
        stderr.print(f"  {failure.source}: [{failure.error_code}] {failure.error_message}", highlight=False)
