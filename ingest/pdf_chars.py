"""Remapping a font without parsing its pages again.

Parsing a page's content stream is ~90% of what pdfplumber's text extraction costs; laying the
characters out into text is the rest. So the first read keeps, per page, the little that the
layout needs of each character (``PageChars``), and a font remapped later is applied by rewriting
those characters' texts (``translation``) and running pdfplumber's own layout again.

The rewrite needs each character's code, which pdfplumber does not keep; it has the text the old
map gave. That text names the code whenever the old map gives different codes different texts,
which broken maps nearly always do (identity maps, shifted maps, ``(cid:N)``). Where two codes read
alike but the new map tells them apart, ``translation`` says so (None) and the caller parses the
pages again with the new map installed.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pdfminer.cmapdb import IdentityUnicodeMap
from pdfminer.pdffont import PDFCIDFont, PDFFont
from pdfplumber.utils import chars_to_textmap

from councildocs.ingest.boxes import Box
from councildocs.ingest.tables import TableGrid

_CID_TEXT_RE = re.compile(r"\(cid:(\d+)\)")  # pdfminer's text for a code without a mapping
_SIMPLE_FONT_CODES = range(256)


class PageChars:
    """A page's characters as pdfplumber's text layout needs them, in about 60 bytes each, and the
    grids of the page's ruled tables and the rectangles that may frame boxes of text (so a
    remapped page renders its tables and boxes again, from its new text)."""

    __slots__ = ("texts", "fonts", "boxes", "upright", "bbox", "ruled_tables", "frames")

    def __init__(
        self,
        chars: list[dict[str, Any]],
        bbox: tuple[float, float, float, float],
        ruled_tables: Sequence[TableGrid] = (),
        frames: Sequence[Box] = (),
    ):
        self.texts = [c["text"] for c in chars]
        self.fonts = [c["fontname"] for c in chars]
        self.boxes = array("d", (v for c in chars for v in (c["x0"], c["x1"], c["top"], c["bottom"], c["doctop"])))
        self.upright = bytes(bool(c["upright"]) for c in chars)
        self.bbox = bbox
        self.ruled_tables = list(ruled_tables)
        self.frames = list(frames)

    def __len__(self) -> int:
        return len(self.texts)

    def chars(self, tables: Mapping[str, Mapping[str, str]]) -> list[dict[str, Any]]:
        """The characters again, each font's texts rewritten through its table."""
        b = self.boxes
        chars = []
        for i, (text, font) in enumerate(zip(self.texts, self.fonts)):
            table = tables.get(font)
            if table is not None:
                text = table.get(text, text)
            j = 5 * i
            chars.append(
                {"text": text, "fontname": font, "x0": b[j], "x1": b[j + 1], "top": b[j + 2],
                 "bottom": b[j + 3], "doctop": b[j + 4], "upright": bool(self.upright[i])}
            )  # fmt: skip
        return chars


def extract_text(chars: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> str:
    """What ``pdfplumber.Page.extract_text()`` gives for these characters on a page of this box."""
    x0, top, x1, bottom = bbox
    return chars_to_textmap(chars, layout_bbox=bbox, layout_width=x1 - x0, layout_height=bottom - top).as_string


def translation(font: PDFFont, codes: Mapping[int, str], used: Iterable[str]) -> dict[str, str] | None:
    """Old text → new text for the characters of ``font`` once ``codes`` override its map.

    ``used`` is the texts its characters have now; the table holds those that change. Call it
    before installing the new map: it reads the old one from ``font``. None when some used text
    cannot be traced to one reading under the new map.
    """
    decoded = _old_texts(font, codes)
    inverse: dict[str, set[int]] = {}
    for code, text in decoded.items():
        inverse.setdefault(text, set()).add(code)
    identity = isinstance(font.unicode_map, IdentityUnicodeMap)
    table: dict[str, str] = {}
    for text in set(used):
        sources = inverse.get(text)
        if sources is None:
            if identity and len(text) == 1:
                sources = {ord(text)}
            elif match := _CID_TEXT_RE.fullmatch(text):
                sources = {int(match.group(1))}
            else:
                return None  # a text the old map cannot give: do not guess where it came from
        readings = {codes.get(code, text) for code in sources}
        if len(readings) != 1:
            return None
        new = readings.pop()
        if new != text:
            table[text] = new
    return table


def _old_texts(font: PDFFont, codes: Mapping[int, str]) -> dict[int, str]:
    """Code → text under the font's current map, for every code that map (or ``codes``) names.

    Codes outside that set read as ``(cid:N)`` (or, under an identity map, as U+N), which
    ``translation`` traces without the table.
    """
    if isinstance(font, PDFCIDFont):
        domain = set(codes) | set(getattr(font.unicode_map, "cid2unichr", None) or ())
    else:
        domain = set(_SIMPLE_FONT_CODES) | set(codes)
    decoded = {}
    for code in domain:
        try:
            decoded[code] = font.to_unichr(code)
        except Exception:  # what pdfminer cannot decode it shows as (cid:N)
            decoded[code] = f"(cid:{code})"
    return decoded
