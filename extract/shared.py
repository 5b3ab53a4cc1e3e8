"""Shared posts and partnerships: arrangements that span two or more councils."""

from __future__ import annotations

import re
from collections import Counter

from councildocs.extract.candidates import Candidate
from councildocs.extract.context import recent_authority
from councildocs.extract.evidence import evidence_span
from councildocs.extract.joint_bodies import find_joint_bodies

_BOTH = re.compile(r"\b(?:both|the\s+two|two|the)\s+(?:councils|authorities|local\s+authorities|boroughs|LA['’]?s)\b", re.I)
_SHARE_VERB = re.compile(r"\b(?:we|councils|authorities|boroughs|both|they|agreed\s+to|(?P<intent>(?:decision|agreement|proposals?|plans?)\s+to)|and\s+\w+|(?-i:[A-Z][\w’'-]+))\s+"
                         r"(?P<adverb>already\s+|also\s+|currently\s+|still\s+)?(?:\w+ly\s+)?"
                         r"(?P<verb>shares?|shared|will\s+share|would\s+share|have\s+shared|has\s+shared|(?:will\s+|do\s+|does\s+)?no\s+longer\s+share)\s+(?:(?:an|a|the|their)\b)?\s*"
                         # "the decision to share the post of Chief Executive"
                         r"(?:(?:post|role|position)s?\s+of\s+(?:the\s+)?)?", re.I)
_COVER_BOTH = re.compile(r"\b(?:cover(?:s|ing)?|span(?:s|ning)?|work(?:s|ing)?\s+across|across)\s+(?:both|the\s+two|the\s+three|all\s+three)\s+"
                         r"(?:councils|authorities|local\s+authorities|boroughs|districts|organisations)\b", re.I)
# "<A> and <B> District Councils’ ", "the <A> and <B> councils’ joint ": two councils named, then their post
_JOINT_OWNERS = re.compile(r"(?-i:[A-Z])[\w’'&-]*(?:\s+(?-i:[A-Z])[\w’'&-]*){0,4}\s+(?:and|&)\s+(?-i:[A-Z])[\w’'&-]*(?:\s+(?-i:[A-Z])[\w’'&-]*){0,4}?"
                           r"\s+(?:(?:District|County|Borough|City)\s+)?Councils['’]\s+(?:(?:new|joint|shared|interim)\s+)?$", re.I)
_SHARED_BETWEEN = re.compile(r"\bshared\s+(?:(?:post|role|position|appointment)\s+)?(?P<how>between|by|across|with)\b", re.I)
_POST_WORDS = {"post", "role", "position", "appointment"}
_POSTS_ARE = re.compile(r"\b(?:posts?|roles?|positions?)\s+(?:are|is|were|was|will\s+be|would\s+be|ha(?:ve|s)\s+been)\s+$", re.I)
_ACROSS = re.compile(r"^\W{0,3}\s*(?:(?:shared|working|(?:who\s+will\s+|to\s+)work)\s+)?(?:across|for|covering|spanning|between|serving)\s+", re.I)
# "Sophie Hosking, Chief Executive of both councils": "of" says the post serves the councils only when it counts
# them ("the Chief Executive of Leeds and the Chief Executive of Bradford" are two posts), or says "both" before
# naming them ("the Chief Executive of both Rochford District Council and Brentwood Borough Council")
_OF_BOTH = re.compile(r"^\W{0,3}\s*of\s+(?=(?:both|the\s+two|the\s+three|all\s+three)\s+(?:councils|authorities|local\s+authorities|boroughs)\b|"
                      r"both\s+(?:the\s+)?(?-i:[A-Z]))", re.I)
# "a joint Director of …", "the shared role of …", "an interim shared arrangement of our Director of Public Health"
_SHARED_PREFIX = re.compile(r"\b(joint|shared|bi-?borough|tri-?borough|cross[\s-]authority|single|one)\s+"
                            r"(?:(?:new|permanent|interim)\s+)?(?:(?:role|post|arrangements?|service)\s+(?:of|for)\s+(?:our\s+|the\s+|a\s+)?)?$", re.I)
_NAMED_PARTNERSHIP = re.compile(
    r"(?P<name>(?:[Tt]he\s+)?[‘'“\"]?(?:(?i:(?:tri|bi)[\s-]?borough(?:\s+(?:partnership|arrangements?|working|services))?)|"
    r"[A-Z][\w&-]+(?:\s+(?:and\s+|&\s+)?[A-Z][\w&-]+){0,3}\s+[Pp]artnership))")
_GENERIC = {"service", "services", "director", "directors", "assistant", "joint", "shared", "new", "the", "of", "for",
            "and", "&", "one", "executive", "corporate", "interim", "acting", "single", "statutory", "role", "post"}


# "a series of senior management posts (including", "a number of posts, such as": posts counted, then named
_POSTS_INCLUDING = re.compile(r"(?:(?:(?:a|an)\s+)?(?:series|number|range|group|set)\s+of\s+)?(?:[\w-]+\s+){0,3}?(?:posts|roles|officers)\s*"
                              r"(?:\(|,)?\s*(?:including|such\s+as|namely|of)\s+(?:the\s+)?", re.I)
# Between two posts in "share a Chief Executive, Marcus Thornley, and a Director of Public Health".
_LIST_OF_POSTS_GAP = re.compile(r"[\s,/]*(?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}\s*,\s*)?(?:and\s+)?(?:the\s+|a\s+|an\s+)?"
                                r"(?:(?:single|joint|shared|common)\s*,?\s+)?")


def distinctive_words(title: str) -> frozenset[str]:
    """The words of a post title that tell two service-director posts apart ("Education", "Adult")."""
    words = set()
    for raw in re.findall(r"[A-Za-z]+(?:['’]s)?", title.lower()):
        w = re.sub(r"['’]s$", "", raw)
        if w in _GENERIC:
            continue
        if w.endswith("ies"):
            w = w[:-3] + "y"
        elif w.endswith("s") and len(w) > 3:
            w = w[:-1]
        words.add(w)
    return frozenset(words)


def _status(doc, start: int, end: int) -> str:
    """An arrangement's status from the words of text[start:end] (labels "former" and "proposed" of
    extract/data/cues.json); current when neither says otherwise."""
    cues = doc._.dcs_cues
    if cues.within("former", start, end):
        return "former"
    if cues.within("proposed", start, end):
        return "proposed"
    return "current"


def _post_status(doc, view, pos: int) -> str:
    """A post's status from its own sentence; for a bullet that says nothing of it, from the sentence
    introducing its list and the paragraph before ("A new role … is proposed … as follows:"), never from
    the list's other bullets."""
    s_start, s_end = view.sentence_bounds(pos)
    status = _status(doc, s_start, s_end)
    if status != "current" or not view.flat[s_start:s_end].lstrip().startswith(("●", "•")):
        return status
    steps = 0
    while view.flat[s_start:s_end].lstrip().startswith(("●", "•")) and s_start > 0 and steps < 20:
        s_start, s_end = view.sentence_bounds(s_start - 1)
        steps += 1
    return _status(doc, max(0, s_start - 500), s_end)


