"""A fresh warehouse path for every test (sample documents live in councildocs.warehouse.testing),
and one real warehouse built from the shipped corpus for the whole session (read-only for tests)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "warehouse.duckdb"


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, extractor) -> Path:
    """The 21 corpus documents ingested as `dcs ingest corpus` run from the repository root does (same walk,
    same pipeline, sources stored as ``corpus/...``). Tests only read it."""
    from councildocs.pipeline import iter_input_files, process_file
    from councildocs.warehouse.store import Warehouse

    db = tmp_path_factory.mktemp("corpus-warehouse") / "warehouse.duckdb"
    here = Path.cwd()
    os.chdir(corpus_dir.parent)
    try:
        with Warehouse(db) as wh:
            wh.start_run()
            for path in iter_input_files([Path(corpus_dir.name)]):
                wh.store(process_file(path, extractor))
            wh.finish_run()
    finally:
        os.chdir(here)
    return db
