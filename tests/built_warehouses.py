"""Warehouses the tests build with the real `dcs ingest` (shared by the fixtures of every stage)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def ingested_warehouse(tmp_path_factory: pytest.TempPathFactory, folder: str | Path) -> Path:
    """A new warehouse built by the real `dcs ingest` from ``folder``, run from the repository root (so a
    relative folder is stored as ``corpus/...``, as README command one stores it)."""
    db = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    dcs = Path(sys.executable).with_name("dcs")
    subprocess.run([str(dcs), "ingest", str(folder), "--db", str(db), "--quiet"], cwd=REPO_ROOT,
                   check=True, capture_output=True, timeout=1800)
    return db
