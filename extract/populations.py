"""Population facts: how many people (or under-18s) live in an authority, with the text's qualifier."""

from __future__ import annotations

import re
from functools import lru_cache

from councildocs.extract.candidates import Candidate
from councildocs.extract.context import sentence_authority
from councildocs.extract.evidence import evidence_span
from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.numbers import parse_number
from councildocs.extract.tables import ColumnKind

# (a figure starts at no digit, comma or point and its thousands groups end it: "42,6163" with a footnote mark
# glued on is no count, rather than 6,163)
_NUM = r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?)"
_QUAL = (r"(?P<qual>over|more\s+than|in\s+excess\s+of|upwards\s+of|almost|nearly|just\s+under|under|fewer\s+than|"
         r"less\s+than|below|about|around|approximately|approx\.|some|roughly|c\.|circa|an\s+estimated|estimated|"
         r"close\s+to|just\s+over)?\s*")
_AMOUNT = rf"(?P<num>{_NUM})(?P<mult>\s?(?:million|m)\b)?"
_QUALIFIERS = {
    "over": "over", "more than": "over", "in excess of": "over", "upwards of": "over", "just over": "over",
    "almost": "under", "nearly": "under", "just under": "under", "under": "under", "fewer than": "under",
    "less than": "under", "below": "under",
}
_PEOPLE = r"(?:residents|people|inhabitants|citizens|population)"
_UNDER_18 = (r"(?:under[\s-]?18s?|aged\s+(?:under|below)\s+18|aged\s+0\s?(?:-|–|to)\s?17|children\s+and\s+young\s+people|"
             # "51,000 children in the city under the age of 18 years"
             r"children\s+(?:(?:in|living\s+in)\s+the\s+(?:city|borough|county|district|area|islands?)\s+)?(?:aged\s+)?(?:under|below)\s+the\s+age\s+of\s+18)")

_SHARE_OF_TOTAL = re.compile(
    rf"(?P<part>{_NUM})\s+(?:out\s+)?of\s+(?:its|the|their|our|a|whose)\s+(?:total\s+)?(?:population\s+of\s+)?"
    rf"(?P<total>{_NUM})(?P<tmult>\s?million)?\s+{_PEOPLE}\W{{0,3}}(?:\s+\w+){{0,2}}?\s+{_UNDER_18}", re.IGNORECASE)
_SHARE_OF_THEM = re.compile(
    rf"{_QUAL}(?P<num>{_NUM})\s+of\s+(?:them|whom|these)\s+(?:are\s+|being\s+|aged\s+)?(?:children\s+and\s+young\s+people\s+)?"
    rf"(?:under[\s-]?18s?|aged\s+(?:under|below)\s+18)"
    # "296,000 people, of whom 68,000 are aged under 18"
    rf"|of\s+(?:them|whom|these),?\s+{_QUAL.replace('?P<qual>', '?P<qual2>')}(?P<num2>{_NUM})\s+(?:are\s+|were\s+)?(?:children\s+)?"
    rf"(?:under[\s-]?18s?|aged\s+(?:under|below)\s+18|aged\s+0\s?(?:-|–|to)\s?17)", re.IGNORECASE)
