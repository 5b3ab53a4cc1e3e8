"""A fresh warehouse path for every test (sample documents live in councildocs.warehouse.testing).
The corpus warehouse, ``corpus_db``, is shared by every stage's tests (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "var" / "warehouse.duckdb"
