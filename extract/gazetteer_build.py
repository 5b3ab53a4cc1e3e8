"""Build the project's compact gazetteer from mySociety's table of UK local authorities.

Run through ``dcs gazetteer build --source uk_local_authorities.csv``. The output is committed
(``extract/data/gazetteer.csv``) so nothing reads the source table at run time.
"""

from __future__ import annotations

import csv
from importlib import resources
from pathlib import Path

import re

GAZETTEER_COLUMNS = (
    "gss", "code", "name", "nice_name", "type", "type_name", "region", "nation",
    "population_2020", "current", "replaced_by_gss", "alt_names",
)

ATTRIBUTION = (
    "Derived from mySociety's UK local authority register "
    "(https://github.com/mysociety/uk_local_authority_names_and_codes), MIT licence, (c) 2021 mySociety."
)


def _split_alt_names(raw: str) -> list[str]:
    # mySociety separates alternative names with commas, but some names contain commas themselves
    # ("Armagh City, Banbridge and Craigavon"); keep only pieces that look like a name. A few pieces
    # are mis-encoded ("Sir Ynys Mï¿½n"): they match no real text, so they are dropped.
    pieces = [piece.strip() for piece in raw.split(",")]
    return [p for p in pieces if len(p) > 2 and not set(p.lower().split()) <= _GENERIC_WORDS and not _MIS_ENCODED.search(p)]


def short_forms() -> dict[str, list[str]]:
    """Names councils go by that the register lacks ("Herts", "Ynys Môn"), from the project's own
    curated table (extract/data/authority_short_forms.csv, each with its reason)."""
    forms: dict[str, list[str]] = {}
    with resources.files("councildocs.extract").joinpath("data/authority_short_forms.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            forms.setdefault(row["gss"], []).append(row["short_form"])
    return forms


# No council's name holds a replacement character or a Latin-1 symbol (U+00A0–U+00BF): "Cityï¾\xa0and".
_MIS_ENCODED = re.compile("[\ufffd\u00a0-\u00bf]")
# A piece made only of these ("city of", left by splitting "city of, kingston upon hull") names nothing.
_GENERIC_WORDS = {"city", "of", "the", "county", "borough", "council", "district", "and", "royal", "london", "boro"}


def build_gazetteer(source: Path, out: Path) -> int:
    """Write the compact table; returns the number of authorities written."""
    with source.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    gss_by_code = {row["local-authority-code"]: row["gss-code"] for row in rows}
    extra_names = short_forms()
    written = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(GAZETTEER_COLUMNS)
        for row in sorted(rows, key=lambda r: r["gss-code"]):
            if not row["gss-code"]:
                continue
            names = {row["official-name"], row["nice-name"], *_split_alt_names(row["alt-names"]),
                     *extra_names.get(row["gss-code"], [])}
            alt = sorted({n for n in names if n and n.lower() != row["official-name"].lower()}, key=lambda n: (n.lower(), n))
            # drop case-variants of the same name: matching is case-insensitive anyway
            seen: set[str] = set()
            alt = [n for n in alt if not (n.lower() in seen or seen.add(n.lower()))]
            pop = row["pop-2020"]
            writer.writerow([
                row["gss-code"], row["local-authority-code"], row["official-name"], row["nice-name"],
                row["local-authority-type"], row["local-authority-type-name"], row["region"], row["nation"],
                str(int(float(pop))) if pop else "", row["current-authority"] == "True",
                gss_by_code.get(row["replaced-by"], "") if row["replaced-by"] else "",
                "|".join(alt),
            ])
            written += 1
    return written
