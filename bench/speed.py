"""Speed: what repair adds to pdfplumber's own text extraction, on a 50-page PDF.

The PDF is the sample corpus's texts rendered one after another (repeated until there are enough
pages) and cut at 50 pages, clean and with each font defect of the defect corpus. Timings are the
best of ``repeat`` runs, the two readers alternating, so that a busy neighbour on a shared machine
slows both rather than one.

Run on its own, it also times the layout pages (corpus/layouts: column blocks, sidebars, ruled and
unruled tables) repeated to 49 pages, where reading order and table finding do the most work:

    .venv/bin/python bench/speed.py              # Markdown table: clean 50 pages and layout pages
    .venv/bin/python bench/speed.py --repeat 5   # best of 5 runs instead of 3
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus"))
import build_corpus  # noqa: E402
import build_defects  # noqa: E402

PAGES = 50
LAYOUTS = ROOT / "corpus" / "layouts"


@dataclass(frozen=True)
class Timing:
    variant: str
    pages: int
    pdfplumber_s: float
    ours_s: float

    @property
    def overhead(self) -> float:
        return self.ours_s / self.pdfplumber_s - 1


def long_pdf(pages: int = PAGES) -> bytes:
    """A clean PDF of exactly ``pages`` pages of corpus text, in DejaVu Sans."""
    import pikepdf

    sources = build_corpus.load_sources()
    long = build_corpus.Source("bench", {**sources[0].meta, "font": "sans", "category": "papers"})
    rendered = b""
    while True:
        for src in sources:
            long.blocks.extend([*src.blocks, ("pagebreak", None)])
        rendered = build_corpus.render(long)
        with pikepdf.open(io.BytesIO(rendered)) as pdf:
            if len(pdf.pages) >= pages:
                del pdf.pages[pages:]
                out = io.BytesIO()
                pdf.save(out, deterministic_id=True)
                return out.getvalue()


def write_variants(folder: Path, defects: list[str]) -> dict[str, Path]:
    clean = long_pdf()
    paths = {}
    for defect in defects:
        path = folder / f"bench-{PAGES}-pages.{defect}.dejavu-sans.pdf"
        path.write_bytes(build_defects.DEFECTS[defect](clean))
        paths[defect] = path
    return paths


def plain_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() for page in pdf.pages]


def time_variant(defect: str, path: Path, repeat: int) -> Timing:
    from councildocs.ingest.reader import read_document

    plain, ours = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        texts = plain_pdfplumber(path)
        plain.append(time.perf_counter() - start)
        start = time.perf_counter()
        read_document(path)
        ours.append(time.perf_counter() - start)
    return Timing(defect, len(texts), min(plain), min(ours))


def run(folder: Path, defects: list[str], repeat: int) -> list[Timing]:
    from councildocs.ingest.reader import read_document

    paths = write_variants(folder, defects)
    read_document(paths[defects[0]])  # load wordfreq and friends before the clock starts
    return [time_variant(defect, path, repeat) for defect, path in paths.items()]


def layout_pdf(pages: int = PAGES) -> bytes:
    """The layout corpus's pages one after another, repeated up to ``pages`` pages (whole rounds)."""
    import pikepdf

    sources = [pikepdf.open(path) for path in sorted(LAYOUTS.glob("*.pdf"))]
    out_pdf = pikepdf.new()
    while len(out_pdf.pages) + len(sources) <= pages:
        for source in sources:
            out_pdf.pages.extend(source.pages)
    out = io.BytesIO()
    out_pdf.save(out, deterministic_id=True)
    return out.getvalue()


def run_layouts(folder: Path, repeat: int) -> Timing:
    path = folder / "bench-layout-pages.pdf"
    path.write_bytes(layout_pdf())
    return time_variant("layout pages", path, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="pdfplumber extract_text against read_document")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (default: %(default)s)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        timings = [*run(Path(tmp), ["clean"], args.repeat), run_layouts(Path(tmp), args.repeat)]
    print("| PDF | pages | pdfplumber extract_text | read_document | overhead |")
    print("| --- | --: | --: | --: | --: |")
    for t in timings:
        print(f"| {t.variant} | {t.pages} | {t.pdfplumber_s:.2f} s | {t.ours_s:.2f} s | {100 * t.overhead:+.1f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
