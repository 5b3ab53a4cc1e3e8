"""What box-layout detection (ingest/boxes.py) costs: ``read_document`` with it, and with it
switched off (no frames, no box layout), the two alternating so a busy neighbour slows both; best
of ``--repeat`` runs, on the speed benchmark's PDFs (bench/speed.py) and the Trafford charts.

    .venv/bin/python bench/box_layout_cost.py
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import speed  # noqa: E402  (bench/speed.py: its 50-page corpus PDF and its layout pages)

import councildocs.ingest.pdf as pdf_module  # noqa: E402
import councildocs.ingest.reading_order as reading_order  # noqa: E402
from councildocs.ingest.reader import read_document  # noqa: E402

DOCS = ROOT / "corpus" / "real" / "dev" / "docs"


def _switch(on: bool, real: tuple) -> None:
    reading_order.box_layout = real[0] if on else (lambda *args: None)
    pdf_module.drawn_frames = real[1] if on else (lambda *args: [])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    real = (reading_order.box_layout, pdf_module.drawn_frames)
    with tempfile.TemporaryDirectory() as folder:
        clean, layouts = Path(folder) / "clean.pdf", Path(folder) / "layouts.pdf"
        clean.write_bytes(speed.long_pdf())
        layouts.write_bytes(speed.layout_pdf())
        files = {
            "clean (bench/speed.py, 50 pages)": clean,
            "layout pages (bench/speed.py)": layouts,
            "Trafford chart 2019 (8 pages)": DOCS / "b32_trafford_organisation_chart_2019.pdf",
            "Trafford chart 2022 (7 pages)": DOCS / "b32_trafford_organisation_chart_2022.pdf",
        }
        print("| PDF | boxes off | boxes on | cost |")
        print("| --- | --: | --: | --: |")
        for name, path in files.items():
            best = {True: float("inf"), False: float("inf")}
            for _ in range(args.repeat):
                for on in (True, False):
                    _switch(on, real)
                    start = time.perf_counter()
                    read_document(path)
                    best[on] = min(best[on], time.perf_counter() - start)
            print(f"| {name} | {best[False]:.2f} s | {best[True]:.2f} s | {100 * (best[True] / best[False] - 1):+.1f}% |")
    _switch(True, real)
    return 0


if __name__ == "__main__":
    sys.exit(main())
