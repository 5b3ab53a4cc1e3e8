"""Pure conversions from pipeline objects to warehouse rows (no database here, so they are easy to test)."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from councildocs.extract.models import Fact
from councildocs.ingest.models import Provenance
from councildocs.results import DocumentResult

# How the authorities a fact names relate to it; the dashboard filters on this.
FACT_AUTHORITY_ROLES: dict[str, str] = {
    "salary": "employer",
    "person": "employer",
    "population": "subject",
    "poverty_rate": "subject",
    "shared_post": "partner",
    "partnership": "partner",
}

# The typed columns of `facts` beside the identity and evidence columns, in table order.
FACT_COLUMNS: tuple[str, ...] = (
    "fact_id", "sha256", "kind",
    "min_gbp", "max_gbp", "period", "role", "role_category", "value", "qualifier", "grp", "percent", "status", "name",
    "evidence_text", "page", "start_offset", "end_offset", "confidence", "fields",
    "comparator_area", "comparator_percent",  # migration 002
)

# A year on its own (not part of a longer number or word), as migration 002's backfill reads it:
# RE2's \b is ASCII-only, hence re.ASCII.
_YEAR = re.compile(r"\b((?:19|20)[0-9]{2})\b", re.ASCII)


# The documents columns a document's provenance fills (migration 003), in table order.
PROVENANCE_COLUMNS: tuple[str, ...] = ("source_url", "publisher", "published", "licence", "fictional")

# A published date as sources.csv gives it: YYYY, YYYY-MM or YYYY-MM-DD.
_PUBLISHED_YEAR = re.compile(r"^((?:19|20)[0-9]{2})(?:-[0-9]{2}){0,2}$", re.ASCII)


@dataclass(frozen=True)
class FactRow:
    fact_id: str
    values: tuple[Any, ...]  # in FACT_COLUMNS order
    authorities: tuple[tuple[str, str], ...]  # (gss, role)


def document_key(result: DocumentResult) -> str:
    """The documents primary key: the content hash, or a hash of the path for files that could not be hashed."""
    digest = result.sha256 or (result.document.sha256 if result.document else None)
    if digest:
        return digest
    # A missing or unreadable file has no content hash; keying it by path keeps repeats to one row.
    return "path:" + hashlib.sha256(result.source.encode("utf-8")).hexdigest()


def provenance_values(provenance: Provenance | None) -> tuple[Any, ...]:
    """The PROVENANCE_COLUMNS values of a document's provenance (nulls and not fictional without one)."""
    if provenance is None:
        return (None, None, None, None, False)
    return (provenance.url, provenance.publisher, provenance.published, provenance.licence, provenance.fictional)


def document_year(text: str | None, first_seen_year: int, published: str | None = None) -> tuple[int, str]:
    """The year a document is about, and where it came from (``'published'``, ``'text'`` or ``'ingested'``).

    The year its source says it was published, when that is known; else the latest year the text
    mentions that is not after the year the warehouse first saw the document (a plan "to 2030"
    does not date the document), else that first-seen year. Migration 002 computes the text rule in
    SQL for documents stored before it.
    """
    match = _PUBLISHED_YEAR.match((published or "").strip())
    if match:
        return int(match.group(1)), "published"
    years = [int(y) for y in _YEAR.findall(text or "") if int(y) <= first_seen_year]
    if years:
        return max(years), "text"
    return first_seen_year, "ingested"


def canonical_json(value: Any) -> str:
    """JSON that is the same for equal values: sorted keys, and 113205.0 written as 113205."""
    return json.dumps(_normalise(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def fact_id(sha256: str, fact: Fact) -> str:
    """Deterministic id, so re-storing the same fact from the same document gives the same row."""
    ev = fact.evidence
    key = "\x1f".join((sha256, fact.kind, str(ev.start), str(ev.end), canonical_json(fact.fields)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def fact_rows(sha256: str, facts: list[Fact]) -> list[FactRow]:
    """One row per distinct fact; of exact repeats (same id) the most confident is kept."""
    best: dict[str, Fact] = {}
    for fact in facts:
        fid = fact_id(sha256, fact)
        if fid not in best or fact.confidence > best[fid].confidence:
            best[fid] = fact
    return [_fact_row(fid, sha256, fact) for fid, fact in best.items()]


def fact_authority_links(fact: Fact) -> tuple[tuple[str, str], ...]:
    role = FACT_AUTHORITY_ROLES.get(fact.kind, "subject")
    codes: list[str] = []
    many = fact.fields.get("authorities")
    if isinstance(many, list):
        codes.extend(c for c in many if isinstance(c, str))
    one = fact.fields.get("authority")
    if isinstance(one, str):
        codes.append(one)
    return tuple((gss, role) for gss in dict.fromkeys(codes))


def _fact_row(fid: str, sha256: str, fact: Fact) -> FactRow:
    f = fact.fields
    ev = fact.evidence
    values = (
        fid, sha256, fact.kind,
        _number(f.get("min_gbp")), _number(f.get("max_gbp")), _text(f.get("period")),
        _text(f.get("role")) or _text(f.get("post")), _text(f.get("role_category")),
        _integer(f.get("value")), _text(f.get("qualifier")), _text(f.get("group")), _number(f.get("percent")),
        _text(f.get("status")), _text(f.get("name")),
        ev.text, ev.page, ev.start, ev.end, float(fact.confidence), canonical_json(f),
        *_comparator(fact.kind, f.get("comparator")),
    )
    return FactRow(fact_id=fid, values=values, authorities=fact_authority_links(fact))


def _comparator(kind: str, comparator: Any) -> tuple[str | None, float | None]:
    if kind != "poverty_rate" or not isinstance(comparator, dict):
        return None, None
    return _text(comparator.get("area")), _number(comparator.get("percent"))


# Typed columns take only values of the right type: anything else stays in `fields` alone rather
# than failing the document's transaction.
def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _normalise(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
