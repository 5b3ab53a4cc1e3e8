"""The dashboard's questions, answered from a published warehouse."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from councildocs.warehouse import queries
from councildocs.warehouse.errors import WarehouseMissing, WarehouseUnavailable
from councildocs.warehouse.privacy import MASK
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import CAMBRIDGESHIRE, CAMDEN, PETERBOROUGH, WANDSWORTH, store_sample_batch


@pytest.fixture
def built(db_path: Path) -> Path:
    return store_sample_batch(db_path)


def test_overview(built: Path):
    summary = queries.overview(built)
    assert (summary.documents_ok, summary.documents_failed) == (3, 1)
    assert summary.authorities_with_facts == 4
    assert summary.facts == 4
    assert dict(summary.facts_by_kind.iter_rows()) == {"salary": 3, "population": 1}
    assert summary.last_run_finished is not None


def test_salary_ranges(built: Path):
    df = queries.salary_ranges(built)
    rows = {r["gss"]: r for r in df.to_dicts()}
    assert set(rows) == {WANDSWORTH, CAMDEN, CAMBRIDGESHIRE, PETERBOROUGH}
    w = rows[WANDSWORTH]
    assert (w["name"], w["nice_name"], w["region"], w["type"]) == ("London Borough of Wandsworth", "Wandsworth", "London", "LBO")
    assert (w["role"], w["role_category"], w["min_gbp"], w["max_gbp"]) == ("Director of Children's Services", "dcs", 113205, 138362)
    assert w["source"] == "corpus/adverts/wandsworth.txt"
    assert w["evidence"] == "between £113,205 and £138,362"
    # One fact shared by two employers appears under both, with the same fact id.
    assert rows[CAMBRIDGESHIRE]["fact_id"] == rows[PETERBOROUGH]["fact_id"]
    assert (rows[PETERBOROUGH]["min_gbp"], rows[PETERBOROUGH]["max_gbp"]) == (None, 160000)


def test_text_is_masked_on_the_way_out(built: Path):
    camden = queries.salary_ranges(built).filter(gss=CAMDEN).to_dicts()[0]
    assert "recruit@camden.gov.uk" not in camden["evidence"] and "7974" not in camden["evidence"]
    assert MASK in camden["evidence"] and camden["evidence"].startswith("Salary: £150,000, call ")


def test_failed_documents(built: Path):
    failed = queries.failed_documents(built).to_dicts()
    assert [(f["source"], f["error_code"]) for f in failed] == [("corpus/broken.pdf", "corrupt_pdf")]


def test_documents(built: Path):
    docs = {d["source"]: d for d in queries.documents(built).to_dicts()}
    assert docs["corpus/adverts/wandsworth.txt"]["facts"] == 2
    assert docs["corpus/news/shared.txt"]["authorities"] == "Cambridgeshire, Peterborough"
    assert docs["corpus/broken.pdf"]["status"] == "error"
    assert "text" not in queries.documents(built).columns


def test_status(built: Path, tmp_path: Path):
    assert queries.warehouse_status(built).ready
    assert queries.warehouse_status(tmp_path / "nowhere.duckdb").state == "missing"
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    assert queries.warehouse_status(junk).state == "unavailable"
    empty = tmp_path / "empty.duckdb"
    with Warehouse(empty):
        pass
    assert queries.warehouse_status(empty).state == "empty"


def test_queries_on_an_empty_warehouse_return_empty_frames(tmp_path: Path):
    empty = tmp_path / "empty.duckdb"
    with Warehouse(empty):
        pass
    assert queries.overview(empty).facts == 0
    assert queries.salary_ranges(empty).is_empty()
    assert queries.failed_documents(empty).is_empty()


def test_missing_and_foreign_files_raise_warehouse_errors(tmp_path: Path):
    with pytest.raises(WarehouseMissing):
        queries.overview(tmp_path / "nowhere.duckdb")
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    with pytest.raises(WarehouseUnavailable):
        queries.salary_ranges(other)