_POPULATION_OF = re.compile(
    # "population of 164,000", "The population of Slough is 164,000", "Slough's population is estimated at …",
    # "the mid-2020 population estimate for Slough was …", "population has grown to …"
    rf"(?P<group>under[\s-]?18\s+|(?:aged\s+)?0\s?(?:-|–|to)\s?1[78]\s+(?:year[\s-]olds?\s+)?|child\s+|children'?s?\s+)?population(?:\s+estimates?)?"
    rf"(?:\s+(?:of|for|in)\s+(?:the\s+)?(?:(?:borough|district|city|county|county\s+borough|island|islands|area)\s+of\s+)?(?-i:[A-Z][\w’'&-]*)(?:\s+(?:and\s+|upon\s+|of\s+)?(?-i:[A-Z][\w’'&-]*)){{0,3}})?"
    rf"(?:\s+(?:in|at|for|on)\s+(?:mid-?)?(?:\d{{1,2}}\s+[A-Z][a-z]+\s+)?(?:19|20)\d\d)?,?"  # "at 30 June 2017"
    rf"(?:\s+(?:on|at)\s+(?:the\s+)?(?:(?:19|20)\d\d\s+)?census(?:\s+day|\s+night)?,?)?"  # "on Census day"
    rf"(?:\s+(?:then\s+|now\s+|currently\s+)?(?:is|was|stands\s+at|stood\s+at|totals?|totalled|reached|of|"
    rf"(?:has|had)\s+(?:grown|risen|increased|reached)(?:\s+to)?|"
    # "grew by 8.4% to 510,400", "grew by 56,200 (22.1%) to 310,300": the count it reached
    rf"(?:has\s+)?(?:grew|grown|rose|risen|increased|fell|fallen|decreased)\s+by\s+[\d.,]+\s?(?:%|per\s?cent|\(\s?[\d.]+\s?%\s?\))\s+to|(?:is|was|has\s+been|had\s+been)\s+(?:now\s+)?(?:estimated|projected|recorded|put)\s+(?:at|to\s+be|as)|to\s+be|"
    # "estimate the population of Birmingham at 1,073,000"
    rf"at(?=\s+\d))|:|\s*=)?\s+{_QUAL}{_AMOUNT}",
    re.IGNORECASE)
# (a PDF may lose the space after the figure: "In 2016 843,765people were estimated to be resident")
_COUNT_OF_PEOPLE = re.compile(rf"{_QUAL}{_AMOUNT}\s*(?:usual\s+|local\s+|permanent\s+)?(?P<noun>{_PEOPLE}|{_UNDER_18})\b", re.IGNORECASE)
_NOT_POPULATION = re.compile(r"\b(staff|employees|work(?:ers|force)?|homes|houses|housing|schools|pupils|visitors|"
                             r"jobs|businesses|units|in\s+care|looked\s+after|in\s+need|cases|referrals|"
                             # flows, not residents: "about 5,050 people came to Conwy to live"
                             r"came|moved|left|arrived|migrated|died|born|visited|"
                             # a survey's answer: "15,800 residents say their day to day activities are limited"
                             r"say|said|reported|report|feel|felt|describe\w*|consider\w*|rated?|"
                             # what some people do or are, not who lives there: "8,970 people provide unpaid care",
                             # "3,470 people of working age on out of work benefits"
                             r"provid\w*|receiv\w*|claim\w*|attend\w*|volunteer\w*|of\s+working\s+age|on\s+(?:out[\s-]of[\s-]work\s+)?benefits|"
                             # a density, not a count: "15,695 residents per square kilometre"
                             r"per\s+(?:square|sq\.?|km|hectares?|acres?)|"
                             # an age band's count: "around 86,300 residents in this age group"
                             r"in\s+(?:this|that|the\s+same|each)\s+age\s+(?:group|band|range|bracket))\b", re.I)


# "school population", "prison population", "working-age population": a population that is not the residents
_OTHER_POPULATION_WORDS = (r"school|pupil|student|prison|patient|working[\s-]age|older|elderly|adult|youth|practice|registered|GP|"
                           r"client|care|claimant|ethnic|non-white|white|minority|BAME|island|rural|urban")
_OTHER_POPULATION = re.compile(rf"\b(?:{_OTHER_POPULATION_WORDS})\s*$", re.I)
# "the adult population 18+ was estimated to be 224,100 people": the count a sentence gives such a population
_OTHER_POPULATION_BEFORE = re.compile(rf"\b(?:{_OTHER_POPULATION_WORDS})\s+population\b[^.;]{{0,40}}$", re.I)
# "per 10,000 people": a rate's base, not a count of anyone
_RATE_BASE = re.compile(r"\b(?:per|every|each|for\s+every|in\s+every)\s*$", re.IGNORECASE)
# "councils should have a population of 500,000 or more", "at least 300,000 residents": a threshold
_THRESHOLD_AFTER = re.compile(r"\s*(?:people\s+|residents\s+|inhabitants\s+)?(?:or\s+(?:more|above|over|less|below|fewer)|"
                              r"and\s+(?:above|over))\b(?!\s*\d)", re.IGNORECASE)  # "… people and over 37,000 are aged 65": a second count
