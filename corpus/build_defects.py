#!/usr/bin/env python3
"""Build the defect corpus: sample documents, clean and broken, in eight font families, with their true text.

    .venv/bin/python corpus/build_defects.py            # rebuild corpus/defects/ in place
    .venv/bin/python corpus/build_defects.py --out DIR  # build somewhere else
    .venv/bin/python corpus/build_defects.py --check    # exit 1 if corpus/defects/ is out of date

For each font family in ``FONTS`` and each of that family's documents the source is rendered as
build_corpus.py renders it, in that family (the source's own ``font:`` and ``defect:`` are
ignored), then broken by each function in ``DEFECTS`` (corpus/defects.py). DejaVu Sans and Serif,
the corpus's own fonts, carry every document of ``DEFECT_SOURCES``; the other families, the faces
council papers are set in or metric-compatible with (Times, Arial, Arial Narrow, Calibri) and two
more unrelated designs, carry ``FAMILY_SOURCES``, a subset chosen to hold every layout, so the
corpus stays a few megabytes. Files are named by document, defect and font, as pdfplumber names
its issue fixtures:

    <doc>.<defect>.<font>.pdf        defect: clean, no-tounicode, identity-map,
                                     shifted-identity-map, constant-offset, permuted-map
    <doc>.utf8-as-cp1252.txt         the document's text, UTF-8 bytes read as Windows-1252
    truth/<doc>.<font>.txt           the true text of <doc> in <font>
    manifest.json                    toolchain, SHA-256 of every file, and each variant's truth

The true text is what ``true_text`` reads from the clean PDF: today pdfplumber's
``page.extract_text()`` per page, pages joined by a blank line, as ``read_document`` joins them. Not the source text: that is
markup (``# Heading``, ``| a | b |``, ``**bold**``) and lacks the running headers and footers
that are really on the pages. One truth per font, because each font breaks lines in different
places. The mojibake text is made from the truth in the document's own font (its ``font:``).

Deterministic like build_corpus.py: same sources, fonts and library versions, same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_corpus  # noqa: E402  (corpus/build_corpus.py, beside this script)
import defects  # noqa: E402

OUT = HERE / "defects"
DEFECTS: dict[str, Callable[[bytes], bytes]] = {
    "clean": lambda pdf: pdf,
    "no-tounicode": defects.strip_tounicode,
    "identity-map": defects.code_identity_tounicode,
    "shifted-identity-map": defects.shifted_identity_tounicode,
    "constant-offset": defects.offset_tounicode,
    "permuted-map": defects.permuted_tounicode,
}
MOJIBAKE = "utf8-as-cp1252"
# The sample documents the defect corpus breaks: the first eleven, which between them hold every
# layout the builder makes (boxes, tables, pull quotes, two fonts, multi-page). Later documents add
# facts, not layouts, and ten PDFs each would only grow the corpus.
DEFECT_SOURCES = (
    "appointments-roundup", "birmingham-dcs-appointed", "cambridgeshire-peterborough-dcs",
    "devon-director-public-health", "kensington-westminster-bi-borough", "kingston-richmond-dcs",
    "leeds-pay-policy-2025", "manchester-assistant-director-safeguarding", "north-lincs-shared-dass",
    "rutland-executive-director-people", "wandsworth-dcs",
)


# The documents rendered in the other families: between them every layout the builder makes
# (boxes and a pull quote: appointments-roundup, wandsworth-dcs; tables: leeds-pay-policy-2025,
# kingston-richmond-dcs; several pages: leeds-pay-policy-2025), sans and serif originals alike.
FAMILY_SOURCES = (
    "appointments-roundup", "kingston-richmond-dcs", "leeds-pay-policy-2025", "wandsworth-dcs",
)


@dataclass(frozen=True)
class Family:
    """A font family the documents are rendered in: a font file per fpdf2 style, and which documents.

    ``styles`` maps fpdf2's style ("" regular, "B" bold, "I" italic) to a font file. ``layout``
    is the corpus family (build_corpus.FAMILIES) whose layout the family takes: the renderer is
    the corpus's own, given these files instead of DejaVu's.
    """

    styles: dict[str, Path]
    package: str  # the Debian package the files come from (scripts/install.sh installs it)
    layout: str
    documents: tuple[str, ...]


_TRUETYPE = Path("/usr/share/fonts/truetype")


def _dejavu(layout: str) -> Family:
    files = build_corpus.FAMILIES[layout]
    return Family({style: build_corpus.FONT_DIR / name for style, name in files.items()}, "fonts-dejavu-core",
                  layout, DEFECT_SOURCES)  # fmt: skip


def _family(folder: str, regular: str, bold: str, italic: str, package: str, layout: str) -> Family:
    styles = {"": regular, "B": bold, "I": italic}
    return Family({style: _TRUETYPE / folder / name for style, name in styles.items()}, package, layout, FAMILY_SOURCES)


FONTS: dict[str, Family] = {
    "dejavu-sans": _dejavu("sans"),
    "dejavu-serif": _dejavu("serif"),
    # metric-compatible with Times New Roman, Arial, Arial Narrow and Calibri, the faces most
    # council papers are set in
    "liberation-serif": _family("liberation", "LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
                                "LiberationSerif-Italic.ttf", "fonts-liberation", "serif"),
    "liberation-sans": _family("liberation", "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                               "LiberationSans-Italic.ttf", "fonts-liberation", "sans"),
    "liberation-sans-narrow": _family("liberation", "LiberationSansNarrow-Regular.ttf",
                                      "LiberationSansNarrow-Bold.ttf", "LiberationSansNarrow-Italic.ttf",
                                      "fonts-liberation", "sans"),
    "carlito": _family("crosextra", "Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf",
                       "fonts-crosextra-carlito", "sans"),
    # GNU FreeFont: a serif and a sans of their own design and glyph order
    "free-serif": _family("freefont", "FreeSerif.ttf", "FreeSerifBold.ttf", "FreeSerifItalic.ttf",
                          "fonts-freefont-ttf", "serif"),
    "free-sans": _family("freefont", "FreeSans.ttf", "FreeSansBold.ttf", "FreeSansOblique.ttf",
                         "fonts-freefont-ttf", "sans"),
}  # fmt: skip


def defect_sources() -> list[build_corpus.Source]:
    return [src for src in build_corpus.load_sources() if src.name in DEFECT_SOURCES]


PAGE_SEPARATOR = "\n\n"  # councildocs.ingest.reader.PAGE_SEPARATOR

# Windows-1252 leaves five bytes undefined; Windows (and ftfy's "sloppy" codec) reads them as the
# C1 controls with the same number, so the mojibake keeps every byte and stays repairable.
_CP1252_HIGH = {b: bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(0x80, 0xA0)}


@dataclass(frozen=True)
class Variant:
    file: str
    doc: str
    defect: str
    font: str | None  # None for the mojibake text, which is no longer in any font
    truth: str


def utf8_read_as_cp1252(text: str) -> str:
    """``Children’s`` → ``Childrenâ€™s``: the UTF-8 bytes of ``text`` decoded as Windows-1252."""
    return text.encode("utf-8").decode("latin-1").translate(_CP1252_HIGH)


def true_text(clean_pdf: bytes) -> str:
    """The true text of every variant made from ``clean_pdf``: how the clean PDF reads.

    The one place that decides what "right" means for the defect corpus: the project's own reading
    of the clean PDF (columns in order, tables as TAB rows; ``ingest/reading_order.py``), page by
    page before any repair, pages joined as ``read_document`` joins them. A repair is right when a
    broken variant reads as its clean original does.
    """
    import tempfile

    from councildocs.ingest.pdf import open_pdf

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clean.pdf"
        path.write_bytes(clean_pdf)
        with open_pdf(path) as glyphs:
            return PAGE_SEPARATOR.join(glyphs.page_texts)


def in_font(src: build_corpus.Source, family: str) -> build_corpus.Source:
    meta = {k: v for k, v in src.meta.items() if k != "defect"}
    return build_corpus.Source(src.name, {**meta, "font": family}, src.blocks)


class FamilyPDF(build_corpus.CorpusPDF):
    """The corpus renderer with another family's font files.

    CorpusPDF loads each style of its layout family through ``add_font``; this points every style at
    the family's own file, so page layout code is shared and only the fonts differ.
    """

    def __init__(self, src: build_corpus.Source, family: Family):
        self._styles = family.styles
        super().__init__(in_font(src, family.layout))

    def add_font(self, family=None, style="", fname=None, **kwargs):
        path = self._styles[style]
        if not path.exists():
            raise SystemExit(f"font {path} not found: run scripts/install.sh (Debian packages)")
        super().add_font(family, style, str(path), **kwargs)


def render(src: build_corpus.Source, family: Family) -> bytes:
    """The clean PDF of ``src`` in ``family`` (as build_corpus.render, in other fonts)."""
    pdf = FamilyPDF(src, family)
    pdf.add_page()
    for kind, value in src.blocks:
        pdf.block(kind, value)
    return bytes(pdf.output())


def toolchain() -> dict:
    """build_corpus's toolchain, with the SHA-256 of every font file the families use."""
    chain = build_corpus.toolchain()
    fonts = dict(chain["fonts"])
    for family in FONTS.values():
        for path in family.styles.values():
            fonts[path.name] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {**chain, "fonts": dict(sorted(fonts.items()))}


