import pytest

CASES = [
    ("Wandsworth Council seeks a Director of Children's Services. Salary: £113,205 - £138,362.", 113205, 138362, "dcs", ["E09000032"]),
    ("The salary for the Director of Children's Services at Leeds City Council is between £113,205 and £138,362.", 113205, 138362, "dcs", ["E08000035"]),
    ("Leeds City Council: Director of Children's Services, £120k–£135k.", 120000, 135000, "dcs", ["E08000035"]),
    ("Kent County Council is recruiting a Director of Adult Social Services on £125,000 to £140,000 per annum.", 125000, 140000, "dass", ["E10000016"]),
    ("Kent County Council is recruiting a Chief Executive on a salary of up to £150,000.", None, 150000, "chief_executive", ["E10000016"]),
    ("Assistant Director, Education - circa £130k. Apply to Bristol City Council.", 130000, 130000, "assistant_director", ["E06000023"]),
    ("Salary: £165,000. The post is Director of Public Health at Manchester City Council.", 165000, 165000, "dph", ["E08000003"]),
]


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
])
def test_budgets_and_savings_are_not_salaries(extract_text, text):
    assert [f for f in extract_text(text).facts if f.kind == "salary"] == []


def test_shared_post_salary_is_paid_by_both_councils(extract_text):
    text = ("The new Director of Children's Services post will be shared between Peterborough and Cambridgeshire councils. "
            "The salary range is between £113,205 and £138,362.")
    salary = next(f for f in extract_text(text).facts if f.kind == "salary")
    assert sorted(salary.fields["authorities"]) == ["E06000031", "E10000003"]
