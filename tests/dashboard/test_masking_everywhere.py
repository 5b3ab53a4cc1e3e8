"""Every disguise of a contact detail is masked in every export format, in `dcs extract --format csv`
and on the evidence page: one document holding them all, stored, exported and shown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from streamlit.testing.v1 import AppTest

from councildocs.warehouse import queries
from councildocs.warehouse.export import FORMATS, export_warehouse
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import ok_result, salary_fact

# The forms issue 15 lists, each as a person would write it.
CONTACTS = (
    "jo.bloggs@wandsworth.gov.uk",
    "john dot smith at council dot gov dot uk",
    "j.smith [at] leeds.gov.uk",
    "j.smith(at)leeds(dot)gov(dot)uk",
    "jo @ camden.gov.uk",
    "jo\uff20camden.gov.uk",
    "020.7946.0000",
    "0 7700 900 123",
    "0044 20 7946 0000",
    "020 7946 0123",
    "+44 (0)20 7946 0123",
)
# what must not survive of them: each whole, and the telling part of each
LEAKS = (*CONTACTS, "bloggs@", "smith at council", "[at]", "(at)", "@ camden", "\uff20", "7946 0", "7946.0", "900 123")
TEXT = (
    "Wandsworth Council is recruiting a Director of Children's Services on a salary of £150,000, "
    f"for questions write to {CONTACTS[0]} or {CONTACTS[1]} or {CONTACTS[2]} or {CONTACTS[3]} or "
    f"{CONTACTS[4]} or {CONTACTS[5]}, or call {CONTACTS[6]}, {CONTACTS[7]}, {CONTACTS[8]}, {CONTACTS[9]} "
    f"or {CONTACTS[10]}."
)
SOURCE = "adverts/jo.bloggs@wandsworth.gov.uk advert.txt"


@pytest.fixture(scope="module")
def contact_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("contacts") / "w.duckdb"
    with Warehouse(db) as wh:
        wh.store(ok_result(SOURCE, TEXT, [salary_fact(TEXT, "£150,000", ["E09000032"], 150000, 150000)],
                           [("E09000032", "Wandsworth")]))
    return db


def _leaks(value: str) -> list[str]:
    return [leak for leak in LEAKS if leak in value]


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_contact_survives_an_export(contact_db, tmp_path, fmt):
    written = export_warehouse(contact_db, tmp_path, fmt)
    assert written
    texts = []
    for path in sorted(tmp_path.iterdir()):
        if fmt == "parquet":
            frame = pl.read_parquet(path)
            texts += [str(v) for column in frame.columns for v in frame[column].to_list()]
        elif fmt == "jsonl":
            texts += [json.dumps(json.loads(line), ensure_ascii=False) for line in path.read_text("utf-8").splitlines()]
        else:
            texts.append(path.read_text("utf-8"))
    everything = "\n".join(texts)
    assert "£150,000" in everything and "Wandsworth Council is recruiting" in everything  # the text is there
    assert not _leaks(everything)


def test_no_contact_survives_the_extract_csv(tmp_path):
    (tmp_path / "advert.txt").write_text(TEXT, encoding="utf-8")
    dcs = Path(sys.executable).with_name("dcs")
    out = subprocess.run([str(dcs), "extract", str(tmp_path / "advert.txt"), "--format", "csv", "--quiet"],
                         capture_output=True, text=True, check=True, timeout=300).stdout
    assert "150000" in out
    assert not _leaks(out)


def test_no_contact_is_shown_on_the_evidence_page(contact_db, app_path, monkeypatch):
    monkeypatch.setenv("DCS_DB", str(contact_db))
    fact_id = queries.salary_ranges(contact_db)["fact_id"][0]
    at = AppTest.from_file(str(app_path), default_timeout=60)
    at.query_params.update({"fact": fact_id})
    at.run()
    at.switch_page("app_pages/evidence.py").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [h.proto.body for h in at.get("html")]
    shown += [str(e.value) for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.text, *at.subheader)]
    everything = "\n".join(shown)
    assert "£150,000" in everything and "advert.txt" in everything
    assert not _leaks(everything)
