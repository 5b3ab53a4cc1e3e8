"""Refuse HTML whose element tree would be too deep or too tangled to parse in reasonable time.

Why: the HTML parser (lexbor, in C) checks "is there a ``<p>`` in scope", "is this end tag's element
open" and the like by walking its stack of open elements, once or more per tag. On ordinary pages
that stack is a few dozen elements deep, but 300,000 nested ``<div>`` (3.3 MB) make every tag walk
300,000 entries: minutes of C that no Python alarm interrupts. Worse, a ``<b id=N><p>x`` repeated
makes the parser re-open every still-active formatting element in each new paragraph (the
"reconstruct the active formatting elements" step, bounded only for identical tags), so 40,000
repeats build 800 million elements and exhaust 24 GB of memory.

So before the parser sees a page, ``check_nesting`` runs a linear-time model of the part of the
HTML tree-construction algorithm (WHATWG HTML, "13.2.6 Tree construction") that changes the stack
of open elements: void elements, raw-text elements, the implied closes of ``<p>``, ``<li>``,
``<dd>``/``<dt>``, headings, buttons, options and table parts, the scope rules that make an end
tag close something or be ignored, foreign (SVG, MathML) content, the list of active formatting
elements with its markers, the Noah's Ark clause, its reconstruction, and the adoption agency
algorithm. It tracks element names only, never builds a tree, and stops at the first limit passed:

- ``MAX_DEPTH`` open elements. Chromium stops nesting at 512 too (deeper elements become
  siblings, ``kMaximumHTMLParserDOMTreeDepth``), so a page deeper than that does not display as
  written in a browser either; real pages are tens of levels deep.
- ``REOPENED_ALLOWANCE`` (plus ``REOPENED_PER_CHAR`` per character) elements re-created by
  reconstruction or the adoption agency: a generous allowance for sloppy real pages
  (``<p><font>...</p>`` re-opens the font in each paragraph, at most three identical ones at a time).
- ``WORK_PER_CHAR`` steps of stack walking per character (plus ``WORK_ALLOWANCE``), which bounds
  this model's own time, and the parser's, since it walks as the parser walks, to linear in the
  page's size. On 806 real pages (Python, Rust, GTK, Node and Cloud SDK documentation) the most
  any needed was 0.16 steps per character.

It follows lexbor, the parser ``html_to_text`` uses, where lexbor departs from the standard (a
``<select>`` bounds every scope, as in the standard's customizable-select revision; the adoption
agency keeps positions it found before removing entries). Where it cannot be exact it errs towards
a deeper stack, never a shallower one: it never skips markup the parser reads as tags (a
``<![CDATA[`` ends at its first ``>``, a script at its first ``</script``, an unterminated attribute
value does not swallow the rest of the page); a ``<table>`` never closes an open ``<p>`` (it does
only in pages with a standard DOCTYPE); and an element the parser takes off its stack while
elements opened inside it are still open (``</form>`` before them, a second ``<a>``) stays counted
as a "ghost" until they close, since it still encloses them in the tree.
``tests/ingest/test_ingest_html_nesting.py`` compares its depth with lexbor's on generated tag soup.
"""

from __future__ import annotations

import re

from councildocs.ingest.errors import ErrorCode, IngestError

MAX_DEPTH = 512
REOPENED_ALLOWANCE = 100_000
REOPENED_PER_CHAR = 0.1
WORK_ALLOWANCE = 1_000_000
WORK_PER_CHAR = 8

# --- Tokenizer --------------------------------------------------------------------------------

# What can follow a "<": a start or end tag (ASCII letter first), a comment, a markup declaration
# or processing instruction (bogus comments, ended by the first ">"), or "</" followed by neither.
_MARKUP = re.compile(r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)|(!--)|[!?]|/)")
# The rest of a tag after its name, as the tokenizer's attribute states read it: names end at
# whitespace, "/", ">" or "="; a quoted value only after "="; an unquoted value ends at whitespace
# or ">". Possessive quantifiers: no backtracking, so an attacker's tag costs linear time.
_TAG_REST = re.compile(
    r"""(?:[\t\n\f\r /]++|(?:=|[^\t\n\f\r />=])[^\t\n\f\r />=]*+"""
    r"""(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:"[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+))?)*+>"""
)
_ATTRIBUTE = re.compile(
    r"""((?:=|[^\t\n\f\r />=])[^\t\n\f\r />=]*+)(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+("[^"]*+"|'[^']*+'|[^\t\n\f\r >]*+))?"""
)
_COMMENT_END = re.compile(r"--!?>")
_RAW_END = {
    name: re.compile(rf"</{name}[\t\n\f\r />]", re.IGNORECASE)
    for name in ("script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title")
}
_HTML_ENCODING = re.compile(r"""encoding\s*=\s*["']?\s*(?:text/html|application/xhtml\+xml)""", re.IGNORECASE)

