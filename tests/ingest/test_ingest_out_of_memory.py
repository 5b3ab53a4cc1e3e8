"""A file over its memory limit is too_large however the library it was in surfaced the MemoryError.

pdfplumber wraps what pdfminer raises in ``PdfminerException`` from a page's objects as well as from
opening a file; one such run in four left a 10,000-font PDF ``internal_error`` instead of ``too_large``
(tests/cli/test_hostile_batch.py found it).
"""

from __future__ import annotations

from pathlib import Path

from pdfplumber.utils.exceptions import PdfminerException

from councildocs.ingest.errors import ErrorCode
from councildocs.ingest.limits import out_of_memory
from councildocs.pipeline import process_file


def _chained() -> Exception:
    try:
        try:
            raise MemoryError
        except MemoryError as inner:
            raise ValueError("decode failed") from inner
    except ValueError as err:
        return err


def test_a_memory_error_is_found_however_it_is_wrapped():
    assert out_of_memory(MemoryError())
    assert out_of_memory(PdfminerException(MemoryError()))
    assert out_of_memory(PdfminerException(_chained()))
    assert not out_of_memory(PdfminerException(ValueError("bad xref")))
    assert not out_of_memory(KeyError("x"))


class _ExtractorOutOfMemory:
    def extract(self, document):
        raise PdfminerException(MemoryError())


class _ExtractorWithABug:
    def extract(self, document):
        raise KeyError("a bug")


def test_a_wrapped_memory_error_makes_the_file_too_large_and_a_bug_stays_internal(tmp_path: Path):
    path = tmp_path / "advert.txt"
    path.write_text("Leeds City Council is recruiting a Director of Children's Services.\n", encoding="utf-8")
    too_large = process_file(path, _ExtractorOutOfMemory())
    assert too_large.error_code is ErrorCode.TOO_LARGE and "memory" in too_large.error_message
    bug = process_file(path, _ExtractorWithABug())
    assert bug.error_code is ErrorCode.INTERNAL and "KeyError" in bug.error_message
