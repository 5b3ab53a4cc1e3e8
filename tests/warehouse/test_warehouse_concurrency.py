"""The dashboard keeps answering while `dcs ingest` writes the same warehouse.

The writer works on `<db>.writing` and `os.replace`s it over `<db>` when done; readers attach the
published file read-only per query. So while a real `dcs ingest corpus --db X` runs in another
process, every query on X must answer (no lock error, no half-written state) with exactly what
it answers either before the batch or after it: one consistent snapshot or the other.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from councildocs.warehouse import queries
from councildocs.warehouse.testing import CAMDEN, WANDSWORTH, store_sample_batch

DCS = Path(sys.executable).with_name("dcs")


def _questions(db: Path, wandsworth_fact: str) -> dict[str, Callable[[], Any]]:
    """What the dashboard's pages ask, each reduced to a comparable value."""

    def overview():
        o = queries.overview(db)
        return o.documents_ok, o.documents_failed, o.facts, tuple(o.facts_by_kind.rows())

    def options():
        f = queries.filter_options(db)
        return tuple(f.regions), tuple(f.years), tuple(f.role_categories), f.authorities.height

    def benchmark():
        b = queries.salary_benchmark(db, salary_gbp=150000, role_category="dcs")
        return b.n_posts, b.percentile, b.rows.height, tuple(b.nearest["gss"].to_list())

    def compare():
        return tuple(
            (c.gss, c.salaries.height, c.populations.height, c.arrangements.height, c.people.height)
            for c in queries.compare_authorities(db, [WANDSWORTH, CAMDEN])
        )

    def edges():
        return queries.shared_posts(db).height

    def evidence():
        e = queries.fact_evidence(db, wandsworth_fact)
        return e.evidence, e.start, e.end, len(e.text)

    def documents():
        return queries.documents(db).height, queries.failed_documents(db).height

    return {f.__name__: f for f in (overview, options, benchmark, compare, edges, evidence, documents)}


def test_queries_answer_consistently_while_dcs_ingest_writes(tmp_path: Path, corpus_dir: Path):
    db = tmp_path / "warehouse.duckdb"
    store_sample_batch(db)
    wandsworth_fact = queries.salary_ranges(db).filter(gss=WANDSWORTH)["fact_id"][0]
    questions = _questions(db, wandsworth_fact)
    before = {name: ask() for name, ask in questions.items()}

    log = (tmp_path / "ingest.log").open("w")
    proc = subprocess.Popen(
        # one publish, at the end: the test tells the two snapshots apart (batches publish every 25 by default)
        [str(DCS), "ingest", "corpus", "--db", str(db), "--quiet", "--publish-every", "0"],
        cwd=corpus_dir.parent, stdout=subprocess.DEVNULL, stderr=log,
    )
    answers: list[tuple[str, Any, bool]] = []  # (question, answer, asked while the writer ran)
    try:
        deadline = time.monotonic() + 600
        while proc.poll() is None and time.monotonic() < deadline:
            for name, ask in questions.items():
                answers.append((name, ask(), proc.poll() is None))
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        log.close()
    assert proc.returncode == 0, (tmp_path / "ingest.log").read_text()
    for name, ask in questions.items():  # a few after the publish, too
        answers.append((name, ask(), False))
    after = {name: ask() for name, ask in questions.items()}

    assert before != after  # the batch did change what the pages show ...
    assert after["overview"][0] == before["overview"][0] + 21
    during = [a for a in answers if a[2]]
    assert len(during) >= 3 * len(questions)  # ... and the readers really ran alongside it
    for name, answer, _ in answers:
        assert answer in (before[name], after[name]), f"{name} answered from neither snapshot: {answer!r}"
    # the writer left nothing beside the published file but its (released) lock
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("warehouse")) == [
        "warehouse.duckdb", "warehouse.duckdb.lock",
    ]
