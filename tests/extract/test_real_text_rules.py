"""Rules issue 12 asked for, each on sentences as real council papers write them (corpus/real/dev)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REAL_DEV = Path(__file__).resolve().parents[2] / "corpus" / "real" / "dev" / "docs"


def _kind(extraction, kind):
    return [{k: v for k, v in f.fields.items()} for f in extraction.facts if f.kind == kind]


@pytest.mark.parametrize("text,expected", [
    ("Wirral Council has raised the salary for the Director of Children's Services by £40,000 to £155,000 per annum.", [(155000, 155000)]),
    ("Manchester City Council confirmed the Strategic Director's grade at SS5 with a salary range of £135,976 to £155,898.", [(135976, 155898)]),
    ("Barking and Dagenham Council corrected an error in the stated salary of the Director of Adult Social Care, "
     "from £89,763 to £91,558.", [(91558, 91558)]),
    ("Salford City Council revised the salary of the Director of Children's Services from £120,000 to £128,000.", [(128000, 128000)]),
])
def test_a_change_gives_the_figure_it_reached_and_a_range_stays_a_range(extract_text, text, expected):
    assert [(f["min_gbp"], f["max_gbp"]) for f in _kind(extract_text(text), "salary")] == expected


@pytest.mark.parametrize("text", [
    # a figure no post is named for says nothing to compare, though its sentence calls it pay
    "Redcar and Cleveland Borough Council has appointed Jo Hollings. The post was advertised at £118,935 - £131,472.",
    "Leeds City Council will publish all salaries in excess of £100,000 per annum.",
    "Leeds City Council will publish the salary of every post paid £50,000 and upwards.",
    "Cardiff Council agreed cuts of £0.4m to the staffing budget for the Director of Education.",
    "Bristol City Council pays the real living wage of £12.60 per hour to every employee.",
    "Devon County Council approved a market supplement of up to £20,000 for the Director of Children's Services.",
    # b59 and b93 development parts: a payment in lieu of notice, and a proposal's costing
    "South Somerset District Council resolved that a sum of £42,124.87 be paid to East Devon District Council in lieu "
    "of 12 months formal notice of termination of the joint chief executive arrangement.",
    "Cheltenham Borough Council. Asked about the interim S151 Officer arrangements, the Cabinet Member reported that "
    "GO Shared Services have costed the implications of the proposal at £30k per annum.",
])
def test_thresholds_budgets_hourly_rates_and_supplements_are_not_pay(extract_text, text):
    assert _kind(extract_text(text), "salary") == []


@pytest.mark.parametrize("text", [
    "Government guidance says councils should have a population of 500,000 or more.",
    "Fife Council recorded 41 incidents per 10,000 people last year.",
])
def test_thresholds_and_rate_bases_are_not_populations(extract_text, text):
    assert _kind(extract_text(text), "population") == []


def test_a_census_table_row_is_a_population(extract_text):
    text = ("Usual resident population by local authority\nAll ages\nGwynedd117,393\nConwy114,741\n"
            "Mid and South West WalesPowys133,174\n")
    assert {(f["authority"], f["value"]) for f in _kind(extract_text(text), "population")} == {
        ("W06000002", 117393), ("W06000003", 114741), ("W06000023", 133174)}


def test_poverty_rates_in_the_shapes_reports_write_them(extract_text):
    text = ("Dundee City Council: latest figures show a child poverty rate of 28.2% for the city, against a "
            "target of reducing it to 10% by 2030. In Scotland, 24% of children live in poverty.")
    rates = {(f["authority"], f["percent"]) for f in _kind(extract_text(text), "poverty_rate")}
    # Scotland's 24% is the nation's rate, not a council's: context, not a fact
    assert rates == {("S12000042", 28.2)}


def test_minutes_name_people_by_initials_and_in_lists(extract_text):
    text = ("Present: Dr I Cockburn, Mr R Greene and Mrs L Macdonald.\n\nApologies were received from Cllrs Paul "
            "Hodgkinson, Paul McLain and Lesley Williams. Councillor D. De’Ath was appointed Vice-Chairman.")
    names = {f["name"] for f in _kind(extract_text(text), "person")}
    assert names == {"I Cockburn", "R Greene", "L Macdonald", "Paul Hodgkinson", "Paul McLain", "Lesley Williams", "D. De’Ath"}


def test_report_boilerplate_is_not_a_person(extract_text):
    text = "Report author: David Scott\nPublication date: 3 March 2025\nTo add a new role within the Members Allowances Scheme."
    assert {f["name"] for f in _kind(extract_text(text), "person")} <= {"David Scott"}


def test_a_councils_own_paper_is_about_that_council(extractor):
    """The Brighton & Hove paper never names the council: its publisher does (corpus/real/sources.csv)."""
    from councildocs.ingest.reader import read_document

    document = read_document(REAL_DEV / "b1_brighton_hove_chief_executive_appointment.txt")
    salaries = [f.fields for f in extractor.extract(document).facts if f.kind == "salary"]
    assert [(s["authorities"], s["min_gbp"]) for s in salaries] == [(["E06000043"], 190000)]


def test_a_proposed_shared_post_is_proposed_in_its_heading_too(extract_text):
    text = ("Shared Chief Executive Arrangements Between Peterborough City Council and Cambridgeshire County Council\n\n"
            "The report sets out the proposal that Peterborough City Council enters into an agreement with "
            "Cambridgeshire County Council for a shared Chief Executive.")
    posts = {(tuple(f["authorities"]), f["status"]) for f in _kind(extract_text(text), "shared_post")}
    assert posts == {(("E06000031", "E10000003"), "proposed")}


def test_pay_table_rows_are_each_their_own_post(extract_text):
    text = ("Eden District Council senior salaries\nChief Executive £110,000 to £114,999\n"
            "Assistant Director Delivery £50,000 to £54,999\nAssistant Director Communities £50,000 to £54,999\n"
            "The pay multiple between the lowest paid employee £17,842 and the highest paid employee is 1:6.3.")
    rows = {(f["role"], f["min_gbp"]) for f in _kind(extract_text(text), "salary")}
    assert rows == {("Chief Executive", 110000), ("Assistant Director Delivery", 50000),
                    ("Assistant Director Communities", 50000)}


def test_an_elided_pair_of_councils_names_both(extract_text):
    text = "North and North East Lincolnshire Councils propose a joint Director of Public Health."
    posts = [f["authorities"] for f in _kind(extract_text(text), "shared_post")]
    assert posts == [["E06000012", "E06000013"]]


@pytest.mark.parametrize("text", [
    "Conwy County Borough Council: a net migration gain of 6,550 people over the year.",
    "Across Northern Lincolnshire the service reaches 20,000 residents.",
])
def test_changes_and_regions_are_not_a_councils_population(extract_text, text):
    assert [f for f in _kind(extract_text(text), "population") if f["authority"] == "E10000019" or f["value"] == 6550] == []


def test_working_together_is_not_a_partnership(extract_text):
    text = "Stirling Council and Clackmannanshire Council have been working together closely for years."
    assert _kind(extract_text(text), "partnership") == []


def test_a_contract_value_per_year_is_not_pay(extract_text):
    text = ("Herefordshire Council: Resolved that the director for adults and wellbeing enter into a shared services "
            "agreement with Shropshire Council for up to 4 years, at a value of £65k per year (up to £260k in total).")
    assert _kind(extract_text(text), "salary") == []


@pytest.mark.parametrize("text", [
    "The population of Slough is 164,000.",
    "Slough's population is estimated at 164,000.",
    "Slough’s population was estimated to be 164,000 in 2020.",
    "The mid-2020 population estimate for Slough was 164,000.",
    "Census 2021 recorded 164,000 usual residents in Slough.",
    "The resident population of Slough has grown to 164,000.",
])
def test_the_ways_a_council_states_its_population(extract_text, text):
    assert [(f["authority"], f["value"], f["group"]) for f in _kind(extract_text(text), "population")] == [
        ("E06000039", 164000, "all")]


def test_a_population_that_grew_from_one_count_to_another(extract_text):
    """Swansea Council's population trends page: the change and its percentage stand between 'population' and 'from'."""
    text = ("Between 2013 and 2023, the estimated population of Swansea increased by 7,500 or 3.1% (from 239,200 to "
            "246,700).")
    assert sorted(f["value"] for f in _kind(extract_text(text), "population")) == [239200, 246700]


def test_the_proportion_of_children_in_poverty_is_a_child_rate(extract_text):
    facts = _kind(extract_text("The proportion of children in poverty in Slough is 27%."), "poverty_rate")
    assert [(f["authority"], f["percent"], f["group"]) for f in facts] == [("E06000039", 27.0, "children")]


def test_a_nickname_is_the_same_person(extract_text):
    text = ("Present: Cllr Robert Cook (Chair), Cllr Mike Smith.\n\nCouncillor Bob Cook declared a personal interest. "
            "Councillor Michael Smith left the meeting.")
    names = sorted(f["name"] for f in _kind(extract_text(text), "person"))
    assert len(names) == 2 and {n.split()[-1] for n in names} == {"Cook", "Smith"}


@pytest.mark.parametrize("text", [
    "Present: Councillor Ian Plant (Vice-Chairman).\n\nRESOLVED That Councillor I. Plant be appointed as Chairman of the Council.",
    "Councillor R W Gough, Leader of the Council, opened the meeting. Councillor Roger William Gough thanked officers.",
])
def test_initials_written_for_a_name_given_in_full_are_the_same_person(extract_text, text):
    assert len(_kind(extract_text(text), "person")) == 1


def test_an_inspection_teams_list_names_its_inspectors_and_not_the_bodies_they_work_for(extractor):
    # two area SEND inspection reports as published (corpus/real, b106)
    durham = ("Inspection team\nOfsted\nDavid Mills, Ofsted HMI lead inspector\nKathryn Grindrod, Ofsted HMI\n"
              "Angela Spencer-Brooke, Ofsted Inspector\nCare Quality Commission\nJessica Taylor-Beirne, CQC lead inspector\n"
              "Louise Holland, CQC inspector\nNatalie Palmer, CQC inspector")
    assert sorted(f["name"] for f in _people(extractor, durham)) == [
        "Angela Spencer-Brooke", "David Mills", "Jessica Taylor-Beirne", "Kathryn Grindrod", "Louise Holland", "Natalie Palmer"]
    northants = ("Area SEND inspection report: West Northamptonshire Local Area Partnership\n\nInspection team\n"
                 "Ofsted Care Quality Commission\nDave Gilkerson HMI, Ofsted Lead inspector Claire Mason, "
                 "CQC Lead inspector\nHazel Henson HMI, Ofsted Natalie Palmer, CQC inspector\nNicki Shaw HMI, Ofsted\n\n"
                 "If you are not happy with the inspection or the report, you can complain to Ofsted.")
    assert {"Dave Gilkerson", "Hazel Henson", "Nicki Shaw"} <= {f["name"] for f in _people(extractor, northants)}


def test_a_directors_remit_is_no_arrangement_between_councils(extract_text):
    # b105 development part (South Hams and West Devon's senior leadership team)
    text = ("South Hams District Council and West Devon Borough Council have a proposed new management structure for "
            "their Senior Leadership Team. One Director would now focus on the delivery of all Council services; one "
            "would focus on place shaping and enterprise, supporting our towns and villages.")
    assert [f["name"] for f in _kind(extract_text(text), "partnership")] == []


def test_a_threshold_or_a_rank_among_areas_is_not_a_poverty_rate(extract_text):
    # b108 development part (Wirral's child poverty pilot), and the rate the same report gives
    text = ("The proposal had invited those schools in Wirral, where the majority (i.e. 51% or above) of pupils on roll lived in "
            "an area where child poverty and deprivation levels were in the highest 20% of areas nationally, to express an "
            "interest. In 2014, 25% of Wirral children lived in poverty.")
    assert [f["percent"] for f in _kind(extract_text(text), "poverty_rate")] == [25.0]


def test_a_post_labelling_a_line_names_a_member_written_with_initials(extract_text):
    # b107 development part (Northumberland's Staff and Appointments Committee); a label on its own is no one
    text = ("Northumberland County Council\nStaff and Appointments Committee\n\nChair: G. Sanderson \n\n \n\n"
            "Vice Chair: R. Wearmouth  \n\nAgenda item: A. Report\n")
    people = {(f["name"], f["role"]) for f in _kind(extract_text(text), "person")}
    assert people == {("G. Sanderson", "Chair"), ("R. Wearmouth", "Vice Chair")}


def test_the_chief_executive_of_both_councils_is_shared_by_the_two_the_story_is_about(extractor):
    # b105 development part: two district councils, and the county they are in named twice
    text = (REAL_DEV / "b105_west_devon_south_hams_senior_leadership.txt").read_text(encoding="utf-8")
    posts = [f for f in _kind(_extract(extractor, text), "shared_post")]
    assert [(f["authorities"], f["post"]) for f in posts] == [(["E07000044", "E07000047"], "Chief Executive")]
    # "of" alone does not share a post: two councils' chief executives are two posts
    assert _kind(_extract(extractor, "The Chief Executive of Leeds and the Chief Executive of Bradford met."), "shared_post") == []


