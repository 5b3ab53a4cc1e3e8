"""corpus/real: real public documents with gold, their provenance and licence, split into a development
set and a frozen test set (corpus/real/README.md)."""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.kinds import FACT_KINDS_REGISTRY

REAL = Path(__file__).resolve().parents[2] / "corpus" / "real"
sys.path.insert(0, str(REAL))
from freeze_split import DOCUMENT_SUFFIXES, document_file  # noqa: E402
# CC0: a council team's repository that dedicates its own publications to the public domain (more open than the OGL)
OPEN_LICENCES = {"OGL-3.0", "OPL-3.0", "CC0-1.0"}
# Publishers whose text the project may commit: UK councils, UK and devolved government, Parliament.
OPEN_DOMAINS = (".gov.uk", ".gov.wales", ".gov.scot", ".llyw.cymru", "parliament.uk", "gov.wales", "gov.scot",
                # councils' own committee sites run on modern.gov ("westsussex.moderngov.co.uk")
                ".moderngov.co.uk",
                # and on Civica CMIS ("moray.cmis.uk.com")
                ".cmis.uk.com",
                # combined authorities (local government bodies of their constituent councils) on their own domains
                "governance.wmca.org.uk", "moderngov.merseytravel.uk.net")
# Public repositories that hold public bodies' own published PDFs byte for byte: Trafford Council's data
# lab (its READMEs give OGL v3.0), Gloucester City Council's own repository, and data-to-insight's copies
# of Ofsted inspection reports (each report states the OGL), and a developer's test fixtures that are
# Kingston Council committee reports byte for byte (a council's publication, OGL), and Democracy Club's
# copies of councils' statutory election notices and polling-station papers. The URL pins the commit.
OPEN_REPOSITORIES = ("https://github.com/DemocracyClub/UK-Polling-Stations/blob/",
                     "https://github.com/DemocracyClub/yournextrepresentative/blob/",
                     "https://github.com/traffordDataLab/council_open_data/blob/",
                     "https://github.com/traffordDataLab/info/blob/",
                     # the Data Lab's short articles on Trafford's statistics (each README gives its data's OGL)
                     "https://github.com/traffordDataLab/charticles/blob/",
                     "https://github.com/aifgi/council_cycle/blob/",
                     "https://github.com/Gloucester-City-Council/",
                     "https://github.com/OxfordCityCouncil/",  # the council's own repository
                     # Blackburn with Darwen Council's public health team's JSNA book (CC0, stated by the repository)
                     "https://github.com/bwd-ph/jsnabook/blob/",
                     # the source of West Sussex County Council's JSNA site (jsna.westsussex.gov.uk), run by its
                     # public health unit: the council's own publications
                     "https://github.com/WS-JSNA/ws-jsna.github.io/blob/",
                     "https://github.com/WS-JSNA/ws-jsna-netlify/blob/",
                     "https://github.com/data-to-insight/ofsted-ilacs-scrape-tool/blob/",
                     "https://github.com/data-to-insight/ofsted-send-scrape-tool/blob/")
# Reserved for independent evaluation (corpus/real/README.md).
RESERVED_DOMAINS = ("kent.gov.uk",)


def manifest() -> list[dict]:
    with (REAL / "sources.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_every_document_has_gold_provenance_and_an_open_licence():
    rows = manifest()
    stems = [r["stem"] for r in rows]
    assert len(stems) == len(set(stems)), "a stem is listed twice"
    urls = [r["url"] for r in rows]
    assert len(urls) == len(set(urls)), "a source is listed twice"
    on_disk = {(p.parent.parent.name, p.stem) for p in REAL.glob("*/docs/*") if p.suffix in DOCUMENT_SUFFIXES}
    assert on_disk == {(r["split"], r["stem"]) for r in rows}
    # the same file under two addresses (a PDF copied into two repositories) is one document: the warehouse keeps
    # it once, and scoring it twice would count its facts twice
    digests = {}
    for path in REAL.glob("*/docs/*"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest not in digests, f"{path.name} repeats {digests[digest]}"
        digests[digest] = path.name
    for row in rows:
        host = urlparse(row["url"]).hostname or ""
        assert row["licence"] in OPEN_LICENCES, row
        assert host.endswith(OPEN_DOMAINS) or f".{host}".endswith(OPEN_DOMAINS) or row["url"].startswith(OPEN_REPOSITORIES), row
        assert not host.endswith(RESERVED_DOMAINS), row
        assert row["publisher"].strip() and row["published"].strip(), row
        assert (REAL / row["split"] / "gold" / f"{row['stem']}.json").is_file(), row


def test_the_corpus_is_as_broad_as_issue_12_asks():
    rows = manifest()
    negatives = [r for r in rows if r["negative"] == "true"]
    assert len(rows) - len(negatives) >= 80 and len(negatives) >= 20
    assert {r["nation"] for r in rows} >= {"England", "Wales", "Scotland"}
    assert sum(r["split"] == "test" for r in rows) >= 25


@pytest.mark.parametrize("row", manifest(), ids=lambda r: r["stem"])
def test_gold_file_keeps_the_gold_format(row):
    document = document_file(REAL / row["split"] / "docs", row["stem"])
    assert document is not None and document.stat().st_size > 0
    if document.suffix == ".txt":
        assert document.read_text(encoding="utf-8").strip()
    gold = json.loads((REAL / row["split"] / "gold" / f"{row['stem']}.json").read_text(encoding="utf-8"))
    gazetteer = load_gazetteer()

    def codes(value):
        return [c for c in (value if isinstance(value, list) else [value]) if c not in (None, "*")]

    for gss in codes(gold.get("authorities", [])) + codes(gold.get("authorities_optional", [])):
        assert gss in gazetteer.by_gss and gazetteer.by_gss[gss].current, gss
    for fact in gold["facts"]:
        kind = FACT_KINDS_REGISTRY[fact["kind"]]
        for name, value in fact.items():
            if name in {"kind", "optional", "evidence_hint"}:
                continue
            assert name in kind.field_names, (fact, name)
            # a gold field may list acceptable values (docs/gold-format.md); `authorities` is a list itself
            for option in (value if name != "authorities" and isinstance(value, list) else [value]):
                kind.check(name, option)
        for gss in codes(fact.get("authorities", [])) + codes(fact.get("authority")):
            assert gss in gazetteer.by_gss, gss
