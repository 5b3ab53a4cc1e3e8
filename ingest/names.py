"""File names as text that every consumer accepts.

On Linux a file name is bytes, and Python hands names that are not UTF-8 over as strings holding
lone surrogates (PEP 383). Such a string cannot be stored by DuckDB, written to a strict UTF-8
stream or put in JSON for another program, so one odd name would stop a whole batch. Wherever a
name is *shown or stored* (a document's ``source``, an error message) it goes through
:func:`printable`: every byte that is not part of valid UTF-8 is written as ``\\xNN`` (the two hex
digits of the byte), everything else is unchanged. The file itself is still opened by its real name.
"""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` with undecodable file-name bytes written as ``\\xNN``; unchanged when it is valid already."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")  # the name's original bytes
    except UnicodeEncodeError:  # a surrogate that did not come from a file name: escape it as it is
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")