def test_a_post_ends_with_its_table_cell(extractor):
    # b68 development part: an Ofsted report's partnership table, the council's and the health board's leads side by side
    text = ("Local area partnership details\n\nLocal authority\tIntegrated care board\n"
            "Dudley Metropolitan Borough Council\tBlack Country Integrated Care Board\n"
            "Karen Graham, Director of Children’s Services (interim)\tMark Axcell, Chief Executive Officer\n"
            "www.dudley.gov.uk\twww.blackcountry.icb.nhs.uk\n")
    roles = {f["name"]: f["role"] for f in _people(extractor, text)}
    assert roles["Karen Graham"] == "Director of Children’s Services (interim)"
    # b33 development part, the PDF as published: a heading above a table whose header's second cell is
    # "Officer's Comment" ("Arguments Against the Proposed Zebra Crossing\n\nArgument<TAB>Officer's Comment")
    from councildocs.pipeline import process_file

    result = process_file(REAL_DEV / "b33_kingston_coombe_lane_west_zebra_crossing_2026.pdf", extractor)
    names = {f.fields["name"] for f in result.extraction.facts if f.kind == "person"}
    assert "Matthew Hill" in names and "Zebra Crossing" not in names


def test_a_heading_of_abstract_nouns_is_not_a_person(extract_text):
    text = "Enhancing Governance, Leadership and Enabling\nThe Corporate Director Social Services reported."
    assert _kind(extract_text(text), "person") == []


def test_an_arrangements_councils_are_those_of_its_clause(extract_text):
    text = ("Building on the existing alliance between Boston Borough Council and East Lindsey District Council, as "
            "well as the experience of shared working arrangements that South Holland District Council has had with "
            "Breckland Council, the councils agreed.")
    members = {tuple(f["authorities"]) for f in _kind(extract_text(text), "partnership")}
    assert ("E07000136", "E07000137", "E07000140", "E07000143") not in members
    assert ("E07000140", "E07000143") in members


@pytest.mark.parametrize("text,expected", [
    # the count it reached, and the count it started from: the area's population in the earlier year
    ("In Gravesham the population increased from 101,700 to 106,900.", [("E07000109", 106900), ("E07000109", 101700)]),
    ("In Cambridge, the population size has increased by 17.6%, from around 123,900 in 2011 to 145,700 in 2021.",
     [("E07000008", 145700), ("E07000008", 123900)]),
    ("The population of Slough in 2021 was 158,500.", [("E06000039", 158500)]),
    ("The population of Gravesham rose from 2011 to 2021.", []),
    ("Slough population estimates 2021 are published today.", []),
])
def test_a_population_change_gives_both_counts_never_a_year(extract_text, text, expected):
    assert [(f["authority"], f["value"]) for f in _kind(extract_text(text), "population")] == expected


def test_appointed_as_gives_the_post(extract_text):
    text = "Sefton Council confirms the appointment of Philip Porter as the new Chief Executive."
    people = _kind(extract_text(text), "person")
    assert [(p["name"], p["role_category"]) for p in people] == [("Philip Porter", "chief_executive")]


def test_projections_and_changes_are_not_poverty_rates(extract_text):
    text = ("Durham County Council heard that child poverty was set to soar to 5.1 million children by 2022, "
            "which would be a 42% increase in ten years.")
    assert _kind(extract_text(text), "poverty_rate") == []


@pytest.mark.parametrize("text,expected", [
    # a surname that is also a council's name is still a surname
    ("All the teams of Angus Council are under the direction of the Head of Procurement, Allan Harrow.",
     ("Allan Harrow", "Head of Procurement")),
    ("Report of the Leader of the Council (William Nunn).", ("William Nunn", "Leader of the Council")),
    ("Dumfries and Galloway Council:\n- Service Director (CSWO), Stephen Morgan – Social Work Services",
     ("Stephen Morgan", "Service Director (CSWO)")),
    ("The Highland Council has appointed Bill Alexander to the temporary post of Chief Operating Officer.",
     ("Bill Alexander", "Chief Operating Officer")),
    # the body a speaker comes from is their role
    ("Powys County Council heard a presentation by Ellie Harwood (Child Poverty Action Group).",
     ("Ellie Harwood", "Child Poverty Action Group")),
])
def test_a_post_beside_a_name_in_the_ways_papers_write_it(extract_text, extractor, text, expected):
    people = _kind(extract_text(text, extractor.nlp), "person")
    assert [(p["name"], p["role"]) for p in people] == [expected]


def test_a_bullets_status_is_its_own_not_its_neighbours(extract_text):
    text = ("Wychavon and Malvern Hills District Councils share a Chief Executive. The review's findings:\n\n"
            "  • Wychavon has kept the leadership it was previously used to\n"
            "  • Undoing the shared Chief Executive arrangement would mean cuts to services at both authorities\n")
    posts = _kind(extract_text(text), "shared_post")
    assert {p["status"] for p in posts} == {"current"}


@pytest.mark.parametrize("text", [
    "Venue: Millmead House, Millmead, Guildford, Surrey GU2 4BB.",
    "Argyll and Bute Council works with NHS Highland on health and social care.",
    "Essex Police and Southend University Hospital attended the meeting.",
])
def test_a_place_in_an_address_or_another_bodys_name_is_not_that_council(extract_text, text):
    from councildocs.extract.authorities import AuthorityIndex
    from councildocs.extract.gazetteer import load_gazetteer
    import spacy

    nlp = spacy.blank("en")
    named = {m.gss for m in AuthorityIndex(nlp, load_gazetteer()).find(nlp(text))}
    assert named <= {"S12000035"}  # Argyll and Bute is named as a council; Guildford, Surrey, Highland, Essex, Southend are not


def test_people_moving_are_not_residents(extract_text):
    text = ("Conwy County Borough: a net migration gain of 1,550 people (about 5,050 people came to Conwy "
            "County Borough to live and about 3,500 people left).")
    assert _kind(extract_text(text), "population") == []


def test_posts_created_to_cover_both_councils_are_shared_each_of_them(extract_text):
    text = ("Wychavon District Council and Malvern Hills District Council agreed that two new posts — a joint service "
            "director-highways and transport, and a joint service director-growth and economy — are being created to "
            "cover both authorities. The roles of Director of Finance and Director of Housing have also been extended "
            "to cover both authorities.")
    posts = _kind(extract_text(text), "shared_post")
    assert sorted((p["post"], p["status"]) for p in posts) == [
        ("Director of Finance", "current"), ("Director of Housing", "current"),
        ("joint service director-growth and economy", "proposed"),
        ("joint service director-highways and transport", "proposed")]
    assert all(p["authorities"] == ["E07000235", "E07000238"] for p in posts)


def test_councils_that_will_no_longer_share_a_post_shared_it(extract_text):
    text = "South Hams and West Devon councils will no longer share a chief executive."
    assert [(p["role_category"], p["status"]) for p in _kind(extract_text(text), "shared_post")] == [
        ("chief_executive", "former")]


def test_a_range_of_rates_across_places_gives_each_place_its_rate(extract_text):
    text = "Child poverty rates varied from 36% in Blackburn with Darwen to 12% in Wokingham."
    assert sorted((r["authority"], r["percent"]) for r in _kind(extract_text(text), "poverty_rate")) == [
        ("E06000008", 36.0), ("E06000041", 12.0)]


@pytest.mark.parametrize("text,expected", [
    ("R W Gough, Leader of Surrey County Council, opened the meeting.", "R W Gough"),
    ("JOHN Smith, Director of Children's Services at Leeds City Council, welcomed the rating.", "John Smith"),
    ("NHS England, Chief Executive's office, wrote to Leeds City Council.", None),
])
def test_initials_or_a_capitalised_first_name_before_a_title(extract_text, text, expected):
    names = [p["name"] for p in _kind(extract_text(text), "person")]
    assert names == ([expected] if expected else [])


def test_an_age_band_population_is_that_group(extract_text):
    populations = _kind(extract_text("The 0-18 population of Slough is 45,000."), "population")
    assert [(p["authority"], p["value"], p["group"]) for p in populations] == [("E06000039", 45000, "under_18")]


def test_a_short_name_in_a_london_story_is_the_london_borough(extract_text):
    text = "Richmond and Kingston councils will share a director of children's services, the London boroughs said."
    posts = _kind(extract_text(text), "shared_post")
    assert [p["authorities"] for p in posts] == [["E09000021", "E09000027"]]


def test_pay_written_the_short_ways_adverts_write_it(extract_text):
    salaries = _kind(extract_text("Cumbria County Council: Chief Executive (£165,000 pa)."), "salary")
    assert [(s["role_category"], s["min_gbp"], s["max_gbp"]) for s in salaries] == [("chief_executive", 165000, 165000)]
    text = "Salary £117,507 to £126,738 per annum. Solihull Council is recruiting an Executive Director Children's Services."
    salaries = _kind(extract_text(text), "salary")
    assert [(s["role_category"], s["min_gbp"], s["max_gbp"]) for s in salaries] == [("dcs", 117507, 126738)]


def test_a_grade_tables_minimum_and_maximum_columns_are_one_range(extract_text):
    text = ("Pay grades for Corporate Directors\nGrade | Minimum | Maximum\nCO1 | £120,000 | £130,000\n"
            "CO2 | £100,000 | £110,000\n")
    assert sorted((s["min_gbp"], s["max_gbp"]) for s in _kind(extract_text(text), "salary")) == [
        (100000, 110000), (120000, 130000)]


def test_a_figure_needs_a_post_or_its_own_line_calling_it_pay(extract_text):
    # a councillors' allowances table: people and codes, no post a benchmark could compare
    table = "Name | Designation | Salary | Expenses | Total |\nDavid Aitchison | C | £20,099.00 | NIL | £20,099.00 |\n"
    assert _kind(extract_text(table), "salary") == []
    # a list line names its own post
    salaries = _kind(extract_text("Senior salaries\n• Council Leader - £49,450\n• Deputy Mayor - £17,918\n"), "salary")
    assert sorted((s["role"], s["min_gbp"]) for s in salaries) == [("Council Leader", 49450), ("Deputy Mayor", 17918)]
    # "a reduction in senior officers' pay of £120,000 a year" is a change, not a post's pay
    text = "The council will reduce its chief officers from 16 to 14, a net reduction in senior officers' pay of £120,000 a year."
    assert _kind(extract_text(text), "salary") == []


def test_the_national_figure_beside_a_rate_is_its_comparator(extract_text):
    text = ("Liverpool City Council says 31.8% of children in the city live in relative poverty after housing costs, "
            "compared with 29% nationally.")
    rates = _kind(extract_text(text), "poverty_rate")
    assert [(r["authority"], r["percent"], r["comparator"]) for r in rates] == [
        ("E08000012", 31.8, {"area": "national", "percent": 29.0})]


@pytest.mark.parametrize("text,expected", [
    ("The population of Wiltshire grew by 8.4% to 510,400 between 2011 and 2021.", [("E06000054", 510400, "all")]),
    ("Bolton has an estimated 296,000 people, of whom 68,000 are aged under 18.",
     [("E08000001", 68000, "under_18"), ("E08000001", 296000, "all")]),
    ("Cardiff has 362,400 residents; the city's school population is 56,000 pupils.", [("W06000015", 362400, "all")]),
])
def test_growth_shares_and_other_populations(extract_text, text, expected):
    populations = _kind(extract_text(text), "population")
    assert sorted((p["authority"], p["value"], p["group"]) for p in populations) == sorted(expected)


@pytest.mark.parametrize("text,expected", [
    # a report's contact block: each name above its post
    ("Contact details\n\nKevin Kasaven\nDirector of Children's Services\nSharon Howard\nCabinet Member for Children\n",
     [("Kevin Kasaven", "Director of Children's Services"), ("Sharon Howard", "Cabinet Member for Children")]),
    # a who's-who page: each post above its holder
    ("Who's who\n\nChief Executive\n\nEddie Fraser\n\nHead of Finance and ICT\n\nCraig McArthur\n",
     [("Craig McArthur", "Head of Finance and ICT"), ("Eddie Fraser", "Chief Executive")]),
    ("Present: Councillors A Brown (Chair), C Davies and E Fox.\nOfficers: G Hill (Chief Executive), I Jones (Monitoring Officer)",
     [("A Brown", "Chair"), ("C Davies", "Councillor"), ("E Fox", "Councillor"), ("G Hill", "Chief Executive"),
      ("I Jones", "Monitoring Officer")]),
    ("Mayor Andy Burnham said Greater Manchester would lead the way.", [("Andy Burnham", "Mayor")]),
])
def test_people_in_blocks_lists_and_quotes(extract_text, extractor, text, expected):
    people = _kind(extract_text(text, extractor.nlp), "person")
    assert sorted((p["name"], p["role"]) for p in people) == sorted(expected)


