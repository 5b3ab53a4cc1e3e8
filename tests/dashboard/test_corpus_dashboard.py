"""README command one's outcome: the warehouse built from corpus/ by `dcs ingest`, shown by the real app."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

DCS = Path(sys.executable).with_name("dcs")
TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_salary_page_lists_the_corpus_authorities(corpus_db, app_path, monkeypatch):
    monkeypatch.setenv("DCS_DB", str(corpus_db))
    at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    at.switch_page("app_pages/salaries.py").run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    wandsworth = table[table["authority"] == "Wandsworth"]
    assert (wandsworth["min_gbp"].iloc[0], wandsworth["max_gbp"].iloc[0]) == (148584, 190800)
    assert len(set(table["authority"])) >= 8, "the corpus is meant to make a salary comparison worth having"
    assert not table["evidence"].str.contains("@").any(), "e-mail addresses are masked"


def test_dcs_dashboard_serves_http_200_at_the_printed_address(corpus_db):
    port = _free_port()
    proc = subprocess.Popen([str(DCS), "dashboard", "--db", str(corpus_db), "--port", str(port)],
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