def _authorities_near(doc, start: int, end: int) -> list[str]:
    named: list[str] = []
    for m in doc._.dcs_authority_mentions:
        if start <= m.start < end and m.gss not in named:
            named.append(m.gss)
    return named


def _arrangement_authorities(doc, view, start: int, end: int) -> list[str]:
    """The councils sharing a post whose mention runs from ``start`` to ``end``."""
    flat = view.flat
    s_start, s_end = view.sentence_bounds(start)
    s_end = max(s_end, end)
    link = re.match(r"[^.;]{0,60}?\b(between|with)\s", flat[end:s_end], re.I)
    if link:
        listed = _listed_after(doc, end + link.end(), s_end)
        if link.group(1).lower() == "between" and len(listed) >= 2:
            return sorted(listed)
        if link.group(1).lower() == "with" and listed:
            subject = sentence_subject(doc, view, s_start, start)
            members = set(listed) | ({subject} if subject else set())
            if len(members) >= 2:
                return sorted(members)
    named = _authorities_near(doc, s_start, s_end)
    if len(named) >= 2:
        return sorted(named)
    together = _together_members(doc, view, s_start, s_end)
    if together:
        return sorted(set(together) | set(named))
    main = doc._.dcs_main_authorities or []
    if 2 <= len(main) <= 3:
        return sorted(main)
    return []


_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12}
_COUNT_WORDS = {"both": 2, **_NUMBER_WORDS}


def _together_members(doc, view, s_start: int, s_end: int) -> list[str]:
    """ "The two councils", "both boroughs", "they": the councils the text has just been talking about."""
    m = re.search(r"\b(?:(both|the\s+two|the\s+three|the\s+four|two|three|the)\s+(?:(?-i:[A-Z][\w’'-]*)\s+){0,2}(?:councils|authorities|boroughs|"
                  r"local\s+authorities|counties)|(they|their|we|our))\b", view.flat[s_start:s_end], re.I)
    if not m:
        return []
    main = doc._.dcs_main_authorities or []
    if m.group(1):
        wanted = _COUNT_WORDS.get(m.group(1).split()[-1].lower(), 2)
    elif 2 <= len(main) <= 3:
        return list(main)
    else:
        wanted = 2
    if len(main) == wanted:
        return list(main)
    recent: list[str] = []
    for mention in reversed(doc._.dcs_authority_mentions):
        if mention.start >= s_start:
            continue
        if s_start - mention.end > 800:
            break
        if mention.gss not in recent:
            recent.append(mention.gss)
        if len(recent) == wanted:
            return recent
    if len(main) == wanted:
        return list(main)
    # none named near: of the document's councils, the ones it names most, when they stand clear of the rest
    # ("South Hams and West Devon" three times each, "Devon" twice as the county they are in)
    if len(main) > wanted:
        ranked = Counter(m.gss for m in doc._.dcs_authority_mentions if m.gss in main).most_common()
        if len(ranked) > wanted and ranked[wanted - 1][1] > ranked[wanted][1]:
            return [gss for gss, _ in ranked[:wanted]]
    return []


def _post_key(authorities, category, status, title):
    words = distinctive_words(title) if category in {"service_director", "assistant_director", "other"} else frozenset()
    return ("shared_post", tuple(authorities), category, status, words)


def _shared_post(doc, view, role, ev_from: int, ev_to: int, status: str, title: str | None = None, conf=0.8,
                 any_post: bool = False, authorities: list[str] | None = None):
    """A shared post, when two or more councils share it. Only senior categories unless ``any_post`` (the text
    says outright that the post covers the councils) and the title says which post it is. ``authorities``: the
    councils, where the text names them itself; else they are read from around the post."""
    title = re.sub(r"^new\s+", "", title or role.title, flags=re.I)  # "the new Joint Head of …": news, not the title
    if role.category == "other" and not (any_post and distinctive_words(title)):
        return None
    if role.category in {"service_director", "assistant_director"} and not distinctive_words(title):
        return None  # "a Service Director" alone does not say which post
    authorities = sorted(authorities) if authorities else _arrangement_authorities(doc, view, ev_from, ev_to)
    if len(authorities) < 2:
        return None
    ev_start, ev_end = evidence_span(view, ev_from, ev_to)
    fields = {"authorities": authorities, "post": title, "role_category": role.category, "status": status}
    return Candidate("shared_post", fields, ev_start, ev_end, conf, dedupe_key=_post_key(authorities, role.category, status, title))


def _area_after(flat: str, pos: int) -> str:
    """ "… across X and Y for Children's Services": the area a post covers, written after its councils."""
    m = re.match(r"\s*(?:councils?|authorities)?\s*(?:for|of)\s+((?:[A-Z][\w’'&]*\s*){1,4})", flat[pos:pos + 60])
    return m.group(1).strip() if m else ""


