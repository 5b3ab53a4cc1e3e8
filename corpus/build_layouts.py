#!/usr/bin/env python3
"""Build the layout corpus: pages laid out as councils lay them out, each with its true reading order.

    .venv/bin/python corpus/build_layouts.py            # rebuild corpus/layouts/ in place
    .venv/bin/python corpus/build_layouts.py --out DIR  # build somewhere else
    .venv/bin/python corpus/build_layouts.py --check    # exit 1 if corpus/layouts/ is out of date

Each page is drawn line by line at fixed positions (fpdf2, DejaVu Sans as the sample corpus uses),
so where every line sits, and so the order a person reads them in, is known. The true text is
written from the same lines in that order: a column top to bottom before the next, full-width
lines in their place, and every table as the reader renders it (a block of TAB-separated rows set
off by blank lines). Files:

    <layout>.pdf        the page
    <layout>.txt        its true text
    manifest.json       toolchain, SHA-256 of every file, and the people named in each column

The council, people and figures are fictional. Deterministic like build_corpus.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF, FontFace

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import build_corpus  # noqa: E402  (corpus/build_corpus.py, beside this script)

OUT = HERE / "layouts"
FAMILY = "sans"
BODY = 10
LINE = 5.0  # mm between body lines
LEFT, RIGHT = 20.0, 190.0  # page margins (A4, mm)


@dataclass
class Page:
    """One layout page as it is drawn, and its text in true reading order."""

    pdf: FPDF
    truth: list[tuple[str, bool]] = field(default_factory=list)  # (text, set off by blank lines: a table, boxes)
    y: float = 22.0
    people: list[list[str]] = field(default_factory=list)  # names, one list per column

    def lines(self, lines: list[str], x: float = LEFT, width: float = RIGHT - LEFT, size: float = BODY,
              style: str = "", gap: float = 2.5, record: bool = True) -> float:
        """Draw ``lines`` one under another from the current y at ``x``; returns the y below them."""
        self.pdf.set_font(FAMILY, style, size)
        for line in lines:
            self.pdf.set_xy(x, self.y)
            self.pdf.cell(width, LINE, line)
            self.y += LINE if size <= 11 else size * 0.5
        if record:
            self.truth.append(("\n".join(lines), False))
        self.y += gap
        return self.y

    def columns(self, left: list[str], right: list[str], split: float = 105.0, left_width: float | None = None,
                size: float = BODY, heading_style: str = "B") -> None:
        """Two columns side by side from the current y, the first line of each in ``heading_style``."""
        top = self.y
        bottoms = []
        for x, lines, width in ((LEFT, left, left_width or split - LEFT - 6), (split, right, RIGHT - split)):
            self.y = top
            self.lines(lines[:1], x, width, size, heading_style, gap=0, record=False)
            self.lines(lines[1:], x, width, size, gap=0, record=False)
            bottoms.append(self.y)
        self.truth.append(("\n".join(left + right), False))
        self.y = max(bottoms) + 4

    def table(self, rows: list[list[str]], widths: tuple[int, ...], aligns: tuple[str, ...] | None = None) -> None:
        """A ruled table (every cell bordered, the first row the header), as councils' Word tables print."""
        self.pdf.set_y(self.y)
        self.pdf.set_font(FAMILY, "", 9.5)
        self.pdf.set_draw_color(90, 90, 90)
        self.pdf.set_line_width(0.2)
        with self.pdf.table(col_widths=widths, text_align=aligns or "LEFT", line_height=5.2, padding=1.5,
                            headings_style=FontFace(emphasis="BOLD", fill_color=(225, 230, 240)),
                            width=sum(widths)) as table:
            for row in rows:
                cells = table.row()
                for text in row:
                    cells.cell(text)
        self.y = self.pdf.get_y() + 5
        self.truth.append((_table_text(rows), True))

    def text(self) -> str:
        """The true text: pieces one per line, a table (or a chart's boxes) set off by a blank line on
        each side."""
        out, previous_apart = "", False
        for piece, apart in self.truth:
            if out:
                out += "\n\n" if apart or previous_apart else "\n"
            out, previous_apart = out + piece, apart
        return out


