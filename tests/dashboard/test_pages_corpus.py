"""Every page under AppTest against the warehouse `dcs ingest corpus` builds, asserting the figures shown.

Exact values are those of stable corpus facts: Wandsworth's advertised DCS salary, the Kingston and
Richmond shared DCS, the gazetteer's 2020 populations (extract/data/gazetteer.csv) and child poverty
beside the England figure as the documents state it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from councildocs.warehouse import queries

TIMEOUT = 60
WANDSWORTH, KINGSTON, RICHMOND = "E09000032", "E09000021", "E09000027"
STOCKTON, BRENT = "E06000004", "E09000005"

pytestmark = pytest.mark.slow


@pytest.fixture
def app(app_path: Path, corpus_db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(corpus_db))

    def open_page(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT)
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.subheader, *at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error)]
    return "\n".join(str(p) for p in parts)


# -- overview ----------------------------------------------------------------------------------


def test_overview_counts_the_corpus(app, corpus_db):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents"] == "21" and metrics["Failed documents"] == "0"
    facts = queries.overview(corpus_db).facts
    assert metrics["Facts"] == str(facts) and facts > 200
    assert "Every document was read." in texts(at)
    documents = at.dataframe[0].value
    assert len(documents) == 21
    assert "corpus/adverts/wandsworth-dcs.pdf" in set(documents["source"].str.replace("\\", "/").str[-33:])


# -- salary benchmark ---------------------------------------------------------------------------


def test_salary_benchmark_places_a_salary_among_london_dcs_posts(app):
    at = app("app_pages/salaries.py")
    region, _types, _years = at.sidebar.multiselect
    region.select("London")
    at.sidebar.selectbox[0].select("dcs")
    at.sidebar.number_input[0].set_value(165000)
    rerun(at)
    # London DCS posts: Wandsworth £148,584–£190,800 (midpoint £169,692), the Brent and Harrow post
    # £158,640–£174,210 (£166,425) and the Kingston and Richmond post £165,000: one equal, none below.
    assert "**£165,000** sits at the **17th percentile** of 3 comparable posts" in texts(at)
    nearest = at.dataframe[0].value
    assert list(nearest["nice_name"]) == [
        "Kingston upon Thames", "Richmond upon Thames", "Brent", "Harrow", "Wandsworth",
    ]
    assert list(nearest["difference"]) == [0, 0, 1425, 1425, 4692]
    table = at.dataframe[1].value
    wandsworth = table[table["authority"] == "Wandsworth"].iloc[0]
    assert (wandsworth["min_gbp"], wandsworth["max_gbp"]) == (148584, 190800)
    assert set(table["region"]) == {"London"} and set(table["role_category"]) == {"dcs"}


def test_salary_benchmark_range_and_csv(app):
    at = app("app_pages/salaries.py")
    at.sidebar.radio[0].set_value("A range")
    rerun(at)
    at.sidebar.number_input[0].set_value(148584)
    at.sidebar.number_input[1].set_value(190800)
    at.sidebar.multiselect[0].select("London")
    at.sidebar.selectbox[0].select("dcs")
    rerun(at)
    # the range's midpoint, £169,692, is Wandsworth's own: above the other two London DCS posts
    assert "**£148,584–£190,800** sits at the **83rd percentile** of 3 comparable posts" in texts(at)
    assert at.dataframe[0].value["nice_name"].iloc[0] == "Wandsworth"
    csv = at.get("download_button")[0]
    assert csv.proto.label == "Download CSV"


def test_salary_benchmark_filters_by_authority_type_and_year(app, corpus_db):
    at = app("app_pages/salaries.py")
    _region, types, years = at.sidebar.multiselect
    types.select("LBO")
    rerun(at)
    table = at.dataframe[0].value
    assert set(table["type_name"]) == {"London borough"}
    assert "Wandsworth" in set(table["authority"])
    options = queries.filter_options(corpus_db)
    at.sidebar.multiselect[2].select(options.years[-1])
    rerun(at)
    assert set(at.dataframe[0].value["year"]) == {options.years[-1]}


def test_salary_rows_link_to_their_evidence(app):
    at = app("app_pages/salaries.py")
    table = at.dataframe[0].value
    assert table["open"].str.startswith("evidence?fact=").all()
    link = at.get("page_link")[-1]
    assert link.proto.page == "evidence" and link.proto.query_string.startswith("fact=")
    assert not table["evidence"].str.contains("@").any(), "e-mail addresses are masked"


# -- compare authorities ------------------------------------------------------------------------


def test_compare_shows_claimed_population_beside_the_gazetteer(app):
    at = app("app_pages/compare.py")
    at.multiselect[0].set_value([WANDSWORTH, KINGSTON, RICHMOND])
    rerun(at)
    summary = at.dataframe[0].value.set_index("gss")
    # gazetteer 2020 populations, extract/data/gazetteer.csv
    assert summary.loc[WANDSWORTH, "population_2020"] == 329735
    assert summary.loc[KINGSTON, "population_2020"] == 179142
    assert summary.loc[RICHMOND, "population_2020"] == 198141
    assert summary.loc[WANDSWORTH, "population_claimed"] == 324000
    assert summary.loc[WANDSWORTH, "top_salary"] == "£148,584–£190,800"
    assert summary.loc[KINGSTON, "top_salary"] == "£165,000"
    metrics = [(m.label, m.value, m.delta) for m in at.metric]
    assert ("Claimed in documents", "324,000", "-1.7% against the gazetteer") in metrics
    assert any("Gazetteer 2020: 179,142" in c.value for c in at.caption)


def test_compare_shows_child_poverty_beside_england(app):
    at = app("app_pages/compare.py", gss=f"{STOCKTON},{BRENT}")  # preselected through the query string
    summary = at.dataframe[0].value.set_index("gss")
    assert summary.loc[STOCKTON, "child_poverty_pct"] == 28.4 and summary.loc[STOCKTON, "england_pct"] == 20.0
    assert summary.loc[BRENT, "child_poverty_pct"] == 27.4 and summary.loc[BRENT, "england_pct"] == 20.1
    deltas = {m.value: m.delta for m in at.metric if m.label == "Children in poverty"}
    assert deltas == {"28.4%": "+8.4 pts against England (20.0%)", "27.4%": "+7.3 pts against England (20.1%)"}


def test_compare_shows_shared_arrangements_and_people(app):
    at = app("app_pages/compare.py", gss=f"{KINGSTON},{RICHMOND}")
    tables = [d.value for d in at.dataframe]
    arrangements = [t for t in tables if "partners" in t.columns]
    kingston = arrangements[0]
    dcs = kingston[kingston["kind"] == "shared_post"]
    assert "Richmond upon Thames" in set(dcs["partners"]) and "current" in set(dcs["status"])
    assert any("name" in t.columns and len(t) for t in tables), "people in post are listed"


def test_compare_asks_for_two_authorities(app):
    at = app("app_pages/compare.py")
    assert "Choose two to four authorities" in texts(at)
    at.multiselect[0].set_value([WANDSWORTH])
    rerun(at)
    assert not at.dataframe


# -- shared posts -------------------------------------------------------------------------------


def test_shared_posts_kingston_and_richmond_share_a_dcs(app):
    at = app("app_pages/shared.py")
    pairs = at.dataframe[0].value
    kingston = pairs[(pairs["gss_a"] == KINGSTON) & (pairs["gss_b"] == RICHMOND)]
    assert list(kingston[["role_category", "status", "kind"]].itertuples(index=False, name=None)) == [
        ("dcs", "current", "shared_post")
    ]
    assert len(at.get("vega_lite_chart")) == 1
    compare = [p for p in at.get("page_link") if p.proto.page == "compare"]
    assert compare and compare[0].proto.query_string.startswith("gss=")


def test_shared_posts_status_filter(app):
    at = app("app_pages/shared.py")
    at.sidebar.multiselect[0].set_value(["former"])
    rerun(at)
    pairs = at.dataframe[0].value
    assert set(pairs["status"]) == {"former"}
    # Brent and Harrow used to share a Director of Public Health (committee report)
    brent = pairs[(pairs["gss_a"] == BRENT) & (pairs["gss_b"] == "E09000015")]
    assert "dph" in set(brent["role_category"])


def test_shared_posts_matrix_is_symmetric():
    import polars as pl

    from councildocs.dashboard.charts import shared_pairs

    pairs = pl.DataFrame({
        "name_a": ["Kingston upon Thames", "Kingston upon Thames"], "name_b": ["Richmond upon Thames"] * 2,
        "post": ["DCS", "Achieving for Children"], "kind": ["shared_post", "partnership"],
        "status": ["former", "current"],
    })
    cells = shared_pairs(pairs)
    assert cells.height == 2
    assert set(cells["status"]) == {"current"} and set(cells["arrangements"]) == {2}


# -- evidence ----------------------------------------------------------------------------------


def _wandsworth_salary(corpus_db: Path) -> str:
    rows = queries.salary_benchmark(corpus_db, regions=["London"]).rows
    return rows.filter((rows["gss"] == WANDSWORTH) & (rows["max_gbp"] == 190800))["fact_id"][0]


def test_evidence_from_a_link_highlights_the_sentence(app, corpus_db):
    fact_id = _wandsworth_salary(corpus_db)
    at = app("app_pages/evidence.py", fact=fact_id)
    html = [h.proto.body for h in at.get("html")]
    assert len(html) == 2  # repaired (highlighted) and raw, side by side
    repaired, raw = html
    highlighted = repaired.split("<mark", 1)[1].split("</mark>", 1)[0]
    assert "£148,584" in highlighted and "190,800" in highlighted
    assert "<mark" not in raw and "Wandsworth" in raw
    assert "wandsworth-dcs.pdf" in texts(at)
    assert not any("@" in h for h in html), "e-mail addresses are masked"


def test_evidence_shows_how_the_text_was_repaired(app, corpus_db):
    import duckdb

    with duckdb.connect(str(corpus_db), read_only=True) as con:
        fact_id = con.execute(
            "SELECT f.fact_id FROM facts f JOIN documents d USING (sha256) "
            "WHERE d.source LIKE '%no-tounicode%' ORDER BY f.fact_id LIMIT 1"
        ).fetchone()[0]
    at = app("app_pages/evidence.py", fact=fact_id)
    evidence = queries.fact_evidence(corpus_db, fact_id)
    assert evidence.repair_log, "the no-ToUnicode paper needs its font remapped"
    summary = f"{len(evidence.repair_log)} repair step(s), {evidence.chars_changed:,} characters changed"
    assert summary in texts(at)
    assert len(at.dataframe[-1].value) == len(evidence.repair_log)


def test_evidence_can_be_chosen_by_authority(app, corpus_db):
    at = app("app_pages/evidence.py")
    assert "Choose a fact above" in texts(at)
    at.selectbox[0].set_value(WANDSWORTH)
    rerun(at)
    fact_id = _wandsworth_salary(corpus_db)
    assert any("£148,584–£190,800" in option for option in at.selectbox[1].options)
    at.selectbox[1].set_value(fact_id)
    rerun(at)
    assert at.query_params["fact"] == fact_id
    assert any("<mark" in h.proto.body for h in at.get("html"))


def test_unknown_fact_is_a_message(app):
    at = app("app_pages/evidence.py", fact="0" * 32)
    assert "There is no fact" in texts(at)
