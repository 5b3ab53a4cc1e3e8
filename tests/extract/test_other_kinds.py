def _facts(extraction, kind):
    return [f.fields for f in extraction.facts if f.kind == kind]


def test_population_with_under_18_share(extract_text):
    text = "Wandsworth is a young borough, with 60,000 out of its 324,000 residents being under 18."
    pops = sorted(_facts(extract_text(text), "population"), key=lambda f: f["value"])
    assert pops == [
        {"authority": "E09000032", "value": 60000, "qualifier": "exact", "group": "under_18"},
        {"authority": "E09000032", "value": 324000, "qualifier": "exact", "group": "all"},
    ]


def test_population_qualifiers(extract_text):
    over = _facts(extract_text("Birmingham City Council serves a city with a population of over 1 million."), "population")
    about = _facts(extract_text("Kent County Council serves approximately 1.6 million residents."), "population")
    assert over == [{"authority": "E08000025", "value": 1000000, "qualifier": "over", "group": "all"}]
    assert about == [{"authority": "E10000016", "value": 1600000, "qualifier": "about", "group": "all"}]


def test_staff_homes_and_schools_are_not_populations(extract_text):
    text = ("Wandsworth Council employs 4,500 staff. The scheme will include 20,000 new homes "
            "and the council retains 34,000 housing units.")
    assert _facts(extract_text(text), "population") == []


def test_child_poverty_with_england_comparator(extract_text):
    text = "In Birmingham some 32.4% of children are living in poverty (against an England average of 20%)."
    assert _facts(extract_text(text), "poverty_rate") == [
        {"authority": "E08000025", "percent": 32.4, "group": "children", "comparator": {"area": "England", "percent": 20.0}}
    ]


def test_percentages_that_are_not_poverty(extract_text):
    text = "Wandsworth schools perform well, with 93% good or outstanding, of which 40% are outstanding."
    assert _facts(extract_text(text), "poverty_rate") == []


def test_shared_posts_listed_after_we_share(extract_text):
    text = ("Cambridgeshire County Council and Peterborough City Council work together. "
            "We share a Chief Executive, Director of Public Health and the Executive Director of Children, "
            "Family and Adult Services.")
    posts = _facts(extract_text(text), "shared_post")
    assert [p["role_category"] for p in posts] == ["chief_executive", "dph", "dcs_dass"]
    assert all(p["status"] == "current" and p["authorities"] == ["E06000031", "E10000003"] for p in posts)


def test_proposed_shared_service_director(extract_text):
    text = "The proposal is to create one Service Director, Education for Cambridgeshire and Peterborough."
    posts = _facts(extract_text(text), "shared_post")
    assert posts == [{"authorities": ["E06000031", "E10000003"], "post": "Service Director, Education",
                      "role_category": "service_director", "status": "proposed"}]


def test_abbreviations_resolve_to_their_councils(extract_text):
    text = ("Cambridgeshire County Council and Peterborough City Council share services. "
            "CCC and PCC have different governance arrangements. CCC uses committees.")
    extraction = extract_text(text)
    assert [a.gss for a in extraction.authorities] == ["E10000003", "E06000031"]


def test_tri_borough_partnership(extract_text):
    text = ("The London boroughs of Hammersmith and Fulham, Kensington and Chelsea, and Westminster work closely "
            "together: this is known as the 'Tri-Borough partnership'.")
    parts = _facts(extract_text(text), "partnership")
    assert parts == [{"authorities": ["E09000013", "E09000020", "E09000033"], "name": "Tri-Borough partnership",
                      "status": "current"}]


def test_a_councils_own_partnership_is_not_between_councils(extract_text):
    text = "Peterborough City Council and Cambridgeshire County Council both fund the Safer Peterborough Partnership."
    assert _facts(extract_text(text), "partnership") == []


