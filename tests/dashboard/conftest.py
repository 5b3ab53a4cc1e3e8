"""Warehouses with known figures, and the app under AppTest.

- ``warehouse_db``: a small hand-made batch (``warehouse.testing.sample_batch``), one per test.
- ``corpus_db`` (tests/conftest.py): the warehouse ``dcs ingest corpus`` builds from the project's 21
  fictional samples (figures known exactly), built once per session and shared read-only by every
  stage's tests (tests that write make their own copy with ``corpus_db_copy``).
- ``real_db`` (tests/conftest.py): README command one's warehouse, ``dcs ingest corpus/real``.
- ``samples_unsourced_db``: the same 21 sample PDFs copied to a folder without a ``sources.csv`` and
  ingested there, as a batch user's own documents would be: not marked fictional, so the salary
  benchmark's pages can be checked against figures known exactly (corpus/gold).
- ``empty_db``: a warehouse with the schema and no documents.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from built_warehouses import ingested_warehouse

from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import store_sample_batch

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


@pytest.fixture
def warehouse_db(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    store_sample_batch(db)
    return db


def _private_copy(db: Path, tmp_path: Path) -> Path:
    """A copy of a shared session warehouse for one test that stores into it."""
    copy = tmp_path / f"copy-of-{db.parent.name}.duckdb"
    shutil.copyfile(db, copy)
    return copy


@pytest.fixture
def corpus_db_copy(corpus_db: Path, tmp_path: Path) -> Path:
    return _private_copy(corpus_db, tmp_path)


@pytest.fixture(scope="session")
def samples_unsourced_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("unsourced-samples")
    for category in ("adverts", "news", "papers"):
        for pdf in (corpus_dir / category).glob("*.pdf"):
            shutil.copyfile(pdf, folder / pdf.name)
    return ingested_warehouse(tmp_path_factory, folder)


@pytest.fixture
def samples_unsourced_db_copy(samples_unsourced_db: Path, tmp_path: Path) -> Path:
    return _private_copy(samples_unsourced_db, tmp_path)


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    db = tmp_path / "empty.duckdb"
    with Warehouse(db):
        pass
    return db


@pytest.fixture
def app_path() -> Path:
    return APP
