"""People in post: named officers and councillors with their roles, from NER names plus role phrases around them."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from councildocs.extract.candidates import Candidate
from councildocs.extract.evidence import evidence_span
from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.roles import AREA_WORDS, categorise_role, main_post
from councildocs.extract.text_view import line_bounds

_HONORIFICS = {"cllr", "cllrs", "councillor", "councillors", "mr", "mrs", "ms", "miss", "mx", "dr", "lord", "lady", "baroness", "baron", "alderman", "alderwoman",
               "sir", "dame", "professor", "prof", "rev", "revd"}
# a given name written as its initial: "I", "I."
_INITIAL = re.compile(r"[A-Z]\.?")
_POST_NOMINALS = {"qpm", "obe", "mbe", "cbe", "dbe", "kbe", "bem", "kc", "qc", "dl", "jp", "phd", "msc", "ma", "bsc", "ba",
                  "hmi", "shmi"}  # "Nicki Shaw HMI": His Majesty's Inspector, written after the name as an honour is
_NOT_NAME_WORDS = {
    "council", "councils", "services", "service", "director", "directors", "executive", "chief", "band", "pay",
    "board", "committee", "partnership", "university", "ofsted", "appendix", "children", "children's", "adult",
    "adults", "social", "care", "education", "health", "public", "government", "department", "the", "and", "of", "to",
    "unison", "unite", "gmb", "team", "office", "programme", "plan", "fund", "policy", "forum", "group", "cabinet",
    "street", "road", "house", "hall", "centre", "college", "school", "trust", "nhs", "police", "court", "power",
    "station", "county", "city", "borough", "district", "london", "england", "uk", "britain", "leader", "mayor",
    "member", "members", "cabinet", "head", "officer", "officers", "manager", "commissioner", "chair", "interim", "acting",
    "call", "contact", "email", "e-mail", "phone", "tel", "telephone", "fax", "mobile", "ring", "write", "visit", "apply", "please", "dear",
    "town", "grade", "scale", "band", "level", "salary", "rate", "post", "role", "job", "civic", "heads",
    # the headings and boilerplate of council papers ("Report author: …", "Members Allowances Scheme")
    "scheme", "holder", "portfolio", "allowance", "allowances", "publication", "author", "report", "classification",
    "summary", "item", "agenda", "minutes", "decision", "ward", "wards", "meeting", "date", "purpose",
    "items", "joint", "shared", "proposal", "proposals", "briefing", "session", "sessions", "framework", "standard",
    "standards", "that", "this", "these", "those", "now",
    # a meeting's venue ("Venue: Steve Greenslade Room, County Hall") and a paper's project roles
    "room", "chamber", "suite", "building", "floor", "venue", "project", "sponsor",
    "provost",  # "the Lord Provost": a civic office, not a surname
    # occupations written after a name as its title ("Younes Hamade, Principal Engineer")
    "engineer", "planner", "surveyor", "accountant", "analyst", "administrator", "technician", "specialist",
    "adviser", "advisor", "consultant", "coordinator", "co-ordinator", "architect", "librarian", "practitioner",
    "inspector", "auditor", "solicitor", "lawyer", "therapist", "psychologist", "worker", "assistant",
    # a web page's sharing furniture ("Share on Facebook Share on Twitter Share by email")
    "share", "twitter", "facebook", "linkedin", "instagram", "youtube", "print", "cookies",
} | AREA_WORDS
_ROLE_HEAD = (r"chief\s+executive(?:\s+officer)?|ceo|director|leader|officer|manager|commissioner|chair(?:man|woman|person)?|"
              r"researcher|recruiter|practitioner|social\s+worker|worker|partner|associate|clerk|superintendent|"
              r"inspector|hmi|constable|commander|author|analyst|dcs|dass|dph|"
              r"head|mayor|councillor|cabinet\s+member|lead\s+member|portfolio\s+holder|deputy|president|minister|"
              r"secretary|adviser|advisor|consultant|lead|coordinator|co-ordinator|chief\s+of\s+staff|provost|"
              r"lord[\s–-]lieutenant|solicitor|auditor|champion")
# a word of a post's title; a number only as a statutory section ("Section 151 Officer", "Section 95 Officer")
_ROLE_WORD = r"(?:[A-Za-z][\w’'&-]*|(?<=Section\s)\d{2,3}\b)"
# "Vice-Chairman", "Co-Chair", "Sub-Committee Chairman": a post's head with a hyphened prefix
_HYPHENED = r"(?:(?:vice|co|sub|deputy|joint)[-–])?"
# A role written right after a name: "Ravi Govindia, Leader of Wandsworth", "Wendi Ogle-Welbourn  Joint Director",
# "appointed Bill Alexander to the temporary post of Chief Operating Officer", "Lynda Poole is the Assistant Director
# for Access and Achievement"
_ROLE_AFTER = re.compile(
    rf"^\s*(?:,|–|—|-|:|\(|as\b|is\b|to\s+the\s+(?:[a-z]+\s+)?(?:post|role|position)\s+of\b)?\s*(?:the\s+|a\s+|our\s+|its\s+)?(?:new\s+)?(?:council['’]s\s+|city['’]s\s+|borough['’]s\s+)?"
    rf"(?P<role>(?:(?:{_ROLE_WORD}|&)\s+){{0,6}}?{_HYPHENED}(?:{_ROLE_HEAD})\b(?:\s+(?:of|for|&)\s+(?:the\s+)?{_ROLE_WORD}(?:\s+(?:{_ROLE_WORD}|&|and|of)){{0,6}})?"
    rf"(?:\s+(?-i:(?!Tel\b|Email\b|Phone\b|Mobile\b|Mrs?\b|Ms\b|Miss\b|Dr\b|Cllr\b|Councillor\b)(?:[A-Z][a-z]+|[A-Z]{{2,3}})\b)(?:\s+&\s+{_ROLE_WORD})?)?(?:\s+\([A-Z][\w\s]*\))?)", re.I)
# "The two joint Chief Executives, Daryl Phillips and Patricia Hughes": posts before the names that hold them
# (not "Councillors" or "Officers", which head lists of their own)
_PLURAL_POSTS = r"(?:chief\s+executive|director|leader|manager|head|commissioner|inspector)s\b"
# A role written right before a name: "Chief Executive Paul Martin", "a government commissioner – Lord Warner"
_ROLE_BEFORE = re.compile(
    rf"(?P<role>(?:\b{_ROLE_WORD}\s+){{0,3}}{_HYPHENED}(?:(?:{_ROLE_HEAD})\b|{_PLURAL_POSTS})(?:\s+(?:and|&)\s+(?-i:[A-Z][A-Z0-9]{{1,4}}))?(?:\s+(?:of|for)\s+(?:the\s+)?{_ROLE_WORD}(?:\s+(?:{_ROLE_WORD}|and|&)){{0,5}}?)?(?:\s*\([A-Z][\w\s]{{0,30}}\))?)"
    # "Service Director (CSWO), Stephen Morgan", "Leader of the Council (William Nunn)", "Deputy Chief Executive and
    # CFO Sarah King"
    # … or "Our Chief Executive is Sue Johnson": the post, "is", then its holder
    rf"\s*(?:,|–|—|-|:|\(|\s+is\b)?\s*(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Lord|Lady|Baroness|Sir|Dame|Professor)\.?\s+)?$", re.I)
# "Mr. Lomas asked the Secretary of State …": the post a question is put to is not the asker's
_CLAUSE_START = re.compile(r"(?:you|we|he|she|they|it|who|which|will|would|has|have|had|is|was|said|says|told|added|ask|asks|asked|"
                           r"explained|commented|welcomed|announced|confirmed|stated)\b", re.I)
_LEAD_IN = {"the", "a", "an", "our", "its", "their", "his", "her", "and", "by", "with", "to", "of", "for", "from", "as",
            "says", "said", "current", "former", "new", "council's", "council’s", "city", "city's", "city’s"}
_ROLE_MODIFIERS = {"strategic", "executive", "corporate", "government", "interim", "acting", "deputy", "assistant",
                   "participation", "chief", "senior", "council", "service", "joint", "principal", "programme",
                   "head", "lead", "independent", "area", "regional", "shared"}
_NAME = r"[A-Z][a-z]+(?:[-’'][A-Z][a-z]+)?(?:\s+[A-Z][a-z]+(?:[-’'][A-Z][a-z]+)*){1,2}"
# A capitalised name where the words around it say it is a person: after "contact"/"by"/"from", or set
# off by a comma from a post title on either side.
_CUED_NAME = re.compile(
    rf"(?:\b(?:contact:?|by|from|replaces|succeeds|appoint|appointed|appointment\s+of|named|with|to)\s+(?:(?:Cllr|Dr|Mr|Mrs|Ms|Miss)\.?\s+)?"
    rf"(?P<name>{_NAME})(?=\s*(?:[,.;:’']|\s(?:who|as|has|is|was|will|said|says|on|at|since|until|from|in|for|and|MP|MSP|MS|AM)\b))"
    rf"|(?:Director|Executive|Manager|Officer|Head|Leader|Member|Care|Services|Health)\b[^,.;]{{0,60}},\s+(?P<after>{_NAME})(?=\s*[,.;])"
    rf"|(?P<phone>{_NAME})(?=\s+on\s+\+?\d)"
    rf"|(?P<before>{_NAME}),\s+(?:the\s+)?(?:(?:[A-Z][\w’'-]*|of|for|and|&)\s+){{0,6}}(?:Director|Executive|Head|Manager|Officer|Leader|"
    rf"Member|Minister|Secretary|Chief|Chair|Commissioner|Mayor|Provost|Lord[–-]Lieutenant|Solicitor)\b"
    # "Report of the Leader of the Council (William Nunn)"
    rf"|(?:Leader|Director|Executive|Officer|Member|Manager|Head|Chair)\b[^()]{{0,60}}\((?P<paren>{_NAME})\))")
# Whether a person is leaving, arriving or a contact: labels "outgoing", "incoming" and "contact" of
# extract/data/cues.json (doc._.dcs_cues).
_EXTERNAL = re.compile(r"\b(commissioner|chair|board|inspector|minister|secretary\s+of\s+state|mp)\b", re.I)


@dataclass
class _Mention:
    name: str
    start: int
    end: int
    honorific: str | None
    post: tuple[str, int, int] | None = None  # the post a list gives beside the name ("Martin Gray (DCS)")


def _is_name_word(word: str) -> bool:
    w = word.strip(".:-")
    return (bool(w) and w[:1].isupper() and not w.isupper() and w.lower().replace("’", "'") not in _NOT_NAME_WORDS
            and not _heading_word(w.lower()))


def _heading_word(word: str) -> bool:
    """Abstract nouns of a paper's headings that the recogniser takes for names ("Enhancing Governance",
    "Service Transformation", "Constitutional Arrangements", "Care Quality Commission"): common words ending
    -ment, -tion, -sion or -ance, or their plurals. (Gerunds are left alone: Manning, Harding and Bowling are surnames as often as they
    are words.)"""
    from wordfreq import zipf_frequency

    if word.endswith(("ment", "tion", "sion", "ance", "ments", "tions", "sions", "ances")) and len(word) >= 8 and zipf_frequency(word, "en") >= 3.5:
        return True
    # plural abstract nouns: "Special Responsibilities", "Joint Briefings" (while Hastings, Jennings and
    # Cummings, plurals of no common word, stay surnames)
    if word.endswith("ities") and len(word) >= 8:
        return zipf_frequency(word, "en") >= 3.0
    return (word.endswith("ings") and len(word) >= 7 and zipf_frequency(word, "en") >= 3.0
            and zipf_frequency(word[:-1], "en") >= 3.5)


def _clean_name(text: str, start: int) -> _Mention | None:
    # a name may wrap onto the next line of a PDF, but never across a paragraph break
    line = text.split("\n\n")[0]
    tokens = re.findall(r"[A-Za-z][A-Za-z’'.-]*", line)
    offset_tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Za-z][A-Za-z’'.-]*", line)]
    honorific = None
    # honorifics and words before the name ("Call Hollie Brannigan", "Lord Mayor Alderman Charles Bowman") are dropped
    while offset_tokens:
        word = offset_tokens[0][2]
        if word.lower().rstrip(".") in _HONORIFICS:
            honorific = word.rstrip(".")
        elif _is_name_word(word) or word.lower() not in _NOT_NAME_WORDS:
            break
        offset_tokens = offset_tokens[1:]
    for i, token in enumerate(offset_tokens):
        if not _is_name_word(token[2]) or token[2].lower().rstrip(".:-") in _POST_NOMINALS:
            if token[2][:1].isupper() and token[2].lower().rstrip(".:-") not in _POST_NOMINALS and i < len(offset_tokens):
                return None  # "Barking Town Hall": part of a longer proper name, not a person
            offset_tokens = offset_tokens[:i]
            break
    if not tokens or not offset_tokens:
        return None
    words = [t[2].strip(".:-") for t in offset_tokens]
    if len(words) > 4:
        return None
    if len(words) < 2 and honorific is None:
        return None
    s = start + offset_tokens[0][0]
    e = start + offset_tokens[-1][1]
    while e > s and text[e - start - 1] in ".:-’'":
        e -= 1
    words[-1] = re.sub(r"[’'](?:s)?$", "", words[-1])  # "Tamsin Okwuosa’s office"
    name = " ".join(words)
    if honorific and len(words) == 1 and honorific.lower() in {"lord", "lady", "baroness", "baron", "sir", "dame"}:
        name = f"{honorific} {name}"
        s = start + [t for t in re.finditer(r"[A-Za-z][A-Za-z’'.-]*", line) if t.group().rstrip(".") == honorific][0].start()
    return _Mention(name=name, start=s, end=e, honorific=honorific)


def _trim_role(role: str) -> str:
    words = role.split()
    # drop the sentence's words before the title ("reviewed independently by the Chair of …")
    while words and (words[0].lower() in _LEAD_IN or (words[0].islower() and words[0] not in _ROLE_MODIFIERS
                                                      and not re.fullmatch(_ROLE_HEAD, words[0], re.I))):
        words = words[1:]
    role = re.sub(r"\s+", " ", " ".join(words)).strip(" ,–-:(")
    # the sentence going on after the title: "Service Director for People and Places and has management responsibility"
    role = re.sub(r"\s+and\s+(?:has|have|had|is|was|will|leads?|led|oversees|manages|works|also)\b.*$", "", role, flags=re.I)
    # "Vice-Chairman of the … Panel for [the ensuing year]": a title never ends on a joining word
    role = re.sub(r"(?:\s+(?:for|of|and|the|to|in|at|on|with|&))+$", "", role, flags=re.I)
    # a paper's heading before the title: "Report of the Leader of the Council (William Nunn)"
    return re.sub(r"^(?:Report|Statement|Update|Letter|Decision)\s+(?:of|from|by)\s+(?:the\s+)?", "", role)


# "Ellie Harwood (Child Poverty Action Group)", "Dr Deborah Harrison from the North East Child Poverty
# Commission": a named body the person speaks for is their role
_BODY = (r"(?:[A-Z][\w’'&-]*\s+){1,6}(?:Commission|Group|Trust|Association|Network|Board|Partnership|Service|University|"
         r"Foundation|Alliance|Agency|Office|Department|Inspectorate|Society|Institute|Unit|Panel|Forum|Council)")
_AFFILIATION = re.compile(rf"^\s*(?:\((?P<paren>{_BODY})\)|,?\s+(?:from|of)\s+the\s+(?P<from>{_BODY})\b)")


# "Dorothy ThonhillSpeaking": the next word run into a name where a line break was lost
_GLUED_WORD = re.compile(r"(?<![MO])(?<!Ma)(?<!Mc)(?<!De)[a-z][A-Z][a-z]")
_COORDINATED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)")


# "Councillor J M Whitehouse, Councillor Wagland", "moved by Councillor Watts and seconded by Councillor
# Johnson": the words after a name are the next person in a list, not a post
_NEXT_PERSON = re.compile(r"(?:Councillor|Cllr)\.?\s+[A-Z]")
_HONORIFIC_NEXT = re.compile(r"[ \t]+(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr)\.?\s+[A-Z]")


def _role_near(flat: str, mention: _Mention, text: str, others: list[_Mention] = ()) -> tuple[str, int, int] | None:
    """The post written beside a person's name. In a list of people ("NDC Chief Executive Mike Mansell, TDC Leader
    Cllr Barry Parsons, Kate Little, Steve Hearse and …"), a title that runs into the next name is that person's."""
    after = _ROLE_AFTER.match(flat[mention.end:mention.end + 120])
    span = None
    if after and not _CLAUSE_START.match(after.group("role")):  # ", you will lead …" starts a clause, not a title
        span = (mention.end + after.start("role"), mention.end + after.end("role"))
    if span:
        a_start, a_end = span
        inside = min((o.start for o in others if o is not mention and a_start <= o.start < a_end), default=None)
        if _HONORIFIC_NEXT.match(text, a_end):
            span = None
        elif inside is not None:
            # "Alun Davies, Cabinet Secretary for … and Huw Irranca-Davies, Minister …": the title ends at the
            # "and" before the next name; "Corporate Director Peter Hopkins" is the next person's own title
            joined = re.search(r"(?:,|\band|&)\s*$", flat[a_start:inside])
            span = (a_start, a_start + joined.start()) if joined else None
    if span:
        r_start, r_end = span
        # a contact block's lines ("Kevin Kasaven\nDirector of Children's Services\nSharon Howard\n…"): the title
        # ends with its line once that line holds a whole title
        line_end = text.find("\n", r_start, r_end)
        if line_end >= 0 and re.search(_ROLE_HEAD, text[r_start:line_end], re.I):
            r_end = line_end
        # a table's cell ends a title too ("Argument<TAB>Officer Response" is a header's two cells)
        cell_end = text.find("\t", r_start, r_end)
        if cell_end >= 0:
            r_end = cell_end
        role = _trim_role(re.sub(r"\s+(?:since|from|until)\b.*$", "", flat[r_start:r_end]))
        if role and re.search(_ROLE_HEAD, role, re.I) and not _NEXT_PERSON.match(role):
            return role, r_start, r_end
    affiliation = _AFFILIATION.match(flat[mention.end:mention.end + 120])
    if affiliation:
        group = "paren" if affiliation.group("paren") else "from"
        return affiliation.group(group), mention.end + affiliation.start(group), mention.end + affiliation.end(group)
    window_start = max([max(0, mention.start - 90)] + [o.end for o in others if o.end <= mention.start])
    before = _ROLE_BEFORE.search(flat[window_start:mention.start])
    if before and before.group(0).rstrip().lower().endswith(" is"):
        # "Bolton Council\n\nOur Chief Executive is Sue Johnson": a sentence naming a post's holder starts on
        # its own line, so the post does not reach back over a line break
        line_start = text.rfind("\n", window_start, mention.start) + 1
        if line_start > window_start + before.start("role"):
            before = _ROLE_BEFORE.search(flat[line_start:mention.start])
            window_start = line_start
    if before:
        role = _trim_role(before.group("role"))
        # "thanked Councillor Wagland and former Councillor M Cohen": the honorific is the post, not the list
        honorific = re.search(r"(?:\b(?:and|,)\s+|^)((?:former\s+)?(?:Councillor|Cllr))$", role)
        if honorific:
            role = honorific.group(1)
        listed = re.split(r"\s+(?:and|&)\s+", role, maxsplit=1)
        if len(listed) == 2 and not re.search(_ROLE_HEAD, listed[0], re.I):
            role = listed[1]  # "…, Alison Reid and Mendip Leader Cllr Ros Wyke": the words before "and" end a name
        last = role.split()[-1] if role else ""
        if last.islower() and not re.search(rf"\b(?:{_ROLE_HEAD})$", role, re.I) and last not in AREA_WORDS:
            role = ""  # "the Leader of the Council thanked Councillor …": a sentence, not a title
        if role and re.search(_ROLE_HEAD, role, re.I):
            return role, window_start + before.start("role"), window_start + before.end("role")
    return None


