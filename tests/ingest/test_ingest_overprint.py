"""Characters printed over themselves ("fake bold") are read once, and real neighbours stay."""

from __future__ import annotations

from pathlib import Path

REAL_DEV = Path(__file__).resolve().parents[2] / "corpus" / "real" / "dev" / "docs"


def test_a_real_infographic_in_fake_bold_reads_once():
    # b78 development part, West Sussex's published outcomes walkthrough: every bold word is printed twice
    # ("LLOOWW ttiimmee ooff ddeelliivveerryy"), and the box with the child poverty rate read as noise
    from councildocs.ingest.reader import read_document

    document = read_document(REAL_DEV / "b78_west_sussex_cyp_outcomes_walkthrough_2016.pdf")
    assert "LLOOWW" not in document.text and "ooff" not in document.text
    assert "12.1%\nof children\nunder 16\nlived in poverty" in document.text
    assert [(step.method, step.detail) for step in document.repair_log if "fake bold" in step.detail] == [
        ("layout", "characters printed over themselves (fake bold) read once")]


def test_fake_bold_is_read_once_and_small_print_keeps_its_double_letters(tmp_path, dejavu_sans):
    from fpdf import FPDF

    from councildocs.ingest.reader import read_document

    pdf = FPDF(unit="pt")
    pdf.add_font(fname=str(dejavu_sans))
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=12)
    for shift in (0.0, 0.25, 0.5):  # as fake bold is drawn: the same words, a fraction of a point apart
        pdf.text(60 + shift, 90, "Director of Children's Services")
    pdf.set_font("DejaVuSans", size=4)
    pdf.text(60, 140, "all skill will fill")  # "ll" in 4-point print: the letters are about 0.9 pt apart
    path = tmp_path / "fake-bold.pdf"
    pdf.output(str(path))

    document = read_document(path)
    assert document.text.split("\n")[:2] == ["Director of Children's Services", "all skill will fill"]
    assert document.repair_log[0].chars_changed == 2 * len("Director of Children's Services")
