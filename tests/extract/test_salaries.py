import pytest

CASES = [
    ("Wandsworth Council seeks a Director of Children's Services. Salary: £113,205 - £138,362.", 113205, 138362, "dcs", ["E09000032"]),
    ("The salary for the Director of Children's Services at Leeds City Council is between £113,205 and £138,362.", 113205, 138362, "dcs", ["E08000035"]),
    ("Leeds City Council: Director of Children's Services, £120k–£135k.", 120000, 135000, "dcs", ["E08000035"]),
    ("Kent County Council is recruiting a Director of Adult Social Services on £125,000 to £140,000 per annum.", 125000, 140000, "dass", ["E10000016"]),
    ("Kent County Council is recruiting a Chief Executive on a salary of up to £150,000.", None, 150000, "chief_executive", ["E10000016"]),
    ("Assistant Director, Education - circa £130k. Apply to Bristol City Council.", 130000, 130000, "assistant_director", ["E06000023"]),
    ("Salary: £165,000. The post is Director of Public Health at Manchester City Council.", 165000, 165000, "dph", ["E08000003"]),
    ("Norfolk County Council has confirmed Tessa Grimwood as its Executive Director of Children’s Services. "
     "Grimwood was chosen from a shortlist of four and will be paid £158,000 a year.", 158000, 158000, "dcs", ["E10000020"]),
    ("Havering Council: Director of Adult Social Services. The post is paid on the JNC Director scale, spinal points 4–7: "
     "£104,850 rising to £117,990.", 104850, 117990, "dass", ["E09000016"]),
]


def test_day_rates_keep_their_period(extract_text):
    text = "West Northamptonshire Council needs an Interim Director of Children's Services. Rate: £950 per day, inside IR35."
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert (salary.fields["min_gbp"], salary.fields["max_gbp"], salary.fields["period"]) == (950, 950, "day")


def test_a_roundup_pays_each_post_by_its_own_council(extract_text):
    text = ("Sandwell Metropolitan Borough Council has appointed Rhys Penhaligon as interim Director of Adult Social Care, "
            "the borough’s statutory Director of Adult Social Services. The council expects to advertise the permanent role "
            "at up to £145,000.\nDoncaster searches for a chief executive\nCity of Doncaster Council is recruiting a new "
            "Chief Executive after Marian Holloway announced that she will step down. The advert offers £175k-£190k.")
    salaries = {f.fields["max_gbp"]: f.fields for f in extract_text(text).facts if f.kind == "salary"}
    assert salaries[145000]["authorities"] == ["E08000028"] and salaries[145000]["role_category"] == "dass"
    assert salaries[190000]["authorities"] == ["E08000017"] and salaries[190000]["role_category"] == "chief_executive"


def test_career_history_neither_employs_nor_names_the_post(extract_text):
    text = ("Essex County Council has appointed Sian Pemble as its Executive Director for Children, Families and Education. "
            "Pemble joins from Suffolk County Council, where she has been director of children’s social care since 2020, "
            "and will start in July on a salary of c.£186,000 plus benefits.")
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert salary.fields["authorities"] == ["E10000012"]
    assert salary.fields["role"] == "Executive Director for Children, Families and Education"


def test_a_colleagues_post_is_not_the_one_paid(extract_text):
    text = ("Hackney Council is recruiting a Director of Public Health. You will report to the Chief Executive. "
            "The salary, £121,000 to £134,000 per annum, is funded by the council.")
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert salary.fields["role_category"] == "dph"


@pytest.mark.parametrize("text,low,high,category,authorities", CASES)
def test_salary_forms(extract_text, text, low, high, category, authorities):
    salaries = [f for f in extract_text(text).facts if f.kind == "salary"]
    assert len(salaries) == 1
    fields = salaries[0].fields
    assert (fields["min_gbp"], fields["max_gbp"]) == (low, high)
    assert fields["role_category"] == category
    assert fields["authorities"] == authorities
    assert fields["period"] == "year"


