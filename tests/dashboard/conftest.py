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


@pytest.fixture(scope="session")
def samples_unsourced_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    import subprocess
    import sys

    folder = tmp_path_factory.mktemp("unsourced-samples")
    for category in ("adverts", "news", "papers"):
        for pdf in (corpus_dir / category).glob("*.pdf"):
            shutil.copyfile(pdf, folder / pdf.name)
    db = folder / "warehouse.duckdb"
    dcs = Path(sys.executable).with_name("dcs")
    subprocess.run([str(dcs), "ingest", str(folder), "--db", str(db), "--quiet"], check=True, capture_output=True,
                   timeout=900)
    return db


@pytest.fixture
def samples_unsourced_db_copy(samples_unsourced_db: Path, tmp_path: Path) -> Path:
    """A private copy of ``samples_unsourced_db``, for tests that store into it."""
    copy = tmp_path / "unsourced-copy.duckdb"
    shutil.copyfile(samples_unsourced_db, copy)
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