def find_people(doc, view) -> list[Candidate]:
    flat = view.flat
    place_names = {n.lower() for a in load_gazetteer().authorities for n in (a.nice_name,)}
    mentions: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        text, end = ent.text, ent.end_char
        # "Helena Marsh-Okafor": the small model often stops at a double-barrelled surname's hyphen
        barrel = re.match(r"-[A-Z][a-z]+", view.text[end:end + 30])
        if barrel:
            text += barrel.group()
        m = _clean_name(text, ent.start_char)
        # "Bracknell Forest", "Richmond Kingston" read as names; a surname may be a place ("Allan Harrow")
        if m and m.name.lower() not in place_names and m.name.split()[0].lower() not in place_names:
            mentions.append(m)
    # honorific + surname forms the model misses ("Cllr Govindia", "Lord Warner", "Mr Brown, the Monitoring Officer")
    for hm in re.finditer(r"\b(Cllr|Councillor|Lord|Lady|Baroness|Sir|Dame|Dr|Mr|Mrs|Ms|Miss)\.?\s+((?:Ma?c)?[A-Z][a-z’'-]+(?:\s+(?:Ma?c)?[A-Z][a-z’'-]+){0,2})", flat):
        m = _clean_name(flat[hm.start():hm.end()], hm.start())
        if m is None:
            continue
        overlapping = [x for x in mentions if x.start < m.end and m.start < x.end]
        if all(len(x.name) < len(m.name) for x in overlapping):
            mentions = [x for x in mentions if x not in overlapping] + [m]
    # minutes and attendance lists: "Mr R Greene", "Councillor C.E. Smith", "Councillors H. Cunningham, J. Millard and …"
    for m in _titled_names(flat, view.text):
        overlapping = [x for x in mentions if x.start < m.end and m.start < x.end]
        if all(len(x.name) <= len(m.name) for x in overlapping):
            mentions = [x for x in mentions if x not in overlapping] + [m]
    # names the small model misses ("Tamsin Okwuosa" read as a place) where the text frames them as a person
    for cm in _CUED_NAME.finditer(flat):
        group = next(g for g in ("name", "after", "phone", "before", "paren") if cm.group(g))
        m = _clean_name(cm.group(group), cm.start(group))
        if (m and len(m.name.split()) >= 2 and not any(x.start < m.end and m.start < x.end for x in mentions)
                and not any(a.start < m.end and m.start < a.end for a in doc._.dcs_authority_mentions or [])
                and m.name.lower() not in place_names):
            mentions.append(m)

    # "R W Gough, Leader of …", "JOHN Smith, Director of …": initials, or a first name in capitals, set off by
    # a comma from a title
    for im in _INITIALLED_BEFORE_ROLE.finditer(flat):
        words = im.group("name").split()
        initialled = len(words[0].rstrip(".")) == 1  # "E Coventry, Democratic Services Officer": a surname may be a place
        if words[0] in _ACRONYMS or (words[-1].lower() in place_names and not initialled) or words[-1].lower() in _NOT_NAME_WORDS:
            continue  # "NHS England, Chief Executive …": a body, not a person
        name = " ".join(w.capitalize() if len(w) > 1 and w.isupper() else w for w in words)
        start, end = im.start("name"), im.end("name")
        places = [] if initialled else list(doc._.dcs_authority_mentions or [])
        if not any(x.start < end and start < x.end for x in mentions + places):
            mentions.append(_Mention(name=name, start=start, end=end, honorific=None))

    # contact blocks and who's-who pages: a name on a line of its own beside a line holding a post
    block_roles: dict[tuple[int, int], tuple[str, int, int]] = {}
    for name, role in _line_block_pairs(view.text, place_names):
        if not any(x.start < name.end and name.start < x.end for x in mentions):
            mentions.append(name)
        block_roles[(name.start, name.end)] = role
    # a line holding one person and their post: the line's layout bounds both, so it overrides what the
    # recogniser read across the line's end ("Lindsay Harvey Corporate")
    person_spans = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
    for name, role in _name_role_lines(view.text, place_names, person_spans):
        if any(x.post and x.start < name.end and name.start < x.end for x in mentions):
            continue  # the last name of a list ("…, Christy Wannop\nSenior data analyst: …") keeps the list's post
        mentions = [x for x in mentions if not (x.start < name.end and name.start < x.end)] + [name]
        block_roles[(name.start, name.end)] = role

    # a meeting's venue line names rooms and towns ("Venue: Siambr Hywel Dda, Council Offices"), never people
    mentions = [m for m in mentions if not _VENUE_LINE.match(view.text, view.text.rfind("\n", 0, m.start) + 1)]
    # a name never runs onto the next line ("Cllr Dyfrig Siencyn\nAdditional documents"): flat text joins lines
    mentions = [x for x in (_within_line(view.text, m) for m in mentions) if x is not None]
    mentions = [x for x in (_before_council(view.text, m, doc._.dcs_authority_mentions or []) for m in mentions) if x is not None]
    known = {m.name for m in mentions if len(m.name.split()) >= 2}
    for name in known:
        for occurrence in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", flat):
            if not any(x.start <= occurrence.start() < x.end for x in mentions):
                mentions.append(_Mention(name=name, start=occurrence.start(), end=occurrence.end(), honorific=None))
    mentions = _split_run_together(mentions, flat)
    # "N.Mackie" and "N. Mackie" are one name written two ways; "Porter- Moore" is a surname a line broke
    mentions = [replace(m, name=_BROKEN_HYPHEN.sub("-", _INITIAL_GLUED.sub(r"\1 ", m.name))) for m in mentions]
    # "Councillor Leadbitter, seconded by …": a title kept at the front of a name is not part of it
    mentions = [replace(m, name=_LEADING_TITLE.sub("", m.name)) for m in mentions]
    # group short forms ("Lou", "Mr Hay", "Mei Lai") under the full name they abbreviate
    full_names: list[str] = []
    # (a name written out comes before its initialled forms, whatever their length: 'R W Gough' is 'Roger Gough''s)
    for m in sorted(mentions, key=lambda x: (-sum(not _INITIAL.fullmatch(w) for w in x.name.split()), -len(x.name.split()))):
        words = m.name.split()
        owner = next((f for f in full_names if _abbreviates(words, f.split())), None)
        if owner is None:
            full_names.append(m.name)
    people: dict[str, dict] = {}
    previous: tuple[_Mention, tuple[str, int, int] | None] | None = None
    for m in sorted(mentions, key=lambda x: x.start):
        owner = next((f for f in full_names if f == m.name or _abbreviates(m.name.split(), f.split())), m.name)
        # a post the list gives beside the name ("Martin Gray (DCS)", "Team inspectors: …") is that name's own
        found = m.post or block_roles.get((m.start, m.end)) or _role_near(flat, m, view.text, mentions)
        # "The two joint Chief Executives, Daryl Phillips and Patricia Hughes, lead …": a title written before a
        # list of names is each one's, unless a name has a title of its own
        if previous and previous[1] and previous[1][2] <= previous[0].start and _COORDINATED.fullmatch(flat, previous[0].end, m.start) \
                and (found is None or found[0].islower()) and "\n" not in view.text[m.start:m.end] \
                and not _GLUED_WORD.search(m.name):
            found = previous[1]
        previous = (m, found)
        if found is None and m.honorific and _COUNCILLOR.fullmatch(m.honorific):
            found = ("Councillor", m.start, m.end)
        if found is None and m.post:
            found = m.post  # "Officers: Martin Gray (DCS), Haleem Ghafoor (Comms)"
        if found is None and (nominal := _MEMBER_OF_PARLIAMENT.match(flat, m.end)):
            found = (nominal.group(1), nominal.start(1), nominal.end(1))
        if found is None and m.honorific in _CIVIC_OFFICES:
            found = (m.honorific, m.start, m.end)
        if found is None and m.honorific and _in_attendance_list(flat, m.start):
            found = ("Member", m.start, m.end)
        if found is None:
            found = _post_from_context(doc, view, m)
        if found is None:
            continue
        role, r_start, r_end = found
        entry = people.setdefault(owner, {"mentions": []})
        entry["mentions"].append((m, role, r_start, r_end))

    candidates = []
    cues = doc._.dcs_cues
    main = doc._.dcs_main_authorities or []
    mentioned = doc._.dcs_authority_mentions
    for name, entry in people.items():
        m, role, r_start, r_end = entry["mentions"][0]
        start, end = min(m.start, r_start), max(m.end, r_end)
        sentences = [view.sentence_bounds(x[0].start) for x in entry["mentions"]]
        if any(cues.within("outgoing", *bounds) for bounds in sentences):
            status = "outgoing"
        elif any(cues.within("incoming", *bounds) for bounds in sentences):
            status = "incoming"
        elif cues.within("contact", max(0, m.start - 20), m.end + 200) or cues.within("contact", *view.sentence_bounds(m.start)):
            status = "contact"
        elif _EXTERNAL.search(role):
            status = "other"
        else:
            status = "incumbent"
        in_role = [x.gss for x in mentioned if r_start <= x.start < r_end + 20]
        authorities = sorted(set(in_role)) if in_role else list(main)
        ev_start, ev_end = evidence_span(view, start, end)
        fields = {"name": name, "role": role, "role_category": categorise_role(role), "authorities": authorities,
                  "status": status}
        confidence = 0.85 if len(name.split()) >= 2 else 0.7
        candidates.append(Candidate("person", fields, ev_start, ev_end, confidence, dedupe_key=("person", name.lower())))
    return candidates


