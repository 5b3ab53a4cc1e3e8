"""Salary facts: single figures and ranges paid for a post, never budgets, savings or investments."""

from __future__ import annotations

import re

from councildocs.extract.candidates import Candidate
from councildocs.extract.context import in_career
from councildocs.extract.evidence import evidence_span
from councildocs.extract.text_view import line_bounds
from councildocs.extract.syntax import described_by
from councildocs.extract.roles import RoleMention, categorise_role, main_post
from councildocs.extract.shared import distinctive_words
from councildocs.extract.numbers import MULTIPLIER, NUMBER, Amount, as_int_or_float, find_money, parse_number

# Plausible pay for a senior post, by the period it is quoted for.
PAY_BOUNDS = {"year": (15_000, 500_000), "day": (100, 3_000), "hour": (10, 300)}
# Which words say a figure is pay, and which that it is a budget, cost, value or statistic: the labels
# "salary", "strong_salary", "not_pay" and "pay_statistic" of extract/data/cues.json (doc._.dcs_cues).

# "a package of £100,000 or more must be approved": a threshold, not a post's pay
# "£100,000 or more", "£100k+", "£100K + receives", "£50,000 upwards": a threshold, not a post's pay
_THRESHOLD_AFTER = re.compile(r"\s*(?:(?:or|and)\s+(?:more|above|over|less|below|upwards)\b|upwards\b|\+)", re.IGNORECASE)
# "salaries in excess of £100,000", "posts paid more than £50,000": a threshold, not a post's pay
_THRESHOLD_BEFORE = re.compile(r"\b(?:in\s+excess\s+of|exceed(?:s|ing)?|above|over|more\s+than|greater\s+than|at\s+least|"
                               r"less\s+than|below|under|minimum\s+of|threshold\s+of|starting\s+at)\s*$", re.IGNORECASE)
_SHARE_OF = re.compile(r"\d\s?(?:%|per\s?cent)\s+of\s*$", re.IGNORECASE)
# "pay rose by £40,000 to £155,000": the change is not part of the pay, the figure it reached is
_CHANGE_BY = re.compile(r"\bby\s*$", re.IGNORECASE)
_CHANGE_VERB = re.compile(r"\b(?:ris(?:e|es|en|ing)|rose|increas\w*|rais\w*|up|cut|reduc\w*|fell|fall\w*|decreas\w*|"
                          r"went|go(?:es)?|grow\w*|grew|uplift\w*|boost\w*)\b[^.;£]{0,30}$", re.IGNORECASE)
# "an error in the stated salary of the Director, from £89,763 to £91,558": a correction or revision is a change too
_CHANGE_FROM = re.compile(r"\b(?:correct\w*|amend\w*|chang\w*|adjust\w*|revis\w*|error)\b[^.;£]{0,100}\bfrom\s*$", re.I)
_BETWEEN_ROLE_AND_PAY = re.compile(r"[\s,:;–—(-]*(?:(?:c\.|circa|approx\.?|around|about|up\s+to|salary:?|on)\s*)?", re.I)
# "£113,403 rising subject to satisfactory performance to £116,254": the words of a rise may come between
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and|rising(?:\s+[\w,]+){0,6}?\s+to)\s*$|^[ \t]{2,}$", re.IGNORECASE)  # or two table columns
_CELL_JOIN = re.compile(r"[ \t]*[|\t][ \t]*")
_MIN_MAX_HEADER = re.compile(r"\b(?:min(?:imum)?|from|lowest|bottom)\b[^\n]{0,60}\b(?:max(?:imum)?|to|highest|top)\b", re.I)
_UP_TO = re.compile(r"\b(?:up\s+to|maximum\s+of|max\.?)\s*$", re.IGNORECASE)
# "£85,000 - £90,000 / Max salary £89,785" in one box of an organisation chart: the cap of the band just given,
# not a second salary for the post
_BAND_CAP = re.compile(r"\bmax(?:imum)?\.?\s+salary\s*:?\s*$", re.IGNORECASE)
_PERIODS = (("hour", re.compile(r"^\W{0,3}(?:per|an|a)\s+hour|^\s*p/?h\b", re.I)),
            ("day", re.compile(r"^\W{0,3}(?:per|a)\s+day|^\s*daily", re.I)))


