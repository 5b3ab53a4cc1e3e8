"""Text and HTML files: decoding, and the text a reader of the page sees."""

from __future__ import annotations

import pytest

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.html_nesting import MAX_DEPTH, max_depth
from councildocs.ingest.reader import read_document
from councildocs.ingest.text_files import html_to_text

ADVERT = (
    "Director of Children’s Services\n\n"
    "The salary range is between £113,205 and £138,362 – a “unique” opportunity in the café quarter.\n"
)


def test_utf8_text(write_bytes):
    document = read_document(write_bytes("advert.txt", ADVERT.encode("utf-8")), sha256="b" * 64)
    assert document.media_type == "text"
    assert document.pages == 1
    assert document.page_starts == [0]
    assert document.text == ADVERT.rstrip("\n")
    assert document.raw_text == ADVERT


def test_utf8_with_bom(write_bytes):
    document = read_document(write_bytes("advert.txt", ADVERT.encode("utf-8-sig")), sha256="b" * 64)
    assert document.text == ADVERT.rstrip("\n")


def test_cp1252_text_keeps_its_pound_signs(write_bytes):
    """Detection alone would call this Central European (cp1250) and turn £ into Ł."""
    document = read_document(write_bytes("advert.txt", ADVERT.encode("cp1252")), sha256="b" * 64)
    assert document.text == ADVERT.rstrip("\n")


def test_crlf_line_ends_become_newlines(write_bytes):
    document = read_document(write_bytes("advert.txt", b"One line.  \r\nTwo lines.\r\n"), sha256="b" * 64)
    assert document.text == "One line.\nTwo lines."
    assert [step.method for step in document.repair_log] == ["whitespace"]


def test_utf8_mojibake_is_fixed_by_ftfy(write_bytes):
    mangled = "The Childrenâ€™s Services budget is Â£9million."
    document = read_document(write_bytes("news.txt", mangled.encode("utf-8")), sha256="b" * 64)
    assert document.text == "The Children’s Services budget is £9million."
    assert document.raw_text == mangled
    assert [step.method for step in document.repair_log] == ["ftfy"]


HTML = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Jobs</title>
<style>p { color: red }</style><script>var salary = "hidden";</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/jobs">Jobs</a></nav>
<h1>Director of Children’s Services</h1>
<p>The salary is   <b>£113,205</b>
   a year.</p>
<ul><li>Lead the service</li><li>Work with partners &amp; schools</li></ul>
<p>Call us<br>on 01234 567890</p>
<table><tr><td>Grade</td><td>Chief Officer</td></tr></table>
</body></html>
"""


def test_html_with_meta_charset(write_bytes):
    document = read_document(write_bytes("job.html", HTML.encode("cp1252")), sha256="c" * 64)
    assert document.media_type == "html"
    assert document.text == (
        "Director of Children’s Services\n\n"
        "The salary is £113,205 a year.\n\n"
        "Lead the service\n\n"
        "Work with partners & schools\n\n"
        "Call us\non 01234 567890\n\n"
        "Grade Chief Officer"
    )


def test_html_labelled_latin1_is_read_as_windows_1252(write_bytes):
    """Browsers read iso-8859-1 as windows-1252, where 0x92 is an apostrophe."""
    page = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
    page += b"<body><p>Children\x92s Services</p></body></html>"
    document = read_document(write_bytes("job.htm", page), sha256="c" * 64)
    assert document.text == "Children’s Services"


def test_html_that_declares_latin1_but_is_utf8(write_bytes):
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>£113,205</p></body></html>'
    document = read_document(write_bytes("job.html", page.encode("utf-8")), sha256="c" * 64)
    assert document.text == "£113,205"


# -- nesting depth (issue 15: nothing unbounded) ----------------------------------------------------
# Before the bound, 300,000 nested <div> (3.3 MB) kept the HTML parser busy for about 220 seconds of C
# code that no time limit could interrupt; a <b id=N><p>x repeated 40,000 times made it build hundreds
# of millions of elements until the machine ran out of memory. Both are now refused before parsing.

def _refusal(path):
    with pytest.raises(IngestError) as caught:
        read_document(path, sha256="d" * 64)
    return caught.value


def test_html_nested_300000_levels_deep_is_refused_as_too_large(write_bytes):
    depth = 300_000
    page = "<html><body>" + "<div>" * depth + "Director of Children's Services" + "</div>" * depth + "</body></html>"
    refused = _refusal(write_bytes("nested.html", page.encode()))
    assert refused.code == ErrorCode.TOO_LARGE
    assert f"more than {MAX_DEPTH} levels deep" in refused.message and "nested.html" in refused.message


def test_html_that_reopens_formatting_in_every_paragraph_is_refused(write_bytes):
    """Each paragraph re-opens every earlier <b> (they differ, so no three are identical): the
    parser would build n²/2 elements."""
    page = "".join(f"<b id={i}><p>Director of Children's Services" for i in range(40_000))
    refused = _refusal(write_bytes("bold.html", page.encode()))
    assert refused.code == ErrorCode.TOO_LARGE


def test_html_nested_to_just_under_the_bound_is_read(write_bytes):
    depth = MAX_DEPTH - 3  # with <html> and <body>, one level under the bound
    page = "<html><body>" + "<div>" * depth + "The salary is £150,000." + "</div>" * depth + "</body></html>"
    assert read_document(write_bytes("deep.html", page.encode()), sha256="d" * 64).text == "The salary is £150,000."
    deeper = "<html><body>" + "<div>" * (depth + 2) + "x" + "</div>" * (depth + 2) + "</body></html>"
    assert _refusal(write_bytes("deeper.html", deeper.encode())).code == ErrorCode.TOO_LARGE


# A page as council sites write them: unclosed <p> and <li>, a table of figures, a script holding
# markup, a comment, inline SVG icons, a form, formatting left open across paragraphs. Nothing here is
# deep once parsed, so it must read exactly as before the bound.
SLOPPY_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Jobs</title>
<script>var tpl = "<div><div><div>" + "</div>".repeat(3);</script>
<!-- <div><div><div> commented out --></head>
<body><div class="page"><nav><ul><li><a href="/">Home</a><li><a href="/jobs">Jobs</a></ul></nav>
<form action="/search"><input name="q"><button>Search</button></form>
<svg width="10" height="10"><path d="M0 0"/><path d="M1 1"/><g><circle r="1"/></g></svg>
<h1>Director of Children's Services</h1>
<p><font face="Arial">The salary is <b>£150,000 a year.
<p>Leeds City Council is recruiting a Director of Children's Services.
<p>Closing date: 30 June.</font>
<table><tr><th>Grade<td>Chief Officer<tr><th>Salary<td>£150,000</table>
<ul><li>Lead the service<li>Work with partners &amp; schools</ul>
</div></body></html>
"""


def test_sloppy_real_world_html_reads_as_before(write_bytes):
    document = read_document(write_bytes("job.html", SLOPPY_PAGE.encode()), sha256="d" * 64)
    # the same text as the parser gives without the check, and all of it
    assert document.raw_text == html_to_text(SLOPPY_PAGE)
    assert "Leeds City Council is recruiting a Director of Children's Services." in document.text
    assert "Salary £150,000" in document.text
    assert max_depth(SLOPPY_PAGE) < 20
