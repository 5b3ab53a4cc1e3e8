"""Render a DocumentResult as one line of the facts contract (v1)."""

from __future__ import annotations

import dataclasses
import json

from councildocs.extract.kinds import FACT_KINDS_REGISTRY, DocType, RoleCategory, values
from councildocs.results import DocumentResult

CONTRACT_VERSION = 1


def document_record(result: DocumentResult, include_text: bool = False) -> dict:
    doc = result.document
    ext = result.extraction
    record: dict = {
        "contract": CONTRACT_VERSION,
        "source": result.source,
        "sha256": result.sha256,
        "status": "ok" if result.ok else "error",
        "error": result.error,
        "pages": doc.pages if doc else None,
        "doc_type": ext.doc_type if (ext and result.ok) else None,
        "repair": {"methods": doc.repair_methods, "chars_changed": doc.chars_changed} if doc else None,
        "authorities": [a.to_dict() for a in ext.authorities] if (ext and result.ok) else [],
        "facts": [f.to_dict() for f in ext.facts] if (ext and result.ok) else [],
    }
    if doc is not None and doc.provenance is not None:
        # optional (a councildocs extension of v1): present when a sources.csv names the document
        record["provenance"] = dataclasses.asdict(doc.provenance)
    if include_text:
        record["text"] = doc.text if doc else None
        record["raw_text"] = doc.raw_text if doc else None
    return record


def document_json_line(result: DocumentResult, include_text: bool = False) -> str:
    return json.dumps(document_record(result, include_text=include_text), ensure_ascii=False)


# Derived from the registry of fact kinds (councildocs.extract.kinds): kind -> its fields, and
# (kind, field) -> the values an enum-typed field may take.
KIND_FIELDS: dict[str, set[str]] = {
    kind.name: {f.name for f in kind.fields if f.required} for kind in FACT_KINDS_REGISTRY.values()
}
ENUM_VALUES: dict[tuple[str, str], set[str]] = {
    (kind.name, f.name): set(values(f.enum)) for kind in FACT_KINDS_REGISTRY.values() for f in kind.enum_fields
}


def validate_record(record: dict, text: str | None = None) -> list[str]:
    """Problems that make ``record`` break the facts contract (empty when it keeps it).

    With ``text`` (the repaired text), every fact's evidence is also checked against it.
    """
    problems: list[str] = []
    required = {"contract", "source", "sha256", "status", "error", "pages", "doc_type", "repair", "authorities", "facts"}
    missing = required - record.keys()
    if missing:
        problems.append(f"missing fields {sorted(missing)}")
    if record.get("contract") != CONTRACT_VERSION:
        problems.append("contract must be 1")
    status = record.get("status")
    if status not in {"ok", "error"}:
        problems.append(f"bad status {status!r}")
    if status == "error":
        err = record.get("error") or {}
        if not err.get("code") or not err.get("message"):
            problems.append("an error needs a code and a message")
        if record.get("facts"):
            problems.append("an error document has no facts")
        return problems
    if record.get("error") is not None:
        problems.append("error must be null when status is ok")
    if record.get("doc_type") not in values(DocType):
        problems.append(f"bad doc_type {record.get('doc_type')!r}")
    for authority in record.get("authorities", []):
        if set(authority) != {"gss", "name"}:
            problems.append(f"bad authority {authority!r}")
    for i, fact in enumerate(record.get("facts", [])):
        kind = fact.get("kind")
        if kind not in KIND_FIELDS:
            problems.append(f"fact {i}: unknown kind {kind!r}")
            continue
        absent = KIND_FIELDS[kind] - fact.keys()
        if absent:
            problems.append(f"fact {i} ({kind}): missing {sorted(absent)}")
        conf = fact.get("confidence")
        if not isinstance(conf, (int, float)) or not 0 <= conf <= 1:
            problems.append(f"fact {i}: confidence must be 0-1")
        declared = FACT_KINDS_REGISTRY[kind]
        for f in declared.enum_fields:  # an absent one is reported as missing above
            if f.name in fact and f.problem(fact[f.name]):
                problems.append(f"fact {i}: bad {f.name} {fact[f.name]!r}")
        # role_category is one vocabulary across the contract, also where a kind adds it as an extra field
        if "role_category" in fact and "role_category" not in declared.field_names \
                and fact["role_category"] not in values(RoleCategory):
            problems.append(f"fact {i}: bad role_category {fact['role_category']!r}")
        for f in declared.fields:
            if f.min_items and len(set(fact.get(f.name) or [])) < f.min_items:
                problems.append(f"fact {i}: {kind} needs two or more {f.name}" if f.min_items == 2
                                else f"fact {i}: {kind} needs {f.min_items} or more {f.name}")
        ev = fact.get("evidence") or {}
        if not {"text", "page", "start", "end"} <= ev.keys() or not isinstance(ev.get("page"), int) or ev.get("page", 0) < 1:
            problems.append(f"fact {i}: bad evidence {ev!r}")
        elif text is not None and text[ev["start"]:ev["end"]] != ev["text"]:
            problems.append(f"fact {i}: evidence text is not text[{ev['start']}:{ev['end']}]")
    return problems
