"""Warehouses the tests build with the real `dcs ingest` (shared by the fixtures of every stage)."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def ingested_warehouse(tmp_path_factory: pytest.TempPathFactory, folder: str | Path) -> Path:
    """A new warehouse built by the real `dcs ingest` from ``folder``, run from the repository root (so a
    relative folder is stored as ``corpus/...``, as README command one stores it)."""
    return _ingest(folder, tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb")


def shared_ingested_warehouse(tmp_path_factory: pytest.TempPathFactory, folder: str | Path, name: str) -> Path:
    """As ``ingested_warehouse``, built once for all pytest-xdist workers of the run: the first worker to
    need it builds it while the others wait on a file lock (the build keeps both cores busy anyway).
    Tests only read it."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if base.name.startswith("popen-gw") else base) / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    db = shared / "warehouse.duckdb"
    with (shared / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not db.exists():  # (dcs ingest publishes the file whole, so one that exists is complete)
            _ingest(folder, db)
    return db


def _ingest(folder: str | Path, db: Path) -> Path:
    dcs = Path(sys.executable).with_name("dcs")
    subprocess.run([str(dcs), "ingest", str(folder), "--db", str(db), "--quiet"], cwd=REPO_ROOT,
                   check=True, capture_output=True, timeout=1800)
    return db
