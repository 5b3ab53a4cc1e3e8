"""Tables rendered into the text as TAB-separated rows (issue 13): pay tables give one salary per grade or
post; tables in thousands of pounds, budgets and hourly rates give none. Run on the real pipeline."""

from __future__ import annotations

import pytest

from councildocs.extract.tables import ColumnKind
from councildocs.ingest.models import RepairedDocument

SOMERSET = "E06000066"


def _extract(extractor, text: str):
    document = RepairedDocument(source="t.txt", sha256="0" * 64, media_type="text", pages=1, raw_text=text, text=text)
    return extractor.extract(document)


def _salaries(extractor, text: str) -> list[tuple]:
    """(role, role_category, min, max, period, authorities, evidence) of every salary, evidence checked as a slice."""
    found = []
    for fact in _extract(extractor, text).facts:
        if fact.kind != "salary":
            continue
        ev = fact.evidence
        assert ev.text == text[ev.start:ev.end]
        f = fact.fields
        found.append((f["role"], f["role_category"], f["min_gbp"], f["max_gbp"], f["period"], f["authorities"], ev.text))
    return found


PAY_POLICY = (
    "Somerset Council Pay Policy Statement 2024/25\n\n"
    "4.1 Chief officers are paid on the grades below, agreed by the Employment Committee.\n\n"
    "Grade\tMinimum\tMaximum\n"
    "Chief Executive\t£165,000\t£185,000\n"
    "CO1\t£120,000\t£130,000\n"
    "CO2\t£100,000\t£110,000\n\n"
    "4.2 The statutory officers are paid within these salary bands.\n\n"
    "Post\tSalary band\n"
    "Director of Children's Services\t£120,000 - £130,000\n"
    "Director of Public Health\t£110,000 - 115,000\n"
    "Monitoring Officer\tup to £95,000\n\n"
    "4.3 Progression through the grade is annual, subject to satisfactory performance.\n"
)


def test_a_pay_policy_statements_grade_and_post_tables_give_one_salary_per_row(extractor):
    assert _salaries(extractor, PAY_POLICY) == [
        ("Chief Executive", "chief_executive", 165000, 185000, "year", [SOMERSET], "Chief Executive\t£165,000\t£185,000"),
        ("CO1", "other", 120000, 130000, "year", [SOMERSET], "CO1\t£120,000\t£130,000"),
        ("CO2", "other", 100000, 110000, "year", [SOMERSET], "CO2\t£100,000\t£110,000"),
        ("Director of Children's Services", "dcs", 120000, 130000, "year", [SOMERSET],
         "Director of Children's Services\t£120,000 - £130,000"),
        ("Director of Public Health", "dph", 110000, 115000, "year", [SOMERSET], "Director of Public Health\t£110,000 - 115,000"),
        ("Monitoring Officer", "other", None, 95000, "year", [SOMERSET], "Monitoring Officer\tup to £95,000"),
    ]


def test_the_table_reader_gives_rows_cells_and_what_each_column_holds(extractor):
    doc = extractor.nlp(PAY_POLICY)
    grades, posts = doc._.dcs_tables
    assert [c.kind for c in grades.columns] == [ColumnKind.GRADE, ColumnKind.MINIMUM, ColumnKind.MAXIMUM]
    assert [c.kind for c in posts.columns] == [ColumnKind.POST, ColumnKind.PAY]
    assert [cell.text for cell in grades.header[0].cells] == ["Grade", "Minimum", "Maximum"]
    assert [[PAY_POLICY[c.start:c.end] for c in row.cells] for row in grades.rows] == [
        ["Chief Executive", "£165,000", "£185,000"], ["CO1", "£120,000", "£130,000"], ["CO2", "£100,000", "£110,000"]]
    assert PAY_POLICY[slice(*posts.caption)] == "4.2 The statutory officers are paid within these salary bands."
    assert grades.is_pay_table and posts.is_pay_table


def test_a_senior_pay_table_takes_its_salary_column_not_allowances_pensions_or_totals(extractor):
    text = ("Note 32: Officers' remuneration at Wiltshire Council\n\n"
            "Post\tSalary\tAllowances\tPension contribution\tTotal remuneration\n"
            "Chief Executive\t£172,500\t£1,200\t£31,050\t£204,750\n"
            "Corporate Director of People (statutory DCS and DASS)\t£140,000\t£0\t£25,200\t£165,200\n"
            "Total\t£312,500\t£1,200\t£56,250\t£369,950\n")
    assert _salaries(extractor, text) == [
        ("Chief Executive", "chief_executive", 172500, 172500, "year", ["E06000054"],
         "Chief Executive\t£172,500\t£1,200\t£31,050\t£204,750"),
        ("Corporate Director of People (statutory DCS and DASS)", "dcs_dass", 140000, 140000, "year", ["E06000054"],
         "Corporate Director of People (statutory DCS and DASS)\t£140,000\t£0\t£25,200\t£165,200"),
    ]


