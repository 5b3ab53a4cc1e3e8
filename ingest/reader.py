"""Read a file into a ``RepairedDocument``: dispatch on type, read, repair.

Every input problem becomes an ``IngestError`` with a stable code and a message that says what a
person can do about it; anything else escaping from here is a bug.
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import MiB, FileLimits
from councildocs.ingest.models import RepairedDocument
from councildocs.ingest.pdf import open_pdf
from councildocs.ingest.names import printable
from councildocs.ingest.provenance import provenance_for
from councildocs.ingest.repair import Draft, repair
from councildocs.ingest.text_files import read_html_file, read_text_file

PAGE_SEPARATOR = "\n\n"
_CHUNK = 1024 * 1024

MEDIA_TYPES = {".pdf": "pdf", ".txt": "text", ".html": "html", ".htm": "html"}


def sha256_of_file(path: Path, max_bytes: int | None = None) -> str:
    """Hex SHA-256 of the file's bytes (the document's key in the warehouse).

    The file is looked at (``stat``) before it is opened: anything but a regular file (a named pipe,
    a device, a socket, a symlink to one) would block or never end, and a file over ``max_bytes``
    would take minutes to hash only to be refused; both are refused with their code at once.
    """
    path = Path(path)
    _refuse_before_opening(path, max_bytes)
    digest = hashlib.sha256()
    with _open(path) as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def read_document(path: Path, sha256: str | None = None, limits: FileLimits = FileLimits()) -> RepairedDocument:
    """Read and repair the file at ``path``; raises ``IngestError`` for input it cannot use, or that is
    over ``limits`` in bytes, pages or characters (time and memory are the caller's, see ``within_limits``)."""
    path = Path(path)
    _refuse_before_opening(path, limits.max_bytes)
    media_type = _check(path, limits.max_bytes)
    if sha256 is None:
        sha256 = sha256_of_file(path)
    if media_type == "pdf":
        with open_pdf(path, max_pages=limits.max_pages) as glyphs:
            draft = Draft("pdf", list(glyphs.page_texts), glyphs=glyphs, log=glyphs.repair_steps)
            raw_pages = list(draft.pages)
            repair(draft)
            draft.glyphs = None  # the PDF closes with this block
    else:
        with _open(path) as handle:
            data = handle.read()
        text = read_text_file(path, data) if media_type == "text" else read_html_file(path, data)
        if not text.strip():
            raise _empty(path, "has no text")
        draft = Draft(media_type, [text])
        raw_pages = [text]
        repair(draft)
    text = PAGE_SEPARATOR.join(draft.pages)
    if limits.max_text_chars is not None and len(text) > limits.max_text_chars:
        raise IngestError(
            ErrorCode.TOO_LARGE,
            f"{path.name} holds {len(text):,} characters of text, more than the limit of {limits.max_text_chars:,}. "
            "Split it into the parts you need and ingest those.",
        )
    return RepairedDocument(
        source=printable(str(path)),
        sha256=sha256,
        media_type=media_type,
        pages=len(draft.pages),
        raw_text=PAGE_SEPARATOR.join(raw_pages),
        text=text,
        page_starts=_page_starts(draft.pages),
        repair_log=list(draft.log),
        provenance=provenance_for(path),
    )


def _check(path: Path, max_bytes: int | None) -> str:
    """The media type for ``path``, after the checks that need no parsing."""
    if not path.exists():
        raise IngestError(ErrorCode.NOT_FOUND, f"{path} does not exist. Check the path and the spelling.")
    if not path.is_file():
        raise IngestError(ErrorCode.NOT_FOUND, f"{path} is not a file. Give a file, or a folder to walk.")
    media_type = MEDIA_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise IngestError(
            ErrorCode.UNSUPPORTED_TYPE,
            f"{path.name}: '{path.suffix or 'no extension'}' files are not supported. "
            "Convert it to PDF, HTML or plain text (.pdf, .html, .htm, .txt).",
        )
    size = path.stat().st_size
    if size == 0:
        raise _empty(path, "is empty (0 bytes)")
    if max_bytes is not None and size > max_bytes:
        raise IngestError(
            ErrorCode.TOO_LARGE,
            f"{path.name} is {size / MiB:.0f} MB, more than the limit of {max_bytes / MiB:.0f} MB. "
            "Split it, or extract the pages you need.",
        )
    return media_type


def _empty(path: Path, what: str) -> IngestError:
    return IngestError(ErrorCode.EMPTY, f"{path.name} {what}. Check that the download or export completed.")


def _refuse_before_opening(path: Path, max_bytes: int | None) -> None:
    try:
        st = path.stat()  # follows a symlink: a link to /dev/zero is a device
    except FileNotFoundError as err:
        raise IngestError(ErrorCode.NOT_FOUND, f"{printable(str(path))} does not exist. Check the path and the spelling.") from err
    except OSError as err:
        raise IngestError(ErrorCode.UNREADABLE, f"{printable(str(path))} cannot be examined ({err.strerror}).") from err
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(ErrorCode.NOT_FOUND, f"{printable(str(path))} is not a file. Give a file, or a folder to walk.")
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(
            ErrorCode.UNREADABLE,
            f"{printable(path.name)} is not a regular file (a pipe, device or socket, or a link to one), so it was not "
            "opened. Give the document itself.",
        )
    if max_bytes is not None and st.st_size > max_bytes:
        raise IngestError(
            ErrorCode.TOO_LARGE,
            f"{printable(path.name)} is {st.st_size / MiB:.0f} MB, more than the limit of {max_bytes / MiB:.0f} MB. "
            "Split it, or extract the pages you need.",
        )


def _open(path: Path):
    try:
        return path.open("rb")
    except FileNotFoundError as err:
        raise IngestError(ErrorCode.NOT_FOUND, f"{path} does not exist. Check the path and the spelling.") from err
    except IsADirectoryError as err:
        raise IngestError(ErrorCode.NOT_FOUND, f"{path} is not a file. Give a file, or a folder to walk.") from err
    except OSError as err:
        raise IngestError(
            ErrorCode.UNREADABLE, f"{path} cannot be opened ({err.strerror}). Check its permissions."
        ) from err


def _page_starts(pages: list[str]) -> list[int]:
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + len(PAGE_SEPARATOR)
    return starts
