"""Fixture makers for ingest: real PDFs written by fpdf2, then damaged the way real ones are.

Files are named by defect and font, as pdfplumber names its issue fixtures
(``advert.tounicode-stripped.dejavu-sans.pdf``), so a failure says what broke.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

DEJAVU_SANS = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# What a Director of Children's Services advert says, with the characters that break first:
# curly quotes, apostrophes, the pound sign, an en dash.
ADVERT_PAGES = [
    "Director of Children’s Services\n"
    "The salary range is between £113,205 and £138,362 – a “unique” opportunity.\n"
    "Cambridgeshire and Peterborough councils share the post.",
    "Applications close on 30 June.\nThe council’s Chief Executive will chair the panel.",
]

IDENTITY_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
1 beginbfrange
<0000> <FFFF> <0000>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""


@pytest.fixture(scope="session")
def dejavu_sans() -> Path:
    if not DEJAVU_SANS.exists():
        pytest.skip(f"{DEJAVU_SANS} is missing (Debian/Ubuntu package fonts-dejavu-core)")
    return DEJAVU_SANS


@pytest.fixture
def make_pdf(tmp_path: Path, dejavu_sans: Path) -> Callable[..., Path]:
    """Write ``pages`` (one string each, lines split on newlines) as a PDF in DejaVu Sans."""

    def make(pages: list[str], name: str = "advert.clean.dejavu-sans.pdf", header: str | None = None) -> Path:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_font(fname=str(dejavu_sans))
        pdf.set_font("DejaVuSans", size=11)
        pdf.set_auto_page_break(auto=False)  # the footer sits in the bottom margin
        for number, text in enumerate(pages, start=1):
            pdf.add_page()
            if header:
                pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
            pdf.multi_cell(0, 7, text)
            if header:
                pdf.set_y(-20)
                pdf.cell(0, 8, str(number), align="C")
        path = tmp_path / name
        pdf.output(str(path))
        return path

    return make


def _rewrite_fonts(source: Path, target: Path, change: Callable[[pikepdf.Pdf, pikepdf.Dictionary], None]) -> Path:
    with pikepdf.open(source) as pdf:
        for page in pdf.pages:
            for _, font in page.Resources.Font.items():
                change(pdf, font)
        pdf.save(target)
    return target


@pytest.fixture
def strip_to_unicode() -> Callable[[Path], Path]:
    """The PDF with /ToUnicode removed from its fonts: pdfplumber then gives (cid:N) and junk."""

    def strip(path: Path) -> Path:
        def drop(_: pikepdf.Pdf, font: pikepdf.Dictionary) -> None:
            if "/ToUnicode" in font:
                del font["/ToUnicode"]

        return _rewrite_fonts(path, path.with_name(path.name.replace(".clean.", ".tounicode-stripped.")), drop)

    return strip


@pytest.fixture
def identity_to_unicode() -> Callable[[Path], Path]:
    """The PDF with /ToUnicode replaced by an identity map: character codes come out as text."""

    def replace(path: Path) -> Path:
        def identity(pdf: pikepdf.Pdf, font: pikepdf.Dictionary) -> None:
            font.ToUnicode = pikepdf.Stream(pdf, IDENTITY_TO_UNICODE)

        return _rewrite_fonts(path, path.with_name(path.name.replace(".clean.", ".identity-map.")), identity)

    return replace


@pytest.fixture
def encrypt() -> Callable[[Path], Path]:
    def lock(path: Path) -> Path:
        target = path.with_name(path.name.replace(".clean.", ".encrypted."))
        with pikepdf.open(path) as pdf:
            pdf.save(target, encryption=pikepdf.Encryption(user="x", owner="y"))
        return target

    return lock


@pytest.fixture
def image_only_pdf(tmp_path: Path) -> Path:
    """A 'scanned' page: one image, no text."""
    from fpdf import FPDF
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=100)
    path = tmp_path / "advert.image-only.pdf"
    pdf.output(str(path))
    return path


@pytest.fixture
def write_bytes(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return write


@pytest.fixture(scope="session")
def cer() -> Callable[[str, str], float]:
    """Character error rate: Levenshtein distance / len(truth).

    Uses rapidfuzz when installed; otherwise an exact distance within the line blocks difflib
    pairs up, which can only overestimate the true distance (so a bound that passes still holds).
    """
    try:
        from rapidfuzz.distance import Levenshtein

        def distance(a: str, b: str) -> int:
            return Levenshtein.distance(a, b)
    except ImportError:
        distance = _blockwise_distance

    return lambda text, truth: distance(text, truth) / max(1, len(truth))


def _blockwise_distance(a: str, b: str) -> int:
    old, new = a.splitlines(keepends=True), b.splitlines(keepends=True)
    total = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op != "equal":
            total += _levenshtein("".join(old[i1:i2]), "".join(new[j1:j2]))
    return total


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@pytest.fixture(scope="session")
def advert_pages() -> list[str]:
    return list(ADVERT_PAGES)