# "approximately 7,000 more than official estimates": a difference between two counts
_DIFFERENCE_AFTER = re.compile(r"\s*(?:people\s+|residents\s+)?(?:more|fewer|less|higher|lower|greater|above|below)\s+than\b", re.I)
_THRESHOLD_BEFORE = re.compile(r"\b(?:at\s+least|minimum(?:\s+of)?|a\s+minimum|threshold\s+of|should|must|need(?:s|ed)?\s+to|"
                               r"would\s+need|ideal|optimum|optimal|between(?!\s+(?:19|20)\d\d\b))\b[^.;]{0,40}$", re.IGNORECASE)  # (not "between 2011 and 2021")


# "a net migration gain of 1,550 people", "an increase of 6,000 residents", "they lost 10,000 people": a change, not a count
_CHANGE_BEFORE = re.compile(r"\b(?:gain|loss|increase|decrease|growth|change|rise|fall|drop|migration|births|deaths|"
                            r"grew|fell|rose|increased|decreased|lost|lose|loses|losing|gained|gains|gaining)\b(?:\s+\w+){0,2}?\s*(?:of|by)?\s*(?:about|around|some|nearly)?\s*$", re.I)


# "people aged between 16 and 64", "aged 65 and over", "37,000 people are aged 65 or over", "5,000 people 65+": an age band, not all residents (under-18s are read apart)
_AGE_BAND = re.compile(r"(?:\s+(?:are|were|is|was))?\s+(?:aged\s+(?!under\s+18|below\s+18|0\s?(?:-|–|to)\s?1[78]\b)|\d{1,2}\s?\+|"
                       r"(?:over|above)\s+the\s+age\s+of\s|(?:under|below)\s+the\s+age\s+of\s+(?!18\b))", re.I)
# "used to educate over 17,000 residents": the people a service reaches, not those living there
_SERVED_BY = re.compile(r"\b(?:educat\w+|support\w*|help\w*|hous(?:e|es|ed|ing)|employ\w*|treat\w*|train\w*|"
                        r"vaccinat\w+|screen\w*|visit\w*|assist\w*)\s+(?:\w+\s+)?$", re.I)
# "City ward has the highest population (23,640 people)": a ward or town of the council, not the council
_PART_OF_AREA = re.compile(r"\b(?:wards?|parish(?:es)?|villages?|neighbourhoods?|localit(?:y|ies)|towns?\s+centre)\b", re.I)


# "Of the population 144,600 (62.94%) were of working age", "(7.19%, 16,604 residents)", "(21.6%, or 682,000
# people)", "a third of our 90,000 residents" (but not "the wellbeing of our 290,000 residents"): a count set beside
# its percentage is a share of the residents, not all of them
_SHARE_BEFORE = re.compile(r"(?:\d\s?%\s*,?(?:\s*or)?|(?:\d|\b(?:one|two|three|half|third|quarter|fifth|majority|proportion|share|"
                           r"percentage|many|most|some))\s+of\s+(?:the|its|our|their)\s+)\s*$", re.I)
_SHARE_AFTER = re.compile(r"\s*\(\s*\d[\d.]*\s?%")
# "approximately 17.1% of Argyll and Bute’s population (15,105 people) live on islands", "those of working age by
# 3.9% (5,656 residents)": the count in brackets is the percentage's, a share or a change
_SHARE_BEFORE_BRACKET = re.compile(r"\d\s?%\s+of\s+[^.;%()]{0,60}\(\s*$|\d\s?%\s*\(\s*$")
# "the 25 to 44 age group was the largest in 2022, with a population of 66,162": an age band's count
_AGE_GROUP_BEFORE = re.compile(r"\bage\s+(?:group|band|range|bracket)s?\b[^.;]{0,80}$", re.I)
# "11,000 people (37%) may be living alone", "27,000 people over the age of 65 (8%)": the count's own words end
# on its share of the residents
_SHARE_AFTER_WORDS = re.compile(r"[^.;,()\n]{0,40}?\(\s*\d[\d.]*\s?%")


