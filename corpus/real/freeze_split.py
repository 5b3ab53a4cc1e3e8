"""File newly collected real documents into the development or the frozen test split.

Collectors write `docs/<stem>.txt` (or the published `.pdf` or `.html` itself), `gold/<stem>.json` and a
row in `sources/<batch>.csv`. This
script moves each new document into `dev/` or `test/` and records it in `sources.csv`:

- a split, once recorded in `sources.csv`, never changes (the test split is frozen);
- within each batch, the new documents are ranked by the SHA-256 of their stem and the first
  TEST_SHARE of them go to `test/`, so the split is fixed before anyone has seen a score, and every
  batch (adverts, negatives, Welsh and Scottish papers…) is represented in both splits.

    python corpus/real/freeze_split.py          # file what is new; print the counts
"""

from __future__ import annotations

import csv
import hashlib
import math
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEST_SHARE = 0.30
# A document is the text a page showed (.txt) or the file as its publisher released it.
DOCUMENT_SUFFIXES = (".txt", ".pdf", ".html")
COLUMNS = ["stem", "split", "batch", "url", "publisher", "published", "licence", "genre", "nation", "negative"]


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def document_file(folder: Path, stem: str) -> Path | None:
    """The document ``stem`` in ``folder`` (a ``docs`` directory), whichever of the suffixes it has."""
    found = [folder / f"{stem}{suffix}" for suffix in DOCUMENT_SUFFIXES if (folder / f"{stem}{suffix}").is_file()]
    return found[0] if len(found) == 1 else None


def main() -> int:
    manifest = HERE / "sources.csv"
    recorded = {row["stem"]: row for row in _read(manifest)} if manifest.exists() else {}
    new: dict[str, list[dict]] = {}
    for batch_file in sorted((HERE / "sources").glob("*.csv")):
        for row in _read(batch_file):
            stem = row["stem"].strip()
            if stem in recorded:
                continue
            if document_file(HERE / "docs", stem) is None or not (HERE / "gold" / f"{stem}.json").is_file():
                print(f"skipped {stem}: its text or gold file is missing", file=sys.stderr)
                continue
            new.setdefault(batch_file.stem, []).append({**row, "stem": stem, "batch": batch_file.stem})
    for batch, rows in new.items():
        ranked = sorted(rows, key=lambda r: hashlib.sha256(r["stem"].encode()).hexdigest())
        test_count = math.ceil(len(ranked) * TEST_SHARE)
        for i, row in enumerate(ranked):
            row["split"] = "test" if i < test_count else "dev"
            for source in (document_file(HERE / "docs", row["stem"]), HERE / "gold" / f"{row['stem']}.json"):
                target = HERE / row["split"] / source.parent.name
                target.mkdir(parents=True, exist_ok=True)
                shutil.move(source, target / source.name)
            recorded[row["stem"]] = row
    with manifest.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in sorted(recorded.values(), key=lambda r: (r["batch"], r["stem"])):
            writer.writerow(row)
    counts: dict[str, int] = {}
    for row in recorded.values():
        key = f"{row['split']}{' negative' if row['negative'].strip().lower() == 'true' else ''}"
        counts[key] = counts.get(key, 0) + 1
    print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
