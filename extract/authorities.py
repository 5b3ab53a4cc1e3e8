"""Find local authorities in text: gazetteer names, abbreviations, and the document's main authority."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from councildocs.extract.gazetteer import Gazetteer

# Words that make a bare place name into a council ("Peterborough City Council").
_COUNCIL_SUFFIX = re.compile(
    r"^\s*(?:(?:City|County|Borough|District|Metropolitan Borough|Metropolitan District)\s+)?Council(?:s|’s|'s)?\b"
)
# Authority types that are not councils a DCS works for; they stay out of matching to avoid
# "Cambridgeshire and Peterborough" resolving to the combined authority.
_SKIPPED_TYPES = {"COMB", "SRA"}
# "Richmond upon Thames", "Stockton-on-Tees", "Newcastle-under-Lyme": the first part is what people write
_LINKED_PLACE = re.compile(r"(?:\s+|-)(?:upon|on|under|le)(?:\s+|-)")
_COMPASS_WORDS = {"North", "South", "East", "West", "Greater", "Central", "Mid", "Upper", "Lower", "Inner", "Outer",
                  "Northern", "Southern", "Eastern", "Western"}
# "NHS Highland", "Essex Police", "Powys Teaching Health Board", "Lancaster University": a place name in
# another body's name is that body, not the council (partnerships with the NHS or police are not between councils)
_OTHER_BODY_AFTER = re.compile(
    r"(?:\s+and\s+[A-Z][a-z]+)?\s+(?:Police|Constabulary|Fire(?:\s+and|\s+&)?\s+Rescue|(?:University\s+|Teaching\s+)?Health\s+Board|"
    r"(?:NHS\s+)?(?:Foundation\s+)?Trust|Clinical\s+Commissioning\s+Group|CCG|Integrated\s+Care\s+Board|ICB|University|College|"
    r"(?:Teaching\s+)?Hospitals?|Football\s+Club|Airport|Chamber\s+of\s+Commerce)\b")
# "Millmead House, Guildford, Surrey GU2 4BB": a town or county in a postal address says where a building is,
# not which council a paper is about
_IN_ADDRESS = re.compile(r"(?:,?[ \t]*[A-Z][a-z]+){0,2},?[ \t]*[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2}\b")
_LONDON = re.compile(r"\bLondon\b")
_OTHER_BODY_BEFORE = {"NHS", "University", "Diocese", "Bishop", "Archbishop", "Duke", "Duchess", "Earl", "Port"}
# "North and North East Lincolnshire Councils", "East and West Sussex": the first council's name shares its end
_ELIDED_FIRST = re.compile(r"\b([A-Z][a-z]+)\s+(?:and|&)\s+$")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
_STOP_INITIALS = {"of", "and", "the", "&"}


_GLUED_FIGURE = re.compile(r"(?<=[^\W\d_])(?=\d)")
# In such a table a row's region runs into its council too ("Mid and South West WalesPowys133,174")
_GLUED_CELL = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=[a-z])(?=[A-Z][a-z])")


def _split_glued_figures(doc: Doc) -> Doc:
    """ "Isle of Anglesey68,877": a web table's cells flattened together. The name is split from its
    figure, and from a region glued before it (same text, same offsets), so that it can be matched."""
    if not any(_GLUED_FIGURE.search(t.text) for t in doc if not t.is_digit):
        return doc
    words, spaces = [], []
    for token in doc:
        parts = _GLUED_CELL.split(token.text)
        words.extend(parts)
        spaces.extend([False] * (len(parts) - 1) + [bool(token.whitespace_)])
    return Doc(doc.vocab, words=words, spaces=spaces)


@dataclass(frozen=True)
class AuthorityMention:
    start: int
    end: int
    gss: str
    via: str  # "name" | "abbreviation"


def _short_names(gazetteer: Gazetteer) -> dict[str, set[str]]:
    """ "Richmond" for "Richmond upon Thames": the part before "upon", with every authority it could name.

    Short forms that are some authority's full name are left out. "Newcastle" starts the full name
    "Newcastle City Council", but it is still a short form: of Newcastle upon Tyne or Newcastle-under-Lyme,
    whichever the document names in full or sits in the region of.
    """
    owners: dict[str, set[str]] = {}
    for authority in gazetteer.authorities:
        if not authority.current or authority.type in _SKIPPED_TYPES:
            continue
        for name in authority.names:
            parts = _LINKED_PLACE.split(name.lower(), maxsplit=1)
            if len(parts) == 2 and parts[0]:
                owners.setdefault(parts[0], set()).add(authority.gss)
    all_names = {n.lower() for a in gazetteer.authorities for n in a.names}
    return {short: gss for short, gss in owners.items() if short not in all_names}


class AuthorityIndex:
    """A PhraseMatcher over every name of every authority, case-insensitive, with ambiguity rules."""

    def __init__(self, nlp, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.tokenizer = nlp.tokenizer
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.key_to_gss: dict[str, str] = {}
        seen: dict[str, str] = {}
        for authority in gazetteer.authorities:
            if authority.type in _SKIPPED_TYPES:
                continue
            successor = gazetteer.current(authority.gss)
            if not successor.current:
                continue  # abolished with no single successor: "Northamptonshire" now names an area, not a council
            target = successor.gss
            for name in authority.names:
                # "The Vale of Glamorgan": the article is the sentence's ("Bridgend and the Vale of …"), so a
                # match that took it in would start lower-case and be dropped as a common word
                lowered = re.sub(r"^the\s+", "", name.lower())
                # "Argyll & Bute", "Perth & Kinross": statistics tables and headings write "and" as an ampersand
                for form in (lowered, lowered.replace(" and ", " & ")):
                    # a name shared by two current authorities (rare) belongs to the first; both are in the log
                    seen.setdefault(form, target)
        # "Kingston" names Kingston upon Thames or Kingston upon Hull: a short form is read as whichever
        # authority the document names in full, and skipped when it names neither or both.
        self.ambiguous: dict[str, frozenset[str]] = {}
        for short, owners in _short_names(gazetteer).items():
            if short in seen:
                continue
            # even a unique short form ("Stratford" is also a part of London) needs the full name in the document
            self.ambiguous[short] = frozenset(gazetteer.current(g).gss for g in owners)
        self.names = seen
        self.regions = {a.gss: a.region for a in gazetteer.authorities}
        # a match is looked up by its tokens, as the matcher found it: a PDF may glue words of a name together
        # in the text ("LondonBorough ofHackney" laid out as separate words), so the span's text is not a key
        self.by_tokens: dict[tuple[str, ...], str] = {}
        for name in [*seen, *self.ambiguous]:
            self.by_tokens.setdefault(tuple(t.lower_ for t in nlp.make_doc(name)), name)
        self.matcher.add("AUTHORITY", [nlp.make_doc(name) for name in seen])
        self.matcher.add("AMBIGUOUS", [nlp.make_doc(name) for name in self.ambiguous])

    def _name(self, span) -> str:
        """The gazetteer name a matched span is (its tokens, not its text, are what matched)."""
        return self.by_tokens.get(tuple(t.lower_ for t in span), span.text.lower())

    def find(self, doc: Doc) -> list[AuthorityMention]:
        text = doc.text
        mentions: list[AuthorityMention] = []
        # "Joy Preston", "Helen Bury": a council's name as the last word of a person's name is the person's
        people = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON"]
        if "\n" in text:
            # match over the text with line breaks as spaces (same offsets), so a name wrapped across
            # two lines of a PDF ("North East\nLincolnshire") is found whole
            doc = self.tokenizer(re.sub(r"\s", " ", text))
        doc = _split_glued_figures(doc)
        spans = [doc[s:e] for _, s, e in self.matcher(doc)]
        # longest match wins ("City of Westminster" over "Westminster")
        from spacy.util import filter_spans

        spans = filter_spans(spans)
        named_in_full = {self.names[self._name(s)] for s in spans if self._name(s) in self.names}
        regions_named = {self.regions.get(n) for n in named_in_full}
        in_london = bool(_LONDON.search(text))
        for span in spans:
            # place names are proper nouns: skip lower-case uses ("reading", "bath") and e-mail/web addresses
            if not span.text[:1].isupper():
                continue
            if span.start > 0 and doc[span.start - 1].text in {".", "@"} and not doc[span.start - 1].whitespace_:
                continue
            if span.end < len(doc) and doc[span.end].text.startswith((".gov", ".org", "@")):
                continue
            # "North York Moors", "Greater Manchester": a compass word makes it another place
            if span.start > 0 and doc[span.start - 1].text in _COMPASS_WORDS:
                continue
            # "Mid-Kent": the same compass word, written with a hyphen
            if span.start > 1 and doc[span.start - 1].text == "-" and not doc[span.start - 2].whitespace_ \
                    and doc[span.start - 2].text in _COMPASS_WORDS:
                continue
            if span.start > 0 and doc[span.start - 1].text in _OTHER_BODY_BEFORE or (
                    span.start > 1 and doc[span.start - 1].text == "of" and doc[span.start - 2].text in _OTHER_BODY_BEFORE):
                continue
            if _OTHER_BODY_AFTER.match(text, span.end_char):
                continue
            if _IN_ADDRESS.match(text, span.end_char) and not _COUNCIL_SUFFIX.match(text[span.end_char:span.end_char + 40]):
                continue
            if not _COUNCIL_SUFFIX.match(text[span.end_char:span.end_char + 40]) and any(
                    start < span.start_char and span.end_char <= end for start, end in people):
                continue
            name = self._name(span)
            gss = self.names.get(name)
            if gss is None:
                owners = self.ambiguous.get(name, frozenset())
                readings = owners & named_in_full
                if not readings and len(regions_named) == 1:
                    # "services shared by Sutton and Kingston councils": the reading in the one region of the councils
                    # the text names without doubt (Sutton is a London borough, so Kingston is Kingston upon Thames)
                    readings = {g for g in owners if self.regions.get(g) in regions_named}
                if not readings and in_london:
                    # "Richmond" and "Kingston" in a London story are the London boroughs
                    readings = {g for g in owners if self.regions.get(g) == "London"}
                if len(readings) != 1:
                    continue
                gss = next(iter(readings))
            end = span.end_char
            suffix = _COUNCIL_SUFFIX.match(text[end:end + 40])
            if suffix:
                end += suffix.end()
            mentions.append(AuthorityMention(span.start_char, end, gss, "name"))
        mentions = self._towns_elsewhere(text, mentions)
        mentions.extend(self._elided(text, mentions))
        mentions.extend(self._abbreviations(text, mentions))
        return sorted(mentions, key=lambda m: m.start)

    def _towns_elsewhere(self, text: str, mentions: list[AuthorityMention]) -> list[AuthorityMention]:
        """ "Newport, the county town" in an Isle of Wight paper is the island's town, not the Welsh city: a
        council's bare one-word name (no "Council" after it) is a town of the same name when the text names
        its councils in full and all of them are in another nation, and the bare name is not listed beside
        one of them (a cross-border partnership names both)."""
        def in_full(m: AuthorityMention) -> bool:
            return bool(_COUNCIL_SUFFIX.search(text[m.start:m.end])) or \
                text[m.start:m.end].lower() == self.gazetteer.current(m.gss).name.lower()

        anchors = [m for m in mentions if in_full(m)]
        nations = {self.gazetteer.current(m.gss).nation for m in anchors}
        if not anchors:
            return mentions
        kept = []
        for m in mentions:
            elsewhere = (not in_full(m) and " " not in text[m.start:m.end].strip()  # one word, like a town's name
                         and self.gazetteer.current(m.gss).nation not in nations
                         and m.gss not in {a.gss for a in anchors}
                         and not any(abs(a.start - m.end) < 60 or abs(m.start - a.end) < 60 for a in anchors))
            if not elsewhere:
                kept.append(m)
        return kept

    def _elided(self, text: str, named: list[AuthorityMention]) -> list[AuthorityMention]:
        """ "North and North East Lincolnshire": "North" names North Lincolnshire when "North" and the second
        name's end make another council's name."""
        found = []
        for mention in named:
            first = _ELIDED_FIRST.search(text[max(0, mention.start - 30):mention.start])
            if not first:
                continue
            name = re.sub(r"(?:\s+(?:City|County|Borough|District|Metropolitan|Council(?:s|’s|'s)?))+$", "",
                          re.sub(r"\s+", " ", text[mention.start:mention.end]))
            words = name.split(" ")
            for cut in range(1, len(words)):
                gss = self.names.get(" ".join([first.group(1), *words[cut:]]).lower())
                if gss and gss != mention.gss:
                    start = mention.start - 30 + first.start(1) if mention.start >= 30 else first.start(1)
                    found.append(AuthorityMention(start, start + len(first.group(1)), gss, "name"))
                    break
        return found

    def resolve(self, name: str | None) -> str | None:
        """The one council a name such as a publisher's ("Brighton & Hove City Council") names, else None."""
        if not name:
            return None
        named = {m.gss for m in self.find(self.tokenizer(name)) if m.via == "name"}
        return next(iter(named)) if len(named) == 1 else None

    def _abbreviations(self, text: str, named: list[AuthorityMention]) -> list[AuthorityMention]:
        """Acronyms the text defines ("Cambridgeshire County Council (CCC)") or that spell a named council's initials."""
        by_acronym: dict[str, str] = {}
        for mention in named:
            name = text[mention.start:mention.end]
            words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _STOP_INITIALS]
            if len(words) >= 2:
                by_acronym.setdefault("".join(w[0].upper() for w in words), mention.gss)
            defined = re.match(r"\s*\(([A-Z]{2,5})\)", text[mention.end:mention.end + 12])
            if defined:
                by_acronym[defined.group(1)] = mention.gss
        if not by_acronym:
            return []
        return [
            AuthorityMention(m.start(), m.end(), by_acronym[m.group()], "abbreviation")
            for m in _ACRONYM.finditer(text)
            if m.group() in by_acronym
        ]


def main_authorities(mentions: list[AuthorityMention], publisher: str | None = None) -> list[str]:
    """The authorities a document is about: the council that published it, if one did (its papers often
    never name it), then the most-mentioned, and any mentioned nearly as often."""
    counts = Counter(m.gss for m in mentions)
    if not counts:
        return [publisher] if publisher else []
    top = counts.most_common(1)[0][1]
    first_seen = {m.gss: i for i, m in reversed(list(enumerate(mentions)))}
    keep = sorted((gss for gss, n in counts.items() if n >= max(1, top * 0.4)), key=lambda g: (-counts[g], first_seen[g]))
    return [publisher] + [g for g in keep if g != publisher] if publisher else keep


def document_authorities(mentions: list[AuthorityMention], publisher: str | None = None) -> list[str]:
    """Authorities the document is about: main ones plus any mentioned repeatedly."""
    counts = Counter(m.gss for m in mentions)
    main = main_authorities(mentions, publisher)
    top = max(counts.values(), default=0)
    extra = [gss for gss, n in counts.items() if n >= 2 and gss not in main and n >= 0.15 * top]
    return main + extra