def find_shared_arrangements(doc, view) -> list[Candidate]:
    flat = view.flat
    roles = doc._.dcs_roles
    found: list[Candidate] = []

    # "We share a Chief Executive, Director of Public Health and the Executive Director of …"
    stated: set[int] = set()  # posts whose sharing a verb states, with its tense; no second reading of them
    for m in _SHARE_VERB.finditer(flat):
        s_start, s_end = view.sentence_bounds(m.start())
        cursor = m.end()
        # "agreed to share a series of senior management posts (including Section 151 Officer and Monitoring
        # Officer)": the posts it counts are the ones it then names, whatever their rank
        posts_named = _POSTS_INCLUDING.match(flat, cursor)
        if posts_named:
            cursor = posts_named.end()
        for role in roles:
            if role.start < cursor:
                continue
            gap = flat[cursor:role.start]
            if not _LIST_OF_POSTS_GAP.fullmatch(gap):
                break
            verb = m.group("verb").lower()
            if "no longer" in verb:
                status = "former"  # "will no longer share a chief executive": the arrangement is ending
            elif "will" in verb or "would" in verb:
                status = "proposed"
            elif verb == "shared" and not m.group("adverb"):
                status = "former"  # "WNC and NNC shared a joint Director": simple past, unlike "have shared"
            elif m.group().lower().startswith("agreed") or m.group("intent"):
                # "had previously agreed to share …": the agreement is past, the sharing it began goes on
                status = "proposed" if doc._.dcs_cues.within("proposed", max(s_start, m.start() - 30), role.end) else "current"
            else:
                status = "former" if doc._.dcs_cues.within("former", s_start, s_end) else "current"
            c = _shared_post(doc, view, role, m.start(), role.end, status, conf=0.85, any_post=bool(posts_named))
            if c:
                found.append(c)
                stated.add(role.start)
            cursor = role.end

    for role in roles:
        if role.start in stated:
            continue
        # "Babergh and Mid Suffolk District Councils’ Chief Executive, Arthur Charvonia": a post the councils own
        # together
        owners = _JOINT_OWNERS.search(flat, max(0, role.start - 120), role.start)
        if owners:
            named = _authorities_near(doc, owners.start(), owners.end())
            if len(named) >= 2:
                s_start, s_end = view.sentence_bounds(role.start)
                c = _shared_post(doc, view, role, owners.start(), role.end, _status(doc, s_start, max(s_end, role.end)),
                                 conf=0.8, authorities=named)
                if c:
                    found.append(c)
                    stated.add(role.start)
                    continue
        before = flat[max(0, role.start - 40):role.start]
        after = flat[role.end:role.end + 80]
        s_start, s_end = view.sentence_bounds(role.start)
        sentence = (s_start, max(s_end, role.end))
        # "a joint Director of …", "the shared director of Children and Adult services", "create one Service Director, …"
        prefix = _SHARED_PREFIX.search(before)
        across = _ACROSS.match(after) or _OF_BOTH.match(after)
        if _OWN_POST.search(before):
            continue  # "a separate Director of Public Health for North and West Northamptonshire": one each
        single = prefix is not None and prefix.group(1).lower() in {"single", "one"}
        listed_posts = [role] + _posts_listed_after(roles, role, flat) if single else [role]
        # "managed by a single Chief Executive" in a sentence naming or counting the councils, or "a single Chief
        # Executive and a single Director of Resources for the two authorities"
        if single and (_serve_both(flat, listed_posts[-1].end) or _LED_BY.search(before) and (
                _BOTH.search(flat, s_start, s_end) or len(_authorities_near(doc, s_start, role.start)) >= 2)):
            # "the two Councils are now managed by a single Chief Executive, Paul Martin, and a Deputy Chief
            # Executive …": the one post, and each post listed with it, serves the councils the sentence counts
            # or names before it
            status = _status(doc, *sentence)
            for post in listed_posts:
                c = _shared_post(doc, view, post, post.start, post.end, status, conf=0.75, any_post=True)
                if c:
                    found.append(c)
                    stated.add(post.start)
            continue
        if across:
            named_after = _authorities_near(doc, role.end, role.end + across.end() + 70)
            both = _BOTH.match(flat, role.end + across.end())
            if len(named_after) >= 2 or both:
                last_named = max((m.end for m in doc._.dcs_authority_mentions
                                  if role.end <= m.start < role.end + across.end() + 70), default=role.end)
                area = _area_after(flat, last_named if not both else both.end())
                title = f"{role.title} {area}".strip() if area and not distinctive_words(role.title) else role.title
                end = max(last_named, role.end)
                # "Chief Executive of both councils" in a story that also names the county they are in: the councils
                # counted are the ones the text has been about, when the arrangement's councils are more than counted
                counted = _together_members(doc, view, role.end, both.end()) if both and len(named_after) < 2 else []
                if counted and len(counted) >= len(_arrangement_authorities(doc, view, role.start, end)):
                    counted = []
                c = _shared_post(doc, view, role, role.start, end, _status(doc, *sentence), title, 0.85,
                                 authorities=counted or None)
                if c:
                    found.append(c)
                continue
        if re.match(r"(?:(?:new|interim|permanent)\s+)?(?:joint|shared)\b|(?:head|director)\s+of\s+(?:joint|shared)\b",
                    role.title, re.I):
            # "Joint Head of Strategic Development and Planning", "Head of Shared Financial Services": the title says
            # the post is shared, whatever its rank
            c = _shared_post(doc, view, role, role.start, role.end, _post_status(doc, view, role.start), conf=0.75,
                             any_post=True)
            if c:
                found.append(c)
                found.extend(_shared_with(doc, view, roles, role, c, stated))
            continue
        if prefix and prefix.group(1).lower() not in {"single", "one"}:
            c = _shared_post(doc, view, role, role.start - len(prefix.group(0)), role.end, _status(doc, *sentence), conf=0.75)
            if c:
                found.append(c)
                found.extend(_shared_with(doc, view, roles, role, c, stated))

    # "the role - which will be shared between Peterborough and Cambridgeshire councils"
    for m in _SHARED_BETWEEN.finditer(flat):
        named = _listed_after(doc, m.end(), m.end() + 120)
        if len(named) == 1 and m.group("how").lower() == "with" and (
                m.group().lower().split()[1] in _POST_WORDS or _POSTS_ARE.search(flat, max(0, m.start() - 40), m.start())):
            # "the Director of Finance will be a shared post with Waverley Borough Council", "Chief Officer roles
            # are shared with Breckland District Council": a post shared with the council the sentence names
            # before, or else with the paper's own ("The LSCB is shared with the City of London" is no post)
            s_start, _ = view.sentence_bounds(m.start())
            before = [gss for gss in _authorities_near(doc, s_start, m.start()) if gss not in named]
            own = before if len(before) == 1 else [gss for gss in (doc._.dcs_main_authorities or [])[:1] if gss not in named]
            named = sorted(named + own)
        if len(named) < 2:
            both = _BOTH.match(flat, m.end() + 1)
            named = _together_members(doc, view, m.start(), both.end()) if both else []
        if len(named) < 2:
            continue
        s_start, s_end = view.sentence_bounds(m.start())
        # "… will be a shared post with …" says outright that the post the sentence names is shared, whatever its rank
        a_post = m.group().lower().split()[1] in _POST_WORDS
        role = next((r for r in reversed(roles) if r.end <= m.start() and m.start() - r.end < 200
                     and (r.category != "other" or a_post and r.start >= s_start)), None)
        role = role or next((r for r in roles if r.start > m.end() and r.start - m.end() < 400 and r.category != "other"), None)
        if role is None:
            continue
        last = max((x.end for x in doc._.dcs_authority_mentions if m.end() <= x.start < m.end() + 120 and x.gss in named),
                   default=m.end())
        c = _shared_post(doc, view, role, m.start(), last, _status(doc, s_start, m.end()), conf=0.85, authorities=named,
                         any_post=a_post)
        if c:
            found.append(c)

    # "two new posts — a joint service director-highways and transport, and a joint service director-growth and
    # economy — are being created to cover both authorities"; "the roles of Director of Finance and Director of
    # Housing have been extended to cover both authorities": every post the sentence names before it
    for m in _COVER_BOTH.finditer(flat):
        s_start, _ = view.sentence_bounds(m.start())
        for role in roles:
            if role.start < s_start or role.end > m.start() or role.start in stated:
                continue
            c = _shared_post(doc, view, role, role.start, m.end(), _status(doc, s_start, m.end()), conf=0.8, any_post=True)
            if c:
                found.append(c)

    found.extend(_posts_placed_with_another_council(doc, view, stated))
    found = _one_status_per_post(found)
    found.extend(_partnerships(doc, view))
    return found