# A surname as minutes write it: "Greene", "MacKay", "McLean", "De’Ath", "O'Neill", "Irranca-Davies".
# (a double-barrelled surname may break at its hyphen onto the next line, "Dominic Porter-\nMoore", which
# the flattened text reads "Porter- Moore")
_SURNAME = r"(?:Ma?c|De[’']|O[’']|D[’'])?[A-Z][a-z]+(?:(?:[-’']|-\s)[A-Z][a-z]+)?"
_INITIALS = r"(?:[A-Z]\.?\s?){1,3}"
# Scottish minutes write the surname in capitals ("Councillor Maureen BENNISON"); post-nominals are not surnames
_CAPS_SURNAME = (rf"(?!(?:{'|'.join(sorted(p.upper() for p in _POST_NOMINALS))}|MP|MSP|MS|AM|MEP|"
                 # what minutes put in capitals after a name: "Councillor Shah MOVED and Councillor Jabbar SECONDED"
                 r"MOVED|SECONDED|RESOLVED|AGREED|NOTED|APPROVED|CARRIED|DEFERRED|REFUSED|WITHDREW|ABSTAINED|DECLARED|PRESENT)\b)"
                 r"(?:MA?C)?[A-Z]{3,}(?:-[A-Z]{2,})?(?![A-Za-z])")
