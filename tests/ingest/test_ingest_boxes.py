"""Box layouts (``ingest/boxes.py``): organisation charts read box by box, on real PDFs.

The generated chart (corpus/layouts/organisation-chart-boxes.pdf) has drawn boxes and boxes set
apart only by whitespace; the Trafford charts (corpus/real/dev) are real councils' charts. The
layout corpus's CER, the name test and the remap test cover the chart with the other layouts in
test_ingest_reading_order.py; these tests hold the text form the extract stage relies on.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pdfplumber
import pytest
from fpdf import FPDF

from councildocs.ingest.boxes import box_layout, drawn_frames
from councildocs.ingest.pdf import open_pdf
from councildocs.ingest.reader import read_document

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "corpus" / "layouts" / "organisation-chart-boxes.pdf"
TRAFFORD_2019 = ROOT / "corpus" / "real" / "dev" / "docs" / "b32_trafford_organisation_chart_2019.pdf"
TRAFFORD_2022 = ROOT / "corpus" / "real" / "dev" / "docs" / "b32_trafford_organisation_chart_2022.pdf"
DEJAVU_SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _blocks(text: str) -> list[list[str]]:
    """The text's blocks: runs of lines between blank lines."""
    return [block.strip("\n").split("\n") for block in text.split("\n\n") if block.strip()]


def _true_boxes() -> list[list[str]]:
    return _blocks(CHART.with_suffix(".txt").read_text(encoding="utf-8"))


def test_each_box_of_the_chart_is_one_block_in_rows():
    """Drawn and undrawn boxes alike: each box's lines, and nothing else, between blank lines,
    the head box first, then the directors left to right, then the heads of service."""
    assert _blocks(read_document(CHART).text) == _true_boxes()


def test_pdfplumber_alone_interleaves_the_chart():
    """The chart really is side by side: read line by line, names of different boxes share a line."""
    with pdfplumber.open(CHART) as pdf:
        assert "Tobias Wren Ngozi Adebayo" in pdf.pages[0].extract_text()


def test_the_undrawn_row_is_found_by_whitespace():
    """The heads of service have no rectangles, yet each is a box of its own."""
    with pdfplumber.open(CHART) as pdf:
        page = pdf.pages[0]
        boxes = box_layout(page.extract_words(), drawn_frames(page.rects, page.bbox))
    assert boxes is not None
    undrawn = {box.words[0]["text"] + " " + box.words[1]["text"] for box in boxes if not box.drawn}
    assert {"Yusuf Demir", "Harriet Sloane", "Owain Pryce", "Beatrix Lowe"} <= undrawn


def test_chart_reads_the_same_after_laying_out_kept_characters_again():
    with open_pdf(CHART) as glyphs:
        first = list(glyphs.page_texts)
        glyphs._relayout({0}, set())
        assert glyphs.page_texts == first


@pytest.mark.parametrize(
    ("pdf", "box"),
    [
        (TRAFFORD_2019, ["Diane", "Eaton", "Corporate", "Director of", "Adult and", "Wellbeing", "SM2", "£115,000-",
                         "£120,000"]),
        (TRAFFORD_2022, ["Emma Brown", "Director of", "Adults", "SM3A", "£90,000-", "£95,000", "Max salary",
                         "£93,638"]),
        (TRAFFORD_2022, ["Thomas Maloney", "Programme Director", "SM3A", "£90,000-£95,000", "Max salary £93,638"]),
    ],
    ids=["trafford-2019-diane-eaton", "trafford-2022-emma-brown", "trafford-2022-thomas-maloney"],
)  # fmt: skip
def test_real_chart_boxes_are_whole(pdf, box):
    """A real council's chart: a director's name, post, grade and pay band stay together as a block."""
    assert box in _blocks(read_document(pdf).text)


def _short_lines_pdf(tmp_path: Path, columns: int) -> Path:
    """Short lines of a list (a name, a ward, a phone number) in ``columns`` columns side by side."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("DejaVuSans", "", DEJAVU_SANS)
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=10)
    for c in range(columns):
        for i in range(14):
            pdf.set_xy(20 + 60 * c, 20 + 5 * i)
            pdf.cell(text=f"Councillor {chr(65 + c)}{i} Ward {i}")
    path = tmp_path / f"list-{columns}.pdf"
    pdf.output(str(path))
    return path


def test_a_single_column_of_short_lines_is_no_box_layout(tmp_path):
    path = _short_lines_pdf(tmp_path, 1)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert box_layout(page.extract_words(), drawn_frames(page.rects, page.bbox)) is None
        expected = page.extract_text()
    assert read_document(path).text == expected


def test_long_lists_side_by_side_are_columns_not_boxes(tmp_path):
    """Three lists of fourteen lines are three columns (more lines than a box holds), read one
    after another with no blank line between them."""
    path = _short_lines_pdf(tmp_path, 3)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert box_layout(page.extract_words(), drawn_frames(page.rects, page.bbox)) is None
    text = read_document(path).text
    assert "\n\n" not in text
    assert text.split("\n")[:2] == ["Councillor A0 Ward 0", "Councillor A1 Ward 1"]


LINE_BOXES = [
    ["Priya Nandakumar", "Director of Finance", "SM3A", "£90,000-£95,000"],
    ["Gwilym Roberts", "Director of Housing", "SM3A", "£90,000-£95,000"],
    ["Fenella Okoro", "Director of Highways", "SM3B", "£85,000-£90,000"],
    ["Declan Moriarty", "Director of Libraries", "SM3C", "£80,000-£85,000"],
]


def _boxes_of_lines_pdf(tmp_path: Path) -> Path:
    """Boxes side by side whose frames are four separate lines each, drawn so close that their
    texts are less than a line height apart: only the frames tell the boxes apart."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("DejaVuSans", "", DEJAVU_SANS)
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=8)
    pdf.set_line_width(0.3)
    x = 10.0
    for lines in LINE_BOXES:
        width = max(pdf.get_string_width(line) for line in lines) + 1.0
        top, bottom = 30.0, 30.0 + 4 * len(lines) + 2
        for x0, y0, x1, y1 in ((x, top, x + width, top), (x, bottom, x + width, bottom), (x, top, x, bottom),
                               (x + width, top, x + width, bottom)):  # fmt: skip
            pdf.line(x0, y0, x1, y1)
        for i, line in enumerate(lines):
            pdf.set_xy(x + 0.5, top + 1 + 4 * i)
            pdf.cell(width - 1, 4, line)
        x += width + 1.5
    path = tmp_path / "boxes-of-lines.pdf"
    pdf.output(str(path))
    return path


def test_boxes_framed_by_separate_lines_are_read_box_by_box(tmp_path):
    path = _boxes_of_lines_pdf(tmp_path)
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        assert not [r for r in page.rects if r["width"] > 10 and r["height"] > 10]  # no rectangle objects
        frames = drawn_frames(page.rects, page.bbox, page.lines)
        words = page.extract_words()
        assert "Director of Finance Director of Housing" in page.extract_text()
    assert len(frames) == len(LINE_BOXES)
    assert box_layout(words, []) is None  # whitespace alone does not part them
    assert _blocks(read_document(path).text) == LINE_BOXES
