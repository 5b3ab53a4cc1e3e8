"""PDFs: text from characters, page offsets, and font-program recovery of broken fonts."""

from __future__ import annotations

import pdfplumber

from councildocs.ingest.reader import read_document


def test_clean_pdf_reads_as_written(make_pdf, advert_pages):
    document = read_document(make_pdf(advert_pages), sha256="a" * 64)
    assert document.media_type == "pdf"
    assert document.pages == 2
    assert document.text == "\n\n".join(advert_pages)
    assert document.raw_text == document.text
    assert document.repair_log == []  # a clean PDF needs no repair, and says so


def test_page_starts_point_at_each_page(make_pdf, advert_pages):
    document = read_document(make_pdf(advert_pages), sha256="a" * 64)
    second = document.text.index("Applications close")
    assert document.page_starts == [0, second]
    assert document.page_at(0) == 1
    assert document.page_at(second - 1) == 1
    assert document.page_at(second) == 2
    assert document.page_at(len(document.text) - 1) == 2


def test_page_starts_follow_repairs(make_pdf, strip_to_unicode, advert_pages):
    """Repair changes lengths ((cid:N) → one letter); page offsets are into the repaired text."""
    document = read_document(strip_to_unicode(make_pdf(advert_pages)), sha256="a" * 64)
    second = document.text.index("Applications close")
    assert document.page_starts == [0, second]
    assert document.page_at(document.text.index("panel")) == 2


def test_tounicode_stripped_font_is_recovered_exactly(make_pdf, strip_to_unicode, advert_pages):
    broken = strip_to_unicode(make_pdf(advert_pages))
    with pdfplumber.open(broken) as pdf:
        assert "(cid:" in pdf.pages[0].extract_text()  # the defect is real
    document = read_document(broken, sha256="a" * 64)
    assert document.text == "\n\n".join(advert_pages)
    assert "(cid:" in document.raw_text  # raw text keeps what was first read
    [step] = document.repair_log
    assert step.method == "font-program"
    assert step.font.endswith("DejaVuSansBook")
    assert "no Unicode mapping" in step.detail  # the verdict's reason is kept
    assert step.chars_changed > 0


def test_identity_mapped_font_is_recovered_exactly(make_pdf, identity_to_unicode, advert_pages):
    """ToUnicode replaced by an identity map: character codes come out as control characters."""
    broken = identity_to_unicode(make_pdf(advert_pages))
    document = read_document(broken, sha256="a" * 64)
    assert any(ord(c) < 32 and c not in "\n\t" for c in document.raw_text)
    assert document.text == "\n\n".join(advert_pages)
    assert [step.method for step in document.repair_log] == ["font-program"]


def test_running_headers_and_page_numbers_are_dropped(make_pdf):
    pages = [
        "The council’s director leads children’s services.",
        "Applications close on 30 June.",
        "Interviews are held in July at the town hall.",
        "The panel is chaired by the Chief Executive.",
    ]
    path = make_pdf(pages, name="paper.headers.dejavu-sans.pdf", header="Staffing and Appeals Committee – 12 March 2017")
    document = read_document(path, sha256="a" * 64)
    assert "Staffing and Appeals Committee" in document.raw_text
    assert document.text == "\n\n".join(pages)
    assert {step.method for step in document.repair_log} == {"layout"}
    assert document.page_at(document.text.index("Interviews")) == 3