# A middle name or initial may stand between ("Graeme Archibald Hardie", "Ian B. Roberts"), but not a post
_MIDDLE = r"(?:\s+(?:[A-Z]\.|[A-Z](?=\s)|(?!(?:Leader|Member|Chair\w*|Director|Officer|Executive|Mayor|Deputy|Cabinet|Council\w*|Head|Chief|Lead|Contracted|Seconded|Inspector)\b)[A-Z][a-z]+))?"
_TITLED_NAME = (rf"(?:{_INITIALS}\s?{_CAPS_SURNAME}|{_INITIALS}\s?(?:[A-Z][a-z]+[ \t]+(?!(?:Cllr|Councillor|Mr|Mrs|Ms|Miss|Dr)\b)(?=(?:Ma?c|De[’']|O[’'])?[A-Z][a-z]+(?![\w’'-])(?![ \t]+[A-Z][a-z])))?{_SURNAME}|[A-Z][a-z]+(?:-[A-Z][a-z]+)?{_MIDDLE}\s+"
                rf"(?!(?:Leader|Member|Chair\w*|Director|Officer|Executive|Mayor|Deputy|Cabinet|Council\w*|Head|Chief|Lead|Contracted|Seconded|Inspector)\b)"
                # a capitalised word after a name means a longer name, unless it is the next person's honorific (a
                # list a line each), a contact label ("Contact: Hazel MacInnes Tel: …") or an inspector's grade
                # ("Nick Stacey Contracted Inspector")
                rf"(?:{_SURNAME}(?![a-z’'])|{_CAPS_SURNAME})"
                # (a second space, as web pages set a column gap, ends the name: "Contact: Eleanor Mulligan  Head of …")
                rf"(?![ \t](?!(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Provost|Baill?ie|Sir|Alderman|Tel|Telephone|Phone|Mobile|Email|Fax|Contracted|Seconded)\b)[A-Z][a-z]))")