# --- Element categories (HTML namespace unless prefixed "svg " or "math ") ---------------------

_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr".split()
)
_REOPENS_BEFORE_VOID = frozenset("area br embed image img input keygen wbr".split())
_RAW = frozenset(_RAW_END)
_FORMATTING = frozenset("a b big code em font i nobr s small strike strong tt u".split())
_HEADINGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form "
    "plaintext xmp hr li dd dt".split()
)
_CLOSED_IN_SCOPE = frozenset(
    "address article aside blockquote button center details dialog dir div dl fieldset figcaption figure "
    "footer header hgroup listing main menu nav ol pre search section select summary ul".split()
)
_MARKER_ELEMENTS = frozenset("applet marquee object td th caption template".split())
_CELLS = frozenset({"td", "th", "caption"})
# Start tags that open their element without first re-opening the active formatting elements.
_NO_REOPENING = frozenset("table template rb rtc rp rt".split())
_TABLE_PARTS = frozenset("caption col colgroup tbody td tfoot th thead tr".split())
_TABLE_STRUCTURE = frozenset("table tbody thead tfoot tr td th caption".split())
_IMPLIED_END = frozenset("dd dt li optgroup option p rb rp rt rtc".split())
_FOREIGN_INTEGRATION = frozenset({"svg foreignobject", "svg desc", "svg title"})
_MATHML_TEXT_INTEGRATION = frozenset({"math mi", "math mo", "math mn", "math ms", "math mtext"})
# "select" is lexbor's (the customizable-select revision of the standard): nothing outside a
# select element is closed from inside it.
_SCOPE = frozenset(
    "applet caption html table td th marquee object template select".split()
) | _FOREIGN_INTEGRATION | _MATHML_TEXT_INTEGRATION | {"math annotation-xml"}
_BUTTON_SCOPE = _SCOPE | {"button"}
_LIST_ITEM_SCOPE = _SCOPE | {"ol", "ul"}
_TABLE_SCOPE = frozenset({"html", "table", "template"})
_SPECIAL = frozenset(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 "
    "h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav "
    "noembed noframes noscript object ol p param plaintext pre script search section select source style "
    "summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp".split()
) | _FOREIGN_INTEGRATION | _MATHML_TEXT_INTEGRATION | {"math annotation-xml"}
# HTML start tags that end foreign content (and <font> with color, face or size).
_BREAKOUT = frozenset(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var".split()
)
_FONT_BREAKOUT = re.compile(r"(?:^|[\t\n\f\r /])(?:color|face|size)(?:[\t\n\f\r /=]|$)", re.IGNORECASE)
_MARKER = None
_GHOST = "#ghost"


def _attribute_set(attrs: str) -> frozenset:
    """The attributes of a tag as the Noah's Ark clause compares them: names and values, in any order,
    the first of a repeated name kept (``<b/>`` and ``<b >`` are identical to ``<b>``)."""
    if not attrs.strip(" \t\n\f\r/"):
        return frozenset()
    seen: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(attrs):
        name, value = match.group(1).lower(), match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        seen.setdefault(name, value)
    return frozenset(seen.items())


class NestingExceeded(Exception):
    """The page passed one of the limits; ``limit`` says which ("depth", "reopened" or "work")."""

    def __init__(self, limit: str):
        super().__init__(limit)
        self.limit = limit


class _El:
    __slots__ = ("key", "attrs", "open", "in_afe", "html_point")

    def __init__(self, key: str, attrs: frozenset = frozenset(), html_point: bool = False):
        self.key = key  # the tag name; "svg name" / "math name" in foreign content
        self.attrs = attrs  # a formatting element's attributes: what the Noah's Ark clause compares
        self.open = False
        self.in_afe = False
        self.html_point = html_point  # an HTML integration point (annotation-xml with HTML)