def _pair_ranges(flat: str, amounts: list[Amount], view_text: str) -> list[tuple[Amount, Amount | None]]:
    """Figures paired into ranges: "£X - £Y", "between £X and £Y", and a pay table's minimum and maximum
    columns ("£146,220     £158,904", on one line)."""
    groups: list[tuple[Amount, Amount | None]] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        if i + 1 < len(amounts):
            b = amounts[i + 1]
            between = view_text[a.end:b.start]
            joined = _RANGE_JOIN.match(between) and (between.strip() or b.value <= 2 * a.value)
            if not joined and _CELL_JOIN.fullmatch(between) and b.value <= 2 * a.value:
                # "CO1 | £120,000 | £130,000" under a "Minimum | Maximum" header: a grade's range
                joined = _MIN_MAX_HEADER.search(view_text[max(0, a.start - 800):a.start])
            before = flat[max(0, a.start - 50):a.start]
            if joined and between.strip().lower() == "to" and (_CHANGE_BY.search(before) or _CHANGE_VERB.search(before)
                                                              or _CHANGE_FROM.search(flat[max(0, a.start - 120):a.start])):
                groups.append((b, None))  # "rose by £40,000 to £155,000", "increased from £X to £Y"
                i += 2
                continue
            if joined and "and" in between.lower():
                joined = joined if re.search(r"between\s*$", flat[max(0, a.start - 12):a.start], re.I) else None
            if joined and b.value >= a.value:
                groups.append((a, b))
                i += 2
                continue
        pair = bare_upper_bound(flat, a)
        if pair is not None:
            groups.append(pair)
            i += 1
            continue
        groups.append((a, None))
        i += 1
    return groups


# "£113,205 - 138,362", "£120-135k": the upper figure written without its pound sign
_BARE_UPPER_BOUND = re.compile(rf"\s?(?:-|–|—|to)\s?(?P<num>{NUMBER})(?P<mult>{MULTIPLIER})?(?![\d%])", re.IGNORECASE)


def bare_upper_bound(text: str, low: Amount) -> tuple[Amount, Amount] | None:
    """The range a figure opens when its upper figure follows without a pound sign ("£113,205 - 138,362",
    "£120-135k"), or None."""
    m = _BARE_UPPER_BOUND.match(text, low.end)
    if m is None:
        return None
    high = Amount(value=parse_number(m.group("num"), m.group("mult")), start=m.start("num"), end=m.end(),
                  has_multiplier=bool(m.group("mult")))
    if high.has_multiplier and not low.has_multiplier:
        # the upper figure's "k" applies to the lower one too
        low = Amount(value=parse_number(str(low.value), m.group("mult")), start=low.start, end=low.end, has_multiplier=True)
    if not low.value <= high.value <= low.value * 2:
        return None
    return low, high


_FORMER = re.compile(r"\b(formerly|previously|used\s+to|ended|until\s+(?:19|20)\d\d)\b", re.I)


# "report to the Chief Executive", "work closely with the Director of …": a colleague's post, not the one paid
_COLLEAGUE = re.compile(r"\b(?:report(?:s|ing)?\s+(?:directly\s+)?to|work(?:s|ing)?\s+(?:closely\s+)?with|alongside|"
                        r"accountable\s+to|supported\s+by|line\s+managed\s+by)\s+(?:the\s+|our\s+|a\s+)?(?:[\w’']+\s+){0,2}$", re.I)
_BARE_DIRECTOR = re.compile(r"(?:(?:the|a|new|shared|joint|single|interim|permanent|statutory)\s+)*directors?", re.I)


def post_words(fields: dict) -> frozenset:
    """What tells two posts of one category apart in a pay table ("Assistant Director Delivery", "…
    Communities", both £50,000 to £54,999); a statutory post is one per council, however it is written."""
    if fields["role_category"] in {"service_director", "assistant_director", "other"}:
        return distinctive_words(fields.get("role") or "")
    return frozenset()


def salary_key(fields: dict) -> tuple:
    """One salary fact per range and post, however many sentences or table rows state it."""
    return ("salary", fields["min_gbp"], fields["max_gbp"], fields["role_category"], post_words(fields))