def _not_a_count(flat: str, start: int, end: int, floor: int = 0) -> bool:
    """A rate base, a threshold, a change, a share or a ward's count, not the number of people living in a
    council's area. The words looked at before the figure begin no earlier than ``floor`` (its sentence's start:
    "… Walsall town centre.\n\nThe Borough had an estimated 286,700 residents" is not a town centre's count)."""
    def before(chars: int) -> str:
        return flat[max(floor, start - chars):start]

    # the count is the span's last figure ("population grew by 56,200 (22.1%) to 310,300": not the change before it)
    figures = list(re.finditer(r"\d[\d,]*(?:\.\d+)?", flat[start:end]))
    if figures and _SHARE_AFTER.match(flat, start + figures[-1].end()):
        return True
    return bool(_RATE_BASE.search(before(15)) or _THRESHOLD_AFTER.match(flat, end)
                or _SHARE_BEFORE_BRACKET.search(before(80)) or _AGE_GROUP_BEFORE.search(before(120))
                or _DIFFERENCE_AFTER.match(flat, end)
                or _SHARE_BEFORE.search(before(15))
                or _THRESHOLD_BEFORE.search(before(60))
                or _CHANGE_BEFORE.search(before(40))
                or _PART_OF_AREA.search(before(60)))


def _qualifier(raw: str | None) -> str:
    if not raw:
        return "exact"
    key = re.sub(r"\s+", " ", raw.lower()).strip()
    return _QUALIFIERS.get(key, "about")


@lru_cache(maxsize=1)
def _nations_and_regions() -> re.Pattern:
    regions = load_gazetteer().region_names()
    names = [r"England(?:\s+and\s+Wales)?", "Wales", "Scotland", r"Northern\s+Ireland", r"(?:the\s+)?UK", r"United\s+Kingdom",
             r"(?:Great\s+)?Britain", r"the\s+region", "nationally"] + [rf"(?:the\s+)?{re.escape(r)}" for r in regions]
    return re.compile(rf"\b(?:{'|'.join(names)})\b")


# "Newport, the county town, has …", "Kilmarnock is the largest town, with …": a settlement in the area
_SETTLEMENT = re.compile(r"\b(?:town|towns|village|villages|hamlet|suburb|settlement)\b", re.I)


def _another_place(doc, view, start: int, end: int) -> bool:
    """ "Ryde has around 24,000 residents", "The population of England is 56.5 million": the sentence gives the
    figure at text[start:end] to a town, a region or a nation and names no council."""
    if _LIVING_IN_NATION.match(view.flat, end):
        return True  # "around 3,164,000 people were living in Wales", whichever council the sentence names
    s_start, _ = view.sentence_bounds(start)
    if any(s_start <= m.start < end for m in doc._.dcs_authority_mentions):
        return False
    if any(0 <= m.start - end <= 12 and re.fullmatch(r"\s*(?:people|residents)?\s*,\s*(?:the\s+)?", view.flat[end:m.start], re.I)
           for m in doc._.dcs_authority_mentions):
        return False  # "with a growing population of over 77,000 people, Tamworth is a borough …": the council the clause opens on
    # the place must be the figure's: within its own words, not a sentence's opening about something else
    # ("one of the largest employers in South West Wales … providing services to a population of 187,900")
    near = max(s_start, start - _PLACE_REACH)
    if _nations_and_regions().search(view.flat, near, end) or _SETTLEMENT.search(view.flat, near, end):
        return True
    return any(e.label_ in {"GPE", "LOC"} and near <= e.start_char < end for e in doc.ents)


_PLACE_REACH = 60  # characters before a count in which a place names whose count it is
# the nation a count's own words after it place its people in
_LIVING_IN_NATION = re.compile(r"\s*(?:(?:were|are|was|is|now)\s+)?(?:(?:usually\s+)?(?:living|lived|live|resident)\s+)?"
                               r"(?:in|across)\s+(?:England(?:\s+and\s+Wales)?|Wales|Scotland|Northern\s+Ireland|"
                               r"(?:the\s+)?UK|(?:the\s+)?United\s+Kingdom|(?:Great\s+)?Britain)\b")


def _candidate(doc, view, start, end, value, qualifier, group, confidence) -> Candidate | None:
    """A council's population; None for a town's, a region's or a nation's, or one the text ties to no council."""
    if _another_place(doc, view, start, end):
        return None
    authority = sentence_authority(doc, start, end)
    if authority is None:
        return None  # a count the text ties to no council is no council's population
    ev_start, ev_end = evidence_span(view, start, end)
    fields = {"authority": authority, "value": int(value), "qualifier": qualifier, "group": group}
    return Candidate("population", fields, ev_start, ev_end, confidence,
                     dedupe_key=("population", authority, group, int(value)))


