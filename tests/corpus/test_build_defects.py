"""The defect corpus (corpus/defects/): reproducible, complete, named by defect and font, and kept
out of folder walks; and the entry-wise ToUnicode defects it is made with."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pdfplumber
import pytest
from script_loader import load_script

from councildocs.pipeline import iter_input_files

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
DEFECTS_DIR = CORPUS / "defects"
MANIFEST = json.loads((DEFECTS_DIR / "manifest.json").read_text(encoding="utf-8"))
MAX_COMMITTED_BYTES = 9_000_000


build_defects = load_script("corpus_build_defects", CORPUS / "build_defects.py")
defects = load_script("corpus_defects_entrywise", CORPUS / "defects.py")


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_builder_reproduces_committed_files():
    current = build_defects.toolchain()
    if MANIFEST["toolchain"] != current:
        changed = {k for k in set(current) | set(MANIFEST["toolchain"]) if current.get(k) != MANIFEST["toolchain"].get(k)}
        pytest.skip(
            f"toolchain differs from the one the defect corpus was built with ({sorted(changed)}): "
            "rebuild with .venv/bin/python corpus/build_defects.py"
        )
    files, variants = build_defects.build_files(build_defects.defect_sources())
    assert sorted(files) == sorted(MANIFEST["files"])
    stale = [rel for rel, data in files.items() if (DEFECTS_DIR / rel).read_bytes() != data]
    assert not stale, f"out of date: {stale}; rebuild with .venv/bin/python corpus/build_defects.py"
    assert build_defects.manifest(files, variants) == (DEFECTS_DIR / "manifest.json").read_bytes()


def test_every_document_in_every_defect_and_font():
    variants = MANIFEST["variants"]
    docs = {v["doc"] for v in variants}
    assert docs == set(build_defects.DEFECT_SOURCES)
    assert docs <= {p.stem for p in (CORPUS / "sources").glob("*.txt")}
    assert set(build_defects.FAMILY_SOURCES) <= docs
    assert {v["font"] for v in variants} == set(build_defects.FONTS) | {None}
    for doc in docs:
        for font, family in build_defects.FONTS.items():
            if doc not in family.documents:
                continue
            for defect in build_defects.DEFECTS:
                name = f"{doc}.{defect}.{font}.pdf"
                assert any(v["file"] == name and v["truth"] == f"truth/{doc}.{font}.txt" for v in variants), name
        assert (DEFECTS_DIR / f"{doc}.{build_defects.MOJIBAKE}.txt").is_file()
    for v in variants:
        assert (DEFECTS_DIR / v["file"]).is_file() and (DEFECTS_DIR / v["truth"]).is_file()


def test_at_least_six_families_besides_dejavu_each_from_a_debian_package():
    others = {name: f for name, f in build_defects.FONTS.items() if not name.startswith("dejavu")}
    assert len(others) >= 6
    installed = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    for family in build_defects.FONTS.values():
        assert family.package in installed
        assert set(family.styles) == {"", "B", "I"}
    # every family's PDFs really embed that family's fonts, not DejaVu
    for name, family in others.items():
        doc = family.documents[0]
        with pdfplumber.open(DEFECTS_DIR / f"{doc}.clean.{name}.pdf") as pdf:
            fonts = {c["fontname"].split("+")[-1] for c in pdf.pages[0].chars}
        stem = family.styles[""].stem.split("-")[0]
        assert fonts and all(f.startswith(stem) for f in fonts), (name, fonts)


def test_committed_size_stays_small():
    total = sum(p.stat().st_size for p in DEFECTS_DIR.rglob("*") if p.is_file())
    assert total < MAX_COMMITTED_BYTES, f"corpus/defects is {total / 1e6:.1f} MB"


def test_folder_walk_of_the_corpus_skips_the_defect_set():
    walked = {p.relative_to(CORPUS).as_posix() for p in iter_input_files([CORPUS])}
    shipped = {p.relative_to(CORPUS).as_posix() for c in ("adverts", "news", "papers") for p in (CORPUS / c).glob("*.pdf")}
    assert walked == shipped
    assert len(walked) == len(list((CORPUS / "sources").glob("*.txt")))


def test_mojibake_is_utf8_read_as_windows_1252():
    assert build_defects.utf8_read_as_cp1252("Children’s £5") == "Childrenâ€™s Â£5"
    # the five bytes Windows-1252 leaves undefined survive as C1 controls, so nothing is lost
    assert build_defects.utf8_read_as_cp1252("Ł") == "Å\x81"


# --- the entry-wise ToUnicode defects, on a tiny PDF ------------------------------------------


@pytest.fixture(scope="module")
def tiny_pdf() -> bytes:
    from datetime import datetime, timezone

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("DejaVuSans", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=12)
    pdf.cell(text="The dancers’ £5")
    return bytes(pdf.output())


def test_tounicode_entries_round_trip():
    entries = {0x01: "T", 0x02: "h", 0x20: " ", 0x03: "ﬁ", 0x04: "😀"}
    assert defects.tounicode_entries(defects.tounicode_cmap(entries)) == entries
    ranged = b"1 beginbfrange\n<0005> <0007> <0041>\nendbfrange\n"
    assert defects.tounicode_entries(ranged) == {5: "A", 6: "B", 7: "C"}


def test_offset_tounicode_reads_as_the_classic_minus_29(tiny_pdf):
    broken = defects.offset_tounicode(tiny_pdf)
    assert broken == defects.offset_tounicode(tiny_pdf)
    assert _text(broken).startswith("7KH\x03GDQFHUV")


def test_shifted_identity_reads_as_latin_extended(tiny_pdf):
    text = _text(defects.shifted_identity_tounicode(tiny_pdf))
    # fpdf2 numbers glyphs 1, 2, 3... in order of first use; the space keeps code 0x20
    assert text.startswith("\u0101\u0102\u0103\u0120\u0104\u0105\u0106")


def test_code_identity_reads_as_control_characters(tiny_pdf):
    text = _text(defects.code_identity_tounicode(tiny_pdf))
    assert text.startswith("\x01\x02\x03 \x04\x05\x06")
