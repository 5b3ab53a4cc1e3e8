"""Repair on the defect corpus (corpus/defects/): every document, every defect, every font family.

A variant passes when our text is within 1% CER of the true text, and the defect is shown to be
real: ``raw_text`` is what pdfplumber alone reads (``page.extract_text()`` per page), and on the
broken PDFs it is most of the way to unreadable. Correct text must come through unchanged: the
clean PDFs give their true text exactly.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fpdf import FPDF
from script_loader import load_script

from councildocs.ingest.layout import normalise_whitespace
from councildocs.ingest.pdf import open_pdf
from councildocs.ingest.reader import read_document
from councildocs.ingest.repair.judge import judge_font

DEFECTS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "defects"
VARIANTS = json.loads((DEFECTS_DIR / "manifest.json").read_text(encoding="utf-8"))["variants"]
CER_BOUND = 0.01
BROKEN_RAW_CER = 0.5  # pdfplumber alone, on a broken PDF, gets at least half the characters wrong


def _truth(variant: dict) -> str:
    return normalise_whitespace((DEFECTS_DIR / variant["truth"]).read_text(encoding="utf-8"))


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v["file"])
def test_repair_reaches_the_true_text(variant, cer):
    truth = _truth(variant)
    document = read_document(DEFECTS_DIR / variant["file"], sha256="0" * 64)
    text, raw = normalise_whitespace(document.text), normalise_whitespace(document.raw_text)
    error = cer(text, truth)
    assert error <= CER_BOUND, f"CER {error:.2%}; raw {cer(raw, truth):.2%}"
    if variant["defect"] == "clean":
        assert text == truth and raw == truth
        assert document.repair_log == []
    elif variant["font"] is None:  # mojibake text: only the non-ASCII characters are wrong
        assert raw != truth
    else:
        assert cer(raw, truth) >= BROKEN_RAW_CER
        assert {step.method for step in document.repair_log} == {"font-program"}


# --- a guessed reading that looks like ASCII --------------------------------------------------
#
# With /ToUnicode removed from fpdf2's composite fonts, pdfminer reads CIDs as glyph IDs through the
# program's cmap. Only the CIDs that land on glyphs without a Unicode entry come out as (cid:N);
# the rest read as other letters. A page whose first glyphs are rare ("Q&A ...") leaves so few
# (cid:N) that they do not condemn the font. In English its runs of letters are not words, which
# does; in Welsh (councils in Wales publish in both languages) they would not be English words
# either way, and only the font dictionary can say the reading was a guess.

ROOT = Path(__file__).resolve().parents[2]
build_defects = load_script("corpus_build_defects_for_ingest", ROOT / "corpus" / "build_defects.py")

ENGLISH_PAGE = "Q&A for 2025/26 (ref. XJ-9). " + " ".join(
    ["The council agreed the budget for children's services and the Director of Public Health will lead the "
     "review of adult social care across the borough this year, Wandsworth and Kingston said on Monday; "
     "pay is £130,000-£145,678 a year."] * 12
)  # fmt: skip
WELSH_PAGE = "Q&A 2025/26 (cyf. XJ-9). " + " ".join(
    ["Mae'r cyngor wedi cytuno ar y gyllideb ar gyfer gwasanaethau plant a bydd y Cyfarwyddwr Iechyd "
     "Cyhoeddus yn arwain yr adolygiad o ofal cymdeithasol i oedolion ar draws y sir eleni, meddai Cyngor "
     "Sir Gâr ddydd Llun; mae'r cyflog yn £130,000-£145,678 bob blwyddyn."] * 12
)  # fmt: skip


def _page_in(font_file: Path, text: str) -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("F", "", str(font_file))
    pdf.add_page()
    pdf.set_font("F", size=11)
    pdf.multi_cell(0, 5, text=text)
    return bytes(pdf.output())


def _text_alone_verdict(path: Path):
    """The judge's verdict on the PDF's one font from its glyph texts alone (no font dictionary)."""
    with open_pdf(path) as glyphs:
        ((font, texts),) = glyphs.glyph_texts.items()
        return judge_font(font, texts)


@pytest.mark.parametrize("page", ["english", "welsh"])
@pytest.mark.parametrize("family", sorted(build_defects.FONTS))
def test_guessed_reading_that_looks_like_ascii_is_repaired(family, page, cer, tmp_path):
    clean = _page_in(build_defects.FONTS[family].styles[""], ENGLISH_PAGE if page == "english" else WELSH_PAGE)
    truth = normalise_whitespace(build_defects.true_text(clean))
    path = tmp_path / f"guessed.{family}.pdf"
    path.write_bytes(build_defects.defects.strip_tounicode(clean))

    document = read_document(path, sha256="0" * 64)
    raw = normalise_whitespace(document.raw_text)
    assert cer(raw, truth) >= BROKEN_RAW_CER
    assert cer(normalise_whitespace(document.text), truth) <= CER_BOUND
    assert [step.method for step in document.repair_log] == ["font-program"]
    if _text_alone_verdict(path).cause in ("", "not-words"):  # not condemned by its glyphs' code points
        assert "CIDToGIDMap contradicts" in document.repair_log[0].detail


@pytest.mark.parametrize("family", ["liberation-serif", "liberation-sans"])
def test_the_welsh_guess_has_too_few_unmapped_glyphs_to_condemn_it(family, tmp_path):
    """In Liberation's glyph order (Times New Roman's and Arial's) the guessed Welsh page shows few
    (cid:N) and no foreign code points; what its words say cannot get a Welsh reading accepted, so
    the repair above is the font dictionary's doing."""
    path = tmp_path / f"judged.{family}.pdf"
    path.write_bytes(build_defects.defects.strip_tounicode(_page_in(build_defects.FONTS[family].styles[""], WELSH_PAGE)))
    assert _text_alone_verdict(path).cause in ("", "not-words")


@pytest.mark.parametrize("page", ["english", "welsh"])
@pytest.mark.parametrize("family", sorted(build_defects.FONTS))
def test_the_same_page_with_its_tounicode_is_left_alone(family, page, tmp_path):
    clean = _page_in(build_defects.FONTS[family].styles[""], ENGLISH_PAGE if page == "english" else WELSH_PAGE)
    path = tmp_path / f"clean.{family}.pdf"
    path.write_bytes(clean)
    document = read_document(path, sha256="0" * 64)
    assert document.repair_log == []
    assert normalise_whitespace(document.text) == normalise_whitespace(build_defects.true_text(clean))