# A table row "Cardiff 362,312" (or "Cardiff362,312", as a web table's cells flatten): a council and a
# count ending the line, in a table the text heads as a population ("Usual resident population by …").
# Tables flattened further keep their rows on one line ("Birmingham 1,058,800 26,422 13 Leeds 744,500 …",
# "Barnet |310.0 |239.7 Bexley |220.2 |…"): there a council followed by a figure is a row when the rows
# run on (the next council comes within a few cells), and the figure is the first column's.
_ROW_COUNT = re.compile(r"[ \t]*(?P<num>\d{1,3}(?:,\d{3})+|\d{4,})[ \t]*(?:\n|$)")
_ROW_CELL = re.compile(r"[ \t]*\|?[ \t]*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d{4,})(?=[ \t|]|$)")
_ROW_CELLS = re.compile(r"(?:[ \t]*\|?[ \t]*[\d,.]*\d[ \t]*\|?)*")  # a row's other figure cells
_TABLE_OF_RESIDENTS = re.compile(r"\b(?:population|residents|people)\b", re.I)
_NOT_RESIDENTS = re.compile(r"\b(?:households|dwellings|pupils|employees|jobs|businesses|per\s+cent|percentage|rate|£)\b", re.I)
# "Thousands", "(000s)", "'000": the table counts in thousands
_IN_THOUSANDS = re.compile(r"\bthousands\b|\(?['’]?000s?\)?(?!\d)", re.I)
_ROWS_RUN_ON = 3  # a one-line table has at least this many rows: a council and a figure once is a sentence


def _table_rows(doc, view) -> list[Candidate]:
    text = view.text
    mentions = doc._.dcs_authority_mentions
    found = []
    run_on = []
    last_row_end = None  # where the last row read ends (its last figure cell)
    for i, mention in enumerate(mentions):
        line_start = text.rfind("\n", 0, mention.start) + 1
        row = _ROW_COUNT.match(text, mention.end)
        if row:
            heading = text[max(0, line_start - 1500):line_start]
            scale = 1
        else:
            row = _ROW_CELL.match(text, mention.end)
            following = mentions[i + 1] if i + 1 < len(mentions) else None
            line_end = text.find("\n", mention.end)
            if row is None:
                continue
            # the next council follows within a few cells on the same line, or (the table's last row) the
            # row before ran on into this one
            runs_on = (following is not None and following.start - row.end() <= 40
                       and not 0 <= line_end < following.start)
            last_row = last_row_end is not None and 0 <= mention.start - last_row_end <= 40
            if not (runs_on or last_row):
                continue
            heading = text[max(line_start, mention.start - 1500):mention.start]
            heading = heading[:_first_row(heading)]
            scale = 1000 if _IN_THOUSANDS.search(heading[-400:]) else 1
            if scale == 1 and "." in row.group("num"):
                continue  # a decimal is no head count
        if row.re is _ROW_COUNT:
            if not _TABLE_OF_RESIDENTS.search(heading) or _NOT_RESIDENTS.search(heading[-300:]):
                continue
        elif not _population_column_first(heading[-400:]):
            continue
        value = parse_number(row.group("num")) * scale
        if value < 1000:
            continue
        ev_start, ev_end = view.evidence_bounds(mention.start, row.end("num"))
        candidate = Candidate("population", {"authority": mention.gss, "value": int(value), "qualifier": "exact", "group": "all"},
                              ev_start, ev_end, 0.75, dedupe_key=("population", mention.gss, "all", int(value)))
        (found if row.re is _ROW_COUNT else run_on).append(candidate)
        last_row_end = _ROW_CELLS.match(text, row.end()).end()
    return found + (run_on if len(run_on) >= _ROWS_RUN_ON else [])