def _table_text(rows: list[list[str]]) -> str:
    """A table as the reader renders it: a line per row, cells joined by TAB."""
    return "\n".join("\t".join(row) for row in rows)


def _new_page(title: str) -> Page:
    pdf = FPDF(orientation="P", unit="mm", format="A4")
    for style, filename in build_corpus.FAMILIES[FAMILY].items():
        pdf.add_font(FAMILY, style, str(build_corpus.FONT_DIR / filename))
    pdf.set_creation_date(build_corpus.FIXED_DATE)
    pdf.set_title(title)
    pdf.set_author("councildocs layout corpus (fictional document)")
    pdf.set_creator("councildocs corpus/build_layouts.py")
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, 20, 210 - RIGHT)
    pdf.add_page()
    return Page(pdf)


# --------------------------------------------------------------------------- the layouts


def committee_report() -> Page:
    """A cabinet report's last page: recommendations, then the contact block in two columns."""
    page = _new_page("Cabinet report: Children's Services commissioning")
    page.lines(["Thornbury Borough Council", "Cabinet, 12 March 2025"], style="B", size=11)
    page.lines(["Commissioning of residential placements for looked after children"], style="B", size=13)
    page.lines([
        "5. Financial implications",
        "The commissioning framework will be funded from the existing placements budget. No",
        "additional revenue is sought in 2025/26, and savings from the framework are expected",
        "to be reinvested in the council's own children's homes during the following year.",
    ])
    page.lines([
        "6. Recommendations",
        "Cabinet is asked to approve the commissioning framework set out in section 3 and to",
        "delegate the award of contracts to the Director of Children's Services, in consultation",
        "with the Cabinet Member for Children and Families.",
    ], gap=6)
    page.columns(
        ["Contact details:", "Sharon Howard", "Head of Commissioning", "Tel: 01632 960418",
         "sharon.howard@thornbury.example.org"],
        ["Relevant Director:", "Kevin Kasaven", "Director of Children's Services", "Tel: 01632 960102",
         "kevin.kasaven@thornbury.example.org"],
    )
    page.people = [["Sharon Howard"], ["Kevin Kasaven"]]
    page.y += 6
    page.lines(["Background papers: none."])
    return page


def newsletter() -> Page:
    """A staff newsletter page: full-width masthead, a two-column body, a full-width footer."""
    page = _new_page("Inside Thornbury: staff newsletter")
    page.lines(["Inside Thornbury", "News for council staff, spring 2025"], style="B", size=12, gap=4)
    left = [
        "New director for children",
        "Amira Collins joins the council in May",
        "as Director of Children's Services. She",
        "has led early help and safeguarding",
        "teams in three authorities and was",
        "most recently deputy director at a",
        "county council in the north west.",
        "Amira said she was delighted to be",
        "joining a council with such a strong",
        "record on family support.",
    ]
    right = [
        "Adult social care restructure",
        "Consultation on the new structure for",
        "adult social care closes on 30 April.",
        "Staff can read the proposals on the",
        "intranet and give their views at one of",
        "four drop-in sessions. Tom Whitfield,",
        "Assistant Director for Adult Social",
        "Care, will answer questions at each",
        "session and a summary of the views",
        "received will be published in June.",
    ]
    page.columns(left, right, split=108, size=9.5)
    page.people = [["Amira Collins"], ["Tom Whitfield"]]
    page.y += 4
    page.lines(["Inside Thornbury is published by the Communications Team, Thornbury Town Hall."], size=8)
    return page


