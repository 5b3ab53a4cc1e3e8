"""Robustness: the regression PDFs of pdfplumber and pdfminer.six come out as text or a coded error.

Malformed files, encryption variants, identity and non-Unicode CMaps, JBIG2 images, evil
XObjects: none may crash the reader with anything but an ``IngestError``. That every one of them reads or
fails with a code is tests/cli/test_extract_cli.py's (one `dcs extract` over the folder, as a batch user runs
it); here, the codes of the ones that must fail, and the scan only OCR reads.
"""

from __future__ import annotations

import pytest

from councildocs.ingest.errors import IngestError
from councildocs.ingest.reader import read_document

pytestmark = pytest.mark.shared


@pytest.mark.parametrize(
    "name, code",
    [
        ("pdfplumber/password-example.pdf", "encrypted"),
        ("pdfminer.six/encryption__aes-256.pdf", "encrypted"),
        ("pdfplumber/empty.pdf", "empty"),
        ("pdfminer.six/contrib__issue_1165_linewidth.pdf", "no_text_layer"),
    ],
)
def test_peer_pdf_error_codes(peer_pdfs_dir, name, code):
    with pytest.raises(IngestError) as caught:
        read_document(peer_pdfs_dir / name, sha256="0" * 64)
    assert caught.value.code == code


def test_peer_pdf_with_a_jbig2_scan_is_read_by_ocr(peer_pdfs_dir, tesseract):
    """Its one page is a JBIG2 image of a cartoon with a speech bubble; only OCR reads the bubble."""
    document = read_document(peer_pdfs_dir / "pdfminer.six/contrib__pdf-with-jbig2.pdf", sha256="0" * 64)
    assert "Doesn't" in document.text
    assert document.repair_methods == ["ocr"]


@pytest.mark.parametrize("name", [
    "pdfminer.six/contrib__issue-625-identity-cmap.pdf",  # an identity CMap
    "pdfminer.six/contrib__pagelabels.pdf",  # page labels that are not page numbers
    "pdfplumber/issue-71-duplicate-chars.pdf",  # characters printed over themselves
    "pdfplumber/test-punkt.pdf",  # short pages of prose
])
def test_multi_page_peer_pdfs_keep_each_pages_start(peer_pdfs_dir, name):
    """Evidence names its page through ``page_starts``: one start per page, in order, inside the text, and the
    text between two starts is that page's (it ends with the separator the reader puts between pages)."""
    from councildocs.ingest.reader import PAGE_SEPARATOR

    document = read_document(peer_pdfs_dir / name, sha256="0" * 64)
    assert document.pages >= 2 and len(document.page_starts) == document.pages
    assert document.page_starts[0] == 0 and document.page_starts == sorted(set(document.page_starts))
    assert document.page_starts[-1] <= len(document.text)
    for start in document.page_starts[1:]:
        assert document.text[:start].endswith(PAGE_SEPARATOR)