def test_a_joint_committee_is_an_arrangement_named_by_its_noun(extract_text):
    text = "Kirklees and Calderdale councils run a joint committee for their shared waste service."
    partnerships = _kind(extract_text(text), "partnership")
    assert [(p["authorities"], p["name"]) for p in partnerships] == [(["E08000033", "E08000034"], "joint committee")]


def test_age_bands_wards_and_people_a_service_reaches_are_not_the_population(extract_text):
    text = ("Barnet is home to 390,000 residents, including 250,000 people aged between 16 and 64 and 60,000 people aged "
            "65 and over. Last year the council helped over 17,000 residents into work. Hale ward has the largest "
            "population (21,500 people).")
    assert [(p["value"], p["group"]) for p in _kind(extract_text(text), "population")] == [(390000, "all")]


def test_a_population_that_rose_from_one_census_to_the_next_is_the_latest_count(extract_text):
    text = "The population of Rutland has grown from 37,369 in the 2011 census to 41,000 in the 2021 census."
    assert 41000 in [p["value"] for p in _kind(extract_text(text), "population")]


def test_a_rate_reached_is_the_rate_and_the_national_average_beside_it_is_not_the_councils(extract_text):
    text = ("Child poverty (after housing costs) in Fife has fallen to 22.1 per cent against a national average of "
            "24 per cent. There are fewer children in poverty in Fife than in Scotland (24%).")
    rates = [(r["authority"], r["percent"]) for r in _kind(extract_text(text), "poverty_rate")]
    assert ("S12000047", 22.1) in rates
    assert ("S12000047", 24.0) not in rates


def test_a_list_of_people_gives_each_the_title_written_before_their_own_name(extractor):
    from councildocs.ingest.models import RepairedDocument

    text = ("Photo: Mendip Chief Executive Stuart Brown, Sedgemoor Leader Cllr Duncan McGinty, Alison Reid and Mendip "
            "Leader Cllr Ros Wyke.\nDeputy Chief Executive and CFO Sarah Kingsley\nCorporate Director Peter Hopwood\n")
    document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
    # the real model: the names here are found by its recogniser
    roles = {p["name"]: p["role"] for p in _kind(extractor.extract(document), "person")}
    assert roles.get("Stuart Brown") == "Mendip Chief Executive"
    assert roles.get("Duncan McGinty") == "Sedgemoor Leader"
    assert roles.get("Ros Wyke") == "Mendip Leader"
    assert roles.get("Sarah Kingsley") == "Deputy Chief Executive and CFO"
    assert roles.get("Peter Hopwood") == "Corporate Director"


def test_a_joint_head_of_service_is_a_shared_post_of_the_two_councils(extract_text):
    text = ("Babergh District Council and Mid Suffolk District Council are bringing their work together. This month the "
            "new Joint Head of Strategic Housing and Planning started work at the councils.")
    posts = _kind(extract_text(text), "shared_post")
    assert [(p["post"], p["authorities"], p["status"]) for p in posts] == [
        ("Joint Head of Strategic Housing and Planning", ["E07000200", "E07000203"], "current")]


def test_a_named_arrangement_is_one_fact_with_the_members_a_sentence_lists(extract_text):
    text = ("Fife Council is a member of the Forth Alliance. Fife Council spoke at the Forth Alliance meeting in Falkirk. "
            "We want to build on our shared service development. "
            "The four councils that make up the Forth Alliance are: Fife; Falkirk; Clackmannanshire; and Stirling.")
    facts = _kind(extract_text(text), "partnership")
    assert [(p["name"], p["authorities"]) for p in facts] == [
        ("Forth Alliance", ["S12000005", "S12000014", "S12000030", "S12000047"])]


def test_a_title_written_in_lower_case_before_a_name_is_kept(extract_text):
    # "the Leader of the Council thanked Councillor X" is a sentence, but "Solihull chief executive X" is a title
    people = _kind(extract_text("The panel included Solihull chief executive Cllr Emma Rowlands."), "person")
    assert [(p["name"], p["role"]) for p in people] == [("Emma Rowlands", "Solihull chief executive")]


def test_a_depute_is_not_the_chief_executive_and_a_provost_is_not_a_name(extract_text):
    text = "The Council agreed that the salary of the Depute Chief Executive be fixed at £77,000."
    assert [(s["role"], s["role_category"]) for s in _kind(extract_text(text), "salary")] == [
        ("Depute Chief Executive", "other")]
    text = "The panel will be chaired by the Lord Provost, with the Chief Executive, Sue Bruce, who is to leave in June."
    people = _kind(extract_text(text), "person")
    assert "Provost" not in " ".join(p["name"] for p in people)


def test_minutes_name_councillors_by_surname_and_officers_in_attendance_with_their_posts(extract_text):
    text = ("Present: Councillor Mrs Lowe (Chairman)\n\nCouncillors Barton (Fylde BC) (Vice-chairman), Hindle (Wyre BC) "
            "and Ogden\n In attendance: Jane Frost (Head of Shared Audit), Tom Hale (Chief Executive - Wyre BC)\n"
            " Other Officers: Councillors Ashe and Pike\n\nThe Chairman welcomed Councillor Barton.")
    people = {p["name"]: p["role"] for p in _kind(extract_text(text), "person")}
    assert {"Lowe", "Barton", "Hindle", "Ogden", "Jane Frost", "Tom Hale", "Ashe", "Pike"} <= set(people)
    assert not any(name.startswith(("Mrs", "Councillors")) for name in people)


def test_a_scottish_sederunt_names_each_member_under_their_office(extract_text):
    text = ("At a MEETING of the COMMITTEE held at Dundee on 11th June, 2007.\nPresent:-\nLord Provost Jane R SMART |\n|\n"
            "BAILIES\nGeorge BLAKE |\nRoderick A J WALL |\nCOUNCILLORS\nKevin KERR |\nRichard McCRAE |\n\nThe Convener "
            "welcomed everyone.")
    people = {p["name"].lower(): p["role"] for p in _kind(extract_text(text), "person")}
    assert people == {"jane r smart": "Lord Provost", "george blake": "Bailie", "roderick a j wall": "Bailie",
                      "kevin kerr": "Councillor", "richard mccrae": "Councillor"}


def test_population_written_as_an_estimate_equal_to_or_on_a_date(extract_text):
    text = "Slough Borough Council\n2012 Mid-year population estimate = 179,850"
    assert [p["value"] for p in _kind(extract_text(text), "population")] == [179850]
    text = "The population of Rutland at 30 June 2017 was 39,697, an increase of 386 since mid-2016."
    assert [p["value"] for p in _kind(extract_text(text), "population")] == [39697]
    table = "Age All Male Female\nTotal 39,697 19,596 20,101\nAge 65 and over 9,259 4,264 4,995\n\nPopulation estimates relate to residents."
    assert 4995 not in [p["value"] for p in _kind(extract_text(table), "population")]


def test_a_share_of_an_income_is_not_pay(extract_text):
    text = "A household is in poverty where income is less than £19,967 a year (60% of £33,278)."
    assert _kind(extract_text(text), "salary") == []


def test_officers_listed_with_their_posts_in_brackets_and_an_mp(extract_text):
    text = "Officers:\nMartin Gale (DCS), Ruby Pope (PH), John Dee\nThe commission was chaired by Frank Fell MP."
    roles = {p["name"]: p["role"] for p in _kind(extract_text(text), "person")}
    assert roles.get("Martin Gale") == "DCS" and roles.get("Ruby Pope") == "PH" and roles.get("Frank Fell") == "MP"


def test_the_rate_in_the_sentence_after_a_poverty_sentence_is_the_same_measure(extract_text):
    text = ("Child poverty in Inverclyde has fallen to its lowest level in three years.\n\n"
            "In 2024, the rate was 22.4 per cent – down 3.7 per cent from 26.1 per cent in 2023.")
    rates = [r["percent"] for r in _kind(extract_text(text), "poverty_rate")]
    assert 22.4 in rates and 3.7 not in rates


def test_a_joint_committees_members_are_the_councils_its_minutes_list_as_present(extract_text):
    text = ("West Yorkshire Adoption Joint Committee - Wednesday, 15th March, 2017\n\nPresent: Councillor L Mulherin "
            "(Leeds) - Chair\n\nCouncillor E Hill (Kirklees), Councillor V Slater (Bradford) and Councillor M Swift "
            "(Calderdale)\n\n1.\n\nAPPEALS\n")
    facts = _kind(extract_text(text), "partnership")
    assert [p["authorities"] for p in facts] == [["E08000032", "E08000033", "E08000034", "E08000035"]]


@pytest.mark.parametrize("text, expected", [
    # Renfrewshire Council's meeting page (2023): the membership, each member's council in brackets
    ("Meeting Summary\nRenfrewshire Valuation Joint Board.\n26 May 2023 - 14:00 to 15:00\nCommittee Members\nMembership\n"
     "Councillor Annette Ireland and Provost Mary Montague (East Renfrewshire Council); Councillor Graeme Brooks "
     "(Inverclyde Council); and Councillor Graeme Clark and Councillor Audrey Doig (Renfrewshire Council).\n\n"
     "Items Of Business\nApologies\n",
     (["S12000011", "S12000018", "S12000038"], "Renfrewshire Valuation Joint Board")),
    # Medway Council's minutes (2011): the members named only as sending their apologies
    ("South Thames Gateway Building Control Joint Committee - Tuesday, 27 September 2011 2.00pm\n\nNo. Item\n\n"
     "Apologies for absence\n\nTo receive any apologies for absence.\n\nApologies for absence were received from "
     "Vikki Finneran (Gravesham Borough Council), James Freeman (Swale Borough Council) and Stephen Gaimster "
     "(Medway Council).\n\nRecord of Meeting\n",
     (["E06000035", "E07000109", "E07000113"], "South Thames Gateway Building Control Joint Committee")),
    # Renfrewshire Council's meeting page (2015): members present, then members sending apologies
    ("Meeting Details\n\nScotland Excel Joint Committee\n25 Sep 2015\n\nCommittee Members\nCouncillors C Shand "
     "(Aberdeenshire Council); P Valentine (Angus Council).\n\nItems Of Business\nApologies\nApologies from members.\n"
     "Councillors R Milne (Aberdeen City Council); A Drummond (Clackmannanshire Council).\n\nDeclarations of Interest\n",
     (["S12000005", "S12000033", "S12000034", "S12000041"], "Scotland Excel Joint Committee")),
])
def test_a_joint_bodys_members_are_the_councils_its_membership_and_apologies_name(extract_text, text, expected):
    facts = _kind(extract_text(text), "partnership")
    assert [(p["authorities"], p["name"]) for p in facts] == [expected]


def test_a_post_graded_with_its_range_in_brackets_is_paid_that_range(extract_text):
    """Dundee City Council's personnel committee (2001): the pounds unwritten, the post and its grade named."""
    text = ("Dundee City Council. Personnel Committee.\nThe Committee approved the establishment of a temporary post of "
            "Project Leader, graded AP4 (18,378 - 20,397), and an additional post of Social Worker in the Choice "
            "Project, graded SCP27-35 (18,378 - 23,430), for a temporary period of 19 months (1,200 - 1,500 hours).")
    pay = sorted((f["role"], f["min_gbp"], f["max_gbp"]) for f in _kind(extract_text(text), "salary"))
    assert pay == [("Project Leader", 18378, 20397), ("Social Worker", 18378, 23430)]


def test_a_count_in_brackets_after_a_percentage_is_the_percentages(extract_text):
    """Trafford Data Lab's population projection (2019): each bracketed count is a change of an age band."""
    text = ("Between mid-2018 and mid-2028, Trafford's population is projected to grow by 6.4% or 15,049 residents. The "
            "proportion of the population aged 0-15 years is projected to increase by 2.6% (1,300 residents), those of "
            "working age (16-64 years) by 3.9% (5,656 residents), and those aged 65 or more by 19.9% (8,095 residents).")
    assert _kind(extract_text(text), "population") == []


def test_a_named_joint_committee_with_words_between_is_a_joint_committee(extract_text):
    """Coventry City Council's health and wellbeing board (2017): a Joint Health Overview and Scrutiny Committee with
    another council is an arrangement between the two."""
    text = ("Coventry City Council. The Board gave further consideration to a report of the Deputy Chief Executive "
            "(People) on proposals to establish a Joint Health Overview and Scrutiny Committee (JHOSC) with "
            "Warwickshire County Council.")
    assert [p["authorities"] for p in _kind(extract_text(text), "partnership")] == [["E08000026", "E10000031"]]


def test_a_tri_borough_arrangement_includes_the_papers_own_council(extract_text):
    text = ("Hammersmith and Fulham Council. Cabinet minutes.\nCouncillor Ffiske noted that Kensington and Chelsea and "
            "Westminster City Council had served notice on the tri-borough arrangements.")
    facts = _kind(extract_text(text), "partnership")
    assert ["E09000013", "E09000020", "E09000033"] in [p["authorities"] for p in facts]


def test_in_collaboration_with_is_a_way_of_working_not_an_arrangement(extract_text):
    text = "Orkney Islands Council will take this forward in collaboration with Shetland Islands Council."
    assert _kind(extract_text(text), "partnership") == []


