"""Poverty-rate facts: child or overall poverty percentages, with the comparator the text gives."""

from __future__ import annotations

import re
from functools import lru_cache

from councildocs.extract.candidates import Candidate
from councildocs.extract.context import sentence_authority
from councildocs.extract.evidence import evidence_span
from councildocs.extract.gazetteer import load_gazetteer

_PCT = r"(?P<pct>\d{1,2}(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"
_SHARE_IN_POVERTY = re.compile(
    rf"{_PCT}\s+of\s+(?:all\s+)?(?:the\s+)?(?:area['’]?s\s+|its\s+|local\s+|[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?['’]s\s+|(?-i:[A-Z][\w-]*)\s+)?(?P<who>children|child|young\s+people|residents|households|people|families|pupils)"
    rf"(?:\s+[\w’'-]+){{0,5}}?\s+(?:(?:in|into|experiencing|affected\s+by)\s+(?:relative\s+|absolute\s+|persistent\s+)?poverty|"
    rf"(?:live|living|grow\s+up|growing\s+up)\s+in\s+(?:relative\s+|absolute\s+)?low[\s-]income\s+(?:households|families|homes)|"
    rf"(?:live|lived|living)\s+below\s+the\s+(?:breadline|poverty\s+line))",
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
    rf"(?:(?:for|in|across)\s+(?:the\s+)?(?P<area>England|UK|London|Great\s+Britain|the\s+country|Scotland|Wales)|(?P<nationally>nationally))",
    re.IGNORECASE)
_AREA_NAMES = {"english": "England", "national": "national", "gb": "Great Britain"}


# A sentence about poverty gives the rate in many shapes ("a rate of 28.2% for the city", "4,273 (19%)
# children living in poverty", "About 15% (5,200) of children live in low income families"): any
# percentage in it is the rate unless the words before it make it a target, a threshold or a change.
# "children in families with limited resources" is the Scottish Government's measure of low income and material
# deprivation together, published for each council
_POVERTY_SENTENCE = re.compile(r"\b(?:poverty|breadline|low[\s-]income\s+(?:households|families|homes)|"
                               r"families\s+with\s+limited\s+resources)\b", re.I)
# not "5 percentage points", nor an age make-up ("81% of children were aged under 16")
_ANY_PCT = re.compile(r"(?P<pct>\d{1,2}(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)(?!\s*(?:percentage\s+)?points)"
                      r"(?!\s+of\s+(?:the\s+)?\w+\s+(?:were|are|was|is)\s+aged)"
                      r"(?!\s+of\s+(?:the\s+)?(?:UK\s+|national\s+)?(?:average|median|mean|contemporary))"  # a poverty line
                      r"(?!\s+(?:increase|rise|fall|drop|decrease|reduction|higher|lower|more|less)\b)", re.I)  # a change
# Words that make a percentage a target or a projection rather than a rate now
_TARGET_WORDS = r"target\w*|goals?|aims?|ambition\w*|set\s+to|projected|forecast\w*|predicted|expected\s+to"
_NOT_A_RATE = re.compile(
    rf"(?:\b(?:{_TARGET_WORDS}|reduc\w*|would\s+be)\b[^%.;]{{0,40}}"
    r"|\b(?:less\s+than|under|below|fewer\s+than|more\s+than|over|above|increas\w*|ris(?:e|en|ing)|rose|f[ae]ll\w*|"
    r"drop\w*|by|from|down|up|in\s+work|working)(?:\s+(?:of|to|by|some|about|around|almost|nearly|just))?\s*)$", re.I)
_NATIONAL = re.compile(r"\b(?:Scotland|England|Wales|UK|United\s+Kingdom|Britain|nationally|national(?:ly)?|across\s+the\s+country)\b")


def _described_otherwise(doc, view, start: int, end: int) -> bool:
    """The words around a percentage make it something else near a poverty word: a deprivation decile, a
    free-school-meals share, the make-up of the poor (label ``not_poverty_rate`` of extract/data/cues.json).
    The words are looked for in the percentage's own clause: from the sentence's previous percentage (or its
    start) to the next semicolon or a few words on ("the rate for children in families with three or more
    children was 42%")."""
    s_start, s_end = view.sentence_bounds(start)
    clause_end = min(s_end, end + 60)
    semicolon = view.flat.find(";", end, clause_end)
    # the two ends of a change share their words: "pupils eligible for free school meals had increased from 5%
    # in 2013 to 9% now" describes the 9% too, but only the words just before its first end, not a clause or
    # paragraph before that which the sentence splitter ran on into this one
    own = _clause_start(view.flat, s_start, start)
    clause_start = max(_clause_start(view.flat, s_start, start, change_is_one_clause=True), own - _CHANGE_WORDS)
    return doc._.dcs_cues.within("not_poverty_rate", clause_start,
                                 semicolon if semicolon >= 0 else clause_end)


