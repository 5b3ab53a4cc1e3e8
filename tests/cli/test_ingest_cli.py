"""`dcs ingest` builds a real DuckDB warehouse from the shipped corpus, and re-running changes nothing."""

from __future__ import annotations

import os
import threading
import time

import duckdb

TABLES = ("documents", "facts", "fact_authorities", "document_authorities", "authorities")


def _counts(db) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def test_ingest_corpus_twice_leaves_the_same_rows(run_dcs, corpus_dir, tmp_path):
    db = tmp_path / "x.duckdb"
    run_dcs("ingest", corpus_dir, "--db", db, "--quiet")
    first = _counts(db)
    # the documents in the category folders; corpus/.dcsignore keeps the defect set (defects/) out
    pdfs = len([p for c in ("adverts", "news", "papers") for p in (corpus_dir / c).glob("*.pdf")])
    assert first["documents"] == pdfs
    assert first["facts"] > pdfs
    second_run = run_dcs("ingest", corpus_dir, "--db", db, "--quiet")
    assert _counts(db) == first
    assert "unchanged" in second_run.stderr


def test_stored_evidence_is_the_stored_text_slice(run_dcs, corpus_dir, tmp_path):
    db = tmp_path / "x.duckdb"
    run_dcs("ingest", corpus_dir, "--db", db, "--quiet")
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT f.evidence_text, d.text, f.start_offset, f.end_offset FROM facts f JOIN documents d USING (sha256)"
        ).fetchall()
    assert rows
    for evidence, text, start, end in rows:
        assert text[start:end] == evidence


def test_a_missing_input_folder_writes_no_warehouse(run_dcs, tmp_path):
    db = tmp_path / "new" / "warehouse.duckdb"
    proc = run_dcs("ingest", tmp_path / "no-such-folder", "--db", db, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"dcs: no such file or folder: {tmp_path / 'no-such-folder'}"
    assert not (tmp_path / "new").exists()


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


def test_a_damaged_warehouse_is_one_line_and_left_as_it_was(run_dcs, real_db, corpus_dir, tmp_path):
    document = corpus_dir / "real" / "dev" / "docs" / "b1_manchester_dcs_recruitment.txt"
    for name, content in (("truncated.duckdb", real_db.read_bytes()[:200_000]), ("not-duckdb.duckdb", b"hello" * 100)):
        db = tmp_path / name
        db.write_bytes(content)
        proc = run_dcs("ingest", document, "--db", db, "--quiet", check=False)
        assert proc.returncode == 1
        line = _one_line(proc.stderr)
        assert line.startswith(f"dcs: The warehouse at {db} cannot be opened") and "nothing was changed" in line
        assert db.read_bytes() == content
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(name)) == [name, f"{name}.lock"], (
            "no working copy left behind")
        exported = run_dcs("export", "--db", db, "--format", "csv", "--out", tmp_path / "out", check=False)
        assert exported.returncode == 1 and _one_line(exported.stderr).startswith("dcs: ")


def test_a_busy_warehouse_is_one_line_and_a_temporary_failure(run_dcs, corpus_dir, tmp_path):
    from councildocs.warehouse.store import Warehouse

    db = tmp_path / "busy.duckdb"
    document = corpus_dir / "real" / "dev" / "docs" / "b1_manchester_dcs_recruitment.txt"
    with Warehouse(db):  # another writer (this test's process) holds it
        started = time.monotonic()
        proc = run_dcs("ingest", document, "--db", db, "--quiet", "--wait", "1.5", check=False)
        waited = time.monotonic() - started
    assert proc.returncode == 75  # EX_TEMPFAIL: the same command can be run again later
    line = _one_line(proc.stderr)
    assert line.startswith(f"dcs: Another process (pid {os.getpid()}: ") and f"is writing {db}; waited 1.5 s." in line
    assert waited >= 1.5
    run_dcs("ingest", document, "--db", db, "--quiet")  # and once it is free, it works
    assert _counts(db)["documents"] == 1


