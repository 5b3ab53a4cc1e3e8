"""Warehouses with known figures, and the app under AppTest.

- ``warehouse_db``: a small hand-made batch (``warehouse.testing.sample_batch``), one per test.
- ``corpus_db``: README command one's outcome, the warehouse ``dcs ingest corpus`` builds from the
  shipped corpus, built once per session and shared read-only by every test that asks for it
  (tests that write make their own copy with ``corpus_db_copy``).
- ``empty_db``: a warehouse with the schema and no documents.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import sample_batch

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
DCS = Path(sys.executable).with_name("dcs")


@pytest.fixture
def warehouse_db(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    with Warehouse(db) as wh:
        wh.start_run()
        for result in sample_batch():
            wh.store(result)
        wh.finish_run()
    return db


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The warehouse built from corpus/ by `dcs ingest`, exactly as README command one builds it."""
    db = tmp_path_factory.mktemp("corpus-wh") / "warehouse.duckdb"
    subprocess.run([str(DCS), "ingest", str(corpus_dir), "--db", str(db), "--quiet"], check=True,
                   capture_output=True, timeout=600)
    return db


@pytest.fixture
def corpus_db_copy(corpus_db: Path, tmp_path: Path) -> Path:
    """A private copy of the corpus warehouse, for tests that store into it."""
    copy = tmp_path / "corpus-copy.duckdb"
    shutil.copyfile(corpus_db, copy)
    return copy


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "empty.duckdb"
    with Warehouse(db):
        pass
    return db


@pytest.fixture
def app_path() -> Path:
    return APP