def check_nesting(html: str, name: str) -> None:
    """Raise a ``too_large`` ``IngestError`` for ``name`` when ``html`` passes a limit (module doc)."""
    try:
        _Model(html).run()
    except NestingExceeded as exceeded:
        raise IngestError(ErrorCode.TOO_LARGE, _MESSAGES[exceeded.limit].format(name=name, depth=MAX_DEPTH)) from None


_MESSAGES = {
    "depth": (
        "{name} nests its HTML elements more than {depth} levels deep, deeper than browsers display "
        "(they stop at 512) and too deep to read in reasonable time. Open it in a browser and save or "
        "print the page as text or PDF, and ingest that."
    ),
    "reopened": (
        "{name} leaves so many formatting tags (<b>, <font>, ...) open across paragraphs that reading it "
        "would create millions of elements. Open it in a browser and save or print the page as text or "
        "PDF, and ingest that."
    ),
    "work": (
        "{name} has HTML so deeply tangled that reading it would take too long. Open it in a browser "
        "and save or print the page as text or PDF, and ingest that."
    ),
}


def max_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """The deepest stack of open elements the model finds in ``html`` (stops past ``limit``);
    for tests and for measuring real pages."""
    model = _Model(html, max_depth=limit)
    try:
        model.run()
    except NestingExceeded:
        pass
    return model.deepest