_CHANGE_WORDS = 80  # characters before a change's first end that describe both ends


def _clause_start(flat: str, s_start: int, start: int, change_is_one_clause: bool = False) -> int:
    """Where the words of the percentage at ``start`` begin: after the sentence's previous percentage (or at the
    sentence's start). With ``change_is_one_clause``, the two ends of a change ("in Sedgefield 23.7 per cent to
    39 per cent") are one clause, so the place before the first is the second's too."""
    earlier = [m.end() for m in _ANY_PCT.finditer(flat, s_start, start)
               if not (change_is_one_clause and _JOINS_NEXT.fullmatch(flat, m.end(), start))]
    return max([s_start, *earlier])


def _not_a_rate(flat: str, s_start: int, start: int, end: int) -> bool:
    """A target, threshold or change rather than an area's rate; but "rates varied from 36% in Blackburn with
    Darwen to 12% in Wokingham" gives each place its rate."""
    before = flat[max(s_start, start - 40):start]
    if _THRESHOLD_AFTER.match(flat, end) or _RANKED_SHARE.search(before) or _SHARE_OF_ADULTS.match(flat, end):
        return True
    if not _NOT_A_RATE.search(before):
        return False
    if _REACHED.search(before) and not _TARGET.search(before):
        return False  # "has reduced to 24.3 per cent": the rate it reached
    return not (re.search(r"\bfrom\s*$", flat[max(s_start, start - 10):start], re.I) and _FOR_PLACE.match(flat, end))


# "schools where 51% or above of pupils live in poverty": a threshold that picks things out, not a rate
# "on out of work benefits (4.5% of 16-64 year old population)": a share of adults, not of children or of all
_SHARE_OF_ADULTS = re.compile(r"\s*of\s+(?:the\s+)?(?:(?:16|18)\s?(?:-|–|to)\s?(?:64|65)(?:\s+year[\s-]olds?)?|working[\s-]age|adults?\b|"
                              r"pensioners|people\s+aged\s+(?:16|18|65))", re.I)
_THRESHOLD_AFTER = re.compile(r"\s*(?:or|and)\s+(?:above|more|over|higher|greater)\b|\+", re.I)
# "areas in the highest 20% nationally for child poverty": a rank among areas, not a share of children
_RANKED_SHARE = re.compile(r"\b(?:highest|lowest|top|bottom|most|least)\s*$", re.I)
_REACHED = re.compile(r"\b(?:reduc\w*|f[ae]ll\w*|dropp?\w*|ris(?:en|e|es|ing)|rose|increas\w*|grown|grew|went\s+up|went\s+down)"
                      r"\s+to\s*$", re.I)
_TARGET = re.compile(rf"\b(?:{_TARGET_WORDS}|would|will|plans?|want\w*|commit\w*)\b", re.I)


# "36% in Blackburn with Darwen", "12.1 per cent for Wokingham": the place right after a rate is its own
_FOR_PLACE = re.compile(r"\s+(?:in|for)\s+(?:the\s+)?(?-i:[A-Z])")


_NATION_AFTER = re.compile(r"\s*(?:nationally|(?:in|across|for)\s+(?:the\s+)?(?:England|UK|United\s+Kingdom|Scotland|Wales|"
                           r"country|Great\s+Britain))\b", re.I)


def _areas() -> str:
    """Nations and regions as text names them (the regions are the gazetteer's)."""
    regions = load_gazetteer().region_names()
    return "|".join([r"national|England|English|Scottish|Scotland|Welsh|Wales|UK|regional"] + [re.escape(r) for r in regions])


@lru_cache(maxsize=1)
def _average_before() -> re.Pattern:
    """ "a national average of 23 per cent", "the West Midlands figure of 26%": a nation's or a region's rate
    set beside the council's."""
    return re.compile(rf"\b(?:{_areas()})['’]?s?\s+(?:average|figure|rate|level)"
                      r"\s*(?:of|is|was|at|stands\s+at)?\s*(?:just\s+|some\s+|about\s+)?$", re.I)


@lru_cache(maxsize=1)
def _area_before_bracket() -> re.Pattern:
    """ "lower than both London (18.8%) and England (17.0%)", "than in England (16.6%)": the bracketed figure
    is the rate of the nation or region named right before it."""
    return re.compile(rf"\b(?:{_areas()}|United\s+Kingdom|Great\s+Britain|nationally)\s*\($", re.I)