def sidebar() -> Page:
    """A report page with the main text on the left and a shaded sidebar of key facts on the right."""
    page = _new_page("Annual report of the Director of Public Health")
    page.lines(["Annual report of the Director of Public Health 2024"], style="B", size=13)
    top = page.y
    main = [
        "Introduction",
        "This year's report looks at the health of children and",
        "young people in the borough. Childhood obesity has",
        "fallen for the second year running, but one in five",
        "children in reception class is still overweight, and",
        "the gap between our most and least deprived wards has",
        "not narrowed since the pandemic.",
        "The report sets out what the council and its partners",
        "will do over the next three years, starting with the",
        "school nursing service and the healthy start scheme.",
    ]
    facts = [
        "At a glance",
        "Population: 182,400",
        "Children under 16: 36,900",
        "Reception overweight: 21.3%",
        "Director of Public Health:",
        "Dr Priya Raman",
    ]
    page.pdf.set_fill_color(232, 238, 232)
    page.pdf.rect(139, top - 2, RIGHT - 139, LINE * len(facts) + 4, style="F")
    page.lines(main[:1], LEFT, 110, style="B", gap=0, record=False)
    page.lines(main[1:], LEFT, 110, gap=0, record=False)
    bottom = page.y
    page.y = top
    page.lines(facts[:1], 142, 46, style="B", gap=0, record=False)
    page.lines(facts[1:], 142, 46, size=9, gap=0, record=False)
    page.truth.append(("\n".join(main + facts), False))
    page.people = [[], ["Priya Raman"]]
    page.y = max(bottom, page.y) + 6
    page.lines(["Dr Priya Raman, Director of Public Health, December 2024"], size=9)
    return page


def attendance() -> Page:
    """Minutes: who was present, in two columns, between full-width paragraphs."""
    page = _new_page("Minutes: Children and Young People Scrutiny Committee")
    page.lines([
        "Children and Young People Scrutiny Committee",
        "Minutes of the meeting held on 4 February 2025 at Thornbury Town Hall",
    ], style="B", size=11)
    page.lines(["Present:"], style="B")
    top = page.y
    left = ["Councillor Amelia Price (Chair)", "Councillor David Okafor", "Councillor Helen Marsh",
            "Councillor Rajesh Gill", "Councillor Fiona Doyle", "Councillor Peter Lund"]
    right = ["Councillor Bernard Hughes (Vice-Chair)", "Councillor Naomi Fisher", "Councillor Sean Brady",
             "Councillor Grace Adeyemi", "Councillor Martin Cole"]
    page.lines(left, LEFT, 80, gap=0, record=False)
    bottom = page.y
    page.y = top
    page.lines(right, 105, 85, gap=0, record=False)
    page.truth.append(("\n".join(left + right), False))
    page.people = [[n.split(" ", 1)[1].split(" (")[0] for n in left], [n.split(" ", 1)[1].split(" (")[0] for n in right]]
    page.y = max(bottom, page.y) + 4
    page.lines([
        "Officers: Kevin Kasaven (Director of Children's Services) and Lucy Brennan (Democratic",
        "Services Officer).",
    ])
    page.lines([
        "1. Apologies for absence",
        "Apologies were received from Councillor Ian Rowe.",
    ])
    return page


def pay_policy() -> Page:
    """A pay policy statement page: the grade table, ruled, between paragraphs."""
    page = _new_page("Pay policy statement 2025/26")
    page.lines(["Pay Policy Statement 2025/26"], style="B", size=13)
    page.lines([
        "3. Pay grades",
        "The council's pay grades for chief officers are set out below. Pay points within each",
        "grade are annual salaries from 1 April 2025 and include the pay award for the year.",
    ])
    page.table([
        ["Grade", "Minimum", "Maximum"],
        ["Chief Executive", "£186,414", "£201,330"],
        ["Strategic Director (CO1)", "£145,020", "£158,517"],
        ["Director (CO2)", "£121,350", "£134,820"],
        ["Assistant Director (CO3)", "£98,724", "£111,270"],
        ["Head of Service (CO4)", "£80,106", "£89,892"],
    ], widths=(70, 40, 40))
    page.lines([
        "Below chief officer level the council uses the national pay spine. This is from £50,000",
        "to £54,999 and then by pay bands of £5,000 for posts evaluated under the Hay scheme.",
    ])
    return page


