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