class _Model:
    """The stack of open elements and the list of active formatting elements, as the tree builder
    keeps them, for the tokens of one page. Method names follow the specification's steps."""

    def __init__(self, html: str, max_depth: int = MAX_DEPTH):
        self.html = html
        self.max_depth = max_depth
        self.max_reopened = REOPENED_ALLOWANCE + int(len(html) * REOPENED_PER_CHAR)
        self.max_work = WORK_ALLOWANCE + len(html) * WORK_PER_CHAR
        self.stack: list[_El] = []
        self.afe: list[_El | None] = []
        self.tables: list[_El] = []  # the open table-structure elements: they decide the insertion mode
        self.form_open = False
        self.reopened = 0
        self.work = 0
        self.deepest = 0
        # The head is a transient sibling of the body: start as the parser is once in the body.
        self._push(_El("html"))
        self._push(_El("body"))

    # --- the token loop ---------------------------------------------------------------------

    def run(self) -> None:
        html = self.html
        pos = 0
        end = len(html)
        while pos < end:
            lt = html.find("<", pos)
            if lt < 0:
                self._text(html[pos:])
                return
            if lt > pos:
                self._text(html[pos:lt])
            match = _MARKUP.match(html, lt)
            if match is None:  # a "<" that starts nothing is text
                self._text("<")
                pos = lt + 1
                continue
            slash, name, comment = match.group(1, 2, 3)
            if name is not None:
                rest = _TAG_REST.match(html, match.end())
                if rest is None:  # end of file inside a tag: the tag is dropped, nothing follows
                    return
                pos = rest.end()
                if slash:
                    self._end_tag(name.lower())
                else:
                    tag_text = rest.group()
                    self_closing = tag_text.endswith("/>")
                    pos = self._start_tag(name.lower(), tag_text[:-1], self_closing, pos)
                    if pos < 0:  # <plaintext>: the rest of the file is text
                        return
            elif comment is not None:
                pos = self._comment_end(lt)
            elif match.group() == "</" and html.startswith("</>", lt):
                pos = lt + 3  # "</>" is dropped
            else:  # <!DOCTYPE>, <![CDATA[ (as a bogus comment: it ends no later), <? and </ + non-letter
                close = html.find(">", match.end())
                pos = end if close < 0 else close + 1
            if self.work > self.max_work:
                raise NestingExceeded("work")

    def _comment_end(self, lt: int) -> int:
        html = self.html
        start = lt + 4
        if html.startswith(">", start):  # "<!-->"
            return start + 1
        if html.startswith("->", start):  # "<!--->"
            return start + 2
        close = _COMMENT_END.search(html, start)
        return len(html) if close is None else close.end()

    def _text(self, text: str) -> None:
        # Characters re-open formatting elements; whitespace directly in a table does not.
        if self.tables and self._current().key in ("table", "tbody", "thead", "tfoot", "tr") and not text.strip():
            return
        if self._in_foreign_content():
            return
        self._reconstruct()

    # --- start tags ---------------------------------------------------------------------------

    def _start_tag(self, name: str, attrs: str, self_closing: bool, pos: int) -> int:
        """Process a start tag; return where tokenizing continues (after raw text), -1 for the end."""
        current = self._current()
        if self._in_foreign_content():
            breakout = name in _BREAKOUT or (name == "font" and _FONT_BREAKOUT.search(attrs))
            if not breakout:
                if not self_closing:
                    namespace = current.key.split(" ", 1)[0]
                    if name == "svg" and current.key == "math annotation-xml":
                        namespace = "svg"  # the one element that switches namespace there
                    self._push(_El(f"{namespace} {name}", html_point=self._is_html_point(namespace, name, attrs)))
                return pos
            while self._in_foreign_content():
                self._pop()
        if name in _RAW:
            if name == "xmp":
                self._close_p_in_button_scope()
                self._reconstruct()
            close = _RAW_END[name].search(self.html, pos)
            if close is None:
                return -1
            rest = _TAG_REST.match(self.html, close.end() - 1)
            return -1 if rest is None else rest.end()
        self._html_start_tag(name, attrs, self_closing)
        return -1 if name == "plaintext" else pos

    def _html_start_tag(self, name: str, attrs: str, self_closing: bool) -> None:
        if name in ("html", "body", "head", "frameset", "frame"):
            return  # merged into the existing element, or ignored, once in the body
        mode = self._table_mode()
        if mode is not None and self._table_start_tag(mode, name, attrs, self_closing):
            return
        if name in _TABLE_PARTS:
            return  # a table part outside a table is ignored
        if name in _VOID:
            if name in ("input", "keygen") and (index := self._in_scope(("select",), _SCOPE)) >= 0:
                self._pop_to(index)  # an input closes the select it appears in
            if name == "hr":
                self._close_p_in_button_scope()
            if name in _REOPENS_BEFORE_VOID:
                self._reconstruct()
            return
        if name in _CLOSES_P:
            if name == "form":
                if self.form_open:
                    return
                self.form_open = True
            self._close_p_in_button_scope()
            if name in _HEADINGS and self._current().key in _HEADINGS:
                self._pop()
            elif name == "li":
                self._close_list_item(("li",))
            elif name in ("dd", "dt"):
                self._close_list_item(("dd", "dt"))
            self._push(_El(name))
            return
        if name in _FORMATTING:
            if name == "a":
                entry = self._afe_entry("a")
                if entry is not None:
                    self._adoption_agency("a")
                    self._forget(entry)
                    if entry.open:  # lexbor takes it off the stack; it stays in the tree
                        self._ghost(entry)
            self._reconstruct()
            if name == "nobr" and self._in_scope(("nobr",), _SCOPE) >= 0:
                if self._adoption_agency("nobr"):
                    self._any_other_end_tag("nobr")
                self._reconstruct()
            self._push_formatting(name, attrs)
            return
        if name == "select" and (index := self._in_scope(("select",), _SCOPE)) >= 0:
            self._pop_to(index)  # a select inside a select closes it, and is dropped
            return
        if name == "button" and (index := self._in_scope(("button",), _SCOPE)) >= 0:
            self._pop_to(index)
        elif name in ("option", "optgroup"):
            if self._in_scope(("select",), _SCOPE) >= 0:  # lexbor: implied end tags inside a select
                while self._current().key in _IMPLIED_END and (name == "optgroup" or self._current().key != "optgroup"):
                    self._pop()
            elif self._current().key == "option":
                self._pop()
        elif name in ("rb", "rtc", "rp", "rt") and self._in_scope(("ruby",), _SCOPE) >= 0:
            keep = "rtc" if name in ("rp", "rt") else None
            while self._current().key in _IMPLIED_END and self._current().key != keep:
                self._pop()
        if name not in _NO_REOPENING:
            self._reconstruct()
        if name in ("svg", "math"):
            if not self_closing:
                self._push(_El(f"{name} {name}"))
            return
        self._push(_El(name))
        if name in _MARKER_ELEMENTS:
            self.afe.append(_MARKER)

    def _table_start_tag(self, mode: str, name: str, attrs: str, self_closing: bool) -> bool:
        """The table insertion modes' start tags; False when the in-body rules apply instead."""
        table_el = self.tables[-1]
        if mode in ("cell", "caption"):
            if name not in _TABLE_PARTS:
                return False
            self._pop_to(self._index_of(table_el))  # close the cell or caption, then reprocess
            self._html_start_tag(name, attrs, self_closing)
            return True
        if name == "table":
            self._pop_to(self._index_of(self._nearest_table()))
            self._html_start_tag(name, attrs, self_closing)
            return True
        if name in ("caption", "colgroup", "col"):
            self._clear_to(self._nearest_table())
            if name == "caption":
                self._push(_El("caption"))
                self.afe.append(_MARKER)
            return True  # a column group holds only columns, which are void
        if name in ("tbody", "thead", "tfoot", "tr", "td", "th"):
            if name in ("tbody", "thead", "tfoot"):  # closes the open row and body
                while self.tables[-1].key in ("tr", "tbody", "thead", "tfoot"):
                    self._pop_to(self._index_of(self.tables[-1]))
            elif name == "tr" and mode == "tr":  # closes the open row
                self._pop_to(self._index_of(self.tables[-1]))
            mode = self._table_mode()
            self._clear_to(self.tables[-1])
            if name in ("tr", "td", "th") and mode == "table":
                self._push(_El("tbody"))  # implied
                mode = "tbody"
            if name in ("td", "th") and mode == "tbody":
                self._push(_El("tr"))  # implied
            self._push(_El(name))
            if name in ("td", "th"):
                self.afe.append(_MARKER)
            return True
        if name == "form":
            if not self.form_open:
                self.form_open = True  # inserted and popped at once
            return True
        return False  # anything else is foster-parented by the in-body rules

    def _close_p_in_button_scope(self) -> None:
        index = self._in_scope(("p",), _BUTTON_SCOPE)
        if index >= 0:
            self._pop_to(index)

    def _close_list_item(self, names: tuple[str, ...]) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            self.work += 1
            key = self.stack[index].key
            if key in names:
                self._pop_to(index)
                return
            if key in _SPECIAL and key not in ("address", "div", "p"):
                return

    # --- end tags -----------------------------------------------------------------------------

    def _end_tag(self, name: str) -> None:
        if " " in self._current().key:  # foreign content, integration points included
            if name in ("br", "p"):
                while self._in_foreign_content():
                    self._pop()
            else:
                for index in range(len(self.stack) - 1, 0, -1):
                    self.work += 1
                    key = self.stack[index].key
                    if " " not in key:
                        break  # an HTML element: the insertion mode's rules decide
                    if key.split(" ", 1)[1] == name:
                        self._pop_to(index)
                        return
        mode = self._table_mode()
        if mode is not None:
            if name in _TABLE_STRUCTURE:
                index = self._in_scope((name,), _TABLE_SCOPE)
                if index >= 0:
                    self._pop_to(index)
                return
            if name in ("body", "col", "colgroup", "html"):
                return
        if name in ("body", "html") or name in _TABLE_PARTS or name == "table":
            return
        if name == "p":
            index = self._in_scope(("p",), _BUTTON_SCOPE)
            if index >= 0:
                self._pop_to(index)
        elif name == "li":
            index = self._in_scope(("li",), _LIST_ITEM_SCOPE)
            if index >= 0:
                self._pop_to(index)
        elif name in ("dd", "dt") or name in _CLOSED_IN_SCOPE:
            index = self._in_scope((name,), _SCOPE)
            if index >= 0:
                self._pop_to(index)
        elif name in ("applet", "marquee", "object"):
            index = self._in_scope((name,), _SCOPE)
            if index >= 0:
                self._pop_to(index)
                self._clear_afe_to_marker()
        elif name in _HEADINGS:
            index = self._in_scope(_HEADINGS, _SCOPE)
            if index >= 0:
                self._pop_to(index)
        elif name == "form":
            if self.form_open:
                self.form_open = False
                # The parser closes a <p>, <li>, <option>... left open at the top, then takes the
                # form off its stack even when elements opened inside it are still open; they stay
                # inside it in the tree.
                index = self._in_scope(("form",), _SCOPE)
                if index >= 0:
                    form = self.stack[index]
                    while self._current().key in _IMPLIED_END:
                        self._pop()
                    if self._current() is form:
                        self._pop()
                    else:
                        self._ghost(form)
        elif name == "br":
            self._reconstruct()
        elif name in _FORMATTING:
            if self._adoption_agency(name):
                self._any_other_end_tag(name)
        elif name == "template":
            index = self._in_scope(("template",), frozenset({"html"}))
            if index >= 0:
                self._pop_to(index)
                self._clear_afe_to_marker()
        else:
            self._any_other_end_tag(name)

    def _any_other_end_tag(self, name: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            self.work += 1
            key = self.stack[index].key
            if key == name:
                self._pop_to(index)
                return
            if key in _SPECIAL:
                return

    def _adoption_agency(self, name: str) -> bool:
        """The adoption agency algorithm, for the stack and the list only (no tree), step for step
        as lexbor runs it (``lxb_html_tree_adoption_agency_algorithm``), including where it differs
        from the standard: the bookmark and the formatting element's position in the list are not
        adjusted when the inner loop removes entries before them. True means "then process it as any
        other end tag"."""
        current = self._current()
        if current.key == name and not current.in_afe:
            self._pop()
            return False
        for _ in range(8):
            formatting = None
            formatting_index = 0
            for index in range(len(self.afe) - 1, -1, -1):
                self.work += 1
                entry = self.afe[index]
                if entry is _MARKER:
                    return True
                if entry.key == name:
                    formatting, formatting_index = entry, index
                    break
            if formatting is None:
                return True
            if not formatting.open:
                self._forget(formatting)
                return False
            fe_index = self._in_scope_element(formatting)
            if fe_index < 0:
                return False
            furthest = -1
            for index in range(fe_index + 1, len(self.stack)):
                self.work += 1
                if self.stack[index].key in _SPECIAL:
                    furthest = index
                    break
            if furthest < 0:
                self._pop_to(fe_index)
                self._forget(formatting)
                return False
            furthest_block = self.stack[furthest]
            bookmark = formatting_index
            last = furthest_block
            index = furthest
            inner = 0
            while True:
                index -= 1
                self.work += 1
                node = self.stack[index]
                if node.key == _GHOST:  # not on the parser's stack: not a step of its loop
                    self._remove(index)
                    continue
                inner += 1
                if node is formatting:
                    break
                if inner > 3 and node.in_afe:
                    self._forget(node)
                if not node.in_afe:
                    self._remove(index)
                    continue
                position = self.afe.index(node)
                clone = self._clone(node)
                self.afe[position] = clone
                self.stack[index] = clone
                clone.in_afe, node.in_afe = True, False
                clone.open, node.open = True, False
                if last is furthest_block:
                    bookmark = position + 1
                last = clone
            replacement = self._clone(formatting)
            if formatting_index < len(self.afe):  # lexbor removes by the position found at the start
                removed = self.afe.pop(formatting_index)
                if removed is not _MARKER:
                    removed.in_afe = False
            bookmark = min(bookmark, len(self.afe))
            self.afe.insert(bookmark, replacement)
            replacement.in_afe = True
            del self.stack[self.stack.index(formatting)]
            formatting.open = False
            self.stack.insert(self.stack.index(furthest_block) + 1, replacement)
            replacement.open = True
        return False

    # --- the list of active formatting elements -----------------------------------------------

    def _afe_entry(self, name: str) -> _El | None:
        """The last entry named ``name`` after the last marker."""
        for index in range(len(self.afe) - 1, -1, -1):
            self.work += 1
            entry = self.afe[index]
            if entry is _MARKER:
                return None
            if entry.key == name:
                return entry
        return None

    def _push_formatting(self, name: str, attrs: str) -> None:
        element = _El(name, _attribute_set(attrs))
        attrs = element.attrs
        identical = []
        for index in range(len(self.afe) - 1, -1, -1):
            self.work += 1
            entry = self.afe[index]
            if entry is _MARKER:
                break
            if entry.key == name and entry.attrs == attrs:
                identical.append(entry)
        if len(identical) >= 3:  # Noah's Ark: keep the three latest identical entries
            self._forget(identical[-1])
        self._push(element)
        self.afe.append(element)
        element.in_afe = True

    def _reconstruct(self) -> None:
        if not self.afe or self.afe[-1] is _MARKER or self.afe[-1].open:
            return
        index = len(self.afe) - 1
        while index > 0:
            self.work += 1
            entry = self.afe[index - 1]
            if entry is _MARKER or entry.open:
                break
            index -= 1
        for position in range(index, len(self.afe)):
            entry = self.afe[position]
            clone = self._clone(entry)
            self._push(clone)
            self.afe[position] = clone
            entry.in_afe = False
            clone.in_afe = True

    def _clear_afe_to_marker(self) -> None:
        while self.afe:
            self.work += 1
            entry = self.afe.pop()
            if entry is _MARKER:
                return
            entry.in_afe = False

    def _forget(self, entry: _El) -> None:
        if entry.in_afe:
            self.afe.remove(entry)
            entry.in_afe = False

    def _clone(self, element: _El) -> _El:
        self.reopened += 1
        if self.reopened > self.max_reopened:
            raise NestingExceeded("reopened")
        return _El(element.key, element.attrs)

    # --- the stack of open elements -----------------------------------------------------------

    def _current(self) -> _El:
        return self.stack[-1]

    def _push(self, element: _El) -> None:
        self.stack.append(element)
        element.open = True
        if element.key in _TABLE_STRUCTURE:
            self.tables.append(element)
        depth = len(self.stack)
        if depth > self.deepest:
            self.deepest = depth
            if depth > self.max_depth:
                raise NestingExceeded("depth")

    def _pop(self) -> None:
        self._pop_to(len(self.stack) - 1)

    def _pop_to(self, index: int) -> None:
        """Pop the elements from the current node down to and including ``stack[index]``."""
        index = max(index, 2)  # the html and body elements stay
        while len(self.stack) > index:
            self.work += 1
            element = self.stack.pop()
            element.open = False
            # Only table operations pop a cell or caption ("close the cell"), and they clear the
            # list to its marker. Objects, applets and marquees clear it at their own end tags only:
            # popped by anything else, their marker stays and hides the entries before it.
            if element.key in _CELLS:
                self._clear_afe_to_marker()
        self._drop_trailing_ghosts()
        while self.tables and not self.tables[-1].open:
            self.tables.pop()

    def _ghost(self, element: _El) -> None:
        """Take ``element`` off the parser's stack while it stays around the open elements above
        it in the tree: it keeps counting for depth but matches no tag and bounds no scope, and it
        goes when nothing above it is left open."""
        element.key = _GHOST
        element.open = False
        if element in self.tables:
            self.tables.remove(element)
        self._drop_trailing_ghosts()

    def _drop_trailing_ghosts(self) -> None:
        while self.stack[-1].key == _GHOST:
            self.stack.pop()

    def _clear_to(self, element: _El) -> None:
        """Pop the elements above ``element`` (clearing the stack back to a table context)."""
        self._pop_to(self._index_of(element) + 1)

    def _remove(self, index: int) -> None:
        element = self.stack.pop(index)
        element.open = False
        if element in self.tables:
            self.tables.remove(element)

    def _index_of(self, element: _El) -> int:
        for index in range(len(self.stack) - 1, -1, -1):
            self.work += 1
            if self.stack[index] is element:
                return index
        return len(self.stack)

    def _in_scope(self, names, boundaries) -> int:
        """The index of the nearest open element named in ``names`` with no boundary above it, or -1."""
        for index in range(len(self.stack) - 1, -1, -1):
            self.work += 1
            key = self.stack[index].key
            if key in names:
                return index
            if key in boundaries:
                return -1
        return -1

    def _in_scope_element(self, element: _El) -> int:
        for index in range(len(self.stack) - 1, -1, -1):
            self.work += 1
            found = self.stack[index]
            if found is element:
                return index
            if found.key in _SCOPE:
                return -1
        return -1

    def _nearest_table(self) -> _El:
        for element in reversed(self.tables):
            self.work += 1
            if element.key == "table":
                return element
        return self.stack[1]

    def _table_mode(self) -> str | None:
        if not self.tables:
            return None
        key = self.tables[-1].key
        if key in ("td", "th"):
            return "cell"
        if key in ("tbody", "thead", "tfoot"):
            return "tbody"
        return key  # "table", "tr" or "caption"

    def _in_foreign_content(self) -> bool:
        """Whether the current node is foreign and not a point where HTML rules apply."""
        key = self._current().key
        if " " not in key:
            return False
        return key not in _FOREIGN_INTEGRATION and key not in _MATHML_TEXT_INTEGRATION and not self._current().html_point

    @staticmethod
    def _is_html_point(namespace: str, name: str, attrs: str) -> bool:
        return namespace == "math" and name == "annotation-xml" and bool(_HTML_ENCODING.search(attrs))
