"""`dcs ingest --engine dask`: the local batch's warehouse, through Parquet parts the warehouse loads."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import polars as pl
import pytest

from batch_warehouses import corpus_pdfs, warehouse_rows

pytest.importorskip("distributed", reason="the dask extra is not installed")

DCS = Path(sys.executable).with_name("dcs")
DASK = Path(sys.executable).with_name("dask")

def _parts_root(db: Path) -> Path:
    return db.with_name(db.name + ".parquet")


@pytest.fixture(scope="module")
def dask_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    """The corpus ingested on a local Dask cluster, run from the repository root as `corpus_db` is."""
    db = tmp_path_factory.mktemp("dask-warehouse") / "warehouse.duckdb"
    subprocess.run(
        [str(DCS), "ingest", corpus_dir.name, "--db", str(db), "--engine", "dask", "--workers", "2", "--quiet"],
        cwd=corpus_dir.parent, check=True, capture_output=True, timeout=900,
    )
    return db


def test_the_dask_engine_stores_what_the_local_batch_stores(dask_db, corpus_db, corpus_dir):
    rows = warehouse_rows(dask_db)
    assert len(rows["documents"]) == len(corpus_pdfs(corpus_dir))
    assert rows["facts"] and rows["fact_authorities"]
    assert rows == warehouse_rows(corpus_db)


def test_a_rerun_on_dask_finds_everything_current_and_stores_nothing(dask_db, corpus_dir, run_dcs):
    before = warehouse_rows(dask_db)
    run = run_dcs("ingest", corpus_dir.name, "--db", dask_db, "--engine", "dask", "--workers", "2", "--quiet",
                  cwd=corpus_dir.parent)
    assert warehouse_rows(dask_db) == before
    assert re.search(rf"unchanged\W+{len(before['documents'])}\W", run.stderr), run.stderr
    assert not _parts_root(dask_db).exists()  # nothing to do: no cluster, no parts
    with duckdb.connect(str(dask_db), read_only=True) as con:
        last = con.execute(
            "SELECT n_new, n_unchanged, n_reextracted, n_failed FROM ingest_runs ORDER BY started DESC LIMIT 1"
        ).fetchone()
    assert last == (0, len(before["documents"]), 0, 0)


def test_no_parquet_part_is_left_after_a_run(dask_db):
    # the parts hold documents' unmasked text: each is removed once stored, and the run's folder with them
    assert dask_db.exists() and not _parts_root(dask_db).exists()


def test_kept_parts_load_into_another_warehouse_and_loading_twice_adds_nothing(corpus_dir, run_dcs, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for pdf in corpus_pdfs(corpus_dir)[:3]:
        shutil.copyfile(pdf, folder / pdf.name)
    db = tmp_path / "w.duckdb"
    run_dcs("ingest", folder, "--db", db, "--engine", "dask", "--workers", "2", "--keep-parquet", "--quiet")
    root = _parts_root(db)
    parts = sorted(root.rglob("*.parquet"))
    assert len(parts) == 3 and all(p.parent.parent == root for p in parts)  # <db>.parquet/<run id>/part-…
    assert not [p for p in root.rglob("*") if p.name.startswith(".")]  # no temporary file left behind
    stored = warehouse_rows(db)
    assert sum(pl.read_parquet(p).height for p in parts) == len(stored["documents"])

    other = tmp_path / "loaded.duckdb"
    run_dcs("load-parquet", root, "--db", other, "--quiet")
    assert warehouse_rows(other) == stored
    again = run_dcs("load-parquet", root, "--db", other, "--quiet")
    assert warehouse_rows(other) == stored
    assert re.search(rf"unchanged\W+{len(stored['documents'])}\W", again.stderr), again.stderr


@pytest.fixture
def dask_scheduler(tmp_path: Path):
    """A `dask scheduler` and one `dask worker` started as a cluster's would be, in a working directory of
    their own; yields the scheduler's address."""
    home = tmp_path / "cluster"
    home.mkdir()
    address_file = home / "scheduler.json"
    started: list[subprocess.Popen] = []

    def start(*args: str) -> None:
        started.append(subprocess.Popen(
            [str(DASK), *args], cwd=home, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,
        ))

    try:
        start("scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file",
              str(address_file))
        deadline = time.monotonic() + 60
        while not address_file.exists():
            assert started[0].poll() is None, "dask scheduler exited"
            assert time.monotonic() < deadline, "dask scheduler did not start within a minute"
            time.sleep(0.1)
        start("worker", "--scheduler-file", str(address_file), "--nthreads", "1", "--nworkers", "1",
              "--no-dashboard", "--host", "127.0.0.1")
        yield json.loads(address_file.read_text())["address"]
    finally:
        for proc in reversed(started):  # each in its own session: the worker's nanny takes its worker along
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def test_bad_input_on_a_running_scheduler_comes_back_with_its_code(dask_scheduler, corpus_dir, tmp_path, run_dcs):
    folder = tmp_path / "in"
    folder.mkdir()
    good = corpus_pdfs(corpus_dir)[0]
    shutil.copyfile(good, folder / good.name)
    data = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    db = tmp_path / "w.duckdb"
    # a relative path: the worker's working directory is not this one, so it must be given absolute paths
    run = run_dcs("ingest", "in", "--db", db, "--engine", "dask", "--scheduler", dask_scheduler,
                  "--parquet-dir", tmp_path / "parts", "--quiet", cwd=tmp_path)
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {source: (status, code, message) for source, status, code, message in con.execute(
            "SELECT source, status, error_code, error_message FROM documents").fetchall()}
    assert stored.keys() == {str(folder / good.name), str(folder / "truncated.pdf")}
    assert stored[str(folder / good.name)][:2] == ("ok", None)
    status, code, message = stored[str(folder / "truncated.pdf")]
    assert (status, code) == ("error", "corrupt_pdf")
    assert "truncated.pdf" in message
    assert "[corrupt_pdf]" in run.stderr
    assert re.search(r"failed\W+1\W", run.stderr), run.stderr
    assert not list(tmp_path.glob("parts/**/*.parquet"))  # each part removed once stored


def test_without_dask_the_engine_says_which_extra_to_install(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from councildocs.cli.main import app

    monkeypatch.setitem(sys.modules, "distributed", None)  # what an install without the extra looks like
    (tmp_path / "a.txt").write_text("Wandsworth Council")
    db = tmp_path / "w.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--engine", "dask"])
    assert result.exit_code == 1
    output = " ".join(result.output.split())  # stdout and stderr, rewrapped by rich
    assert "councildocs[dask]" in output
    assert not db.exists()
