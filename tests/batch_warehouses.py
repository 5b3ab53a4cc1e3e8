"""What the batch tests compare and feed: a warehouse's rows without run ids and times, and corpus PDFs as many distinct files."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Everything but what records *when* and *in which run* a row was written.
DOCUMENT_COLUMNS = (
    "sha256, source, media_type, pages, doc_type, raw_text, text, page_starts, repair_log, status, error_code, "
    "error_message, extractor_version, year, year_source"
)


def warehouse_rows(db: Path) -> dict[str, list[tuple]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            "documents": con.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY sha256").fetchall(),
            "facts": con.execute("SELECT * FROM facts ORDER BY fact_id").fetchall(),
            "fact_authorities": con.execute("SELECT * FROM fact_authorities ORDER BY ALL").fetchall(),
            "document_authorities": con.execute("SELECT * FROM document_authorities ORDER BY ALL").fetchall(),
        }


def corpus_pdfs(corpus_dir: Path) -> list[Path]:
    return sorted(p for c in ("adverts", "news", "papers") for p in (corpus_dir / c).glob("*.pdf"))


def distinct_copies(corpus_dir: Path, folder: Path, n: int) -> list[Path]:
    """``n`` distinct PDFs: corpus PDFs under new names, each with a comment after %%EOF so its hash differs."""
    folder.mkdir()
    pdfs = corpus_pdfs(corpus_dir)
    made = []
    for i in range(n):
        target = folder / f"copy-{i:03d}-{pdfs[i % len(pdfs)].name}"
        target.write_bytes(pdfs[i % len(pdfs)].read_bytes() + f"\n% copy {i}\n".encode())
        made.append(target)
    return made
