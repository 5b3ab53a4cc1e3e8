"""`dcs export`: the warehouse as files (one per table) in Parquet, CSV or JSON Lines, contacts masked."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer
from rich.table import Table

from councildocs.cli.progress import stderr


class Format(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


def export(
    fmt: Format = typer.Option(..., "--format", "-f", help="File format: parquet, csv or jsonl.", case_sensitive=False),
    out: Path = typer.Option(..., "--out", "-o", file_okay=False, help="Folder to write <table>.<format> files into (created if missing)."),
    db: Path = typer.Option(None, "--db", help="The warehouse to export (default: $DCS_DB, else var/warehouse.duckdb)."),
) -> None:
    """Write documents, facts, their authority links, the gazetteer and ingest runs; e-mails and phone numbers masked."""
    from councildocs.warehouse.config import resolve_db_path
    from councildocs.warehouse.export import export_warehouse

    path = resolve_db_path(db)
    written = export_warehouse(path, out, fmt.value)  # a WarehouseError is one line (main.py)
    table = Table(title=f"{path} → {out} ({fmt.value})")
    table.add_column("table")
    table.add_column("rows", justify="right")
    table.add_column("file")
    for item in written:
        table.add_row(item.table, str(item.rows), str(item.path))
    stderr.print(table)
