"""What kind of document this is: advert, news, consultation, profile or other."""

from __future__ import annotations

import re

_CUES = {
    "profile": re.compile(r"\b(what\s+you['’]ll\s+do|how\s+to\s+become|skills\s+and\s+knowledge|career\s+(?:roles|path|"
                          r"progression|opportunities)|you['’]ll\s+need|with\s+experience\s+you\s+could)\b", re.I),
    "consultation": re.compile(r"\b(consultation|consult(?:ed|ing)?|proposals?|committee|appendix|recommendations?)\b", re.I),
    "advert": re.compile(r"\b(apply|applications?|applicants?|closing\s+date|we\s+seek|we\s+are\s+(?:looking|seeking)|"
                         r"what\s+it\s+takes|candidates?|job\s+description|candidate\s+pack|interviews?\s+will|"
                         r"salary\s*:|per\s+annum)\b", re.I),
    "news": re.compile(r"\b(says|said|told|according\s+to|has\s+(?:now\s+)?been\s+(?:posted|appointed|announced)|"
                       r"announced|comments|reported|feature|will\s+replace|revealed)\b", re.I),
}


def classify(flat: str) -> str:
    counts = {kind: len(pattern.findall(flat)) for kind, pattern in _CUES.items()}
    words = max(1, len(flat.split()))
    if counts["profile"] >= 2:
        return "profile"
    if counts["consultation"] >= 5 and counts["consultation"] * 1000 / words >= 2:
        return "consultation"
    addressed = len(re.findall(r"\b(you|your|we|our)\b", flat, re.I)) * 1000 / words
    if counts["advert"] >= 2 and (addressed >= 8 or counts["advert"] >= counts["news"]):
        return "advert"
    if counts["news"] >= 2:
        return "news"
    if counts["advert"] >= 1:
        return "advert"
    return "other"