def test_people_with_roles_and_status(extractor):
    from councildocs.extract.assemble import extraction_from_doc
    from councildocs.ingest.models import RepairedDocument

    text = ("The council's Chief Executive Jane Okafor, who has been in post since 2019, welcomed the news. "
            "The role is available because of the retirement of the current Director of Children's Services "
            "at Leeds City Council, Tom Hartley. Cllr Priya Nair, Leader of Leeds City Council, said the city was ready.")
    doc = RepairedDocument(source="t", sha256="0", media_type="text", pages=1, raw_text=text, text=text)
    people = {f["name"]: f for f in _facts(extraction_from_doc(extractor.nlp(text), doc), "person")}
    assert set(people) == {"Jane Okafor", "Tom Hartley", "Priya Nair"}
    assert people["Jane Okafor"]["role_category"] == "chief_executive"
    assert people["Tom Hartley"]["status"] == "outgoing"
    assert people["Tom Hartley"]["role_category"] == "dcs"
    assert people["Priya Nair"]["role"].startswith("Leader of Leeds")


def test_every_fact_has_evidence_that_is_the_text_slice(extract_text):
    text = ("Kent County Council is recruiting a Director of Adult Social Services on £125,000 to £140,000 per annum.\n\n"
            "Kent serves approximately 1.6 million residents, and 17.2% of children live in poverty.")
    extraction = extract_text(text)
    assert {f.kind for f in extraction.facts} == {"salary", "population", "poverty_rate"}
    for fact in extraction.facts:
        assert text[fact.evidence.start:fact.evidence.end] == fact.evidence.text
        assert 0 < fact.confidence <= 1


def test_populations_with_elided_nouns_and_shares_of_them(extract_text):
    text = ("Westminster City Council has some 205,000 residents and Kensington and Chelsea about 144,000. "
            "Peterborough is a young city of some 215,000 residents, around 52,000 of whom are under 18.")
    pops = {(f["authority"], f["group"], f["value"], f["qualifier"]) for f in _facts(extract_text(text), "population")}
    assert pops == {("E09000033", "all", 205000, "about"), ("E09000020", "all", 144000, "about"),
                    ("E06000031", "all", 215000, "about"), ("E06000031", "under_18", 52000, "about")}


def test_low_income_households_with_comparator_after_the_figure(extract_text):
    text = "Around 15.2% of Devon’s children live in relative low-income families, compared with 19.9% for England as a whole."
    assert _facts(extract_text(text), "poverty_rate") == [
        {"authority": "E10000008", "percent": 15.2, "group": "children", "comparator": {"area": "England", "percent": 19.9}}
    ]


def test_short_names_read_as_the_authority_the_document_names_in_full(extract_text):
    # "Kingston" could be Kingston upon Thames or Kingston upon Hull; the full name decides
    text = ("The Royal Borough of Kingston upon Thames and the London Borough of Richmond upon Thames share a "
            "director. Kingston has around 168,000 residents.")
    extraction = extract_text(text)
    assert {a.gss for a in extraction.authorities} == {"E09000021", "E09000027"}
    assert _facts(extraction, "population")[0]["authority"] == "E09000021"
    hull = extract_text("Kingston upon Hull City Council is recruiting. Kingston has around 267,000 residents.")
    assert _facts(hull, "population")[0]["authority"] == "E06000010"
    # "-on-" names too, and a short form alone is not enough to name a council
    stockton = extract_text("Stockton-on-Tees Borough Council is recruiting. Stockton is home to just under 200,000 people.")
    assert _facts(stockton, "population") == [{"authority": "E06000004", "value": 200000, "qualifier": "under", "group": "all"}]
    assert extract_text("We met in Stratford and Kingston last week.").authorities == []


def test_names_wrapped_across_a_line(extractor):
    from councildocs.extract.assemble import extraction_from_doc
    from councildocs.ingest.models import RepairedDocument

    text = "The plan was welcomed by Cllr Tobias\nFairweather, Leader of Wandsworth Council, who called it overdue."
    doc = RepairedDocument(source="t", sha256="0", media_type="text", pages=1, raw_text=text, text=text)
    people = _facts(extraction_from_doc(extractor.nlp(text), doc), "person")
    assert [p["name"] for p in people] == ["Tobias Fairweather"]
    assert people[0]["role"] == "Leader of Wandsworth Council"