# One council's officer placed with another (a section 113 agreement): "to place Medway Council's Chief Legal
# Officer at the disposal of Gravesham Borough Council", "Shropshire's DPH had been seconded to the council", "to
# fulfil the role of Section 151 officer at East Cambridgeshire District Council", "The DPH post will be hosted by
# Reading Borough Council and jointly funded by West Berkshire Council". The post serves both councils.
_PLACED_WITH = re.compile(r"\b(?:at\s+the\s+disposal\s+of|(?:being\s+|been\s+|be\s+)?seconded\s+to|secondment\s+to|"
                          r"(?:fulfil|fulfill|perform|undertake|discharge)\s+the\s+role\s+of\s+(?P<role>[^.;]{3,60}?)\s+(?:at|for)|"
                          r"(?P<host>hosted\s+by\s+[^.;]{3,60}?)\s+and\s+(?:jointly\s+)?funded\s+by)\s+(?:the\s+)?", re.I)
_THIS_COUNCIL = re.compile(r"(?:council|authority)\b", re.I)


def _posts_placed_with_another_council(doc, view, stated: set[int]) -> list[Candidate]:
    flat = view.flat
    mentions = doc._.dcs_authority_mentions
    main = doc._.dcs_main_authorities or []
    found = []
    for m in _PLACED_WITH.finditer(flat):
        target = next((x for x in mentions if x.start == m.end()), None)
        if target is not None:
            receiving = target.gss
        elif _THIS_COUNCIL.match(flat, m.end()) and main:
            receiving = main[0]  # "seconded to the council": the paper's own council
        else:
            continue  # seconded to the NHS, a company, a project: no second council
        s_start, s_end = view.sentence_bounds(m.start())
        s_end = max(s_end, m.end())
        # the officer's own council: named in the sentence before the placement (nearest first), else the paper's
        home = next((x.gss for x in reversed(mentions) if s_start <= x.start < m.start() and x.gss != receiving), None)
        if home is None and m.group("host"):
            home = next((x.gss for x in mentions if m.start("host") <= x.start < m.end("host") and x.gss != receiving), None)
        if home is None:
            home = main[0] if main else None
        if home is None or home == receiving:
            continue
        in_role = [r for r in doc._.dcs_roles if m.start("role") <= r.start < m.end("role")] if m.group("role") else []
        before = [r for r in doc._.dcs_roles if s_start <= r.start and r.end <= m.start() and m.start() - r.end < 120]
        after = [r for r in doc._.dcs_roles if m.end() <= r.start < s_end]
        role = (in_role or before[-1:] or after[:1] or [None])[0]
        if role is None or role.start in stated:
            continue
        c = _shared_post(doc, view, role, min(role.start, m.start()), max(role.end, target.end if target else m.end()),
                         _status(doc, s_start, s_end), conf=0.75, any_post=True, authorities=[home, receiving])
        if c:
            found.append(c)
    return found


def _serve_both(flat: str, pos: int) -> bool:
    """Whether the words after a post (ending at ``pos``) say it serves both councils: "… for the two authorities",
    "… to work across both councils"."""
    across = _ACROSS.match(flat[pos:pos + 80])
    return bool(across and _BOTH.match(flat, pos + across.end()))


# "are now managed by a single Chief Executive", "led by one Director": the councils' management is the one post
_LED_BY = re.compile(r"\b(?:managed|led|headed|run|served)\s+by\s+(?:a\s+single|one)\s+$", re.I)
# "a separate Director of …", "its own Chief Executive", "a dedicated Director": one council's post
_OWN_POST = re.compile(r"\b(?:separate|own|dedicated|each\s+(?:council|authority)['’]s)\s+(?:(?:new|permanent|interim)\s+)?$", re.I)
# Between two posts listed together: ", Paul Martin, and a Deputy Chief Executive …", " post (Monitoring Officer) and an
# Assistant Director …"
_NAMED_POST_GAP = re.compile(r"(?:\s+post)?(?:\s*\([^()]{1,60}\))?(?:\s*,\s*(?:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,3}\s*,\s*)?(?:and\s+)?(?:a|an|the)\s+|\s+and\s+(?:a|an|the)\s+)"
                             r"(?:(?:single|joint|shared)\s+)?")  # "a single Chief Executive and a single Director of …"


def _posts_listed_after(roles, first, flat: str) -> list:
    """The posts a sentence lists after ``first``, each set off by a comma or "and a" (and its holder's name)."""
    listed, last = [], first
    for role in roles:
        if role.start <= last.start:
            continue
        if flat.count("(", last.end, role.start) > flat.count(")", last.end, role.start):
            continue  # "… post (Monitoring Officer) and …": a post in brackets qualifies the one before it
        if not _NAMED_POST_GAP.fullmatch(flat[last.end:role.start]):
            break
        listed.append(role)
        last = role
    return listed


_QUALIFIER = re.compile(r"\s*\([^()]{3,60}\)")


def _shared_with(doc, view, roles, shared_role, shared: Candidate, stated: set[int]) -> list[Candidate]:
    """ "a shared Director of Legal Services post (Monitoring Officer) and an Assistant Director (Deputy Monitoring
    Officer)": the post coordinated with a shared one is shared with it, by the same councils. An untitled post
    ("Assistant Director") is named by the qualifier in brackets after it."""
    found = []
    for post in _posts_listed_after(roles, shared_role, view.flat)[:1]:
        qualifier = _QUALIFIER.match(view.flat, post.end)
        title = post.title + qualifier.group() if qualifier and not distinctive_words(post.title) else post.title
        c = _shared_post(doc, view, post, post.start, qualifier.end() if qualifier else post.end, shared.fields["status"],
                         title, conf=0.7, any_post=True, authorities=shared.fields["authorities"])
        if c:
            found.append(c)
            stated.add(post.start)
    return found


def _one_status_per_post(posts: list[Candidate]) -> list[Candidate]:
    """A paper that proposes a shared post names it in headings and recitals too ("Shared Chief Executive
    Arrangements Between A and B"), where no word gives its tense. The post is one post: where any
    mention says it is proposed and none that it ended, every mention is the proposed post."""
    def post(c: Candidate) -> tuple:
        return _post_key(c.fields["authorities"], c.fields["role_category"], "", c.fields["post"])

    statuses: dict[tuple, set[str]] = {}
    for c in posts:
        statuses.setdefault(post(c), set()).add(c.fields["status"])
    for c in posts:
        seen = statuses[post(c)]
        if "proposed" in seen and "former" not in seen and c.fields["status"] == "current":
            c.fields["status"] = "proposed"
            c.dedupe_key = _post_key(c.fields["authorities"], c.fields["role_category"], "proposed", c.fields["post"])
    return posts