def _row_title(doc, start: int):
    """A pay table's row: a line that opens with a post title and runs to the figure ("Assistant Director
    Finance and Human Resources £50,000 to …") is that post, all of the words before the figure."""
    text = doc._.dcs_view.text
    line_start = text.rfind("\n", 0, start) + 1
    opening = next((r for r in doc._.dcs_roles if line_start <= r.start <= line_start + 3 and r.end <= start), None)
    if opening is None:
        return None
    title = re.sub(r"\s+", " ", text[opening.start:start]).strip(" :–-")
    if len(title) > 100 or re.search(r"[.;£]", title):
        return opening  # a sentence, not a row: the title alone
    category = categorise_role(title)
    return RoleMention(opening.start, opening.start + len(title), title,
                       opening.category if category == "other" else category)


def _role_for(doc, start: int, end: int):
    """The post a figure pays.

    In order: a title in the figure's sentence (before it, then after it: "on a salary of £X, with
    the appointee serving as the statutory Director of …"); a capitalised title in the text just
    before (a post, where "chief executive of a housing association" describes a career), skipping
    sentences about former arrangements; any title just before; the document's most frequent post.
    """
    row = _row_title(doc, start)
    if row is not None:
        return row
    view = doc._.dcs_view
    flat = view.flat
    s_start, s_end = view.sentence_bounds(start)
    roles = doc._.dcs_roles
    # "the shared director", "the new director": the post named in full earlier, not a title of its own
    roles = [r for r in roles if not (r.category == "other" and _BARE_DIRECTOR.fullmatch(r.title))
             and not in_career(doc, r.start) and not _COLLEAGUE.search(flat[max(0, r.start - 30):r.start])]
    in_sentence = [r for r in roles if s_start <= r.start and r.end <= max(s_end, end)]
    before = [r for r in in_sentence if r.end <= start]
    if before:
        return before[-1]
    after = [r for r in in_sentence if r.start >= end]
    if after:
        return after[0]
    earlier = [r for r in roles if r.end <= s_start and r.start >= s_start - 360
               and not _FORMER.search(view.sentence(r.start))]
    capitalised = [r for r in earlier if r.title[:1].isupper()]
    if capitalised or earlier:
        return (capitalised or earlier)[-1]
    following = [r for r in roles if start <= r.start <= end + 80]
    if following:
        return following[0]
    return main_post(roles)


# "• Council Leader - £49,450": a list line that names what its figure is for, in a few capitalised words
_LINE_LABEL = re.compile(r"[•·*\-–\s]*(?P<label>[A-Z][\w’']*(?:\s+[\w’']+){0,4}?)\s*[-–—:]\s*$")
# "- Statutory Chief Officer £83,409": a list item that is a post and its pay, the post ending in a post's head word
_LINE_POST = re.compile(r"[ \t]*[•·*\-–][ \t]+(?P<label>[A-Z][\w’']*(?:[ \t]+[\w’']+){0,4}?[ \t]+"
                        r"(?i:officer|director|executive|manager))[ \t]*[-–—:]?[ \t]*$")


def _line_label(text: str, start: int, pattern: re.Pattern = _LINE_LABEL) -> RoleMention | None:
    """What the words of a figure's line before it name (``pattern``'s group ``label``), as a post."""
    label = pattern.fullmatch(text, line_bounds(text, start)[0], start)
    if label is None:
        return None
    title = label.group("label")
    return RoleMention(label.start("label"), label.end("label"), title, categorise_role(title))


def _line_post(text: str, start: int) -> RoleMention | None:
    """The post a list item names before its figure: it, not a post of the items before, is what the figure pays."""
    return _line_label(text, start, _LINE_POST)


def _role_beside(view, role, start: int, s_start: int, s_end: int) -> bool:
    """Whether a post is written with its figure: in the figure's sentence, or in the same box or block just above
    it with no blank line between (an organisation chart's "Corporate Director of Finance\nSM2\n£115,000-£120,000")."""
    if s_start <= role.start < s_end:
        return True
    return 0 <= start - role.end <= 150 and "\n\n" not in view.text[role.end:start].replace(" ", "").replace("\t", "")


