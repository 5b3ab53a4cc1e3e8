"""Robustness: the regression PDFs of pdfplumber and pdfminer.six come out as text or a coded error.

Malformed files, encryption variants, identity and non-Unicode CMaps, JBIG2 images, evil
XObjects: none may crash the reader with anything but an ``IngestError``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from councildocs.ingest.errors import IngestError
from councildocs.ingest.reader import read_document

pytestmark = pytest.mark.shared

# Collection needs the file names before fixtures run; the same location tests/conftest.py uses.
REPO_ROOT = Path(__file__).resolve().parents[2]
PEER_DIR = Path(os.environ.get("DCS_SHARED_DIR", REPO_ROOT.parent / "shared")) / "peer-pdfs"
PEER_PDFS = sorted(PEER_DIR.rglob("*.pdf")) if PEER_DIR.is_dir() else []


def _id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.parametrize("name", [_id(p) for p in PEER_PDFS] or ["(none)"])
def test_peer_pdf_reads_or_fails_cleanly(peer_pdfs_dir, name):
    if name == "(none)":
        pytest.fail(f"{peer_pdfs_dir} holds no PDFs")
    path = peer_pdfs_dir / name
    try:
        document = read_document(path, sha256="0" * 64)
    except IngestError as err:
        assert err.message
        return
    assert document.pages >= 1
    assert len(document.page_starts) == document.pages
    assert all(0 <= start <= len(document.text) for start in document.page_starts)


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
