"""README command one's outcome: the warehouse `dcs ingest corpus/real` builds from real published
documents, shown by the real app: every figure beside who published it and where."""

from __future__ import annotations

import csv
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from councildocs.warehouse import queries

DCS = Path(sys.executable).with_name("dcs")
TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MANCHESTER = "E08000003"


def _real_sources(corpus_dir: Path) -> dict[str, dict]:
    with (corpus_dir / "real" / "sources.csv").open(encoding="utf-8") as fh:
        return {r["stem"]: r for r in csv.DictReader(fh)}


def test_the_default_dashboard_shows_real_salaries_with_their_sources(real_db, app_path, corpus_dir, monkeypatch):
    monkeypatch.setenv("DCS_DB", str(real_db))
    at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    assert not at.warning, "no fictional document in the default warehouse"
    at.switch_page("app_pages/salaries.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert set(table["role_category"]) == {"dcs"}, "DCS posts by default"
    manchester = table[(table["authority"] == "Manchester") & (table["min_gbp"] == 135976)].iloc[0]
    source = _real_sources(corpus_dir)["b1_manchester_dcs_recruitment"]
    assert manchester["max_gbp"] == 155898
    assert manchester["published_by"] == f"{source['publisher']}, {source['published']}"
    assert manchester["source_link"] == source["url"]
    # every figure on the page comes from a real published document with its address
    assert table["source_link"].str.startswith("http").all()
    assert not table["published_by"].str.contains("Fictional|not recorded").any()
    assert not table["evidence"].str.contains("@").any(), "e-mail addresses are masked"


def test_the_default_warehouse_holds_only_real_documents(real_db, corpus_dir):
    from built_warehouses import real_corpus_in_tests

    documents = queries.documents(real_db)
    sources = _real_sources(corpus_dir)
    assert set(documents["source"]) == {str(path) for path in real_corpus_in_tests()}
    assert {Path(source).stem for source in documents["source"]} <= set(sources)
    assert not documents["fictional"].any()
    assert documents["publisher"].is_not_null().all() and documents["licence"].is_in(["OGL-3.0", "OPL-3.0", "CC0-1.0"]).all()
    assert documents["source_url"].str.starts_with("http").all()



def test_dcs_dashboard_serves_http_200_at_the_printed_address(real_db):
    port = _free_port()
    proc = subprocess.Popen([str(DCS), "dashboard", "--db", str(real_db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        address = proc.stderr.readline().split()[1]
        assert address == f"http://localhost:{port}"
        deadline = time.monotonic() + 60
        status = None
        while time.monotonic() < deadline and status != 200:
            try:
                with urllib.request.urlopen(f"{address}/_stcore/health", timeout=2) as health:
                    status = health.status
            except OSError:
                time.sleep(0.5)
        with urllib.request.urlopen(address, timeout=5) as page:
            assert page.status == 200
            assert b"<html" in page.read().lower()
    finally:
        proc.terminate()
        proc.wait(timeout=20)