def _governed_by_budget(cues, text: str, start: int, end: int) -> bool:
    """Whether the words nearest a figure (text[start:end]) make it a budget, saving or contribution rather
    than pay: "worth more than £35,000" after "19.9% of salary" is a pension figure."""
    # the figure's own clause: "the additional costs of recruiting to this post will be capped at a maximum
    # of £20k" are costs though nine words stand between
    budget = cues.last_end("not_pay", start - 90, start)
    pay = cues.last_end("strong_salary", start - 90, start)
    if budget is not None and (pay is None or budget > pay):
        return True
    line_end = text.find("\n", end, end + 12)
    # "each council pays £80,000 towards the post": a word after the figure makes it a contribution unless a
    # pay word stands right before it
    return cues.within("not_pay", end, line_end if line_end >= 0 else end + 12) and cues.last_end("strong_salary", start - 50, start) is None


def _parse_says_not_pay(doc, cues, text: str, amount) -> bool:
    """Whether the words the parse makes the figure the value of ("Agency costs … were £1,200", "an allowance of
    £5,000", "spent £150,000") are a budget, fee, cost or allowance word (label ``not_pay``) and none is a pay
    word. Only words on the figure's own line count: a table row's parse runs into the next row."""
    line_start, line_end = line_bounds(text, amount.start)
    words = [w for w in described_by(doc, amount.start, amount.end) if line_start <= w.idx < line_end]

    def labelled(label: str) -> bool:
        return any(cues.within(label, w.idx, w.idx + len(w.text)) for w in words)
    return labelled("not_pay") and not labelled("salary")


# between two figures of one list: "£1m for Cambridgeshire County Council and £200k", "£35m, £12m and"
_LISTED_WITH = re.compile(r"(?:\s+(?:for|in|to|from|at)\s+[^.;£\n]{0,60}?)?\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)")


# "a temporary post of Project Leader, graded AP4 (18,378 - 20,397)", "1 post of Assistant Housing Officer graded GS3,
# (14,829-15,441)": a post named with its grade and the grade's range in brackets, the pounds unwritten (personnel
# committees' minutes). "post of" names the post and "graded" says the range is its pay.
_GRADED_POST = re.compile(
    r"\bposts?\s+of\s+(?P<title>[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and|for|&)){0,6}(?:\s+\([^()]{1,60}\))?)"
    r"(?:\s+(?:in|at|within)\s+the\s+[^,;.()]{1,60}?)?\s*,?\s+graded\s+(?:[A-Z]{1,4}[\d/-]+[\w/-]*|Grade\s+\d+)\s*,?\s*"
    rf"\(\s*(?P<low>{NUMBER})\s*(?:-|–|to)\s*(?P<high>{NUMBER})\s*\)")


def _graded_posts(view) -> list[Candidate]:
    found = []
    lowest, highest = PAY_BOUNDS["year"]
    for m in _GRADED_POST.finditer(view.flat):
        low, high = parse_number(m.group("low")), parse_number(m.group("high"))
        if not lowest <= low <= high <= highest:
            continue
        title = re.sub(r"\s+", " ", m.group("title")).strip()
        fields = {"authorities": [], "role": title, "role_category": categorise_role(title),
                  "min_gbp": as_int_or_float(low), "max_gbp": as_int_or_float(high), "period": "year"}
        ev_start, ev_end = evidence_span(view, m.start("low"), m.end("high"), anchor_start=m.start("title"))
        found.append(Candidate("salary", fields, ev_start, ev_end, 0.85, dedupe_key=salary_key(fields)))
    return found


