"""OCR of pages with no text layer: real corpus PDFs turned into scans, read by the real Tesseract.

A "scan" here is a corpus PDF whose pages were rendered to greyscale images (pypdfium2, 150 dpi,
as an office scanner delivers them) and wrapped into a PDF with no text layer (Pillow's PDF
writer). The original PDF's own text is the truth the OCR is compared with.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf
import psutil
import pypdfium2
import pytest
from PIL import Image

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import FileLimits, TimeLimitExceeded, within_limits
from councildocs.ingest.ocr import OcrTimeout, ocr_image, tesseract_available
from councildocs.ingest.reader import PAGE_SEPARATOR, read_document
from councildocs.pipeline import process_file

ADVERT = Path(__file__).resolve().parents[2] / "corpus" / "adverts" / "wandsworth-dcs.pdf"
SCAN_DPI = 150


def scan_pages(source: Path, target: Path, dpi: int = SCAN_DPI) -> list[Image.Image]:
    """Write ``source``'s pages as images at ``dpi`` into ``target``, a PDF with no text layer."""
    document = pypdfium2.PdfDocument(source)
    try:
        images = [document[i].render(scale=dpi / 72, grayscale=True).to_pil() for i in range(len(document))]
    finally:
        document.close()
    images[0].save(target, save_all=True, append_images=images[1:], resolution=dpi)
    return images


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def scanned_advert(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ocr") / "wandsworth-dcs.scanned.pdf"
    scan_pages(ADVERT, path)
    return path


@pytest.fixture(scope="module")
def mixed_advert(tmp_path_factory: pytest.TempPathFactory, scanned_advert: Path) -> Path:
    """The advert's first page as it was (a text layer), its second page scanned."""
    path = tmp_path_factory.mktemp("ocr") / "wandsworth-dcs.mixed.pdf"
    with pikepdf.open(ADVERT) as original, pikepdf.open(scanned_advert) as scanned, pikepdf.new() as mixed:
        mixed.pages.append(original.pages[0])
        mixed.pages.append(scanned.pages[1])
        mixed.save(path)
    return path


@pytest.fixture(scope="module")
def scanned_document(tesseract, scanned_advert):
    return read_document(scanned_advert)


def test_scanned_pdf_is_read_by_ocr_with_its_step_logged(scanned_document, cer):
    original = read_document(ADVERT)
    assert scanned_document.pages == original.pages == 2
    [step] = scanned_document.repair_log
    assert step.method == "ocr"
    assert step.detail.startswith("pages 1, 2 read by Tesseract ")
    assert step.chars_changed == len(scanned_document.raw_text) - len(PAGE_SEPARATOR)
    confidence = float(step.detail.rsplit("mean word confidence ", 1)[1])
    assert 80 <= confidence <= 100
    # The words are the advert's: at most 2% of characters differ, layout (whitespace) aside.
    assert cer(one_line(scanned_document.text), one_line(original.text)) <= 0.02
    assert "£148,584" in scanned_document.text
    second_page = scanned_document.text[scanned_document.page_starts[1]:]
    assert "Keisha Morrow" in second_page and "Keisha Morrow" not in scanned_document.text[: scanned_document.page_starts[1]]


@pytest.mark.slow
def test_facts_of_a_scanned_pdf_are_the_originals_with_evidence_in_the_ocr_text(
    tesseract, scanned_advert, extractor
):
    scanned = process_file(scanned_advert, extractor)
    original = process_file(ADVERT, extractor)
    assert scanned.ok, scanned.error_message
    assert [step.method for step in scanned.document.repair_log] == ["ocr"]
    facts = scanned.extraction.facts
    assert {f.kind for f in facts} >= {"salary", "population", "person", "shared_post"}
    assert sorted((f.kind, repr(f.fields)) for f in facts) == sorted(
        (f.kind, repr(f.fields)) for f in original.extraction.facts
    )
    text = scanned.document.text
    for fact in facts:
        evidence = fact.evidence
        assert text[evidence.start:evidence.end] == evidence.text
        assert evidence.page == scanned.document.page_at(evidence.start)
    salary = next(f for f in facts if f.kind == "salary")
    assert (salary.fields["min_gbp"], salary.fields["max_gbp"]) == (148584, 190800)


def test_mixed_pdf_keeps_its_text_layer_and_reads_only_the_scanned_page(tesseract, mixed_advert):
    original = read_document(ADVERT)
    original_first_page = original.raw_text[: original.page_starts[1] - len(PAGE_SEPARATOR)]
    mixed = read_document(mixed_advert)
    assert mixed.pages == 2
    assert mixed.raw_text.startswith(original_first_page + PAGE_SEPARATOR)
    assert mixed.raw_text[mixed.page_starts[1]:] != ""
    [step] = [s for s in mixed.repair_log if s.method == "ocr"]
    assert step.detail.startswith("page 2 read by Tesseract ")
    assert step.chars_changed == len(mixed.raw_text) - mixed.page_starts[1]
    assert "Keisha Morrow" in mixed.text[mixed.page_starts[1]:]


@pytest.fixture
def tesseract_hidden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A PATH on which there is no tesseract."""
    empty = tmp_path / "bin-without-tesseract"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert not tesseract_available()


def test_without_tesseract_a_scanned_pdf_has_no_text_layer(scanned_advert, tesseract_hidden):
    with pytest.raises(IngestError) as caught:
        read_document(scanned_advert)
    assert caught.value.code == ErrorCode.NO_TEXT_LAYER
    assert "Tesseract" in caught.value.message and "tesseract-ocr" in caught.value.message


@pytest.mark.slow
def test_without_tesseract_the_pipeline_codes_a_scan_no_text_layer(scanned_advert, tesseract_hidden, extractor):
    result = process_file(scanned_advert, extractor)
    assert (result.error_code, result.document) == ("no_text_layer", None)


def test_without_tesseract_a_mixed_pdf_keeps_its_text_pages(mixed_advert, tesseract_hidden):
    mixed = read_document(mixed_advert)
    assert mixed.pages == 2
    assert "£148,584" in mixed.text
    assert mixed.raw_text.endswith(PAGE_SEPARATOR)  # the scanned page stays empty
    assert "ocr" not in mixed.repair_methods


def test_blank_scan_still_has_no_text_layer(tesseract, image_only_pdf):
    with pytest.raises(IngestError) as caught:
        read_document(image_only_pdf)
    assert caught.value.code == ErrorCode.NO_TEXT_LAYER
    assert "OCR found no text" in caught.value.message


@pytest.fixture(scope="module")
def three_pages_tall(tmp_path_factory: pytest.TempPathFactory) -> Image.Image:
    """Three pages' worth of text in one image at 300 dpi: seconds of Tesseract on any machine."""
    page = scan_pages(ADVERT, tmp_path_factory.mktemp("ocr") / "scan.pdf", dpi=300)[0]
    tall = Image.new("L", (page.width, page.height * 3), 255)
    for row in range(3):
        tall.paste(page, (0, page.height * row))
    return tall


def tesseracts_running() -> list[psutil.Process]:
    return [child for child in psutil.Process().children(recursive=True) if "tesseract" in child.name()]


def test_file_time_limit_stops_ocr_and_leaves_no_tesseract_running(tesseract, three_pages_tall):
    """The alarm that ends a file's time is deferred while Tesseract runs; pytesseract's own timeout,
    set to the time left, kills the process, and the file still ends as out of time."""
    with pytest.raises(TimeLimitExceeded):
        with within_limits(FileLimits(seconds=0.5)):
            ocr_image(three_pages_tall, dpi=300)
    assert tesseracts_running() == []


def test_page_time_limit_stops_ocr_and_leaves_no_tesseract_running(tesseract, three_pages_tall):
    with pytest.raises(OcrTimeout):
        ocr_image(three_pages_tall, dpi=300, timeout=0.5)
    assert tesseracts_running() == []


def test_tesseract_out_of_memory_makes_the_file_too_large(scanned_advert, tesseract, tmp_path, monkeypatch):
    """Tesseract inherits the reader's address-space limit; one that runs out of memory is the
    file's ``too_large``, never a page silently left empty. Here the real tesseract runs under
    util-linux's prlimit with 20 MB of address space, too little even to map its libraries (how
    much more a page needs depends on the machine's libraries and threads)."""
    import shutil

    import pytesseract

    if shutil.which("prlimit") is None:
        pytest.skip("prlimit (util-linux) is not installed")
    starved = tmp_path / "tesseract-in-20MB"
    starved.write_text(f'#!/bin/sh\nexec prlimit --as=20000000 {shutil.which("tesseract")} "$@"\n')
    starved.chmod(0o755)
    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", str(starved))
    result = process_file(scanned_advert, extractor=None)
    assert result.error_code == "too_large", result.error_message