# A joint committee or board, named in capitals with up to four words between ("Joint Health Overview and
# Scrutiny Committee", "Joint Waste Collection Services Committee") or none ("a joint committee")
_JOINT_BODY = r"joint\s+(?:(?-i:[A-Z])[\w’'-]*\s+(?:(?:and|&)\s+)?){0,4}(?:committee|board)"
_NAMED_JOINT_BODY = re.compile(r"Joint\s+(?:[A-Z][\w’'-]*\s+(?:(?:and|&)\s+)?){0,4}(?:Committee|Board)")
# Nouns for an arrangement between councils, with up to three words before them
# ("shared staffing arrangement", "regional adoption agency", "public health partnership"). Not "enterprise":
# "a director for place shaping and enterprise" names a remit, and an enterprise partnership is a partnership.
_ARRANGEMENT = re.compile(
    r"\b(?:[\w’'-]+\s+){0,3}?(?:partnership|arrangement|agreement|alliance|collaboration|consortium|"
    r"integrated\s+care\s+system|joint\s+venture|agency|company|shared\s+(?:[\w-]+\s+){0,2}?services?|"
    rf"{_JOINT_BODY}|joint\s+(?:service|unit))s?\b", re.I)
# heads that name an arrangement between councils only with words that say so ("inter-authority agreement",
# "shared service arrangement", "Section 113 agreement", "the Tri-borough arrangements", "a joint venture company")
_BARE_HEAD = re.compile(r"\b(?:arrangement|agreement|company|agency)s?$", re.I)
_BETWEEN_COUNCILS_WORDS = re.compile(r"(?:\b(?:shared|sharing|joint|jointly|partnership|collaborative|collaboration|inter[\s-]?authority|"
                                     r"inter[\s-]?agency|section|s\.?\s?113|113|101|delegation|delegated|management|hosting|"
                                     r"pooled|pooling|governance|legal|service|services|adoption|regional|combined|"
                                     r"constituent|bi[\s-]?borough|tri[\s-]?borough)\b|(?-i:\b[A-Z][\w’'&-]*))", re.I)
_LEADING_ARTICLE = re.compile(r"(?:(?:the|a|an)\s+)?", re.I)
# "the arrangement with One Legal", "an agreement between Harrow and Slough"
_WITH_NAMED = re.compile(r"\s+(?:with|between)\s+(?:the\s+)?(?-i:[A-Z])")
# "working together" describes how councils behave, not an arrangement between them (ANNOTATION.md)
_JOINT_WORKING = re.compile(r"\b(?:jointly|in\s+partnership\s+with|"
                            r"co-own\w*(?:\s+[\w()]+){0,3}?\s+with|owned\s+by)\b", re.I)
_REFERENCE_BACK = re.compile(r"\b(?:this|that|these|those|such|the|its|their|our)\s+(?:partnership|arrangement|agreement|"
                             r"alliance|collaboration)s?$", re.I)
_PROPER_NAME = r"[A-Z][\w’'&-]*(?:\s+(?:(?:for|of|and|in)\s+)?[A-Z][\w’'&-]*)*"
_PROPER_NAME_BEFORE = re.compile(rf"({_PROPER_NAME})(?:\s+\([A-Z][A-Za-z]{{1,5}}\))?\s*,\s*(?:the|a|an)\s+$")


_LIST_GAP = re.compile(r"[\s,]*(?:(?:and|&|the|councils?|authorities|boroughs?)[\s,]+)*", re.I)


def _listed_after(doc, pos: int, limit: int) -> list[str]:
    """The councils in a list starting at ``pos``: "Salford, Trafford, Stockport and Cheshire East councils"."""
    listed: list[str] = []
    cursor = pos
    for m in doc._.dcs_authority_mentions:
        if m.start < cursor:
            continue
        if m.start >= limit or not _LIST_GAP.fullmatch(doc._.dcs_view.flat[cursor:m.start]):
            break
        if m.gss not in listed:
            listed.append(m.gss)
        cursor = m.end
    return listed


def _council_follows(doc, view, pos: int) -> bool:
    """Whether a council is named right after ``pos`` ("with Surrey County Council", "with the Royal Borough")."""
    lead = re.match(r"\s*(?:the\s+)?(?:neighbouring\s+|other\s+|two\s+|three\s+|four\s+)?", view.flat[pos:pos + 40], re.I)
    at = pos + lead.end()
    if any(m.start == at for m in doc._.dcs_authority_mentions):
        return True
    # "with other councils", "with neighbouring authorities": councils, though not named
    return bool(re.match(r"(?:local\s+)?(?:councils?|authorit(?:y|ies)|boroughs?|districts?|count(?:y|ies))\b", view.flat[at:at + 30], re.I))


_OWN_COUNCIL = re.compile(r"the\s+(?:(?:County|City|Borough|District)\s+)?Council\s+and\s+", re.I)


def _arrangement_members(doc, view, m_start: int, m_end: int, match_text: str) -> list[str]:
    """The councils in an arrangement.

    "… between A and B": A and B. "… with A, B and C": those and the sentence's subject. Otherwise
    the councils the sentence names; "both councils", "they" or "their" add the document's councils
    when it is about two or three.
    """
    flat = view.flat
    s_start, s_end = view.sentence_bounds(m_start)
    s_end = max(s_end, m_end)
    if flat[s_start:s_end].rstrip().endswith(":") and s_end < len(flat):
        # "… a collaboration of six adoption agencies: Wrexham, Flintshire, …": the list the colon opens, to the
        # end of its paragraph
        first = len(view.text[s_end:]) - len(view.text[s_end:].lstrip())
        paragraph_end = view.text.find("\n\n", s_end + first)
        s_end = min(paragraph_end if paragraph_end >= 0 else len(flat), s_end + first + 400)
    if re.search(r"\bwith$", match_text, re.I):
        link = re.match(r"", flat[m_end:])
        kind = "with"
    else:
        # "a Joint Venture Agreement (JVA) with …": an abbreviation may stand between
        link = re.match(r"\s*(?:(?:it|they|we)\s+)?(?:[\w’'-]+\s+){0,2}?(?:\([A-Z]{2,6}\)\s*)?(between|with|for|across|alongside)\b",
                        flat[m_end:s_end], re.I)
        kind = link.group(1).lower() if link else None
    if link:
        listed = _listed_after(doc, m_end + link.end(), s_end)
        own = _OWN_COUNCIL.match(flat, m_end + link.end())
        if kind == "between" and own and doc._.dcs_main_authorities:
            # "between the County Council and East Sussex County Council": the paper's own council and the other
            listed = _listed_after(doc, m_end + link.end() + own.end() - own.start(), s_end)
            listed = list(dict.fromkeys([doc._.dcs_main_authorities[0], *listed]))
        if kind == "between" and len(listed) >= 2:
            return sorted(listed)
        if listed and kind in {"with", "alongside"}:
            # the councils of its own clause: "the alliance between A and B, as well as what C gained from
            # its partnership with D" makes C and D partners, not A, B, C and D
            c_start = max((b.end() for b in _CLAUSE_BREAK.finditer(flat, s_start, m_start)), default=s_start)
            before = [m.gss for m in doc._.dcs_authority_mentions if c_start <= m.start < m_start]
            subject = before or [sentence_subject(doc, view, s_start, m_start)]
            return sorted({g for g in listed + subject if g})
    members = _authorities_near(doc, s_start, s_end)
    if len(members) >= 3:
        # "the alliance between A and B, as well as the arrangements that C has with D": the clause's councils
        c_start = max(s_start, *(m.end() for m in _CLAUSE_BREAK.finditer(flat, s_start, m_start)), s_start)
        c_end = next((m.start() for m in _CLAUSE_BREAK.finditer(flat, m_end, s_end)), s_end)
        in_clause = _authorities_near(doc, c_start, c_end)
        if len(in_clause) >= 2:
            members = in_clause
    if len(members) < 2:
        members = members + [g for g in _together_members(doc, view, s_start, s_end) if g not in members]
    return sorted(set(members))


