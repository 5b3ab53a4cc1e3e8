"""Storing DocumentResults: keyed, idempotent, one transaction per document, failures never clobber."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import duckdb
import pytest

from councildocs.extract.pipeline import EXTRACTOR_VERSION
from councildocs.extract.models import Evidence, Fact
from councildocs.results import DocumentResult
from councildocs.warehouse.rows import fact_id
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import (
    CAMBRIDGESHIRE,
    PETERBOROUGH,
    WANDSWORTH,
    WANDSWORTH_TEXT,
    camden_result,
    error_result,
    salary_fact,
    sample_batch,
    shared_result,
    wandsworth_result,
)

DATA_TABLES = ("documents", "facts", "fact_authorities", "document_authorities", "authorities", "schema_migrations")


def ingest(db_path: Path, results: list[DocumentResult], **kwargs) -> list[str]:
    """What `dcs ingest` does with a batch."""
    with Warehouse(db_path, **kwargs) as wh:
        run_id = wh.start_run()
        outcomes = [wh.store(r, run_id) for r in results]
        wh.finish_run()
    return outcomes


def published(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def counts(db_path: Path) -> dict[str, int]:
    return {t: published(db_path, f"SELECT count(*) FROM {t}")[0][0] for t in (*DATA_TABLES, "ingest_runs")}


def test_first_ingest_stores_documents_facts_and_links(db_path: Path):
    assert ingest(db_path, sample_batch()) == ["new", "new", "new", "failed"]
    c = counts(db_path)
    assert c["documents"] == 4
    assert c["facts"] == 4
    assert c["fact_authorities"] == 5  # the shared salary names two employers
    assert c["document_authorities"] == 4
    assert c["authorities"] > 400
    roles = dict(published(db_path, "SELECT f.kind, any_value(fa.role) FROM facts f JOIN fact_authorities fa USING (fact_id) GROUP BY 1"))
    assert roles == {"salary": "employer", "population": "subject"}


def test_ingesting_twice_gives_identical_rows(db_path: Path):
    ingest(db_path, sample_batch())
    before = counts(db_path)
    snapshot = published(db_path, "SELECT * FROM documents ORDER BY sha256") + published(db_path, "SELECT * FROM facts ORDER BY fact_id")

    assert ingest(db_path, sample_batch()) == ["unchanged", "unchanged", "unchanged", "failed"]
    after = counts(db_path)
    assert {t: after[t] for t in DATA_TABLES} == {t: before[t] for t in DATA_TABLES}
    assert after["ingest_runs"] == before["ingest_runs"] + 1
    # Nothing at all was rewritten: timestamps and the run that wrote each row are the first run's.
    assert published(db_path, "SELECT * FROM documents ORDER BY sha256") + published(db_path, "SELECT * FROM facts ORDER BY fact_id") == snapshot


def test_a_new_extractor_version_re_extracts(db_path: Path):
    ingest(db_path, [wandsworth_result()], extractor_version="1.0")
    old_ids = {r[0] for r in published(db_path, "SELECT fact_id FROM facts")}
    (first_seen, updated), = published(db_path, "SELECT first_seen, updated FROM documents")

    better = wandsworth_result()
    assert better.extraction is not None
    better.extraction.facts = [salary_fact(WANDSWORTH_TEXT, "£113,205 and £138,362", [WANDSWORTH], 113205, 138362)]
    assert ingest(db_path, [better], extractor_version="1.1") == ["re-extracted"]

    rows = published(db_path, "SELECT fact_id, kind, min_gbp, max_gbp FROM facts")
    assert len(rows) == 1 and rows[0][0] not in old_ids and rows[0][1:] == ("salary", 113205.0, 138362.0)
    assert published(db_path, "SELECT count(*) FROM fact_authorities")[0][0] == 1
    (version, first_seen_now, updated_now), = published(db_path, "SELECT extractor_version, first_seen, updated FROM documents")
    assert (version, first_seen_now) == ("1.1", first_seen)
    assert updated_now > updated


def test_re_extraction_that_finds_the_same_facts_keeps_them(db_path: Path):
    # The same fact ids are deleted and inserted again in one transaction (a DuckDB corner case).
    ingest(db_path, [wandsworth_result()], extractor_version="1.0")
    before = published(db_path, "SELECT fact_id FROM facts ORDER BY 1")
    assert ingest(db_path, [wandsworth_result()], extractor_version="1.1") == ["re-extracted"]
    assert published(db_path, "SELECT fact_id FROM facts ORDER BY 1") == before
    assert published(db_path, "SELECT count(*) FROM fact_authorities")[0][0] == 2


def test_a_failure_never_replaces_a_good_document(db_path: Path):
    good = wandsworth_result()
    ingest(db_path, [good])
    # The same content failing later (say, an extractor crash) ...
    crash = dataclasses.replace(good, extraction=None, error_code="internal_error", error_message="boom")
    # ... and the same path now holding damaged bytes.
    damaged = error_result(good.source, code="corrupt_pdf", sha256="d" * 64)
    assert ingest(db_path, [crash, damaged], extractor_version="2.0") == ["failed", "failed"]

    rows = published(db_path, "SELECT sha256, status, extractor_version FROM documents ORDER BY status DESC")
    assert rows == [(good.sha256, "ok", EXTRACTOR_VERSION), ("d" * 64, "error", "2.0")]
    assert published(db_path, "SELECT count(*) FROM facts WHERE sha256 = ?", [good.sha256])[0][0] == 2


def test_a_repeated_failure_is_one_unchanged_row(db_path: Path):
    missing = error_result("corpus/gone.pdf", code="not_found", message="No such file.")
    ingest(db_path, [missing])
    first = published(db_path, "SELECT * FROM documents")
    ingest(db_path, [missing])
    assert published(db_path, "SELECT * FROM documents") == first
    assert first[0][0].startswith("path:")


def test_a_changed_failure_updates_the_error(db_path: Path):
    ingest(db_path, [error_result("x.pdf", code="encrypted", message="Password needed.", sha256="e" * 64)])
    ingest(db_path, [error_result("x.pdf", code="internal_error", message="Reader bug.", sha256="e" * 64)])
    assert published(db_path, "SELECT error_code, error_message FROM documents") == [("internal_error", "Reader bug.")]


def test_a_good_document_clears_earlier_failures_for_its_path(db_path: Path):
    good = wandsworth_result()
    ingest(db_path, [error_result(good.source, code="corrupt_pdf", sha256="d" * 64), error_result(good.source, code="not_found")])
    assert ingest(db_path, [good]) == ["new"]
    assert published(db_path, "SELECT status, count(*) FROM documents GROUP BY 1") == [("ok", 1)]


def test_a_document_that_was_failing_can_succeed(db_path: Path):
    good = wandsworth_result()
    crash = dataclasses.replace(good, extraction=None, error_code="internal_error", error_message="boom")
    ingest(db_path, [crash])
    assert ingest(db_path, [good]) == ["re-extracted"]
    assert published(db_path, "SELECT status, error_code FROM documents") == [("ok", None)]
    assert published(db_path, "SELECT count(*) FROM facts")[0][0] == 2


def test_a_document_is_written_all_or_nothing(db_path: Path):
    bad = wandsworth_result()
    assert bad.extraction is not None
    broken = Fact(kind="salary", fields={"authorities": [WANDSWORTH]}, evidence=Evidence("x", None, 0, 1), confidence=0.5)  # type: ignore[arg-type]
    bad.extraction.facts.append(broken)
    with Warehouse(db_path) as wh:
        with pytest.raises(duckdb.ConstraintException):
            wh.store(bad)
        assert wh.row_counts()["documents"] == 0
        assert wh.store(camden_result()) == "new"  # the session carries on after a failed document
    assert counts(db_path)["documents"] == 1


def test_fact_ids_are_deterministic_and_repeats_collapse(db_path: Path):
    result = wandsworth_result()
    assert result.extraction is not None and result.sha256 is not None
    fact = result.extraction.facts[0]
    twin = dataclasses.replace(fact, fields={**fact.fields, "min_gbp": 113205.0}, confidence=0.95)
    assert fact_id(result.sha256, twin) == fact_id(result.sha256, fact)
    result.extraction.facts.append(twin)
    ingest(db_path, [result])
    assert published(db_path, "SELECT count(*), max(confidence) FROM facts WHERE kind = 'salary'") == [(1, 0.95)]


def test_is_current_tells_the_cli_when_extraction_can_be_skipped(db_path: Path):
    result = wandsworth_result()
    assert result.sha256 is not None
    ingest(db_path, [result])
    with Warehouse(db_path) as wh:
        assert wh.is_current(result.sha256)
        assert not wh.is_current("f" * 64)
    with Warehouse(db_path, extractor_version="9.9") as wh:
        assert not wh.is_current(result.sha256)


def test_runs_record_their_outcomes(db_path: Path):
    ingest(db_path, sample_batch())
    ingest(db_path, sample_batch())
    rows = published(db_path, "SELECT n_new, n_unchanged, n_reextracted, n_failed, finished IS NOT NULL FROM ingest_runs ORDER BY started")
    assert rows == [(3, 0, 0, 1, True), (0, 3, 0, 1, True)]


def test_shared_salary_links_both_employers(db_path: Path):
    ingest(db_path, [shared_result()])
    links = published(db_path, "SELECT gss, role FROM fact_authorities ORDER BY gss")
    assert links == sorted([(CAMBRIDGESHIRE, "employer"), (PETERBOROUGH, "employer")])
    assert published(db_path, "SELECT min_gbp, max_gbp FROM facts") == [(None, 160000.0)]
