"""Layout repair: bullets, hyphenation, running lines, whitespace — and nothing else."""

from __future__ import annotations

from councildocs.ingest import layout


def test_private_use_bullets_become_bullets():
    text = "\uf0b7 Children and Families\n  \uf0a7 Adult Services\nA \uf0b7 mid-line symbol stays"
    assert layout.map_bullets(text) == "• Children and Families\n  • Adult Services\nA \uf0b7 mid-line symbol stays"


def test_hyphenation_is_joined_when_the_join_is_a_word():
    text = "a strong recommen-\ndation to the council\nand the commis-\nsioner."
    assert layout.join_hyphenated(text) == "a strong recommendation\nto the council\nand the commissioner."


def test_compounds_and_dashes_keep_their_hyphens():
    text = "their well-\nbeing matters\nService Director -\nChildren\nco-\noperation with partners\nself-\nassessment"
    assert layout.join_hyphenated(text) == text


def test_running_headers_footers_and_page_numbers_are_dropped():
    pages = [
        f"Cambridgeshire County Council\nAgenda Item {n}\n{body}\nPage {n} of 3"
        for n, body in enumerate(["The director reports.", "Budgets are agreed.", "Questions follow."], start=1)
    ]
    assert layout.drop_running_lines(pages) == [
        "The director reports.",
        "Budgets are agreed.",
        "Questions follow.",
    ]


def test_lone_numbers_that_do_not_follow_the_pages_stay():
    pages = ["Intro text\n2017", "More text\n3549"]
    assert layout.drop_running_lines(pages) == pages


def test_repeated_table_rows_are_not_running_headers():
    pages = ["Cell Cell\nCell Cell\nCell Cell"] * 4
    assert layout.drop_running_lines(pages) == pages


def test_single_page_keeps_everything():
    assert layout.drop_running_lines(["Header\nText\n1"]) == ["Header\nText\n1"]


def test_whitespace_normalisation():
    text = "\n\nTitle  \r\n \nPara one.\t\n\n\n\n Para two keeps its indent.\n\n"
    assert layout.normalise_whitespace(text) == "Title\n\nPara one.\n\n Para two keeps its indent."


# --- table rows (lines holding a TAB, from councildocs.ingest.tables) pass through intact ----


def test_table_rows_keep_the_tabs_of_empty_last_cells():
    text = "Budget\n\nPeople\t\t\t\nChildren's Services\t68,420\t71,905\t \nTotal\t1\t2\t3  \n\nAfter  "
    assert layout.normalise_whitespace(text) == (
        "Budget\n\nPeople\t\t\t\nChildren's Services\t68,420\t71,905\t\nTotal\t1\t2\t3\n\nAfter"
    )


def test_hyphens_are_not_joined_across_table_rows():
    text = "Grade\tTitle\nCO1\tcommis-\nsioner\tDirector\nand the commis-\nsioner."
    assert layout.join_hyphenated(text) == "Grade\tTitle\nCO1\tcommis-\nsioner\tDirector\nand the commissioner."


def test_a_table_header_repeated_on_every_page_is_not_a_running_header():
    notes = ["Pay awards apply.", "Posts are evaluated.", "Bands are national.", "Allowances are extra."]
    pages = [f"Grade\tMinimum\tMaximum\nCO{n}\t£{n}0,000\t£{n}5,000\n{note}" for n, note in enumerate(notes, start=1)]
    assert layout.drop_running_lines(pages) == pages


def _chart_page(title: str, n: int) -> str:
    """A page of an organisation chart as reading order gives it: title, head box, boxes."""
    head = "Sara Todd\nChief Executive\nJNC Chief Executive\n£165,000"
    boxes = [f"Person {n}{i}\nHead of\nService {i}\nSM4A\nMax salary £7{n},0{i}7" for i in range(4)]
    return "\n\n".join(["Council organisation chart 2025", title, head, *boxes, f"Page {n}"])


def test_a_chart_head_box_on_every_page_is_not_a_running_header():
    """On pages of boxes the head box and the last box's "Max salary" line stay; the one-line
    running title and the page numbers, blocks of their own, go."""
    pages = [_chart_page(title, n) for n, title in enumerate(["Adult Services", "Place", "People", "Finance"], 1)]
    dropped = layout.drop_running_lines(pages)
    for page, kept in zip(pages, dropped):
        assert kept.split("\n") == [line for line in page.split("\n")
                                    if line != "Council organisation chart 2025" and not line.startswith("Page ")]
    assert all("Sara Todd\nChief Executive" in page for page in dropped)


def test_a_speakers_name_glued_to_their_speech_is_split_in_a_real_debate_page():
    # a historic Hansard page as stored (corpus/real): the name and the answer lost the break between them
    from pathlib import Path

    from councildocs.ingest.reader import read_document

    page = next(Path(__file__).parents[2].glob(
        "corpus/real/*/docs/b95_hansard_1984_rate_support_grant_bournemouth_torbay_negative.txt"))
    document = read_document(page, sha256="c" * 64)
    assert "Mr. Patrick JenkinThe information" in document.raw_text
    assert "Mr. Patrick Jenkin The information" in document.text
    assert "Mr. Butterfill asked the Secretary of State" in document.text
    assert any(step.detail == "speakers' names split from their speech" for step in document.repair_log)


def test_names_that_end_like_a_speech_word_are_left_alone():
    text = "Mr. Sandiford asked the Minister. Ms Ito said. Mrs. Currie The official figures. Dr Taylor To be confirmed"
    assert layout.split_glued_speakers(text) == text