def budget_table() -> Page:
    """A budget monitoring table in thousands of pounds, with a service heading row."""
    page = _new_page("Budget monitoring report, quarter 3")
    page.lines(["Revenue budget monitoring 2024/25: quarter 3"], style="B", size=13)
    page.lines([
        "The table below compares each directorate's budget with its forecast outturn. All",
        "figures are in thousands of pounds.",
    ])
    page.table([
        ["Directorate", "Budget £'000", "Forecast £'000", "Variance £'000"],
        ["People", "", "", ""],
        ["Children's Services", "68,420", "71,905", "3,485"],
        ["Adult Social Care", "94,310", "95,022", "712"],
        ["Place", "", "", ""],
        ["Highways and Transport", "21,760", "21,104", "(656)"],
        ["Total", "184,490", "188,031", "3,541"],
    ], widths=(64, 34, 34, 34), aligns=("LEFT", "RIGHT", "RIGHT", "RIGHT"))
    page.lines(["The overspend in Children's Services is mainly on external residential placements."])
    return page


def figures_without_rules() -> Page:
    """A table of aligned figures with no rules, as a spreadsheet pasted into a report prints."""
    page = _new_page("Capital programme summary")
    page.lines(["Capital programme 2025/26 to 2027/28"], style="B", size=13)
    page.lines([
        "The capital programme for the next three years is summarised below.",
    ], gap=4)
    rows = [
        ["£'000", "2025/26", "2026/27", "2027/28"],
        ["Schools expansion", "12,400", "8,150", "3,200"],
        ["Children's homes", "4,750", "2,300", "-"],
        ["Highways maintenance", "9,800", "9,800", "9,800"],
        ["Housing", "", "", ""],
        ["Temporary accommodation", "6,120", "5,400", "1,950"],
        ["Total", "33,070", "25,650", "14,950"],
    ]
    right_edges = (120.0, 150.0, 180.0)
    for r, row in enumerate(rows):
        style = "B" if r == 0 or row[0] in ("Total", "Housing") else ""
        page.pdf.set_font(FAMILY, style, BODY)
        page.pdf.set_xy(LEFT, page.y)
        page.pdf.cell(70, LINE, row[0])
        for text, edge in zip(row[1:], right_edges):
            page.pdf.set_xy(edge - 25, page.y)
            page.pdf.cell(25, LINE, text, align="R")
        page.y += LINE
    page.truth.append((_table_text(rows), True))
    page.y += 4
    page.lines(["Schemes are funded by grants, capital receipts and prudential borrowing."])
    return page


