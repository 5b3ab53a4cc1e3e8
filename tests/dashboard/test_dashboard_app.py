"""The dashboard, page by page, under Streamlit's AppTest (no server, no browser)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from councildocs.dashboard.charts import salary_range_chart
from councildocs.warehouse import queries
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import error_result

TIMEOUT = 30


def run_page(app_path: Path, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run(timeout=TIMEOUT)
    if page:
        at.switch_page(page).run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.success)]
    return "\n".join(str(p) for p in parts)


def test_overview_shows_the_counts(app_path: Path, warehouse_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Documents": "3", "Failed documents": "1", "Authorities with facts": "4", "Facts": "4"}
    failed = at.dataframe[-1].value
    assert list(failed["source"]) == ["corpus/broken.pdf"]


def test_salary_page_shows_the_stored_figures(app_path: Path, warehouse_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path, "app_pages/salaries.py")
    table = at.dataframe[0].value
    wandsworth = table[table["authority"] == "Wandsworth"].iloc[0]
    assert (wandsworth["min_gbp"], wandsworth["max_gbp"]) == (113205, 138362)
    assert set(table["authority"]) == {"Wandsworth", "Camden", "Cambridgeshire", "Peterborough"}
    camden = table[table["authority"] == "Camden"].iloc[0]
    assert "recruit@camden.gov.uk" not in camden["evidence"] and "7974" not in camden["evidence"]
    assert len(at.get("vega_lite_chart")) == 1


def test_salary_page_filters_by_region(app_path: Path, warehouse_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path, "app_pages/salaries.py")
    at.sidebar.multiselect[0].select("East of England").run(timeout=TIMEOUT)
    assert not at.exception
    assert set(at.dataframe[0].value["authority"]) == {"Cambridgeshire", "Peterborough"}


def test_salary_page_places_a_salary(app_path: Path, warehouse_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path, "app_pages/salaries.py")
    at.sidebar.number_input[0].set_value(145000).run(timeout=TIMEOUT)
    assert not at.exception
    # posts with both ends of a range: Wandsworth (midpoint £125,783.50) and Camden (£150,000);
    # Cambridgeshire and Peterborough's "up to £160,000" has no midpoint, so it is not a percentile base
    assert "**£145,000** sits at the **50th percentile** of 2 posts of Director of Children's Services in 2 authorities" in texts(at)
    nearest = at.dataframe[0].value
    assert list(nearest["nice_name"]) == ["Camden", "Wandsworth"]
    assert list(nearest["difference"]) == [5000, -19216.5]


WAREHOUSE_PAGES = [None, "app_pages/salaries.py", "app_pages/compare.py", "app_pages/shared.py",
                   "app_pages/evidence.py"]
ALL_PAGES = [*WAREHOUSE_PAGES, "app_pages/upload.py"]


@pytest.mark.parametrize("page", WAREHOUSE_PAGES)
def test_missing_warehouse_is_a_message(app_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, page: str | None):
    monkeypatch.setenv("DCS_DB", str(tmp_path / "nowhere.duckdb"))
    at = run_page(app_path, page)
    assert "dcs ingest" in texts(at)
    assert not at.dataframe


@pytest.mark.parametrize("page", WAREHOUSE_PAGES)
def test_empty_warehouse_is_a_message(app_path: Path, empty_db: Path, monkeypatch: pytest.MonkeyPatch, page: str | None):
    monkeypatch.setenv("DCS_DB", str(empty_db))
    at = run_page(app_path, page)
    assert "no documents yet" in texts(at)
    assert not at.dataframe and not at.metric


@pytest.mark.parametrize("page", ALL_PAGES)
def test_every_page_renders_over_the_sample_batch(app_path: Path, warehouse_db: Path,
                                                  monkeypatch: pytest.MonkeyPatch, page: str | None):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path, page)
    assert at.title


def test_upload_page_on_an_empty_warehouse_still_offers_an_upload(app_path: Path, empty_db: Path,
                                                                  monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(empty_db))
    at = run_page(app_path, "app_pages/upload.py")
    assert at.file_uploader and "Choose a PDF, text or HTML file" in texts(at)


def test_compare_over_the_sample_batch(app_path: Path, warehouse_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path, "app_pages/compare.py")
    at.multiselect[0].set_value(["E09000032", "E09000007"]).run(timeout=TIMEOUT)
    assert not at.exception
    glance = at.dataframe[0].value.set_index("Measure")
    assert glance.loc["Population claimed in documents", "Wandsworth"] == "over 320,000"
    assert glance.loc["Population 2020 (gazetteer)", "Wandsworth"] == "329,735"
    assert glance.loc["Highest annual salary", "Camden"] == "£150,000"


def test_unreadable_file_is_a_warning(app_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    monkeypatch.setenv("DCS_DB", str(junk))
    at = run_page(app_path)
    assert at.warning and "Cannot read the warehouse" in at.warning[0].value


@pytest.mark.parametrize("page", WAREHOUSE_PAGES)
def test_a_truncated_warehouse_is_one_line_on_every_page(app_path: Path, real_db: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, page: str | None):
    # its header and catalogue survive, so it opens; the pages a query needs are gone
    data = real_db.read_bytes()
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(data[: len(data) // 2])
    monkeypatch.setenv("DCS_DB", str(damaged))
    at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT)
    at.query_params["gss"] = "E08000003,E08000035"
    at.run(timeout=TIMEOUT)
    if page:
        at.switch_page(page).run(timeout=TIMEOUT)
    assert not at.exception, [e.value for e in at.exception]
    messages = [w.value for w in at.warning]
    assert len(messages) == 1 and "\n" not in messages[0], messages
    assert "damaged" in messages[0] or "Cannot read the warehouse" in messages[0]
    assert "dcs ingest" in messages[0] or "Cannot read" in messages[0]
    assert not at.dataframe


def test_a_warehouse_of_an_older_schema_asks_for_an_upgrade(app_path: Path, warehouse_db: Path,
                                                              monkeypatch: pytest.MonkeyPatch):
    import duckdb

    with duckdb.connect(str(warehouse_db)) as con:  # as if written before migration 003
        con.execute("DELETE FROM schema_migrations WHERE version = 3")
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path, "app_pages/salaries.py")
    assert [w.value for w in at.warning] == [
        f"The warehouse at {warehouse_db} was written by an older councildocs (schema 2, this one reads 3); "
        "run `dcs ingest` on any folder once to upgrade it."]


def test_default_path_is_relative_to_the_working_directory(app_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("DCS_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    at = run_page(app_path)
    assert str(tmp_path / "var" / "warehouse.duckdb") in texts(at)


def test_a_new_snapshot_is_picked_up(app_path: Path, warehouse_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(warehouse_db))
    at = run_page(app_path)
    assert {m.label: m.value for m in at.metric}["Failed documents"] == "1"
    with Warehouse(warehouse_db) as wh:
        wh.store(error_result("corpus/gone.pdf", code="not_found"))
    at.run(timeout=TIMEOUT)
    assert {m.label: m.value for m in at.metric}["Failed documents"] == "2"


def test_salary_chart_handles_open_ranges(warehouse_db: Path):
    salaries = queries.salary_ranges(warehouse_db).with_columns(authority=pl.col("nice_name"))
    spec = salary_range_chart(salaries, marker_gbp=120000).to_dict()
    assert len(spec["layer"]) == 4  # range, its two ends, the compared salary
