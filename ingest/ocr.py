"""OCR for PDF pages that have no text layer (scanned pages), with Tesseract through pytesseract.

Only pages whose text layer is empty are read this way, one at a time, so a mixed PDF keeps the
text its other pages carry. A page is rendered with pypdfium2 (pdfplumber's own renderer) at
``OCR_DPI`` and read by the Debian ``tesseract`` binary; the page's text is then what Tesseract
read, so every fact's evidence is a slice of it. The pages read and their mean word confidence go
into the repair log as one ``ocr`` step.

Limits: pages are limited before anything is read (``pdf.open_pdf``); a page's pixels are capped
(``MAX_PAGE_PIXELS``) whatever its size; memory is the reading process's, which the ``tesseract``
child inherits (``RLIMIT_AS`` survives ``exec``); time is the file's. A timer that interrupted
``pytesseract`` while it waits would leave its ``tesseract`` running on, so the time limit's alarm
is deferred while Tesseract runs and pytesseract's own timeout, set to the time left, ends it
instead (pytesseract kills the process on timeout); the file then stops as out of time as usual.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import signal
import subprocess
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
import pytesseract
from PIL import Image

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import TimeLimitExceeded
from councildocs.ingest.models import RepairStep

OCR_DPI = 300
# Tesseract reads best at about 300 dpi; smaller scans are scaled up to it first.
MIN_DPI = 300
# A4 at 300 dpi is 8.7 million pixels; a page so large that it would need more is rendered smaller.
MAX_PAGE_PIXELS = 40_000_000
# No single page may take longer than this, even with no file time limit.
PAGE_SECONDS = 120.0
LANGUAGE = "eng"
# Fully automatic page segmentation (Tesseract's default), stated so that a change of default cannot move the figures.
TESSERACT_CONFIG = "--psm 3"
# A page whose words average under this confidence is a picture (a photograph, a logo, a
# drawing), not a scan of text: what Tesseract makes of it is noise, so the page stays empty.
MIN_PAGE_CONFIDENCE = 50.0
# Below this grey level a pixel is ink: a rendered page with none is blank and needs no OCR.
INK_LEVEL = 200


class OcrTimeout(Exception):
    """Tesseract took longer than it was given on one image, and was killed."""


@dataclass(frozen=True)
class OcrText:
    """What Tesseract read on one image: its text (lines joined by newlines, blocks by a blank line)
    and the mean confidence of its words, 0–100 (None when it found no words)."""

    text: str
    confidence: float | None
    words: int


@dataclass(frozen=True)
class OcrPages:
    """The pages read by OCR (0-based index → text), and the repair-log step that says so.
    ``tesseract_missing`` when there were pages to read but no Tesseract to read them."""

    texts: dict[int, str]
    step: RepairStep | None
    tesseract_missing: bool = False


def tesseract_available() -> bool:
    """Whether the ``tesseract`` binary pytesseract calls is on ``PATH``."""
    return shutil.which(pytesseract.pytesseract.tesseract_cmd) is not None


def ocr_image(image: Image.Image, dpi: int = OCR_DPI, timeout: float = PAGE_SECONDS) -> OcrText:
    """Read the text on ``image``, a page scanned or rendered at ``dpi``.

    An image under ``MIN_DPI`` is scaled up to it first (Tesseract's LSTM model is trained on text
    of that size). Raises ``OcrTimeout`` when Tesseract takes longer than ``timeout`` seconds, and
    ``TimeLimitExceeded`` when the file's time limit (``limits.within_limits``) runs out first; either
    way the process has been killed. ``pytesseract.TesseractNotFoundError`` or ``TesseractError``
    when it cannot run.
    """
    image = image.convert("L")
    if dpi < MIN_DPI:
        factor = MIN_DPI / dpi
        image = image.resize((round(image.width * factor), round(image.height * factor)), Image.Resampling.LANCZOS)
    with _alarm_deferred() as time_left, _one_openmp_thread():
        file_time_binds = time_left is not None and time_left < timeout
        seconds = time_left if file_time_binds else timeout
        try:
            data = pytesseract.image_to_data(
                image, lang=LANGUAGE, config=TESSERACT_CONFIG, timeout=max(seconds, 0.01),  # 0 would mean none
                output_type=pytesseract.Output.DICT,
            )
        except pytesseract.TesseractError:  # a RuntimeError too, but not a timeout
            raise
        except RuntimeError as err:  # pytesseract's timeout: it has killed the process
            if file_time_binds:  # the file's time is up, as the deferred alarm is about to say
                raise TimeLimitExceeded(time_left) from None
            raise OcrTimeout(f"Tesseract took more than {timeout:g} s") from err
    return _text_from_words(data)


def ocr_pdf_pages(path: Path, pages: Sequence[int]) -> OcrPages:
    """OCR these 0-based ``pages`` of the PDF at ``path`` (pages with no text layer).

    Pages that are blank, or that hold only a picture, are left out of ``texts``; so are all of
    them when Tesseract is not installed (``tesseract_missing``), and the other pages are read as
    before. Raises ``IngestError`` (``timed_out``) when a page takes longer than ``PAGE_SECONDS``,
    and ``TimeLimitExceeded`` when the file's time runs out during OCR.
    """
    if not pages:
        return OcrPages({}, None)
    if not tesseract_available():
        return OcrPages({}, None, tesseract_missing=True)
    texts: dict[int, str] = {}
    confidences: list[tuple[float, int]] = []  # (page mean, words) for the overall mean
    pictures: list[int] = []
    with _rendered_pages(path) as render:
        for index in pages:
            image = render(index)
            if image is None or image.getextrema()[0] >= INK_LEVEL:
                continue  # blank, or not renderable: nothing to read
            try:
                read = ocr_image(image, OCR_DPI)
            except OcrTimeout as err:
                raise IngestError(
                    ErrorCode.TIMED_OUT,
                    f"OCR of page {index + 1} of {path.name} took too long and was stopped. "
                    "If the scan is huge, re-scan it at 300 dpi or split the file.",
                ) from err
            except (pytesseract.TesseractError, subprocess.CalledProcessError) as err:
                # pytesseract asks `tesseract --version` first (CalledProcessError), then runs it.
                message = _tesseract_message(err)
                _raise_if_out_of_memory(message, err)
                raise IngestError(
                    ErrorCode.NO_TEXT_LAYER,
                    f"Page {index + 1} of {path.name} has no text layer and Tesseract could not read it ({message}).",
                ) from err
            if read.confidence is None:
                continue
            if read.confidence < MIN_PAGE_CONFIDENCE:
                pictures.append(index)
                continue
            texts[index] = read.text
            confidences.append((read.confidence, read.words))
    return OcrPages(texts, _ocr_step(texts, confidences, pictures))


def no_text_layer(path: Path, scanned: OcrPages) -> IngestError:
    """The error for a PDF none of whose pages gave text, saying whether OCR was tried."""
    if scanned.tesseract_missing:
        return IngestError(
            ErrorCode.NO_TEXT_LAYER,
            f"{path.name} has no text layer: it is a scanned or image-only PDF, and Tesseract, which reads "
            "such pages, is not installed. Install it (Debian/Ubuntu: `apt-get install tesseract-ocr "
            "tesseract-ocr-eng`) and ingest the file again.",
        )
    return IngestError(
        ErrorCode.NO_TEXT_LAYER,
        f"{path.name} has no text layer, and OCR found no text on its pages: they are blank or hold only "
        "pictures. Check that it is the document you meant.",
    )


def _text_from_words(data: dict[str, list]) -> OcrText:
    """Tesseract's words laid out as text: words of a line joined by a space, lines of a block by a
    newline, blocks by a blank line (a paragraph break, as the layout repairs expect)."""
    blocks: dict[int, dict[tuple[int, int], list[str]]] = {}
    confidences: list[float] = []
    for block, paragraph, line, word, conf in zip(
        data["block_num"], data["par_num"], data["line_num"], data["text"], data["conf"]
    ):
        word = word.strip()
        if not word:
            continue
        blocks.setdefault(block, {}).setdefault((paragraph, line), []).append(word)
        confidences.append(float(conf))
    text = "\n\n".join(
        "\n".join(" ".join(words) for words in lines.values()) for lines in blocks.values()
    )
    mean = sum(confidences) / len(confidences) if confidences else None
    return OcrText(text, mean, len(confidences))


def _ocr_step(texts: dict[int, str], confidences: list[tuple[float, int]], pictures: list[int]) -> RepairStep | None:
    if not texts:
        return None
    words = sum(count for _, count in confidences)
    mean = sum(conf * count for conf, count in confidences) / words
    detail = (
        f"{_page_list(texts)} read by Tesseract {tesseract_version()} ({LANGUAGE}, {OCR_DPI} dpi); "
        f"mean word confidence {mean:.1f}"
    )
    if pictures:
        detail += f"; {_page_list(pictures)} left empty (a picture, not text)"
    return RepairStep(method="ocr", chars_changed=sum(len(text) for text in texts.values()), detail=detail)


def _page_list(indexes) -> str:
    """'page 3' or 'pages 1, 2, 5' (1-based)."""
    numbers = [str(index + 1) for index in sorted(indexes)]
    return f"page {numbers[0]}" if len(numbers) == 1 else f"pages {', '.join(numbers)}"


@functools.cache
def tesseract_version() -> str:
    """The installed Tesseract's version, for logs and benchmark records (asked once per process)."""
    try:
        return str(pytesseract.get_tesseract_version())
    # pytesseract raises SystemExit for a version string it cannot parse: only the log needs it.
    except (pytesseract.TesseractNotFoundError, subprocess.CalledProcessError, OSError, SystemExit):
        return "(version unknown)"