# the rate's own words place it in a nation: "… of children are living in poverty in Scotland"
_POVERTY_IN_NATION = re.compile(r"[^.;%]*?\b(?:poverty|low[\s-]income\s+(?:households|families|homes))\s+(?:in|across)\s+(?:the\s+)?"
                                r"(?:Scotland|England|Wales|UK|United\s+Kingdom|Great\s+Britain|Britain|country)\b")


def _authority(doc, view, start: int, end: int) -> str | None:
    """The council a rate is for; None for a nation's rate ("In Scotland, 24% of children …")."""
    flat = view.flat
    s_start, s_end = view.sentence_bounds(start)
    named = [x for x in doc._.dcs_authority_mentions if s_start <= x.start < s_end]
    place = _FOR_PLACE.match(flat, end)
    if place:
        own = next((x for x in named if x.start == place.end() - 1), None)
        if own is not None:
            return own.gss
        if flat[place.end() - 1:].split(maxsplit=1)[0].lower().strip(",.;:()") not in _NOT_A_PLACE:
            return None  # "ranging from 8.1% to 18.2% in Bognor Regis": a town's or a ward's rate, not the council's
    if _COUNT_IN_MILLIONS.match(flat, end):
        return None  # "17% (2.3 million) children": no council has millions of children; a nation's rate
    whose = _OF_WHO_IN.match(flat, end)
    if whose:
        own = next((x for x in named if x.start == whose.end()), None)
        if own is not None:
            return own.gss  # "24% of all children in Clackmannanshire and 20% in Stirling"
    # (both ends of a range are in the part: "at ward level, with rates ranging from 6.3% to 48.1%")
    if _PART_OF_AREA_AFTER.match(flat, end) or _PART_OF_AREA_BEFORE.search(flat, _clause_start(flat, s_start, start, change_is_one_clause=True), start):
        return None  # "15.6% … in the coastal towns", "10.2% in non-coastal areas": some of the council's area
    after = re.sub(r"^\s*(?:across|in|for)\s+(?:the\s+)?", "", flat[end:end + 30])
    if (_NATIONAL.search(flat, s_start, start) or _NATIONAL.match(after)) and not named:
        return None
    figure = _ANY_PCT.match(flat, start)
    if _POVERTY_IN_NATION.match(flat, figure.end() if figure else start, min(max(s_end, end), end + 80)):
        return None  # "as an estimated 26% of children are still living in poverty in Scotland": the nation's rate
    if _another_place_before(doc, flat, s_start, start):
        return None
    return sentence_authority(doc, start, end)


_COUNT_IN_MILLIONS = re.compile(r"\s*\(\s*\d+(?:\.\d+)?\s?(?:million|m)\b", re.I)
# "… of all children in Clackmannanshire": the council named as where the children live is whose rate it is
_OF_WHO_IN = re.compile(r"\s+of\s+(?:all\s+)?(?:the\s+)?(?:children|child|young\s+people|people|residents|households|families)"
                        r"(?:\s+(?:aged|under|below)\s+\d{1,2})?\s+(?:living\s+|who\s+live\s+)?in\s+(?:the\s+)?")


# parts of a council's area written in common words: "in the coastal towns", "in non-coastal areas", "in the most
# deprived wards"
_AREA_PARTS = (r"(?:areas|towns|wards|localities|neighbourhoods|villages|communities|parishes|estates|LSOAs|MSOAs|data\s?zones|"
               # "differences at ward level, with rates ranging from 6.3% to 48.1%"
               r"(?:ward|neighbourhood|locality|LSOA|MSOA|data\s?zone|town|community)[\s-]+level)")
_PART_OF_AREA_AFTER = re.compile(rf"\s+(?:in|for|across|within)\s+(?:the\s+|some\s+|its\s+|our\s+)?(?:[\w-]+\s+){{0,3}}?{_AREA_PARTS}\b", re.I)
_PART_OF_AREA_BEFORE = re.compile(rf"\b(?:in|for|across|within|at)\s+(?:the\s+|some\s+|its\s+|our\s+)?(?:[\w-]+\s+){{0,3}}?{_AREA_PARTS}\b(?:[^%]|%\s*(?:to|-|–)\s)*$", re.I)
# "in Sedgefield 23.7 per cent", "across the North East (38 per cent)", "For Brightside the rate is 41%":
# a place the text names right before a rate, with no council named after it, is whose rate it is; when
# that place is no council (a constituency, a region, a town) the rate is no council's.
_PLACE_BEFORE = re.compile(r"\b(?:in|within|across|for)\s+(?:the\s+)?(?P<place>(?-i:[A-Z][\w’'.-]*)(?:\s+(?-i:[A-Z][\w’'.-]*)){0,3})",
                           re.I)
