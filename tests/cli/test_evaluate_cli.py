"""`dcs evaluate` over the development seeds: the quality bar this project holds itself to."""

from __future__ import annotations

import json

MIN_MICRO_F1 = 0.6  # issue 3's floor; the extraction issue raises it


def test_evaluate_seeds_against_gold(run_dcs, seeds_dir, gold_dev_dir):
    proc = run_dcs("evaluate", "--gold", gold_dev_dir, seeds_dir, "--json", "--quiet")
    scores = json.loads(proc.stdout)
    assert scores["documents"] == 5
    assert scores["micro"]["f1"] >= MIN_MICRO_F1, scores


def test_evaluate_corpus_against_its_own_gold(run_dcs, corpus_dir):
    proc = run_dcs("evaluate", "--gold", corpus_dir / "gold", corpus_dir, "--json", "--quiet")
    scores = json.loads(proc.stdout)
    assert scores["documents"] == len(list((corpus_dir / "gold").glob("*.json")))
    assert scores["micro"]["f1"] >= MIN_MICRO_F1, scores


def test_min_f1_gate_fails_below_the_bar(run_dcs, seeds_dir, gold_dev_dir):
    proc = run_dcs("evaluate", "--gold", gold_dev_dir, seeds_dir, "--quiet", "--min-f1", "1.01", check=False)
    assert proc.returncode == 1