@contextmanager
def _rendered_pages(path: Path) -> Iterator:
    """A function rendering a 0-based page to a greyscale image at ``OCR_DPI`` (None when pdfium
    cannot), with the document open for as long as it is needed."""
    try:
        document = pypdfium2.PdfDocument(path)
    except pypdfium2.PdfiumError:
        yield lambda index: None  # pdfminer read it but pdfium cannot: nothing to render
        return

    def render(index: int) -> Image.Image | None:
        try:
            page = document[index]
        except (pypdfium2.PdfiumError, IndexError):
            return None
        try:
            width, height = page.get_size()
            scale = OCR_DPI / 72
            if width * height * scale * scale > MAX_PAGE_PIXELS:
                scale = math.sqrt(MAX_PAGE_PIXELS / (width * height))
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                return bitmap.to_pil().copy()  # the copy owns its pixels once the bitmap is closed
            finally:
                bitmap.close()
        except pypdfium2.PdfiumError:
            return None
        finally:
            page.close()

    try:
        yield render
    finally:
        document.close()


@contextmanager
def _one_openmp_thread() -> Iterator[None]:
    """Tesseract on one OpenMP thread, unless the user chose otherwise. Its OpenMP threads spin
    while they wait, and on a busy machine (or beside other workers) a page then takes several
    times as long: 13 s against 1.6 s for one A4 page at 300 dpi on a shared 2-core machine, the
    setting Tesseract's own documentation recommends for running several at once. pytesseract
    passes ``os.environ`` to the process, so the setting is made there and undone afterwards."""
    if "OMP_THREAD_LIMIT" in os.environ:
        yield
        return
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        os.environ.pop("OMP_THREAD_LIMIT", None)


