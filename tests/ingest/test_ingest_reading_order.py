"""Reading order (``ingest/reading_order.py``) and tables (``ingest/tables.py``) on real PDFs.

The layout pages (corpus/layouts, built by corpus/build_layouts.py) carry their true reading order;
the sample corpus's single-column pages must read exactly as pdfplumber reads them.
"""

from __future__ import annotations

import importlib.util
import json
from datetime import datetime, timezone
from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF
from rapidfuzz.distance import Levenshtein

from councildocs.ingest.pdf import open_pdf
from councildocs.ingest.reader import read_document
from councildocs.ingest.tables import find_tables, table_of

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
LAYOUTS = CORPUS / "layouts"
LAYOUT_PDFS = sorted(LAYOUTS.glob("*.pdf"))
PEOPLE = json.loads((LAYOUTS / "manifest.json").read_text(encoding="utf-8"))["people_by_column"]
SINGLE_COLUMN_PDFS = sorted(
    [*(p for c in ("adverts", "news", "papers") for p in (CORPUS / c).glob("*.pdf")),
     *(CORPUS / "defects").glob("*.clean.*.pdf")]
)  # fmt: skip
MAX_CER = 0.02
DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _truth(pdf: Path) -> str:
    return pdf.with_suffix(".txt").read_text(encoding="utf-8").rstrip("\n")


def _cer(text: str, truth: str) -> float:
    return Levenshtein.distance(text, truth) / len(truth)


def _corpus_defects():
    spec = importlib.util.spec_from_file_location("corpus_defects_for_reading_order", CORPUS / "defects.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_layout_is_in_the_corpus():
    assert {p.stem for p in LAYOUT_PDFS} == set(PEOPLE) and len(LAYOUT_PDFS) >= 7


@pytest.mark.parametrize("pdf", LAYOUT_PDFS, ids=lambda p: p.stem)
def test_layout_pages_read_in_their_true_order(pdf):
    text = read_document(pdf).text
    assert _cer(text, _truth(pdf)) <= MAX_CER, text


@pytest.mark.parametrize("pdf", LAYOUT_PDFS, ids=lambda p: p.stem)
def test_no_name_runs_into_a_name_in_the_next_column(pdf):
    left, right = PEOPLE[pdf.stem] if PEOPLE[pdf.stem] else ([], [])
    lines = read_document(pdf).text.split("\n")
    for name in left + right:
        assert any(name in line for line in lines), name
    for a in left:
        for b in right:
            assert not any(a in line and b in line for line in lines), (a, b)


def test_today_reader_would_join_the_contact_names():
    """The contact block really is side by side: pdfplumber alone reads the two names as one line."""
    with pdfplumber.open(LAYOUTS / "committee-report-contacts.pdf") as pdf:
        assert "Sharon Howard Kevin Kasaven" in pdf.pages[0].extract_text()


def _table_blocks(text: str) -> list[list[str]]:
    """The TAB-row blocks of ``text``, each checked to stand between blank lines."""
    blocks, lines = [], text.split("\n")
    i = 0
    while i < len(lines):
        if "\t" not in lines[i]:
            i += 1
            continue
        start = i
        while i < len(lines) and "\t" in lines[i]:
            i += 1
        assert start == 0 or lines[start - 1] == "", "a table is preceded by a blank line"
        assert i == len(lines) or lines[i] == "", "a table is followed by a blank line"
        blocks.append(lines[start:i])
    return blocks


def test_ruled_grade_table_comes_out_as_tab_rows():
    text = read_document(LAYOUTS / "pay-policy-grade-table.pdf").text
    [table] = _table_blocks(text)
    assert table[0] == "Grade\tMinimum\tMaximum"
    assert "Director (CO2)\t£121,350\t£134,820" in table
    assert len(table) == 6 and {row.count("\t") for row in table} == {2}
    # the characters of the table are not read again as running text
    assert text.count("£121,350") == 1


def test_budget_table_keeps_empty_cells_through_the_repairs():
    """A heading row's empty last cells stay TABs after whitespace normalisation."""
    text = read_document(LAYOUTS / "budget-table-thousands.pdf").text
    [table] = _table_blocks(text)
    assert table[0] == "Directorate\tBudget £'000\tForecast £'000\tVariance £'000"
    assert "People\t\t\t" in table and "Place\t\t\t" in table
    assert "Highways and Transport\t21,760\t21,104\t(656)" in table
    assert {row.count("\t") for row in table} == {3}


def test_aligned_figures_without_rules_are_a_table():
    text = read_document(LAYOUTS / "capital-figures-without-rules.pdf").text
    [table] = _table_blocks(text)
    assert table[0] == "£'000\t2025/26\t2026/27\t2027/28"
    assert "Children's homes\t4,750\t2,300\t-" in table
    assert "Housing\t\t\t" in table
    assert table[-1] == "Total\t33,070\t25,650\t14,950"
    # the prose above and below stays prose
    assert "The capital programme for the next three years is summarised below." in text.split("\n")


def _label_value_pdf(tmp_path: Path) -> Path:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("DejaVuSans", "", DEJAVU_SANS)
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=10)
    pairs = [("Date:", "4 March 2025"), ("Time:", "7.00 pm"), ("Venue:", "Committee Room 1, Thornbury Town Hall"),
             ("Contact:", "Lucy Brennan, Democratic Services")]  # fmt: skip
    for i, (label, value) in enumerate(pairs):
        pdf.set_xy(20, 20 + 5 * i)
        pdf.cell(text=label)
        pdf.set_xy(50, 20 + 5 * i)
        pdf.cell(text=value)
    path = tmp_path / "label-value.pdf"
    pdf.output(str(path))
    return path


