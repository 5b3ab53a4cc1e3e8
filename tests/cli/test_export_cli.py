"""`dcs export`: every table of a real warehouse as Parquet, CSV or JSON Lines, contacts masked."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

from councildocs.warehouse.privacy import MASK
from councildocs.warehouse.testing import CAMDEN_TEXT, store_sample_batch

TABLES = ("documents", "facts", "fact_authorities", "document_authorities", "authorities", "ingest_runs")
READ = {"parquet": pl.read_parquet, "csv": pl.read_csv, "jsonl": pl.read_ndjson}


@pytest.fixture
def sample_db(tmp_path: Path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    store_sample_batch(db)
    return db


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_writes_every_table_masked(run_dcs, sample_db: Path, tmp_path: Path, fmt: str):
    out = tmp_path / "out"
    proc = run_dcs("export", "--format", fmt, "--out", out, "--db", sample_db)
    assert proc.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.{fmt}" for t in TABLES)
    frames = {t: READ[fmt](out / f"{t}.{fmt}") for t in TABLES}
    # three good documents and a damaged file; Wandsworth's salary and population, Camden's
    # salary, and one salary shared by Cambridgeshire and Peterborough (two links)
    assert frames["documents"].height == 4
    assert frames["facts"].height == 4
    assert frames["fact_authorities"].height == 5
    assert frames["ingest_runs"].height == 1
    assert frames["authorities"].height > 400  # the whole gazetteer
    assert "year" in frames["documents"].columns and "comparator_area" in frames["facts"].columns

    # Camden's e-mail address and phone number are masked everywhere, lengths kept
    for path in out.iterdir():
        raw = path.read_bytes()
        assert b"recruit@camden.gov.uk" not in raw and b"7974 4444" not in raw, path.name
    camden = frames["documents"].filter(pl.col("source") == "corpus/adverts/camden.txt").row(0, named=True)
    assert len(camden["text"]) == len(camden["raw_text"]) == len(CAMDEN_TEXT)
    assert MASK in camden["text"] and camden["text"].startswith("London Borough of Camden")
    fact = frames["facts"].filter(pl.col("sha256") == camden["sha256"]).row(0, named=True)
    assert camden["text"][fact["start_offset"]:fact["end_offset"]] == fact["evidence_text"]
    assert json.loads(fact["fields"])["min_gbp"] == 150000


def test_export_twice_gives_the_same_files(run_dcs, sample_db: Path, tmp_path: Path):
    run_dcs("export", "--format", "csv", "--out", tmp_path / "a", "--db", sample_db)
    run_dcs("export", "--format", "csv", "--out", tmp_path / "b", "--db", sample_db)
    for table in TABLES:
        assert (tmp_path / "a" / f"{table}.csv").read_bytes() == (tmp_path / "b" / f"{table}.csv").read_bytes()


def test_export_without_a_warehouse_says_so(run_dcs, tmp_path: Path):
    proc = run_dcs("export", "--format", "csv", "--out", tmp_path / "out", "--db", tmp_path / "nowhere.duckdb", check=False)
    assert proc.returncode == 1
    assert "No warehouse at" in proc.stderr and "dcs ingest" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_export_reads_the_db_from_the_environment(run_dcs, sample_db: Path, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("DCS_DB", str(sample_db))
    run_dcs("export", "--format", "jsonl", "--out", tmp_path / "out")
    assert len(pl.read_ndjson(tmp_path / "out" / "documents.jsonl")) == 4


def test_export_refuses_an_unknown_format(run_dcs, sample_db: Path, tmp_path: Path):
    proc = run_dcs("export", "--format", "xml", "--out", tmp_path / "out", "--db", sample_db, check=False)
    assert proc.returncode == 2
    assert "xml" in proc.stderr