_COUNCILLOR = re.compile(r"(?:County\s+|Borough\s+|Town\s+)?(?:Councillors?|Cllrs?(?:\(s\))?|Cyng\.?)", re.I)
_ONE_HONORIFIC = r"Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Alderman|Alderwoman|Provost|Baill?ie|Sergeant|Inspector|Superintendent|Professor|Prof"
# "Bailie Willie Sawers (Dundee City Council)": a title a list or the recogniser kept at the front of a name
_LEADING_TITLE = re.compile(rf"^(?:(?:County\s+)?Councillor|Cllr|{_ONE_HONORIFIC})\.?\s+(?=\S+)")
_TITLED = re.compile(
    rf"(?<![\w’'])(?P<honorific>(?:County\s+|Borough\s+|Town\s+)?(?:Councillor|COUNCILLOR|Cllr|CLLR|Cyng)|{_ONE_HONORIFIC})(?:\.?\s+|\.(?=[A-Z]\.))"
    # "Councillor Mrs Moon": a second honorific, then a surname may stand alone
    rf"(?:(?:Mrs|Mr|Ms|Miss|Dr)\.?\s+(?P<surname>{_TITLED_NAME}|{_SURNAME}(?![\w’'-]))|(?!Council)(?P<name>{_TITLED_NAME}))\b")  # "Depute Provost. Councillors …": a sentence ended
# "Councillors Ms. B.E. Brooks and A.G. Powell", "Cllrs Paul Hodgkinson, Paul McLain and Lesley Williams",
# "For the Motion (12) Councillors, Gatt, Brown, …"
_LIST_HEAD = re.compile(r"(?<![\w’'])(?:(?P<councillors>(?:County\s+)?Councillors|Cllrs|Cllr\(s\))|Members|"
                        r"(?P<officers>(?:Officers(?:\s+present)?|In\s+attendance|Also\s+(?:present|attending))\s*:)|"
                        # an inspection team: "Team inspectors: Anji Parker, Anne Waterman, …", "Senior data analysts: …"
                        r"(?P<posts>(?:[A-Z][a-z]+[ \t]+)?(?:[a-z]+[ \t]+)?(?:inspectors|analysts))[ \t]*:)\s*[:,]?\s+")
# "A Brown (Chair), C Davies and E Fox", "G Hill (Chief Executive), I Jones (Monitoring Officer)"; in a councillors'
# list a surname alone ("Councillors Bradley (Chorley BC) (Vice-chairman), Bennett (South Ribble BC) and Morwood")
# An inspector's grade may follow each name of a team ("Team inspectors: Tracey Metcalfe HMI, Nick Stacey
# Contracted Inspector, …"): the grade is no name's word, and the list goes on after it
_INSPECTOR_GRADE = r"(?:\s+(?:(?:Senior\s+)?HMI|SHMI|OI|(?:Contracted|Seconded|Ofsted|Social\s+Care\s+Regulatory)\s+Inspector))?"
_LIST_ITEM_TAIL = _INSPECTOR_GRADE + r"(?:,?\s+J\.?P\.?)?(?:\s*\((?P<post>[^()]{1,60})\))?(?:\s*\([^()]{1,60}\))?(?P<sep>\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*)?"
_LIST_ITEM = re.compile(rf"(?:(?:{_ONE_HONORIFIC})\.?\s+)?(?P<name>{_TITLED_NAME}){_LIST_ITEM_TAIL}")
_TITLED_NAME_ON_LINE = _TITLED_NAME.replace(r"\s+", r"[ \t]+").replace(r"\s?", r"[ \t]?")
_COUNCILLORS_LIST_ITEM = re.compile(
    rf"(?:(?:{_ONE_HONORIFIC})\.?\s+)?(?P<name>{_TITLED_NAME_ON_LINE}|{_SURNAME}(?![\w’'-])(?![ \t]+[A-Z][a-z])){_LIST_ITEM_TAIL}")
# "Representing The Highland Council:": a joint board's minutes list each council's members under it
_ATTENDANCE = re.compile(r"\b(?:(?:Present|In\s+attendance|Also\s+(?:present|attending)|Members\s+present|Apologies(?:\s+for\s+absence)?|"
                         r"Representing\s+[^:\n]{3,60})\s*:|Apologies(?:\s+for\s+absence)?\s+(?:were|was)\s+(?:received|submitted)\s+from)", re.I)


# Capitalised bodies and titles that can stand where a first name in capitals would
_ACRONYMS = {"NHS", "BBC", "LGA", "ADCS", "ONS", "CQC", "UK", "HM", "DFE", "DfE", "MHCLG", "DLUHC", "ICB", "CCG", "SEND",
             "ICS", "HR", "IT", "ICT", "CEO", "DCS", "DASS", "DPH", "MP", "MSP", "MS", "AM", "OBE", "MBE", "CBE", "RE", "FAO"}
_INITIALLED_BEFORE_ROLE = re.compile(
    rf"(?<![\w’'.])(?P<name>(?:[A-Z]\.?\s?){{1,3}}\s?{_SURNAME}|(?-i:[A-Z]{{2,}})\s+{_SURNAME})(?=,\s+(?:the\s+)?"
    rf"(?:(?:[A-Z][\w’'-]*|of|for|and|&)\s+){{0,6}}(?:Director|Executive|Head|Manager|Officer|Leader|Member|Minister|Secretary|"
    rf"Chief|Chair|Commissioner|Mayor|Provost|Solicitor)\b)")


_INITIAL_GLUED = re.compile(r"\b([A-Z]\.)(?=[A-Z][a-z])")
_BROKEN_HYPHEN = re.compile(r"(?<=[a-z])-\s+(?=[A-Z][a-z])")
_VENUE_LINE = re.compile(r"[ \t]*(?:Venue|Location|Address|Place)[ \t]*:", re.I)
# (a TAB parts a table's cells, not a name's words: "Judgement\tGrade" is a header)
_NAME_LINE = re.compile(rf"(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Professor)\.?[ \t]+)?(?P<name>[A-Z][a-z]+(?:(?: | ?- ?){_SURNAME}){{1,2}})")
_LINE = re.compile(r"[^\n]+")
_DATED_NAME_LINE = re.compile(rf"(?:Dated|Date[ \t]*:)[ \t]+(?:(?:the[ \t]+)?[\w,]+[ \t]+){{1,4}}?(?:19|20)\d\d[ \t]+{_NAME_LINE.pattern}")


