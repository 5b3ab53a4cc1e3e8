"""Plain text and HTML: decode the bytes, and for HTML keep the text a reader sees.

Decoding order, most reliable evidence first: a byte-order mark; for HTML, a declared
``<meta charset>`` when the bytes are not valid UTF-8 (valid UTF-8 with non-ASCII bytes is
practically never anything else, and pages that declare Latin-1 while serving UTF-8 are common);
UTF-8; then charset-normalizer's detection, preferring Windows-1252 among equally good guesses,
because for English text it cannot tell Windows-1252 from Central European code pages (they differ
in ``£``/``Ł``) and UK council documents are Windows-1252.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer
from selectolax.lexbor import LexborHTMLParser, LexborNode

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.html_nesting import check_nesting
from councildocs.ingest.names import printable

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 in HTML, whatever their ISO names say.
_HTML_LABEL_ALIASES = {"iso-8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252"}
PREFERRED_LEGACY = "cp1252"
CHAOS_TIE = 0.01

# Elements whose text is not the document's: code, styling, navigation, hidden templates.
DROPPED_TAGS = ["script", "style", "nav", "noscript", "template", "head", "svg", "iframe", "object"]
BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section summary table tbody "
    "thead tfoot tr ul caption".split()
)
CELL_TAGS = frozenset({"td", "th"})


def read_text_file(path: Path, data: bytes) -> str:
    return decode(data, path)


def read_html_file(path: Path, data: bytes) -> str:
    html = decode(data, path, declared=_declared_charset(data))
    # Before the parser sees it: a page nested thousands of levels deep (or one that makes the parser
    # re-open formatting tags without end) would keep it busy for minutes in C, or exhaust memory, until
    # the reader process is killed at its limit. ``check_nesting`` refuses such a page in linear time, as
    # ``too_large``, with a message that says why.
    check_nesting(html, printable(path.name))
    return html_to_text(html)


def decode(data: bytes, path: Path, declared: str | None = None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return _detect(data, path)


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET_RE.search(data[:8192])
    if not match:
        return None
    label = match.group(1).decode("ascii").lower()
    label = _HTML_LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _detect(data: bytes, path: Path) -> str:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise IngestError(
            ErrorCode.UNREADABLE,
            f"{path.name} does not decode as text in any known encoding: it may be a binary file with "
            "a text extension. Check what it really is, or save it as UTF-8 text.",
        )
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos + CHAOS_TIE]
    preferred = [m for m in tied if codecs.lookup(m.encoding).name == PREFERRED_LEGACY]
    best = preferred[0] if preferred else tied[0]
    return str(best)


def html_to_text(html: str) -> str:
    """The visible text of ``html``: one paragraph per block element, lines kept at ``<br>``.

    Callers pass pages that ``check_nesting`` has accepted (``read_html_file`` does): the walk below
    is iterative, so no depth overflows Python's stack, but the parser's own time grows with depth.
    """
    tree = LexborHTMLParser(html)
    tree.strip_tags(DROPPED_TAGS)
    root = tree.body or tree.root
    if root is None:
        return ""
    out = _TextBuilder()
    # Iterative walk: real pages nest deeper than Python's recursion limit allows.
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            if tag in BLOCK_TAGS:
                out.paragraph()
            elif tag in CELL_TAGS:
                out.inline(" ")
            continue
        if tag == "-text":
            out.inline(node.text_content or "")
            continue
        if tag == "br":
            out.line()
            continue
        if tag in BLOCK_TAGS:
            out.paragraph()
        stack.append((node, True))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, False) for c in reversed(children))
    return out.text()


class _TextBuilder:
    """Collapses HTML whitespace as a browser does; blocks become paragraphs."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.lines: list[str] = []
        self.current: list[str] = []

    def inline(self, text: str) -> None:
        self.current.append(text)

    def line(self) -> None:
        self.lines.append(self._collapse("".join(self.current)))
        self.current = []

    def paragraph(self) -> None:
        self.line()
        block = "\n".join(line for line in self.lines if line)
        if block:
            self.paragraphs.append(block)
        self.lines = []

    def text(self) -> str:
        self.paragraph()
        return "\n\n".join(self.paragraphs)

    @staticmethod
    def _collapse(text: str) -> str:
        return re.sub(r"[ \t\r\n\f]+", " ", text).strip(" ")