# between the two ends of a change: " to ", " - ", " in 2013 to ", " in 2019/20 to "
# between a change's two ends: "… 23.7 per cent to 39 per cent", "8.2% in West Sussex, increasing to 9.4% in Worthing"
_JOINS_NEXT = re.compile(r"\s*(?:(?:in|for)\s+(?:\d{4}(?:[/-]\d{2,4})?|(?-i:[A-Z])[\w’'&-]*(?:\s+(?-i:[A-Z])[\w’'&-]*){0,3})\s*,?\s+)?"
                         r"(?:(?:increasing|rising|falling|decreasing|dropping|going\s+(?:up|down))\s+)?(?:to|-|–)\s*", re.I)
_NOT_A_PLACE = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "spring", "summer", "autumn", "winter", "total", "addition", "particular",
                "contrast", "comparison", "summary", "short", "fact", "general", "practice", "order", "this", "that"}


def _another_place_before(doc, flat: str, s_start: int, start: int) -> bool:
    places = list(_PLACE_BEFORE.finditer(flat, _clause_start(flat, s_start, start, change_is_one_clause=True), start))
    if not places:
        return False
    place = places[-1]
    if place.group("place").split()[0].lower() in _NOT_A_PLACE:
        return False
    councils = [x for x in doc._.dcs_authority_mentions if place.start("place") <= x.start < start]
    return not councils


# right after a council's name: "Tower Hamlets, with 42 per cent", "Newham second at 38 per cent",
# "Barking and Dagenham's rate, at 30.7 per cent"
_RATE_AFTER_COUNCIL = re.compile(r"(?:['’]s?\s+(?:rate|figure|level|proportion))?\s*,?\s*(?:(?:was|is|had|has)\s+)?"
                                 r"(?:(?:tops|topped|heads|headed)\s+the\s+(?:table|list|league\s+table|rankings?)\s+|\w+\s+)?"
                                 r"(?:with|at|on|of)\s+(?:some\s+|about\s+|around\s+|just\s+)?\d{1,2}(?:\.\d+)?\s?(?:%|per\s?cent\b)", re.I)


def _councils_rate_in(doc, flat: str, start: int, end: int) -> bool:
    return any(start <= m.start < end and _RATE_AFTER_COUNCIL.match(flat, m.end, end) for m in doc._.dcs_authority_mentions)


# "… child poverty in the North East has risen … c) Within Darlington it has risen from 25.9 per cent to 39.5 per
# cent": "it" that rose, fell or stands is the measure of the sentence before
_SAME_RATE = re.compile(r"\b(?:(?:the|this|its)\s+(?:rate|figure|proportion|level)\s+(?:was|is|stood|stands|fell|rose|has)|"
                        r"it\s+(?:has\s+)?(?:risen|fallen|rose|fell|increased|decreased|stood|stands))\b", re.I)


# between councils listed before one bracketed rate: "West Dunbartonshire and Dundee City (30%)"
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)")


def _councils_before_bracket(doc, flat: str, start: int) -> list[str]:
    """The councils named right before the bracket a rate is in, as a list ("… in West Dunbartonshire and Dundee
    City (30%), Glasgow City (25%)"): each has that rate. Empty when the figure is not bracketed after a council."""
    bracket = flat.rfind("(", max(0, start - 2), start)
    if bracket < 0 or flat[bracket + 1:start].strip():
        return []
    councils: list[str] = []
    pos = bracket
    for mention in sorted((x for x in doc._.dcs_authority_mentions if x.end <= bracket), key=lambda x: -x.start):
        gap = flat[mention.end:pos]
        joined = _LIST_JOIN.fullmatch(gap) if councils else not gap.strip()  # the last council right before "("
        if not joined:
            break
        councils.append(mention.gss)
        pos = mention.start
    return councils[::-1]


