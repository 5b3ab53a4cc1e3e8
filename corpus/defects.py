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
"""

from __future__ import annotations

import io

import pikepdf

__all__ = ["strip_tounicode", "identity_tounicode", "identity_cmap"]

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
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        f"1 begincodespacerange\n{codespace}\nendcodespacerange\n"
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
