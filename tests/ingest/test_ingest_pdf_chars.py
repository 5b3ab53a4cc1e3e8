"""Remapping a font without parsing its pages again (``ingest/pdf_chars.py``), and judging fonts
whose letters read as other letters."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pdfplumber
import pytest
from pdfminer.cmapdb import IdentityUnicodeMap, UnicodeMap
from pdfminer.pdffont import PDFCIDFont

import councildocs.ingest.pdf as pdf_module
from councildocs.ingest.pdf_chars import PageChars, extract_text, translation
from councildocs.ingest.reader import read_document
from councildocs.ingest.repair.fonts import _improved
from councildocs.ingest.repair.judge import judge_font

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
DEFECTS_DIR = CORPUS / "defects"
VARIANTS = json.loads((DEFECTS_DIR / "manifest.json").read_text(encoding="utf-8"))["variants"]
ONE_DOC = "kensington-westminster-bi-borough"


def _corpus_defects():
    spec = importlib.util.spec_from_file_location("corpus_defects_for_ingest", CORPUS / "defects.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("font", ["dejavu-sans", "dejavu-serif"])
def test_kept_characters_lay_out_as_pdfplumber_does(font):
    with pdfplumber.open(DEFECTS_DIR / f"{ONE_DOC}.clean.{font}.pdf") as pdf:
        for page in pdf.pages:
            kept = PageChars(page.chars, page.bbox)
            assert len(kept) == len(page.chars)
            assert extract_text(kept.chars({}), kept.bbox) == page.extract_text()


@pytest.mark.parametrize(
    "variant", [v for v in VARIANTS if v["doc"] == ONE_DOC and v["font"] == "dejavu-serif"], ids=lambda v: v["defect"]
)
def test_remap_from_kept_characters_equals_parsing_again(variant, monkeypatch):
    path = DEFECTS_DIR / variant["file"]
    kept = read_document(path, sha256="0" * 64)
    monkeypatch.setattr(pdf_module, "MAX_KEPT_CHARS", 0)  # nothing kept: every remap parses again
    parsed = read_document(path, sha256="0" * 64)
    assert kept.text == parsed.text
    assert kept.repair_log == parsed.repair_log


def _cid_font(unicode_map) -> PDFCIDFont:
    """A CID font as pdfminer builds it, reduced to what decoding needs."""
    font = PDFCIDFont.__new__(PDFCIDFont)
    font.unicode_map = unicode_map
    font.cidcoding = "Adobe-Identity"
    return font


def _unicode_map(entries: dict[int, str]) -> UnicodeMap:
    unicode_map = UnicodeMap()
    unicode_map.cid2unichr = dict(entries)
    return unicode_map


def test_translation_follows_each_text_back_to_its_code():
    font = _cid_font(_unicode_map({1: "D", 2: "K", 3: "\x03"}))
    table = translation(font, {1: "a", 2: "h", 3: " ", 4: "x"}, ["D", "K", "\x03", "(cid:4)"])
    assert table == {"D": "a", "K": "h", "\x03": " ", "(cid:4)": "x"}
    assert translation(font, {1: "D"}, ["D"]) == {}  # nothing changes: no work to do


def test_translation_refuses_to_guess_between_codes_that_read_alike():
    font = _cid_font(_unicode_map({1: "a", 2: "a"}))
    assert translation(font, {1: "x", 2: "y"}, ["a"]) is None
    assert translation(font, {1: "x", 2: "x"}, ["a"]) == {"a": "x"}
    assert translation(font, {1: "x"}, ["a"]) is None  # code 2 would keep "a", code 1 would not


def test_translation_under_an_identity_map():
    font = _cid_font(IdentityUnicodeMap())
    assert translation(font, {0x101: "T", 0x102: "h"}, ["\u0101", "\u0102", " "]) == {"\u0101": "T", "\u0102": "h"}


# --- letters that read as other letters ---------------------------------------------------------

# No digits or full stops: at -29 those become control characters, and the point here is a font
# whose text shows no foreign code point at all.
ENGLISH = "The council and its partners will review the children’s services plan every year with the schools"


def _shift(text: str, offset: int = -29) -> str:
    return "".join(c if c == " " or ord(c) + offset < 0 else chr(ord(c) + offset) for c in text)


def test_letters_that_make_no_words_are_judged_broken():
    verdict = judge_font("F", list(_shift(ENGLISH)))
    assert verdict.broken and verdict.cause == "not-words"
    assert verdict.suspicious == 0  # no code point gives it away
    assert not judge_font("F", list(ENGLISH)).broken


def test_a_not_words_verdict_takes_the_program_only_when_it_makes_words():
    """Text in another language fails the word test too; the font program's reading is taken only
    when it plainly reads as words."""
    polish = judge_font("F", list("Rada miasta współpracuje z partnerami w całym regionie każdego roku ze szkołami"))
    assert polish.cause == "not-words"
    assert not _improved(polish, polish)
    assert _improved(judge_font("F", list(_shift(ENGLISH))), judge_font("F", list(ENGLISH)))


def test_font_mapped_to_other_letters_is_recovered(make_pdf):
    """A map that moves every letter by -29 but leaves spaces alone shows nothing but ASCII
    (``7KH FRXQFLO``): it is judged on words, and recovered from the font program."""
    clean = make_pdf([ENGLISH], name="advert.clean.dejavu-sans.pdf")
    broken = clean.with_name("advert.letters-offset.dejavu-sans.pdf")
    shifted = _corpus_defects().remap_tounicode(clean.read_bytes(), lambda code, text: _shift(text))
    broken.write_bytes(shifted)
    document = read_document(broken, sha256="0" * 64)
    assert document.raw_text.startswith("7KH FRXQFLO")
    assert document.text == ENGLISH
    [step] = document.repair_log
    assert step.method == "font-program" and "runs of letters are English words" in step.detail


def test_a_not_words_font_is_not_worth_parsing_pages_again(make_pdf, monkeypatch):
    """When the new reading cannot be previewed from the font's texts, a verdict on words alone
    does not pay for parsing the pages again: the font is left as it is."""
    clean = make_pdf([ENGLISH], name="advert.clean.dejavu-sans.pdf")
    broken = clean.with_name("advert.letters-offset.dejavu-sans.pdf")
    broken.write_bytes(_corpus_defects().remap_tounicode(clean.read_bytes(), lambda code, text: _shift(text)))
    monkeypatch.setattr(pdf_module.PdfGlyphs, "preview", lambda self, name, codes: None)
    document = read_document(broken, sha256="0" * 64)
    assert document.text == document.raw_text
    assert document.repair_log == []