def test_a_two_row_header_and_figures_in_pounds_named_by_the_caption(extractor):
    text = ("Chief officer grades at Dorset Council (£ per annum)\n\n"
            "\tSalary\t\n"
            "Grade\tMinimum\tMaximum\n"
            "Chief Officer 1\t125,000\t140,000\n"
            "Chief Officer 2\t105,000\t118,000\n\n"
            "Statutory officers\n\n"
            "Post\tSalary range (£)\n"
            "Director of Public Health\t98,000 – 104,000\n"
            "Headteachers' adviser\t2,000\n")
    assert _salaries(extractor, text) == [
        ("Chief Officer 1", "other", 125000, 140000, "year", ["E06000059"], "Chief Officer 1\t125,000\t140,000"),
        ("Chief Officer 2", "other", 105000, 118000, "year", ["E06000059"], "Chief Officer 2\t105,000\t118,000"),
        ("Director of Public Health", "dph", 98000, 104000, "year", ["E06000059"], "Director of Public Health\t98,000 – 104,000"),
    ]


def test_figures_in_thousands_of_pounds_never_become_salaries(extractor):
    # a budget in £'000 beside running text and an advert's table of particulars: only the advert's pay is a salary
    text = ("Somerset Council Revenue Budget 2024/25\n\n"
            "Table 3: Children's Services budget (£'000)\n\n"
            "Service\t2023/24\t2024/25\n"
            "Salaries and wages\t£45,200\t£46,100\n"
            "Director of Children's Services\t£18,500\t£19,000\n"
            "Premises\t£3,150\t£3,300\n\n"
            "Staffing by directorate\n\n"
            "Directorate\tSalaries £000\tOn-costs £000\n"
            "Children's Services\t£45,200\t£12,100\n"
            "Adult Social Care\t£38,900\t£10,400\n\n"
            "The council is also recruiting, with a competitive salary and pension contributions.\n\n"
            "Job title\tDirector of Children's Services\n"
            "Salary\t£120,000 - £130,000 per annum\n"
            "Location\tTaunton\n")
    salaries = _salaries(extractor, text)
    assert [s[:6] for s in salaries] == [("Director of Children's Services", "dcs", 120000, 130000, "year", [SOMERSET])]


def test_an_hourly_rate_column_is_not_an_annual_salary(extractor):
    text = ("Bath and North East Somerset Council pay scales 2024/25: hourly rates and annual salaries\n\n"
            "Grade\tSpinal point\tHourly rate\tAnnual salary\n"
            "Grade 7\t25\t£16.20\t£31,250\n"
            "Grade 8\t30\t£18.45\t£35,600\n\n"
            "Apprentices are paid by the hour.\n\n"
            "Role\tRate per hour\n"
            "Apprentice\t£15,000\n")
    assert _salaries(extractor, text) == [
        ("Grade 7", "other", 31250, 31250, "year", ["E06000022"], "Grade 7\t25\t£16.20\t£31,250"),
        ("Grade 8", "other", 35600, 35600, "year", ["E06000022"], "Grade 8\t30\t£18.45\t£35,600"),
    ]


@pytest.mark.parametrize("sentence", [
    "This is from £50,000 to £54,999 and then by pay bands of £5,000.",
    "Salaries are published in £5,000 bands, from £50,000 to £54,999 for the lowest.",
])
def test_the_boundaries_of_pay_bands_are_not_a_posts_salary(extractor, sentence):
    text = ("Eden District Council publishes the pay of its Corporate Director of Resources and other senior staff "
            f"in bands. {sentence}\nChief Executive £110,000 to £114,999\n")
    assert [s[:4] for s in _salaries(extractor, text)] == [("Chief Executive", "chief_executive", 110000, 114999)]


def test_a_grade_written_once_beside_its_spinal_points_is_one_range(extractor):
    text = ("Leicestershire County Council chief officer pay\n\n"
            "Grade\tSpinal point\tSalary\n"
            "Director\t1\t£118,000\n"
            "\t2\t£121,500\n"
            "\t3\t£125,000\n"
            "Assistant Director\t1\t£92,000\n"
            "\t2\t£95,500\n"
            "\t\t£400,000\n")
    assert _salaries(extractor, text) == [
        ("Director", "other", 118000, 125000, "year", ["E10000018"], "Director\t1\t£118,000\n\t2\t£121,500\n\t3\t£125,000"),
    ]


def test_the_latest_years_pay_and_lines_indented_with_a_tab_are_not_a_table(extractor):
    text = ("Senior pay at Cornwall Council\n\n"
            "Post\t2023/24 salary\t2024/25 salary\n"
            "Chief Executive\t£180,000\t£186,300\n\n"
            "\tThe Director of Public Health is paid a salary of £125,000 a year.\n"
            "\tThe post reports to the Chief Executive.\n")
    assert [s[:4] + s[6:] for s in _salaries(extractor, text)] == [
        ("Chief Executive", "chief_executive", 186300, 186300, "Chief Executive\t£180,000\t£186,300"),
        ("Director of Public Health", "dph", 125000, 125000,
         "The Director of Public Health is paid a salary of £125,000 a year.")]


