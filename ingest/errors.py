"""Input errors with stable codes.

A code is part of the facts contract (``error.code``) and of the warehouse, so codes are only
ever added, never renamed. The message tells a person what to do about it.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    NOT_FOUND = "not_found"
    UNREADABLE = "unreadable"
    EMPTY = "empty"
    UNSUPPORTED_TYPE = "unsupported_type"
    CORRUPT_PDF = "corrupt_pdf"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no_text_layer"
    TOO_LARGE = "too_large"
    TIMED_OUT = "timed_out"
    INTERNAL = "internal_error"


class IngestError(Exception):
    """A file that cannot be turned into text, with a stable code and an actionable message."""

    def __init__(self, code: ErrorCode, message: str):
        super().__init__(f"[{code}] {message}")
        self.code = code
        self.message = message
