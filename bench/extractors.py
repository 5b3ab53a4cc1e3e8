"""The text each tool gives for a file, pages joined by a blank line (as ``read_document`` joins them).

Every tool gets the same page separator, so the table compares what each reads on a page, not how
it marks page ends (pdftotext writes a form feed, pypdf nothing).
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import ftfy

PAGE_SEPARATOR = "\n\n"


def ours(path: Path) -> str:
    from councildocs.ingest.reader import read_document

    return read_document(path, sha256="0" * 64).text


def pdfplumber_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return PAGE_SEPARATOR.join(page.extract_text() or "" for page in pdf.pages)


def pypdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return PAGE_SEPARATOR.join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdftotext_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    pages = out.stdout.decode("utf-8", errors="replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # pdftotext ends every page, the last one too, with a form feed
    return PAGE_SEPARATOR.join(pages)


def file_text(path: Path) -> str:
    """A text file as it is, for the tools-free baseline of text inputs."""
    return path.read_text(encoding="utf-8")


def with_ftfy(extract: Callable[[Path], str]) -> Callable[[Path], str]:
    """``extract`` followed by ftfy, configured as the design notes say (real quotes and the glyph
    letter ``Ǉ`` stay)."""

    @functools.wraps(extract)
    def run(path: Path) -> str:
        return ftfy.fix_text(extract(path), uncurl_quotes=False, fix_latin_ligatures=False)

    return run


def pdf_tools() -> dict[str, Callable[[Path], str]]:
    """Column name → extractor for PDFs; pdftotext only where poppler-utils is installed."""
    others = {"pdfplumber": pdfplumber_text, "pypdf": pypdf_text}
    if shutil.which("pdftotext"):
        others["pdftotext"] = pdftotext_text
    tools = {"ours": ours}
    for name, extract in others.items():
        tools[name] = extract
        tools[f"{name}+ftfy"] = with_ftfy(extract)
    return tools


def text_tools() -> dict[str, Callable[[Path], str]]:
    return {"ours": ours, "raw": file_text, "raw+ftfy": with_ftfy(file_text)}
