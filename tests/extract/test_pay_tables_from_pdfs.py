"""Tables read from PDFs laid out as councils lay them out (corpus/layouts, issue 13), and one population table
from a real council PDF (corpus/real). Pay tables: every grade
row of a pay policy statement's grade table is one salary with its minimum and maximum, and figures in
thousands of pounds never become salaries. The expected rows come from each page's true reading
(`corpus/layouts/<page>.txt`), not from the pipeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from councildocs.pipeline import process_file

LAYOUTS = Path(__file__).resolve().parents[2] / "corpus" / "layouts"
_POUNDS = re.compile(r"£([\d,]+)")


def _grade_rows(true_text: str) -> list[tuple[str, int, int]]:
    """(grade, minimum, maximum) of each row under a 'Grade / Minimum / Maximum' header."""
    lines = true_text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.split("\t")[:3] == ["Grade", "Minimum", "Maximum"])
    rows = []
    for line in lines[header + 1:]:
        if "\t" not in line:
            break
        grade, low, high = line.split("\t")[:3]
        rows.append((grade, int(_POUNDS.fullmatch(low).group(1).replace(",", "")),
                     int(_POUNDS.fullmatch(high).group(1).replace(",", ""))))
    return rows


def _salaries(result):
    return [f for f in result.extraction.facts if f.kind == "salary"]


def test_each_grade_row_of_a_pay_policy_statement_is_one_salary(extractor):
    pdf = LAYOUTS / "pay-policy-grade-table.pdf"
    expected = _grade_rows((LAYOUTS / "pay-policy-grade-table.txt").read_text(encoding="utf-8"))
    assert len(expected) >= 4
    result = process_file(pdf, extractor)
    salaries = _salaries(result)
    assert [(f.fields["role"], f.fields["min_gbp"], f.fields["max_gbp"]) for f in salaries] == expected
    for fact in salaries:
        assert result.document.text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
        assert fact.evidence.text.startswith(fact.fields["role"] + "\t")


@pytest.mark.parametrize("page", ["budget-table-thousands", "capital-figures-without-rules"])
def test_figures_in_thousands_of_pounds_are_never_salaries(extractor, page):
    true_text = (LAYOUTS / f"{page}.txt").read_text(encoding="utf-8")
    assert "\t" in true_text  # the page does hold a table of figures
    assert _salaries(process_file(LAYOUTS / f"{page}.pdf", extractor)) == []


def test_a_population_table_of_two_years_gives_each_district_its_latest_estimate(extractor):
    """West Sussex County Council's population estimates (corpus/real, 2024): 'Mid-year estimate 2023 | Mid-year
    estimate 2024' columns; the latest is each district's population."""
    pdf = next((LAYOUTS.parent / "real").glob("*/docs/b122_west_sussex_population_estimates_2024.pdf"))
    result = process_file(pdf, extractor)
    counts = {f.fields["authority"]: f.fields["value"] for f in result.extraction.facts if f.kind == "population"}
    assert counts["E07000223"] == 64_889 and counts["E07000229"] == 113_866  # Adur, Worthing
    assert 64_687 not in counts.values()  # Adur in 2023