def _line_block_pairs(text: str, place_names: set[str]) -> list[tuple[_Mention, tuple[str, int, int]]]:
    """A contact block or who's-who list sets names and posts on lines of their own ("Kevin Kasaven\nDirector of
    Children's Services\nSharon Howard\nCabinet Member for Children", or each post above its holder). A run of
    lines alternating between a name and a post pairs them in the order the run starts with."""
    lines = []
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if not line:
            continue
        start = m.start() + m.group().index(line)
        # a notice's signature: the date on the left, the signer on the right of one line ("Dated Thursday
        # 9 April 2015      Sean Harriss"), the post on the next ("Acting Returning Officer")
        name = _NAME_LINE.fullmatch(line) or _DATED_NAME_LINE.fullmatch(line)
        if name and all(_is_name_word(w) for w in re.split(r"\s*-\s*|\s+", name.group("name"))) and \
                name.group("name").lower() not in place_names and not re.search(_ROLE_HEAD, line, re.I):
            lines.append(("name", start, start + len(line), name.start("name")))
        elif (len(line.split()) <= 12 and not line.endswith((".", ":")) and re.search(rf"\b(?:{_ROLE_HEAD})\b", line, re.I)
              and not re.search(r"[£%@]|\d{3}", line)):
            lines.append(("role", start, start + len(line), 0))
        else:
            lines.append(("other", start, start + len(line), 0))
    pairs = []
    i = 0
    while i + 1 < len(lines):
        first, second = lines[i], lines[i + 1]
        if {first[0], second[0]} != {"name", "role"}:
            i += 1
            continue
        order = first[0]
        j = i
        while j + 1 < len(lines) and lines[j][0] == order and lines[j + 1][0] != order and lines[j + 1][0] != "other":
            name_line, role_line = (lines[j], lines[j + 1]) if order == "name" else (lines[j + 1], lines[j])
            n_start = name_line[1] + name_line[3]
            words = re.sub(r"\s*-\s*", "-", text[n_start:name_line[2]]).split()  # "Linda McAulay - Griffiths"
            pairs.append((_Mention(name=" ".join(words), start=n_start, end=name_line[2], honorific=None),
                          (re.sub(r"\s+", " ", text[role_line[1]:role_line[2]]), role_line[1], role_line[2])))
            j += 2
        i = max(j, i + 1)
    return pairs


# "G. Sanderson", "R.W. Gough": initials before a surname, as minutes write members
_LINE_INITIALS = r"(?:[A-Z]\.[ \t]?){1,3}"
# A line that is one person and their post, as papers list a cabinet or the officers at a meeting:
# "Councillor Huw David – Leader of Council", "-   Michelle Morris – Managing Director",
# "Carys Lord - Chief Officer - Finance, Performance and Change", "Carol Beattie, Chief Executive"; or a table's
# cell ("Harmesh Bhogal, DCS<TAB>Felicity Cox, chief executive officer"). A dash is
# set off by spaces, so a double-barrelled name ("Jon-Paul Blundell") stays whole.
_LINE_NAME = (rf"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ \t]+(?:[A-Z]\.?[ \t]+)?{_SURNAME}){{1,2}}"
              rf"|{_LINE_INITIALS}{_SURNAME})")
_NAME_DASH_ROLE_LINE = re.compile(
    rf"(?:^|(?<=\t))[ \t]*(?:[-•·*▪][ \t]+)?(?:(?P<honorific>Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Professor)\.?[ \t]+)?{_LINE_NAME}"
    rf"(?:[ \t]+[-–—]|,)[ \t]+(?P<role>[^\n\t]{{3,120}}?)[ ]*(?:\t|$)", re.M)  # a table's cell ends the post
# "Name of Head of Service: Jason Jones", "Report author: Jane Smith", "Reporting Person – Eugene Walker": a
# label line naming the person who holds the post it names
_ROLE_LABEL_NAME_LINE = re.compile(
    rf"^[ \t]*(?:Name[ \t]+of[ \t]+)?(?P<role>[A-Z][^\n:–—]{{2,60}}?)[ \t]*(?::|[ \t][-–—])[ \t]*"
    rf"(?:(?:Councillor|Cllr|Mr|Mrs|Ms|Miss|Dr|Professor)\.?[ \t]+)?{_LINE_NAME}[ \t]*[.,]?[ \t]*$", re.M)
_LABEL_PERSON_WORDS = re.compile(r"\b(?:author|person|contact|officer|lead|owner|sponsor|presenter)\b", re.I)


def _name_role_lines(text: str, place_names: set[str], person_spans: list[tuple[int, int]]) -> list[tuple[_Mention, tuple[str, int, int]]]:
    """People set out one to a line with their post: "Name – Post" or "Post: Name". The layout of one line
    alone does not make a heading ("Constitutional Arrangements - Head of Paid Service") a person: the
    recogniser, an honorific, or a run of such lines (a cabinet, the officers present) must say so."""
    def name_words(m: re.Match) -> bool:
        words = re.split(r"[ \t]+", m.group("name"))
        return (all(_is_name_word(w) or _INITIAL.fullmatch(w) for w in words)
                and m.group("name").lower() not in place_names and words[0].lower() not in place_names)

    def recognised(m: re.Match) -> bool:
        start, end = m.span("name")
        return any(s < end and start < e for s, e in person_spans)

    def pair(m: re.Match, honorific: str | None) -> tuple[_Mention, tuple[str, int, int]]:
        return (_Mention(name=re.sub(r"\s+", " ", m.group("name")), start=m.start("name"), end=m.end("name"),
                         honorific=honorific), (m.group("role"), m.start("role"), m.end("role")))

    dashed = [m for m in _NAME_DASH_ROLE_LINE.finditer(text)
              if name_words(m) and re.match(rf"(?:[\w’'&,.]+\s+){{0,6}}?(?:{_ROLE_HEAD})\b", m.group("role"), re.I)
              and not re.search(r"[£%@]|\d{3}", m.group("role"))]
    pairs = []
    for i, m in enumerate(dashed):
        in_run = any(0 <= j < len(dashed) and j != i and not text[min(m.end(), dashed[j].end()):max(m.start(), dashed[j].start())].strip()
                     for j in (i - 1, i + 1))
        if m.group("honorific") or recognised(m) or in_run:
            pairs.append(pair(m, m.group("honorific")))
    labelled = [m for m in _ROLE_LABEL_NAME_LINE.finditer(text)
                if name_words(m) and (re.search(rf"\b(?:{_ROLE_HEAD})\b", m.group("role"), re.I)
                                      or _LABEL_PERSON_WORDS.search(m.group("role")))]
    for i, m in enumerate(labelled):
        # "Chair: G. Sanderson": initials make the name a person's where the recogniser does not know it; so does
        # a run of such lines ("Lead inspector: Nigel Parkes\nDeputy Lead inspector: Karen McKeown")
        in_run = any(0 <= j < len(labelled) and j != i
                     and not text[min(m.end(), labelled[j].end()):max(m.start(), labelled[j].start())].strip()
                     for j in (i - 1, i + 1))
        if recognised(m) or re.match(_LINE_INITIALS, m.group("name")) or in_run:
            pairs.append(pair(m, None))
    return pairs


