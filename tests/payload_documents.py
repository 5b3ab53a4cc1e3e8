"""Documents that carry Markdown and HTML payloads in their text and their file names (issue 15).

Each payload points at ``payload.invalid``, a name that can never resolve (RFC 6761), so a page that
rendered one as Markdown or HTML would show itself by a request for that host, an ``<img>``, ``<a>``
or ``<script>`` element naming it, or an ``onerror`` handler in the page. The sentences around the
payloads are real-looking adverts, so the extractor reads facts from them and every page that shows
a fact, its evidence sentence or its document shows the payloads too.
"""

from __future__ import annotations

from pathlib import Path

PAYLOAD_HOST = "payload.invalid"

# Markdown an interpreting component would turn into an image, a link (a fake session-expired
# prompt), and HTML it would turn into an image with a script handler and a script.
MD_IMAGE = f"![x](http://{PAYLOAD_HOST}/pixel.png)"
MD_LINK = f"[Session expired - sign in again](http://{PAYLOAD_HOST}/login)"
HTML_IMG = f"<img src=http://{PAYLOAD_HOST}/a.png onerror=alert(1)>"
HTML_SCRIPT = f"<script>fetch('http://{PAYLOAD_HOST}/s')</script>"
HTML_LINK = f'<a href="http://{PAYLOAD_HOST}/person">profile</a>'

ADVERT_TEXT = f"""Director of Children's Services {MD_IMAGE}

Leeds City Council is recruiting a Director of Children's Services {MD_LINK} on a salary of £150,000 per annum. {HTML_IMG} {HTML_SCRIPT}

Leeds and Bradford councils share a Director of Public Health {MD_IMAGE} under a joint arrangement.

The Chief Executive of Leeds City Council is Tom Riordan {HTML_LINK}.
"""

# A legal Linux file name (no "/") that is Markdown and HTML at once.
ADVERT_NAME = f"![x](http:{PAYLOAD_HOST}) [Session expired](http:{PAYLOAD_HOST}) <img src=x onerror=alert(1)> <script>{PAYLOAD_HOST}.txt"

# An HTML page: its real tags (an image, a script) are dropped when its text is read, and the
# escaped ones become text that carries the payload onwards.
HTML_NAME = "<svg onload=alert(5)> bradford.html"
HTML_PAGE = f"""<!DOCTYPE html><html><head><title>Jobs</title>
<script>fetch('http://{PAYLOAD_HOST}/from-the-page-itself')</script></head><body>
<img src="http://{PAYLOAD_HOST}/real-image.png">
<h1>Director of Public Health</h1>
<p>Bradford Council is recruiting a Director of Public Health &lt;img src=http://{PAYLOAD_HOST}/h.png onerror=alert(4)&gt;
on a salary of £140,000 per annum. [Apply](javascript:alert(8))</p>
</body></html>
"""

# Refused before parsing (too deep): its name reaches the "Failed documents" table with its message.
NESTED_NAME = f"[x](http:{PAYLOAD_HOST}) <img src=x onerror=alert(6)> nested.html"
NESTED_PAGE = "<html><body>" + "<div>" * 600 + "deep" + "</div>" * 600 + "</body></html>"

# Its provenance: a publisher that is HTML, and an address that is a script, not a web page.
SOURCES_CSV = (
    "stem,url,publisher,published,licence\n"
    f'"{HTML_NAME[:-5]}",javascript:alert(9),"Bradford <img src=http://{PAYLOAD_HOST}/p.png onerror=alert(10)>",'
    "2025,OGL-UK-3.0\n"
)


def write_payload_documents(folder: Path) -> Path:
    """The three documents and their sources.csv in ``folder``; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ADVERT_NAME).write_text(ADVERT_TEXT, encoding="utf-8")
    (folder / HTML_NAME).write_text(HTML_PAGE, encoding="utf-8")
    (folder / NESTED_NAME).write_text(NESTED_PAGE, encoding="utf-8")
    (folder / "sources.csv").write_text(SOURCES_CSV, encoding="utf-8")
    return folder
