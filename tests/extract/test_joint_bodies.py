"""Joint bodies known by name (extract/data/joint_bodies.csv): members a sentence does not list."""

from __future__ import annotations

import pytest

from councildocs.extract.gazetteer import load_gazetteer
from councildocs.extract.joint_bodies import load_joint_bodies


def _partnerships(extraction):
    return [f.fields for f in extraction.facts if f.kind == "partnership"]


def test_every_body_is_two_or_more_current_authorities_named_once():
    gazetteer = load_gazetteer()
    bodies = load_joint_bodies()
    names = [name.lower() for body in bodies for name in body.names]
    assert len(names) == len(set(names)), "a name or alias is listed for two bodies"
    for body in bodies:
        assert len(body.members) >= 2, body.name
        assert all(gazetteer.get(gss) is not None and gazetteer.get(gss).current for gss in body.members), body.name
        assert body.source, f"{body.name}: say what sets the body up"


@pytest.mark.parametrize("text,name,count", [
    # b44_gwynedd_north_wales_cjc_chair_2022: the committee's councils are named nowhere in the agenda
    ("To elect Cllr Dyfrig Siencyn as Chair of the North Wales Corporate Joint Committee.",
     "North Wales Corporate Joint Committee", 6),
    ("GwE was established by agreement between the six local authorities in North Wales in February 2013.", "GwE", 6),
    ("Publica Group was formed in November 2017 from four partner councils.", "Publica", 4),
    ("The Cardiff Capital Region City Deal (CCRCD) partnership brought together the 10 authorities across South East Wales.",
     "South East Wales Corporate Joint Committee", 10),
])
def test_a_named_body_is_a_partnership_of_all_its_members(extract_text, text, name, count):
    found = _partnerships(extract_text(text))
    assert [(f["name"], len(f["authorities"])) for f in found] == [(name, count)]


@pytest.mark.parametrize("text", [
    # a region's name is a place, not an arrangement; "AfC" in a pay paper is Agenda for Change
    "Bridgend is one of the largest towns in the Cardiff Capital Region.",
    "Staff on Agenda for Change (AfC) pay bands transfer with their terms unchanged.",
    "Wales's regional economic partnerships: a publication of the Welsh Government.",
])
def test_a_place_or_an_abbreviation_that_means_something_else_is_no_body(extract_text, text):
    assert _partnerships(extract_text(text)) == []
