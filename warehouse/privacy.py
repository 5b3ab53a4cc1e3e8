"""Masking of personal contact details in document text shown to users.

Council documents name real officers with their e-mail addresses and phone numbers. The
warehouse keeps the text as read (evidence must stay exact); every query that returns text
masks contacts on the way out.

Masking keeps the length of the text, character for character, so evidence offsets computed
on the stored text still point at the same place in the masked text.
"""

from __future__ import annotations

import re

MASK = "\u2588"  # a full block: reads as redacted, and means nothing to Markdown

_EMAIL = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")

# UK numbers as written in council documents: 020 7946 0123, 01223 123456, (01223) 123 456,
# +44 (0)20 7946 0123, 07700 900123, 0800 123 4567. A leading 0 (or +44) and 10-11 digits in
# total tell a phone number apart from money (£113,205), counts (1,100,000), years and dates.
_PHONE = re.compile(
    r"(?<![\w£$€.,/])"
    r"(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(0|0)"
    r"\d(?:[\s-]?\)?[\s-]?\d){8,9}"
    r"(?![\w,./]?\d)"
)


def mask_contacts(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers blacked out (same length, spaces kept)."""
    if not text:
        return text
    return _PHONE.sub(_blackout, _EMAIL.sub(_blackout, text))


def _blackout(match: re.Match[str]) -> str:
    return "".join(ch if ch.isspace() else MASK for ch in match.group(0))
