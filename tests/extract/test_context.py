"""Which council a figure belongs to: named in its sentence, or the one the text is about there."""

from __future__ import annotations


def _facts(extraction, kind):
    return [f.fields for f in extraction.facts if f.kind == kind]


def test_a_figure_belongs_to_the_council_the_passage_is_about(extract_text):
    text = ("Norfolk confirms its children’s director\nNorfolk County Council has confirmed Tessa Grimwood. She leads "
            "services for a county of just over 900,000 people.\nSandwell appoints\nSandwell Metropolitan Borough Council "
            "has appointed Rhys Penhaligon. The borough has some 341,000 residents.")
    by_value = {p["value"]: p["authority"] for p in _facts(extract_text(text), "population")}
    assert by_value == {900000: "E10000020", 341000: "E08000028"}


def test_the_county_council_is_the_county_among_the_documents_councils(extract_text):
    text = ("Nottingham City Council and Nottinghamshire County Council will share a director. Nottingham City Council "
            "serves some 323,000 residents. The county council, which serves approximately 830,000 people, agreed.")
    by_value = {p["value"]: p["authority"] for p in _facts(extract_text(text), "population")}
    assert by_value == {323000: "E06000018", 830000: "E10000024"}


def test_career_history_does_not_move_the_scope(extract_text):
    text = ("Redcar and Cleveland Borough Council has appointed Jo Hollings as Director of Children's Services. She joins from Gateshead Council, where she "
            "has been service director. The post was advertised at £118,935 - £131,472.")
    salary = _facts(extract_text(text), "salary")[0]
    assert salary["authorities"] == ["E06000003"]


def test_place_names_inside_other_places_are_not_councils(extract_text):
    text = "Redcar and Cleveland stretches from Teesside to the North York Moors."
    assert [a.gss for a in extract_text(text).authorities] == ["E06000003"]


def test_a_region_written_with_a_hyphen_is_not_its_county_council(extract_text):
    text = ("The Mid-Kent Improvement Partnership was formed in 2008 and involves Maidstone Borough Council, Swale "
            "Borough Council and Tunbridge Wells Borough Council. It is a partnership agreement for residents across Mid-Kent.")
    extraction = extract_text(text)
    assert {a.gss for a in extraction.authorities} == {"E07000110", "E07000113", "E07000116"}
    assert [p["authorities"] for p in _facts(extraction, "partnership")] == [["E07000110", "E07000113", "E07000116"]]


def test_an_abolished_county_with_no_single_successor_names_no_council(extract_text):
    text = ("West Northamptonshire Council and North Northamptonshire Council own Northamptonshire Children’s Trust, "
            "a company the two councils jointly own.")
    extraction = extract_text(text)
    assert {a.gss for a in extraction.authorities} == {"E06000061", "E06000062"}
    assert _facts(extraction, "partnership")[0]["authorities"] == ["E06000061", "E06000062"]


def test_a_name_wrapped_across_lines_is_one_council(extract_text):
    text = "The councils propose one Director of Adult Social Services for North Lincolnshire and North East\nLincolnshire."
    assert {a.gss for a in extract_text(text).authorities} == {"E06000012", "E06000013"}


def test_todays_single_council_post_is_not_the_shared_one_proposed(extract_text):
    text = ("Melton Borough Council and Harborough District Council propose to share a Chief Executive. "
            "Harborough’s current Chief Executive is paid on a scale of £118,000 to £124,200.")
    salary = _facts(extract_text(text), "salary")[0]
    assert salary["authorities"] == ["E07000131"]


def test_who_has_been_elsewhere_is_career_history(extract_text):
    text = ("Lancashire County Council has confirmed Daniel Ferreira as its next director of children’s services. "
            "Mr Ferreira, who has been director of children’s services at Blackpool Council since 2020, starts in June. "
            "The post was advertised at £172,500 - £185,000.")
    assert _facts(extract_text(text), "salary")[0]["authorities"] == ["E10000017"]


def test_the_borough_is_the_one_council_a_document_is_about(extract_text):
    text = ("Tameside Council has named a new director.\nA borough under pressure\nThe borough is home to around "
            "231,000 people. Child poverty in Tameside at 33.1 per cent after housing costs, against 29 per cent across "
            "England. Darlington (population 108,000) is smaller.")
    extraction = extract_text(text)
    populations = {p["value"]: p["authority"] for p in _facts(extraction, "population")}
    assert populations == {231000: "E08000008", 108000: "E06000005"}
    assert _facts(extraction, "poverty_rate") == [
        {"authority": "E08000008", "percent": 33.1, "group": "children", "comparator": {"area": "England", "percent": 29.0}}]
