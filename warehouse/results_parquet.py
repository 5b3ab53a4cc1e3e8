"""DocumentResults as Parquet: how results computed anywhere (a Dask cluster's workers) reach the one writer.

A *part* is one Parquet file of results, one row per document: ``source``, ``sha256``,
``error_code`` and ``error_message`` as columns, and the ``RepairedDocument`` and ``Extraction``
as JSON text (``document``, ``extraction``), from which the ``DocumentResult`` is rebuilt exactly.
The file's metadata names the format and the ``EXTRACTOR_VERSION`` that produced it.

Loading stores each result through ``Warehouse.store``, skipping what the warehouse already holds
as current as ``run_batch`` does, so the semantics are the batch's: one transaction per document,
older extractor versions re-extracted, failures stored as error rows, and loading the same parts
twice changes nothing. Only the extractor version the warehouse writes is loaded: a part made by
another version would be stored under the wrong version.
"""

from __future__ import annotations

import json
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from councildocs.results import DocumentResult
from councildocs.warehouse.errors import WarehouseError

FORMAT_KEY = "councildocs.results"
FORMAT_VERSION = "1"
EXTRACTOR_VERSION_KEY = "councildocs.extractor_version"
RESULT_SCHEMA: dict[str, type[pl.DataType]] = {
    "source": pl.String, "sha256": pl.String, "error_code": pl.String, "error_message": pl.String,
    "document": pl.String, "extraction": pl.String,
}


# -- one result <-> one row ---------------------------------------------------------------------


def result_to_row(result: DocumentResult) -> dict[str, str | None]:
    """``DocumentResult.to_dict`` with the document and the extraction as JSON text."""
    row = result.to_dict()
    for column in ("document", "extraction"):
        if row[column] is not None:
            row[column] = _json(row[column])
    return row


def result_from_row(row: dict[str, Any]) -> DocumentResult:
    data = dict(row)
    for column in ("document", "extraction"):
        if data[column] is not None:
            data[column] = json.loads(data[column])
    return DocumentResult.from_dict(data)


def _json(value: Any) -> str:
    # ASCII escapes: a lone surrogate from a damaged text layer is valid JSON but not valid UTF-8
    return json.dumps(value, ensure_ascii=True)


# -- parts --------------------------------------------------------------------------------------


def write_part(results: Sequence[DocumentResult], path: Path, *, extractor_version: str) -> Path:
    """Write ``results`` as one part at ``path``, atomically: a killed writer leaves no half file there."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame = pl.DataFrame([result_to_row(r) for r in results], schema=RESULT_SCHEMA)
    # hidden, so a reader listing parts never takes it for one
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    try:
        frame.write_parquet(
            temporary, metadata={FORMAT_KEY: FORMAT_VERSION, EXTRACTOR_VERSION_KEY: extractor_version},
        )
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def read_part(path: Path, *, extractor_version: str | None = None) -> list[DocumentResult]:
    """The results in one part, in the order written; with ``extractor_version``, only a part made by that version."""
    try:
        metadata = pl.read_parquet_metadata(path)
    except pl.exceptions.PolarsError as err:
        raise WarehouseError(f"{path} is not a Parquet file ({type(err).__name__}: {err}).") from err
    if metadata.get(FORMAT_KEY) != FORMAT_VERSION:
        raise WarehouseError(f"{path} is not a councildocs results part (format {FORMAT_KEY} {FORMAT_VERSION}).")
    made_by = metadata.get(EXTRACTOR_VERSION_KEY)
    if extractor_version is not None and made_by != extractor_version:
        raise WarehouseError(
            f"{path} was extracted by extractor version {made_by}, and this warehouse writes {extractor_version}: "
            "install the same councildocs version everywhere (workers included) and run the ingest again."
        )
    frame = pl.read_parquet(path, columns=list(RESULT_SCHEMA))
    return [result_from_row(row) for row in frame.iter_rows(named=True)]


def part_files(paths: Iterable[Path]) -> list[Path]:
    """Parts named directly, and the ``*.parquet`` files under each folder (sorted: a run's parts in order)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.parquet")) if not p.name.startswith("."))
        else:
            found.append(path)
    return found


# -- loading ------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    """What loading did: outcomes as ``Warehouse.store`` names them, and the failed results."""

    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[DocumentResult] = field(default_factory=list)
    parts: int = 0


def store_part(
    warehouse, path: Path, run_id: str | None, report: LoadReport, advance: Callable[[], None] = lambda: None,
) -> int:
    """Store every result of one part into ``warehouse`` (a writing session); returns how many there were."""
    results = read_part(path, extractor_version=warehouse.extractor_version)
    for result in results:
        if result.sha256 is not None and warehouse.is_current(result.sha256):
            # what run_batch does before parsing: a copy of a stored document leaves its rows alone
            report.outcomes["unchanged"] += 1
        else:
            report.outcomes[warehouse.store(result, run_id)] += 1
            if not result.ok:
                report.failures.append(result)
        advance()
    report.parts += 1
    return len(results)


def load_parquet(
    warehouse, paths: Iterable[Path], run_id: str | None = None, advance: Callable[[], None] = lambda: None,
) -> LoadReport:
    """Store every part under ``paths`` (files or folders) into ``warehouse``, in name order."""
    report = LoadReport()
    for path in part_files(paths):
        store_part(warehouse, path, run_id, report, advance)
    return report
