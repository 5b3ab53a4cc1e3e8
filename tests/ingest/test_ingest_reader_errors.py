"""Every input ingest cannot use raises IngestError with the right stable code and a useful message."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import FileLimits
from councildocs.ingest.reader import read_document, sha256_of_file


def _code_of(path: Path, limits: FileLimits = FileLimits()) -> ErrorCode:
    with pytest.raises(IngestError) as caught:
        read_document(path, sha256="0" * 64, limits=limits)
    assert caught.value.message, "an error must tell a person what to do"
    return caught.value.code


def test_sha256_of_file_is_the_hash_of_the_bytes(write_bytes):
    path = write_bytes("note.txt", b"Director of Children's Services")
    assert sha256_of_file(path) == hashlib.sha256(b"Director of Children's Services").hexdigest()


def test_missing_file_is_not_found(tmp_path):
    assert _code_of(tmp_path / "nowhere.pdf") == ErrorCode.NOT_FOUND
    with pytest.raises(IngestError) as caught:
        sha256_of_file(tmp_path / "nowhere.pdf")
    assert caught.value.code == ErrorCode.NOT_FOUND


def test_folder_is_not_a_file(tmp_path):
    folder = tmp_path / "papers.pdf"
    folder.mkdir()
    assert _code_of(folder) == ErrorCode.NOT_FOUND


def test_unsupported_suffix(write_bytes):
    path = write_bytes("advert.docx", b"PK\x03\x04 not really")
    with pytest.raises(IngestError) as caught:
        read_document(path, sha256="0" * 64)
    assert caught.value.code == ErrorCode.UNSUPPORTED_TYPE
    assert ".pdf" in caught.value.message  # says what would work


@pytest.mark.parametrize("name", ["empty.pdf", "empty.txt", "empty.html"])
def test_zero_bytes_is_empty(write_bytes, name):
    assert _code_of(write_bytes(name, b"")) == ErrorCode.EMPTY


@pytest.mark.parametrize(
    "name, data",
    [("blank.txt", b"  \r\n\t \n"), ("blank.html", b"<html><body><script>x()</script> <p> </p></body></html>")],
)
def test_whitespace_only_is_empty(write_bytes, name, data):
    assert _code_of(write_bytes(name, data)) == ErrorCode.EMPTY


def test_file_over_the_size_limit_is_too_large(write_bytes):
    assert _code_of(write_bytes("long.txt", b"x" * 11), FileLimits(max_bytes=10)) == ErrorCode.TOO_LARGE
    assert read_document(write_bytes("short.txt", b"x" * 10), limits=FileLimits(max_bytes=10)).text == "x" * 10


def test_pdf_over_the_page_limit_is_too_large(make_pdf):
    path = make_pdf(["one", "two", "three"])
    assert _code_of(path, FileLimits(max_pages=2)) == ErrorCode.TOO_LARGE
    assert read_document(path, limits=FileLimits(max_pages=3)).pages == 3


def test_a_huge_pdf_is_refused_by_its_page_tree_count_before_any_page_is_built(tmp_path, monkeypatch):
    # Building 3,000 page objects takes seconds on a slow machine: the page limit must speak
    # before the time limit does, so the declared count is read first.
    import pdfplumber
    import pikepdf

    path = tmp_path / "thousands.pdf"
    with pikepdf.new() as pdf:
        for _ in range(3000):
            pdf.add_blank_page(page_size=(200, 200))
        pdf.save(path)
    monkeypatch.setattr(pdfplumber.PDF, "pages", property(lambda self: pytest.fail("every page was built")))
    with pytest.raises(IngestError) as caught:
        read_document(path, sha256="0" * 64, limits=FileLimits(max_pages=2000))
    assert caught.value.code == ErrorCode.TOO_LARGE and "3000 pages" in caught.value.message


def test_text_over_the_character_limit_is_too_large(write_bytes):
    assert _code_of(write_bytes("long.txt", b"word " * 30), FileLimits(max_text_chars=100)) == ErrorCode.TOO_LARGE


def test_encrypted_pdf(make_pdf, encrypt):
    with pytest.raises(IngestError) as caught:
        read_document(encrypt(make_pdf(["Secret salary"])), sha256="0" * 64)
    assert caught.value.code == ErrorCode.ENCRYPTED
    assert "password" in caught.value.message


def test_truncated_pdf_is_corrupt(make_pdf, write_bytes):
    data = make_pdf(["Director of Children’s Services"] * 3).read_bytes()
    with pytest.raises(IngestError) as caught:
        read_document(write_bytes("advert.truncated.pdf", data[: len(data) // 2]), sha256="0" * 64)
    assert caught.value.code == ErrorCode.CORRUPT_PDF
    assert "truncated" in caught.value.message


def test_truncated_pdf_with_its_tail_is_still_corrupt(make_pdf, write_bytes):
    """Cut out of the middle, so the %%EOF marker survives and the parser has to notice."""
    data = make_pdf(["Director of Children’s Services"] * 3).read_bytes()
    damaged = data[:200] + data[len(data) // 2 :]
    assert _code_of(write_bytes("advert.gutted.pdf", damaged)) in (ErrorCode.CORRUPT_PDF, ErrorCode.NO_TEXT_LAYER)


def test_random_bytes_named_pdf_is_corrupt(write_bytes):
    assert _code_of(write_bytes("random.pdf", os.urandom(4096))) == ErrorCode.CORRUPT_PDF


def test_random_bytes_after_a_pdf_header_are_corrupt(write_bytes):
    data = b"%PDF-1.7\n" + os.urandom(4096) + b"\n%%EOF\n"
    assert _code_of(write_bytes("garbage.pdf", data)) == ErrorCode.CORRUPT_PDF


def test_image_only_pdf_has_no_text_layer(image_only_pdf):
    with pytest.raises(IngestError) as caught:
        read_document(image_only_pdf, sha256="0" * 64)
    assert caught.value.code == ErrorCode.NO_TEXT_LAYER
    assert "OCR" in caught.value.message


def test_binary_file_named_txt_is_unreadable(write_bytes):
    data = bytes(range(256)) * 64
    assert _code_of(write_bytes("binary.txt", data)) == ErrorCode.UNREADABLE