def organisation_chart() -> Page:
    """An organisation chart: a head box over a row of directors' boxes (drawn rectangles), and
    under them a row of heads of service whose boxes are not drawn, only set apart by whitespace.
    Each box is a name, a post title wrapped over narrow lines, a grade, a pay band."""
    pdf = FPDF(orientation="L", unit="mm", format="A4")
    for style, filename in build_corpus.FAMILIES[FAMILY].items():
        pdf.add_font(FAMILY, style, str(build_corpus.FONT_DIR / filename))
    pdf.set_creation_date(build_corpus.FIXED_DATE)
    pdf.set_title("Organisation chart: Corporate Leadership Team")
    pdf.set_author("councildocs layout corpus (fictional document)")
    pdf.set_creator("councildocs corpus/build_layouts.py")
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    page = Page(pdf)
    page.truth.append(("Corporate Leadership Team", True))
    pdf.set_font(FAMILY, "", 14)
    pdf.set_xy(15, 12)
    pdf.cell(120, 8, "Corporate Leadership Team")
    pdf.set_line_width(0.4)
    pdf.line(15, 21, 282, 21)
    head = ["Margaret Ellison", "Chief Executive", "JNC Chief Executive", "£165,000-£170,000"]
    directors = [
        ["Tobias Wren", "Corporate", "Director of", "Adults and", "Wellbeing", "SM2", "£115,000-", "£120,000"],
        ["Ngozi Adebayo", "Corporate", "Director of", "Children's", "Services", "SM2", "£120,000-", "£125,000"],
        ["Alistair Penhale", "Director of", "Finance and", "Systems", "SM3A", "£90,000-", "£95,000",
         "Max salary", "£93,638"],
        ["Rhiannon Bevan", "Director of", "Legal and", "Governance", "SM3A", "£90,000-£95,000"],
        ["Corporate", "Director of", "Commissioning", "(NHS)", "Salary NA"],
    ]
    heads = [
        ["Yusuf Demir", "Head of", "Finance", "SM4A", "£65,000-", "£70,000"],
        ["Harriet Sloane", "Head of", "Audit", "SM4C", "£50,000-", "£55,000"],
        ["Owain Pryce", "Head of", "Legal", "Services", "SM4A", "£65,000-", "£70,000"],
        ["Beatrix Lowe", "Head of", "ICT", "SM4B", "£60,000-", "£65,000"],
    ]
    size, pitch = 8, 3.6  # points, mm between a box's lines

    def box(lines: list[str], x: float, y: float, width: float, drawn: bool) -> float:
        """One box, its lines centred, the first in bold; returns its bottom."""
        height = len(lines) * pitch + 4
        if drawn:
            pdf.set_line_width(0.3)
            pdf.rect(x, y, width, height)
        for i, line in enumerate(lines):
            pdf.set_font(FAMILY, "B" if i == 0 else "", size)
            pdf.set_xy(x, y + 2 + i * pitch)
            pdf.cell(width, pitch, line, align="C")
        return y + height

    head_bottom = box(head, 118, 30, 60, drawn=True)
    pdf.line(148, head_bottom, 148, head_bottom + 8)
    pdf.line(40, head_bottom + 8, 256, head_bottom + 8)
    row_top, width, step = head_bottom + 14, 40, 54
    bottoms = []
    for i, lines in enumerate(directors):
        x = 20 + i * step
        pdf.line(x + width / 2, head_bottom + 8, x + width / 2, row_top)
        bottoms.append(box(lines, x, row_top, width, drawn=True))
    heads_top = max(bottoms) + 14
    for i, lines in enumerate(heads):
        box(lines, 20 + i * step, heads_top, width, drawn=False)
    order = [head, *directors, *heads]
    page.truth.append(("\n\n".join("\n".join(lines) for lines in order), True))
    names = [lines[0] for lines in order if lines[0] != "Corporate"]
    page.people = [names[::2], names[1::2]]  # neighbours in reading order fall in different lists
    return page


LAYOUTS: dict[str, Callable[[], Page]] = {
    "committee-report-contacts": committee_report,
    "newsletter-two-columns": newsletter,
    "report-with-sidebar": sidebar,
    "minutes-attendance-two-columns": attendance,
    "pay-policy-grade-table": pay_policy,
    "budget-table-thousands": budget_table,
    "capital-figures-without-rules": figures_without_rules,
    "organisation-chart-boxes": organisation_chart,
}


# --------------------------------------------------------------------------- output


def build_files() -> tuple[dict[str, bytes], dict[str, list[list[str]]]]:
    """Every output file by name (manifest aside), and the people named in each layout's columns."""
    files: dict[str, bytes] = {}
    people = {}
    for name, make in LAYOUTS.items():
        page = make()
        files[f"{name}.pdf"] = bytes(page.pdf.output())
        files[f"{name}.txt"] = (page.text() + "\n").encode("utf-8")
        people[name] = page.people
    return files, people


def manifest(files: dict[str, bytes], people: dict[str, list[list[str]]]) -> bytes:
    data = json.loads(build_corpus.manifest(files))
    data["people_by_column"] = people
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="layout corpus folder (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="exit 1 if --out differs from a fresh build")
    args = parser.parse_args(argv)
    files, people = build_files()
    files["manifest.json"] = manifest(files, people)
    return build_corpus.publish_folder(args.out, files, ["*.pdf", "*.txt"], args.check)


if __name__ == "__main__":
    sys.exit(main())