def test_the_head_of_a_shared_service_is_a_shared_post(extract_text):
    text = ("Shared Services Joint Committee of Chorley Council and South Ribble Borough Council.\nIn attendance: "
            "Garry Barclay (Head of Shared Assurance Services), Susan Guinness (Head of Shared Financial Services)")
    posts = sorted(p["post"] for p in _kind(extract_text(text), "shared_post"))
    assert posts == ["Head of Shared Assurance Services", "Head of Shared Financial Services"]


def test_a_shared_service_hosted_by_one_council_is_shared_by_the_councils_the_paper_is_about(extract_text):
    text = ("Bromsgrove District Council and Redditch Borough Council: joint report.\nRESOLVED that the delivery of a "
            "shared ICT service by a single ICT team hosted by Bromsgrove District Council be approved.")
    facts = _kind(extract_text(text), "partnership")
    assert [p["authorities"] for p in facts] == [["E07000234", "E07000236"]]


def test_a_councillors_list_separated_by_semicolons_and_an_officer_named_like_a_place(extract_text):
    text = ("Councillors C Shand and W Howatson (both Aberdeenshire Council); P Valentine (Angus Council); E Morton "
            "(Argyll and Bute Council).\nE Coventry, Democratic Services Officer")
    names = {p["name"] for p in _kind(extract_text(text), "person")}
    assert {"C Shand", "W Howatson", "P Valentine", "E Morton", "E Coventry"} <= names


def test_contact_lines_and_a_line_of_officers_with_their_posts_in_brackets(extract_text):
    text = ("Agenda and minutes\n\nContact: John Grieve - 0113 3788662\n\nItems\n\nCllr Robert Cook (Chair), Cllr Jim Beall\n"
            "Neil Schneider (CE), Jonathan Nertney (HR&L), Peter Bell (DCE).\n\nTo receive information from "
            "Cllr.R.G.Jones, Leader of the Council.")
    people = {p["name"]: (p["role"], p["status"]) for p in _kind(extract_text(text), "person")}
    assert people.get("John Grieve", ("", ""))[1] == "contact"
    assert people.get("Neil Schneider") == ("CE", "incumbent") and people.get("Peter Bell") == ("DCE", "incumbent")
    assert people.get("R.G. Jones", ("",))[0] == "Leader of the Council"  # initials spaced as usual


def test_a_committee_sites_minutes_page_is_other_even_when_it_quotes_news(extract_text):
    text = ("Agenda and minutes\n\nCabinet - Wednesday, 21st May, 2025 4.30 pm\n\nVenue: Council Chamber\n\nItems\n\n"
            "Minutes:\n\nThe Leader said the council had announced today that it welcomed the news and congratulated staff.")
    assert extract_text(text).doc_type == "other"


def test_a_council_news_release_with_a_dateline_and_quoted_speech_is_news(extract_text):
    text = ("Lincolnshire councils agree new partnership\nAugust 3, 2021\nBoston Borough and East Lindsey District "
            "Councils have agreed a partnership. “This is a great day for our residents,” the Leader added.")
    assert extract_text(text).doc_type == "news"


def test_a_pages_sharing_links_are_not_a_person(extract_text):
    text = "Last modified on 21 February 2024\n\nShare this page\n\nShare on Facebook Share on Twitter Share by email"
    assert _kind(extract_text(text), "person") == []


def test_people_set_out_one_to_a_line_with_their_post(extract_text):
    text = ("Cabinet members\n\nCouncillor Ffion Bowen – Leader of Council\n\n"
            "Councillor Iestyn Jon-Parry - Cabinet Member for Finance, Resources and Legal\n\n\n"
            "Officers\n\nGethin Morgan - Chief Executive\n\n"
            "Eirlys Pugh - Corporate Director - Education and Family Support\n\n"
            "Constitutional Arrangements - Head of Paid Service (Agenda item 5)\n")
    people = {f["name"]: f["role"] for f in _kind(extract_text(text), "person")}
    assert people == {
        "Ffion Bowen": "Leader of Council",
        "Iestyn Jon-Parry": "Cabinet Member for Finance, Resources and Legal",
        "Gethin Morgan": "Chief Executive",
        "Eirlys Pugh": "Corporate Director - Education and Family Support",
    }


@pytest.mark.parametrize("text,expected", [
    ("In Falkirk Council's area, child poverty is highest among the 20% most deprived data zones.", []),
    ("Child poverty remains a concern in Torfaen County Borough Council's area, where 23% of pupils are eligible for "
     "free school meals.", []),
    ("Across Oldham Council's area, 68% of children in poverty live in working households.", []),
    ("Child poverty in Herefordshire Council's area stands at 19%, below the West Midlands figure of 26%.", [19.0]),
])
def test_deciles_meal_shares_the_make_up_of_the_poor_and_a_regions_figure_are_not_a_councils_rate(extract_text, text, expected):
    assert [f["percent"] for f in _kind(extract_text(text), "poverty_rate")] == expected


def test_people_a_count_is_narrowed_to_are_not_the_residents(extract_text):
    text = ("Wigan Council's area has 12,000 people living with diabetes, and 8,500 residents claiming Universal "
            "Credit. Some 5,200 children and young people with special educational needs live in the borough. "
            "Wigan has 330,000 residents.")
    assert [(f["value"], f["group"]) for f in _kind(extract_text(text), "population")] == [(330000, "all")]


def test_minutes_with_surnames_in_capitals_middle_names_and_attendance_lines_with_posts(extract_text):
    text = ("Present:\nProvost Morag CAIRNS (in the Chair)\nCouncillor Euan MACRAE\nCouncillor Isla FERGUSSON\n"
            "In Attendance\nFiona Lennox, Chief Executive\nCallum Reid, Chief Officer – Finance\n\n"
            "Apologies for absence were received from Councillors Hamish Torquil Baird, Morven Drysdale and Sir Angus Ure.\n\n"
            "Councillor Rona Keir MOVED and Councillor Ewan Dow SECONDED the recommendation.\n\n"
            "Contact: Shona Munro Tel: 01700 123456\n")
    people = {f["name"]: f["role"] for f in _kind(extract_text(text), "person")}
    assert set(people) == {"Morag CAIRNS", "Euan MACRAE", "Isla FERGUSSON", "Fiona Lennox", "Callum Reid",
                           "Hamish Torquil Baird", "Morven Drysdale", "Angus Ure", "Rona Keir", "Ewan Dow", "Shona Munro"}
    assert people["Fiona Lennox"] == "Chief Executive" and people["Callum Reid"] == "Chief Officer – Finance"


def test_a_single_post_managing_the_two_councils_is_shared_with_the_posts_listed_beside_it(extract_text):
    text = ("Since April, Harlow Council and Epping Forest District Council are managed by a single Chief Executive, "
            "Dana Whitfield, and a Deputy Chief Executive and Director of Resources, Omar Kell.")
    posts = {(f["post"], f["status"]) for f in _kind(extract_text(text), "shared_post")}
    assert ("Chief Executive", "current") in posts and any(p.startswith("Deputy Chief Executive") for p, _ in posts)


def test_a_post_listed_with_a_shared_post_is_shared_and_named_by_its_qualifier(extract_text):
    text = ("Cheltenham Borough Council and Tewkesbury Borough Council agreed to create a shared Head of Finance post "
            "(Section 151 Officer) and an Assistant Director (Deputy Section 151 Officer).")
    posts = {(f["post"], tuple(f["authorities"])) for f in _kind(extract_text(text), "shared_post")}
    assert ("Assistant Director (Deputy Section 151 Officer)", ("E07000078", "E07000083")) in posts


@pytest.mark.parametrize("text", [
    "Mr. Lomas asked the Secretary of State for the Environment if he will list the 12 largest metropolitan districts.",
    "Ms Gordon To ask the Secretary of State for Health if he will give a breakdown of population by age.",
])
def test_the_post_a_question_is_put_to_is_not_the_askers(extract_text, text):
    people = _kind(extract_text(text), "person")
    assert not [p for p in people if p["role"].startswith("Secretary of State")]
    assert not [p for p in people if p["name"].endswith(" To")]


def test_one_arrangement_named_in_parts_is_one_partnership_of_all_its_councils(extract_text):
    text = ("Tewkesbury Borough Council and Cheltenham Borough Council run a shared building control service. Cabinet "
            "agreed that the shared service arrangements with Cheltenham Borough Council be extended, subject to "
            "Cheltenham Borough Council, Stroud District Council and Tewkesbury Borough Council agreeing to a new "
            "partnership agreement.")
    members = [f["authorities"] for f in _kind(extract_text(text), "partnership")]
    assert members == [["E07000078", "E07000082", "E07000083"]]


def test_arrangements_sharing_one_council_stay_apart(extract_text):
    text = ("Powys County Council will form a joint committee with Ceredigion County Council. Powys County Council "
            "also approved a joint venture with Neath Port Talbot County Borough Council.")
    members = sorted(f["authorities"] for f in _kind(extract_text(text), "partnership"))
    assert members == [["W06000008", "W06000023"], ["W06000012", "W06000023"]]


@pytest.mark.parametrize("text,expected", [
    ("The Combined Authority brings together the six constituent local authorities of Halton, Knowsley, Liverpool, "
     "St Helens, Sefton and Wirral.",
     [["E06000006", "E08000011", "E08000012", "E08000013", "E08000014", "E08000015"]]),
    # the list names fewer councils than the count: not the whole membership
    ("The Combined Authority brings together the six constituent local authorities of Halton, Knowsley and Liverpool.",
     []),
])
def test_a_body_of_councils_counted_then_listed_is_a_partnership_of_them(extract_text, text, expected):
    assert [f["authorities"] for f in _kind(extract_text(text), "partnership")] == expected


def test_a_separate_post_for_each_council_is_not_shared(extract_text):
    text = "Cabinet agreed to appoint a separate Director of Public Health for Norfolk County Council and Suffolk County Council."
    assert _kind(extract_text(text), "shared_post") == []


def test_a_count_beside_its_percentage_is_a_share_of_the_residents(extract_text):
    text = ("Bolton Council: Bolton had a population of 296,000 in 2021. Of the population 182,100 (61.5%) were of "
            "working age; the largest age group (7.0%, 20,720 residents) was aged 55 to 59.")
    assert [f["value"] for f in _kind(extract_text(text), "population")] == [296000]


def test_a_joint_board_named_after_its_councils_and_a_joint_venture_with_a_council(extract_text):
    text = ("Minutes of the Dumfries and Galloway and Scottish Borders Valuation Joint Board held on 3 May 2019.\n\n"
            "Powys County Council's Cabinet considered a Joint Venture Agreement (JVA) with Ceredigion County Council and "
            "the Welsh Government.")
    members = sorted(sorted(f["authorities"]) for f in _kind(extract_text(text), "partnership"))
    assert members == [["S12000006", "S12000026"], ["W06000008", "W06000023"]]


def test_a_towns_or_a_nations_population_is_not_the_councils_and_newport_on_the_island_is_a_town(extract_text):
    text = ("Isle of Wight Council has appointed a new director. The island is home to 140,000 residents. "
            "Newport, the county town, has a population of 25,000. The population of England is 56.5 million.")
    extraction = extract_text(text)
    assert [(f["authority"], f["value"]) for f in _kind(extraction, "population")] == [("E06000046", 140000)]
    assert "W06000022" not in {a.gss for a in extraction.authorities}


def test_councils_compared_in_the_sentences_after_a_poverty_sentence_each_have_their_rate(extract_text):
    text = ("Child poverty across London boroughs: Tower Hamlets, with 42 per cent, was highest, with Newham second "
            "at 38 per cent. Barking and Dagenham's rate, at 30.7 per cent, was above average.")
    rates = {(f["authority"], f["percent"]) for f in _kind(extract_text(text), "poverty_rate")}
    assert rates == {("E09000030", 42.0), ("E09000025", 38.0), ("E09000002", 30.7)}


def test_an_initial_before_a_first_name_and_a_name_written_again_without_its_middle_initial(extract_text):
    text = ("APOLOGIES: Councillors R. Dylan Pryce, Aled Morris Owen.\n\n"
            "Councillor Gwenno M. Parry proposed the motion. Councillor Gwenno Parry then withdrew it.")
    names = sorted(f["name"] for f in _kind(extract_text(text), "person"))
    assert names == ["Aled Morris Owen", "Gwenno M. Parry", "R. Dylan Pryce"]


def test_a_councillors_list_keeps_each_members_post_and_ends_with_its_paragraph(extract_text):
    text = ("Representing Conwy County Borough Council – Councillors D. Lloyd and Ms. D. Rowlands;\n\n"
            "Representing Flintshire County Council – Councillors Ms. N.Hale and M. Tudor;\n\n"
            "Councillor N. Hale declared an interest.")
    people = {f["name"]: f["role"] for f in _kind(extract_text(text), "person")}
    assert people == {"D. Lloyd": "Councillor", "D. Rowlands": "Councillor", "N. Hale": "Councillor", "M. Tudor": "Councillor"}


