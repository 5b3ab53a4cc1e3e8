"""pdfplumber's character dictionaries, built for a fraction of the cost and identical to its own.

``pdfplumber.Page.process_object`` turns every pdfminer layout object into a dict, passing each
attribute through ``resolve_all`` (a recursive walk for PDF object references). For a character
every attribute it keeps is already a number, a string, a bool or a tuple of numbers, so the walk
changes nothing, yet on text pages it is about a third of all reading time. ``use_lean_chars``
gives a page a ``process_object`` that skips the walk for plain values, and does exactly what
pdfplumber does for everything else; ``tests/ingest/test_ingest_pdfplumber_chars.py`` holds the
two equal, object by object, on the corpus and on pdfplumber's and pdfminer's own regression PDFs.

Written against pdfplumber 0.11 (``pyproject.toml`` keeps it below 0.12): a new minor version
must pass that test before the bound moves.
"""

from __future__ import annotations

from typing import Any

from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page
from pdfplumber.utils.pdfinternals import resolve_all, resolve_and_decode

_PLAIN = (int, float, str, bool, type(None))


def _plain(value: Any) -> bool:
    return isinstance(value, _PLAIN) or (type(value) is tuple and all(isinstance(v, _PLAIN) for v in value))


def lean_char_object(page: Page, obj: Any) -> dict[str, Any]:
    """``page.process_object(obj)``, without resolving values that cannot hold a reference."""
    if type(obj) is not LTChar or page.pdf.unicode_norm is not None:
        return Page.process_object(page, obj)
    attr = {k: v if _plain(v) else resolve_all(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
    attr["object_type"] = "char"
    attr["page_number"] = page.page_number
    for cs in ("ncs", "scs"):
        if hasattr(obj, cs):
            attr[cs] = resolve_and_decode(getattr(obj, cs).name)
    attr["text"] = obj.get_text()
    gs = obj.graphicstate
    attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
    attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
    if isinstance(attr["fontname"], bytes):
        return Page.process_object(page, obj)  # rare byte font names: pdfplumber's own repair
    mb_x0, mb_top = page.mediabox[:2]
    attr["top"] = (page.height - attr["y1"]) + mb_top
    attr["bottom"] = (page.height - attr["y0"]) + mb_top
    attr["doctop"] = page.initial_doctop + attr["top"]
    if mb_x0 != 0:
        attr["x0"] = attr["x0"] + mb_x0
        attr["x1"] = attr["x1"] + mb_x0
    return attr


def use_lean_chars(page: Page) -> Page:
    """Make ``page`` build its character dicts with ``lean_char_object`` (before its objects are read)."""
    page.process_object = lambda obj: lean_char_object(page, obj)  # type: ignore[method-assign]
    return page