# a population cell: one whole count ("116,660", "492680"), or thousands with a decimal ("169.6") under a
# header in thousands
_POPULATION_CELL = re.compile(r"\s*(?P<num>\d{1,3}(?:,\d{3})+|\d{4,}|\d+\.\d+)\s*")
# a row label that is a council's area written as statistics tables do ("Edinburgh, City of", "Argyll & Bute")
_LABEL_LEFTOVER = re.compile(r"[\s,&()]*(?:(?:City|County|Borough|District|Council|of|and|the|UA)\b[\s,&()]*)*")


# a population column of some residents ("Population of 11-18s", "Aged 65+", "Females") or of a future year
_SOME_RESIDENTS_OR_FUTURE = re.compile(r"\b(?:aged?|ages|under|over|males?|females?|men|women|children|adults|projected|"
                                       r"projections?|forecasts?)\b|\d\s*(?:[-–]|to)\s*\d+s?\b|\d\s*\+", re.I)


def _header_of(table, column) -> str:
    return " ".join(row.cells[column.index].text for row in table.header)


def _population_tables(doc, view) -> list[Candidate]:
    """A table whose header names one column the population ("| Area | Population |"): each row that is a council's
    area (its label cell a council's name and little else) gives that council's count."""
    found = []
    for table in doc._.dcs_tables or []:
        columns = [c for c in table.of_kind(ColumnKind.POPULATION) if not _SOME_RESIDENTS_OR_FUTURE.search(_header_of(table, c))]
        if len(columns) > 1 and all(c.year for c in columns) and len({c.year for c in columns}) == len(columns):
            # "Mid-year estimate 2023 | Mid-year estimate 2024": the latest estimate is the area's population now
            columns = [max(columns, key=lambda c: c.year)]
        if len(columns) != 1 or table.not_pay:
            continue  # several population columns (age bands, sexes) or none: which count is the area's is not said
        header_text = " ".join(c.text for row in table.header for c in row.cells)
        scale = 1000 if _IN_THOUSANDS.search(header_text) else 1
        for row in table.rows:
            label, cell = row.cells[0], row.cells[columns[0].index]
            named = [m for m in doc._.dcs_authority_mentions if label.start <= m.start and m.end <= label.end]
            if len({m.gss for m in named}) != 1 or columns[0].index == 0:
                continue
            rest = "".join(ch for i, ch in enumerate(label.text, label.start) if not any(m.start <= i < m.end for m in named))
            figure = _POPULATION_CELL.fullmatch(cell.text)
            if not _LABEL_LEFTOVER.fullmatch(rest) or figure is None:
                continue  # "Angus (excluding Arbroath)", or a cell that is not one count
            if scale == 1 and "." in figure.group("num"):
                continue  # a decimal is no head count
            value = int(parse_number(figure.group("num")) * scale)
            if value < 1000:
                continue
            ev_start, ev_end = view.evidence_bounds(label.start, cell.end)
            found.append(Candidate("population", {"authority": named[0].gss, "value": value, "qualifier": "exact", "group": "all"},
                                   ev_start, ev_end, 0.75, dedupe_key=("population", named[0].gss, "all", value)))
    return found


# "Blackburn with Darwen (148,772) had the largest mid-year population estimate …, followed by Lancaster (142,487)":
# a council with its count in brackets, in a sentence about the councils' populations
_BRACKETED_COUNT = re.compile(r"[ \t]?\([ \t]?(?P<num>\d{1,3}(?:,\d{3})+)[ \t]?\)")
_ABOUT_RESIDENTS = re.compile(r"\b(?:populations?|residents|inhabitants|persons)\b", re.I)
# … and not about some of them, or how they changed ("aged 65 and over", "grew most", "households")
_ABOUT_SOME_OR_CHANGE = re.compile(r"\b(?:aged|ages?|over[\s-]65s?|under[\s-]18s?|children|pupils|households|births|deaths|migra\w*|"
                                   r"increase\w*|decrease\w*|change\w*|growth|grew|grown|fell|fallen|rose|risen|more|fewer|density|"
                                   r"per|projected|projections?)\b", re.I)


