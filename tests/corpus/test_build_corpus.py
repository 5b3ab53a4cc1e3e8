"""The sample corpus (corpus/): reproducible PDFs, gold files that match them, a real defect."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest
from script_loader import load_script

from councildocs.contract import ENUM_VALUES, KIND_FIELDS
from councildocs.extract.models import ROLE_CATEGORIES

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
BUILD = CORPUS / "build_corpus.py"
GOLD = CORPUS / "gold"
GAZETTEER = ROOT / "extract" / "data" / "gazetteer.csv"
CATEGORIES = ("adverts", "news", "papers")
DEFECT_SUFFIXES = (".no-tounicode", ".identity-tounicode")




defects = load_script("corpus_defects", CORPUS / "defects.py")

PDFS = sorted(p for c in CATEGORIES for p in (CORPUS / c).glob("*.pdf"))
CLEAN = [p for p in PDFS if not p.stem.endswith(DEFECT_SUFFIXES)]
BROKEN = [p for p in PDFS if p.stem.endswith(DEFECT_SUFFIXES)]


def _norm(text: str) -> str:
    return " ".join(text.split())


def _text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _gold(stem: str) -> dict:
    return json.loads((GOLD / f"{stem}.json").read_text(encoding="utf-8"))


def _build(out: Path, hash_seed: str) -> Path:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed)
    subprocess.run(
        [sys.executable, str(BUILD), "--out", str(out)], check=True, capture_output=True, env=env
    )
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Path:
    return _build(tmp_path_factory.mktemp("build-a"), "1")


def test_build_is_deterministic(fresh, tmp_path):
    again = _build(tmp_path / "build-b", "2")
    first, second = _files(fresh), _files(again)
    assert sorted(first) == sorted(second)
    changed = [rel for rel in first if first[rel] != second[rel]]
    assert not changed, f"two builds differ in {changed}"


def test_pyproject_pins_the_toolchain_the_manifest_records():
    """A library the PDF bytes depend on, left unpinned, lets a fresh CI machine install a newer
    release that writes other bytes: the rebuild checks would then fail (or skip) for no fault."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pins = dict(r.split("==", 1) for r in requirements if "==" in r)
    recorded = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))["toolchain"]
    for package in ("fpdf2", "pikepdf", "fonttools", "pdfplumber"):
        assert pins.get(package) == recorded[package], package


def test_build_reproduces_committed_corpus(fresh):
    committed = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    current = json.loads((fresh / "manifest.json").read_text(encoding="utf-8"))
    if committed["toolchain"] != current["toolchain"]:
        diff = {
            k: (committed["toolchain"].get(k), current["toolchain"].get(k))
            for k in set(committed["toolchain"]) | set(current["toolchain"])
            if committed["toolchain"].get(k) != current["toolchain"].get(k)
        }
        pytest.skip(
            f"toolchain differs from the one the corpus was built with {diff}: "
            "rebuild with .venv/bin/python corpus/build_corpus.py"
        )
    assert sorted(committed["files"]) == sorted(current["files"])
    for rel in [*committed["files"], "manifest.json"]:
        assert (fresh / rel).read_bytes() == (CORPUS / rel).read_bytes(), (
            f"{rel} is out of date: rebuild with .venv/bin/python corpus/build_corpus.py"
        )


def test_every_pdf_has_gold_and_every_gold_has_a_pdf():
    assert len(PDFS) >= 10
    pdf_stems = [p.stem for p in PDFS]
    assert len(set(pdf_stems)) == len(pdf_stems), "PDF stems must be unique across categories"
    gold_stems = {p.name[: -len(".json")] for p in GOLD.glob("*.json")}
    assert set(pdf_stems) == gold_stems
    truth_stems = {p.name[: -len(".truth.txt")] for p in GOLD.glob("*.truth.txt")}
    assert truth_stems == {p.stem for p in BROKEN}
    assert BROKEN, "the corpus needs at least one mis-encoded document"


KINDS = {"salary", "population", "poverty_rate", "shared_post", "partnership", "person"}
STATUSES = {kind: values for (kind, name), values in ENUM_VALUES.items() if name == "status"}
FIELDS = KIND_FIELDS


