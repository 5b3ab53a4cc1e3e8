"""`dcs evaluate` over the development seeds: the quality bar this project holds itself to."""

from __future__ import annotations

import json

import pytest

# Issue 5's bars: micro-F1 0.90 and every kind 0.80 on the seeds; the corpus (half of it written
# by an author who had not read the rules) is held to the held-out set's 0.85 and more.
MIN_SEED_MICRO_F1 = 0.90
MIN_SEED_KIND_F1 = 0.80
MIN_CORPUS_MICRO_F1 = 0.90
MIN_HELD_OUT_MICRO_F1 = 0.85  # bench/generalisation/set-3 has never been tuned on: the held-out bar


def test_evaluate_seeds_against_gold(run_dcs, seeds_dir, gold_dev_dir):
    proc = run_dcs("evaluate", "--gold", gold_dev_dir, seeds_dir, "--json", "--quiet")
    scores = json.loads(proc.stdout)
    assert scores["documents"] == 5
    assert scores["evidence"]["facts"] > 0 and scores["evidence"]["problems"] == []
    assert scores["micro"]["f1"] >= MIN_SEED_MICRO_F1, scores
    for kind, score in scores["per_kind"].items():
        assert score["f1"] >= MIN_SEED_KIND_F1, (kind, score)


def test_evaluate_corpus_against_its_own_gold(run_dcs, corpus_dir):
    proc = run_dcs("evaluate", "--gold", corpus_dir / "gold", corpus_dir, "--json", "--quiet")
    scores = json.loads(proc.stdout)
    assert scores["documents"] == len(list((corpus_dir / "gold").glob("*.json")))
    assert scores["evidence"]["facts"] > 0 and scores["evidence"]["problems"] == []
    assert scores["micro"]["f1"] >= MIN_CORPUS_MICRO_F1, scores


def test_min_f1_gate_fails_below_the_bar(run_dcs, seeds_dir, gold_dev_dir):
    proc = run_dcs("evaluate", "--gold", gold_dev_dir, seeds_dir, "--quiet", "--min-f1", "1.01", check=False)
    assert proc.returncode == 1


@pytest.mark.parametrize("name,documents", [("set-1", 8), ("set-2", 6), ("set-3", 6)])
def test_evaluate_generalisation_sets(run_dcs, name, documents):
    """bench/generalisation: documents by authors who had not read the rules (see its README)."""
    from pathlib import Path

    folder = Path(__file__).resolve().parents[2] / "bench" / "generalisation" / name
    proc = run_dcs("evaluate", "--gold", folder / "gold", folder / "docs", "--json", "--quiet")
    scores = json.loads(proc.stdout)
    assert scores["documents"] == documents
    assert scores["evidence"]["problems"] == []
    assert scores["micro"]["f1"] >= (MIN_HELD_OUT_MICRO_F1 if name == "set-3" else MIN_CORPUS_MICRO_F1), scores


# corpus/real: real public documents nobody on the team wrote. Issue 12's bars are micro-F1 0.85 and every kind
# 0.75 on the frozen test split, and at most 1 false fact per 10 negative documents: bench/real_corpus.py scores
# both splits whole (docs/BENCHMARKS.md, "Real documents"), the frozen one once per stop. Here what extraction
# reaches today on the suite's sample of the development split (``real_corpus_in_tests``: 0.917 on the whole split
# at extractor 0.10.32) is held so that it cannot slip back.
MIN_REAL_DEV_MICRO_F1 = 0.90
MAX_FALSE_FACTS_PER_10_NEGATIVE_DOCUMENTS = 1.0


def test_evaluate_real_corpus(run_dcs, real_db):
    """Scored on what the default warehouse stored (`dcs ingest corpus/real`, README command one): the facts
    users see. That they are what `dcs evaluate` extracts afresh is the next test's."""
    import csv

    from built_warehouses import REPO_ROOT, real_corpus_in_tests

    real = REPO_ROOT / "corpus" / "real"
    documents = real_corpus_in_tests()
    stems = {path.stem for path in documents}
    with (real / "sources.csv").open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["stem"] in stems]
    assert len(rows) == len(documents) and {r["split"] for r in rows} == {"dev"}
    proc = run_dcs("evaluate", "--gold", real / "dev" / "gold", *(REPO_ROOT / path for path in documents),
                   "--db", real_db, "--json", "--quiet")
    scores = json.loads(proc.stdout)
    assert scores["documents"] == len(rows)
    assert scores["evidence"]["facts"] > 0 and scores["evidence"]["problems"] == []
    assert scores["micro"]["f1"] >= MIN_REAL_DEV_MICRO_F1, scores["micro"]
    negatives = [r["stem"] for r in rows if r["negative"] == "true"]
    false_facts = sum(scores["per_document"][stem]["fp"] for stem in negatives)
    assert 10 * false_facts / len(negatives) <= MAX_FALSE_FACTS_PER_10_NEGATIVE_DOCUMENTS, false_facts


def test_scores_of_a_warehouse_are_the_scores_of_extracting_again(run_dcs, real_db, corpus_dir, tmp_path):
    """`--db` reads back what `dcs ingest` stored; on real documents (PDFs among them) it scores exactly
    as a fresh extraction does, document by document, evidence and all."""
    from built_warehouses import REPO_ROOT, real_corpus_in_tests

    real = corpus_dir / "real" / "dev"
    docs = [REPO_ROOT / p for p in real_corpus_in_tests() if p.name.startswith(("b1_", "b2_", "b32_", "b106_"))]
    assert any(p.suffix == ".pdf" for p in docs) and len(docs) > 20
    folder = tmp_path / "docs"
    folder.mkdir()
    for doc in docs:
        (folder / doc.name).symlink_to(doc)
    fresh, stored = (json.loads(run_dcs("evaluate", "--gold", real / "gold", folder, *extra, "--json", "--quiet").stdout)
                     for extra in ((), ("--db", real_db)))
    assert stored == fresh
    assert stored["evidence"]["facts"] > 50


def test_a_document_the_warehouse_does_not_hold_is_one_line(run_dcs, real_db, tmp_path):
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "new.txt").write_text("Wigan Council appointed a Director of Children's Services.", encoding="utf-8")
    (gold / "new.json").write_text(json.dumps({"doc_type": "news", "facts": []}), encoding="utf-8")
    proc = run_dcs("evaluate", "--gold", gold, docs, "--db", real_db, check=False)
    assert proc.returncode == 2
    assert proc.stdout == "" and len(proc.stderr.strip().splitlines()) == 1
    assert "not in" in proc.stderr and "dcs ingest" in proc.stderr and "Traceback" not in proc.stderr
