"""Deliberate PDF defects for the councildocs test corpora.

Each function takes the bytes of a working PDF and returns the bytes of a broken one. They
only touch font dictionaries, so page layout, glyphs and the embedded font programs stay as
they were: a reader that looks at the fonts themselves (the repair layer's first strategy)
can still recover the text, while a reader that trusts ``/ToUnicode`` cannot.

The output is deterministic: the same input gives the same bytes, because pikepdf (qpdf)
is asked for a content-derived ``/ID`` instead of a random one.

- ``strip_tounicode``: remove ``/ToUnicode`` from every font. For fpdf2's Type0 fonts
  (Identity-H, Adobe-UCS) pdfminer/pdfplumber then fall back to the embedded TrueType
  ``cmap`` but look it up by CID, ignoring ``/CIDToGIDMap``; the text comes out as a mix
  of ``(cid:N)`` and wrong letters.
- ``identity_tounicode``: replace every font's ``/ToUnicode`` with an identity map, so each
  character code (for Identity-H fonts, the CID; for fonts with an identity CIDToGIDMap,
  the glyph id) comes out as the character with that number. For fpdf2's subset fonts the
  codes are small numbers assigned in order of first use (space stays U+0020), so the text
  comes out as control characters and low ASCII, the way glyph-id text looks in the wild.

The next four rewrite each font's own ``/ToUnicode`` (``remap_tounicode`` entry by entry,
``rewrite_tounicode`` as a whole), so the broken map covers exactly the codes the writer mapped and
nothing else changes:

- ``code_identity_tounicode``: code N → U+N, like ``identity_tounicode`` but only for the
  font's codes (a full 65,536-entry identity map costs pdfminer half a second per font to parse,
  which would dominate every timing taken on it).
- ``shifted_identity_tounicode``: code N → U+0100 + N. Real glyph-id text comes from fonts
  whose letters sit at glyph ids in the hundreds (Calibri's ``c`` is glyph 272, so it reads as
  ``Đ``); fpdf2 numbers its subsets from 1, so the shift puts its codes where real ones land:
  Latin Extended-A and -B.
- ``offset_tounicode``: every mapped character moved by a constant, −29 by default: the
  ``7KH GDQFHUV`` (``The dancers``) of fonts whose glyphs are in the standard Macintosh order,
  where a glyph's id is its character code minus 29. The space becomes U+0003 and the digits
  control characters; letters stay printable ASCII, which is what makes it hard to spot.
- ``permuted_tounicode``: every code but the space's takes the text of the next code the font
  maps (codes in order, the last taking the first's): the font's own characters in a rotated
  order, which is what a reader gets when it guesses codes as glyph IDs in a font whose glyphs
  follow the character order. Spaces and the set of characters stay; only the words stop being
  words, with no foreign or control character to give it away.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import pikepdf

__all__ = [
    "strip_tounicode",
    "identity_tounicode",
    "identity_cmap",
    "tounicode_entries",
    "tounicode_cmap",
    "remap_tounicode",
    "rewrite_tounicode",
    "code_identity_tounicode",
    "shifted_identity_tounicode",
    "offset_tounicode",
    "permuted_tounicode",
]

# UTF-16 surrogate code units cannot stand alone as destinations; skip those high bytes.
_SURROGATE_HIGH_BYTES = range(0xD8, 0xE0)


def _fonts(pdf: pikepdf.Pdf):
    """Every font dictionary in the file: indirect ones, and direct ones in page resources."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font:
            yield obj
    for page in pdf.pages:
        fonts = page.obj.get("/Resources", pikepdf.Dictionary()).get("/Font", pikepdf.Dictionary())
        for _, font in fonts.items():
            if not font.is_indirect:
                yield font


