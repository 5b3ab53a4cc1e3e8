"""`dcs ingest --workers N`: the same warehouse as one process, a kill -9 mid-batch loses nothing, bad input is coded."""

from __future__ import annotations

import os
import random
import shutil
import signal
import re
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from batch_warehouses import corpus_pdfs, distinct_copies, warehouse_rows

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
def test_a_batch_killed_mid_run_is_finished_by_a_rerun_with_every_document_once(corpus_dir, tmp_path, run_dcs,
                                                                                 engine_args):
    files = distinct_copies(corpus_dir, tmp_path / "batch", 20)
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen(
        [str(DCS), "ingest", str(tmp_path / "batch"), "--db", str(db), "--workers", "2", "--publish-every", "5",
         "--quiet", *engine_args],
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
    rerun = run_dcs("ingest", tmp_path / "batch", "--db", db, "--workers", "2", "--quiet", *engine_args)
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


def test_the_same_content_under_two_names_is_stored_as_one_process_stores_it(corpus_dir, tmp_path, run_dcs,
                                                                            engine_args):
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
    run = run_dcs("ingest", folder, "--db", two, "--workers", "2", "--quiet", *engine_args)
    assert warehouse_rows(two) == warehouse_rows(one)
    assert re.search(r"unchanged\W+2\W", run.stderr), run.stderr  # b.pdf and e.txt: a hash, no parse


def _readers(pid: int) -> list:
    import psutil

    try:
        tree = psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []
    found = []
    for process in tree:
        try:
            if "councildocs.reader_process" in process.cmdline():
                found.append(process)
        except psutil.Error:
            pass
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="finds the reader processes through /proc")
def test_a_file_whose_reader_dies_is_tried_again_alone_then_failed_and_the_rest_go_on(corpus_dir, tmp_path, engine_args):
    """A reader that dies on a file (here: killed from outside, as the OOM killer would) costs that file only."""
    import psutil

    from hostile_files import pdf_with_inflating_content

    folder = tmp_path / "in"
    distinct_copies(corpus_dir, folder, 4)
    pdf_with_inflating_content(folder / "z-slow.pdf", 40)  # minutes of parsing, last in sorted order
    db = tmp_path / "w.duckdb"
    proc = subprocess.Popen(
        [str(DCS), "ingest", str(folder), "--db", str(db), "--workers", "2", "--quiet", "--max-seconds", "600",
         *engine_args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    kills = 0
    try:
        deadline = time.monotonic() + 400
        while proc.poll() is None and time.monotonic() < deadline:
            for reader in _readers(proc.pid):
                try:
                    busy = sum(reader.cpu_times()[:2]) > 12  # loading takes a few seconds; the slow file minutes
                except psutil.Error:
                    continue
                if busy and kills < 2:
                    reader.kill()
                    kills += 1
            time.sleep(0.2)
        assert proc.poll() is not None, "the batch did not end after its reader was killed twice"
        stderr = proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.stderr.close()
    assert proc.returncode == 0, stderr[-3000:]
    assert kills == 2
    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT source, coalesce(error_code, status) FROM documents").fetchall())
    assert {Path(source).name: code for source, code in rows.items()} == {
        **{path.name: "ok" for path in sorted(folder.glob("*.pdf")) if path.name != "z-slow.pdf"},
        "z-slow.pdf": "internal_error",
    }
