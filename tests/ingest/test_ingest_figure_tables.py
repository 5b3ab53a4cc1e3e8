"""Tables of aligned figures without rules, read from real council PDFs (corpus/real): a heading wider than its
column of figures stays whole in that column, not cut mid-word at the bound between columns."""

from __future__ import annotations

from pathlib import Path

import pytest

from councildocs.ingest.reader import read_document

REAL = Path(__file__).resolve().parents[2] / "corpus" / "real"


def _document(stem: str):
    return read_document(next(REAL.glob(f"*/docs/{stem}.pdf")), sha256="d" * 64)


@pytest.mark.parametrize("stem, header", [
    # West Sussex County Council's population estimates (2024): right-aligned headings over six-digit counts
    ("b122_west_sussex_population_estimates_2024",
     "Area\tMid-year estimate 2023\tMid-year estimate 2024\tChange\t% Change"),
    # its census briefing (2021): district names heading a table of ranks, each over its own column
    ("b78_west_sussex_census_2021_population_briefing",
     "District\tAdur\tArun\tChichester\tCrawley\tHorsham\tMid Sussex\tWorthing\tWest Sussex"),
])
def test_a_figure_tables_headings_stay_whole_over_their_columns(stem, header):
    document = _document(stem)
    assert header in document.text.splitlines()
