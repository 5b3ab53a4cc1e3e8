"""The read side of the warehouse: every question the dashboard asks, as a function of the db path.

Each call opens a short-lived read-only connection to the *published* file and closes it
before returning, so readers never hold the file while a writer publishes a new snapshot (see
``snapshot``). Text that reaches a reader goes through :func:`mask_contacts`.

A missing file raises :class:`WarehouseMissing`; a file that cannot be read (a writer holds it,
it is not a DuckDB file, it has no warehouse schema) raises :class:`WarehouseUnavailable`.
:func:`warehouse_status` turns both into a value for callers that prefer not to catch.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

import duckdb
import polars as pl

from councildocs.warehouse.db import first_row, scalar
from councildocs.warehouse.errors import WarehouseMissing, WarehouseUnavailable
from councildocs.warehouse.privacy import mask_contacts

DbPath = str | os.PathLike[str]

# A reader can meet a lock only when something other than our publisher writes the file in
# place; a few short retries ride that out without hanging the page.
_LOCK_RETRIES = 5
_LOCK_BACKOFF_S = 0.05

# Frames come from the relation API (`con.sql(...).pl()`), which DuckDB 1.x and 2.x both offer;
# 2.x no longer has `.pl()` on the result of `con.execute(...)`.


@dataclass(frozen=True)
class WarehouseStatus:
    state: Literal["missing", "unavailable", "empty", "ready"]
    message: str
    documents: int = 0

    @property
    def ready(self) -> bool:
        return self.state == "ready"


@dataclass(frozen=True)
class Overview:
    documents_ok: int
    documents_failed: int
    authorities_with_facts: int
    facts: int
    facts_by_kind: pl.DataFrame  # kind, facts
    last_run_finished: datetime | None


def snapshot_version(db: DbPath) -> tuple[int, int, int] | None:
    """Identifies the published snapshot (inode, mtime, size), for cache keys; None when there is no file.

    The inode changes on every publish (it is a rename), which mtime alone may not show within
    the filesystem's timestamp resolution.
    """
    try:
        st = os.stat(db)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def read_only(db: DbPath) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to the published warehouse."""
    path = Path(db)
    if not path.is_file():
        raise WarehouseMissing(f"No warehouse at {path}. Run `dcs ingest` to build one.")
    # Not `duckdb.connect(path, read_only=True)`: DuckDB caches database instances by path within
    # a process, so while any connection to the previous snapshot is open, a new connect would
    # be handed that old (replaced) file. A fresh in-memory instance that ATTACHes the path
    # always opens the file that is there now.
    con = duckdb.connect(":memory:")
    attach = f"ATTACH '{_sql_string(str(path))}' AS warehouse (READ_ONLY)"
    for attempt in range(_LOCK_RETRIES):
        try:
            con.execute(attach)
            con.execute("USE warehouse")
            break
        except duckdb.Error as err:
            if "lock" not in str(err).lower() or attempt == _LOCK_RETRIES - 1:
                con.close()
                raise WarehouseUnavailable(f"Cannot read the warehouse at {path}: {err}") from err
            time.sleep(_LOCK_BACKOFF_S * 2**attempt)
    try:
        yield con
    except duckdb.CatalogException as err:
        raise WarehouseUnavailable(f"{path} is not a councildocs warehouse (no such table); run `dcs ingest`.") from err
    finally:
        con.close()


def warehouse_status(db: DbPath) -> WarehouseStatus:
    try:
        with read_only(db) as con:
            has_schema = scalar(
                con,
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'warehouse' AND table_name = 'documents'",
            )
            count = scalar(con, "SELECT count(*) FROM documents") if has_schema else 0
    except WarehouseMissing as err:
        return WarehouseStatus("missing", str(err))
    except WarehouseUnavailable as err:
        return WarehouseStatus("unavailable", str(err))
    if count == 0:
        return WarehouseStatus("empty", f"The warehouse at {db} has no documents yet. Run `dcs ingest` to add some.")
    return WarehouseStatus("ready", f"{count} documents", documents=count)


