"""Export the published warehouse as files: one per table, in Parquet, CSV or JSON Lines.

Reads through the same short-lived read-only connection as the queries (so it works while a
batch writes) and masks e-mail addresses and phone numbers in every text column, JSON columns
included (string values inside them), exactly as the dashboard shows them. Column names and
types follow the tables (docs/ARCHITECTURE.md); JSON columns (``facts.fields``,
``documents.repair_log``, ``documents.page_starts``) are written as JSON text in every format. Every
exported fact carries its document's ``fictional`` flag and, beside each code, its label; CSV cells
that a spreadsheet would run as formulas are made inert (``privacy.spreadsheet_safe_frame``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import polars as pl

from councildocs.extract.kinds import column_labels
from councildocs.warehouse.privacy import mask_json, mask_series, spreadsheet_safe_frame
from councildocs.warehouse.queries import DbPath, read_only

ExportFormat = Literal["parquet", "csv", "jsonl"]
FORMATS: tuple[ExportFormat, ...] = ("parquet", "csv", "jsonl")

# Table → (ORDER BY, text columns to mask, JSON columns to mask inside). Ordered so that two
# exports of the same warehouse are identical files.
EXPORT_TABLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "documents": ("source, sha256", ("source", "raw_text", "text", "error_message"), ("repair_log",)),
    "facts": ("sha256, start_offset, end_offset, kind, fact_id", ("evidence_text", "role", "name"), ("fields",)),
    "fact_authorities": ("fact_id, gss, role", (), ()),
    "document_authorities": ("sha256, gss", (), ()),
    "authorities": ("gss", (), ()),
    "ingest_runs": ("started, run_id", (), ()),
}


# Every exported fact says whether its document is one of the project's fictional examples, so that
# a facts file read on its own cannot pass an invented figure off as published.
_SOURCES = {
    "facts": "(SELECT f.*, coalesce(d.fictional, false) AS fictional FROM facts f JOIN documents d USING (sha256))",
}


@dataclass(frozen=True)
class ExportedTable:
    table: str
    path: Path
    rows: int


def export_warehouse(db: DbPath, out_dir: str | Path, fmt: ExportFormat) -> list[ExportedTable]:
    """Write every table of the warehouse at ``db`` to ``out_dir/<table>.<fmt>``; returns what was written.

    Raises :class:`WarehouseMissing` / :class:`WarehouseUnavailable` (nothing written) when the
    warehouse cannot be read, ValueError for an unknown format.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    frames: dict[str, pl.DataFrame] = {}
    with read_only(db) as con:  # read everything from one snapshot before writing anything
        for table, (order, _, _) in EXPORT_TABLES.items():
            frames[table] = con.sql(f"SELECT * FROM {_SOURCES.get(table, table)} ORDER BY {order}").pl()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[ExportedTable] = []
    for table, frame in frames.items():
        _, text_columns, json_columns = EXPORT_TABLES[table]
        frame = _mask(frame, text_columns, json_columns)
        if table == "facts":
            frame = _with_labels(frame)
        path = out / f"{table}.{fmt}"
        tmp = path.with_name(path.name + ".tmp")
        if fmt == "parquet":
            frame.write_parquet(tmp)
        elif fmt == "csv":  # a spreadsheet must never run a document's text as a formula
            spreadsheet_safe_frame(frame).write_csv(tmp)
        else:
            frame.write_ndjson(tmp)
        tmp.replace(path)
        written.append(ExportedTable(table=table, path=path, rows=frame.height))
    return written


# Beside each code of the facts contract, its plain-English label from the registry, so an export read
# in a spreadsheet says "Director of Children's Services" where the data says "dcs".
def _with_labels(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.col(column).replace_strict(list(labels), list(labels.values()), default=None, return_dtype=pl.String)
        .alias(f"{column}_label")
        for column, labels in column_labels().items() if column in frame.columns
    )


def _mask(frame: pl.DataFrame, text_columns: tuple[str, ...], json_columns: tuple[str, ...]) -> pl.DataFrame:
    if frame.is_empty():
        return frame
    return frame.with_columns(
        *(mask_series(frame[c]) for c in text_columns),
        *(pl.col(c).map_elements(mask_json, return_dtype=pl.String, skip_nulls=True) for c in json_columns),
    )