def test_a_pay_threshold_written_with_a_plus_and_minutes_in_capitals(extract_text):
    text = ("Wigan Council. If they earn £100k + they will not get a pay increase. The Director of Finance salary is "
            "£104,000 to £113,000.\n\nPresent\nCOUNCILLOR D. HALLAM (THE CHAIR, PRESIDING)\n\nOfficers:\n"
            "- Dafydd Rees - Chief Finance Officer\n- Mair Pugh - H.R. Manager\n")
    extraction = extract_text(text)
    assert [(f["min_gbp"], f["max_gbp"]) for f in _kind(extraction, "salary")] == [(104000, 113000)]
    assert {f["name"] for f in _kind(extraction, "person")} == {"D. HALLAM", "Dafydd Rees", "Mair Pugh"}


def test_statutory_officers_shared_as_posts_a_sentence_counts_then_names(extract_text):
    text = ("Fylde Council and Wyre Council had previously agreed to share a series of senior management posts "
            "(including Section 151 Officer and Monitoring Officer).")
    posts = {(f["post"], f["status"]) for f in _kind(extract_text(text), "shared_post")}
    assert posts == {("Section 151 Officer", "current"), ("Monitoring Officer", "current")}


def test_an_arrangements_members_listed_after_a_colon_and_ynys_mon_without_its_accent(extract_text):
    text = ("The North Wales Adoption Service (NWAS) is a collaboration of six local authority adoption agencies: "
            "Wrexham, Flintshire, Denbighshire, Conwy, Gwynedd and Ynys Mon. We act on behalf of the six.")
    members = [sorted(f["authorities"]) for f in _kind(extract_text(text), "partnership")]
    assert members == [["W06000001", "W06000002", "W06000003", "W06000004", "W06000005", "W06000006"]]


def test_apologies_received_from_members_with_civic_titles_and_a_list_carried_past_a_blank_line(extract_text):
    text = ("Apologies were received from Deputy Ann Holmes, the Lord Mayor Alderman Hugh Fairley, Sir Mark Tranter "
            "and Alderman Ruth Gale.\n\nCouncillors Keith Ellis, Mair Hughes,\n\nRhian Lloyd, R.L. Owen and Elwyn Price.")
    people = {f["name"]: f["role"] for f in _kind(extract_text(text), "person")}
    assert {"Hugh Fairley", "Mark Tranter", "Ruth Gale", "Keith Ellis", "Mair Hughes", "Rhian Lloyd", "R.L. Owen",
            "Elwyn Price"} <= set(people)
    assert people["Ruth Gale"] == "Alderman"


def test_a_list_item_whose_surname_the_line_wrapped_stays_whole(extract_text):
    text = ("Apologies were received from:- ·\nCouncillor Ian B. Roberts (Flintshire County Council); ·\n"
            "Councillor Llinos Medi\nHuws (Isle of Anglesey County Council) with a deputy.")
    names = {f["name"] for f in _kind(extract_text(text), "person")}
    assert names == {"Ian B. Roberts", "Llinos Medi Huws"}


def test_a_partnership_named_in_passing_by_some_of_its_councils_is_the_same_partnership(extract_text):
    text = ("The Western Bay Adoption Service is a partnership between Swansea Council, Neath Port Talbot Council "
            "and Bridgend County Borough Council.\n\nSwansea and Neath Port Talbot have worked in partnership "
            "on adoption since the service began.")
    members = [sorted(f["authorities"]) for f in _kind(extract_text(text), "partnership")]
    assert members == [sorted(["W06000011", "W06000012", "W06000013"])]


def test_a_range_whose_dash_hugs_the_upper_figure_is_a_range(extract_text):
    # organisation charts write "£70,000 -£75,000": the dash closes the range, it is no minus sign
    text = "Trafford Council\nHead of Workforce Strategy\nSM4A\n£70,000 -£75,000\n"
    assert [(f["min_gbp"], f["max_gbp"]) for f in _kind(extract_text(text), "salary")] == [(70000, 75000)]


def test_a_council_name_ending_a_persons_name_is_the_persons(extract_text, extractor):
    # the person is the model's reading (a PERSON entity), so this runs on the real pipeline
    text = "Trafford Council senior management\n\nJoy Preston\nAssistant Director of Provider Services\nSM3B\n£80,000-£85,000\n"
    extraction = extract_text(text, nlp=extractor.nlp)
    assert [f["authorities"] for f in _kind(extraction, "salary")] == [["E08000009"]]
    assert [a.gss for a in extraction.authorities] == ["E08000009"]
    # the council itself, named with its suffix, is still found
    assert [a.gss for a in extract_text("Preston City Council appointed Joy Preston.", nlp=extractor.nlp).authorities] == ["E07000123"]


@pytest.mark.parametrize("text", [
    "Nationally, 44% of children in lone parent families are in poverty after housing costs.",
    "The poverty rate for children in families with three or more children was 42% in Leeds.",
    "In Leeds, 71% of children who were in poverty after housing costs lived in a family where an adult worked.",
    "In Leeds, 67% of those in poverty were in a family where at least one adult was working.",
])
def test_the_rate_of_one_kind_of_family_or_the_make_up_of_the_poor_is_no_areas_rate(extract_text, text):
    assert _kind(extract_text(text), "poverty_rate") == []


def test_a_figure_listed_with_a_saving_is_a_saving(extract_text):
    text = ("Cambridgeshire County Council and Peterborough City Council propose a shared Executive Director of People. "
            "The shared roles would bring savings of just over £1m for Cambridgeshire County Council and £200k for "
            "Peterborough City Council.")
    assert _kind(extract_text(text), "salary") == []


@pytest.mark.parametrize("text", [
    "The report was written by Babergh and Mid Suffolk District Councils’ Chief Executive, Arthur Charvonia.",
    "Babergh District Council and Mid Suffolk District Council confirmed the decision to share the post of Chief Executive.",
])
def test_a_post_two_councils_own_or_decided_to_share_is_shared(extract_text, text):
    posts = _kind(extract_text(text), "shared_post")
    assert [(p["authorities"], p["role_category"]) for p in posts] == [(["E07000200", "E07000203"], "chief_executive")]


def test_a_table_flattened_onto_one_line_gives_each_council_its_first_column(extract_text):
    text = ("Local authority Population (thousands) Number of employees Number of employees per thousand population "
            "Moray 86.3 911 10.6 East Lothian 85.6 1,054 12.3 Midlothian 79.9 840 10.5 West Lothian 146.7 1,456 9.9")
    assert sorted((p["authority"], p["value"]) for p in _kind(extract_text(text), "population")) == sorted([
        ("S12000019", 79900), ("S12000020", 86300), ("S12000010", 85600), ("S12000040", 146700)])
    # a council and a figure once, in a sentence, is no table
    assert _kind(extract_text("Population and employees: Moray 86.3 of them"), "population") == []


def test_a_rise_written_out_between_two_figures_is_a_range(extract_text):
    text = ("Cheltenham Borough Council: the Chief Executive is offered the agreed salary of £113,403 rising subject to "
            "satisfactory performance to £116,254 after 6 months in post.")
    assert [(f["min_gbp"], f["max_gbp"]) for f in _kind(extract_text(text), "salary")] == [(113403, 116254)]


def test_a_difference_between_two_counts_is_no_population(extract_text):
    text = "Slough Borough Council thought that Slough’s current population was approximately 7,000 more than official estimates."
    assert _kind(extract_text(text), "population") == []


@pytest.mark.parametrize("text", [
    "At Wigan Council the lowest entry level spinal column point is equivalent to £21,968 per annum.",
    "Salford City Council's lowest pay point is £22,366 a year, for apprentices.",
    "In Bury Council the lowest grade is paid £20,441 per year.",
])
def test_the_bottom_of_a_pay_scale_is_no_post_s_salary(extract_text, text):
    assert _kind(extract_text(text), "salary") == []


def test_a_salary_beside_the_pay_scale_bottom_is_still_found(extract_text):
    text = ("Wigan Council pays its Director of Children's Services £145,000 per annum. "
            "The lowest spinal column point is £21,968.")
    assert [(f["min_gbp"], f["max_gbp"]) for f in _kind(extract_text(text), "salary")] == [(145000, 145000)]


@pytest.mark.parametrize("text,name,category", [
    ("Bolton Council\n\nOur Chief Executive is Sue Johnson.\n", "Sue Johnson", "chief_executive"),
    ("Wigan Council's Director of Children's Services is Paul Hughes.", "Paul Hughes", "dcs"),
])
def test_a_post_named_before_its_holder_with_is(extractor, text, name, category):
    from councildocs.ingest.models import RepairedDocument

    document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
    people = [f.fields for f in extractor.extract(document).facts if f.kind == "person"]
    assert [(p["name"], p["role_category"], p["status"]) for p in people] == [(name, category, "incumbent")]
    assert "\n" not in people[0]["role"] and not people[0]["role"].startswith("Bolton")  # the post stays on its line


@pytest.mark.parametrize("text", [
    # b43: the rate's own words place it in the nation, though a council is named before it
    "Tackling child poverty remains a key priority for East Ayrshire Council as an estimated 26% of children are "
    "still living in poverty in Scotland.",
    # b43: the second end of a change shares the first end's words (a free-school-meals share)
    "Wokingham Borough Council heard that child poverty was rising; the number of pupils eligible for free school "
    "meals had increased from 5% in 2013 to 9% now.",
])
def test_a_nation_s_rate_and_a_free_school_meals_change_are_no_council_s_poverty_rate(extract_text, text):
    assert _kind(extract_text(text), "poverty_rate") == []


def test_a_council_s_rate_beside_the_nation_s_is_still_found(extract_text):
    text = "In Glasgow City Council's area 30% of children live in poverty, against 24% of children in poverty in Scotland."
    assert [(f["authority"], f["percent"]) for f in _kind(extract_text(text), "poverty_rate")] == [("S12000049", 30.0)]


def test_costs_nine_words_before_a_figure_still_govern_it(extract_text):
    # b42: recruitment costs, not a post's pay
    text = ("Herefordshire Council noted that the additional costs of recruiting to this post will be capped at a "
            "maximum of £20k.")
    assert _kind(extract_text(text), "salary") == []


def _extract(extractor, text):
    """The real pipeline (with the model's recogniser and parser) on a text as a document."""
    from councildocs.ingest.models import RepairedDocument

    document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
    return extractor.extract(document)


def _people(extractor, text):
    return _kind(_extract(extractor, text), "person")


def test_names_a_table_row_runs_together_are_two_people(extractor):
    # b42: a convener and a vice-convener on one row of a flattened table
    text = ("Aberdeen City Council\n\nCouncillor Steve Delaney was appointed as Depute Provost. Councillors Alex Nicoll "
            "and Ian Yuill were appointed as Co-Leaders of the Council.\n\nCommittee Convener Vice Convener\n"
            "Licensing Committee Gill Al-Samarai Steve Delaney\n")
    names = {p["name"] for p in _people(extractor, text)}
    assert "Steve Delaney" in names and "Alex Nicoll" in names
    assert not any(len(n.split()) >= 4 or n.startswith("Councillors") for n in names)


@pytest.mark.parametrize("heading", ["Special Responsibilities", "Joint Briefings", "Returning Officers"])
def test_plural_headings_are_no_names(extractor, heading):
    # b45: a members' allowances scheme's headings above a post
    text = f"Trafford Council members' allowances scheme\n\n{heading}\nLeader of the Council\n\nA basic allowance is paid."
    assert [p["name"] for p in _people(extractor, text)] == []


@pytest.mark.parametrize("text,name,role", [
    # b44, b43: a post in brackets after its holder, with a statutory section's number or as a champion
    ("Gwynedd Council\n\nApologies were received from Emyr Williams (Chief Executive) and Dewi Morgan (Section 151 "
     "Officer).", "Dewi Morgan", "Section 151 Officer"),
    ("Plymouth City Council\n\nFather Sam Philpott (Child Poverty Champion) presented the annual update.",
     "Sam Philpott", "Child Poverty Champion"),
])
def test_a_post_in_brackets_with_a_section_number_or_a_champion(extractor, text, name, role):
    assert any(p["name"] == name and p["role"] == role for p in _people(extractor, text))


def test_a_council_name_whose_words_a_table_glued_together_is_read_not_a_crash(extractor):
    # b45: a PDF notice whose cells run words together ("LondonBorough ofHackney") beside a figure glued to a
    # name, so the name is matched on tokens that have no space between them
    text = "Election of the Mayor of the LondonBorough ofHackney\nIsle of Anglesey68,877 residents\n"
    from councildocs.ingest.models import RepairedDocument

    document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
    doc = extractor.annotate(document)
    assert "E09000012" in {m.gss for m in doc._.dcs_authority_mentions}


def test_an_item_of_a_dashed_list_is_its_own_sentence(extract_text):
    # b47 development part: the next item's share of households is not the child-poverty rate of the item before
    text = ("Scottish Borders Council: current child poverty statistics:\n"
            "- 15.9% of children in the Scottish Borders still live in poverty before housing costs\n"
            "- 15.8% of households in the region receive Universal Credit.")
    assert sorted(f["percent"] for f in _kind(extract_text(text), "poverty_rate")) == [15.9]


