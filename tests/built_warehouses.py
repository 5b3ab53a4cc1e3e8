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


# The real corpus's PDFs of more than this many pages are left out of the test suite's warehouse: the 37 long
# Ofsted inspection reports are 60% of its PDF pages and would cost CI about five minutes. bench/real_corpus.py
# scores the whole corpus, them included (docs/BENCHMARKS.md).
MAX_PDF_PAGES_IN_TESTS = 20


def real_corpus_in_tests(split: str | None = None) -> list[Path]:
    """The real corpus's documents (of one split, or all), relative to the repository root, that the test
    suite ingests and scores: all but the PDFs of more than ``MAX_PDF_PAGES_IN_TESTS`` pages."""
    def short_enough(path: Path) -> bool:
        if path.suffix != ".pdf":
            return True
        document = pypdfium2.PdfDocument(str(REPO_ROOT / path))
        try:
            return len(document) <= MAX_PDF_PAGES_IN_TESTS
        finally:
            document.close()

    splits = [split] if split else ["dev", "test"]
    return [path.relative_to(REPO_ROOT) for s in splits
            for path in sorted((REPO_ROOT / "corpus" / "real" / s / "docs").iterdir()) if short_enough(path)]


def shared_ingested_warehouse(tmp_path_factory: pytest.TempPathFactory, paths: list[str | Path], name: str) -> Path:
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