def test_labels_and_values_read_across(tmp_path):
    """A narrow column of labels beside their values is no column block: each line reads as a pair."""
    path = _label_value_pdf(tmp_path)
    with pdfplumber.open(path) as pdf:
        expected = pdf.pages[0].extract_text()
    assert "Venue: Committee Room 1, Thornbury Town Hall" in expected
    with open_pdf(path) as glyphs:
        assert glyphs.page_texts == [expected]


def test_single_column_corpus_pages_read_as_pdfplumber_reads_them():
    """Pages without a table are unchanged to the byte; on pages with one, everything but the table is."""
    plain_pages = table_pages = 0
    for path in SINGLE_COLUMN_PDFS:
        with open_pdf(path) as glyphs, pdfplumber.open(path) as pdf:
            for page, text in zip(pdf.pages, glyphs.page_texts):
                tables = find_tables(page, page.chars)
                if not tables:
                    assert text == page.extract_text(), f"{path.name} page {page.page_number}"
                    plain_pages += 1
                    continue
                table_pages += 1
                outside = page.filter(lambda o: o.get("object_type") != "char" or table_of(o, tables) is None)
                prose = [line for line in text.split("\n") if line and "\t" not in line]
                assert prose == [line for line in outside.extract_text().split("\n") if line], path.name
    assert plain_pages > 50 and table_pages >= 4


@pytest.mark.parametrize("pdf", LAYOUT_PDFS, ids=lambda p: p.stem)
def test_laying_out_kept_characters_again_gives_the_first_read(pdf):
    """The remap path (``_relayout`` from the kept characters and table grids) agrees with the first read."""
    with open_pdf(pdf) as glyphs:
        first = list(glyphs.page_texts)
        glyphs._relayout(set(range(len(first))), set())
        assert glyphs.page_texts == first


@pytest.mark.parametrize("defect", ["strip_tounicode", "code_identity_tounicode"])
@pytest.mark.parametrize(
    "name", ["committee-report-contacts", "budget-table-thousands", "capital-figures-without-rules", "organisation-chart-boxes"]
)
def test_a_remapped_font_reads_as_the_clean_page(tmp_path, defect, name):
    """A broken font repaired by remapping gives the columns and tables of the clean page."""
    clean = LAYOUTS / f"{name}.pdf"
    broken = tmp_path / f"{name}.{defect}.pdf"
    broken.write_bytes(getattr(_corpus_defects(), defect)(clean.read_bytes()))
    document = read_document(broken)
    assert any(step.method == "font-program" for step in document.repair_log)
    assert document.text == read_document(clean).text


def test_three_columns_read_one_after_another(tmp_path):
    """A column block inside a column is cut again: three columns come out left to right."""
    columns = [[f"Column {c} line {i} of the text" for i in range(1, 6)] for c in "ABC"]
    heading = "Three columns: a heading across the page that spans all of the columns below"
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("DejaVuSans", "", DEJAVU_SANS)
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=9)
    pdf.set_xy(20, 20)
    pdf.cell(text=heading)
    for x, lines in zip((20, 80, 140), columns):
        for i, line in enumerate(lines):
            pdf.set_xy(x, 30 + 5 * i)
            pdf.cell(text=line)
    path = tmp_path / "three-columns.pdf"
    pdf.output(str(path))
    assert read_document(path).text == "\n".join([heading, *columns[0], *columns[1], *columns[2]])