@pytest.mark.parametrize("text", [
    # b47 development part, each in the words a real paper used
    "Cardiff Council noted that around 3,164,000 people were living in Wales on 30 June 2023.",
    "Cardiff Council noted that people aged 65 or older made up a fifth (21.6%, or 682,000 people) of residents.",
    "Wiltshire Council heard that Manchester City Council estimated that they lost 10,000 people from the count.",
])
def test_a_nations_count_a_share_and_a_loss_are_not_a_councils_population(extract_text, text):
    assert _kind(extract_text(text), "population") == []


@pytest.mark.parametrize("text,name,role", [
    # b45 and b49 development parts: a notice signed on the line that gives its date, the post on the next
    ("A poll will be taken on Thursday 7 May 2015.\nDated Thursday 9 April 2015      Sean Harriss\nActing Returning Officer\n",
     "Sean Harriss", "Acting Returning Officer"),
    ("Dated Friday, 1 February 2019 Kathy O'Leary\nReturning Officer\n", "Kathy O'Leary", "Returning Officer"),
    # b44 and b48 development parts: a web page's contact line with a no-break space before the telephone number
    ("Venue: Virtual Meeting.\n\nContact: Lowri Haf Evans\u00a0 01286 679878\n", "Lowri Haf Evans", "contact"),
])
def test_a_notices_signature_and_a_contact_line_name_their_person(extractor, text, name, role):
    assert (name, role) in [(p["name"], p["role"]) for p in _people(extractor, text)]


def test_it_is_the_council_its_paragraph_is_about(extract_text):
    # b51 development part: the last council named before "It" is the county the district lies in
    text = ("High Peak Borough Council is a local authority that occupies the North West of Derbyshire, the second "
            "biggest district in Derbyshire after Derbyshire Dales. 30% of the district is rural.\n"
            "It serves 90,900 residents (2021 Census) living in the towns of Buxton and Glossop.")
    assert [(f["authority"], f["value"]) for f in _kind(extract_text(text), "population")] == [("E07000037", 90900)]


def test_a_second_count_after_and_over_is_an_age_band_not_a_threshold(extract_text):
    # b51 development part: "people and over 37,000" is no threshold, and the 37,000 aged 65 or over are not everyone
    text = "St Helens is home to 180,585 people and over 37,000 people are aged 65 or over (21% of population)."
    assert [(f["authority"], f["value"]) for f in _kind(extract_text(text), "population")] == [("E08000013", 180585)]


@pytest.mark.parametrize("text,name,role", [
    # b50 and b52 development parts: a holder, "is the", then the post; the sentence going on is not the post
    ("Mark Billington is the Service Director for People and Places and has management responsibility for Operations.",
     "Mark Billington", "Service Director for People and Places"),
    ("Lynda Poole is the Assistant Director for Access and Achievement in Children’s Services.",
     "Lynda Poole", "Assistant Director for Access and Achievement in Children’s Services"),
])
def test_a_holder_is_the_post(extractor, text, name, role):
    assert (name, role) in [(p["name"], p["role"]) for p in _people(extractor, text)]


def test_a_list_item_names_the_post_its_figure_pays(extract_text):
    # b53 development part: the third item has no colon, and the post of the item before is not its post
    text = ("Chesterfield Borough Council: the senior salary information as at 31 March 2024 is as follows:\n"
            "- Chief executive: £121,706\n- Executive director: £101,315\n- Statutory Chief Officer £83,409\n")
    found = [(f["role"], f["max_gbp"]) for f in _kind(extract_text(text), "salary")]
    assert found == [("Chief executive", 121706), ("Executive director", 101315), ("Statutory Chief Officer", 83409)]


@pytest.mark.parametrize("text,expected", [
    # b51, b52, b53 development parts
    ("Located in the centre of Britain, with a growing population of over 77,000 people, Tamworth is a borough "
     "with much to be proud of.", [("E07000199", 77000)]),
    ("Central Bedfordshire Council will focus on:\n\n  • protecting the environment\n"
     "  • supporting the health and wellbeing of our 290,000 residents\n  • delivering homes\n", [("E06000056", 290000)]),
    ("Bournemouth, Christchurch and Poole Council employs 5107 people and provides services to around 400,000 residents.",
     [("E06000058", 400000)]),
])
def test_whose_count_and_which_count_is_the_residents(extractor, text, expected):
    assert [(f["authority"], f["value"]) for f in _kind(_extract(extractor, text), "population")] == expected


@pytest.mark.parametrize("text,expected", [
    # b56 development part: how census and area pages give the residents
    ("In Uttlesford, the population size has increased by 14.9%, from around 79,400 in 2011 to 91,300 in 2021.",
     [("E07000077", 91300), ("E07000077", 79400)]),
    ("The first results from the 2011 Census estimate the population of Birmingham at 1,073,000.", [("E08000025", 1073000)]),
    ("Birmingham’s population has been estimated at 1,073,000 by the Office of National Statistics.", [("E08000025", 1073000)]),
    ("Walsall Borough main towns: Bloxwich, Willenhall and Walsall town centre.\n\n"
     "Walsall had an estimated 286,700 residents in 2021 (2021 Census). Hence the adult population 18+ was estimated to be "
     "224,100 people in 2021.", [("E08000030", 286700)]),
    # b55 development part: a survey's answer is some residents
    ("Milton Keynes Council: 15,800 residents say their day to day activities are limited a lot.", []),
])
def test_census_and_area_pages(extractor, text, expected):
    assert [(f["authority"], f["value"]) for f in _kind(_extract(extractor, text), "population")] == expected


def test_a_resolution_that_a_role_be_shared_proposes_it(extract_text):
    # b54 development part: "That … be shared" is what a report recommends, not what is in place
    text = ("Malvern Hills District Council and Wychavon District Council: that the currently vacant Head of Housing "
            "and Planning role at Wychavon be shared across both councils.")
    posts = [f for f in _kind(extract_text(text), "shared_post")]
    assert [(p["post"], p["status"]) for p in posts] == [("Head of Housing and Planning", "proposed")]


@pytest.mark.parametrize("text,expected", [
    # ANNOTATION.md: a partnership with businesses, the NHS or the police only is no partnership between councils
    ("Redcar and Cleveland Council and Middlesbrough Council work very closely in partnership with businesses.", []),
    ("Redcar and Cleveland Council works in partnership with Middlesbrough Council on waste.", [["E06000002", "E06000003"]]),
])
def test_in_partnership_with_names_a_council_or_is_no_partnership(extract_text, text, expected):
    assert [sorted(f["authorities"]) for f in _kind(extract_text(text), "partnership")] == expected


@pytest.mark.parametrize("text,expected", [
    ("High Peak Borough Council occupies the North West of Derbyshire, the second biggest district in Derbyshire.\n"
     "It serves 90,900 residents.", [("E07000037", 90900)]),
    # an expletive "it" stands for nothing: the figure is not the paragraph's subject's
    ("High Peak Borough Council occupies the North West of Derbyshire, the second biggest district in Derbyshire.\n"
     "It is estimated that 800,000 people live there.", [("E10000007", 800000)]),
])
def test_it_refers_back_only_when_it_stands_for_something(extractor, text, expected):
    assert [(f["authority"], f["value"]) for f in _kind(_extract(extractor, text), "population")] == expected


@pytest.mark.parametrize("text,expected", [
    # b61 development part: the bracketed figure after a region or nation is that area's rate, not the council's
    ("Based on HMRC data, 14.0% of children in Barnet aged under 16 were in low income families, which was lower "
     "than both London (18.8%) and England (17.0%).", [("E09000003", 14.0)]),
    ("Child poverty in Gateshead stood at 22% of children, above the North East (19%) figure.", [("E08000037", 22.0)]),
    # b64 development part: fuel poverty is another measure
    ("Fuel poverty levels in Angus remain static at 20% from 2018/19.", []),
])
def test_an_areas_bracketed_rate_and_other_kinds_of_poverty_are_not_the_councils_rate(extractor, text, expected):
    assert [(f["authority"], f["percent"]) for f in _kind(_extract(extractor, text), "poverty_rate")] == expected


def test_it_that_rose_is_the_poverty_measure_of_the_item_before(extractor):
    # a motion's lettered items: "c)" starts a sentence of its own, and its "it has risen" is the measure of "b)"
    text = ("This Council notes:\n\nb) Child poverty rates in the North East have risen from 26 per cent to 38 per cent.\n\n"
            "c) Within Darlington it has risen from 25.9 per cent to 39.5 per cent.")
    rates = [(f["authority"], f["percent"]) for f in _kind(_extract(extractor, text), "poverty_rate")]
    assert ("E06000005", 39.5) in rates and all(percent != 25.9 for _, percent in rates)


def test_a_numbered_resolution_item_is_a_sentence_of_its_own(extractor):
    # b63 development part: item (3) does not run into item (2)'s council, so its agreement is Harrow's with Barnet
    text = ("Harrow Council Cabinet resolved:\n(1) Barnet Council's continuing commitment to the shared legal practice be welcomed;\n"
            "(2) Slough Borough Council be advised of Harrow's ongoing willingness to provide their legal services; and\n"
            "(3) the Director of Legal Services be authorised to agree an extension to the Inter Authority Agreement with "
            "the London Borough of Barnet until 2027.")
    partnerships = [sorted(f["authorities"]) for f in _kind(_extract(extractor, text), "partnership")]
    assert sorted(["E09000003", "E09000015"]) in partnerships


@pytest.mark.parametrize("text,expected", [
    # b64 development part: a vote's list with a comma after its head
    ("For the Motion (4) Councillors, Gatt, Brown, Allan and Eagle", ["Allan", "Brown", "Eagle", "Gatt"]),
    # a comma after "Councillors" and fewer than three names is prose, not a list
    ("Both councils remain sovereign bodies with their own elected Councillors, Cabinets and Leaders.", []),
])
def test_a_councillors_list_after_a_comma(extractor, text, expected):
    assert sorted(f["name"] for f in _kind(_extract(extractor, "Moray Council\n\n" + text), "person")) == expected


@pytest.mark.parametrize("text,expected", [
    # b60 development part: an officer placed at another council's disposal under a section 113 agreement
    ("Cabinet agreed to make an agreement with Gravesham Borough Council to place Medway Council's Chief Legal Officer "
     "at the disposal of Gravesham Borough Council for the purpose of his designation as Monitoring Officer.",
     [(["E06000035", "E07000109"], "other")]),
    # b3 development part: "the council" is the paper's own (Herefordshire's, by its heading)
    ("Herefordshire Council\n\nShropshire's DPH had been seconded to the council on a part-time basis since 2015.",
     [(["E06000019", "E06000051"], "dph")]),
    # b30 development part: the role it fulfils at the other council is the post
    ("Peterborough City Council approved an agreement to permit the Corporate Director: Resources to fulfil the role of "
     "Section 151 officer at East Cambridgeshire District Council part-time.", [(["E06000031", "E07000009"], "other")]),
    # b65 development part: a post one council hosts and another funds
    ("The DPH post will be hosted by Reading Borough Council and jointly funded by West Berkshire Council.",
     [(["E06000037", "E06000038"], "dph")]),
    # seconded to a body that is no council: no second council
    ("Leeds City Council's Director of Public Health has been seconded to NHS England for six months.", []),
])
def test_an_officer_placed_with_another_council_is_a_shared_post(extractor, text, expected):
    posts = _kind(_extract(extractor, text), "shared_post")
    assert [(sorted(p["authorities"]), p["role_category"]) for p in posts] == expected


@pytest.mark.parametrize("text,expected", [
    # b62 development part: Kingston beside Sutton, a London borough, is Kingston upon Thames
    ("A new HR service is the latest of the services shared by Sutton and Kingston councils.", [["E09000021", "E09000029"]]),
    # b53 development part: the paper's own council and the one providing the service
    ("Tandridge District Council\n\nEnvironmental Health is provided as a shared service by Mole Valley District Council.",
     [["E07000210", "E07000215"]]),
])
def test_services_shared_by_named_councils_are_a_partnership(extractor, text, expected):
    assert [sorted(f["authorities"]) for f in _kind(_extract(extractor, text), "partnership")] == expected


@pytest.mark.parametrize("text,expected", [
    # b65 development part: councils known by the short name or initials they use for themselves
    ("Dorset Council will disaggregate the shared public health service after BCP Council's decision to end the agreement.",
     [["E06000058", "E06000059"]]),
    ("The shared services agreement between RBKC and LBHF ended in 2018.", [["E09000013", "E09000020"]]),
])
def test_councils_known_by_their_own_short_names(extractor, text, expected):
    assert [sorted(f["authorities"]) for f in _kind(_extract(extractor, text), "partnership")] == expected