def test_arrangements_named_by_their_noun_with_the_councils_listed(extract_text):
    text = ("Manchester City Council is recruiting. It is a partner in Adoption Counts, the regional adoption agency it "
            "runs with Salford, Trafford, Stockport and Cheshire East councils.")
    parts = _facts(extract_text(text), "partnership")
    assert [p["name"] for p in parts] == ["Adoption Counts"]
    assert parts[0]["authorities"] == sorted(["E08000003", "E08000006", "E08000009", "E08000007", "E06000049"])


def test_between_names_exactly_the_councils_of_an_arrangement(extract_text):
    text = ("Richmond also co-owns a company with Kingston upon Thames, and it has a shared Chief Executive with "
            "Wandsworth under the shared staffing arrangement between Richmond upon Thames and Wandsworth councils.")
    parts = _facts(extract_text(text), "partnership")
    assert {"authorities": ["E09000027", "E09000032"], "name": "shared staffing arrangement", "status": "current"} in parts


def test_a_bare_arrangement_refers_back_and_is_not_a_new_one(extract_text):
    text = "Stockton-on-Tees Borough Council also shares a Director of Public Health with Hartlepool Borough Council — an arrangement that began in 2019."
    extraction = extract_text(text)
    assert _facts(extraction, "partnership") == []
    assert [p["role_category"] for p in _facts(extraction, "shared_post")] == ["dph"]


def test_the_tense_of_share_gives_the_status(extract_text):
    text = ("West Northamptonshire Council (WNC) and North Northamptonshire Council (NNC) were created in 2021. "
            "For their first two years WNC and NNC shared a joint Director of Children’s Services. "
            "From April the two councils will share an Executive Director of People who will be the statutory "
            "Director of Children's Services and Director of Adult Social Services in both areas.")
    posts = {(p["role_category"], p["status"]) for p in _facts(extract_text(text), "shared_post")}
    assert posts == {("dcs", "former"), ("dcs_dass", "proposed")}


def test_the_two_councils_are_the_two_just_named(extract_text):
    text = ("Since 2016 Wandsworth has run a shared staffing arrangement with the London Borough of Richmond upon Thames. "
            "The two councils employ a single workforce and have a shared Chief Executive.")
    posts = _facts(extract_text(text), "shared_post")
    assert [(p["authorities"], p["role_category"]) for p in posts] == [(["E09000027", "E09000032"], "chief_executive")]


def test_the_same_measure_for_a_second_council(extract_text):
    text = ("In Brent 34% of children live in poverty, against an England average of 20%; in Harrow the figure is 21.9%. "
            "Overall, 31% of all Hackney residents are in poverty.")
    rates = {(r["authority"], r["percent"], r["group"]) for r in _facts(extract_text(text), "poverty_rate")}
    assert rates == {("E09000005", 34.0, "children"), ("E09000015", 21.9, "children"), ("E09000012", 31.0, "all")}


def test_people_framed_by_the_words_around_them(extractor):
    from councildocs.extract.assemble import extraction_from_doc
    from councildocs.ingest.models import RepairedDocument

    text = ("Rutland County Council is recruiting an Executive Director – Children, Families and Adults. Since January "
            "the role has been covered on an interim basis by Simon Achebe. Reporting to the Service Director for "
            "Children’s Social Care, Tamsin Okwuosa, you will lead safeguarding. Call Hollie Brannigan, our recruiter, "
            "on 0113 496 0381. The interviews are at Barking Town Hall.")
    doc = RepairedDocument(source="t", sha256="0", media_type="text", pages=1, raw_text=text, text=text)
    people = {p["name"]: p for p in _facts(extraction_from_doc(extractor.nlp(text), doc), "person")}
    assert set(people) == {"Simon Achebe", "Tamsin Okwuosa", "Hollie Brannigan"}
    assert people["Simon Achebe"]["role_category"] == "dcs_dass"
    assert people["Tamsin Okwuosa"]["role_category"] == "service_director"