def _as_list(value):
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("stem", sorted(p.stem for p in PDFS))
def test_gold_file_is_well_formed(stem):
    with GAZETTEER.open(encoding="utf-8") as f:
        known = {row["gss"] for row in csv.DictReader(f)}
    gold = _gold(stem)
    assert set(_as_list(gold["doc_type"])) <= {"advert", "news", "consultation", "profile", "other"}
    for code in gold["authorities"] + gold.get("authorities_optional", []):
        assert code in known, code
    for fact in gold["facts"]:
        kind = fact["kind"]
        assert kind in KINDS
        assert FIELDS[kind] <= set(fact), (stem, fact)
        assert fact["evidence_hint"].strip()
        codes = fact.get("authorities", []) + [fact.get("authority")]
        for code in codes:
            assert code in known or code in (None, "*"), (stem, code)
        if "role_category" in fact:
            assert set(_as_list(fact["role_category"])) <= set(ROLE_CATEGORIES), (stem, fact)
        if kind in STATUSES:
            assert set(_as_list(fact["status"])) <= STATUSES[kind], (stem, fact)
        if kind in ("shared_post", "partnership"):
            assert len(set(fact["authorities"])) >= 2, (stem, fact)
        if kind == "salary" and fact["min_gbp"] is not None and fact["max_gbp"] is not None:
            assert fact["min_gbp"] <= fact["max_gbp"], (stem, fact)


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_pdf_text_contains_every_evidence_hint(path):
    text = _norm(_text(path.read_bytes()))
    assert "(cid:" not in text
    hints = [f["evidence_hint"] for f in _gold(path.stem)["facts"]]
    missing = [h for h in hints if _norm(h) not in text]
    assert not missing, f"{path.name}: hints not found in the text: {missing}"


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_mis_encoded_pdf_is_really_broken(path):
    text = _text(path.read_bytes())
    assert "(cid:" in text
    truth = _norm((GOLD / f"{path.stem}.truth.txt").read_text(encoding="utf-8"))
    hints = [_norm(f["evidence_hint"]) for f in _gold(path.stem)["facts"]]
    assert all(h in truth for h in hints), "gold hints must quote the true text"
    assert not any(h in _norm(text) for h in hints), "the defect should hide every hint"


def test_corpus_covers_every_fact_kind_and_a_salary_benchmark():
    facts = [f for p in PDFS for f in _gold(p.stem)["facts"]]
    assert {f["kind"] for f in facts} == KINDS
    salaried = {c for f in facts if f["kind"] == "salary" for c in f["authorities"]}
    assert len(salaried) >= 8
    statuses = {s for f in facts if f["kind"] == "shared_post" for s in _as_list(f["status"])}
    assert statuses == {"current", "proposed", "former"}


# --- the defect functions themselves, on a tiny PDF ------------------------------------------


@pytest.fixture(scope="module")
def tiny_pdf() -> bytes:
    from datetime import datetime, timezone

    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.add_font("DejaVuSans", "", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_page()
    pdf.set_font("DejaVuSans", size=12)
    pdf.cell(text="Children’s Services £113,205")
    return bytes(pdf.output())


def test_strip_tounicode(tiny_pdf):
    assert "Children’s Services £113,205" in _text(tiny_pdf)
    broken = defects.strip_tounicode(tiny_pdf)
    assert broken == defects.strip_tounicode(tiny_pdf)
    assert b"/ToUnicode" not in broken
    assert "(cid:" in _text(broken)


def test_identity_tounicode(tiny_pdf):
    broken = defects.identity_tounicode(tiny_pdf)
    assert broken == defects.identity_tounicode(tiny_pdf)
    text = _text(broken)
    assert "(cid:" not in text and "Children" not in text
    # fpdf2 numbers the glyphs of its subset 1, 2, 3, ... in order of first use (the space
    # keeps 0x20), so "Children" comes out as the characters U+0001 to U+0008.
    assert text.startswith("\x01\x02\x03\x04\x05\x06\x07\x08")
