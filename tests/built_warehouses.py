"""Warehouses the tests build with the real `dcs ingest` (shared by the fixtures of every stage)."""

from __future__ import annotations

import fcntl
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def ingested_warehouse(tmp_path_factory: pytest.TempPathFactory, folder: str | Path) -> Path:
    """A new warehouse built by the real `dcs ingest` from ``folder``, run from the repository root (so a
    relative folder is stored as ``corpus/...``, as README command one stores it)."""
    return _ingest(folder, tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb")


# The test suite's real-corpus warehouse holds one in two documents of the development split (in the order of their
# names, so every batch is in it), without the PDFs of more than 20 pages (the long Ofsted inspection reports, 60%
# of the corpus's PDF pages): the whole corpus would cost CI about ten minutes. bench/real_corpus.py scores every
# document of both splits (docs/BENCHMARKS.md); the frozen test split is scored there once per stop, not here.
MAX_PDF_PAGES_IN_TESTS = 20


def real_corpus_in_tests() -> list[Path]:
    """The real corpus's documents the test suite ingests and scores, relative to the repository root."""

    def short_enough(path: Path) -> bool:
        if path.suffix != ".pdf":
            return True
        document = pypdfium2.PdfDocument(str(REPO_ROOT / path))
        try:
            return len(document) <= MAX_PDF_PAGES_IN_TESTS
        finally:
            document.close()

    every = sorted((REPO_ROOT / "corpus" / "real" / "dev" / "docs").iterdir())
    return [path.relative_to(REPO_ROOT) for path in every[::2] if short_enough(path)]


def shared_ingested_warehouse(tmp_path_factory: pytest.TempPathFactory, paths: str | Path | list[str | Path], name: str) -> Path:
    """As ``ingested_warehouse`` (of files or folders), built once for all pytest-xdist workers of the run:
    the first worker to need it builds it while the others wait on a file lock (the build keeps both cores
    busy anyway). Tests only read it."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if base.name.startswith("popen-gw") else base) / f"shared-{name}"
    shared.mkdir(exist_ok=True)
    db = shared / "warehouse.duckdb"
    with (shared / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not db.exists():  # (dcs ingest publishes the file whole, so one that exists is complete)
            _ingest(paths, db)
    return db


def _ingest(paths: str | Path | list[str | Path], db: Path) -> Path:
    dcs = Path(sys.executable).with_name("dcs")
    paths = paths if isinstance(paths, list) else [paths]
    subprocess.run([str(dcs), "ingest", *map(str, paths), "--db", str(db), "--quiet"], cwd=REPO_ROOT,
                   check=True, capture_output=True, timeout=1800)
    return db