@pytest.mark.parametrize("text,expected", [
    # a range its own words call nothing, with a post only in another block of the paper: no fact
    ("Director of Children's Services\n\nThe service review covered several teams across the borough.\n\n"
     "Property repairs in the year ran at £60,000 - £75,000 across the estate.", []),
    # the same range in an organisation chart's box, under its post with no blank line between: the post's pay
    ("Director of Children's Services\nSM2\n£60,000 - £75,000", [(60000, 75000)]),
    # a grading level is pay, even with the post in the sentence before (b1 development part)
    ("The Director of Public Health is a statutory post.  The current substantive grading level was SS4 "
     "(£105,566 to £116,346).", [(105566, 116346)]),
])
def test_a_range_is_pay_only_when_its_words_or_its_post_beside_it_say_so(extractor, text, expected):
    assert [(f["min_gbp"], f["max_gbp"]) for f in _kind(_extract(extractor, "Leeds City Council\n\n" + text), "salary")] == expected


@pytest.mark.parametrize("line,name", [
    # committee pages (modern.gov) set a column gap of two spaces after the contact's name: b35, b59, b61
    ("Contact: Eleanor Mulligan  Head of Democratic Services", "Eleanor Mulligan"),
    ("Contact: Andrew Beesley  Email: a.beesley@example.gov.uk 01708 432437", "Andrew Beesley"),
])
def test_a_contact_lines_name_ends_at_the_column_gap(extractor, line, name):
    text = f"Newport City Council\n\nVenue: Civic Centre\n\n{line}\n\nItems"
    assert [f["name"] for f in _kind(_extract(extractor, text), "person")] == [name]


def test_an_inspection_reports_inspectors_and_not_its_table_header(extractor):
    # b68 development part (Ofsted reports as published): "HMI" is a post; a signature line's title over a
    # table's TAB-separated header names no one
    text = ("Kingston upon Hull City Council\n\nLead inspector: Louise Hollick, His Majesty's Inspector\n\n"
            "Judgement\tGrade\nOverall effectiveness\tGood\n\nChris Pollitt, Ofsted HMI\n")
    names = sorted(f["name"] for f in _kind(_extract(extractor, text), "person"))
    assert names == ["Chris Pollitt", "Louise Hollick"]


@pytest.mark.parametrize("text,expected", [
    # b55 and b37 development parts: a plural title before a list of names is each one's
    ("Hart District Council\n\nThe two joint Chief Executives, Daryl Phillips and Patricia Hughes, lead the council.",
     ["Daryl Phillips", "Patricia Hughes"]),
    # b52 development part: a word run into a name where a line break was lost is not a person's name
    ("Watford Borough Council\n\nCouncillors Ann Shaw and Dorothy ThonhillSpeaking after the committee met, they agreed.",
     ["Ann Shaw"]),
])
def test_a_title_before_a_list_of_names_is_each_ones(extractor, text, expected):
    assert sorted(f["name"] for f in _kind(_extract(extractor, text), "person")) == expected


def test_a_committees_members_surname_first_who_hold_an_office(extractor):
    # b66 development part: a Hansard committee's membership; a constituency in brackets is a seat, not a post
    text = ("Draft Buckinghamshire (Structural Changes) Regulations 2019\n\nThe Committee consisted of the following Members:\n\n"
            "† Courts, Robert (Witney) (Con)\n\n† Quin, Jeremy (Lord Commissioner of Her Majesty’s Treasury)\n\n"
            "† Sunak, Rishi (Parliamentary Under-Secretary of State for Housing, Communities and Local Government)\n")
    people = {f["name"]: f["role"] for f in _kind(_extract(extractor, text), "person")}
    assert people == {"Jeremy Quin": "Lord Commissioner of Her Majesty’s Treasury",
                      "Rishi Sunak": "Parliamentary Under-Secretary of State for Housing, Communities and Local Government"}


@pytest.mark.parametrize("text,expected", [
    # b73 development part: a column of councillors a line each; the next line's "Cllr" is not a surname
    ("Cheshire Fire Authority\n\nRepresenting Cheshire East Borough Council\n\nCllr D Marren             \n\nCllr D Bailey\n\n"
     "Cllr G Merry\n", ["D Bailey", "D Marren", "G Merry"]),
    # a Scottish title kept at the front of a listed name is not part of it
    ("Scotland Excel Joint Committee\n\nPresent: Bailie Willie Sawers (Dundee City Council); Councillor Jim Paterson "
     "(Renfrewshire Council).", ["Jim Paterson", "Willie Sawers"]),
])
def test_titles_are_not_part_of_names_in_lists(extractor, text, expected):
    assert sorted(f["name"] for f in _kind(_extract(extractor, text), "person")) == expected


def test_a_post_s_terms_of_employment_are_not_a_contract_s_value(extractor):
    # b74 development part: "a 35 hour contract" is the post's hours; the range after it is the post's pay,
    # and "Chief Financial Officer" is a statutory officer's title as much as "Chief Finance Officer"
    text = ("Worcestershire County Council\n\nAppointment of Chief Financial Officer\n\nPanel approved the salary range "
            "for a 35 hour contract, in line with corporate policy, of £79,659 to £87,741 per annum (Chief Officer Band 1).")
    assert [(f["min_gbp"], f["max_gbp"], f["role"]) for f in _kind(_extract(extractor, text), "salary")] == [
        (79659, 87741, "Chief Financial Officer")]
    # the value of a contract is still not pay
    text = "Worcestershire County Council awarded the Chief Financial Officer's audit contract of £79,659 to Grant Thornton."
    assert _kind(_extract(extractor, text), "salary") == []


@pytest.mark.parametrize("title,category", [
    ("Assistant Chief Executive (Resources)", "other"),
    ("Deputy Chief Executive", "other"),
    ("Chief Executive", "chief_executive"),
])
def test_an_assistant_or_deputy_is_not_the_head_of_paid_service(title, category):
    # b77 development part: Torfaen's "Assistant Chief Executive (Communities)"
    from councildocs.extract.roles import categorise_role

    assert categorise_role(title) == category


def test_baillie_is_a_title_as_bailie_is(extractor):
    # b75 development part: Scotland Excel's minute spells the Scottish title "Baillie"
    text = ("Scotland Excel Joint Committee\n\nPresent: Baillie Willie Sawers (Dundee City Council); Councillor Jim Paterson "
            "(Renfrewshire Council).")
    assert sorted(f["name"] for f in _people(extractor, text)) == ["Jim Paterson", "Willie Sawers"]


def test_councils_with_their_counts_in_brackets_in_a_sentence_about_populations(extract_text):
    # b76 development part: Lancashire's mid-year estimates page
    text = ("Blackburn with Darwen (148,772) had the largest mid-year population estimate of the 14 Lancashire authorities "
            "in 2017, followed by Lancaster (142,487), Preston (141,346) and Blackpool (139,870). Within the area, the "
            "numbers of persons aged 65 and over were greatest in Wyre (27,200) and Fylde (26,900).")
    assert sorted((f["authority"], f["value"]) for f in _kind(extract_text(text), "population")) == [
        ("E06000008", 148772), ("E06000009", 139870), ("E07000121", 142487), ("E07000123", 141346)]


@pytest.mark.parametrize("text", [
    # b76 development part: counts set beside their share of the residents are some of them, not all
    "Wandsworth Council JSNA: the Borough has 27,000 people over the age of 65 (8%), compared to an average of 11%.",
    "Wandsworth Council JSNA: by 2020, 11,000 people (37%) may be living alone in the borough.",
])
def test_a_count_set_beside_its_share_of_the_residents_is_not_the_population(extract_text, text):
    assert _kind(extract_text(text), "population") == []


@pytest.mark.parametrize("text,expected", [
    # b83 development part: the change and its share come before the count the population reached, and a
    # sentence's span of years is no threshold
    ("Tower Hamlets Council. Between 2011 and 2021 the local population grew by 56,200 (22.1%) to 310,300.", [310300]),
    # b78 development part: a PDF lost the space after the figure
    ("West Sussex County Council. In 2016 843,765people were estimated to be resident in West Sussex.", [843765]),
    # a density is not a count
    ("Tower Hamlets was the most densely populated borough in England with 15,695 residents per square kilometre.", []),
])
def test_what_a_count_of_residents_reached_and_what_is_no_count(extract_text, text, expected):
    assert [f["value"] for f in _kind(extract_text(text), "population")] == expected


@pytest.mark.parametrize("text,expected", [
    # b75 development part: single posts listed, then the councils they serve
    ("Richmond and Wandsworth councils: under the arrangement there is a single Chief Executive and a single Director "
     "of Resources for the two authorities.", [("Chief Executive", "current"), ("Director of Resources", "current")]),
    # b7 development part: "CEO" is the post, and it is to work across both councils
    ("Torfaen County Borough Council and Blaenau Gwent County Borough Council considered a proposal for a single CEO to "
     "work across both councils.", [("CEO", "proposed")]),
    # b59 development part: an arrangement being terminated is ending, not proposed
    ("Termination of shared CEO arrangements between South Somerset District Council and East Devon District Council.",
     [("shared CEO", "former")]),
])
def test_single_posts_that_serve_both_councils_and_arrangements_being_terminated(extractor, text, expected):
    posts = _kind(_extract(extractor, text), "shared_post")
    assert sorted((f["post"], f["status"]) for f in posts) == expected
    assert all(len(f["authorities"]) == 2 for f in posts)


def test_the_second_end_of_another_poverty_measure_is_that_measure_too(extract_text):
    # b78 development part: a list of cost-of-living indicators; fuel poverty "increasing to 9.4% in Worthing" is
    # still fuel poverty, and the children's rate in the next item is the child poverty rate
    text = ("West Sussex County Council.\n- Proportion of households living in fuel poverty (2020)- 8.2% in West Sussex, "
            "increasing to\n9.4% in Worthing.\n- Children in absolute low-income families (2020)- 12% in West Sussex.")
    assert [f["percent"] for f in _kind(extract_text(text), "poverty_rate")] == [12.0]


def test_a_council_after_a_dash_is_never_part_of_a_persons_name(extractor):
    # b86 development part: an attendance list, each member with their council after a dash
    text = (REAL_DEV / "b86_tvca_overview_scrutiny_2019_07.txt").read_text(encoding="utf-8")
    names = {f["name"] for f in _people(extractor, text)}
    assert {"Doris Jones", "Mike Renton", "John Hobson", "Stephen Harker", "Denise Rooney"} <= names
    assert not [n for n in names if re.search(r"Darlington|Middlesbrough|Stockton|Hartlepool", n)]


def test_a_sentence_about_fuel_poverty_gives_no_poverty_rates(extract_text):
    # b88 development part: a Scottish Government page of fuel poverty by council; the child poverty rate after it stays
    text = ("Under the current definition of fuel poverty, the highest rates of fuel poverty were observed on rural and "
            "island areas which were Orkney (57%), Highland (49%) and Argyll & Bute (44%). The lowest fuel poverty rates "
            "were seen in Edinburgh (17%) and East Renfrewshire (21%). In Highland, 22% of children live in poverty.")
    assert [(f["authority"], f["percent"]) for f in _kind(extract_text(text), "poverty_rate")] == [("S12000017", 22.0)]


@pytest.mark.parametrize("text,expected", [
    # a town's or a ward's rate named after it is not the council's
    ("West Sussex County Council. Child poverty in West Sussex is 12.9%, with 18.2% in Bognor Regis and 17% in "
     "Littlehampton.", [("E10000032", 12.9)]),
    # parts of the area written in common words
    ("West Sussex County Council. In the coastal towns 15.6% of children live in poverty compared to 10.2% in "
     "non-coastal areas.", []),
])
def test_a_rate_for_a_town_ward_or_part_of_the_area_is_not_the_councils(extract_text, text, expected):
    assert [(f["authority"], f["percent"]) for f in _kind(extract_text(text), "poverty_rate")] == expected


@pytest.mark.parametrize("text,expected", [
    # b90 development part: how council pages state their census and estimates
    ("Perth and Kinross Council. The population of Perth and Kinross on Census day was 146,652.", [146652]),
    ("Argyll and Bute Council. Mid-year estimates calculated Argyll and Bute's population to be 85,570.", [85570]),
    ("Harrow Council. The 2011 census for Harrow recorded 239,100 people.", [239100]),
    # … and the counts beside them that are some of the residents
    ("Argyll and Bute Council. Approximately 17.1% of Argyll and Bute’s population (15,105 people) live on islands.", []),
    ("Aberdeen City Council. The 75 and over age group was the smallest, with a population of 17,517.", []),
    ("Swansea Council. The latest official estimates suggest a non-white ethnic population of around 14,300.", []),
])
def test_census_counts_and_the_parts_of_the_population_beside_them(extract_text, text, expected):
    assert [f["value"] for f in _kind(extract_text(text), "population")] == expected


