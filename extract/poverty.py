"""Poverty-rate facts: child or overall poverty percentages, with the comparator the text gives."""

from __future__ import annotations

import re

from councildocs.extract.candidates import Candidate
from councildocs.extract.context import sentence_authority
from councildocs.extract.evidence import evidence_span

_PCT = r"(?P<pct>\d{1,2}(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"
_SHARE_IN_POVERTY = re.compile(
    rf"{_PCT}\s+of\s+(?:all\s+)?(?:the\s+)?(?:area['’]?s\s+|its\s+|local\s+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+|(?-i:[A-Z][\w-]*)\s+)?(?P<who>children|child|young\s+people|residents|households|people|families|pupils)"
    rf"(?:\s+[\w’'-]+){{0,5}}?\s+(?:(?:in|into|experiencing|affected\s+by)\s+(?:relative\s+|absolute\s+|persistent\s+)?poverty|"
    rf"(?:live|living|grow\s+up|growing\s+up)\s+in\s+(?:relative\s+|absolute\s+)?low[\s-]income\s+(?:households|families|homes))",
    re.IGNORECASE)
_POVERTY_RATE = re.compile(
    rf"(?P<who>child(?:ren'?s)?\s+)?poverty(?:\s+rate)?(?:\s+in\s+(?-i:[A-Z][\w’'-]*)(?:\s+(?-i:[A-Z][\w’'-]*)){{0,2}})?\s+"
    rf"(?:is|was|of|at|stands\s+at|stood\s+at|reaches|reached|rate\s+of)?\s*"
    rf"(?:some\s+|about\s+|around\s+|nearly\s+|almost\s+|over\s+)?{_PCT}", re.IGNORECASE)
_COMPARATOR = re.compile(
    rf"(?:against|compared\s+(?:with|to)|versus|vs\.?|than|while|whereas|and)\s+(?:an?\s+|the\s+)?"
    rf"(?P<area>England|English|national|UK|London|regional|Great\s+Britain|GB)\s+(?:average|figure|rate|level)\s*"
    rf"(?:of|is|at|was|stands\s+at)?\s*(?:just\s+|some\s+|about\s+)?(?P<cpct>\d{{1,2}}(?:\.\d+)?)\s?(?:%|per\s?cent)",
    re.IGNORECASE)
_COMPARATOR_AFTER = re.compile(
    rf"(?:against|compared\s+(?:with|to)|versus|vs\.?)\s+(?:an?\s+|the\s+)?(?P<cpct>\d{{1,2}}(?:\.\d+)?)\s?(?:%|per\s?cent)\s+"
    rf"(?:for|in|across)\s+(?:the\s+)?(?P<area>England|UK|London|Great\s+Britain|the\s+country)", re.IGNORECASE)
_AREA_NAMES = {"english": "England", "national": "national", "gb": "Great Britain"}


def find_poverty_rates(doc, view) -> list[Candidate]:
    flat = view.flat
    found: list[Candidate] = []
    seen_spans: list[int] = []
    for pattern in (_SHARE_IN_POVERTY, _POVERTY_RATE):
        for m in pattern.finditer(flat):
            if m.start("pct") in seen_spans:
                continue
            seen_spans.append(m.start("pct"))
            who = (m.group("who") or "").lower()
            group = "children" if re.search(r"child|young", who) else "all"
            end = m.end()
            comparator = None
            s_start, s_end = view.sentence_bounds(m.start())
            limit = min(max(s_end, m.end() + 1), m.end() + 120)
            c = _COMPARATOR.search(flat, m.end(), limit) or _COMPARATOR_AFTER.search(flat, m.end(), limit)
            if c:
                area = c.group("area")
                comparator = {"area": _AREA_NAMES.get(area.lower(), area), "percent": float(c.group("cpct"))}
                end = c.end()
                if flat[end:end + 1] == ")":
                    end += 1
            ev_start, ev_end = evidence_span(view, m.start(), end)
            authority = sentence_authority(doc, m.start(), end)
            percent = float(m.group("pct"))
            fields = {"authority": authority, "percent": percent, "group": group, "comparator": comparator}
            found.append(Candidate("poverty_rate", fields, ev_start, ev_end, 0.85,
                                   dedupe_key=("poverty_rate", authority, group, percent)))
            found.extend(_same_measure_elsewhere(doc, view, end, group, seen_spans))
    return found


# "… 34% of children in Brent live in poverty; in Harrow the figure is 21.9%": the same measure for
# another council, right after the first.
_SAME_MEASURE = re.compile(rf"\bthe\s+(?:equivalent\s+|comparable\s+)?(?:figure|rate|proportion|share)\s+(?:is|was|stands\s+at)\s+"
                           rf"(?:just\s+|some\s+|about\s+|around\s+)?{_PCT}", re.IGNORECASE)


def _same_measure_elsewhere(doc, view, pos: int, group: str, seen_spans: list[int]) -> list[Candidate]:
    found = []
    for m in _SAME_MEASURE.finditer(view.flat, pos, min(len(view.flat), pos + 200)):
        if m.start("pct") in seen_spans:
            continue
        seen_spans.append(m.start("pct"))
        s_start, _ = view.sentence_bounds(m.start())
        ev_start, ev_end = evidence_span(view, max(s_start, m.start() - 40), m.end())
        authority = sentence_authority(doc, m.start(), m.end())
        percent = float(m.group("pct"))
        fields = {"authority": authority, "percent": percent, "group": group, "comparator": None}
        found.append(Candidate("poverty_rate", fields, ev_start, ev_end, 0.75,
                               dedupe_key=("poverty_rate", authority, group, percent)))
    return found
