"""`dcs ingest` builds a real DuckDB warehouse from the shipped corpus, and re-running changes nothing."""

from __future__ import annotations

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
