"""Reading order: character error rate against the true order on the layout pages (corpus/layouts).

    .venv/bin/python bench/reading_order.py     # Markdown table, as in docs/BENCHMARKS.md

For each page, pdfplumber's ``extract_text`` and ``read_document`` are scored against the page's
true text (``<layout>.txt``, written by corpus/build_layouts.py in the order a person reads it:
columns one after another, tables as TAB rows). CER = Levenshtein distance / length of the truth.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYOUTS = ROOT / "corpus" / "layouts"
PAGE_SEPARATOR = "\n\n"  # councildocs.ingest.reader.PAGE_SEPARATOR


def cer(text: str, truth: str) -> float:
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(text, truth) / len(truth)


def scores() -> list[tuple[str, float, float]]:
    """(layout, pdfplumber CER, read_document CER) for every layout page."""
    import pdfplumber

    from councildocs.ingest.reader import read_document

    rows = []
    for pdf_path in sorted(LAYOUTS.glob("*.pdf")):
        truth = pdf_path.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")
        with pdfplumber.open(pdf_path) as pdf:
            plain = PAGE_SEPARATOR.join(page.extract_text() for page in pdf.pages)
        rows.append((pdf_path.stem, cer(plain, truth), cer(read_document(pdf_path).text, truth)))
    return rows


def main() -> int:
    print("| layout page | pdfplumber extract_text | read_document |")
    print("| --- | --: | --: |")
    for name, plain, ours in scores():
        print(f"| {name} | {100 * plain:.1f}% | {100 * ours:.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
