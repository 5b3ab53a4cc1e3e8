from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from councildocs.warehouse import migrations
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