def _rates_in_poverty_sentences(doc, view, seen_spans: list[int]) -> list[Candidate]:
    flat = view.flat
    found = []
    done: set[int] = set()
    sentences = []
    for cue in _POVERTY_SENTENCE.finditer(flat):
        if doc._.dcs_cues.within("not_poverty_rate", max(0, cue.start() - 15), cue.end()):
            continue  # "the highest rates of fuel poverty were observed in Orkney (57%)": another measure's sentence
        bounds = view.sentence_bounds(cue.start())
        sentences.append((bounds, flat[bounds[0]:bounds[1]]))
        # "Child poverty in Inverclyde has fallen … In 2024, the rate was 22.4 per cent": the next sentence's
        # "the rate" is the same measure; "… Tower Hamlets, with 42 per cent, was highest, with Newham second
        # at 38 per cent": so is each council's figure in the sentences that go on comparing them
        end = bounds[1]
        for _ in range(3):
            following = view.sentence_bounds(end) if end < len(flat) else None
            if not following or not (_SAME_RATE.search(flat, following[0], following[1])
                                     or _councils_rate_in(doc, flat, *following)):
                break
            sentences.append((following, flat[bounds[0]:following[1]]))
            end = following[1]
    for (s_start, s_end), sentence in sentences:
        if s_start in done:
            continue
        done.add(s_start)
        for m in _ANY_PCT.finditer(flat, s_start, s_end):
            if (m.start("pct") in seen_spans or _not_a_rate(flat, s_start, m.start(), m.end())
                    or _described_otherwise(doc, view, m.start(), m.end())):
                continue
            if re.match(r"\s*(?:to|-|–)\s*\d", flat[m.end():m.end() + 6]):
                continue  # "from 19.1% to 20.9%": the rate now is the second
            if (_NATION_AFTER.match(flat, m.end()) or _area_before_bracket().search(flat, max(s_start, m.start() - 30), m.start())
                    or _average_before().search(flat, max(s_start, m.start() - 40), m.start())):
                continue  # "compared with 29% nationally", "than in England (16.6%)", "a national average of 23 per
                # cent": the nation's figure, not the council's
            seen_spans.append(m.start("pct"))
            group = "children" if re.search(r"\bchild", sentence, re.I) else "all"
            percent = float(m.group("pct"))
            ev_start, ev_end = evidence_span(view, m.start(), m.end())
            for authority in _councils_before_bracket(doc, flat, m.start()) or [_authority(doc, view, m.start(), m.end())]:
                fields = {"authority": authority, "percent": percent, "group": group, "comparator": None}
                found.append(Candidate("poverty_rate", fields, ev_start, ev_end, 0.7,
                                       dedupe_key=("poverty_rate", authority, group, percent)))
    return found


def find_poverty_rates(doc, view) -> list[Candidate]:
    flat = view.flat
    found: list[Candidate] = []
    seen_spans: list[int] = []
    for pattern in (_SHARE_IN_POVERTY, _POVERTY_RATE):
        for m in pattern.finditer(flat):
            if m.start("pct") in seen_spans:
                continue
            s_start, _ = view.sentence_bounds(m.start("pct"))
            if _not_a_rate(flat, s_start, m.start("pct"), m.end()) or _described_otherwise(doc, view, m.start("pct"), m.end()):
                seen_spans.append(m.start("pct"))
                continue
            seen_spans.append(m.start("pct"))
            who = (m.group("who") or "").lower()
            s_start, _ = view.sentence_bounds(m.start())
            # "the proportion of children in poverty in Slough is 27%": who is named before the match
            group = "children" if re.search(r"child|young", who) or re.search(r"\bchild", flat[s_start:m.start()], re.I) else "all"
            end = m.end()
            comparator = None
            s_start, s_end = view.sentence_bounds(m.start())
            limit = min(max(s_end, m.end() + 1), m.end() + 120)
            c = _COMPARATOR.search(flat, m.end(), limit) or _COMPARATOR_AFTER.search(flat, m.end(), limit)
            if c:
                area = c.group("area") or "national"
                comparator = {"area": _AREA_NAMES.get(area.lower(), area), "percent": float(c.group("cpct"))}
                seen_spans.append(c.start("cpct"))  # the comparator's figure is not a rate of its own
                end = c.end()
                if flat[end:end + 1] == ")":
                    end += 1
            ev_start, ev_end = evidence_span(view, m.start(), end)
            authority = _authority(doc, view, m.start("pct"), end)
            percent = float(m.group("pct"))
            fields = {"authority": authority, "percent": percent, "group": group, "comparator": comparator}
            found.append(Candidate("poverty_rate", fields, ev_start, ev_end, 0.85,
                                   dedupe_key=("poverty_rate", authority, group, percent)))
            found.extend(_same_measure_elsewhere(doc, view, end, group, seen_spans))
    found.extend(_rates_in_poverty_sentences(doc, view, seen_spans))
    # A rate is a fact about a council: a nation's, a region's or a constituency's rate is context (the
    # comparator beside a council's rate), and a rate the text ties to no council is not kept.
    return [c for c in found if c.fields["authority"] is not None]


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