@pytest.mark.parametrize("text,expected", [
    # b101 and b84 development parts: the council where the children live, and "below the breadline"
    ("Stirling Council. 24% of all children in Clackmannanshire and 20% in Stirling, are living in poverty.",
     [("S12000005", 24.0), ("S12000030", 20.0)]),
    ("Brent Council. 43% of children in the borough were living below the breadline, after housing costs.",
     [("E09000005", 43.0)]),
    # b89 development part: a council "tops the table" in the sentence that goes on comparing
    ("Orkney Islands Council. Research shows that 22.7 per cent of children in Orkney are living in poverty. "
     "Glasgow tops the table at 32.2 per cent and the national average is 24 per cent.",
     [("S12000023", 22.7), ("S12000049", 32.2)]),
    # b43 and b111 development parts: millions of children are a nation's; a charity's own clients are no area
    ("Wiltshire Council. It was noted that a total of 17% (2.3million) children were living in poverty.", []),
    ("Wokingham Borough Council heard that 33% of the families supported by First Days had one adult in work; "
     "some low income families had dropped out of the job market.", []),
])
def test_whose_poverty_rate_and_what_is_not_one(extract_text, text, expected):
    rates = _kind(extract_text(text), "poverty_rate")
    assert sorted((r["authority"], r["percent"]) for r in rates) == sorted(expected)


@pytest.mark.parametrize("text,expected", [
    # b114 and b108 development parts
    ("Rochdale Borough Council. The population of the borough of Rochdale has increased to 223,773.",
     [("E08000005", 223773, "all")]),
    ("Plymouth City Council. There are approximately 51,000 children in the city under the age of 18 years.",
     [("E06000026", 51000, "under_18")]),
    ("Plymouth City Council. There are approximately 21,000 children in the city under the age of 5.", []),
])
def test_populations_written_as_a_borough_of_or_under_the_age_of(extract_text, text, expected):
    found = _kind(extract_text(text), "population")
    assert [(p["authority"], p["value"], p["group"]) for p in found] == expected


def test_a_shared_managing_director_is_a_shared_post_and_its_heading_no_person(extract_text):
    # b44 development part: a paper's heading, with its councils joined by ampersands
    extraction = extract_text("Joint Proposal for a shared Managing Director & Commissioning Director for Gloucester "
                              "City Council & Gloucestershire County Council.")
    posts = _kind(extraction, "shared_post")
    assert [(p["post"], p["authorities"], p["status"]) for p in posts] == [
        ("shared Managing Director", ["E07000081", "E10000013"], "proposed")]
    assert _kind(extraction, "person") == []


@pytest.mark.parametrize("stem,not_names", [
    # development parts: headings and boilerplate in title case, and a motion's next sentence
    ("b64_bridgend_council_ccr_city_deal_minute_negative", {"Assurance Framework"}),
    ("b77_essex_chief_officers_pay_committee_oct_2016", {"Standard Items"}),
    ("b89_rotherham_child_poverty_motion_two_child_cap", {"Currie That"}),
    ("b44_gloucester_shared_managing_director_county", {"Joint Proposal"}),
])
def test_headings_and_function_words_are_not_names(extractor, stem, not_names):
    from councildocs.ingest.reader import read_document

    people = [f.fields for f in extractor.extract(read_document(REAL_DEV / f"{stem}.txt")).facts if f.kind == "person"]
    assert not {p["name"] for p in people} & not_names


@pytest.mark.parametrize("text,status", [
    # b93 development part: when a decision was taken says nothing of the post ending
    ("Redditch Borough Council had previously agreed to share the full costs of the post of Joint Chief Executive "
     "with Bromsgrove District Council.", "current"),
    ("Bridgend, Cardiff and the Vale of Glamorgan councils. Members declared an interest as they knew one of the "
     "candidates for the position of Head of Shared Regulatory Services.", "proposed"),
])
def test_the_status_of_a_shared_post(extract_text, text, status):
    assert [p["status"] for p in _kind(extract_text(text), "shared_post")] == [status]


def test_names_under_an_officers_heading_hold_the_post_officer(extract_text):
    # b73 development part: a joint committee's attendance, officers listed with no post of their own
    text = ("Medway Council. In attendance: Councillor Morris (substitute member for Swale Borough Council), "
            "Officers: James Freeman, Anthony Law, Angela Riches and Kevin Woolmer")
    people = {p["name"]: p["role"] for p in _kind(extract_text(text), "person")}
    assert {n: people.get(n) for n in ("James Freeman", "Anthony Law", "Angela Riches", "Kevin Woolmer")} == {
        "James Freeman": "Officer", "Anthony Law": "Officer", "Angela Riches": "Officer", "Kevin Woolmer": "Officer"}


@pytest.mark.parametrize("stem,name", [
    # development parts: a hyphened post ("Vice-Chairman") after a name with initials
    ("b86_thames_valley_police_crime_panel_2012_07", "K Mallon"),
    ("b73_breckland_arp_joint_committee_2010", "F Brown"),
])
def test_a_hyphened_post_is_a_post(extractor, stem, name):
    from councildocs.ingest.reader import read_document

    people = {f.fields["name"]: f.fields["role"] for f in extractor.extract(read_document(REAL_DEV / f"{stem}.txt")).facts
              if f.kind == "person"}
    assert people.get(name, "").startswith("Vice-Chairman") and not people[name].endswith(" for")


@pytest.mark.parametrize("document,words", [
    # development parts: "arrangements" with no word saying they are between councils
    ("b30_govwales_bridgend_health_board_boundary_negative.txt", "consistency in arrangements"),
    ("b67_wales_estyn_reports_merthyr_monmouthshire.txt", "put arrangements in place"),
    ("b68_ofsted_hull_ilacs_2023.pdf", "private fostering arrangements"),
])
def test_arrangements_are_between_councils_only_when_the_words_say_so(extractor, document, words):
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / document)).facts
    assert not [f for f in facts if f.kind == "partnership" and words in " ".join(f.evidence.text.split())]


@pytest.mark.parametrize("text,members", [
    ("Cheltenham Borough Council and Gloucestershire County Council signed the inter authority agreement for waste.",
     ["E07000078", "E10000013"]),
    # b73 development part: a joint committee named after one council is still a joint committee
    ("NORTH DEVON CREMATORIUM JOINT COMMITTEE\n\nRepresenting North Devon Council: Councillor Ley\n"
     "Representing Torridge District Council: Councillor Hurley", ["E07000043", "E07000046"]),
])
def test_arrangements_whose_words_say_they_are_between_councils(extract_text, text, members):
    assert [p["authorities"] for p in _kind(extract_text(text), "partnership")] == [members]


def test_an_inspection_teams_list_gives_each_name_its_post(extractor):
    # b115 development part: an ILACS report's closing list, published as a PDF
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / "b115_ofsted_hackney_ilacs_2016.pdf")).facts
    people = {f.fields["name"]: f.fields["role"] for f in facts if f.kind == "person"}
    team = ["Anji Parker", "Anne Waterman", "Linda Steele", "Derrick Baughan", "Louise Hocking", "Tara Geere",
            "Natalie Trentham", "Christy Wannop"]
    assert {name: people.get(name) for name in team} == {name: "Team inspector" for name in team}
    assert people.get("Jansy Kelly") == "Lead inspector"


def test_a_name_and_post_in_a_table_cell_is_a_person(extractor):
    # b116 development part: "Harmesh Bhogal, DCS<TAB>Felicity Cox, chief executive officer", a PDF's table row
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / "b116_ofsted_bedford_area_send_2024.pdf")).facts
    people = {f.fields["name"]: f.fields["role_category"] for f in facts if f.kind == "person"}
    assert (people.get("Harmesh Bhogal"), people.get("Felicity Cox")) == ("dcs", "chief_executive")


def test_east_riding_is_the_east_riding_of_yorkshire(extractor):
    # b115 development part: an ILACS report names its council only as "East Riding" beside its figures
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / "b115_ofsted_east_riding_ilacs_2017.pdf")).facts
    figures = {(f.kind, f.fields.get("value") or f.fields.get("percent"), f.fields.get("authority"))
               for f in facts if f.kind in {"population", "poverty_rate"}}
    assert figures == {("population", 63000, "E06000011"), ("poverty_rate", 12.0, "E06000011")}


def test_an_inspection_team_with_grades_and_a_surname_broken_at_its_hyphen(extractor):
    # b119 and b120 development parts, ILACS reports as published PDFs: "Team inspectors: Tracey Metcalfe HMI,
    # …, Nick Stacey Contracted Inspector, …", "Dominic Porter-\nMoore", and a run of "Post: Name" lines
    from councildocs.ingest.reader import read_document

    def people(stem):
        facts = extractor.extract(read_document(REAL_DEV / f"{stem}.pdf")).facts
        return {f.fields["name"]: f.fields["role"] for f in facts if f.kind == "person"}

    cambridgeshire = people("b119_cambridgeshire_ilacs_2014")
    team = ["Tracey Metcalfe", "Steven Gauntley", "Adesua Osime", "Nick Stacey", "Marianick Ellender-Gele", "Cathy Blair"]
    assert {name: cambridgeshire.get(name) for name in team} == {name: "Team inspector" for name in team}
    portsmouth = people("b120_ofsted_portsmouth_ilacs_2014")
    assert portsmouth.get("Dominic Porter-Moore") == "Team inspector" and "Dominic Porter" not in portsmouth
    assert portsmouth.get("Karen McKeown") == "Deputy Lead inspector"


def test_a_range_at_ward_level_and_a_malformed_figure_are_no_councils(extractor):
    # b120 development part: "The city's child poverty rate (24.4%) masks significant differences at ward level,
    # with rates ranging from 6.3% to 48.1%"; "Approximately 42,6163 children …" (a footnote mark glued on)
    from councildocs.ingest.reader import read_document

    def figures(stem, kind):
        facts = extractor.extract(read_document(REAL_DEV / f"{stem}.pdf")).facts
        return {f.fields.get("percent") or f.fields.get("value") for f in facts if f.kind == kind}

    assert figures("b120_ofsted_portsmouth_ilacs_2014", "poverty_rate") == {24.4}
    assert 6163 not in figures("b120_ofsted_north_somerset_ilacs_2017", "population")


def test_what_some_people_do_is_no_population_and_a_share_of_adults_no_poverty_rate(extractor):
    # b122 development part, a published needs profile (PDF): "8,970 people provide unpaid care";
    # "3,470 people of working age on out of work benefits (4.5% of 16-64 year old population)"
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / "b122_crawley_jsna_data_profile_2024.pdf")).facts
    assert 8970 not in {f.fields["value"] for f in facts if f.kind == "population"}
    assert 4.5 not in {f.fields["percent"] for f in facts if f.kind == "poverty_rate"}


def test_councils_listed_before_one_bracketed_rate_each_have_it(extractor):
    # b39 development part, a Scottish Government statistics release: "Children were more likely to live in families
    # with limited resources in West Dunbartonshire and Dundee City (30%), Glasgow City (25%), …" (its measure of
    # low income and material deprivation, which "in families with" does not make one kind of family's rate)
    from councildocs.extract.gazetteer import load_gazetteer
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / "b39_govscot_children_limited_resources_2017_2019.txt")).facts
    gazetteer = load_gazetteer()
    rates = {gazetteer.get(f.fields["authority"]).nice_name: f.fields["percent"] for f in facts if f.kind == "poverty_rate"}
    assert rates == {"West Dunbartonshire": 30.0, "Dundee City": 30.0, "Glasgow City": 25.0, "Midlothian": 24.0,
                     "North Lanarkshire": 24.0, "City of Edinburgh": 10.0, "Aberdeenshire": 9.0,
                     "East Dunbartonshire": 8.0, "Orkney Islands": 8.0, "East Renfrewshire": 7.0}


def test_a_post_of_both_named_councils_is_shared(extractor):
    # b121 development part, a council's page: "Since early 2022, I have served as the Chief Executive of both
    # Rochford District Council and Brentwood Borough Council."
    from councildocs.ingest.reader import read_document

    facts = extractor.extract(read_document(REAL_DEV / "b121_brentwood_strategic_partnership_page.txt")).facts
    shared = [(f.fields["post"], f.fields["authorities"], f.fields["status"]) for f in facts if f.kind == "shared_post"]
    assert shared == [("Chief Executive", ["E07000068", "E07000075"], "current")]


def test_a_shared_post_with_another_council_is_shared_by_both(extract_text):
    # b121 development part's shape ("the post of … will be a shared post with Waverley Borough Council"), with a
    # post the recogniser knows: the other council is the one the sentence names before
    facts = _kind(extract_text("Guildford Borough Council agreed that the Director of Finance will be a shared post "
                               "with Waverley Borough Council."), "shared_post")
    assert [(f["post"], f["authorities"], f["status"]) for f in facts] == [
        ("Director of Finance", ["E07000209", "E07000216"], "proposed")]


def test_an_age_bands_count_is_no_population(extractor):
    # b123 development part, two published needs assessments (PDF): "Mid Sussex has the largest youth population
    # (around 16,500 people)", "around 86,300 residents in this age group", "Over 5,000 people 65+ were carers"
    from councildocs.ingest.reader import read_document

    def populations(stem):
        facts = extractor.extract(read_document(REAL_DEV / f"{stem}.pdf")).facts
        return {f.fields["value"] for f in facts if f.kind == "population"}

    assert not {16500, 86300} & populations("b123_west_sussex_ypna_population_briefing_2025")
    assert 5000 not in populations("b123_arun_people_and_challenges_jsna_2019")
