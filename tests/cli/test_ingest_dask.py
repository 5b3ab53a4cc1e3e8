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
    runs_before = sorted(_parts_root(dask_db).iterdir())
    run = run_dcs("ingest", corpus_dir.name, "--db", dask_db, "--engine", "dask", "--workers", "2", "--quiet",
                  cwd=corpus_dir.parent)
    assert warehouse_rows(dask_db) == before
    assert re.search(rf"unchanged\W+{len(before['documents'])}\W", run.stderr), run.stderr
    assert sorted(_parts_root(dask_db).iterdir()) == runs_before  # nothing to do: no cluster, no parts
    with duckdb.connect(str(dask_db), read_only=True) as con:
        last = con.execute(
            "SELECT n_new, n_unchanged, n_reextracted, n_failed FROM ingest_runs ORDER BY started DESC LIMIT 1"
        ).fetchone()
    assert last == (0, len(before["documents"]), 0, 0)


def test_the_parts_load_into_another_warehouse_and_loading_twice_adds_nothing(dask_db, run_dcs, tmp_path):
    root = _parts_root(dask_db)
    parts = sorted(root.rglob("*.parquet"))
    assert len(parts) > 1 and all(p.parent.parent == root for p in parts)  # <db>.parquet/<run id>/part-…
    assert not [p for p in root.rglob("*") if p.name.startswith(".")]  # no temporary file left behind
    stored = warehouse_rows(dask_db)
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
    assert list((tmp_path / "parts").glob("*/part-*.parquet"))


def _die_on_bomb(paths: list[str], part: str, limits=None) -> str:
    """Stands in for dask_engine.process_part on the workers: a file named bomb* kills its worker process."""
    from councildocs.extract.pipeline import EXTRACTOR_VERSION
    from councildocs.pipeline import DocumentResult
    from councildocs.warehouse.results_parquet import write_part

    if any("bomb" in Path(p).name for p in paths):
        os._exit(1)
    results = [DocumentResult(source=p, sha256=None, error_code="empty", error_message=p) for p in paths]
    write_part(results, Path(part), extractor_version=EXTRACTOR_VERSION)
    return part


def test_a_file_that_kills_its_worker_fails_alone(tmp_path, monkeypatch):
    import dask

    from councildocs import dask_engine
    from councildocs.warehouse.store import Warehouse

    names = [f"doc-{i:02d}.txt" for i in range(12)]
    names[4] = "bomb.txt"
    files = []
    for name in names:
        (tmp_path / name).write_text(f"text of {name}")
        files.append(tmp_path / name)
    monkeypatch.setattr(dask_engine, "process_part", _die_on_bomb)
    # Dask would otherwise retry the task on three more workers before giving up on it
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), Warehouse(tmp_path / "w.duckdb") as wh:
        run_id = wh.start_run()
        report = dask_engine.run_dask(files, wh, run_id, tmp_path / "parts", workers=2)
    codes = {Path(f.source).name: f.error_code for f in report.failures}
    assert codes == {name: ("internal_error" if name == "bomb.txt" else "empty") for name in names}
    assert "worker" in next(f.error_message for f in report.failures if "bomb" in f.source)
    # the bomb's task and any that shared its worker were tried again one file at a time
    alone = list((tmp_path / "parts").glob("alone-*.parquet"))  # the bomb's own never wrote one
    assert 1 <= len(alone) <= len(names) - 1
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(names)


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
