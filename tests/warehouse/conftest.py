"""A fresh warehouse path for every test (sample documents live in councildocs.warehouse.testing),
and one real warehouse built from the shipped corpus for the whole session (read-only for tests)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "warehouse.duckdb"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor) -> Path:
    """The 21 corpus documents ingested as `dcs ingest corpus` does (same walk, same pipeline). Do not write to it."""
    from councildocs.pipeline import iter_input_files, process_file
    from councildocs.warehouse.store import Warehouse

    db = tmp_path_factory.mktemp("corpus-warehouse") / "warehouse.duckdb"
    with Warehouse(db) as wh:
        wh.start_run()
        for path in iter_input_files([corpus_dir]):
            wh.store(process_file(path, extractor))
        wh.finish_run()
    return db
