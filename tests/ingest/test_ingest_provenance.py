"""A document's provenance comes from the nearest sources.csv that lists its stem."""

from __future__ import annotations

from pathlib import Path

from councildocs.ingest.models import Provenance
from councildocs.ingest.provenance import provenance_for
from councildocs.ingest.reader import read_document

REAL = Path(__file__).resolve().parents[2] / "corpus" / "real"


def test_real_corpus_documents_carry_their_publisher_and_licence():
    document = read_document(REAL / "dev" / "docs" / "b1_brighton_hove_chief_executive_appointment.txt")
    assert document.provenance is not None
    assert document.provenance.publisher == "Brighton and Hove City Council"
    assert document.provenance.licence == "OGL-3.0"
    assert document.provenance.url.startswith("https://")


def test_nearest_manifest_wins_and_unknown_is_no_value(tmp_path):
    (tmp_path / "papers" / "2024").mkdir(parents=True)
    paper = tmp_path / "papers" / "2024" / "budget.txt"
    paper.write_text("Budget report", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("stem,publisher,published\nbudget,Far Council,unknown\n", encoding="utf-8")
    assert provenance_for(paper).publisher == "Far Council"
    assert provenance_for(paper).published is None
    (tmp_path / "papers" / "sources.csv").write_text("stem,publisher\nbudget,Near Council\n", encoding="utf-8")
    provenance_for.__globals__["_manifest"].cache_clear()
    assert provenance_for(paper).publisher == "Near Council"


def test_unlisted_or_damaged_manifest_gives_no_provenance(tmp_path):
    paper = tmp_path / "minutes.txt"
    paper.write_text("Minutes", encoding="utf-8")
    (tmp_path / "sources.csv").write_bytes(b"stem,publisher\nother,\xff\xfe Council\n")
    provenance_for.__globals__["_manifest"].cache_clear()
    assert provenance_for(paper) is None
    assert read_document(paper).provenance is None


def test_the_project_s_own_example_documents_are_marked_fictional():
    corpus = REAL.parent
    for example in (corpus / "adverts" / "wandsworth-dcs.pdf", corpus / "news" / "birmingham-dcs-appointed.pdf",
                    next((corpus / "defects").glob("*.pdf")), next((corpus / "layouts").glob("*.pdf"))):
        provenance = provenance_for(example)
        assert provenance is not None and provenance.fictional, example
        assert provenance.url is None
    # a real document a row names is not caught by the folder-wide row above it
    real = provenance_for(REAL / "dev" / "docs" / "b1_brighton_hove_chief_executive_appointment.txt")
    assert real is not None and not real.fictional


def test_a_star_row_speaks_for_every_unlisted_document_below_it(tmp_path):
    (tmp_path / "examples").mkdir()
    listed, unlisted = tmp_path / "examples" / "advert.txt", tmp_path / "examples" / "news.txt"
    for path in (listed, unlisted):
        path.write_text("text", encoding="utf-8")
    (tmp_path / "sources.csv").write_text(
        "stem,publisher,fictional\nadvert,Real Council,false\n*,Invented,yes\n", encoding="utf-8"
    )
    provenance_for.__globals__["_manifest"].cache_clear()
    assert provenance_for(listed) == Provenance(publisher="Real Council")
    assert provenance_for(unlisted).publisher == "Invented" and provenance_for(unlisted).fictional
