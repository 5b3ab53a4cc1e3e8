"""Results as Parquet parts: rebuilt exactly, written atomically, loaded through Warehouse.store once."""

from __future__ import annotations

import dataclasses

import duckdb
import polars as pl
import pytest

from councildocs.extract.models import Evidence, Fact
from councildocs.extract.pipeline import EXTRACTOR_VERSION
from councildocs.warehouse.errors import WarehouseError
from councildocs.warehouse.results_parquet import load_parquet, read_part, write_part
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import error_result, sample_batch, wandsworth_result


def _awkward_result():
    """Values JSON could lose: a float that is a whole number, a long float, a lone surrogate, nested fields."""
    result = wandsworth_result("corpus/adverts/awkward £ name.txt")
    text = result.document.text + " \ud800"
    document = dataclasses.replace(result.document, text=text, raw_text=text, page_starts=[0, 10])
    fact = Fact(
        kind="poverty_rate",
        fields={"authority": "E09000032", "percent": 31.0, "group": "children",
                "comparator": {"area": "London", "percent": 0.1 + 0.2}},
        evidence=Evidence(text=text[:6], page=1, start=0, end=6), confidence=2 / 3,
    )
    extraction = dataclasses.replace(result.extraction, facts=[*result.extraction.facts, fact])
    return dataclasses.replace(result, document=document, extraction=extraction)


def test_a_part_gives_back_exactly_the_results_written(tmp_path):
    results = [*sample_batch(), _awkward_result(), error_result("gone.pdf", code="not_found", message="gone")]
    part = write_part(results, tmp_path / "run" / "part-00000.parquet", extractor_version=EXTRACTOR_VERSION)
    assert read_part(part, extractor_version=EXTRACTOR_VERSION) == results
    assert [p.name for p in part.parent.iterdir()] == ["part-00000.parquet"]  # no temporary file left


def test_a_part_from_another_extractor_version_or_not_a_part_is_refused(tmp_path):
    old = write_part(sample_batch(), tmp_path / "old.parquet", extractor_version="0.0.1")
    with pytest.raises(WarehouseError, match="0.0.1"):
        read_part(old, extractor_version=EXTRACTOR_VERSION)
    other = tmp_path / "other.parquet"
    pl.DataFrame({"source": ["a.pdf"]}).write_parquet(other)
    with pytest.raises(WarehouseError, match="not a councildocs results part"):
        read_part(other)


def test_loading_parts_twice_stores_each_document_once(tmp_path, db_path):
    batch = sample_batch()
    write_part(batch[:2], tmp_path / "parts" / "part-00000.parquet", extractor_version=EXTRACTOR_VERSION)
    write_part(batch[2:], tmp_path / "parts" / "part-00001.parquet", extractor_version=EXTRACTOR_VERSION)
    (tmp_path / "parts" / ".part-00002.parquet.123-abc.tmp").write_bytes(b"half a file")  # a killed writer's

    with Warehouse(db_path) as wh:
        run_id = wh.start_run()
        first = load_parquet(wh, [tmp_path / "parts"], run_id)
        wh.finish_run(first.outcomes, run_id)
    with duckdb.connect(str(db_path), read_only=True) as con:
        stored = con.execute("SELECT sha256, status FROM documents ORDER BY sha256").fetchall()
        facts = con.execute("SELECT count(*) FROM facts").fetchone()[0]
    assert first.outcomes == {"new": 3, "failed": 1} and first.parts == 2
    assert [f.source for f in first.failures] == ["corpus/broken.pdf"]

    with Warehouse(db_path) as wh:
        second = load_parquet(wh, [tmp_path / "parts"], wh.start_run())
    # the broken PDF failed for what its bytes are (corrupt_pdf): settled, so it is current too
    assert second.outcomes == {"unchanged": 4} and second.failures == []
    with duckdb.connect(str(db_path), read_only=True) as con:
        assert con.execute("SELECT sha256, status FROM documents ORDER BY sha256").fetchall() == stored
        assert con.execute("SELECT count(*) FROM facts").fetchone()[0] == facts
