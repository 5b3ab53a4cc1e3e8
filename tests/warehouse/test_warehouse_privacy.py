from __future__ import annotations

import pytest

from councildocs.warehouse.privacy import MASK, mask_contacts


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