# Capitalised words (and "and", "&", "of") running into an arrangement's name from before it
_NAME_LEAD = re.compile(r"(?:(?:[A-Z][\w’'-]*|and|&|of)[ \t]+)+$")
_CAPITALISED_NAME = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|and|&|of))*")
# An arrangement noun used as an adjective: what follows is the thing named
_ATTRIBUTIVE = re.compile(r"\s+(?:development|opportunit(?:y|ies)|agenda|principles?|approach(?:es)?|ethos|culture|model|"
                          r"options?|ambitions?)\b", re.I)
_CLAUSE_BREAK = re.compile(r",\s+(?:as\s+well\s+as|while|whereas|but|and\s+(?:the|its|their))\b|;|\s[–—]\s")


def sentence_subject(doc, view, s_start: int, before: int) -> str | None:
    """The council a sentence is about: the first it names before ``before``, else the one the text is about."""
    for m in doc._.dcs_authority_mentions:
        # a council named as the sentence opens is its subject; one named later is an object
        if s_start <= m.start < before and re.fullmatch(r"\s*(?:the\s+)?", view.flat[s_start:m.start], re.I):
            return m.gss
    main = doc._.dcs_main_authorities or []
    # the paper's own council (its publisher leads the main authorities) when the sentence names none first
    return recent_authority(doc, s_start) or (main[0] if main else None)


# Where a joint body's minutes or meeting page list its members: those present, its membership, those sending apologies
_MEMBER_LIST = re.compile(r"\b(?:Present\s*:-?|(?:Committee|Board|Panel)\s+Members\b|Membership\b|"
                          r"Apologies(?:\s+for\s+absence)?(?:\s+were\s+(?:received|submitted))?\s+(?:from|on\s+behalf\s+of)"
                          r"(?:\s+members\b)?)", re.I)
_LIST_END = re.compile(r"\n\s*\d+\.?\s*\n|\bMinutes\s*:|\bApologies\b", re.I)


def _members_present(doc, view) -> list[str]:
    """The councils a joint committee's minutes list their members as coming from ("Present: Councillor
    L Mulherin (Leeds) - Chair, Councillor E Hill (Kirklees), Councillor V Slater (City of Bradford) …"; a meeting
    page's "Committee Members" or "Membership"; "Apologies for absence were received from V Finneran (Gravesham
    Borough Council), J Freeman (Swale Borough Council) …"): every list is part of the membership."""
    members: set[str] = set()
    for listed in list(_MEMBER_LIST.finditer(view.text))[:4]:
        end = _LIST_END.search(view.text, listed.end())
        # a whole council's membership runs long (32 Scottish councils' members in one paragraph)
        stop = min(end.start() if end else len(view.text), listed.end() + 3000)
        members.update(_authorities_near(doc, listed.end(), stop))
    return sorted(members)


_COUNTED = {"bi": 2, "tri": 3}


def _with_own_council(doc, name: str, members: list[str]) -> list[str]:
    """A tri-borough arrangement has three members: the paper's own council is the one its sentence leaves out
    ("Kensington and Chelsea and Westminster had served notice on the tri-borough arrangements", in LBHF's minutes)."""
    counted = re.search(r"\b(bi|tri)[\s-]?borough", name, re.I)
    main = doc._.dcs_main_authorities or []
    if counted and main and len(members) == _COUNTED[counted.group(1).lower()] - 1 and main[0] not in members:
        return sorted([*members, main[0]])
    return members


def _partnership_key(authorities: list[str]) -> tuple:
    """One arrangement per set of councils: a paper that names the same councils' arrangement twice ("JOINT
    ARRANGEMENT", "should the joint arrangements be dissolved") is writing about one arrangement (an ended one and
    a new one between the same councils are rarely in one paper; reading them apart cost more than it found)."""
    return ("partnership", tuple(authorities))


def _name_on_its_line(view, m: re.Match) -> str:
    """A capitalised arrangement's whole name as its line writes it: "South Thames Gateway Building Control Joint
    Committee" (the match holds at most three words before the head), not "Meeting Summary\nScotland Excel Joint
    Committee" (a heading above it)."""
    text = view.text
    line_start = text.rfind("\n", 0, m.end()) + 1
    start = max(m.start(), line_start)
    if _CAPITALISED_NAME.fullmatch(m.group()):
        lead = _NAME_LEAD.search(text, max(line_start, m.start() - 80), m.start())
        if lead and m.start() > line_start:
            start = lead.start()
    return text[start:m.end()]