def _save(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def strip_tounicode(pdf_bytes: bytes) -> bytes:
    """Return the PDF with ``/ToUnicode`` removed from every font dictionary."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        for font in _fonts(pdf):
            if "/ToUnicode" in font:
                del font["/ToUnicode"]
        return _save(pdf)


def identity_cmap(two_byte: bool = True) -> bytes:
    """A ToUnicode CMap mapping every code to the Unicode scalar with the same number."""
    if two_byte:
        codespace = "<0000> <FFFF>"
        ranges = [
            f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>"
            for hi in range(0x100)
            if hi not in _SURROGATE_HIGH_BYTES
        ]
    else:
        codespace = "<00> <FF>"
        ranges = ["<00> <FF> <0000>"]
    blocks = []
    for i in range(0, len(ranges), 100):  # at most 100 entries per block
        chunk = ranges[i : i + 100]
        blocks.append(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange\n")
    text = (
        _CMAP_HEADER
        + f"1 begincodespacerange\n{codespace}\nendcodespacerange\n"
        + "".join(blocks)
        + "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n"
    )
    return text.encode("ascii")


def identity_tounicode(pdf_bytes: bytes) -> bytes:
    """Return the PDF with every font's ``/ToUnicode`` replaced by an identity map.

    Type0 (composite) fonts get a two-byte map, simple fonts a one-byte map; fonts without a
    ``/ToUnicode`` get one too, so the defect does not depend on what the writer emitted.
    """
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        streams = {}
        for font in _fonts(pdf):
            if font.get("/Subtype") in (pikepdf.Name.CIDFontType0, pikepdf.Name.CIDFontType2):
                continue  # descendant fonts: the map belongs on their Type0 parent
            two_byte = font.get("/Subtype") == pikepdf.Name.Type0
            if two_byte not in streams:
                streams[two_byte] = pdf.make_stream(identity_cmap(two_byte))
            font["/ToUnicode"] = streams[two_byte]
        return _save(pdf)


# --------------------------------------------------------------------------- entry-wise rewrites

_BFCHAR_RE = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE_RE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX_RE = rb"<([0-9A-Fa-f]+)>"
_CMAP_HEADER = (
    "/CIDInit /ProcSet findresource begin\n"
    "12 dict begin\n"
    "begincmap\n"
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
    "/CMapName /Adobe-Identity-UCS def\n"
    "/CMapType 2 def\n"
)


def _utf16(hex_digits: bytes) -> str:
    return bytes.fromhex(hex_digits.decode("ascii")).decode("utf-16-be", errors="surrogatepass")


def tounicode_entries(cmap: bytes) -> dict[int, str]:
    """Code → text of a ToUnicode CMap's ``bfchar`` entries and ``bfrange`` runs.

    Enough for what PDF writers emit (fpdf2 writes ``bfchar`` only); ranges whose destination is
    an array are skipped.
    """
    entries: dict[int, str] = {}
    for block in _BFCHAR_RE.findall(cmap):
        for code, text in re.findall(_HEX_RE + rb"\s*" + _HEX_RE, block):
            entries[int(code, 16)] = _utf16(text)
    for block in _BFRANGE_RE.findall(cmap):
        for low, high, start in re.findall(_HEX_RE + rb"\s*" + _HEX_RE + rb"\s*" + _HEX_RE, block):
            first = _utf16(start)
            for i, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                entries[code] = first[:-1] + chr(ord(first[-1]) + i)
    return entries


def tounicode_cmap(entries: dict[int, str], two_byte: bool = True) -> bytes:
    """A ToUnicode CMap of ``bfchar`` entries (at most 100 per block, as the format requires)."""
    width = 4 if two_byte else 2
    codespace = "<0000> <FFFF>" if two_byte else "<00> <FF>"
    items = sorted(entries.items())
    blocks = []
    for i in range(0, len(items), 100):
        chunk = items[i : i + 100]
        lines = [
            f"<{code:0{width}X}> <{text.encode('utf-16-be', errors='surrogatepass').hex().upper()}>"
            for code, text in chunk
        ]
        blocks.append(f"{len(chunk)} beginbfchar\n" + "\n".join(lines) + "\nendbfchar\n")
    text = (
        _CMAP_HEADER
        + f"1 begincodespacerange\n{codespace}\nendcodespacerange\n"
        + "".join(blocks)
        + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    return text.encode("ascii")


def remap_tounicode(pdf_bytes: bytes, change: Callable[[int, str], str]) -> bytes:
    """Return the PDF with every ``/ToUnicode`` entry ``code → text`` made ``code → change(code, text)``.

    Fonts without a ``/ToUnicode`` are left alone: this defect is about a map that lies.
    """
    return rewrite_tounicode(pdf_bytes, lambda entries: {code: change(code, text) for code, text in entries.items()})


def rewrite_tounicode(pdf_bytes: bytes, rewrite: Callable[[dict[int, str]], dict[int, str]]) -> bytes:
    """Return the PDF with every font's ``/ToUnicode`` entries (code → text) replaced by ``rewrite(entries)``,
    for changes that need the whole map. Fonts without a ``/ToUnicode`` are left alone."""
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        done: dict[tuple[int, int], pikepdf.Object] = {}  # fonts sharing a map keep sharing one
        for font in _fonts(pdf):
            stream = font.get("/ToUnicode")
            if not isinstance(stream, pikepdf.Stream):
                continue
            key = stream.objgen
            if key not in done or key == (0, 0):
                entries = tounicode_entries(stream.read_bytes())
                changed = rewrite(entries)
                two_byte = font.get("/Subtype") == pikepdf.Name.Type0
                done[key] = pdf.make_stream(tounicode_cmap(changed, two_byte))
            font["/ToUnicode"] = done[key]
        return _save(pdf)


def _code_point(n: int, fallback: str) -> str:
    """``chr(n)``, or ``fallback`` where ``n`` is no character a CMap can name (negative, surrogate)."""
    return chr(n) if 0 <= n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else fallback


def code_identity_tounicode(pdf_bytes: bytes) -> bytes:
    """Each mapped code N comes out as U+N (fpdf2: control characters)."""
    return remap_tounicode(pdf_bytes, lambda code, text: _code_point(code, text))


def shifted_identity_tounicode(pdf_bytes: bytes, base: int = 0x100) -> bytes:
    """Each mapped code N comes out as U+(base + N): glyph-id text in Latin Extended."""
    return remap_tounicode(pdf_bytes, lambda code, text: _code_point(base + code, text))


def offset_tounicode(pdf_bytes: bytes, offset: int = -29) -> bytes:
    """Every mapped character moved by ``offset`` (``The`` → ``7KH`` at −29)."""
    return remap_tounicode(pdf_bytes, lambda code, text: "".join(_code_point(ord(c) + offset, c) for c in text))


def permuted_tounicode(pdf_bytes: bytes) -> bytes:
    """Every mapped code but the space's takes the text of the next such code (the last, the first's)."""

    def rotate(entries: dict[int, str]) -> dict[int, str]:
        codes = sorted(code for code, text in entries.items() if text != " ")
        rotated = {code: entries[codes[(i + 1) % len(codes)]] for i, code in enumerate(codes)}
        return {**entries, **rotated}

    return rewrite_tounicode(pdf_bytes, rotate)
