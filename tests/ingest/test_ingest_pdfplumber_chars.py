"""The lean character dicts are pdfplumber's own, object by object, on every kind of PDF we have.

A difference here would silently change every page's text, so the comparison is of the character
dicts themselves, every key, not of the text they make.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from councildocs.ingest.pdfplumber_chars import use_lean_chars

PAGES_PER_FILE = 3


def _objects(path: Path, lean: bool) -> list:
    """Each of the first pages' object lists, or the exception type reading them raised."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for page in pdf.pages[:PAGES_PER_FILE]:
                if lean:
                    use_lean_chars(page)
                # other objects go through pdfplumber's own code either way (and an inline image's name
                # and stream differ between any two reads): their numbers must agree
                objects = page.objects
                pages.append({"char": objects.get("char", []), **{k: len(v) for k, v in objects.items() if k != "char"}})
            return pages
    except Exception as err:  # damaged files must fail the same way both ways
        return [type(err).__name__]


def _assert_same(paths: list[Path]) -> int:
    chars = 0
    for path in paths:
        plain, lean = _objects(path, lean=False), _objects(path, lean=True)
        assert lean == plain, path.name
        chars += sum(len(page.get("char", [])) for page in plain if isinstance(page, dict))
    return chars


def test_lean_chars_equal_pdfplumbers_on_the_corpus_and_its_defects(corpus_dir):
    paths = sorted((corpus_dir / "adverts").glob("*.pdf")) + sorted((corpus_dir / "defects").glob("*.pdf"))[:40]
    assert len(paths) > 40
    assert _assert_same(paths) > 50_000


@pytest.mark.shared
def test_lean_chars_equal_pdfplumbers_on_the_peer_regression_pdfs(peer_pdfs_dir):
    paths = sorted(peer_pdfs_dir.rglob("*.pdf"))
    assert len(paths) >= 90
    assert _assert_same(paths) > 10_000


def test_a_page_read_lean_gives_pdfplumbers_text(corpus_dir):
    path = sorted((corpus_dir / "papers").glob("*.pdf"))[0]
    with pdfplumber.open(path) as pdf:
        plain = [page.extract_text() for page in pdf.pages]
    with pdfplumber.open(path) as pdf:
        lean = [use_lean_chars(page).extract_text() for page in pdf.pages]
    assert lean == plain and any(plain)
