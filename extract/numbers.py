"""One parser for the money amounts, counts and percentages council documents write."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MULTIPLIERS = {"k": 1_000, "m": 1_000_000, "million": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MULTIPLIER = r"(?:\s?(?:k|m|mn|bn)\b|\s?(?:million|billion)\b)"
# a minus sign is a negative amount unless it closes a range ("£70,000 -£75,000")
MONEY_RE = re.compile(rf"(?P<neg>(?<![\w£,.)])(?<!\d )[-–−])?£\s?(?P<num>{NUMBER})(?P<mult>{MULTIPLIER})?", re.IGNORECASE)
COUNT_RE = re.compile(rf"(?P<num>{NUMBER})(?P<mult>\s?(?:million|m)\b)?", re.IGNORECASE)
PERCENT_RE = re.compile(rf"(?P<num>{NUMBER})\s?(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    value: float
    start: int
    end: int
    negative: bool = False
    has_multiplier: bool = False
    in_millions: bool = False  # written "£0.4m", "£2 billion": budget language, never a post's pay


def parse_number(num: str, mult: str | None = None) -> float:
    value = float(num.replace(",", ""))
    if mult:
        value *= _MULTIPLIERS[mult.strip().lower()]
    return value


def find_money(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    end = len(text) if end is None else end
    found = []
    for m in MONEY_RE.finditer(text, start, end):
        mult = m.group("mult")
        found.append(Amount(
            value=parse_number(m.group("num"), mult), start=text.index("£", m.start(), m.end()),
            end=m.end(), negative=bool(m.group("neg")), has_multiplier=bool(mult),
            in_millions=bool(mult) and _MULTIPLIERS[mult.strip().lower()] >= 1_000_000,
        ))
    return found


def as_int_or_float(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