def _bracketed_counts(doc, view) -> list[Candidate]:
    found = []
    for mention in doc._.dcs_authority_mentions:
        m = _BRACKETED_COUNT.match(view.flat, mention.end)
        if m is None:
            continue
        s_start, s_end = view.sentence_bounds(mention.start)
        sentence = view.flat[s_start:s_end]
        if not _ABOUT_RESIDENTS.search(sentence) or _ABOUT_SOME_OR_CHANGE.search(sentence):
            continue
        value = int(parse_number(m.group("num")))
        if value < 1000:
            continue
        ev_start, ev_end = view.evidence_bounds(mention.start, m.end())
        found.append(Candidate("population", {"authority": mention.gss, "value": value, "qualifier": "exact", "group": "all"},
                               ev_start, ev_end, 0.75, dedupe_key=("population", mention.gss, "all", value)))
    return found


def _population_column_first(header: str) -> bool:
    """Whether a one-line table's header names the residents before any other measure ("Population
    (thousands) Number of employees …"): the first figure of each row is then the population."""
    residents = _TABLE_OF_RESIDENTS.search(header)
    other = _NOT_RESIDENTS.search(header)
    return residents is not None and (other is None or residents.start() < other.start())


def _first_row(heading: str) -> int:
    """Where the rows begin in the text before a one-line table's row: the header is what precedes the first
    run of figure cells that follows a word (the rows), so "Population* Area (hectares) … Birmingham
    1,058,800 26,422 13 Leeds" gives the header "… Population* Area (hectares) …"."""
    m = re.search(r"[A-Za-z.)][ \t]*\|?[ \t]*\d[\d,.]*(?:[ \t]*\|?[ \t]*\d[\d,.]*)*[ \t]+[A-Z]", heading)
    return m.start() if m else len(heading)


_YEAR = re.compile(r"(?:19|20)\d\d")
# "an increase in population from 101,700 to 106,900": the count it reached, and the count it started from (the
# area's population in the earlier year)
# "has risen from 650,489 in the 2011 national census to 712,300 in the 2021 census", "the population size has
# increased by 14.9%, from around 79,400 in 2011 to 91,300 in 2021"
_POPULATION_FROM_TO = re.compile(rf"\bpopulation\s+(?:[\w.%,]+,?\s+){{0,8}}?\(?from\s+(?P<fqual>around\s+|about\s+|some\s+|approximately\s+)?"
                                 rf"(?P<from>{_NUM})(?P<fmult>\s?(?:million|m)\b)?(?:\s+(?:in|at)\s+[^.;,]{{0,40}}?)?"
                                 rf"\s+to\s+{_QUAL}{_AMOUNT}", re.I)


