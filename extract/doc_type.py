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
                       r"announced|comments|reported|feature|will\s+replace|revealed|has\s+appointed|appointed\s+(?:as\s+)?(?:its\s+)?(?:new\s+)?"
                       r"(?:Chief|Director)|takes?\s+up\s+(?:the\s+)?(?:post|reins|role)|today|highlighted|outlined|welcomed|"
                       r"(?:warmly\s+)?greeted|congratulat\w*|(?:latest\s+)?news|statement\s+by|published\s+\d)\b", re.I),
}


# The furniture of committee papers: agendas, minutes, decisions and officers' reports. Such a paper is
# "other" even when it is about recruiting ("the appointment panel … the salary for the post") or quotes
# a council's news; gold readers file committee reports asking for a decision as "consultation" or "other".
_COMMITTEE = re.compile(
    r"\b(?:agenda\s+item|minutes?\s+of|present\s*:|apologies(?:\s+for\s+absence)?|declarations?\s+of\s+interests?|"
    r"resolved|recommendations?\s*:|decision\s+(?:maker|details|taker|date)|report\s+(?:of|author|by)\b|"
    r"purpose\s+of\s+(?:the\s+)?report|wards?\s+affected|date\s+of\s+meeting|meeting\s+date|"
    r"(?:cabinet|committee|council)\s+(?:is|are)\s+(?:asked|recommended)|issue\s+details|"
    r"(?:moved|seconded)\s+(?:by|that)|the\s+committee\s+(?:noted|agreed|considered|received)|"
    # the page furniture of councils' committee sites (modern.gov, CMIS)
    r"agenda\s+and\s+minutes|meeting\s+(?:documents|details)|attendance\s+details|venue\s*:|minutes\s*:|"
    r"in\s+attendance\s*:|apologies\s+for\s+absence|agenda\s+item)", re.I)


# A news release's own furniture: a dateline near its headline and quoted speech
_DATELINE = re.compile(r"\b(?:\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                       r"December)|(?:January|February|March|April|May|June|July|August|September|October|November|"
                       r"December)\s+\d{1,2},?)\s+(?:19|20)\d\d\b")


def classify(flat: str) -> str:
    counts = {kind: len(pattern.findall(flat)) for kind, pattern in _CUES.items()}
    # a dateline and quoted speech count towards news where nothing speaks of a vacancy
    news_furniture = (len(re.findall(r"[“”]", flat)) >= 2) + bool(_DATELINE.search(flat[:300]))
    words = max(1, len(flat.split()))
    if counts["profile"] >= 2:
        return "profile"
    if len(_COMMITTEE.findall(flat)) >= 2:
        return "consultation" if re.search(r"\bconsultation\b", flat, re.I) and counts["consultation"] >= 5 else "other"
    if counts["consultation"] >= 5 and counts["consultation"] * 1000 / words >= 2:
        return "consultation"
    addressed = len(re.findall(r"\b(you|your|we|our)\b", flat, re.I)) * 1000 / words
    if counts["advert"] >= 2 and (addressed >= 8 or counts["advert"] >= counts["news"]):
        return "advert"
    if counts["news"] + (news_furniture if not counts["advert"] else 0) >= 2:
        return "news"
    if counts["advert"] >= 1:
        return "advert"
    return "other"
