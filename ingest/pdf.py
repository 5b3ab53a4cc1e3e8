"""PDFs through pdfplumber at character level, so every character keeps its font.

``open_pdf`` reads each page's text from its characters in reading order (``reading_order``:
columns one after another, tables as TAB rows where they sit, otherwise pdfplumber's own text
layout of ``page.chars``) and keeps, per font, the text of each of its glyphs for the font judgement. The PDF
stays open inside the ``with`` block so a repairer can remap a broken font and read the pages it
appears on again (``PdfGlyphs.remap``): a remapped font changes characters, never positions, so
the pages are laid out again from the characters and ruled-table grids kept at the first read
(``pdf_chars``), by the same reading order (tables of figures are looked for again, since a
broken font's digits read as digits only once it is remapped), and parsed
again only when those cannot say what a character now reads as.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.cmapdb import UnicodeMap
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdffont import PDFFont
from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, resolve1
from pdfminer.psparser import PSLiteral, literal_name
from pdfplumber.utils.exceptions import PdfminerException

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import out_of_memory
from councildocs.ingest.models import RepairStep
from councildocs.ingest.boxes import Box, drawn_frames
from councildocs.ingest.ocr import no_text_layer, ocr_pdf_pages
from councildocs.ingest.overprint import without_overprint
from councildocs.ingest.pdf_chars import PageChars, translation
from councildocs.ingest.pdfplumber_chars import use_lean_chars
from councildocs.ingest.reading_order import page_text, word_map
from councildocs.ingest.tables import TableGrid, ruled_tables, with_figure_tables

# Where to look for the end-of-file marker: writers may leave a little junk after it.
EOF_WINDOW = 4096
MAX_FORM_DEPTH = 8
# Characters kept from the first read for remapping without parsing again (about 60 bytes each);
# pages past the budget are parsed again when a font on them is remapped.
MAX_KEPT_CHARS = 1_000_000


@contextmanager
def open_pdf(path: Path, max_pages: int | None = None) -> Iterator[PdfGlyphs]:
    """The PDF at ``path``, read page by page; raises ``IngestError`` for what cannot be read, or for
    more than ``max_pages`` pages."""
    _check_envelope(path)
    try:
        pdf = pdfplumber.open(path)
    except PdfminerException as err:
        _raise_if_out_of_memory(err)
        raise _open_error(path, err.args[0] if err.args else err) from err
    except Exception as err:  # pdfminer raises a zoo of types for damaged files
        _raise_if_out_of_memory(err)
        raise _open_error(path, err) from err
    if max_pages is not None:
        # The page tree's declared count first: building every page object of a huge file costs
        # seconds, enough for the time limit to stop it before the page limit could say why.
        try:
            _refuse_over(path, _declared_page_count(pdf), max_pages)
        except IngestError:
            pdf.stream.close()  # not pdf.close(), which builds every page to close it
            raise
    with pdf:
        glyphs = PdfGlyphs(pdf, path)
        glyphs.read(max_pages)
        yield glyphs


def _declared_page_count(pdf: pdfplumber.PDF) -> int | None:
    """The /Count of the root page tree, or None when it is missing or malformed (the real count,
    taken while reading, then decides)."""
    try:
        count = resolve1(resolve1(pdf.doc.catalog["Pages"]).get("Count"))
    except Exception:  # a damaged catalog is reported when the pages are read, with its own message
        return None
    return count if isinstance(count, int) else None


def _refuse_over(path: Path, count: int | None, max_pages: int) -> None:
    if count is not None and count > max_pages:
        raise IngestError(
            ErrorCode.TOO_LARGE,
            f"{path.name} has {count} pages, more than the limit of {max_pages}. "
            "Split it into the parts you need and ingest those.",
        )


def _check_envelope(path: Path) -> None:
    """Cheap checks on the bytes that give a clearer message than the parser would."""
    with path.open("rb") as handle:
        head = handle.read(1024)
        handle.seek(0, 2)
        size = handle.tell()
        handle.seek(max(0, size - EOF_WINDOW))
        tail = handle.read()
    if b"%PDF-" not in head:
        raise IngestError(
            ErrorCode.CORRUPT_PDF,
            f"{path.name} is not a PDF (it has no %PDF header) although it is named .pdf; "
            "check the file, or rename it to its real type.",
        )
    if b"%%EOF" not in tail.rstrip(b"\x00 \t\r\n"):
        raise IngestError(
            ErrorCode.CORRUPT_PDF,
            f"{path.name} ends before its PDF does (no %%EOF marker): it looks truncated. "
            "Download or export it again.",
        )


def _raise_if_out_of_memory(err: BaseException) -> None:
    """A file over its memory limit is too large, not damaged: look inside what pdfplumber wraps before
    calling it corrupt (``limits.out_of_memory``)."""
    if out_of_memory(err):
        raise MemoryError from err


def _open_error(path: Path, cause: BaseException) -> IngestError:
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return IngestError(
            ErrorCode.ENCRYPTED,
            f"{path.name} is password-protected. Ask its publisher for an unprotected copy, or open it "
            "with the password and save it without one.",
        )
    return IngestError(
        ErrorCode.CORRUPT_PDF,
        f"{path.name} could not be parsed as a PDF ({type(cause).__name__}: {cause}). "
        "Try opening and re-saving it in a PDF viewer, or find another copy.",
    )


@dataclass
class _FontUse:
    """A font as pdfminer built it for the pages, and the PDF dictionary it came from."""

    font: PDFFont
    spec: dict[str, Any]
    original_map: Any


class PdfGlyphs:
    """Page texts and per-font glyph texts of an open PDF, with remapping of fonts."""

    def __init__(self, pdf: pdfplumber.PDF, path: Path):
        self.pdf = pdf
        self.path = path
        self.page_texts: list[str] = []
        self.glyph_texts: dict[str, list[str]] = defaultdict(list)  # font name → text per glyph
        self.font_pages: dict[str, set[int]] = defaultdict(set)
        self._uses: dict[str, _FontUse] = {}
        self._kept: dict[int, PageChars] = {}  # page index → its characters as first read
        self._kept_chars = 0
        self.ocr_step: RepairStep | None = None  # the pages read by OCR, when there were any
        self.overprinted = 0  # characters drawn again over themselves (fake bold), read once
        # Remapped fonts: the old → new text table their characters go through, or None when only
        # parsing the pages again with the new map can say what they read as.
        self._tables: dict[str, dict[str, str] | None] = {}

    def read(self, max_pages: int | None = None) -> None:
        count = self._page_count()
        if max_pages is not None:
            _refuse_over(self.path, count, max_pages)
        for index in range(count):
            text, glyphs = self._read_page(index, keep=True)
            self.page_texts.append(text)
            for font, texts in glyphs.items():
                self.glyph_texts[font].extend(texts)
                self.font_pages[font].add(index)
        # Pages with no text layer (scanned) are read by OCR, page by page; the rest keep theirs.
        scanned = ocr_pdf_pages(self.path, [i for i, text in enumerate(self.page_texts) if not text.strip()])
        for index, text in scanned.texts.items():
            self.page_texts[index] = text
        self.ocr_step = scanned.step
        if not any(text.strip() for text in self.page_texts):
            raise no_text_layer(self.path, scanned)

    @property
    def repair_steps(self) -> list[RepairStep]:
        """What reading the pages repaired before any font repair: characters read once where they were printed
        over themselves, and pages read by OCR."""
        steps = []
        if self.overprinted:
            steps.append(RepairStep("layout", self.overprinted, None, "characters printed over themselves (fake bold) read once"))
        if self.ocr_step is not None:
            steps.append(self.ocr_step)
        return steps

    def _page_count(self) -> int:
        try:
            return len(self.pdf.pages)
        except Exception as err:
            _raise_if_out_of_memory(err)
            raise _open_error(self.path, err) from err

    def _read_page(self, index: int, keep: bool = False) -> tuple[str, dict[str, list[str]]]:
        page = use_lean_chars(self.pdf.pages[index])
        try:
            chars = page.chars
            read_once = without_overprint(chars)
            if keep:  # the first read (a remap reads pages again)
                self.overprinted += len(chars) - len(read_once)
            chars = read_once
            ruled = ruled_tables(page, chars)
            frames = drawn_frames(page.rects, page.bbox, page.lines)
            text = _layout(chars, ruled, frames)
        except Exception as err:  # damaged content streams surface here, not at open
            _raise_if_out_of_memory(err)
            raise IngestError(
                ErrorCode.CORRUPT_PDF,
                f"Page {index + 1} of {self.path.name} could not be read ({type(err).__name__}: {err}). "
                "Try re-saving the file in a PDF viewer, or find another copy.",
            ) from err
        finally:
            page.close()  # keep memory flat: what a remap needs is kept compactly, within a budget
        if keep and self._kept_chars + len(chars) <= MAX_KEPT_CHARS:
            self._kept[index] = PageChars(chars, page.bbox, ruled, frames)
            self._kept_chars += len(chars)
        return text, _by_font(chars)

    # -- remapping ---------------------------------------------------------------------------

    def font_spec(self, font_name: str) -> dict[str, Any] | None:
        """The PDF font dictionary behind ``font_name``, when pdfminer shares its font object."""
        use = self._font_use(font_name)
        return use.spec if use else None

    def preview(self, font_name: str, codes: Mapping[int, str]) -> list[str] | None:
        """The font's glyph texts if it decoded through ``codes``, without touching a page; None
        when only parsing its pages again could tell."""
        use = self._font_use(font_name)
        if use is None or use.font.unicode_map is not use.original_map:
            return None
        table = translation(use.font, codes, self.glyph_texts[font_name])
        if table is None:
            return None
        return [table.get(text, text) for text in self.glyph_texts[font_name]]

    def remap(self, maps: Mapping[str, Mapping[int, str]]) -> dict[str, list[str]]:
        """Read the pages using these fonts again, each font decoding codes through its map.

        Updates ``page_texts`` and returns the new glyph texts of the remapped fonts. Codes a map
        does not know keep the font's original mapping. A map that changes nothing the font shows
        costs nothing.
        """
        changed: set[str] = set()
        for name, codes in maps.items():
            use = self._font_use(name)
            if use is None:
                continue
            table = translation(use.font, codes, self.glyph_texts[name])  # before the new map goes in
            if table == {}:
                continue
            use.font.unicode_map = _MergedUnicodeMap(codes, use.original_map)
            self._tables[name] = table
            changed.add(name)
        new = self._relayout({p for name in changed for p in self.font_pages[name]}, changed)
        return {name: new[name] if name in changed else list(self.glyph_texts[name]) for name in maps}

    def restore(self, names: set[str]) -> None:
        """Undo ``remap`` for these fonts, and read their pages again."""
        undone = {name for name in names if name in self._tables}
        for name in undone:
            use = self._uses[name]
            use.font.unicode_map = use.original_map
            del self._tables[name]
        self._relayout({p for name in undone for p in self.font_pages[name]}, set())

    def _relayout(self, pages: set[int], fonts: set[str]) -> dict[str, list[str]]:
        """New texts for ``pages``; the glyph texts of ``fonts`` on them."""
        new: dict[str, list[str]] = defaultdict(list)
        for index in sorted(pages):
            kept = self._kept.get(index)
            remapped = {f: t for f, t in self._tables.items() if index in self.font_pages[f]}
            if kept is not None and None not in remapped.values():
                chars = kept.chars(remapped)
                text, glyphs = _layout(chars, kept.ruled_tables, kept.frames), _by_font(chars)
            else:
                text, glyphs = self._read_page(index)
            self.page_texts[index] = text
            for font in fonts:
                new[font].extend(glyphs.get(font, []))
        return new

    def _font_use(self, font_name: str) -> _FontUse | None:
        if font_name in self._uses:
            return self._uses[font_name]
        for index in sorted(self.font_pages.get(font_name, ())):
            resources = self.pdf.pages[index].page_obj.resources
            for objid, spec in _fonts_in(resources, depth=0, seen=set()):
                # Fonts created from an indirect object are cached by pdfminer's resource manager:
                # asking for one returns the very object the page interpreter uses.
                font = self.pdf.rsrcmgr.get_font(objid, spec)
                if font.fontname == font_name:
                    use = _FontUse(font, spec, font.unicode_map)
                    self._uses[font_name] = use
                    return use
        return None


def _layout(chars: list[dict[str, Any]], ruled: list[TableGrid], frames: Sequence[Box]) -> str:
    """The page's text in reading order, given its ruled tables and the rectangles that may frame
    boxes (both found from its drawing, which a remap does not move); tables of figures are found
    here, from the characters as they now read."""
    words = word_map(chars)
    tables = with_figure_tables(ruled, chars, [word for word, _ in words])
    return page_text(chars, tables, words, frames)


def _by_font(chars: list[dict[str, Any]]) -> dict[str, list[str]]:
    glyphs: dict[str, list[str]] = defaultdict(list)
    for char in chars:
        glyphs[char["fontname"]].append(char["text"])
    return glyphs


def _fonts_in(resources: Any, depth: int, seen: set[int]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(object id, font dictionary) for the indirect fonts in ``resources`` and its form XObjects."""
    resources = resolve1(resources)
    if not isinstance(resources, dict) or depth > MAX_FORM_DEPTH:
        return
    for ref in dict_value(resources.get("Font", {})).values():
        if isinstance(ref, PDFObjRef) and ref.objid not in seen:
            seen.add(ref.objid)
            spec = resolve1(ref)
            if isinstance(spec, dict):
                yield ref.objid, spec
    for ref in dict_value(resources.get("XObject", {})).values():
        xobject = resolve1(ref)
        if isinstance(ref, PDFObjRef):
            if ref.objid in seen:
                continue
            seen.add(ref.objid)
        if isinstance(xobject, PDFStream) and _is_form(xobject):
            yield from _fonts_in(xobject.get("Resources"), depth + 1, seen)


def _is_form(xobject: PDFStream) -> bool:
    subtype = resolve1(xobject.get("Subtype"))
    return isinstance(subtype, PSLiteral) and literal_name(subtype) == "Form"


class _MergedUnicodeMap(UnicodeMap):
    """Recovered codes first, then whatever the font mapped before."""

    def __init__(self, codes: Mapping[int, str], fallback: Any):
        super().__init__()
        self.cid2unichr = dict(codes)
        self.fallback = fallback

    def get_unichr(self, cid: int) -> str:
        if cid in self.cid2unichr:
            return self.cid2unichr[cid]
        if self.fallback is None:
            raise KeyError(cid)
        return self.fallback.get_unichr(cid)
