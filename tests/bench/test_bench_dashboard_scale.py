"""The dashboard scale benchmark (bench/dashboard_scale.py) builds the warehouse it says, at a tiny size.

Speed goals live in the benchmark (its exit status), not here.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from script_loader import load_script

from councildocs.warehouse import queries

BENCH = Path(__file__).resolve().parents[2] / "bench"
dashboard_scale = load_script("bench_dashboard_scale", BENCH / "dashboard_scale.py")


def test_generator_makes_exactly_the_documents_asked_for(tmp_path: Path):
    db = tmp_path / "scale.duckdb"
    counts = dashboard_scale.generate(db, documents=120, prototypes=50)
    assert counts["documents"] == 120
    status = queries.warehouse_status(db)
    assert status.ready and status.documents == 120
    overview = queries.overview(db)
    assert 1 <= overview.documents_failed <= 3  # one prototype in fifty is broken, and so are its copies
    assert overview.documents_ok + overview.documents_failed == 120
    assert set(overview.facts_by_kind["kind"]) == {"salary", "population", "poverty_rate", "shared_post", "person"}


def test_every_interaction_runs_on_the_generated_warehouse(tmp_path: Path):
    db = tmp_path / "scale.duckdb"
    dashboard_scale.generate(db, documents=60, prototypes=30)
    timings = dashboard_scale.time_queries(db, repeat=1)
    names = {t.interaction for t in timings}
    assert {"Overview: open", "Compare authorities: four chosen", "Evidence: open a linked fact"} <= names
    evidence = next(t for t in timings if t.query == "fact_evidence")
    assert evidence.rows == 1
    report = {"counts": {"documents": 60, "facts": 0}, "file_mb": 1.0, "generate_s": 0.1, "first_page_s": 0.5,
              "browser_first_content": None, "queries": [t.__dict__ for t in timings]}
    assert "| Overview: open |" in dashboard_scale.markdown(report)


@pytest.mark.parametrize("documents", [1, 7])
def test_tiny_sizes(tmp_path: Path, documents: int):
    db = tmp_path / "scale.duckdb"
    assert dashboard_scale.generate(db, documents=documents, prototypes=5)["documents"] == documents