def find_populations(doc, view) -> list[Candidate]:
    flat = view.flat
    found: list[Candidate] = _population_tables(doc, view) + _table_rows(doc, view) + _bracketed_counts(doc, view)
    for m in _POPULATION_FROM_TO.finditer(flat):
        value = parse_number(m.group("num"), m.group("mult"))
        if value >= 1000 and not _YEAR.fullmatch(m.group("num")):  # "population … from 2011 to 2021": years
            found.append(_candidate(doc, view, m.start(), m.end(), value, _qualifier(m.group("qual")), "all", 0.8))
            start_value = parse_number(m.group("from"), m.group("fmult"))
            if start_value >= 1000 and not _YEAR.fullmatch(m.group("from")):
                found.append(_candidate(doc, view, m.start(), m.end(), start_value,
                                        _qualifier(m.group("fqual")), "all", 0.75))
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for m in _SHARE_OF_TOTAL.finditer(flat):
        total = parse_number(m.group("total"), m.group("tmult"))
        part = parse_number(m.group("part"))
        found.append(_candidate(doc, view, m.start(), m.end(), total, "exact", "all", 0.85))
        found.append(_candidate(doc, view, m.start(), m.end(), part, "exact", "under_18", 0.85))
        taken.append((m.start(), m.end()))
    for m in _SHARE_OF_THEM.finditer(flat):
        value = parse_number(m.group("num") or m.group("num2"))
        if value >= 500:
            qualifier = _qualifier(m.group("qual") or m.group("qual2"))
            found.append(_candidate(doc, view, m.start(), m.end(), value, qualifier, "under_18", 0.8))
            taken.append((m.start(), m.end()))
    for m in _POPULATION_OF.finditer(flat):
        if not free(m.start("num"), m.end()):
            continue
        value = parse_number(m.group("num"), m.group("mult"))
        if value < 1000 or _not_a_count(flat, m.start(), m.end(), view.sentence_bounds(m.start())[0]) or _YEAR.fullmatch(m.group("num")):
            continue  # "population estimates 2021": a year, not a count
        if _OTHER_POPULATION.search(flat[max(0, m.start() - 20):m.start()]) or _NOT_POPULATION.match(
                flat[m.end():m.end() + 25].lstrip()):
            continue  # "the city's school population is 56,000 pupils": not residents
        group = "under_18" if m.group("group") else "all"
        found.append(_candidate(doc, view, m.start(), m.end(), value, _qualifier(m.group("qual")), group, 0.85))
        taken.append((m.start(), m.end()))
    for m in _COUNT_OF_PEOPLE.finditer(flat):
        if not free(m.start("num"), m.end()):
            continue
        value = parse_number(m.group("num"), m.group("mult"))
        # the words after the count in its own sentence ("… 290,000 residents\n  • delivering homes" ends at the item)
        after_end = min(m.end() + 25, view.sentence_bounds(m.start("num"))[1])
        if value < 5000 or _NOT_POPULATION.search(flat[m.end():after_end]) or _not_a_count(
                flat, m.start(), m.end(), view.sentence_bounds(m.start("num"))[0]):
            continue
        if "\n\n" in view.text[m.end("num"):m.start("noun")]:
            continue  # a table's last figure and the next paragraph's "Population estimates …"
        if _AGE_BAND.match(flat, m.end()) or _SERVED_BY.search(flat, max(0, m.start("num") - 25), m.start("num")):
            continue
        if _SHARE_AFTER_WORDS.match(flat, m.end()):
            continue  # a share of the residents, set beside its percentage
        if _OTHER_POPULATION_BEFORE.search(flat, view.sentence_bounds(m.start("num"))[0], m.start("num")):
            continue  # "the adult population 18+ was estimated to be 224,100 people": not all residents
        if doc._.dcs_cues.starts_near("subgroup", m.end()):
            continue  # "12,000 people living with diabetes": some of the residents, not all
        noun = m.group("noun").lower()
        group = "under_18" if re.match(_UNDER_18, noun, re.I) else "all"
        if group == "under_18" or noun == "people":
            # "60,000 children and young people" is a population only where the text says they live there
            if not re.search(r"\b(live|living|population|resident|aged|borough|county|city|census|home\s+to|serves?|serving|covers?|"
                             r"services\s+to|deliver\w*\s+(?:\w+\s+){0,3}to)\b",
                             view.sentence(m.start()), re.I):
                continue
        if group == "all" and re.match(rf"\s*\W{{0,3}}\s*(?:\w+\s+){{0,2}}{_UNDER_18}", flat[m.end():m.end() + 40], re.I):
            group = "under_18"
        found.append(_candidate(doc, view, m.start(), m.end(), value, _qualifier(m.group("qual")), group, 0.75))
        taken.append((m.start(), m.end()))
        found.extend(_elided_counts(doc, view, m.end(), group, taken))
    return [c for c in found if c is not None]


_ELIDED = re.compile(rf"^,?\s+and\s+(?P<place>[A-Z][\w’'&-]*(?:\s+(?:and\s+|upon\s+)?[A-Z][\w’'&-]*){{0,3}})\s*,?\s*"
                     rf"(?:with\s+)?{_QUAL}(?P<num>{_NUM})(?P<mult>\s?million)?\b(?!\s*(?:%|per))")


def _elided_counts(doc, view, pos: int, group: str, taken: list) -> list[Candidate]:
    """ "Westminster has some 205,000 residents and Kensington and Chelsea about 144,000": the noun is not repeated."""
    m = _ELIDED.match(view.flat[pos:pos + 120])
    if not m:
        return []
    start, end = pos + m.start("place"), pos + m.end()
    named = [x.gss for x in doc._.dcs_authority_mentions if start <= x.start < pos + m.end("place")]
    if len(set(named)) != 1:
        return []
    value = parse_number(m.group("num"), m.group("mult"))
    if value < 1000:
        return []
    c = _candidate(doc, view, start, end, value, _qualifier(m.group("qual")), group, 0.7)
    if c is None:
        return []
    c.fields["authority"] = named[0]
    c.dedupe_key = ("population", named[0], group, int(value))
    taken.append((start, end))
    return [c]