def find_salaries(doc, view) -> list[Candidate]:
    flat = view.flat
    cues = doc._.dcs_cues
    # a table whose header says what its figures are (pay, £'000, budgets, years) is read by extract/pay_tables.py
    # or not at all: its figures are never guessed at from the words around them
    explained = [t for t in doc._.dcs_tables if t.figures_explained]
    amounts = [a for a in find_money(flat) if not a.negative and not any(t.contains(a.start) for t in explained)]
    candidates = _graded_posts(view)
    previous_end = None
    budget_ends: list[int] = []  # where each figure read as a budget, a saving or a cost ends
    for low, high in _pair_ranges(flat, amounts, view.text):
        last = high or low
        band_end = previous_end
        if high is not None:
            previous_end = last.end
        if high is None and band_end is not None and low.start - band_end <= 150 \
                and _BAND_CAP.search(flat[max(band_end, low.start - 25):low.start]):
            continue  # a band's cap ("Max salary £89,785" under "£85,000 - £90,000"), not a salary of its own
        values = [low.value] + ([high.value] if high else [])
        # "savings of just over £1m for Cambridgeshire and £200k for Peterborough": a figure listed with a
        # budget figure is another of the same
        if any(_LISTED_WITH.fullmatch(flat, e, low.start) for e in budget_ends[-3:]):
            budget_ends.append(last.end)
            continue
        # "£0.4m", "£1.2 million": nobody writes a post's pay in millions; it is a budget line
        if low.in_millions or last.in_millions:
            budget_ends.append(last.end)
            continue
        period = "year"
        for name, pattern in _PERIODS:
            if pattern.search(flat[last.end:last.end + 20]):
                period = name
        if re.search(r"\b(?:day|daily)\s+rate\s+of\s*$", flat[max(0, low.start - 25):low.start], re.I):
            period = "day"
        if period == "hour":
            continue  # hourly rates (the living wage, the lowest paid) are not pay for a senior post
        if _THRESHOLD_BEFORE.search(flat[max(0, low.start - 25):low.start]) or _SHARE_OF.search(flat[max(0, low.start - 15):low.start]):
            continue  # a threshold, or the base of a share ("60% of £33,278": a median income)
        lowest, highest = PAY_BOUNDS[period]
        if not all(lowest <= v <= highest for v in values):
            continue
        s_start, s_end = view.sentence_bounds(low.start)
        if cues.within("pay_band_steps", s_start, s_end):
            continue  # "from £50,000 to £54,999 and then by pay bands of £5,000": how pay is banded, not a post's pay
        local_start, local_end = low.start - 90, last.end + 40
        has_cue = cues.within("salary", s_start, s_end) or cues.within("salary", local_start, local_end)
        if _THRESHOLD_AFTER.match(flat, last.end) or cues.within("pay_statistic", low.start - 80, low.start):
            continue
        if _governed_by_budget(cues, view.text, low.start, last.end):
            budget_ends.append(last.end)
            continue
        if cues.within("not_pay", local_start, local_end) and not has_cue:
            budget_ends.append(last.end)
            continue
        if _parse_says_not_pay(doc, cues, view.text, low):
            continue  # "Agency costs for the interim Director were £1,200 per day": the figure is the costs
        role = _line_post(view.text, low.start) or _role_for(doc, low.start, last.end) or _line_label(view.text, low.start)
        if role is None:
            # a figure no post is named for says nothing to compare, even where its line calls it pay ("David
            # Aitchison | C | £20,099" under a distant header; "salaries rose to £48,000"): every salary of the
            # development split names its post, so this gate costs nothing the corpus knows of
            continue
        role_adjacent = role is not None and 0 <= low.start - role.end <= 30 and bool(
            _BETWEEN_ROLE_AND_PAY.fullmatch(flat[role.end:low.start]))
        if not (has_cue or high is not None or role_adjacent):
            continue
        if not has_cue and not role_adjacent and not _role_beside(view, role, low.start, s_start, max(s_end, last.end)):
            # a range whose own words call it nothing, with a post only from the text around it ("£100,000 -
            # £109,999 | 25" in an answer on how many chief executives are paid in each band): no fact
            continue
        up_to = high is None and bool(_UP_TO.search(flat[max(0, low.start - 20):low.start]))
        min_gbp = None if up_to else as_int_or_float(low.value)
        max_gbp = as_int_or_float(last.value)
        anchor = role.start if role_adjacent else None
        ev_start, ev_end = evidence_span(view, low.start, last.end, anchor_start=anchor)
        fields = {
            "authorities": [],  # filled by the assembler from the post's shared arrangement or the main authority
            "role": role.title if role else None,
            "role_category": role.category if role else "other",
            "min_gbp": min_gbp,
            "max_gbp": max_gbp,
            "period": period,
        }
        confidence = 0.9 if (has_cue and (role_adjacent or high)) else 0.75
        candidates.append(Candidate("salary", fields, ev_start, ev_end, confidence,
                                    dedupe_key=salary_key(fields)))
    return candidates
