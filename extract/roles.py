"""Find senior-post titles in text and sort them into the contract's role categories."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words a post title may carry before its head ("Interim Executive Director ...").
_MODIFIERS = {
    "interim", "acting", "joint", "shared", "deputy", "depute", "executive", "corporate", "strategic", "statutory",
    "service", "services", "assistant", "area", "new", "permanent", "cross-authority", "senior",
    "managing",  # "a shared Managing Director for Gloucester City Council & Gloucestershire County Council"
}
# Modifiers that also name a service after "of" ("Head of Strategic Planning", "Director of Corporate Services",
# "Head of Shared Financial Services")
_AREA_MODIFIERS = {"strategic", "corporate", "shared", "joint"}
# Words a post title may carry after "of"/"for"/":" ("Director of Children, Family and Adult Services").
AREA_WORDS = {
    "children", "children's", "childrens", "child", "young", "people", "families", "family", "adult", "adults",
    "social", "care", "services", "service", "and", "&", "education", "learning", "public", "health",
    "communities", "community", "safety", "commissioning", "transformation", "wellbeing", "housing",
    "resources", "skills", "strategy", "the", "people's", "adults'", "safeguarding", "early", "help",
    "hr", "development", "finance", "operations", "prevention", "partnerships", "performance",
    # the services a director runs, as news writes them in lower case ("joint service director-highways and transport")
    "highways", "transport", "growth", "economy", "economic", "regeneration", "environment", "environmental",
    "planning", "infrastructure", "culture", "leisure", "waste", "digital", "customer", "customers", "legal",
    "governance", "democratic", "property", "assets", "estates", "neighbourhoods", "regulatory", "technology",
    "policy", "commercial", "procurement", "place", "integration", "integrated", "quality", "improvement",
}
# the statutory officers every council names besides its head of paid service
_HEADS = (r"chief\s+executive(?:\s+officer)?|head\s+of\s+paid\s+service|directors?|dcs|dass|(?-i:DPH)|(?-i:CEO)|(?-i:Head)\s+of|"
          r"(?-i:Section)\s+151\s+(?-i:[Oo]fficer)|s\.?151\s+(?-i:Officer)|(?-i:Monitoring\s+Officer)|"
          # "Chief Finance Officer", "Chief Financial Officer", "Chief Social Work Officer", "Chief Education Officer"
          r"(?-i:Chief\s+(?:[A-Z][a-z]+\s+){1,2}Officer)")

# Capitalised words that start another title or a name rather than continue this one.
_NOT_TITLE_WORDS = {"chief", "executive", "officer", "head", "manager", "leader", "member", "council", "councillor",
                    "cllr", "mr", "mrs", "ms", "dr", "lord", "lady", "sir", "dame", "professor", "salary", "grade",
                    "post", "role", "job", "closing", "date", "contact", "tel", "email", "apply"}
_HEAD_RE = re.compile(rf"\b(?:{_HEADS})\b", re.IGNORECASE)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z’'&-]*|&")


@dataclass(frozen=True)
class RoleMention:
    start: int
    end: int
    title: str
    category: str


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def categorise_role(title: str) -> str:
    t = _norm(title)
    t = re.sub(r"\s+", " ", t)
    t = re.sub(r"\bdepute\b", "deputy", t)  # the Scottish form
    if re.search(r"\b(?:deputy|assistant) (?:chief executive|head of paid service)", t):
        return "other"  # a deputy or an assistant is not the head of paid service
    if re.search(r"\bdeputy (?:executive |corporate |strategic )?director", t):
        return "service_director"  # below the statutory director, whatever service it names
    if "chief executive" in t or "head of paid service" in t or re.search(r"\bceo\b", t):
        return "chief_executive"
    if re.search(r"\bassistant director", t):
        return "assistant_director"
    if "public health" in t and "director" in t or re.search(r"\bdph\b", t):
        return "dph"
    if re.search(r"\bservice director|\bdirector of service|\bservices? director\b", t) and not re.search(
        r"children'?s services director", t
    ):
        return "service_director"
    if re.fullmatch(r"(?:(?:the|statutory|interim|acting|joint|shared|new) )*dcs", t.strip()):
        return "dcs"
    if re.fullmatch(r"(?:(?:the|statutory|interim|acting|joint|shared|new) )*dass", t.strip()):
        return "dass"
    has_children = bool(re.search(r"\bchild(ren)?'?s?\b", t))
    has_adults = bool(re.search(r"\badults?'?\b", t))
    if "director" in t and has_children and has_adults:
        return "dcs_dass"
    if "director" in t and has_children:
        return "dcs"
    if "director" in t and has_adults and ("social" in t or "services" in t or "care" in t):
        return "dass"
    return "other"


_COMBINED = re.compile(r"\b(?:DCS|Director of Children['’]?s Services)\s+(?:and|&|/)\s+(?:DASS|Director of Adult Social Services)\b")


def _is_title_word(word: str, start: int, blocked: list[tuple[int, int]]) -> bool:
    """A capitalised ordinary English word continues a title ("for Integrated Commissioning"); names of
    people and places (``blocked`` spans) end it."""
    if not word[:1].isupper() or word.isupper() or any(s <= start < e for s, e in blocked):
        return False
    if _norm(word) in _MODIFIERS or _norm(word) in _NOT_TITLE_WORDS or _HEAD_RE.fullmatch(word):
        return False
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= 3.0


def find_role_titles(flat: str, blocked: list[tuple[int, int]] = ()) -> list[RoleMention]:
    """Every post title headed by Director / Chief Executive / DCS / DASS, extended over its modifiers and area.

    ``blocked`` spans (people's names, council names) never become part of a title.
    """
    mentions: list[RoleMention] = []
    combined = [(m.start(), m.end()) for m in _COMBINED.finditer(flat)]
    for start, end in combined:
        mentions.append(RoleMention(start=start, end=end, title=flat[start:end], category="dcs_dass"))
    for head in _HEAD_RE.finditer(flat):
        start, end = head.start(), head.end()
        if any(s <= start < e for s, e in combined):
            continue
        # extend left over modifiers ("Executive", "Service", "Joint") and a "Children's Services" prefix
        while True:
            m = re.search(r"([A-Za-z’'-]+)\s+$", flat[max(0, start - 40):start])
            if not m:
                break
            word = _norm(m.group(1))
            if word in _MODIFIERS or (word in {"children's", "childrens", "adults'", "adult", "services"} and
                                      _norm(flat[start:end]).startswith(("director", "services"))):
                start = start - len(m.group(0))
            else:
                break
        # extend right over "of/for/:" and area words ("of Children, Family and Adult Services")
        m = re.match(r"(\s*(?:of|for|:|,|–|-)\s*)", flat[end:end + 5], re.IGNORECASE)
        if not m:
            # "Executive Director Children's Services", "Director People": the area straight after the head
            area = re.match(r"(\s+)([A-Z][A-Za-z’']*)", flat[end:end + 30])
            m = area if area and _norm(area.group(2)) in AREA_WORDS - {"and", "the", "&"} else None
        if head.group().endswith("of"):  # "Head of Commissioning for Adults": the area follows directly
            m = re.match(r"(\s*)", flat[end:end + 5])
        if m and head.group().lower().startswith(("director", "head")) or (m and m.group(1).strip() == ":"):
            cursor = end + m.end()
            last_good = end
            for w in _WORD_RE.finditer(flat, cursor):
                gap = flat[cursor:w.start()]
                if gap.strip() not in {"", ",", "/"} or len(gap) > 3:
                    break
                if (_norm(w.group()) in AREA_WORDS or _is_title_word(w.group(), w.start(), blocked)
                        or (_norm(w.group()) in _AREA_MODIFIERS and w.group()[:1].isupper())):
                    cursor = w.end()
                    if _norm(w.group()) not in {"and", "&", "the"}:
                        last_good = cursor
                else:
                    break
            end = last_good
        title = re.sub(r"\s+", " ", flat[start:end]).strip(" ,:–-")
        mentions.append(RoleMention(start=start, end=start + len(flat[start:end].rstrip(" ,:–-")), title=title,
                                    category=categorise_role(title)))
    # "(DCS)" after a title defines an abbreviation; it is not a second post
    mentions = [m for m in mentions if not (flat[m.start - 1:m.start] == "(" and flat[m.end:m.end + 1] == ")"
                                            and m.title.split()[-1].isupper())]
    mentions = sorted(mentions, key=lambda m: m.start)
    described: list[tuple[int, int]] = []  # "… will be the statutory DCS and DASS": the same post again
    for i, m in enumerate(mentions):
        upgraded, clause_end = _with_statutory_role(flat, m)
        if clause_end:
            described.append((m.end, clause_end))
        mentions[i] = upgraded
    mentions = [m for m in mentions if not any(s < m.start < e for s, e in described)]
    # a title the text says is statutory somewhere is that role wherever it is named
    # only statutory posts are learned: "Assistant Director" would teach a bare "Director …" to be an assistant
    learned = {_title_key(m.title): m.category for m in mentions
               if m.category not in {"other", "service_director", "assistant_director"}}
    # (a deputy's title reduces to its principal's, "Deputy Chief Executive" to "chief executive": not learned)
    return [RoleMention(m.start, m.end, m.title, learned.get(_title_key(m.title), m.category))
            if m.category == "other" and not re.search(r"\bdeput[ye]\b", m.title, re.I) else m for m in mentions]


def _title_key(title: str) -> str:
    words = [w for w in re.findall(r"[a-z’']+", title.lower()) if w not in _MODIFIERS and w not in {"the", "a", "bi", "borough", "tri"}]
    return " ".join(words)


# "an Executive Director of People who will be the statutory Director of Children's Services and Director
# of Adult Social Services": a post whose title does not say which statutory roles it holds.
_STATUTORY_AFTER = re.compile(
    r"^[^.;]{0,40}?(?:\b(?:who|which)\s+)?\b(?:will\s+be|would\s+be|is|becomes|will\s+hold|holds)\s+(?:the\s+|both\s+)?"
    r"statutory\s+(?P<roles>[^.;]{0,120})", re.I)


def _with_statutory_role(flat: str, mention: RoleMention) -> tuple[RoleMention, int | None]:
    """The mention with the category its statutory clause gives it, and where that clause ends."""
    if mention.category != "other":
        return mention, None
    m = _STATUTORY_AFTER.match(flat[mention.end:mention.end + 200])
    if not m:
        return mention, None
    roles = m.group("roles")
    children = bool(re.search(r"\bDCS\b|children", roles, re.I))
    adults = bool(re.search(r"\bDASS\b|adult", roles, re.I))
    category = "dcs_dass" if children and adults else "dcs" if children else "dass" if adults else "other"
    return RoleMention(mention.start, mention.end, mention.title, category), mention.end + m.end()


def main_post(roles: list[RoleMention]) -> RoleMention | None:
    """The post a document is mostly about: the first title of its most often named senior category."""
    senior = [r for r in roles if r.category != "other"]
    if not senior:
        return None
    counts: dict[str, int] = {}
    for r in senior:
        counts[r.category] = counts.get(r.category, 0) + 1
    best = max(counts, key=counts.get)
    return next(r for r in senior if r.category == best)
