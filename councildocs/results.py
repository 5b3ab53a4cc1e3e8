"""What one file became: the hand-off from reading (ingest + extract) to whoever keeps the result.

Stage-neutral on purpose: the batch engines produce it, the facts contract, the Parquet hand-off,
the warehouse and the dashboard consume it, and none of them needs to import the others for it.
``to_dict``/``from_dict`` are its one serialisation (plain JSON-able values): the contract prints
from it, the Parquet hand-off stores it and a reader process sends it to its parent with it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from councildocs.extract.models import AuthorityRef, Evidence, Extraction, Fact
from councildocs.ingest.errors import ErrorCode
from councildocs.ingest.models import Provenance, RepairedDocument, RepairStep


@dataclass
class DocumentResult:
    """A processed file: either a repaired document with its extraction, or a failure with its code."""

    source: str
    sha256: str | None
    document: RepairedDocument | None = None
    extraction: Extraction | None = None
    error_code: ErrorCode | None = None
    error_message: str | None = None

    def __post_init__(self) -> None:
        # a code read back from a file or a message is the enum again, so comparisons and lookups hold
        if self.error_code is not None and not isinstance(self.error_code, ErrorCode):
            self.error_code = ErrorCode(self.error_code)

    @classmethod
    def failed(cls, source: str, sha256: str | None, code: ErrorCode, message: str) -> DocumentResult:
        return cls(source=source, sha256=sha256, error_code=code, error_message=message)

    @property
    def ok(self) -> bool:
        return self.error_code is None

    @property
    def error(self) -> dict[str, str] | None:
        """The failure as the contract writes it (``{"code", "message"}``), None when the file was read."""
        return None if self.ok else {"code": str(self.error_code), "message": self.error_message or ""}

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "sha256": self.sha256,
            "error_code": None if self.error_code is None else str(self.error_code),
            "error_message": self.error_message,
            "document": dataclasses.asdict(self.document) if self.document is not None else None,
            "extraction": dataclasses.asdict(self.extraction) if self.extraction is not None else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentResult:
        return cls(
            source=data["source"],
            sha256=data["sha256"],
            document=_document(data["document"]) if data.get("document") is not None else None,
            extraction=_extraction(data["extraction"]) if data.get("extraction") is not None else None,
            error_code=data.get("error_code"),
            error_message=data.get("error_message"),
        )


def _document(data: dict[str, Any]) -> RepairedDocument:
    provenance = data.get("provenance")
    return RepairedDocument(**{**data, "repair_log": [RepairStep(**step) for step in data["repair_log"]],
                               "provenance": Provenance(**provenance) if provenance else None})


def _extraction(data: dict[str, Any]) -> Extraction:
    return Extraction(
        doc_type=data["doc_type"],
        authorities=[AuthorityRef(**a) for a in data["authorities"]],
        facts=[Fact(**{**f, "evidence": Evidence(**f["evidence"])}) for f in data["facts"]],
    )