@pytest.mark.parametrize("text", [
    "Birmingham City Council is investing £9million extra in children's services.",
    "The council has invested an extra £35m in child protection in the past two years.",
    "Wandsworth Council has made savings of £200k in the last year.",
    "Total savings: -£500k -6.5FTE across the Children's Change Programme.",
    "Hampshire County Council's pension scheme: the employer contributes 19.9% of salary, worth more than £35,000 a year.",
    "The £160,000 salary will be split equally, so that each council pays £80,000 towards the post.",
    "A relocation package of up to £20,000 is available to the new Director of Children's Services at Kent County Council.",
])
def test_budgets_and_savings_are_not_salaries(extract_text, text):
    assert [f for f in extract_text(text).facts if f.kind == "salary" and f.fields["max_gbp"] != 160000] == []


def test_shared_post_salary_is_paid_by_both_councils(extract_text):
    text = ("The new Director of Children's Services post will be shared between Peterborough and Cambridgeshire councils. "
            "The salary range is between £113,205 and £138,362.")
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert sorted(salary.fields["authorities"]) == ["E06000031", "E10000003"]


@pytest.mark.parametrize("written,low,high", [
    ("£113,205 - 138,362", 113205, 138362),
    ("£120-135k", 120000, 135000),
    ("£95,000 to 105,000 per annum", 95000, 105000),
])
def test_upper_figure_without_its_pound_sign(extract_text, written, low, high):
    text = f"Kent County Council seeks a Director of Children's Services. Salary: {written}."
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert (salary.fields["min_gbp"], salary.fields["max_gbp"]) == (low, high)


def test_a_pay_tables_minimum_and_maximum_columns_are_one_range(extract_text):
    text = ("Medway Council pay bands\nPost                                   Band   Minimum      Maximum\n"
            "Director of Children’s Services (statutory DCS)   D1   £146,220     £158,904\n"
            "Director of Public Health                         D3   £124,550     £135,210\n")
    ranges = {(f.fields["role_category"], f.fields["min_gbp"], f.fields["max_gbp"]) for f in extract_text(text).facts
              if f.kind == "salary"}
    assert ranges == {("dcs", 146220, 158904), ("dph", 124550, 135210)}


@pytest.mark.parametrize("text", [
    "At Medway Council any new chief officer salary package of £100,000 or more must be approved by Full Council.",
    "At Medway Council the median full-time equivalent salary across the workforce was £29,777.",
])
def test_thresholds_and_statistics_are_not_salaries(extract_text, text):
    assert [f for f in extract_text(text).facts if f.kind == "salary"] == []


def test_a_day_rate_named_before_the_figure(extract_text):
    text = "Warwickshire County Council's interim Director of Children's Services joins on a day rate of £1,150."
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert (salary.fields["max_gbp"], salary.fields["period"]) == (1150, "day")


def test_a_chart_box_band_cap_is_not_a_second_salary(extract_text):
    # one box of an organisation chart: the band is the post's pay, "Max salary" only caps it
    text = ("Priya Kendal\nDirector of Waste and Street Services\nSM3A\n£85,000 - £90,000\nMax salary £88,412\n\n"
            "Tom Ashby\nHead of Libraries\nSM4B\n£60,000 - £65,000\nMax salary\n£63,950\n")
    salaries = [f for f in extract_text(text).facts if f.kind == "salary"]
    pairs = sorted((f.fields["min_gbp"], f.fields["max_gbp"]) for f in salaries)
    assert pairs == [(60000, 65000), (85000, 90000)]


def test_a_band_cap_a_few_lines_below_its_band_is_not_a_salary(extract_text):
    text = ("Head of Parks and Open Spaces\nSM4B\n£60,000 - £65,000\nVacant: recruitment under way\n"
            "Max salary £63,950\n")
    salaries = [f for f in extract_text(text).facts if f.kind == "salary"]
    assert [(f.fields["min_gbp"], f.fields["max_gbp"]) for f in salaries] == [(60000, 65000)]
