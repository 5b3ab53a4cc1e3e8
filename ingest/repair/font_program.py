"""Recover a font's character codes → Unicode from the font program embedded in the PDF.

A PDF font without a usable /ToUnicode still carries the font itself. Its glyphs know what they
are: a TrueType font's own cmap says which code point each glyph draws, and glyph names ("a",
"uni20AC", "f_i") say it through the Adobe Glyph List. The PDF says which glyph each character
code selects (CIDToGIDMap for CID fonts, the font's (3,0)/(1,0) cmap for simple TrueType fonts,
the CFF encoding for Type1C). Chaining the two gives code → Unicode.

Covered: CID fonts with TrueType (FontFile2) or CFF/OpenType (FontFile3) programs; simple TrueType
fonts; simple Type1C fonts. Not covered (yet): bare Type1 programs (FontFile) and Type3 fonts.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from fontTools.agl import toUnicode
from fontTools.cffLib import CFFFontSet
from fontTools.ttLib import TTFont
from pdfminer.pdftypes import PDFStream, dict_value, list_value, resolve1, stream_value
from pdfminer.psparser import PSLiteral, literal_name

log = logging.getLogger(__name__)

_PRIVATE_USE = range(0xE000, 0xF900)


@dataclass(frozen=True)
class Recovery:
    """Code → text for one font, and where it came from (for the repair log)."""

    codes: dict[int, str]
    source: str


def recover_unicode(spec: Mapping[str, Any]) -> Recovery | None:
    """Code → Unicode for the PDF font dictionary ``spec``, or None when its program cannot say."""
    try:
        subtype = _name(spec.get("Subtype"))
        if subtype == "Type0":
            descendant = dict_value(list_value(resolve1(spec["DescendantFonts"]))[0])
            return _recover_cid_font(descendant)
        if subtype == "TrueType":
            return _recover_simple_truetype(spec)
        if subtype in ("Type1", "MMType1"):
            return _recover_simple_cff(spec)
    except Exception as err:  # a damaged font program must not stop the document
        log.info("font program unreadable for %s: %s: %s", spec.get("BaseFont"), type(err).__name__, err)
    return None


def read_by_guess(spec: Mapping[str, Any]) -> bool:
    """Whether pdfminer's text for the font dictionary ``spec`` is a guess its own PDF contradicts.

    A composite (Type0) font without /ToUnicode makes pdfminer fall back on the embedded TrueType
    program's cmap, looked up by CID as if CIDs were glyph IDs. When the font's /CIDToGIDMap sends
    CIDs to other glyphs, that reading is wrong whatever it looks like: it can come out as ASCII
    letters with only a few ``(cid:N)``, which no statistic on the text alone can be sure of.
    """
    try:
        if _name(spec.get("Subtype")) != "Type0" or resolve1(spec.get("ToUnicode")) is not None:
            return False
        descendant = dict_value(list_value(resolve1(spec["DescendantFonts"]))[0])
        mapping = resolve1(descendant.get("CIDToGIDMap"))
        if not isinstance(mapping, PDFStream):  # /Identity or absent: CID and glyph ID agree
            return False
        raw = stream_value(mapping).get_data()
        return any(int.from_bytes(raw[i : i + 2], "big") != i // 2 for i in range(0, len(raw) - 1, 2))
    except Exception as err:  # a damaged font dictionary is judged on its text alone
        log.info("font dictionary unreadable for %s: %s: %s", spec.get("BaseFont"), type(err).__name__, err)
        return False


def _name(value: Any) -> str:
    value = resolve1(value)
    return literal_name(value) if isinstance(value, PSLiteral) else str(value or "")


def _program(descriptor: Mapping[str, Any], key: str) -> bytes | None:
    stream = resolve1(descriptor.get(key))
    return stream_value(stream).get_data() if isinstance(stream, PDFStream) else None


def _recover_cid_font(descendant: Mapping[str, Any]) -> Recovery | None:
    descriptor = dict_value(descendant.get("FontDescriptor", {}))
    if (data := _program(descriptor, "FontFile2")) is not None:
        font = TTFont(BytesIO(data), fontNumber=0, lazy=True)
        names = font.getGlyphOrder()
        unicode_of = _glyph_unicode(font)
        codes: dict[int, str] = {}
        for cid, gid in _cid_to_gid(descendant.get("CIDToGIDMap"), len(names)):
            if gid < len(names) and (text := unicode_of.get(names[gid])):
                codes[cid] = text
        return Recovery(codes, "TrueType program (CIDToGIDMap, cmap, glyph names)") if codes else None
    if (data := _program(descriptor, "FontFile3")) is not None:
        if data[:4] in (b"OTTO", b"\x00\x01\x00\x00", b"true"):
            font = TTFont(BytesIO(data), fontNumber=0, lazy=True)
            names = font.getGlyphOrder()
            unicode_of = _glyph_unicode(font)
            codes = {gid: text for gid, name in enumerate(names) if (text := unicode_of.get(name))}
            return Recovery(codes, "OpenType program (cmap, glyph names)") if codes else None
        top = _cff_top(data)
        charset = list(top.charset)
        if hasattr(top, "ROS"):  # CID-keyed: glyph names are "cidNNNNN" and carry no meaning
            return None
        codes = {gid: text for gid, name in enumerate(charset) if (text := _agl(name))}
        return Recovery(codes, "CFF program (glyph names)") if codes else None
    return None


def _cid_to_gid(mapping: Any, glyph_count: int) -> list[tuple[int, int]]:
    mapping = resolve1(mapping)
    if isinstance(mapping, PDFStream):
        raw = stream_value(mapping).get_data()
        pairs = ((i // 2, int.from_bytes(raw[i : i + 2], "big")) for i in range(0, len(raw) - 1, 2))
        return [(cid, gid) for cid, gid in pairs if gid]
    return [(gid, gid) for gid in range(1, glyph_count)]  # /Identity, or absent (identity by default)


def _recover_simple_truetype(spec: Mapping[str, Any]) -> Recovery | None:
    descriptor = dict_value(spec.get("FontDescriptor", {}))
    data = _program(descriptor, "FontFile2")
    if data is None:
        return None
    font = TTFont(BytesIO(data), fontNumber=0, lazy=True)
    unicode_of = _glyph_unicode(font)
    # A simple TrueType font selects glyphs through its own (3,0) symbol cmap (codes at 0xF000+)
    # or (1,0) Macintosh cmap; the PDF's /Encoding is what went wrong, so it is not consulted.
    code_to_name: dict[int, str] = {}
    for table in font["cmap"].tables:
        if (table.platformID, table.platEncID) == (3, 0):
            for code in range(256):
                name = table.cmap.get(0xF000 + code) or table.cmap.get(code)
                if name:
                    code_to_name.setdefault(code, name)
        elif (table.platformID, table.platEncID) == (1, 0):
            for code, name in table.cmap.items():
                if code < 256:
                    code_to_name.setdefault(code, name)
    codes = {code: text for code, name in code_to_name.items() if (text := unicode_of.get(name) or _agl(name))}
    return Recovery(codes, "TrueType program (symbol cmap, glyph names)") if codes else None


def _recover_simple_cff(spec: Mapping[str, Any]) -> Recovery | None:
    descriptor = dict_value(spec.get("FontDescriptor", {}))
    data = _program(descriptor, "FontFile3")
    if data is None:
        return None
    top = _cff_top(data)
    encoding = getattr(top, "Encoding", None)
    if not isinstance(encoding, list):  # a predefined encoding: pdfminer already applies it
        return None
    codes = {code: text for code, name in enumerate(encoding) if name and (text := _agl(name))}
    return Recovery(codes, "CFF program (built-in encoding, glyph names)") if codes else None


def _cff_top(data: bytes) -> Any:
    cff = CFFFontSet()
    cff.decompile(BytesIO(data), otFont=None)
    return cff[cff.fontNames[0]]


def _glyph_unicode(font: TTFont) -> dict[str, str]:
    """Glyph name → text: the font's own Unicode cmap reversed, then the glyph name itself."""
    by_name: dict[str, str] = {}
    if "cmap" in font:
        for table in font["cmap"].tables:
            if not table.isUnicode():
                continue
            for code, name in table.cmap.items():
                current = by_name.get(name)
                # Several code points may share a glyph (space and no-break space, hyphen and soft
                # hyphen): prefer the ordinary one, i.e. not private use, then the lowest.
                if current is None or _preference(code) < _preference(ord(current)):
                    by_name[name] = chr(code)
    for name in font.getGlyphOrder():
        if name not in by_name and (text := _agl(name)):
            by_name[name] = text
    return by_name


def _preference(code: int) -> tuple[bool, int]:
    return (code in _PRIVATE_USE, code)


def _agl(name: str) -> str:
    """Text for a glyph name by the Adobe Glyph List rules; "" for meaningless names."""
    if not name or name == ".notdef" or name.startswith(("glyph", "cid")) and name[-1].isdigit():
        return ""
    return toUnicode(name)
