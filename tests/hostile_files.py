"""Hostile inputs built on the spot, for the tests that hold every reader to its limits.

Each stands for a failure seen in the wild or in an attack: a PDF whose thousands of broken fonts
make font recovery eat memory, a content stream that inflates a thousandfold (a decompression bomb),
HTML nested hundreds of thousands of levels deep (quadratic in a C parser), and files that are not
files at all (a named pipe, a device behind a document's name, a 40 GB sparse file).
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pikepdf

FONT_PROGRAM = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
# One drawing operator: parsing costs pdfminer several microseconds per token, so millions of these take minutes.
OPERATOR = b"1 0 0 1 0 0 cm\n"


def pdf_with_broken_fonts(path: Path, fonts: int = 10_000) -> Path:
    """One page using ``fonts`` embedded Type0 fonts without a ToUnicode map (glyph IDs only), all sharing
    one font program: a few MB on disk, but every font is a separate one to judge and recover."""
    with pikepdf.new() as pdf:
        program = pikepdf.Stream(pdf, FONT_PROGRAM.read_bytes())
        program.Length1 = FONT_PROGRAM.stat().st_size
        descriptor_base = {"/Type": pikepdf.Name.FontDescriptor, "/Flags": 32, "/FontBBox": [0, 0, 1000, 1000],
                           "/ItalicAngle": 0, "/Ascent": 800, "/Descent": -200, "/CapHeight": 700, "/StemV": 80}
        resources = pikepdf.Dictionary()
        content = []
        for i in range(fonts):
            name = f"F{i}"
            descriptor = pdf.make_indirect(pikepdf.Dictionary(
                {**descriptor_base, "/FontName": pikepdf.Name(f"/BROKEN+Font{i}"), "/FontFile2": program}))
            cid_font = pdf.make_indirect(pikepdf.Dictionary({
                "/Type": pikepdf.Name.Font, "/Subtype": pikepdf.Name.CIDFontType2,
                "/BaseFont": pikepdf.Name(f"/BROKEN+Font{i}"), "/FontDescriptor": descriptor,
                "/CIDSystemInfo": {"/Registry": pikepdf.String("Adobe"), "/Ordering": pikepdf.String("Identity"),
                                   "/Supplement": 0},
                "/CIDToGIDMap": pikepdf.Name.Identity, "/DW": 600,
            }))
            resources[f"/{name}"] = pdf.make_indirect(pikepdf.Dictionary({
                "/Type": pikepdf.Name.Font, "/Subtype": pikepdf.Name.Type0, "/BaseFont": pikepdf.Name(f"/BROKEN+Font{i}"),
                "/Encoding": pikepdf.Name("/Identity-H"), "/DescendantFonts": [cid_font],
            }))
            y = 800 - (i % 80) * 10
            content.append(f"BT /{name} 8 Tf 20 {y} Td <002b0048004f004f0052> Tj ET\n".encode())
        page = pdf.add_blank_page(page_size=(600, 850))
        page.obj.Resources = pikepdf.Dictionary({"/Font": resources})
        page.obj.Contents = pikepdf.Stream(pdf, zlib.compress(b"".join(content)))
        page.obj.Contents.Filter = pikepdf.Name.FlateDecode
        pdf.save(path, compress_streams=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return path


def pdf_with_inflating_content(path: Path, decoded_mb: int) -> Path:
    """One page whose content stream is ``decoded_mb`` MB of operators, deflated to a small fraction."""
    chunk = OPERATOR * (1024 * 1024 // len(OPERATOR))
    packer = zlib.compressobj(9)
    deflated = b"".join(packer.compress(chunk) for _ in range(decoded_mb)) + packer.flush()
    with pikepdf.new() as pdf:
        pdf.add_blank_page(page_size=(200, 200))
        stream = pikepdf.Stream(pdf, b"")
        stream.write(deflated, filter=pikepdf.Name.FlateDecode)
        pdf.pages[0].obj.Contents = stream
        pdf.save(path)
    return path


def deeply_nested_html(path: Path, depth: int = 300_000) -> Path:
    path.write_text("<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>")
    return path


def named_pipe(path: Path) -> Path:
    os.mkfifo(path)  # nothing ever writes to it: opening it for reading would block for ever
    return path


def device_behind_a_name(path: Path) -> Path:
    path.symlink_to("/dev/zero")  # endless bytes: hashing it would never end
    return path


def sparse_file(path: Path, size: int = 40 * 1024**3) -> Path:
    with open(path, "wb") as handle:
        handle.truncate(size)  # 40 GB that take no disk
    return path
