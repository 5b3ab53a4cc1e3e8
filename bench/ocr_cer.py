#!/usr/bin/env python3
"""OCR benchmark: character error rate of our OCR on the corpus pages rendered as images, and its speed.

    .venv/bin/python bench/ocr_cer.py                    # tables (Markdown) on stdout
    .venv/bin/python bench/ocr_cer.py --json             # the same numbers as JSON
    .venv/bin/python bench/ocr_cer.py --dpi 150 --docs wandsworth-dcs
    .venv/bin/python bench/ocr_cer.py --dpi 150 --no-upscale   # what scaling up small scans buys

Every page of the sample corpus's PDFs (corpus/adverts, corpus/news, corpus/papers; not the one
mis-encoded on purpose, whose text layer is not its true text) is rendered to a greyscale image by
poppler's ``pdftoppm`` at each resolution, as a scanner would deliver it, and read by
``councildocs.ingest.ocr.ocr_image`` told that resolution (the settings ingest uses; images under
300 dpi are scaled up to it first). The true text is pdfplumber's ``extract_text()`` of the
original page. Both sides are compared with every run of whitespace (spaces, line ends, blank
lines) made one space and the ends stripped, since line breaks and block spacing are layout, not
characters; nothing else is normalised (quotes, dashes and case count). CER = Levenshtein distance
/ true length; a row pools its pages (total distance / total true length); "worst page" is the
highest single page.

Seconds per page are wall-clock, one page at a time on one core (Tesseract on one OpenMP thread):
rendering with pdftoppm, and OCR (scaling up, writing the image for Tesseract, Tesseract itself).

Exit status 1 when the pooled CER is over 2% at 300 dpi or over 5% at 150 dpi.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import pdfplumber
from PIL import Image
from rapidfuzz.distance import Levenshtein

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from machine_info import machine_facts, package_versions  # noqa: E402

from councildocs.ingest.ocr import MIN_DPI, TESSERACT_CONFIG, ocr_image, tesseract_version  # noqa: E402

CORPUS_FOLDERS = [ROOT / "corpus" / name for name in ("adverts", "news", "papers")]
BOUNDS = {300: 0.02, 150: 0.05}
PACKAGES = ["pytesseract", "pypdfium2", "pdfplumber", "pillow", "rapidfuzz"]


@dataclass
class PageScore:
    document: str
    page: int
    dpi: int
    truth_chars: int
    distance: int
    render_seconds: float
    ocr_seconds: float

    @property
    def cer(self) -> float:
        return self.distance / max(1, self.truth_chars)


def one_line(text: str) -> str:
    """Every run of whitespace made one space, ends stripped: the comparison ignores layout."""
    return " ".join(text.split())


def corpus_pdfs(names: list[str] | None) -> list[Path]:
    """The corpus's clean PDFs (the deliberately mis-encoded one has no true text layer)."""
    pdfs = sorted(p for folder in CORPUS_FOLDERS for p in folder.glob("*.pdf") if ".no-tounicode." not in p.name)
    return [p for p in pdfs if not names or p.stem in names]


def render(pdf: Path, page: int, dpi: int, folder: Path) -> Path:
    """Page ``page`` (1-based) of ``pdf`` as a greyscale PGM at ``dpi``, by pdftoppm."""
    prefix = folder / f"{pdf.stem}-{dpi}"
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-singlefile", "-f", str(page), "-l", str(page),
                    str(pdf), str(prefix)], check=True)  # fmt: skip
    return prefix.with_suffix(".pgm")


def score_pages(pdfs: list[Path], resolutions: list[int], upscale: bool = True) -> list[PageScore]:
    scores = []
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            with pdfplumber.open(pdf) as document:
                truths = [one_line(page.extract_text()) for page in document.pages]
            for number, truth in enumerate(truths, start=1):
                for dpi in resolutions:
                    started = time.perf_counter()
                    image_path = render(pdf, number, dpi, Path(tmp))
                    rendered = time.perf_counter()
                    with Image.open(image_path) as image:
                        # Told 300 dpi, ocr_image reads the image at the size it is.
                        text = one_line(ocr_image(image, dpi if upscale else MIN_DPI).text)
                    done = time.perf_counter()
                    scores.append(PageScore(pdf.stem, number, dpi, len(truth), Levenshtein.distance(text, truth),
                                            rendered - started, done - rendered))  # fmt: skip
                    print(f"{pdf.stem} p{number} {dpi} dpi: CER {scores[-1].cer:.4f}, {done - rendered:.2f} s",
                          file=sys.stderr)  # fmt: skip
    return scores


def summary(scores: list[PageScore], resolutions: list[int]) -> list[dict]:
    rows = []
    for dpi in resolutions:
        pages = [s for s in scores if s.dpi == dpi]
        worst = max(pages, key=lambda s: s.cer)
        rows.append({
            "dpi": dpi, "pages": len(pages), "documents": len({s.document for s in pages}),
            "truth_chars": sum(s.truth_chars for s in pages),
            "cer": sum(s.distance for s in pages) / sum(s.truth_chars for s in pages),
            "worst_page": f"{worst.document} p{worst.page}", "worst_cer": worst.cer,
            "render_seconds_per_page": sum(s.render_seconds for s in pages) / len(pages),
            "ocr_seconds_per_page": sum(s.ocr_seconds for s in pages) / len(pages),
            "bound": BOUNDS.get(dpi),
        })  # fmt: skip
    return rows


def markdown(rows: list[dict]) -> str:
    lines = [
        "| dpi | pages | CER (pooled) | bound | worst page | its CER | render s/page | OCR s/page |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        bound = f"≤ {r['bound']:.0%}" if r["bound"] is not None else "–"
        lines.append(f"| {r['dpi']} | {r['pages']} | {r['cer']:.2%} | {bound} | {r['worst_page']} | "
                     f"{r['worst_cer']:.2%} | {r['render_seconds_per_page']:.2f} | {r['ocr_seconds_per_page']:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dpi", type=int, action="append", help="resolutions (default: 300 and 150)")
    parser.add_argument("--docs", nargs="*", help="only these corpus documents (file stems)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of Markdown")
    parser.add_argument("--no-upscale", action="store_true", help="OCR images under 300 dpi at their own size")
    args = parser.parse_args(argv)
    resolutions = args.dpi or [300, 150]
    scores = score_pages(corpus_pdfs(args.docs), resolutions, upscale=not args.no_upscale)
    rows = summary(scores, resolutions)
    versions = package_versions(PACKAGES) | {"tesseract": tesseract_version()}
    if args.json:
        print(json.dumps({"summary": rows, "pages": [asdict(s) | {"cer": s.cer} for s in scores],
                          "tesseract_config": TESSERACT_CONFIG, "upscale": not args.no_upscale, "machine": machine_facts(versions)}, indent=2))
    else:
        print(markdown(rows))
        print(f"\nTesseract config `{TESSERACT_CONFIG}`; {json.dumps(machine_facts(versions))}")
    failed = [r for r in rows if r["bound"] is not None and r["cer"] > r["bound"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
