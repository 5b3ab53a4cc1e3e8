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


def _opener(app_path: Path, db: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("DCS_DB", str(db))

    def open_page(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(app_path), default_timeout=TIMEOUT)
        at.query_params.update(query)
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, [e.value for e in at.exception]
        return at

    return open_page


@pytest.fixture
def app(app_path: Path, corpus_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Pages over the fictional samples, as `dcs ingest corpus` stores them (marked fictional)."""
    return _opener(app_path, corpus_db, monkeypatch)


@pytest.fixture
def known_app(app_path: Path, samples_unsourced_db: Path, monkeypatch: pytest.MonkeyPatch):
    """Pages over the same samples ingested as unsourced documents: the benchmark's figures known exactly."""
    return _opener(app_path, samples_unsourced_db, monkeypatch)


def rerun(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.subheader, *at.markdown, *at.caption, *at.info, *at.warning, *at.success, *at.error)]
    return "\n".join(str(p) for p in parts)


# -- overview ----------------------------------------------------------------------------------

PAGES = ("app_pages/overview.py", "app_pages/salaries.py", "app_pages/compare.py", "app_pages/shared.py",
         "app_pages/evidence.py", "app_pages/upload.py")


def test_overview_counts_the_corpus_and_names_its_sources(app, corpus_db):
    at = app()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Documents"] == "21" and metrics["Failed documents"] == "0"
    facts = queries.overview(corpus_db).facts
    assert metrics["Facts"] == str(facts) and facts > 200
    assert "Every document was read." in texts(at)
    assert "**Sources.** 0 of these 21 documents name their publisher" in texts(at)
    assert "**How well.**" in texts(at)
    table = at.dataframe[0]
    documents = table.value
    assert len(documents) == 21
    assert set(documents["published_by"]) == {"Fictional example (written by councildocs)"}
    shown = list(table.proto.column_order)
    assert shown[0] == "published_by" and "sha256" not in shown and "source" not in shown


@pytest.mark.parametrize("page", PAGES)
def test_every_page_says_the_samples_are_fictional(app, page):
    at = app(page)
    assert any("21 fictional example documents" in w.value and "never counted in the salary benchmark" in w.value
               for w in at.warning), page


# -- salary benchmark ---------------------------------------------------------------------------


def test_fictional_samples_never_reach_the_salary_benchmark(app):
    at = app("app_pages/salaries.py")
    assert "No salary figures match these filters." in texts(at)
    assert not at.dataframe


def test_salary_benchmark_compares_dcs_posts_by_default_and_states_the_pool(known_app):
    at = known_app("app_pages/salaries.py", salary="165000", region="London")
    assert at.sidebar.selectbox[0].value == "dcs"
    # London DCS posts: Wandsworth £148,584–£190,800 (midpoint £169,692), the Brent and Harrow post
    # £158,640–£174,210 (£166,425) and the Kingston and Richmond post £165,000: one equal, none below.
    assert ("**£165,000** sits at the **17th percentile** of 3 posts of Director of Children's Services in "
            "5 authorities, 2025") in texts(at)
    nearest = at.dataframe[0].value
    # a shared post is one row naming both councils
    assert list(nearest["nice_name"]) == ["Kingston upon Thames and Richmond upon Thames", "Brent and Harrow",
                                          "Wandsworth"]
    assert list(nearest["difference"]) == [0, 1425, 4692]
    table = at.dataframe[1].value
    wandsworth = table[table["authority"] == "Wandsworth"].iloc[0]
    assert (wandsworth["min_gbp"], wandsworth["max_gbp"]) == (148584, 190800)
    assert wandsworth["published_by"] == "Source not recorded (wandsworth-dcs.pdf)"
    assert set(table["region"]) == {"London"} and set(table["role_category"]) == {"dcs"}
    assert list(at.dataframe[1].proto.column_order)[:2] == ["open", "authority"]  # the evidence link first


def test_salary_benchmark_choices_live_in_the_url(known_app):
    at = known_app("app_pages/salaries.py")
    assert dict(at.query_params) == {}
    at.sidebar.selectbox[0].select("dph")
    at.sidebar.multiselect[0].select("London")
    at.sidebar.number_input[0].set_value(120000)
    rerun(at)
    assert {k: at.query_params[k] for k in at.query_params} == {"role": "dph", "region": "London", "salary": "120000"}
    # the same URL opened afresh gives the same page
    again = known_app("app_pages/salaries.py", role="dph", region="London", salary="120000")
    assert again.sidebar.selectbox[0].value == "dph"
    assert again.sidebar.multiselect[0].value == ["London"]
    assert again.sidebar.number_input[0].value == 120000
    assert [m for m in texts(again).splitlines() if "percentile" in m] == [
        m for m in texts(at).splitlines() if "percentile" in m]


def test_salary_benchmark_range_and_csv(known_app):
    at = known_app("app_pages/salaries.py", mode="range", region="London")
    at.sidebar.number_input[0].set_value(148584)
    at.sidebar.number_input[1].set_value(190800)
    rerun(at)
    # the range's midpoint, £169,692, is Wandsworth's own: above the other two London DCS posts
    assert "**£148,584–£190,800** sits at the **83rd percentile** of 3 posts of Director" in texts(at)
    assert at.dataframe[0].value["nice_name"].iloc[0] == "Wandsworth"
    csv = at.get("download_button")[0]
    assert csv.proto.label == "Download CSV"


def test_salary_benchmark_all_categories_and_filters(known_app, samples_unsourced_db):
    at = known_app("app_pages/salaries.py", role="(all)", type="LBO")
    table = at.dataframe[0].value
    assert set(table["type_name"]) == {"London borough"}
    assert len(set(table["role_category"])) > 1  # DCS, DASS, DPH … all compared
    assert "(all senior posts)" in texts(at)
    options = queries.filter_options(samples_unsourced_db)
    at.sidebar.multiselect[2].select(options.years[-1])
    rerun(at)
    assert set(at.dataframe[0].value["year"]) == {options.years[-1]}


def test_salary_rows_link_to_their_evidence(known_app):
    at = known_app("app_pages/salaries.py")
    table = at.dataframe[0].value
    assert table["open"].str.startswith("evidence?fact=").all()
    link = at.get("page_link")[-1]
    assert link.proto.page == "evidence" and link.proto.query_string.startswith("fact=")
    assert not table["evidence"].str.contains("@").any(), "e-mail addresses are masked"


# -- compare authorities ------------------------------------------------------------------------


def _glance(at: AppTest) -> dict[str, dict[str, str]]:
    """The at-a-glance table as {measure: {authority: shown}}."""
    table = at.dataframe[0].value.set_index("Measure")
    return {measure: dict(row) for measure, row in table.iterrows()}


def test_compare_shows_claimed_population_beside_the_gazetteer(app):
    at = app("app_pages/compare.py")
    at.multiselect[0].set_value([WANDSWORTH, KINGSTON, RICHMOND])
    rerun(at)
    assert at.query_params["gss"] == f"{WANDSWORTH},{KINGSTON},{RICHMOND}"  # the comparison can be shared
    glance = _glance(at)
    assert list(at.dataframe[0].value.columns) == ["Measure", "Wandsworth", "Kingston upon Thames",
                                                   "Richmond upon Thames"]
    # gazetteer 2020 populations, extract/data/gazetteer.csv
    assert glance["Population 2020 (gazetteer)"] == {
        "Wandsworth": "329,735", "Kingston upon Thames": "179,142", "Richmond upon Thames": "198,141"}
    assert glance["Population claimed in documents"]["Wandsworth"].endswith("324,000")
    assert glance["… against the gazetteer"]["Wandsworth"] == "-1.7%"
    assert glance["Highest annual salary"]["Wandsworth"] == "£148,584–£190,800"
    assert glance["Highest annual salary"]["Kingston upon Thames"] == "£165,000"
    assert glance["Figures from a fictional example"]["Wandsworth"] != "0"


def test_compare_shows_child_poverty_beside_england(app):
    at = app("app_pages/compare.py", gss=f"{STOCKTON},{BRENT}")  # preselected through the query string
    glance = _glance(at)
    assert glance["Children in poverty"] == {"Stockton-on-Tees": "28.4%", "Brent": "27.4%"}
    assert glance["… compared with"] == {"Stockton-on-Tees": "England 20%", "Brent": "England 20.1%"}


def test_compare_lists_every_authority_s_figures_in_one_table_per_topic(app):
    at = app("app_pages/compare.py", gss=f"{KINGSTON},{RICHMOND}")
    tables = {tuple(d.proto.column_order): d.value for d in at.dataframe[1:]}
    for order in tables:
        assert order[:2] == ("open", "authority") and order[-2:] == ("published_by", "source_link"), order
    arrangements = next(t for o, t in tables.items() if "partners" in o)
    kingston = arrangements[(arrangements["authority"] == "Kingston upon Thames")
                            & (arrangements["kind"] == "shared_post")]
    assert "Richmond upon Thames" in set(kingston["partners"]) and "current" in set(kingston["status"])
    people = next(t for o, t in tables.items() if "name" in o)
    assert {"Kingston upon Thames", "Richmond upon Thames"} <= set(people["authority"])
    assert set(people["published_by"]) == {"Fictional example (written by councildocs)"}


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
    rows = queries.salary_ranges(corpus_db)
    return rows.filter((rows["gss"] == WANDSWORTH) & (rows["max_gbp"] == 190800))["fact_id"][0]


def test_evidence_from_a_link_highlights_the_sentence(app, corpus_db):
    fact_id = _wandsworth_salary(corpus_db)
    at = app("app_pages/evidence.py", fact=fact_id)
    html = [h.proto.body for h in at.get("html")]
    heading, published, repaired, raw = html  # the fact, its source, then repaired (highlighted) and raw text
    assert heading.startswith("<h3") and "Salary: £148,584–£190,800 a year for " in heading
    assert heading.endswith("— Wandsworth</h3>")
    assert "Fictional example" in published
    assert any("the figure is invented" in w.value for w in at.warning)
    highlighted = repaired.split("<mark", 1)[1].split("</mark>", 1)[0]
    assert "£148,584" in highlighted and "190,800" in highlighted
    assert "<mark" not in raw and "Wandsworth" in raw
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


def test_a_crafted_fact_link_is_never_echoed(app):
    at = app("app_pages/evidence.py", fact="![x](http://tracker.example/p.png)")
    assert "That link does not name a fact" in texts(at)
    assert "tracker.example" not in texts(at)
