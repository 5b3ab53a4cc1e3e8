#!/usr/bin/env python3
"""Build the councildocs sample corpus: corpus/sources/*.txt -> corpus/<category>/<name>.pdf.

    .venv/bin/python corpus/build_corpus.py            # rebuild corpus/ in place
    .venv/bin/python corpus/build_corpus.py --out DIR  # build somewhere else
    .venv/bin/python corpus/build_corpus.py --check    # exit 1 if corpus/ is out of date

The output is deterministic: the same sources, fonts and library versions give the same bytes
on every run (fixed creation date, content-derived /ID, no timestamps or random ids anywhere).
``manifest.json`` records the toolchain and the SHA-256 of every file written.

Source format (see corpus/README.md): ``key: value`` header lines, a ``---`` line, then a body
in a small line-based markup:

    # Title / ## Subtitle / ### Heading     headings
    ~ text                                   small grey line (dateline, reference, note)
    - text                                   bullet
    > text                                   pull quote (italic)
    [box] ... [/box]                         shaded box, one line per row
    | a | b | c |                            table row (the first row is the heading)
    ===                                      page break
    **bold**                                 inline bold
    other lines                              paragraph text; a blank line ends a paragraph

Header keys: category (adverts|news|papers), title, font (sans|serif), accent (#rrggbb),
masthead, running_header, align (justify|left; default justify for papers, left otherwise),
table_widths (relative column widths, e.g. 62,62,46), defect (optional: no-tounicode |
identity-tounicode).
"""

from __future__ import annotations

import argparse
import filecmp
import hashlib
import io
import json
import os
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import fpdf
from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import defects  # noqa: E402  (corpus/defects.py, beside this script)

