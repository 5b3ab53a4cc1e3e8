"""Warehouses with known figures, and the app under AppTest.

- ``warehouse_db``: a small hand-made batch (``warehouse.testing.sample_batch``), one per test.
- ``corpus_db`` (tests/conftest.py): README command one's outcome, the warehouse ``dcs ingest corpus``
  builds from the shipped corpus, built once per session and shared read-only by every stage's tests
  (tests that write make their own copy with ``corpus_db_copy``).
- ``empty_db``: a warehouse with the schema and no documents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import store_sample_batch

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def warehouse_db(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    store_sample_batch(db)
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