def _within_line(text: str, mention: _Mention) -> _Mention | None:
    """The mention cut at a line break inside it where the line already held a whole name ("Cllr Dyfrig
    Siencyn\nAdditional documents") or a paragraph ends; a name a PDF wrapped ("Cllr Tobias\nFairweather")
    stays whole. None when less than a name is left."""
    cut = text.find("\n", mention.start, mention.end)
    if cut < 0 or (text[cut - 1] == "-" and "\n" not in text[cut + 1:mention.end]):
        return mention  # (a surname broken at its hyphen: "Dominic Porter-\nMoore")
    words = mention.name.split()
    on_line = len(text[mention.start:cut].split())
    if on_line >= len(words):
        return mention
    kept = words[:on_line]
    if len(words) - on_line == 1 and "\n" not in text[cut + 1:mention.end] and re.match(r"\s*[(,;]", text[mention.end:mention.end + 3]):
        return mention  # "Councillor Llinos Medi\nHuws (Isle of Anglesey …);": a list item the line wrapped
    paragraph_ends = "\n" in text[cut + 1:mention.end].split(" ")[0] or not text[cut + 1:mention.end].strip()
    if len(kept) < 2 and not paragraph_ends and _is_name_word(words[on_line]):
        return mention  # the first name alone on its line: the PDF wrapped the name (not "Councillor Currie\nThat …")
    if len(kept) < 2 and mention.honorific is None or not kept:
        return None
    end = mention.start + len(text[mention.start:cut].rstrip())
    return replace(mention, name=" ".join(kept), end=end)


def _before_council(text: str, mention: _Mention, councils) -> _Mention | None:
    """The mention cut where a council's name starts inside it, after a dash or comma ("Cllr Mike Renton -
    Darlington Borough Council"): a council is never part of a person's name. None when less than a name is left."""
    inside = [c.start for c in councils if mention.start < c.start < mention.end
              and re.search(r"\s[-–—]\s*$|,\s*$", text[mention.start:c.start])]
    if not inside:
        return mention
    cut = mention.start + len(text[mention.start:min(inside)].rstrip(" -–—,\t"))
    words = text[mention.start:cut].split()
    if len(words) < 2 and mention.honorific is None:
        return None
    return _Mention(name=" ".join(mention.name.split()[:len(words)]), start=mention.start, end=cut, honorific=mention.honorific)


# Words that end a list of names: a post, or another list's head
_LIST_ENDS = {"chief", "executive", "director", "directors", "council", "councillor", "councillors", "cllr", "cllrs",
              "officer", "officers", "head", "manager", "leader", "member", "members", "mayor", "provost", "chair",
              "chairman", "the", "and", "apologies", "present"}


def _titled_names(flat: str, text: str | None = None) -> list[_Mention]:
    """People named with an honorific or in a list, initials and all ("C.E. Smith"); with the text, also the
    shapes minutes set people out in line by line (sederunts, lines of officers with posts, contact lines)."""
    source = text or flat  # read on the text, where a line break ends a name ("Councillor Evelyn TWEED\nIn Attendance")

    def in_table_row(pos: int) -> bool:
        # a TAB parts a table's cells: "His Majesty's Inspector\n\nJudgement\tGrade" is a signature, then a
        # table's header, not an inspector named Judgement Grade
        start, end = line_bounds(source, pos)
        return "\t" in source[start:end]

    found = [_Mention(name=re.sub(r"\s+", " ", m.group(g)), start=m.start(g), end=m.end(g),
                      honorific=re.sub(r"\s+", " ", m.group("honorific")))
             for m in _TITLED.finditer(source) for g in ("surname" if m.group("surname") else "name",)
             if not in_table_row(m.start(g))
             # "Ofsted Inspector\nCare Quality Commission": a body's name under a title, not a person
             and not any(_heading_word(w.lower()) for w in m.group(g).split())]
    listed: list[_Mention] = []
    for head in _LIST_HEAD.finditer(flat):
        pos = head.end()
        first = len(listed)
        while True:
            # a councillors' list is read on the text itself, where a line break ends a surname
            item = (_COUNCILLORS_LIST_ITEM.match(text, pos) if head.group("councillors") and text
                    else _LIST_ITEM.match(flat, pos))
            if not item or any(w.lower() in _LIST_ENDS for w in item.group("name").split()):
                break  # "…, Chief Executive, Director of …", "Officers: Councillors …": not a name of the list
            honorific = (None if head.group("officers") or head.group("posts") else
                         "Councillor" if head.group().lower().startswith(("c", "cllr")) else "Member")
            post = (item.group("post"), item.start("post"), item.end("post")) if head.group("officers") and item.group("post") else None
            if post is None and head.group("officers") and head.group("officers").lower().startswith("officers"):
                # "Officers: James Freeman, Anthony Law …": the list's heading is the post of each name in it
                post = ("Officer", head.start("officers"), head.start("officers") + len("Officers"))
            if head.group("posts"):
                post = (head.group("posts")[:-1], head.start("posts"), head.end("posts") - 1)  # "Team inspector"
            listed.append(_Mention(name=re.sub(r"\s+", " ", item.group("name")), start=item.start("name"),
                                   end=item.end("name"), honorific=honorific, post=post))
            sep = item.group("sep") or ""
            if not sep or ("\n\n" in sep.replace(" ", "").replace("\t", "") and "," not in sep):
                break  # a list ends with its paragraph ("… and Ms. D. Patel;\n\nRepresenting Cardiff …") unless a
                # comma carries it on past a blank line ("Eric Jones,\n\nRhian Medi, …")
            pos = item.end()
        if "," in head.group() and len(listed) - first < 3:
            del listed[first:]  # "their own elected Councillors, Cabinets and Leaders": a list of names runs longer
    if text:
        found.extend(_sederunt_names(text))
        found.extend(_bracketed_list_lines(text))
        found.extend(_surname_first_lines(text))
        found.extend(_contact_lines(text))
    unique: dict[tuple[int, int], _Mention] = {}
    for m in found:
        unique.setdefault((m.start, m.end), m)
    for m in listed:
        unique[(m.start, m.end)] = m  # "Councillors … and Ms. D. Patel": the list says she is a councillor
    return list(unique.values())


# "chaired by Frank Field MP": the letters after a name are the office
_MEMBER_OF_PARLIAMENT = re.compile(r"\s+(MP|MSP|MS|AM|MEP)\b")
# Offices a Scottish sederunt sets its members under, each a member's post
_CIVIC_OFFICES = {"Lord Provost", "Depute Lord Provost", "Provost", "Bailie", "Convener", "Alderman", "Alderwoman"}
# A sederunt as Scottish minutes set it out, a name a line with the surname in capitals and the office as a
# heading above ("Present:-\nLord Provost John R LETFORD |\nBAILIES\nGeorge REGAN |\nCOUNCILLORS\nKevin KEENAN |")
_SEDERUNT_HEAD = re.compile(r"^\s*(?:Present|Sederunt)\b[^\n]{0,20}$", re.I | re.M)
_SEDERUNT_NAME = re.compile(r"(?:(?P<office>Lord\s+Provost|Depute\s+Lord\s+Provost|Provost|Bailie|Convener)\s+)?"
                            r"(?P<name>[A-Z][a-z]+(?:[ \t]+[A-Z](?:[ \t]?[A-Z])?)?[ \t]+(?:Ma?c)?[A-Z]{2,}(?:-[A-Z]{2,})?)[ \t]*\|?[ \t]*")
_SEDERUNT_HEADING = re.compile(r"[A-Z][A-Z ]{2,30}|\|?")


def _sederunt_names(text: str) -> list[_Mention]:
    found = []
    for head in _SEDERUNT_HEAD.finditer(text):
        office = "Member"
        for line in _LINE.finditer(text, head.end() + 1):
            content = line.group().strip()
            name = _SEDERUNT_NAME.fullmatch(line.group())
            if name:
                found.append(_Mention(name=name.group("name"), start=line.start() + name.start("name"),
                                      end=line.start() + name.end("name"), honorific=name.group("office") or office))
            elif _SEDERUNT_HEADING.fullmatch(content):
                if content.strip("| "):
                    office = content.title().rstrip("s") if content.endswith("S") else content.title()
            else:
                break
    return found


