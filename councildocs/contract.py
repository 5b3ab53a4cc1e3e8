"""Render a DocumentResult as one line of the facts contract (v1)."""

from __future__ import annotations

import json

from councildocs.pipeline import DocumentResult

CONTRACT_VERSION = 1


def document_record(result: DocumentResult, include_text: bool = False) -> dict:
    doc = result.document
    ext = result.extraction
    record: dict = {
        "contract": CONTRACT_VERSION,
        "source": result.source,
        "sha256": result.sha256,
        "status": "ok" if result.ok else "error",
        "error": None if result.ok else {"code": result.error_code, "message": result.error_message},
        "pages": doc.pages if doc else None,
        "doc_type": ext.doc_type if (ext and result.ok) else None,
        "repair": {"methods": doc.repair_methods, "chars_changed": doc.chars_changed} if doc else None,
        "authorities": [a.to_dict() for a in ext.authorities] if (ext and result.ok) else [],
        "facts": [f.to_dict() for f in ext.facts] if (ext and result.ok) else [],
    }
    if include_text:
        record["text"] = doc.text if doc else None
        record["raw_text"] = doc.raw_text if doc else None
    return record


def document_json_line(result: DocumentResult, include_text: bool = False) -> str:
    return json.dumps(document_record(result, include_text=include_text), ensure_ascii=False)
