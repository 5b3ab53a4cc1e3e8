"""One file through ingest and extract: the unit of work shared by `dcs extract`, `dcs ingest` and batch workers."""

from __future__ import annotations

import fnmatch
from pathlib import Path

from councildocs.ingest.errors import ErrorCode, IngestError
from councildocs.ingest.limits import MiB, FileLimits, TimeLimitExceeded, out_of_memory, within_limits
from councildocs.results import DocumentResult

SUPPORTED_SUFFIXES = (".pdf", ".txt", ".html", ".htm")
DEFAULT_LIMITS = FileLimits()


IGNORE_FILE = ".dcsignore"


def _ignore_patterns(folder: Path) -> list[str]:
    """Patterns from ``<folder>/.dcsignore``: one per line, fnmatch-style, relative to the folder; ``dir/`` skips a folder."""
    ignore = folder / IGNORE_FILE
    if not ignore.is_file():
        return []
    lines = (line.strip() for line in ignore.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _ignored(relative: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if pattern.endswith("/"):
            if relative.startswith(pattern) or fnmatch.fnmatch(relative.split("/")[0] + "/", pattern):
                return True
        elif fnmatch.fnmatch(relative, pattern):
            return True
    return False


def iter_input_files(paths: list[Path]) -> list[Path]:
    """Files named directly, in the order given, and the supported files under each folder, in sorted order.

    A folder may hold a ``.dcsignore`` listing what a walk skips (a corpus keeps its sources and gold
    files beside its documents); hidden files and folders are always skipped. Files named directly
    are never skipped.
    """
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        patterns = _ignore_patterns(path)
        for candidate in sorted(path.rglob("*")):
            relative = candidate.relative_to(path).as_posix()
            # not only regular files: a pipe or a device named like a document is listed, so that it is
            # reported with its code (sha256_of_file refuses it unopened) rather than silently left out
            if (not candidate.is_dir() and candidate.suffix.lower() in SUPPORTED_SUFFIXES
                    and not any(part.startswith(".") for part in relative.split("/"))
                    and not _ignored(relative, patterns)):
                files.append(candidate)
    return files


def process_file(path: Path, extractor, limits: FileLimits = DEFAULT_LIMITS) -> DocumentResult:
    """Read, repair and extract one file within ``limits``. Input problems become a coded error, never an exception."""
    from councildocs.ingest.names import printable
    from councildocs.ingest.reader import read_document, sha256_of_file

    source = printable(str(path))  # shown and stored; the file is opened by its real name
    digest = None
    document = None
    stage = "reading"
    try:
        with within_limits(limits):
            digest = sha256_of_file(path, limits.max_bytes)
            document = read_document(path, sha256=digest, limits=limits)
            stage = "extracting"
            extraction = extractor.extract(document)
    except IngestError as err:
        return DocumentResult(source=source, sha256=digest, error_code=err.code, error_message=printable(err.message))
    except TimeLimitExceeded:
        return DocumentResult(
            source=source, sha256=digest, error_code=ErrorCode.TIMED_OUT,
            error_message=(
                f"{printable(path.name)} took more than {limits.seconds:g} seconds ({stage}) and was stopped. If it is a "
                "very long document, split it; if it is short, it is probably malformed: re-save it in a PDF viewer."
            ),
        )
    except Exception as err:
        if not out_of_memory(err):
            # a bug must not stop a batch; it is reported with its own code
            return DocumentResult(
                source=source, sha256=digest, document=document, error_code=ErrorCode.INTERNAL,
                error_message=printable(f"Unexpected failure while {stage} ({type(err).__name__}: {err}); please report this file."),
            )
        # a MemoryError wrapped by the library it happened in (pdfplumber's PdfminerException, raised from a
        # page's objects as well as from opening): the file is too large, however it surfaced
        return DocumentResult(
            source=source, sha256=digest, error_code=ErrorCode.TOO_LARGE,
            error_message=(
                f"{printable(path.name)} needed more than {(limits.memory_bytes or 0) / MiB:.0f} MiB of memory ({stage}) and was "
                "stopped: it holds an enormous stream or image. Re-save it in a PDF viewer, or extract the pages you need."
            ),
        )
    return DocumentResult(source=source, sha256=digest, document=document, extraction=extraction)
