"""Masking of personal contact details in document text shown to users.

Council documents name real officers with their e-mail addresses and phone numbers. The
warehouse keeps the text as read (evidence must stay exact); every query that returns text
masks contacts on the way out.

Masking keeps the length of the text, character for character, so evidence offsets computed
on the stored text still point at the same place in the masked text.
"""

from __future__ import annotations

import json
import re
from typing import Any

import polars as pl

MASK = "\u2588"  # a full block: reads as redacted, and means nothing to Markdown

# An e-mail address, plain or in the disguises people use to keep it from harvesters: "@" spaced
# out, full width (＠) or written as [at] / (at) / {at}; dots written as [dot] / (dot). The last
# label must be letters (a top-level domain), so "10.30 @ 5.00" is not an address.
_AT = r"(?:\s*[@\uFF20]\s*|\s*[\[({]\s*at\s*[\])}]\s*)"
_DOT = r"(?:\.|\s*[\[({]\s*dot\s*[\])}]\s*)"
_EMAIL = re.compile(
    rf"[A-Za-z0-9._%+'-]+{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}[A-Za-z]{{2,}}\b",
    re.IGNORECASE,
)
# Spelled out in words: "john dot smith at council dot gov dot uk". "at" alone is an everyday word,
# so this form needs " dot " between the labels of the domain and a known top-level domain last.
_WORDY_EMAIL = re.compile(
    r"\b[A-Za-z0-9._%+'-]+(?:\s+dot\s+[A-Za-z0-9-]+)*\s+at\s+[A-Za-z0-9-]+(?:\s+dot\s+[A-Za-z0-9-]+)*"
    r"\s+dot\s+(?:uk|com|org|net|gov|scot|wales|cymru|info)\b",
    re.IGNORECASE,
)

# UK numbers as written in council documents: 020 7946 0123, 01223 123456, (01223) 123 456,
# +44 (0)20 7946 0123, 0044 20 7946 0123, 07700 900123, 0 7700 900 123, 020.7946.0123,
# 0800 123 4567. A leading 0 (or +44 / 0044) and 10-11 digits in total tell a phone number apart
# from money (£113,205), counts (1,100,000), years and dates; dots are separators only between
# groups of two or more digits, so a decimal such as 0.25 is never one.
_SEP = r"(?:[\s-]|\.(?=\d{2}))"
_PHONE = re.compile(
    r"(?<![\w£$€.,/])"
    r"(?:(?:\+|00)44[\s.-]?(?:\(0\)[\s.-]?)?|\(0|0)"
    rf"{_SEP}?\d(?:{_SEP}?\)?{_SEP}?\d){{8,9}}"
    r"(?![\w,./]?\d)"
)


# A cheap test that every text holding a contact passes (a superset of the patterns above: an
# e-mail needs "@", "＠", "at" or "dot"; a phone number starts with "+44", "0044", "(0", or a "0"
# not preceded by a word character, currency sign or number punctuation). Frames mask only the rows
# it picks.
_MAYBE_CONTACT = r"(?i)@|\uFF20|\bat\b|\bdot\b|\+44|\(0|(?:^|[^\w£$€.,/])0"


def mask_contacts(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers blacked out (same length, spaces kept)."""
    if not text:
        return text
    return _PHONE.sub(_blackout, _WORDY_EMAIL.sub(_blackout, _EMAIL.sub(_blackout, text)))


def _blackout(match: re.Match[str]) -> str:
    return "".join(ch if ch.isspace() else MASK for ch in match.group(0))


def mask_value(value: Any) -> Any:
    """``value`` with :func:`mask_contacts` applied to every string in it (dicts and lists walked)."""
    if isinstance(value, str):
        return mask_contacts(value)
    if isinstance(value, dict):
        return {k: mask_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [mask_value(v) for v in value]
    return value


def mask_json(text: str | None) -> str | None:
    """A JSON document with every string value in it masked (keys and numbers untouched)."""
    if text is None:
        return None
    return json.dumps(mask_value(json.loads(text)), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def mask_series(series: pl.Series) -> pl.Series:
    """A string Series with :func:`mask_contacts` applied to each value (nulls kept).

    Only values that could hold a contact (a vectorised pre-test) go through Python, so masking a
    column of ten thousand salary sentences costs milliseconds.
    """
    if series.is_empty():
        return series
    hits = series.str.contains(_MAYBE_CONTACT).fill_null(False)
    if not hits.any():
        return series
    index = hits.arg_true()
    masked = pl.Series(series.name, [mask_contacts(v) for v in series.gather(index).to_list()], dtype=pl.String)
    out = series.clone()
    out.scatter(index, masked)
    return out


# -- spreadsheet cells ---------------------------------------------------------------------------
#
# A CSV cell that begins with one of these is run as a formula by Excel, LibreOffice and Google
# Sheets (OWASP, "CSV Injection"): a document's text could then fetch a URL or run a command when
# an export is opened. Such a text cell is written with a leading apostrophe, which spreadsheets
# show as the text itself. Every CSV councildocs writes (dcs extract --format csv, dcs export --format
# csv, the dashboard's downloads) goes through here; Parquet and JSON Lines keep the exact text.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"


def spreadsheet_safe(value: str | None) -> str | None:
    """``value`` as a spreadsheet shows it but never runs it."""
    return FORMULA_GUARD + value if value and value.startswith(FORMULA_TRIGGERS) else value


def spreadsheet_safe_frame(frame: pl.DataFrame) -> pl.DataFrame:
    """Every text column of ``frame`` through :func:`spreadsheet_safe`; numbers are never touched."""
    text = [c for c, dtype in frame.schema.items() if dtype == pl.String]
    if not text or frame.is_empty():
        return frame
    return frame.with_columns(
        pl.when(pl.any_horizontal(*(pl.col(c).str.starts_with(t) for t in FORMULA_TRIGGERS)))
        .then(pl.lit(FORMULA_GUARD) + pl.col(c)).otherwise(pl.col(c)).alias(c)
        for c in text
    )