def test_a_second_writer_waits_for_the_first_to_finish(run_dcs, corpus_dir, tmp_path):
    from councildocs.warehouse.store import Warehouse

    db = tmp_path / "shared.duckdb"
    document = corpus_dir / "real" / "dev" / "docs" / "b1_manchester_dcs_recruitment.txt"
    holder = Warehouse(db)
    releaser = threading.Timer(1.0, holder.close)  # the first writer finishes a second from now
    releaser.start()
    try:
        proc = run_dcs("ingest", document, "--db", db, "--quiet", "--wait", "30", check=False)
    finally:
        releaser.join()
    assert proc.returncode == 0, proc.stderr
    assert _counts(db)["documents"] == 1  # stored once, by the second writer


def test_a_file_name_that_is_not_utf8_never_stops_a_batch(run_dcs, corpus_dir, tmp_path):
    import json
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    folder = tmp_path / "names"
    folder.mkdir()
    shutil.copyfile(corpus_dir / "real" / "dev" / "docs" / "b1_manchester_dcs_recruitment.txt", folder / "good.txt")
    odd = os.fsdecode(str(folder).encode() + b"/advert-\xff\xfe.txt")
    with open(odd, "w", encoding="utf-8") as fh:
        fh.write("Leeds City Council has appointed a Director of Children's Services on a salary of £150,000.")
    broken = os.fsdecode(str(folder).encode() + b"/broken-\xe9.pdf")
    with open(broken, "wb") as fh:
        fh.write(b"%PDF-1.7 not really")
    db = tmp_path / "names.duckdb"
    run_dcs("ingest", folder, "--db", db, "--quiet")
    with duckdb.connect(str(db), read_only=True) as con:
        stored = dict(con.execute("SELECT source, coalesce(error_code, status) FROM documents").fetchall())
    # every file is stored, the odd names written with \xNN for each byte that is not UTF-8
    assert stored == {f"{folder}/good.txt": "ok", f"{folder}/advert-\\xff\\xfe.txt": "ok",
                      f"{folder}/broken-\\xe9.pdf": "corrupt_pdf"}
    again = run_dcs("ingest", folder, "--db", db, "--quiet")
    assert _counts(db)["documents"] == 3 and "unchanged" in again.stderr
    # dcs extract writes valid UTF-8 even to a strict stream
    dcs = Path(sys.executable).with_name("dcs")
    proc = subprocess.run([str(dcs), "extract", str(folder), "--quiet"], capture_output=True, timeout=600,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"})
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    records = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert sorted(r["source"] for r in records) == sorted(stored)
    broken_record = next(r for r in records if r["status"] == "error")
    assert broken_record["error"]["code"] == "corrupt_pdf" and "broken-\\xe9.pdf" in broken_record["error"]["message"]


def test_pipes_devices_and_huge_files_are_refused_unopened_and_the_batch_goes_on(run_dcs, corpus_dir, tmp_path):
    import json
    import shutil

    folder = tmp_path / "hostile"
    folder.mkdir()
    shutil.copyfile(corpus_dir / "real" / "dev" / "docs" / "b1_manchester_dcs_recruitment.txt", folder / "good.txt")
    os.mkfifo(folder / "pipe.txt")  # opening it would block for ever
    (folder / "zero.txt").symlink_to("/dev/zero")  # reading it would never end
    with open(folder / "huge.pdf", "wb") as fh:  # 40 GB on paper, nothing on disk
        fh.truncate(40 * 1024**3)
    expected = {"good.txt": None, "huge.pdf": "too_large", "pipe.txt": "unreadable", "zero.txt": "unreadable"}

    started = time.monotonic()
    records = [json.loads(line) for line in run_dcs("extract", folder, "--quiet").stdout.splitlines()]
    assert {r["source"].rsplit("/", 1)[1]: (r["error"] or {}).get("code") for r in records} == expected
    db = tmp_path / "hostile.duckdb"
    run_dcs("ingest", folder, "--db", db, "--quiet")
    assert time.monotonic() - started < 120, "nothing was hashed or read to the end"
    with duckdb.connect(str(db), read_only=True) as con:
        stored = dict(con.execute("SELECT source, error_code FROM documents").fetchall())
    assert {source.rsplit("/", 1)[1]: code for source, code in stored.items()} == expected
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] > 0  # the good file has its facts
