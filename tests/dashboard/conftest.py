"""A published warehouse with known figures, and the app under AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest

from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import sample_batch

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def warehouse_db(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    with Warehouse(db) as wh:
        wh.start_run()
        for result in sample_batch():
            wh.store(result)
        wh.finish_run()
    return db


@pytest.fixture
def app_path() -> Path:
    return APP