def overview(db: DbPath) -> Overview:
    with read_only(db) as con:
        ok, failed = first_row(
            con, "SELECT count(*) FILTER (status = 'ok'), count(*) FILTER (status = 'error') FROM documents"
        ) or (0, 0)
        authorities = scalar(
            con,
            """
            SELECT count(DISTINCT fa.gss)
            FROM fact_authorities fa JOIN facts f USING (fact_id) JOIN documents d USING (sha256)
            WHERE d.status = 'ok'
            """,
        )
        by_kind = con.sql(
            """
            SELECT f.kind, count(*)::BIGINT AS facts
            FROM facts f JOIN documents d USING (sha256)
            WHERE d.status = 'ok'
            GROUP BY f.kind ORDER BY facts DESC, f.kind
            """
        ).pl()
        last_run = scalar(con, "SELECT max(finished) FROM ingest_runs")
    return Overview(
        documents_ok=ok,
        documents_failed=failed,
        authorities_with_facts=authorities,
        facts=int(by_kind["facts"].sum()) if by_kind.height else 0,
        facts_by_kind=by_kind,
        last_run_finished=last_run,
    )


def failed_documents(db: DbPath) -> pl.DataFrame:
    """sha256, source, error_code, error_message, updated — newest first."""
    with read_only(db) as con:
        df = con.sql(
            """
            SELECT sha256, source, error_code, error_message, updated
            FROM documents WHERE status = 'error'
            ORDER BY updated DESC, source
            """
        ).pl()
    return _masked(df, "error_message")


def salary_ranges(db: DbPath) -> pl.DataFrame:
    """One row per salary fact and employing authority (a post shared by two councils appears under both).

    Columns: fact_id, gss, name, nice_name, region, type, type_name, role, role_category,
    min_gbp, max_gbp, period, source, sha256, evidence (masked), page, confidence. A salary whose
    employer the extractor could not tell has one row with null authority columns.
    """
    with read_only(db) as con:
        df = con.sql(
            """
            SELECT f.fact_id, fa.gss, a.name, a.nice_name, a.region, a.type, a.type_name,
                   f.role, f.role_category, f.min_gbp, f.max_gbp, f.period,
                   d.source, f.sha256, f.evidence_text AS evidence, f.page, f.confidence
            FROM facts f
            JOIN documents d USING (sha256)
            LEFT JOIN fact_authorities fa ON fa.fact_id = f.fact_id AND fa.role = 'employer'
            LEFT JOIN authorities a ON a.gss = fa.gss
            WHERE f.kind = 'salary' AND d.status = 'ok'
            ORDER BY a.nice_name NULLS LAST, f.max_gbp DESC NULLS LAST, f.fact_id
            """
        ).pl()
    return _masked(df, "evidence")


def documents(db: DbPath) -> pl.DataFrame:
    """Every stored document without its text: status, type, fact count and the authorities it is about."""
    with read_only(db) as con:
        return con.sql(
            """
            SELECT d.sha256, d.source, d.media_type, d.pages, d.doc_type, d.status, d.error_code,
                   d.extractor_version,
                   (SELECT count(*) FROM facts f WHERE f.sha256 = d.sha256)::BIGINT AS facts,
                   (SELECT string_agg(coalesce(a.nice_name, da.gss), ', ' ORDER BY coalesce(a.nice_name, da.gss))
                      FROM document_authorities da LEFT JOIN authorities a USING (gss)
                     WHERE da.sha256 = d.sha256) AS authorities,
                   d.first_seen, d.updated
            FROM documents d
            ORDER BY d.source, d.sha256
            """
        ).pl()


def _sql_string(value: str) -> str:
    return value.replace("'", "''")


def _masked(df: pl.DataFrame, column: str) -> pl.DataFrame:
    return df.with_columns(pl.col(column).map_elements(mask_contacts, return_dtype=pl.String))
