"""Where a document came from: its publisher, address, date and licence, read from a `sources.csv`
kept beside the documents (corpus/real/sources.csv is one).

A council's committee paper rarely names the council it belongs to ("Report of the Executive
Director … to Council"): the page it was published on does. A folder of documents may therefore
carry a `sources.csv` with a `stem` column (the file name without its extension) and any of `url`,
`publisher`, `published`, `licence`. The nearest such file in the document's folder or up to
MANIFEST_DEPTH folders above it that lists the document's stem gives its provenance; the extract
stage reads the publisher as the council the document is about when the publisher is a council.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from councildocs.ingest.models import Provenance

MANIFEST_NAME = "sources.csv"
MANIFEST_DEPTH = 3  # corpus/real/sources.csv serves corpus/real/dev/docs/<stem>.txt


def provenance_for(path: Path) -> Provenance | None:
    """The provenance the nearest `sources.csv` gives ``path``, or None."""
    folder = Path(path).resolve().parent
    for _ in range(MANIFEST_DEPTH):
        manifest = _manifest(folder)
        if Path(path).stem in manifest:
            return manifest[Path(path).stem]
        if folder.parent == folder:
            break
        folder = folder.parent
    return None


@lru_cache(maxsize=64)
def _manifest(folder: Path) -> dict[str, Provenance]:
    path = folder / MANIFEST_NAME
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, UnicodeDecodeError, csv.Error):
        return {}  # a damaged manifest gives no provenance; the documents are still read
    def value(row: dict, key: str) -> str | None:
        text = (row.get(key) or "").strip()
        return text if text and text.lower() != "unknown" else None

    return {row["stem"].strip(): Provenance(url=value(row, "url"), publisher=value(row, "publisher"),
                                            published=value(row, "published"), licence=value(row, "licence"))
            for row in rows if (row.get("stem") or "").strip()}