@contextmanager
def _alarm_deferred() -> Iterator[float | None]:
    """Defer ``SIGALRM`` (the file time limit, ``limits.within_limits``) until the body ends; yield
    the seconds left on the timer, or None when no timer can interrupt this thread.

    Python runs signal handlers on the main thread whichever thread the signal reaches, so the
    handler itself is swapped for one that only notes the alarm (blocking the signal in this thread
    would not do: another thread may take it). An alarm noted meanwhile goes to the time limit's
    handler when the body ends, so the file is still stopped, just not in the middle of a child
    process nobody would then kill.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield None
        return
    left = signal.getitimer(signal.ITIMER_REAL)[0]
    if not left:
        yield None
        return
    alarms = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: alarms.append(frame))
    try:
        yield left
    finally:
        signal.signal(signal.SIGALRM, previous)
    if alarms and callable(previous):
        previous(signal.SIGALRM, alarms[0])


def _tesseract_message(err: pytesseract.TesseractError | subprocess.CalledProcessError) -> str:
    if isinstance(err, pytesseract.TesseractError):
        return str(err.message or f"exit status {err.status}")
    output = err.output.decode("utf-8", "replace") if isinstance(err.output, bytes) else str(err.output or "")
    return " ".join(output.split()) or f"exit status {err.returncode}"


def _raise_if_out_of_memory(message: str, err: BaseException) -> None:
    """Tesseract out of memory under the address-space limit it inherits is a file too large, as in
    the rest of reading: Leptonica reports "malloc fail", C++ "bad_alloc", and the loader "failed to
    map segment" when not even its libraries fit."""
    if any(sign in message.lower() for sign in ("alloc", "out of memory", "failed to map segment")):
        raise MemoryError(f"Tesseract ran out of memory: {message}") from err