SOURCES = HERE / "sources"
CATEGORIES = ("adverts", "news", "papers")
FIXED_DATE = datetime(2024, 1, 1, tzinfo=timezone.utc)
FONT_DIR = Path(os.environ.get("COUNCILDOCS_DEJAVU_DIR", "/usr/share/fonts/truetype/dejavu"))
FAMILIES = {
    "sans": {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"},
    "serif": {"": "DejaVuSerif.ttf", "B": "DejaVuSerif-Bold.ttf", "I": "DejaVuSerif-Italic.ttf"},
}
DEFECTS = {
    "no-tounicode": defects.strip_tounicode,
    "identity-tounicode": defects.identity_tounicode,
}
FOOTER_NOTE = "Fictional sample document – councildocs corpus"


# --------------------------------------------------------------------------- sources


@dataclass
class Source:
    name: str
    meta: dict[str, str]
    blocks: list[tuple[str, object]] = field(default_factory=list)

    @property
    def category(self) -> str:
        return self.meta["category"]

    @property
    def stem(self) -> str:
        defect = self.meta.get("defect")
        return f"{self.name}.{defect}" if defect else self.name

    @property
    def relpath(self) -> str:
        return f"{self.category}/{self.stem}.pdf"


def parse_source(path: Path) -> Source:
    lines = path.read_text(encoding="utf-8").splitlines()
    try:
        sep = lines.index("---")
    except ValueError:
        raise SystemExit(f"{path}: no '---' line between header and body") from None
    meta = {}
    for line in lines[:sep]:
        if line.strip():
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
    for key in ("category", "title", "font"):
        if key not in meta:
            raise SystemExit(f"{path}: header needs '{key}:'")
    if meta["category"] not in CATEGORIES:
        raise SystemExit(f"{path}: category must be one of {CATEGORIES}")
    if meta["font"] not in FAMILIES:
        raise SystemExit(f"{path}: font must be one of {sorted(FAMILIES)}")
    if meta.get("defect") and meta["defect"] not in DEFECTS:
        raise SystemExit(f"{path}: defect must be one of {sorted(DEFECTS)}")

    src = Source(path.stem, meta)
    para: list[str] = []
    box: list[str] | None = None
    table: list[list[str]] = []

    def flush():
        if para:
            src.blocks.append(("p", " ".join(para)))
            para.clear()
        if table:
            src.blocks.append(("table", [row[:] for row in table]))
            table.clear()

    for raw in lines[sep + 1 :]:
        line = raw.strip()
        if box is not None:
            if line == "[/box]":
                src.blocks.append(("box", box))
                box = None
            elif line:
                box.append(line)
            continue
        if line.startswith("|"):
            if para:
                flush()
            table.append([c.strip() for c in line.strip("|").split("|")])
            continue
        if table:
            flush()
        if not line:
            flush()
        elif line == "[box]":
            flush()
            box = []
        elif line == "===":
            flush()
            src.blocks.append(("pagebreak", None))
        elif line.startswith(("# ", "## ", "### ")):
            flush()
            level, _, text = line.partition(" ")
            src.blocks.append((f"h{len(level)}", text))
        elif line.startswith(("~ ", "- ", "> ")):
            flush()
            kind = {"~": "meta", "-": "bullet", ">": "quote"}[line[0]]
            src.blocks.append((kind, line[2:].strip()))
        else:
            para.append(line)
    if box is not None:
        raise SystemExit(f"{path}: [box] without [/box]")
    flush()
    return src


def load_sources(folder: Path = SOURCES) -> list[Source]:
    sources = [parse_source(p) for p in sorted(folder.glob("*.txt"))]
    stems = [s.stem for s in sources]
    if len(set(stems)) != len(stems):
        raise SystemExit("two sources give the same output stem")
    return sources


# --------------------------------------------------------------------------- rendering


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _tint(rgb: tuple[int, int, int], share: float) -> tuple[int, int, int]:
    return tuple(round(255 - (255 - c) * share) for c in rgb)  # type: ignore[return-value]


class CorpusPDF(FPDF):
    BODY = 10.5
    LINE = 5.3

    def __init__(self, src: Source):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.src = src
        self.family = src.meta["font"]
        self.accent = _rgb(src.meta.get("accent", "#333333"))
        default_align = "justify" if src.category == "papers" else "left"
        self.align = {"justify": "J", "left": "L"}[src.meta.get("align", default_align)]
        for style, filename in FAMILIES[self.family].items():
            path = FONT_DIR / filename
            if not path.exists():
                raise SystemExit(f"font {path} not found: install fonts-dejavu-core")
            self.add_font(self.family, style, str(path))
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.set_creation_date(FIXED_DATE)
        self.set_title(src.meta["title"])
        self.set_author("councildocs sample corpus (fictional document)")
        self.set_creator("councildocs corpus/build_corpus.py")
        self.set_lang("en-GB")
        self.alias_nb_pages()

    # running header and footer
    def header(self):
        self.set_fill_color(*self.accent)
        self.rect(0, 0, self.w, 4, style="F")
        self.set_y(9)
        if self.page_no() == 1:
            self.set_font(self.family, "B", 9.5)
            self.set_text_color(*self.accent)
            self.cell(0, 5, self.src.meta.get("masthead", ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        else:
            self.set_font(self.family, "", 8)
            self.set_text_color(110, 110, 110)
            self.cell(
                0, 5, self.src.meta.get("running_header", ""), new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.set_draw_color(*_tint(self.accent, 0.5))
        self.set_line_width(0.2)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_y(20)
        self.set_text_color(0, 0, 0)

    def footer(self):
        self.set_y(-13)
        self.set_font(self.family, "", 7.5)
        self.set_text_color(120, 120, 120)
        self.cell(0, 4, f"{FOOTER_NOTE}  ·  Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0, 0, 0)

    # blocks
    def _keep_with_next(self, needed: float = 22):
        if self.get_y() + needed > self.page_break_trigger:
            self.add_page()

    def _text(self, h: float, text: str, align: str = "L", **kw):
        self.multi_cell(0, h, text, align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT, **kw)

    def block(self, kind: str, value):
        width = self.epw
        if kind == "meta":
            self.set_font(self.family, "", 8.5)
            self.set_text_color(95, 95, 95)
            self._text(4.6, value)
            self.set_text_color(0, 0, 0)
            self.ln(2.5)
        elif kind == "h1":
            self.set_font(self.family, "B", 18)
            self.set_text_color(*self.accent)
            self._text(8.2, value)
            self.set_text_color(0, 0, 0)
            self.ln(1.5)
        elif kind == "h2":
            self._keep_with_next()
            self.set_font(self.family, "B", 12.5)
            self.set_text_color(60, 60, 60)
            self._text(6.4, value)
            self.set_text_color(0, 0, 0)
            self.ln(2.5)
        elif kind == "h3":
            self._keep_with_next()
            self.ln(1.5)
            self.set_font(self.family, "B", 11)
            self.set_text_color(*self.accent)
            self._text(6, value)
            self.set_text_color(0, 0, 0)
            self.ln(1)
        elif kind == "p":
            self.set_font(self.family, "", self.BODY)
            self._text(self.LINE, value, align=self.align, markdown=True)
            self.ln(2.6)
        elif kind == "bullet":
            self.set_font(self.family, "", self.BODY)
            self.set_x(self.l_margin + 3)
            self.cell(5, self.LINE, "•")
            self.multi_cell(
                width - 8,
                self.LINE,
                value,
                align=self.align,
                markdown=True,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            self.ln(1.3)
        elif kind == "quote":
            self._keep_with_next(15)
            self.ln(1)
            top = self.get_y()
            self.set_font(self.family, "I", self.BODY + 0.5)
            self.set_text_color(*self.accent)
            self.set_x(self.l_margin + 7)
            self.multi_cell(
                width - 7, self.LINE + 0.5, value, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            self.set_draw_color(*self.accent)
            self.set_line_width(0.8)
            self.line(self.l_margin + 2, top, self.l_margin + 2, self.get_y())
            self.set_text_color(0, 0, 0)
            self.ln(3.5)
        elif kind == "box":
            self._keep_with_next(8 * len(value))
            self.set_font(self.family, "", self.BODY)
            self.set_fill_color(*_tint(self.accent, 0.12))
            saved = self.c_margin
            self.c_margin = 4
            self.cell(0, 2.5, "", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            for line in value:
                self._text(self.LINE + 0.6, line, markdown=True, fill=True)
            self.cell(0, 2.5, "", fill=True, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.c_margin = saved
            self.ln(4)
        elif kind == "table":
            self._keep_with_next(8 * len(value))
            self.set_font(self.family, "", 9.5)
            self.set_draw_color(*_tint(self.accent, 0.5))
            self.set_line_width(0.2)
            heading = FontFace(emphasis="BOLD", fill_color=_tint(self.accent, 0.15))
            widths = self.src.meta.get("table_widths")
            with self.table(
                col_widths=tuple(int(w) for w in widths.split(",")) if widths else None,
                text_align="LEFT",
                line_height=5.4,
                headings_style=heading,
                padding=1.6,
            ) as table:
                for row in value:
                    cells = table.row()
                    for text in row:
                        cells.cell(text)
            self.ln(4)
        elif kind == "pagebreak":
            self.add_page()
        else:  # pragma: no cover - parse_source only makes the kinds above
            raise ValueError(kind)


def render(src: Source) -> bytes:
    """The clean PDF for one source (before any defect)."""
    pdf = CorpusPDF(src)
    pdf.add_page()
    for kind, value in src.blocks:
        pdf.block(kind, value)
    return bytes(pdf.output())


def pdf_text(pdf_bytes: bytes) -> str:
    """Text of a PDF as pdfplumber reads it: pages joined by a newline."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages) + "\n"


def build_files(sources: list[Source]) -> dict[str, bytes]:
    """Every output file, by path relative to the corpus folder."""
    files: dict[str, bytes] = {}
    for src in sources:
        clean = render(src)
        defect = src.meta.get("defect")
        if defect:
            files[src.relpath] = DEFECTS[defect](clean)
            # what a perfect repair gives back: the clean PDF's text (see gold-format.md)
            files[f"gold/{src.stem}.truth.txt"] = pdf_text(clean).encode("utf-8")
        else:
            files[src.relpath] = clean
    return files


# --------------------------------------------------------------------------- output


def toolchain() -> dict:
    """Everything the output bytes depend on besides the sources."""
    import fontTools
    import pdfplumber
    import pikepdf

    fonts = {}
    for family in FAMILIES.values():
        for filename in family.values():
            fonts[filename] = hashlib.sha256((FONT_DIR / filename).read_bytes()).hexdigest()
    return {
        "fpdf2": fpdf.__version__,
        "fonttools": fontTools.version,  # fpdf2 subsets the fonts with it: a new release changes the bytes
        "pikepdf": pikepdf.__version__,
        "qpdf": pikepdf.__libqpdf_version__,
        "pdfplumber": pdfplumber.__version__,
        "zlib": zlib.ZLIB_RUNTIME_VERSION,
        "fonts": dict(sorted(fonts.items())),
    }


def manifest(files: dict[str, bytes]) -> bytes:
    data = {
        "toolchain": toolchain(),
        "files": {p: hashlib.sha256(b).hexdigest() for p, b in sorted(files.items())},
    }
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


GENERATED = [*(f"{c}/*.pdf" for c in CATEGORIES), "gold/*.truth.txt"]


def sync_folder(out: Path, files: dict[str, bytes], generated: list[str]) -> list[str]:
    """Write files under out and remove generated files (glob patterns) no longer built; return removed paths."""
    for rel, data in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    removed = []
    for path in sorted({p for pattern in generated for p in out.glob(pattern)}):
        rel = path.relative_to(out).as_posix()
        if rel not in files:
            path.unlink()
            removed.append(rel)
    return removed


def publish_folder(out: Path, files: dict[str, bytes], generated: list[str], check: bool) -> int:
    """Write a built folder (files include its manifest), or with check compare it with out; the exit status."""
    if check:
        with tempfile.TemporaryDirectory() as tmp:
            sync_folder(Path(tmp), files, generated)
            bad = [
                rel
                for rel in sorted(files)
                if not (out / rel).exists() or not filecmp.cmp(Path(tmp) / rel, out / rel, shallow=False)
            ]
        for rel in bad:
            print(f"out of date: {rel}", file=sys.stderr)
        return 1 if bad else 0
    removed = sync_folder(out, files, generated)
    for rel in sorted(files):
        print(f"{hashlib.sha256(files[rel]).hexdigest()[:12]}  {rel}")
    for rel in removed:
        print(f"removed stale {rel}")
    return 0


def write(out: Path, files: dict[str, bytes]) -> list[str]:
    """Write files and their manifest under out, remove stale generated files; return removed paths."""
    return sync_folder(out, {**files, "manifest.json": manifest(files)}, GENERATED)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, default=HERE, help="corpus folder (default: %(default)s)"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="build into a temporary folder and exit 1 if --out differs from it",
    )
    args = parser.parse_args(argv)
    files = build_files(load_sources())
    return publish_folder(args.out, {**files, "manifest.json": manifest(files)}, GENERATED, args.check)


if __name__ == "__main__":
    sys.exit(main())
