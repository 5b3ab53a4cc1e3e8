"""Where a document came from: its publisher, address, date and licence, read from a `sources.csv`
kept beside the documents (corpus/real/sources.csv is one).

A council's committee paper rarely names the council it belongs to ("Report of the Executive
Director … to Council"): the page it was published on does. A folder of documents may therefore
carry a `sources.csv` with a `stem` column (the file name without its extension) and any of `url`,
`publisher`, `published`, `licence` and `fictional` (``true`` for a document the project wrote
itself). The nearest such file in the document's folder or up to MANIFEST_DEPTH folders above it
that lists the document's stem gives its provenance; a row whose stem is ``*`` speaks for every
document below its folder that no nearer row names (corpus/sources.csv marks the project's own
example documents fictional that way). The extract stage reads the publisher as the council the
document is about when the publisher is a council.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from councildocs.ingest.models import Provenance

MANIFEST_NAME = "sources.csv"
MANIFEST_DEPTH = 3  # corpus/real/sources.csv serves corpus/real/dev/docs/<stem>.txt
EVERY_DOCUMENT = "*"  # the stem of a row that speaks for every document below its folder
_TRUE = {"true", "yes", "1"}


def provenance_for(path: Path) -> Provenance | None:
    """The provenance the nearest `sources.csv` gives ``path``, or None."""
    folder = Path(path).resolve().parent
    stem = Path(path).stem
    for _ in range(MANIFEST_DEPTH):
        manifest = _manifest(folder)
        found = manifest.get(stem) or manifest.get(EVERY_DOCUMENT)
        if found is not None:
            return found
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
                                            published=value(row, "published"), licence=value(row, "licence"),
                                            fictional=(value(row, "fictional") or "").lower() in _TRUE)
            for row in rows if (row.get("stem") or "").strip()}
