"""The "Add a document" page: uploads go through the real pipeline and reach the warehouse only when asked.

Bad files are real: a corpus PDF cut in half, and the same PDF encrypted with pikepdf. Row counts
are read from the published file before and after, every table of it.
"""

from __future__ import annotations

import io
from pathlib import Path

import duckdb
import pikepdf
import pytest
from streamlit.testing.v1 import AppTest

from councildocs.warehouse.store import TABLES

TIMEOUT = 90  # the first upload loads spaCy
WANDSWORTH_PDF = Path(__file__).resolve().parents[2] / "corpus" / "adverts" / "wandsworth-dcs.pdf"
PAGE = "app_pages/upload.py"

ADVERT = (
    "Royal Borough of Kingston upon Thames\n\n"
    "Director of Children's Services\n\n"
    "Kingston upon Thames is seeking a Director of Children's Services. The salary range is between "
    "£150,000 and £160,000 a year. For an informal conversation call 020 8547 5000 or e-mail "
    "jobs@kingston.gov.uk.\n"
)

pytestmark = pytest.mark.slow


def row_counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error, *at.text)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def upload_page(app_path: Path, samples_unsourced_db_copy: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(samples_unsourced_db_copy))

    def upload(name: str, content: bytes, mime: str) -> AppTest:
        at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
        at.switch_page(PAGE).run()
        assert "Choose a PDF, text or HTML file" in texts(at)
        at.file_uploader[0].set_value((name, content, mime))
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return upload


def test_corrupt_pdf_is_a_clear_message_and_stores_nothing(upload_page, samples_unsourced_db_copy):
    before = row_counts(samples_unsourced_db_copy)
    data = WANDSWORTH_PDF.read_bytes()
    at = upload_page("wandsworth-dcs.pdf", data[: len(data) // 2], "application/pdf")
    assert len(at.error) == 1
    message = texts(at)
    assert "could not be read" in message and "`corrupt_pdf`" in message and "Nothing was stored." in message
    assert not at.button, "no way to store a file that could not be read"
    assert row_counts(samples_unsourced_db_copy) == before


def test_encrypted_pdf_is_a_clear_message_and_stores_nothing(upload_page, samples_unsourced_db_copy):
    before = row_counts(samples_unsourced_db_copy)
    encrypted = io.BytesIO()
    with pikepdf.open(WANDSWORTH_PDF) as pdf:
        pdf.save(encrypted, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    at = upload_page("locked.pdf", encrypted.getvalue(), "application/pdf")
    message = texts(at)
    assert "`encrypted`" in message and "password" in message and "Nothing was stored." in message
    assert not at.button
    assert row_counts(samples_unsourced_db_copy) == before


def test_text_advert_shows_facts_and_is_stored_only_when_asked(upload_page, samples_unsourced_db_copy):
    before = row_counts(samples_unsourced_db_copy)
    at = upload_page("kingston-dcs.txt", ADVERT.encode("utf-8"), "text/plain")
    facts = at.dataframe[0].value
    salary = facts[facts["kind"] == "salary"].iloc[0]
    assert salary["authorities"] == "Kingston upon Thames"
    assert "£150,000–£160,000" in salary["what"]
    # where it sits: midpoint £155,000 among the stored DCS posts, the pool named
    placed = [t.value for t in at.text if "percentile of" in t.value]
    assert len(placed) == 1 and " posts of Director of Children's Services in " in placed[0]
    shown = "\n".join([*facts["evidence"], *(t.value for t in at.text)])
    assert "jobs@kingston.gov.uk" not in shown and "8547 5000" not in shown, "contact details are masked"
    assert "£150,000" in shown

    # looking is not storing
    assert row_counts(samples_unsourced_db_copy) == before
    at.run()
    assert row_counts(samples_unsourced_db_copy) == before

    store = at.button[0]
    assert store.label == "Store in the warehouse"
    store.click().run()
    assert not at.exception
    assert "Stored in `" in texts(at)
    after = row_counts(samples_unsourced_db_copy)
    assert after["documents"] == before["documents"] + 1
    assert after["facts"] == before["facts"] + len(facts)
    with duckdb.connect(str(samples_unsourced_db_copy), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents WHERE source = 'upload/kingston-dcs.txt'").fetchone()[0] == 1

    # storing the same file again changes nothing
    at.run()
    assert not at.button, "the page says it is stored rather than offering to store it again"
    assert row_counts(samples_unsourced_db_copy) == after


def test_upload_works_on_an_empty_warehouse(app_path: Path, empty_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(empty_db))
    at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT).run()
    at.switch_page(PAGE).run()
    at.file_uploader[0].set_value(("kingston-dcs.txt", ADVERT.encode("utf-8"), "text/plain"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Nothing to compare against yet" in texts(at)
    at.button[0].click().run()
    assert row_counts(empty_db)["documents"] == 1


def test_a_file_name_carrying_markdown_or_a_contact_is_shown_as_plain_text(upload_page, samples_unsourced_db_copy):
    name = "[Session expired - sign in](http://tracker.example) ![x](http://tracker.example/p.png) jo.bloggs@kingston.gov.uk.txt"
    at = upload_page(name, ADVERT.encode("utf-8"), "text/plain")
    plain = [t.value for t in at.text]
    assert any(v.startswith("[Session expired - sign in](http://tracker.example)") for v in plain)  # as typed
    assert not any("jo.bloggs@kingston.gov.uk" in v for v in plain), "the contact in the name is masked"
    markdown = "\n".join(str(e.value) for e in (*at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error))
    assert "tracker.example" not in markdown, "the name never reaches a Markdown element"


def test_a_decompression_bomb_costs_its_reader_process_not_the_server(upload_page, samples_unsourced_db_copy,
                                                                     tmp_path):
    import psutil

    from councildocs.ingest.limits import READER_LIMITS
    from hostile_files import pdf_with_inflating_content

    # inflates to more than a reader may hold: the server (this process, under AppTest) must not parse it
    bomb = pdf_with_inflating_content(tmp_path / "bomb.pdf", 2 * READER_LIMITS.memory_bytes // 2**20)
    before = row_counts(samples_unsourced_db_copy)
    server = psutil.Process()
    rss_before = server.memory_info().rss
    at = upload_page("bomb.pdf", bomb.read_bytes(), "application/pdf")
    message = texts(at)
    assert "`too_large`" in message and "Nothing was stored." in message
    assert server.memory_info().rss - rss_before < 200 * 2**20
    assert row_counts(samples_unsourced_db_copy) == before
