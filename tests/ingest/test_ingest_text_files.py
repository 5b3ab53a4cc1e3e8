"""Text and HTML files: decoding, and the text a reader of the page sees."""

from __future__ import annotations

from councildocs.ingest.reader import read_document

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
