"""The nesting model that refuses pathological HTML before the parser sees it (ingest/html_nesting.py).

Its depth is compared with what lexbor (the parser html_to_text uses) really builds, on seeded tag
soup: misnested formatting tags, tables, selects, SVG and MathML, forms, raw-text elements. The model
tracks the parser's stack of open elements while the test can only see the finished tree, which is
at most a leaf (a void or raw-text element, an implied <colgroup>) deeper than the deepest stack; and
can be much shallower, where the adoption agency or foster parenting moved elements afterwards. So the
test asserts the model is never shallower than the tree by more than that leaf's few levels.
"""

from __future__ import annotations

import random

import pytest
from selectolax.lexbor import LexborHTMLParser

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.html_nesting import MAX_DEPTH, check_nesting, max_depth

LEAF_SLACK = 3  # a void or raw-text leaf, an implied <colgroup> and its <col>


def tree_depth(html: str) -> int:
    """Elements on the longest path from the root of lexbor's tree (html = 1), walked iteratively."""
    deepest, stack = 0, [(LexborHTMLParser(html).root, 1)]
    while stack:
        node, depth = stack.pop()
        if node.tag not in ("-text", "_comment", "-comment", "!doctype"):
            deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            stack.append((child, depth + 1))
            child = child.next
    return deepest


VOCABULARIES = {
    "formatting": "a b i u font nobr s em strong p div span li ul table tr td select option".split(),
    "tables": "table tr td th tbody thead caption colgroup col div span b i p form select object".split(),
    "foreign": "svg math g mi mtext annotation-xml foreignObject desc title div p b span table td br".split(),
    "everything": (
        "div span b i a p li ul ol dd dt dl table tr td th tbody caption colgroup col h1 h2 form button option "
        "select font nobr em strong u s svg math g foreignObject mi annotation-xml desc title textarea script "
        "style xmp pre br img hr input section object ruby rt rp x-y applet marquee center"
    ).split(),
}
ATTRIBUTES = ["", "", " id=1", " id=2", ' class="c"', " color=red", ' encoding="text/html"', "/"]
TEXT = ["x", " ", "<!--c-->", "<", "text "]


def tag_soup(seed: int, vocabulary: list[str], tokens: int) -> str:
    rng = random.Random(seed)
    out = []
    for _ in range(tokens):
        tag, roll = rng.choice(vocabulary), rng.random()
        out.append(f"<{tag}{rng.choice(ATTRIBUTES)}>" if roll < 0.55 else f"</{tag}>" if roll < 0.9 else rng.choice(TEXT))
    return "".join(out)


@pytest.mark.parametrize("vocabulary", list(VOCABULARIES))
def test_the_model_is_never_shallower_than_the_parsers_tree(vocabulary):
    worst = []
    for seed in range(60):
        html = tag_soup(seed, VOCABULARIES[vocabulary], tokens=600)
        worst.append((tree_depth(html) - max_depth(html, limit=10**6), seed))
    gap, seed = max(worst)
    assert gap <= LEAF_SLACK, f"seed {seed}: lexbor's tree is {gap} levels deeper than the model's stack"


def test_markup_the_parser_reads_as_text_is_not_counted():
    inert = (
        "<script>" + "<div>" * 2000 + "</script>"
        "<style>" + "<div>" * 2000 + "</style>"
        "<textarea>" + "<div>" * 2000 + "</textarea>"
        "<!--" + "<div>" * 2000 + "-->"
        '<p title="' + "<div>" * 2000 + '">quoted</p>'
    )
    assert max_depth(inert) <= 4
    check_nesting(inert, "inert.html")


def test_a_quote_in_an_unquoted_value_hides_no_tags():
    """``x=a'b`` is one unquoted value: a reader that took the quote as an opening one would skip the
    divs after it."""
    html = "<p x=a'b>" + "<div>" * 600 + "'"
    assert max_depth(html) > MAX_DEPTH


def test_svg_self_closing_tags_do_not_nest_but_html_ones_do():
    icons = "<svg>" + '<path d="M0 0"/>' * 5000 + "</svg>"
    assert max_depth(icons) == 3
    assert max_depth("<div/>" * 600) > MAX_DEPTH  # "/>" means nothing on an HTML element


@pytest.mark.parametrize(
    "name, html",
    [
        ("divs", "<div>" * 300_000),
        ("spans", "<span>" * 300_000),
        ("tables", "<table><tr><td>" * 100_000),
        ("svg groups", "<svg>" + "<g>" * 300_000),
        ("unclosed formatting", "<font color=red>" * 300_000),
        ("forms left open", "<form><u></form>" * 100_000),
        ("re-opened formatting", "".join(f"<b id={i}><p>x" for i in range(40_000))),
    ],
)
def test_deep_pages_are_refused_as_too_large(name, html):
    with pytest.raises(IngestError) as caught:
        check_nesting(html, f"{name}.html")
    assert caught.value.code == ErrorCode.TOO_LARGE


def test_stack_walking_beyond_linear_is_refused():
    """500 open spans, then end tags that each walk all of them and close nothing: within the depth
    bound, but quadratic work; refused before the model's own time grows with it."""
    with pytest.raises(IngestError) as caught:
        check_nesting("<span>" * 500 + "</zz>" * 100_000, "tangled.html")
    assert caught.value.code == ErrorCode.TOO_LARGE
    assert "tangled" in caught.value.message


@pytest.mark.parametrize(
    "html",
    [
        "<ul>" + "<li>item" * 20_000 + "</ul>",
        "<p>paragraph" * 20_000,
        "<a href=x>link" * 20_000,
        "<div><span></div>" * 20_000,
        "<b><p>x</b></p>" * 20_000,
        "<p><font face=Arial>text</p>" * 20_000,
    ],
)
def test_long_flat_pages_are_accepted(html):
    check_nesting(html, "long.html")
    assert max_depth(html) <= 8
