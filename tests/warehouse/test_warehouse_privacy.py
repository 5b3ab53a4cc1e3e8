from __future__ import annotations

import json

import polars as pl
import pytest

from councildocs.warehouse.privacy import MASK, mask_contacts, mask_json, mask_series


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("Contact jo.bloggs@wandsworth.gov.uk today", "jo.bloggs@wandsworth.gov.uk"),
        ("Email: J.Smith+dcs@camden.gov.uk.", "J.Smith+dcs@camden.gov.uk"),
        ("Call 020 7946 0123 today", "020 7946 0123"),
        ("Call (01223) 123456", "(01223) 123456"),
        ("Call 01223 123456.", "01223 123456"),
        ("Call +44 (0)20 7946 0123", "+44 (0)20 7946 0123"),
        ("Call +44 20 7946 0123", "+44 20 7946 0123"),
        ("Mobile 07700 900123", "07700 900123"),
        ("Freephone 0800 123 4567", "0800 123 4567"),
        ("tel: 0300-123-4567", "0300-123-4567"),
        # the disguises people use (issue 15)
        ("Write to john dot smith at council dot gov dot uk today", "john dot smith at council dot gov dot uk"),
        ("Email j.smith [at] leeds.gov.uk.", "j.smith [at] leeds.gov.uk"),
        ("Email j.smith(at)leeds(dot)gov(dot)uk now", "j.smith(at)leeds(dot)gov(dot)uk"),
        ("Email jo @ camden.gov.uk now", "jo @ camden.gov.uk"),
        ("Email jo\uff20camden.gov.uk now", "jo\uff20camden.gov.uk"),
        ("Call 020.7946.0000 now", "020.7946.0000"),
        ("Call 0 7700 900 123 now", "0 7700 900 123"),
        ("Call 0044 20 7946 0000 now", "0044 20 7946 0000"),
    ],
)
def test_contacts_are_masked_in_place(text: str, contact: str):
    masked = mask_contacts(text)
    start = text.index(contact)
    assert len(masked) == len(text)  # evidence offsets into the text stay valid
    assert masked[:start] == text[:start]
    assert masked[start + len(contact):] == text[start + len(contact):]
    assert set(masked[start:start + len(contact)]) <= {MASK, " "}


@pytest.mark.parametrize(
    "text",
    [
        "The salary range is between £113,205 and £138,362.",
        "The meeting starts at 10.30 @ 5.00 per head",
        "Meet at County Hall. The chair will look at the council dot com pages.",
        "A rate of 0.25 per cent on 0.5 million",
        "a population of 1,100,000 (2021)",
        "Published 12/03/2024 for 2024/25",
        "E09000032 and E10000003",
        "32.4% of children, 0.5% of staff",
        "£9million budget, ref 0123456",
        "",
    ],
)
def test_figures_codes_and_dates_are_left_alone(text: str):
    assert mask_contacts(text) == text


def test_masking_keeps_the_spaces_of_a_phone_number():
    assert mask_contacts("on 020 7946 0123.") == f"on {MASK * 3} {MASK * 4} {MASK * 4}."


def test_a_series_is_masked_as_each_of_its_texts(corpus_dir):
    """The vectorised pre-test never skips a text that holds a contact."""
    texts = [
        "Contact jo.bloggs@wandsworth.gov.uk today", "Call 020 7946 0123 today", "Call (01223) 123456",
        "Call +44 (0)20 7946 0123", "Call +44 20 7946 0123", "tel: 0300-123-4567", "line one\n01223 123456",
        "01223 123456 at the start", "£113,205 and £138,362", "ref 0123456", None, "",
    ]
    # and every line of the corpus sources, which are full of recruiters' contact details
    for source in sorted((corpus_dir / "sources").glob("*.txt")):
        texts.extend(source.read_text(encoding="utf-8").splitlines())
    series = pl.Series("text", texts, dtype=pl.String)
    expected = [None if t is None else mask_contacts(t) for t in texts]
    assert mask_series(series).to_list() == expected
    assert sum(a != b for a, b in zip(texts, expected)) >= 10
    assert mask_series(pl.Series("text", [], dtype=pl.String)).to_list() == []


def test_json_is_masked_inside_its_strings():
    masked = json.loads(mask_json('{"role": "call 020 7946 0123", "min_gbp": 20794601230, "list": ["a@b.co.uk"]}'))
    assert masked["role"] == f"call {MASK * 3} {MASK * 4} {MASK * 4}"
    assert masked["min_gbp"] == 20794601230
    assert masked["list"] == [MASK * 9]


def test_a_file_named_after_a_person_is_masked_wherever_its_name_is_shown(tmp_path):
    from councildocs.warehouse import queries
    from councildocs.warehouse.export import export_warehouse
    from councildocs.warehouse.store import Warehouse
    from councildocs.warehouse.testing import ok_result, salary_fact

    source = "cvs/jo.bloggs@council.gov.uk CV.txt"
    text = "Jo Bloggs applied for the DCS post at Wandsworth, paid £150,000."
    db = tmp_path / "w.duckdb"
    with Warehouse(db) as wh:
        wh.store(ok_result(source, text, [salary_fact(text, "£150,000", ["E09000032"], 150000, 150000)],
                           [("E09000032", "Wandsworth")]))
    shown = [*queries.documents(db)["source"], *queries.salary_ranges(db)["source"],
             *queries.salary_benchmark(db).rows["source"]]
    fact_id = queries.salary_ranges(db)["fact_id"][0]
    shown.append(queries.fact_evidence(db, fact_id).source)
    (comparison,) = queries.compare_authorities(db, ["E09000032"])
    shown += comparison.salaries["source"].to_list()
    export_warehouse(db, tmp_path / "out", "csv")
    shown.append((tmp_path / "out" / "documents.csv").read_text(encoding="utf-8"))
    assert len(shown) >= 6
    for value in shown:
        assert "jo.bloggs@council.gov.uk" not in value and "CV.txt" in value, value
