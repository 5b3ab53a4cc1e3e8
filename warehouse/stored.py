"""What the warehouse holds for a document, read back as the ``DocumentResult`` that stored it.

`dcs evaluate --db` scores the facts a batch stored instead of extracting the documents again, so a
warehouse built by `dcs ingest` can be checked against gold as it is (with the extractor that built
it). One shape for a document's result everywhere: the facts contract prints from this object as it
prints from a fresh extraction (``councildocs.contract.document_record``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from councildocs.extract.models import AuthorityRef, Evidence, Extraction, Fact
from councildocs.ingest.models import RepairedDocument, RepairStep
from councildocs.results import DocumentResult
from councildocs.warehouse.queries import DbPath, read_only


def stored_results(db: DbPath, sha256s: Sequence[str]) -> dict[str, DocumentResult]:
    """The stored result of each document of ``sha256s`` the warehouse holds (read, or failed with its
    code), keyed by content hash; documents it does not hold are left out."""
    wanted = sorted(set(sha256s))
    if not wanted:
        return {}
    with read_only(db) as con:
        con.execute("CREATE TEMP TABLE wanted (sha256 VARCHAR)")
        con.executemany("INSERT INTO wanted VALUES (?)", [(s,) for s in wanted])
        documents = con.execute(
            "SELECT d.sha256, d.source, d.media_type, d.pages, d.doc_type, d.raw_text, d.text, d.page_starts, "
            "d.repair_log, d.status, d.error_code, d.error_message "
            "FROM documents d JOIN wanted USING (sha256)").fetchall()
        facts = con.execute(
            "SELECT f.sha256, f.kind, f.fields, f.evidence_text, f.page, f.start_offset, f.end_offset, f.confidence "
            "FROM facts f JOIN wanted USING (sha256) ORDER BY f.sha256, f.start_offset, f.end_offset, f.fact_id").fetchall()
        authorities = con.execute(
            "SELECT da.sha256, da.gss, coalesce(a.name, da.gss) FROM document_authorities da JOIN wanted USING (sha256) "
            "LEFT JOIN authorities a ON a.gss = da.gss ORDER BY da.sha256, da.gss").fetchall()
    facts_of: dict[str, list[Fact]] = {}
    for sha256, kind, fields, text, page, start, end, confidence in facts:
        facts_of.setdefault(sha256, []).append(
            Fact(kind=kind, fields=json.loads(fields), evidence=Evidence(text=text, page=page, start=start, end=end),
                 confidence=confidence))
    authorities_of: dict[str, list[AuthorityRef]] = {}
    for sha256, gss, name in authorities:
        authorities_of.setdefault(sha256, []).append(AuthorityRef(gss=gss, name=name))
    results: dict[str, DocumentResult] = {}
    for (sha256, source, media_type, pages, doc_type, raw_text, text, page_starts, repair_log,
         status, error_code, error_message) in documents:
        if status != "ok":
            results[sha256] = DocumentResult.failed(source, sha256, error_code, error_message or "")
            continue
        document = RepairedDocument(
            source=source, sha256=sha256, media_type=media_type, pages=pages, raw_text=raw_text, text=text,
            page_starts=json.loads(page_starts) if page_starts else [0],
            repair_log=[RepairStep(**step) for step in json.loads(repair_log or "[]")])
        extraction = Extraction(doc_type=doc_type, authorities=authorities_of.get(sha256, []),
                                facts=facts_of.get(sha256, []))
        results[sha256] = DocumentResult(source=source, sha256=sha256, document=document, extraction=extraction)
    return results