def build_files(sources: list[build_corpus.Source]) -> tuple[dict[str, bytes], list[Variant]]:
    """Every output file by path relative to the defects folder, and the variants among them."""
    files: dict[str, bytes] = {}
    variants: list[Variant] = []
    for src in sources:
        for font, family in FONTS.items():
            if src.name not in family.documents:
                continue
            clean = render(src, family)
            truth_rel = f"truth/{src.name}.{font}.txt"
            truth = true_text(clean)
            files[truth_rel] = truth.encode("utf-8")
            for defect, breaks in DEFECTS.items():
                rel = f"{src.name}.{defect}.{font}.pdf"
                files[rel] = breaks(clean)
                variants.append(Variant(rel, src.name, defect, font, truth_rel))
            if family.package == "fonts-dejavu-core" and family.layout == src.meta["font"]:
                rel = f"{src.name}.{MOJIBAKE}.txt"
                files[rel] = utf8_read_as_cp1252(truth).encode("utf-8")
                variants.append(Variant(rel, src.name, MOJIBAKE, None, truth_rel))
    return files, variants


def manifest(files: dict[str, bytes], variants: list[Variant]) -> bytes:
    data = {
        "toolchain": toolchain(),
        "files": {p: hashlib.sha256(b).hexdigest() for p, b in sorted(files.items())},
        "variants": [vars(v) for v in variants],
    }
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def load_variants(folder: Path = OUT) -> list[Variant]:
    """The variants listed in a built folder's manifest (for tests and the benchmark)."""
    data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [Variant(**v) for v in data["variants"]]


GENERATED = ["*.pdf", "*.txt", "truth/*.txt"]


def write(out: Path, files: dict[str, bytes], variants: list[Variant]) -> list[str]:
    """Write files and their manifest under out, remove stale generated files; return removed paths."""
    return build_corpus.sync_folder(out, {**files, "manifest.json": manifest(files, variants)}, GENERATED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="defects folder (default: %(default)s)")
    parser.add_argument(
        "--check", action="store_true", help="build into a temporary folder and exit 1 if --out differs from it"
    )
    args = parser.parse_args(argv)
    files, variants = build_files(defect_sources())
    return build_corpus.publish_folder(
        args.out, {**files, "manifest.json": manifest(files, variants)}, GENERATED, args.check
    )


if __name__ == "__main__":
    sys.exit(main())
