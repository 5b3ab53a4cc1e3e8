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
    assert "**£145,000** sits at the **50th percentile** of 2 comparable posts" in texts(at)
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
    summary = at.dataframe[0].value.set_index("gss")
    assert summary.loc["E09000032", "population_claimed"] == 320000
    assert summary.loc["E09000032", "claimed_qualifier"] == "over"
    assert summary.loc["E09000032", "population_2020"] == 329735
    assert summary.loc["E09000007", "top_salary"] == "£150,000"


def test_unreadable_file_is_a_warning(app_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    monkeypatch.setenv("DCS_DB", str(junk))
    at = run_page(app_path)
    assert at.warning and "Cannot read the warehouse" in at.warning[0].value


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
