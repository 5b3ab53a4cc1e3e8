from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from councildocs.warehouse import migrations, queries
from councildocs.warehouse.migrations import Migration, available_migrations, migrate
from councildocs.warehouse.store import Warehouse


def test_shipped_migrations_are_numbered_from_one_without_gaps():
    found = available_migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert all(re.fullmatch(r"[a-z0-9_]+", m.name) for m in found)


def test_migrations_are_applied_once_and_recorded(tmp_path: Path):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    latest = available_migrations()[-1].version
    assert migrate(con) == list(range(1, latest + 1))
    assert migrate(con) == []
    rows = con.execute("SELECT version, name FROM schema_migrations ORDER BY version").fetchall()
    assert [r[0] for r in rows] == list(range(1, latest + 1))
    assert rows[0][1] == "initial"


def test_reopening_a_warehouse_does_not_migrate_again(db_path: Path):
    with Warehouse(db_path):
        pass
    with Warehouse(db_path) as wh:
        assert wh.row_counts()["schema_migrations"] == len(available_migrations())


def test_a_failing_migration_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    migrate(con)
    shipped = available_migrations()
    broken = Migration(version=shipped[-1].version + 1, name="broken", sql="CREATE TABLE half_done (a INTEGER); SELEC nonsense;")
    monkeypatch.setattr(migrations, "available_migrations", lambda: [*shipped, broken])
    with pytest.raises(duckdb.Error):
        migrate(con)
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "half_done" not in tables
    assert con.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0] == shipped[-1].version


def _columns(con: duckdb.DuckDBPyConnection, table: str, database: str) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE database_name = ? AND table_name = ? ORDER BY column_index",
        [database, table],
    ).fetchall()]


def _as_of_001(new: Path, old: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Copy the warehouse at ``new`` into ``old`` with only migration 001's schema (a warehouse built before 002)."""
    first = available_migrations()[0]
    with monkeypatch.context() as m:
        m.setattr(migrations, "available_migrations", lambda: [first])
        con = duckdb.connect(str(old))
        migrate(con)
    con.execute(f"ATTACH '{new}' AS new (READ_ONLY)")
    for table in ("documents", "facts", "fact_authorities", "document_authorities", "authorities", "ingest_runs"):
        cols = ", ".join(f'"{c}"' for c in _columns(con, table, old.stem))
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM new.{table}")
    con.execute("DETACH new")
    con.close()


def test_a_warehouse_from_before_002_migrates_and_backfills(corpus_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Year and comparator columns backfilled in SQL agree with what the writer computes for new documents."""
    old = tmp_path / "old.duckdb"
    _as_of_001(corpus_db, old, monkeypatch)
    with duckdb.connect(str(old), read_only=True) as con:
        assert [r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()] == [1]
        assert "year" not in _columns(con, "documents", "old")
    with Warehouse(old):  # opening migrates the working copy; leaving publishes it
        pass
    with duckdb.connect(str(old), read_only=True) as con:
        con.execute(f"ATTACH '{corpus_db}' AS new (READ_ONLY)")
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
        assert versions == [m.version for m in available_migrations()]
        doc_sql = "SELECT sha256, year, year_source FROM {}documents ORDER BY sha256"
        fact_sql = "SELECT fact_id, comparator_area, comparator_percent FROM {}facts ORDER BY fact_id"
        assert con.execute(doc_sql.format("")).fetchall() == con.execute(doc_sql.format("new.")).fetchall()
        assert con.execute(fact_sql.format("")).fetchall() == con.execute(fact_sql.format("new.")).fetchall()
        assert con.execute("SELECT count(*) FROM facts WHERE comparator_area IS NOT NULL").fetchall()[0][0] > 0
        # 003: a warehouse from before provenance knows none until the documents' folder is ingested again
        assert con.execute("SELECT DISTINCT publisher, fictional FROM documents").fetchall() == [(None, False)]