def _partnerships(doc, view) -> list[Candidate]:
    flat = view.flat
    found: list[Candidate] = []
    for m in list(_ARRANGEMENT.finditer(flat)) + list(_JOINT_WORKING.finditer(flat)):
        article = len(_LEADING_ARTICLE.match(m.group()).group())  # "the ", "a ", "an " or nothing
        if re.match(r"(?:two|three|four|several|many|these|those|other|various|such)\s", m.group(), re.I):
            continue  # "two sharing arrangements" counts arrangements; it does not name one
        if _REFERENCE_BACK.search(m.group()) and not _PROPER_NAME_BEFORE.search(flat[max(0, m.start() - 80):m.start()]):
            continue  # "proceed with the arrangement", "the detail of this arrangement": one named earlier
        if re.fullmatch(r"(?:(?:the|a|an|this|that|its|their)\s+)?\w+", m.group(), re.I) and not _PROPER_NAME_BEFORE.search(
                flat[max(0, m.start() - 80):m.start() + article]):
            continue  # "an arrangement", "the partnership": a reference back, not an arrangement named here
        if _ATTRIBUTIVE.match(flat, m.end()):
            continue  # "shared service development", "partnership opportunities": a kind of activity, not an arrangement
        if _BARE_HEAD.search(m.group()) and not _BETWEEN_COUNCILS_WORDS.search(m.group()) \
                and not _PROPER_NAME_BEFORE.search(flat[max(0, m.start() - 80):m.start() + article]) \
                and not _WITH_NAMED.match(flat, m.end()):
            continue  # "consistency in arrangements", "private fostering arrangements", "put arrangements in place":
            # an arrangement, agreement, company or agency is one between councils only when its words say so
        # the whole capitalised name the match ends ("Highland and Western Isles Valuation Joint Board")
        lead = _NAME_LEAD.search(flat, max(0, m.start() - 80), m.start()) if _CAPITALISED_NAME.fullmatch(m.group()) else None
        in_name = _authorities_near(doc, lead.start() if lead else m.start(), m.end())
        if len(in_name) == 1 and not m.group().lower().endswith("with") and not re.search(rf"\b{_JOINT_BODY}s?$", m.group(), re.I):
            continue  # "the Safer Peterborough Partnership" is one council's own (a joint board is never one council's)
        if re.search(r"\bin\s+collaboration$", m.group(), re.I):
            continue  # "taking this forward in collaboration with …": a way of working, like "working together"
        with_end = m.end() if re.search(r"\bwith$", m.group(), re.I) else None
        if with_end is None and re.match(r"\s+with\b", flat[m.end():m.end() + 6], re.I) and re.search(r"\bin\s+partnership$", m.group(), re.I):
            with_end = m.end() + len(re.match(r"\s+with", flat[m.end():]).group())
        if with_end is not None and not _council_follows(doc, view, with_end):
            continue  # "in partnership with businesses", "co-owned with the NHS": the partner is not a council
        members = sorted(in_name) if len(in_name) >= 2 else _arrangement_members(doc, view, m.start(), m.end(), m.group())
        if len(members) < 2 and _NAMED_JOINT_BODY.search(m.group()):
            members = _members_present(doc, view)  # a joint committee's minutes: the councils its members come from
        members = _with_own_council(doc, m.group(), members)
        main = doc._.dcs_main_authorities or []
        if len(members) == 1 and re.search(r"\b(?:shared|joint)\b", m.group(), re.I) and 2 <= len(main) <= 3 \
                and set(members) <= set(main):
            members = sorted(main)  # "a shared ICT service … hosted by Bromsgrove": the councils the paper is about
        if len(members) < 2:
            continue
        s_start, s_end = view.sentence_bounds(m.start())
        head = m.start() + article
        window_start = max(s_start, head - 80)
        # "One Devon, the integrated care system …": the arrangement's own name, written before it
        named = _PROPER_NAME_BEFORE.search(flat[window_start:head])
        inside = re.search(rf"(?<=\s){_PROPER_NAME}", m.group())
        if named:
            name = named.group(1)
        elif inside and not m.group()[:1].isupper():
            name = inside.group()
        else:
            name = re.sub(r"\s+", " ", _name_on_its_line(view, m)).strip()
        # "councils run a joint committee", "Plans for a joint venture": the arrangement is what follows the article
        name = re.sub(r"^(?:.*?\s)?(?:the|a|an|their|its|our)\s+", "", name, flags=re.I) if not named else name
        ev_start, ev_end = evidence_span(view, window_start + named.start(1) if named else m.start(), m.end())
        fields = {"authorities": members, "name": name, "status": _status(doc, s_start, s_end)}
        found.append(Candidate("partnership", fields, ev_start, ev_end, 0.7,
                               dedupe_key=_partnership_key(members)))
    for m in _NAMED_PARTNERSHIP.finditer(flat):
        s_start, s_end = view.sentence_bounds(m.start())
        named = _with_own_council(doc, m.group(), _arrangement_members(doc, view, m.start(), m.end(), m.group()))
        if len(named) < 2:
            continue
        name = re.sub(r"^the\s+", "", m.group("name").strip(), flags=re.I).strip("‘'“\" ")
        in_name = _authorities_near(doc, m.start(), m.end())
        if len(in_name) == 1:
            continue  # "Safer Peterborough Partnership" is one council's own partnership
        ev_start, ev_end = evidence_span(view, m.start(), m.end())
        fields = {"authorities": named, "name": name, "status": _status(doc, s_start, s_end)}
        found.append(Candidate("partnership", fields, ev_start, ev_end, 0.8,
                               dedupe_key=_partnership_key(named)))
    for body, start, end in find_joint_bodies(doc):
        # a joint body known by name (extract/data/joint_bodies.csv): its members although the text lists none
        s_start, s_end = view.sentence_bounds(start)
        ev_start, ev_end = evidence_span(view, start, end)
        fields = {"authorities": list(body.members), "name": body.name, "status": _status(doc, s_start, s_end)}
        found.append(Candidate("partnership", fields, ev_start, ev_end, 0.85,
                               dedupe_key=_partnership_key(list(body.members))))
    found.extend(_services_shared_by_councils(doc, view))
    found.extend(_counted_members(doc, view))
    return _one_per_name(doc, view, found)


# "the seven North East local authority areas comprising: Durham, Gateshead, …", "the six constituent local
# authorities of Halton, Knowsley, Liverpool, St Helens, Sefton and Wirral"
_COUNTED_COUNCILS = re.compile(rf"\b(?P<count>{'|'.join(_NUMBER_WORDS)}|\d{{1,2}})\s+(?:[A-Z][\w-]*\s+){{0,3}}"
                               r"(?:constituent\s+|member\s+|partner\s+)?(?:local\s+)?(?:councils|authorities|authority\s+areas)"
                               r"\s*(?:\(\w+\)\s*)?(?:of|comprising|which\s+are|are|,?\s*namely|i\.e\.)?\s*(?::\s*|\s\(|\s+)", re.I)
_BODY_OF_COUNCILS = re.compile(r"\b(?:combined|joint|partnership|partners|deal|constituent|agreement|alliance|consortium|"
                               r"committee|board|devolution|collaborat\w*|shared|region)\b", re.I)


