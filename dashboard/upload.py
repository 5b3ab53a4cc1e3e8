"""What the "Add a document" page does with an upload, apart from Streamlit (so it can be tested alone).

An upload goes through exactly the pipeline ``dcs ingest`` uses, in a reader process within the same
limits (``councildocs.reader_process``), on a temporary copy of the file, and reaches the warehouse only through :func:`store_result`, which
the page calls when the user asks. Every text shown from an upload goes through ``mask_contacts``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tempfile
from pathlib import Path, PurePath

import polars as pl

from councildocs.dashboard.links import money_range
from councildocs.extract.kinds import ArrangementStatus, PersonStatus, PopulationGroup, PovertyGroup, Qualifier
from councildocs.ingest.errors import ErrorCode
from councildocs.pipeline import SUPPORTED_SUFFIXES
from councildocs.reader_process import ReaderProcess
from councildocs.results import DocumentResult
from councildocs.warehouse.privacy import mask_contacts
from councildocs.warehouse.store import Outcome, Warehouse

UPLOAD_PREFIX = "upload/"


def upload_source(filename: str) -> str:
    """What the warehouse records as an upload's source: ``upload/<file name>`` (no client path)."""
    return UPLOAD_PREFIX + (PurePath(filename.replace("\\", "/")).name or "document")


def process_upload(filename: str, content: bytes, reader: ReaderProcess) -> DocumentResult:
    """Run the per-file pipeline on the uploaded bytes; bad input comes back as a coded error, never raises."""
    name = PurePath(filename.replace("\\", "/")).name or "document"
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return DocumentResult.failed(
            upload_source(name), hashlib.sha256(content).hexdigest(), ErrorCode.UNSUPPORTED_TYPE,
            f"{name}: only {', '.join(SUPPORTED_SUFFIXES)} files can be read.",
        )
    with tempfile.TemporaryDirectory(prefix="dcs-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        result = reader.read(str(path))
    source = upload_source(name)
    document = result.document
    if document is not None:
        document = dataclasses.replace(document, source=source)
    message = result.error_message.replace(str(path), name) if result.error_message else None
    # a file its reader was stopped on (time, memory) is still known by its content
    digest = result.sha256 or hashlib.sha256(content).hexdigest()
    return dataclasses.replace(result, source=source, sha256=digest, document=document, error_message=message)


def facts_table(result: DocumentResult, names: dict[str, str]) -> pl.DataFrame:
    """One row per extracted fact: kind, authorities (by name), what it says, masked evidence, confidence."""
    rows = []
    facts = result.extraction.facts if result.extraction else []
    for fact in facts:
        fields = fact.fields
        codes = [*(fields.get("authorities") or []), *([fields["authority"]] if fields.get("authority") else [])]
        rows.append({
            "kind": fact.kind,
            "authorities": ", ".join(names.get(c, c) for c in dict.fromkeys(codes)),
            "what": describe(fact.kind, fields),
            "evidence": mask_contacts(fact.evidence.text),
            "page": fact.evidence.page,
            "confidence": round(float(fact.confidence), 2),
        })
    schema = {"kind": pl.String, "authorities": pl.String, "what": pl.String, "evidence": pl.String,
              "page": pl.Int64, "confidence": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def salary_facts(result: DocumentResult) -> list[dict]:
    """The upload's salary facts as ``{role, role_category, min_gbp, max_gbp, period}`` dicts, in document order."""
    facts = result.extraction.facts if result.extraction else []
    return [
        {k: f.fields.get(k) for k in ("role", "role_category", "min_gbp", "max_gbp", "period")}
        for f in facts if f.kind == "salary"
    ]


def describe(kind: str, fields: dict) -> str:
    """A fact's fields in a few words, for a table cell."""
    if kind == "salary":
        low, high = fields.get("min_gbp"), fields.get("max_gbp")
        money = money_range(low, high)
        period = fields.get("period") or "year"
        return f"{fields.get('role') or 'post'}: {money} a {period}"
    if kind == "population":
        qualifier = Qualifier.label_of(fields.get("qualifier")).lower()
        group = PopulationGroup.label_of(fields.get("group") or "all").lower()
        return f"{qualifier} {fields.get('value'):,} ({group})".strip()
    if kind == "poverty_rate":
        comparator = fields.get("comparator") or {}
        against = f" (against {comparator.get('area')} {comparator.get('percent')}%)" if comparator else ""
        return f"{fields.get('percent')}% of {PovertyGroup.label_of(fields.get('group') or 'all').lower()}{against}"
    if kind == "shared_post":
        return f"{fields.get('post')} ({ArrangementStatus.label_of(fields.get('status')).lower()})"
    if kind == "partnership":
        return f"{fields.get('name')} ({ArrangementStatus.label_of(fields.get('status')).lower()})"
    if kind == "person":
        return f"{fields.get('name')}, {fields.get('role')} ({PersonStatus.label_of(fields.get('status')).lower()})"
    return ", ".join(f"{k}={v}" for k, v in fields.items())


# A batch may be writing the warehouse while someone stores an upload: wait a little, then say so.
UPLOAD_WAIT_S = 3.0


def store_result(db: Path, result: DocumentResult) -> Outcome:
    """Store one good result as a one-document ingest run and publish it."""
    if not result.ok:
        raise ValueError("a document that could not be read is not stored from the dashboard")
    with Warehouse(db, wait_s=UPLOAD_WAIT_S) as wh:
        wh.start_run()
        outcome = wh.store(result)
        wh.finish_run()
    return outcome