def test_a_pay_scale_by_numbered_points_runs_from_the_first_point_to_the_last(extractor):
    text = ("Chief officer pay scales at Dorset Council\n\n"
            "Grade\tPoint 1\tPoint 2\tPoint 3\n"
            "Director\t£100,000\t£102,000\t£104,000\n"
            "Chief Executive\t£150,000\t£155,000\t£160,000\n")
    assert _salaries(extractor, text) == [
        ("Director", "other", 100000, 104000, "year", ["E06000059"], "Director\t£100,000\t£102,000\t£104,000"),
        ("Chief Executive", "chief_executive", 150000, 160000, "year", ["E06000059"],
         "Chief Executive\t£150,000\t£155,000\t£160,000"),
    ]


def test_a_count_of_employees_by_pay_band_is_not_anyones_salary(extractor):
    text = ("Officers' remuneration at Wiltshire Council\n\n"
            "The number of employees whose remuneration was £50,000 or more is shown below.\n\n"
            "Remuneration band\tNumber of employees 2023/24\tNumber of employees 2024/25\n"
            "£50,000 - £54,999\t12\t14\n"
            "£55,000 - £59,999\t8\t9\n"
            "£120,000 - £124,999\t1\t1\n\n"
            "The Chief Executive is paid £172,500.\n")
    assert _salaries(extractor, text) == [
        ("Chief Executive", "chief_executive", 172500, 172500, "year", ["E06000054"], "The Chief Executive is paid £172,500.")]


def test_a_table_continued_on_the_next_page_keeps_its_header(extractor):
    text = ("Somerset Council Pay Policy Statement 2024/25\n\n"
            "Grade\tMinimum\tMaximum\n"
            "Chief Executive\t£165,000\t£185,000\n"
            "CO1\t£120,000\t£130,000\n\n"
            "Page 4 of 12\n\n"
            "Pay Policy Statement 2024/25\n\n"
            "CO2\t£100,000\t£110,000\n"
            "CO3\t£90,000\t£95,000\n\n"
            "Appendix B: Children's Services budget (£'000)\n\n"
            "Service\t2023/24\t2024/25\n"
            "Premises\t£3,150\t£3,300\n\n"
            "Page 5 of 12\n\n"
            "Director of Children's Services\t£18,500\t£19,000\n"
            "Salaries and wages\t£45,200\t£46,100\n")
    assert [s[:4] + s[6:] for s in _salaries(extractor, text)] == [
        ("Chief Executive", "chief_executive", 165000, 185000, "Chief Executive\t£165,000\t£185,000"),
        ("CO1", "other", 120000, 130000, "CO1\t£120,000\t£130,000"),
        ("CO2", "other", 100000, 110000, "CO2\t£100,000\t£110,000"),
        ("CO3", "other", 90000, 95000, "CO3\t£90,000\t£95,000"),
    ]


# b84 development part: a statistics annex saved from a web page as a Markdown table
POPULATION_ANNEX = (
    "Scottish Transport Statistics No 34 2015 Edition\nAnnex 1\n"
    "| Area | Population | \n|---|---|\n"
    "| Aberdeen City | 228,990 | \n| Argyll & Bute | 87,660 | \n| Edinburgh, City of | 492,680 | \n"
    "| Angus (excluding Arbroath) | 92,000 | \n| Scotland | 5,347,600 | \n")


def test_a_markdown_table_is_read_as_rows_and_cells(extractor):
    doc = extractor.nlp(POPULATION_ANNEX)
    (table,) = doc._.dcs_tables
    assert [c.kind for c in table.columns] == [ColumnKind.OTHER, ColumnKind.POPULATION]
    assert [cell.text.strip() for cell in table.header[0].cells] == ["Area", "Population"]
    assert [[POPULATION_ANNEX[c.start:c.end].strip() for c in row.cells] for row in table.rows][:2] == [
        ["Aberdeen City", "228,990"], ["Argyll & Bute", "87,660"]]


def test_a_population_column_gives_each_council_row_its_count(extractor):
    facts = [f for f in _extract(extractor, POPULATION_ANNEX).facts if f.kind == "population"]
    for fact in facts:
        assert fact.evidence.text == POPULATION_ANNEX[fact.evidence.start:fact.evidence.end]
    # a council written with an ampersand or as statistics tables order it is still the council; a part of
    # an area ("excluding Arbroath") and the nation are not
    assert sorted((f.fields["authority"], f.fields["value"]) for f in facts) == [
        ("S12000033", 228990), ("S12000035", 87660), ("S12000036", 492680)]
