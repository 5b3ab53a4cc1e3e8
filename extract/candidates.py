"""What components leave on a Doc for the assembler: fact candidates with character spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Candidate:
    kind: str
    fields: dict[str, Any]
    start: int
    end: int
    confidence: float
    # keys that identify the same real-world fact across mentions (first, most confident, mention wins)
    dedupe_key: tuple = field(default=())
