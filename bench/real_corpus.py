"""Extraction quality on the real corpus (corpus/real): per split, per collection batch, and on the
negative documents (council papers whose figures are not facts).

    .venv/bin/python bench/real_corpus.py                      # Markdown tables for docs/BENCHMARKS.md
    .venv/bin/python bench/real_corpus.py --json               # every number
    .venv/bin/python bench/real_corpus.py --split dev --show-errors   # what to work on

Errors are never shown for the frozen test split: its documents are scored, not read
(corpus/real/README.md). Exit status 1 when a fact breaks the contract or its evidence is not the
repaired text's slice.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "corpus" / "real"
SPLITS = ("dev", "test")
sys.path.insert(0, str(REAL))
from freeze_split import document_file  # noqa: E402  (the corpus's own rule for where a document is)


def load_manifest(real: Path = REAL) -> list[dict]:
    with (real / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def score(rows: list[dict], real: Path = REAL) -> dict:
    """Extract every listed document once and score it: returns {group: Report} and contract problems."""
    from councildocs.contract import document_record, validate_record
    from councildocs.extract.evaluate import Report, score_document
    from councildocs.extract.pipeline import Extractor
    from councildocs.pipeline import process_file

    extractor = Extractor()
    groups: dict[str, Report] = {}
    problems: list[str] = []
    for row in rows:
        split, stem = row["split"], row["stem"]
        gold = json.loads((real / split / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
        result = process_file(document_file(real / split / "docs", stem), extractor)
        record = document_record(result)
        problems.extend(f"{stem}: {p}" for p in validate_record(record, result.document.text if result.document else None))
        negative = row["negative"].strip().lower() == "true"
        names = [f"split {split}", f"batch {row['batch']}", "all"]
        names.append(f"negative {split}" if negative else f"positive {split}")
        for name in names:
            score_document(record, gold, groups.setdefault(name, Report()), stem)
    return {"groups": groups, "problems": problems}


def summary(report) -> dict:
    micro = report.micro
    negatives_fp = sum(s.fp for s in report.per_document.values())
    return {
        "documents": report.documents,
        "micro": {"precision": micro.precision, "recall": micro.recall, "f1": micro.f1,
                  "tp": micro.tp, "fp": micro.fp, "fn": micro.fn},
        "per_kind": {k: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "tp": s.tp, "fp": s.fp, "fn": s.fn}
                     for k, s in report.per_kind.items()},
        "doc_type_accuracy": report.doc_type_correct / report.documents if report.documents else None,
        "salary_role_category": report.role_category["salary"],
        "false_facts_per_10_documents": 10 * negatives_fp / report.documents if report.documents else None,
        "false_salaries": report.per_kind["salary"].fp,
    }


def markdown(groups: dict) -> str:
    kinds = ("salary", "population", "poverty_rate", "shared_post", "partnership", "person")
    lines = ["| group | docs | micro P | micro R | micro F1 | " + " | ".join(kinds) + " | doc_type | salary role_category |",
             "| --- | --: | --: | --: | --: | " + " | ".join("--:" for _ in kinds) + " | --: | --: |"]
    for name in sorted(groups):
        if name.startswith("negative"):
            continue
        s = summary(groups[name])
        agreed, matched = s["salary_role_category"]
        per_kind = " | ".join(f"{s['per_kind'][k]['f1']:.2f} ({s['per_kind'][k]['tp']}/{s['per_kind'][k]['fp']}/{s['per_kind'][k]['fn']})"
                              for k in kinds)
        lines.append(f"| {name} | {s['documents']} | {s['micro']['precision']:.3f} | {s['micro']['recall']:.3f} | "
                     f"**{s['micro']['f1']:.3f}** | {per_kind} | {s['doc_type_accuracy']:.2f} | {agreed}/{matched} |")
    negatives = [n for n in sorted(groups) if n.startswith("negative")]
    if negatives:
        lines += ["", "| negative documents | docs | false facts | per 10 documents | false salaries |",
                  "| --- | --: | --: | --: | --: |"]
        for name in negatives:
            s = summary(groups[name])
            lines.append(f"| {name.split()[1]} | {s['documents']} | {s['micro']['fp']} | "
                         f"{s['false_facts_per_10_documents']:.1f} | {s['false_salaries']} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--batch", help="only this collection batch (for its untouched score)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show-errors", action="store_true", help="missed and extra facts (development split only)")
    args = parser.parse_args(argv)
    if args.show_errors and args.split != "dev":
        parser.error("errors are shown for the development split only (--split dev): the test split stays unread")
    rows = [r for r in load_manifest() if args.split in ("all", r["split"]) and args.batch in (None, r["batch"])]
    result = score(rows)
    groups = result["groups"]
    if args.json:
        print(json.dumps({"groups": {k: summary(v) for k, v in groups.items()}, "problems": result["problems"]}, indent=2))
    else:
        print(markdown(groups))
        for line in result["problems"]:
            print(f"invalid: {line}")
        if args.show_errors:
            for line in groups["all"].misses:
                print(f"missed  {line}")
            for line in groups["all"].extras:
                print(f"extra   {line}")
    return 1 if result["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
