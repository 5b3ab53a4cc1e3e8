"""Fixtures shared by every stage's tests.

Tests that need ../shared (the development seeds, gold files and peer PDFs) use the ``shared_dir``
fixture: on a user's clone without ../shared they skip with the reason; in CI (env CI set) a
missing ../shared is a failure, because it would silently turn the quality checks off.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from built_warehouses import real_corpus_in_tests, shared_ingested_warehouse

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("DCS_SHARED_DIR", REPO_ROOT.parent / "shared"))
CORPUS_DIR = REPO_ROOT / "corpus"


def _require_shared(sub: str = "") -> Path:
    path = SHARED_DIR / sub
    if not path.exists():
        message = f"{path} is missing: these tests need the development material in ../shared"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI must provide it)")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return _require_shared()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _require_shared("seeds")


@pytest.fixture(scope="session")
def gold_dev_dir() -> Path:
    return _require_shared("gold-dev")


@pytest.fixture(scope="session")
def peer_pdfs_dir() -> Path:
    return _require_shared("peer-pdfs")


@pytest.fixture(scope="session")
def tesseract() -> None:
    """Tesseract, for the OCR tests (scripts/install.sh installs it): on a user's machine without it
    they skip with the reason; in CI (env CI set) its absence is a failure, as for ../shared."""
    from councildocs.ingest.ocr import tesseract_available

    if not tesseract_available():
        message = "tesseract is not on PATH (Debian packages tesseract-ocr, tesseract-ocr-eng)"
        if os.environ.get("CI"):
            pytest.fail(message + ": CI must install it (scripts/install.sh)")
        pytest.skip(message)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS_DIR


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse of the project's 21 fictional sample documents, built once for all the run's workers by
    `dcs ingest corpus` run from the repository root (sources stored as ``corpus/...``). Their figures
    are invented and known exactly (corpus/gold), which makes them the fixture for most page and query
    tests; corpus/sources.csv marks every one fictional. Tests only read it; tests that write use a copy."""
    return shared_ingested_warehouse(tmp_path_factory, CORPUS_DIR.name, "corpus")


@pytest.fixture(scope="session")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default warehouse as README command one builds it (`dcs ingest corpus/real`: real published documents
    with their sources), from the suite's sample of them (``real_corpus_in_tests``: the whole corpus would cost CI
    about ten minutes). Built once for all the run's workers. Tests only read it."""
    return shared_ingested_warehouse(tmp_path_factory, real_corpus_in_tests(), "real")


@pytest.fixture(scope="session")
def extractor():
    """One real extraction pipeline (en_core_web_sm + our components) for the whole session."""
    from councildocs.extract.pipeline import Extractor

    return Extractor()
