"""`dcs ingest --workers N`: the same warehouse as one process, a kill -9 mid-batch loses nothing, bad input is coded."""

from __future__ import annotations

import os
import random
import shutil
import signal
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool

from batch_warehouses import corpus_pdfs, distinct_copies, warehouse_rows
from councildocs.pipeline import DocumentResult

DCS = Path(sys.executable).with_name("dcs")

def test_two_workers_store_exactly_what_one_process_stores(run_dcs, corpus_dir, tmp_path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    run_dcs("ingest", corpus_dir, "--db", one, "--workers", "1", "--quiet")
    run_dcs("ingest", corpus_dir, "--db", two, "--workers", "2", "--quiet")
    first, second = warehouse_rows(one), warehouse_rows(two)
    assert len(first["documents"]) == len(corpus_pdfs(corpus_dir))
    assert first["facts"]
    assert second == first
    # and a warm re-run with workers finds nothing to do
    again = run_dcs("ingest", corpus_dir, "--db", two, "--workers", "2", "--quiet")
    assert warehouse_rows(two) == first
    assert "unchanged" in again.stderr


def _stored(db: Path) -> int:
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
    except (duckdb.Error, OSError):
        return 0


def _session_pids(session: int) -> set[int]:
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == session:
                    pids.add(int(entry.name))
            except OSError:
                pass
    return pids


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the batch's worker processes through /proc")
def test_a_batch_killed_mid_run_is_finished_by_a_rerun_with_every_document_once(corpus_dir, tmp_path, run_dcs):
    files = distinct_copies(corpus_dir, tmp_path / "batch", 40)
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen(
        [str(DCS), "ingest", str(tmp_path / "batch"), "--db", str(db), "--workers", "2", "--publish-every", "5",
         "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while _stored(db) == 0:
            assert proc.poll() is None, f"dcs ingest ended before publishing:\n{proc.stderr.read().decode()[-3000:]}"
            assert time.monotonic() < deadline, "no publish within 5 minutes"
            time.sleep(0.05)
        workers = _session_pids(proc.pid) - {proc.pid}
        os.kill(proc.pid, signal.SIGKILL)  # the writer only: its workers must notice and go
        proc.wait()
        published = _stored(db)
        assert 0 < published < len(files), "the kill did not land mid-batch"
        deadline = time.monotonic() + 30
        while _session_pids(proc.pid) & workers and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _session_pids(proc.pid) & workers, "worker processes outlived the killed batch"
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.stderr.close()

    # The killed writer left its working copy and lock file; the re-run takes the lock and finishes.
    rerun = run_dcs("ingest", tmp_path / "batch", "--db", db, "--workers", "2", "--quiet")
    assert "unchanged" in rerun.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        per_hash = con.execute("SELECT sha256, count(*), min(status) FROM documents GROUP BY sha256").fetchall()
        orphan_facts = con.execute(
            "SELECT count(*) FROM facts WHERE sha256 NOT IN (SELECT sha256 FROM documents)"
        ).fetchone()[0]
        orphan_links = con.execute(
            "SELECT count(*) FROM fact_authorities WHERE fact_id NOT IN (SELECT fact_id FROM facts)"
        ).fetchone()[0]
        rerun_new = con.execute("SELECT sum(n_new) FROM ingest_runs WHERE finished IS NOT NULL").fetchone()[0]
    assert len(per_hash) == len(files)
    assert all(n == 1 and status == "ok" for _, n, status in per_hash)
    assert orphan_facts == 0 and orphan_links == 0
    assert rerun_new == len(files) - published  # the re-run extracted only what had not been published
    assert not Path(str(db) + ".writing").exists()


def _bad_inputs(corpus_dir: Path, folder: Path) -> dict[str, str | None]:
    """File name → the error code it must be stored with (None: stored as a good document)."""
    import pikepdf
    from fpdf import FPDF

    folder.mkdir()
    good = corpus_pdfs(corpus_dir)[:2]
    data = good[0].read_bytes()
    (folder / "zero-bytes.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    (folder / "random-bytes.pdf").write_bytes(random.Random(7).randbytes(20_000))
    with pikepdf.open(good[0]) as pdf:
        pdf.save(folder / "user-password.pdf", encryption=pikepdf.Encryption(user="secret", owner="owner"))
        pdf.save(folder / "owner-password-only.pdf", encryption=pikepdf.Encryption(user="", owner="owner"))
    image_only = FPDF()
    image_only.add_page()
    image_only.rect(20, 20, 120, 80, style="F")
    image_only.output(str(folder / "image-only.pdf"))
    # declares UTF-8, is Windows-1252 (the £ is byte 0xA3)
    (folder / "wrong-charset.html").write_bytes(
        b'<html><head><meta charset="utf-8"></head><body><p>Wandsworth Council appoints a Director of '
        b"Children's Services on a salary of \xa3150,000 a year.</p></body></html>"
    )
    for pdf_path in good:
        shutil.copyfile(pdf_path, folder / pdf_path.name)
    return {
        "zero-bytes.pdf": "empty",
        "truncated.pdf": "corrupt_pdf",
        "random-bytes.pdf": "corrupt_pdf",
        "user-password.pdf": "encrypted",
        # an owner password only restricts editing: every reader opens it, and so do we
        "owner-password-only.pdf": None,
        "image-only.pdf": "no_text_layer",
        # a wrong declaration is not fatal: the bytes are not UTF-8, so they are decoded by detection
        "wrong-charset.html": None,
        **{p.name: None for p in good},
    }


def test_every_bad_input_is_coded_in_one_batch_and_the_good_files_are_stored(corpus_dir, tmp_path, run_dcs):
    expected = _bad_inputs(corpus_dir, tmp_path / "in")
    # (a file named on the command line that is not there is a usage error, exit 2: tests/cli/test_ingest_cli.py;
    # one that vanishes mid-batch is not_found: tests/cli/test_ingest_limits.py)
    db = tmp_path / "w.duckdb"
    run = run_dcs("ingest", tmp_path / "in", "--db", db, "--workers", "2", "--quiet")
    with duckdb.connect(str(db), read_only=True) as con:
        stored = {
            Path(source).name: (status, code, message, text)
            for source, status, code, message, text in con.execute(
                "SELECT source, status, error_code, error_message, text FROM documents"
            ).fetchall()
        }
    assert set(stored) == set(expected)
    for name, code in expected.items():
        status, stored_code, message, _ = stored[name]
        if code is None:
            assert (status, stored_code) == ("ok", None), (name, message)
        else:
            assert (status, stored_code) == ("error", code), name
            assert name in message  # a message a person can act on names the file
            assert f"[{code}]" in run.stderr
    assert "£150,000" in stored["wrong-charset.html"][3]
    failed = sum(code is not None for code in expected.values())
    assert re.search(rf"failed\W+{failed}\W", run.stderr), run.stderr
    assert "failed corrupt_pdf: 2" in run.stderr


def test_the_same_content_under_two_names_is_stored_as_one_process_stores_it(corpus_dir, tmp_path, run_dcs):
    folder = tmp_path / "in"
    folder.mkdir()
    pdfs = corpus_pdfs(corpus_dir)
    for name, source in (("a.pdf", pdfs[0]), ("b.pdf", pdfs[0]), ("c.pdf", pdfs[1]), ("d.txt", None)):
        if source is None:
            (folder / name).write_bytes(b"")  # two empty files: one error row; the second is a hash, no read
            (folder / "e.txt").write_bytes(b"")
        else:
            shutil.copyfile(source, folder / name)
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    run_dcs("ingest", folder, "--db", one, "--workers", "1", "--quiet")
    run = run_dcs("ingest", folder, "--db", two, "--workers", "2", "--quiet")
    assert warehouse_rows(two) == warehouse_rows(one)
    assert re.search(r"unchanged\W+2\W", run.stderr), run.stderr  # b.pdf and e.txt: a hash, no parse


class _FakePool:
    """A pool whose worker 'dies' on any file named bomb*: like a real pool, it then fails every task in flight
    with BrokenProcessPool and refuses new ones. Tasks submitted together finish together, 0.2 s after the last."""

    def __init__(self, log: list[list[str]]):
        self.log = log
        self.batch: list[tuple[str, Future]] = []
        self.broken = False
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        log.append([])

    def submit(self, fn, path):
        with self.lock:
            if self.broken:
                raise BrokenProcessPool("a worker died")
            future: Future = Future()
            self.batch.append((path, future))
            self.log[-1].append(Path(path).name)
            if self.timer is not None:
                self.timer.cancel()
            self.timer = threading.Timer(0.2, self._settle)
            self.timer.start()
            return future

    def _settle(self):
        with self.lock:
            self.broken = self.broken or any("bomb" in p for p, _ in self.batch)
            for path, future in self.batch:
                if self.broken:
                    future.set_exception(BrokenProcessPool("a worker died"))
                else:
                    future.set_result(DocumentResult(source=path, sha256=None, error_code="empty", error_message=path))
            self.batch = []

    def shutdown(self, wait=True, cancel_futures=False):
        if self.timer is not None:
            self.timer.cancel()
        self._settle()


def test_a_worker_that_dies_fails_its_own_file_only(tmp_path, monkeypatch):
    from councildocs import batch
    from councildocs.warehouse.store import Warehouse

    names = ["a.txt", "bomb.txt", "b.txt", "c.txt", "d.txt", "last.txt"]
    files = []
    for name in names:
        (tmp_path / name).write_text(f"text of {name}")
        files.append(tmp_path / name)
    pools: list[list[str]] = []
    monkeypatch.setattr(batch, "_new_executor", lambda n, limits: _FakePool(pools))
    with Warehouse(tmp_path / "w.duckdb") as wh:
        run_id = wh.start_run()
        report = batch.run_batch(files, wh, run_id, workers=2)
    codes = {Path(f.source).name: f.error_code for f in report.failures}
    assert codes == {"a.txt": "empty", "bomb.txt": "internal_error", "b.txt": "empty", "c.txt": "empty",
                     "d.txt": "empty", "last.txt": "empty"}
    assert "worker process" in next(f.error_message for f in report.failures if "bomb" in f.source)
    # the four files in flight (two per worker) died with the bomb's worker; each was then tried alone, one
    # after another in a new pool, until the bomb broke that one too; the rest went on in a third pool
    assert pools[0] == ["a.txt", "bomb.txt", "b.txt", "c.txt"]
    assert pools[1] == ["a.txt", "bomb.txt"]
    assert pools[2] == ["b.txt", "c.txt", "d.txt", "last.txt"]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(names)