def _counted_members(doc, view) -> list[Candidate]:
    """A body's councils counted and then listed: the list is the whole membership when it names as many councils
    as the count says, in a sentence about an arrangement ("the six constituent local authorities of …")."""
    flat = view.flat
    found = []
    for m in _COUNTED_COUNCILS.finditer(flat):
        count = m.group("count").lower()
        wanted = _NUMBER_WORDS.get(count) or int(count)
        s_start, s_end = view.sentence_bounds(m.start())
        listed = _listed_after(doc, m.end(), max(s_end, m.end() + 300))
        if wanted < 2 or len(listed) != wanted or not _BODY_OF_COUNCILS.search(flat, s_start, s_end):
            continue
        last = max(x.end for x in doc._.dcs_authority_mentions if x.gss in listed and x.start >= m.end())
        ev_start, ev_end = evidence_span(view, m.start(), last)
        fields = {"authorities": sorted(listed), "name": re.sub(r"\s+", " ", m.group()).strip(" :("), "status": _status(doc, s_start, s_end)}
        found.append(Candidate("partnership", fields, ev_start, ev_end, 0.75, dedupe_key=_partnership_key(sorted(listed))))
    return found


# A service the text says councils share, named after it: "the collection of services shared by Sutton and Kingston
# councils", "Environmental Health is provided as a shared service by Mole Valley District Council" (the second
# council is the paper's own)
_SHARED_BY = re.compile(r"\b(?:(?P<services>services?|functions?|teams?)\s+(?:(?:that\s+are|which\s+are|now|already)\s+)?"
                        r"shared\s+(?:by|between)|(?P<provided>provided|delivered|run)\s+(?:as\s+a\s+shared\s+service\s+)by)\s+(?:the\s+)?", re.I)


def _services_shared_by_councils(doc, view) -> list[Candidate]:
    flat = view.flat
    main = doc._.dcs_main_authorities or []
    found = []
    for m in _SHARED_BY.finditer(flat):
        s_start, s_end = view.sentence_bounds(m.start())
        listed = _listed_after(doc, m.end(), max(s_end, m.end() + 1))
        if m.group("provided") and len(listed) == 1 and main and main[0] not in listed:
            listed = [main[0], *listed]
        if len(listed) < 2:
            continue
        last = max(x.end for x in doc._.dcs_authority_mentions if x.start >= m.end() and x.gss in listed and x.start < s_end + 1)
        ev_start, ev_end = evidence_span(view, m.start(), last)
        fields = {"authorities": sorted(listed), "name": re.sub(r"\s+", " ", m.group()).strip(), "status": _status(doc, s_start, s_end)}
        found.append(Candidate("partnership", fields, ev_start, ev_end, 0.75, dedupe_key=_partnership_key(sorted(listed))))
    return found


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _stated_members(doc, view, name: str) -> tuple[list[str], int, int] | None:
    """The councils a sentence says make up a named arrangement: "The eight councils that make up the Northern
    Alliance are: Argyll and Bute; Aberdeen City; …", "the Alliance is made up of A, B and C"."""
    escaped = r"\s+".join(re.escape(word) for word in name.split())
    statement = re.compile(
        rf"\b(?:councils|authorities|members|partners)\s+(?:that|which|who)\s+(?:make\s+up|form|comprise)\s+(?:the\s+)?{escaped}"
        rf"\s+(?:are|is|include)\b|\b{escaped}\s+(?:is\s+made\s+up\s+of|comprises|consists\s+of|brings\s+together|"
        rf"(?:is\s+)?(?:a\s+)?partnership\s+(?:of|between))\b", re.I)
    for m in statement.finditer(view.flat):
        stop = _SENTENCE_END.search(view.flat, m.end(), m.end() + 400)  # a list after "are:" runs past the colon
        end = stop.start() if stop else m.end() + 400
        members = _authorities_near(doc, m.end(), end)
        if len(members) >= 2:
            return sorted(members), m.start(), end
    return None


def _one_per_name(doc, view, found: list[Candidate]) -> list[Candidate]:
    """A named arrangement is one fact however often the text names it: its members are those a sentence
    says make it up, else the most councils any mention of it names (a mention in passing names fewer)."""
    by_name: dict[tuple[str, bool], list[Candidate]] = {}
    kept: list[Candidate] = []
    for c in found:
        name = c.fields["name"]
        if not re.search(r"[A-Z]", name):
            kept.append(c)  # "a shared service": not a name two mentions could share
            continue
        by_name.setdefault((name.lower(), c.fields["status"] == "former"), []).append(c)
    for group in by_name.values():
        best = max(group, key=lambda c: (len(c.fields["authorities"]), c.confidence))
        stated = _stated_members(doc, view, best.fields["name"])
        if stated:
            members, start, end = stated
            best.fields["authorities"] = members
            best.dedupe_key = _partnership_key(members)
            best.start, best.end = evidence_span(view, start, end)  # the sentence that says who the members are
        kept.append(best)
    return sorted(_one_arrangement_in_parts(_widest_mentions(kept)), key=lambda c: c.start)


def _one_arrangement_in_parts(found: list[Candidate]) -> list[Candidate]:
    """A paper about one arrangement names it in parts ("the existing delegated arrangements with Cotswold for GO
    Shared Services", "subject to Cotswold, Forest of Dean and West Oxfordshire agreeing"): when every two of its
    arrangements share at least two councils, they are that one arrangement, of all their councils. Arrangements
    that share one council at most (a county's joint committee with one neighbour and its joint venture with
    another) stay apart, as does anything said to have ended."""
    if len(found) < 2 or any(c.fields["status"] == "former" for c in found):
        return found
    sets = [set(c.fields["authorities"]) for c in found]
    if not all(len(a & b) >= 2 for i, a in enumerate(sets) for b in sets[i + 1:]):
        return found
    union = sorted(set().union(*sets))
    best = max(found, key=lambda c: (len(c.fields["authorities"]), c.confidence))
    best.fields["authorities"] = union
    best.dedupe_key = _partnership_key(union)
    return [best]


# Words any arrangement's name may hold; the rest of a name tells one arrangement from another.
_ARRANGEMENT_WORDS = {"partnership", "partnerships", "arrangement", "arrangements", "agreement", "joint", "shared",
                      "working", "work", "service", "services", "collaboration", "in", "with", "the", "a", "an",
                      "of", "and", "for", "between", "councils", "authorities", "worked", "works", "together",
                      "have", "has", "had", "will", "be", "been", "is", "are", "was", "were", "to"}


def _widest_mentions(found: list[Candidate]) -> list[Candidate]:
    """A mention naming some of an arrangement's councils is that arrangement named in passing, not another
    one: a partnership whose councils are all among another's (of the same status) is dropped."""
    def named_words(c: Candidate) -> set[str]:
        return set(re.findall(r"[a-z]+(?:-[a-z]+)?", c.fields["name"].lower())) - _ARRANGEMENT_WORDS

    def covered(c: Candidate) -> bool:
        mine = set(c.fields["authorities"])
        # "the bi-borough partnership" beside "the tri-borough partnership": two arrangements by name
        return any(mine < set(o.fields["authorities"]) and o.fields["status"] == c.fields["status"]
                   and named_words(c) <= named_words(o) for o in found if o is not c)
    return [c for c in found if not covered(c)]
