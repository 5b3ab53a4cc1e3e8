"""The hand-off from extract to the warehouse and to the facts contract."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from councildocs.extract.kinds import FACT_KINDS_REGISTRY, DocType, RoleCategory, values

# The contract's names as plain strings, derived from the registry of fact kinds (extract/kinds.py).
FACT_KINDS: tuple[str, ...] = tuple(FACT_KINDS_REGISTRY)
DOC_TYPES: tuple[str, ...] = values(DocType)
ROLE_CATEGORIES: tuple[str, ...] = values(RoleCategory)


@dataclass(frozen=True)
class Evidence:
    """Where a fact stands: ``text == repaired_text[start:end]``; ``page`` is 1-based."""

    text: str
    page: int
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "page": self.page, "start": self.start, "end": self.end}


@dataclass
class Fact:
    """One fact of the facts contract: ``fields`` holds the kind's own fields exactly as the contract names them."""

    kind: str
    fields: dict[str, Any]
    evidence: Evidence
    confidence: float

    def to_dict(self) -> dict:
        return {"kind": self.kind, **self.fields, "confidence": round(self.confidence, 3), "evidence": self.evidence.to_dict()}

    def identity(self) -> tuple:
        """What makes two facts the same fact (used to drop repeats)."""
        return (self.kind, _freeze(self.fields))


@dataclass(frozen=True)
class AuthorityRef:
    gss: str
    name: str

    def to_dict(self) -> dict:
        return {"gss": self.gss, "name": self.name}


@dataclass
class Extraction:
    """Everything extract found in one document."""

    doc_type: str
    authorities: list[AuthorityRef] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_freeze(v) for v in value)
    return value