# "Neil Schneider (CE), Jonathan Nertney (HR&L), Garry Cummings (F&BS) …": a line listing people, each with
# their post in brackets, under no heading
_BRACKETED_ITEM = re.compile(rf"(?P<name>{_TITLED_NAME_ON_LINE})[ \t]*\((?P<post>[^()\n]{{1,40}})\)")
_LIST_SEPARATORS = re.compile(r"[\s,&.]*(?:\band\b[\s,&.]*)*")
# "Contact: John Grieve - 0113 3788662", "Contact: J Taylor - (01480) 388119": a paper's contact line
_CONTACT_LINE = re.compile(rf"^[ \t]*Contact(?:[ \t]+officer)?s?[ \t]*:[ \t]*(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?[ \t]+)?"
                           rf"(?P<name>{_TITLED_NAME_ON_LINE})[^\S\n]*(?=[-–,(]|$|\d|Tel\b|tel\b|E-?mail\b|(?<=\s\s)\S)", re.M)  # web pages set a no-break space


def _bracketed_list_lines(text: str) -> list[_Mention]:
    found = []
    for line in _LINE.finditer(text):
        items = list(_BRACKETED_ITEM.finditer(text, line.start(), line.end()))
        if len(items) < 2 or not _LIST_SEPARATORS.fullmatch(_BRACKETED_ITEM.sub("", line.group())):
            continue  # a line of the list and nothing else
        for item in items:
            found.append(_Mention(name=item.group("name"), start=item.start("name"), end=item.end("name"), honorific=None,
                                  post=(item.group("post"), item.start("post"), item.end("post"))))
    return found


# A parliamentary committee's membership, a member a line, surname first: "† Sunak, Rishi (Parliamentary Under-Secretary
# of State for Housing, Communities and Local Government)", "Eagle, Ms Angela (Wallasey) (Lab)". The bracket holds the
# member's office, else their constituency (then the party follows).
_SURNAME_FIRST_LINE = re.compile(
    rf"^[ \t]*(?:[†*‡][ \t]*)?(?P<surname>{_SURNAME}),[ \t]+(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\.?[ \t]+)?"
    rf"(?P<first>[A-Z][a-z]+(?:-[A-Z][a-z]+)?)[ \t]*\((?P<office>[^()\n]{{2,120}})\)(?P<party>[ \t]*\([^()\n]{{2,20}}\))?[ \t]*$", re.M)


def _surname_first_lines(text: str) -> list[_Mention]:
    """The members who hold an office; a constituency is a seat, not a post (nor the council of that name)."""
    found = []
    for m in _SURNAME_FIRST_LINE.finditer(text):
        office = m.group("office")
        if m.group("party") or not re.search(rf"\b(?:{_ROLE_HEAD})\b", office, re.I):
            continue
        found.append(_Mention(name=f"{m.group('first')} {m.group('surname')}", start=m.start("surname"), end=m.end("first"),
                              honorific=None, post=(office, m.start("office"), m.end("office"))))
    return found


def _contact_lines(text: str) -> list[_Mention]:
    return [_Mention(name=m.group("name"), start=m.start("name"), end=m.end("name"), honorific=None)
            for m in _CONTACT_LINE.finditer(text) if m.group("name").split()[-1].lower() not in _NOT_NAME_WORDS]


def _in_attendance_list(flat: str, pos: int) -> bool:
    """Whether ``pos`` sits in a minutes' attendance list ("Present: Dr I Cockburn, Mr R Greene …")."""
    head = None
    for head in _ATTENDANCE.finditer(flat, max(0, pos - 400), pos):
        pass
    return head is not None and not re.search(r"\.\s|\n\s*\n\s*\d", flat[head.end():pos].replace("\n", " ").replace("Mr.", "Mr"))


_HOLDS_POST = re.compile(r"\b(chair\w*|retir\w*|leav\w*|step\w*\s+down|takes?\s+over|replac\w*|succeed\w*|interim|acting|"
                         r"appointed|named|join\w*|holds?|held|led|leads|covered|in\s+post|post|role)\b", re.I)


def _post_from_context(doc, view, mention: _Mention) -> tuple[str, int, int] | None:
    """ "He takes over from Angela Moorcroft", "held on an interim basis by Leanne Colquhoun": the sentence
    says the person holds or held a post without naming it beside them; the post is the one the text is
    about there (a title earlier in the sentence, else just before it). A bare contact keeps no role."""
    s_start, s_end = view.sentence_bounds(mention.start)
    # the words saying so sit in the name's own clause, not anywhere in a long sentence
    c_start, c_end = max(s_start, mention.start - 80), min(s_end, mention.end + 80)
    if _HOLDS_POST.search(view.flat[c_start:c_end]):
        roles = [r for r in doc._.dcs_roles if r.category != "other" and r.end <= mention.start and r.start >= s_start - 400]
        role = roles[-1] if roles else main_post(doc._.dcs_roles)
        if role is not None:
            return role.title, mention.start, mention.end
    # "Contact: John Grieve": the label may end the sentence before the name
    if doc._.dcs_cues.within("contact", min(c_start, max(0, mention.start - 20)), c_end):
        return "contact", mention.start, mention.end
    return None


def _split_run_together(mentions: list[_Mention], flat: str) -> list[_Mention]:
    """Two people a table row or a two-column block ran together ("Licensing Committee Gill Al-Samarai Steve
    Delaney", convener then vice-convener): a four-word name whose first or last two words the document also
    writes as a name on its own is two names, each its own mention. Left whole, it would become the full
    name of every mention of either person."""
    alone = {m.name for m in mentions if len(m.name.split()) == 2}
    kept: list[_Mention] = []
    for m in mentions:
        words = m.name.split()
        if len(words) != 4 or not (" ".join(words[:2]) in alone or " ".join(words[2:]) in alone):
            kept.append(m)
            continue
        third = re.search(rf"(?<![\w’'-]){re.escape(words[2])}(?![\w’'-])", flat[m.start:m.end])
        if third is None:
            kept.append(m)
            continue
        first_end = m.start + len(flat[m.start:m.start + third.start()].rstrip())
        kept.append(replace(m, name=" ".join(words[:2]), end=first_end))
        kept.append(replace(m, name=" ".join(words[2:]), start=m.start + third.start(), honorific=None))
    return kept


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """'Lou' or 'Williams' abbreviates 'Lou Williams'; 'Mei Lai' abbreviates 'Mei Lai Lu'; 'Bob Cook' is
    'Robert Cook' (extract/data/nicknames.csv); 'Fflur Hughes' is 'Fflur M. Hughes'; 'I. Plant' is 'Ian Plant'."""
    if _initials_of(short, full):
        return True
    if len(short) == len(full) >= 2 and short[1:] == full[1:] and short[0] != full[0]:
        nicknames = _nicknames()
        return short[0] in nicknames.get(full[0], ()) or full[0] in nicknames.get(short[0], ())
    if len(short) >= len(full):
        return False
    if len(short) >= 2 and short[0] == full[0] and short[-1] == full[-1] and all(
            _INITIAL.fullmatch(w) for w in full[1:-1]):
        return True  # "Fflur Hughes" is "Fflur M. Hughes"
    return full[:len(short)] == short or full[-len(short):] == short


def _initials_of(short: list[str], full: list[str]) -> bool:
    """'I. Plant' or 'R W Gough' written for 'Ian Plant' or 'Roger William Gough': the surname, and initials that
    are the first letters of the given names, as many as both name (minutes give initials where a letter
    gives the name)."""
    initials, given = short[:-1], full[:-1]
    if not initials or not given or short[-1] != full[-1] or short == full:
        return False
    if not all(_INITIAL.fullmatch(w) for w in initials) or all(_INITIAL.fullmatch(w) for w in given):
        return False
    return all(i[0] == g[0] for i, g in zip(initials, given))


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Formal first name → the short forms it goes by ("Robert" → Bob, Rob …)."""
    with resources.files("councildocs.extract").joinpath("data/nicknames.csv").open(encoding="utf-8", newline="") as fh:
        return {row["name"]: frozenset(row["short_forms"].split("|")) for row in csv.DictReader(fh)}
