"""The dashboard's questions answered on a real warehouse built from the shipped corpus.

Expected figures come from the corpus gold files (corpus/gold/*.json) and the gazetteer
(extract/data/gazetteer.csv); percentiles are recomputed here from the rows the query returns
(the hand-checked arithmetic is in test_warehouse_benchmark.py). Only facts the extraction
has long got right are asserted exactly: the Wandsworth salary, the Kingston/Richmond shared
DCS and the Kensington and Chelsea / Westminster bi-borough.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import duckdb
import polars as pl
import pytest

from councildocs.warehouse import queries
from councildocs.warehouse.privacy import MASK, mask_contacts

KINGSTON, RICHMOND, RBKC, WESTMINSTER, WANDSWORTH, HAMMERSMITH = (
    "E09000021", "E09000027", "E09000020", "E09000033", "E09000032", "E09000013",
)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def gold_facts(corpus_dir: Path, stem: str, kind: str) -> list[dict]:
    facts = json.loads((corpus_dir / "gold" / f"{stem}.json").read_text(encoding="utf-8"))["facts"]
    return [f for f in facts if f["kind"] == kind and not f.get("optional")]


def gazetteer_row(corpus_dir: Path, gss: str) -> dict:
    path = corpus_dir.parent / "extract" / "data" / "gazetteer.csv"
    with path.open(encoding="utf-8") as fh:
        return next(r for r in csv.DictReader(fh) if r["gss"] == gss)


def percentile_from_rows(rows: pl.DataFrame, figure: float) -> float:
    mids = rows.filter(pl.col("midpoint").is_not_null()).unique("fact_id")["midpoint"].to_list()
    below = sum(m < figure for m in mids)
    equal = sum(m == figure for m in mids)
    return 100 * (below + equal / 2) / len(mids)


# -- salary benchmark ------------------------------------------------------------------------
#
# The benchmark compares real posts: on the default warehouse (corpus/real) with the real corpus's
# gold, and on the samples only to show that fictional figures never enter it.

MANCHESTER = "E08000003"
REAL_DCS_DOC = "b1_manchester_dcs_recruitment"


def real_gold_salary(corpus_dir: Path, stem: str) -> dict:
    (gold,) = gold_facts(corpus_dir / "real" / "dev", stem, "salary")
    return gold


def test_a_real_dcs_salary_is_in_the_benchmark_with_its_source(real_db: Path, corpus_dir: Path):
    gold = real_gold_salary(corpus_dir, REAL_DCS_DOC)
    bench = queries.salary_benchmark(real_db)  # DCS posts by default
    rows = bench.rows.filter(gss=MANCHESTER, min_gbp=gold["min_gbp"], max_gbp=gold["max_gbp"]).to_dicts()
    assert len(rows) == 1
    row = rows[0]
    assert (row["min_gbp"], row["max_gbp"], row["midpoint"]) == (135976, 155898, 145937)
    assert (row["role_category"], row["region"], row["type"]) == ("dcs", "North West", "MD")
    assert row["source"] == f"corpus/real/dev/docs/{REAL_DCS_DOC}.txt"
    with (corpus_dir / "real" / "sources.csv").open(encoding="utf-8") as fh:
        source = next(r for r in csv.DictReader(fh) if r["stem"] == REAL_DCS_DOC)
    assert (row["publisher"], row["source_url"], row["licence"]) == (source["publisher"], source["url"], "OGL-3.0")
    assert row["year"] == int(source["published"][:4])  # the year its source gives
    assert "£135,976" in row["evidence"]


def test_percentile_and_nearest_posts_on_real_dcs_salaries(real_db: Path):
    figure = 145937.0
    bench = queries.salary_benchmark(real_db, salary_gbp=figure)
    assert bench.role_categories == ("dcs",)
    assert set(bench.rows["role_category"].to_list()) == {"dcs"}
    assert bench.n_posts == bench.rows.filter(pl.col("midpoint").is_not_null())["post_id"].n_unique()
    assert bench.n_posts >= 5
    assert bench.percentile == pytest.approx(percentile_from_rows(bench.rows.unique("post_id"), figure))
    assert 0 < bench.percentile < 100
    assert bench.pool.startswith(f"{bench.n_posts} posts of Director of Children's Services in ")
    # Manchester's own post is the nearest, at no distance; each post once
    first = bench.nearest.row(0, named=True)
    assert (first["gss"], first["difference"]) == (MANCHESTER, 0.0)
    distances = [abs(d) for d in bench.nearest["difference"].to_list()]
    assert distances == sorted(distances)
    assert bench.nearest["post_id"].n_unique() == bench.nearest.height
    as_range = queries.salary_benchmark(real_db, min_gbp=135976, max_gbp=155898)
    assert (as_range.figure, as_range.percentile) == (figure, bench.percentile)
    north_west = queries.salary_benchmark(real_db, salary_gbp=figure, regions=["North West"])
    assert set(north_west.rows["region"].to_list()) == {"North West"}
    assert north_west.percentile == pytest.approx(percentile_from_rows(north_west.rows.unique("post_id"), figure))


def test_day_hourly_and_scale_point_figures_are_not_benchmarked(real_db: Path):
    everything = queries.salary_ranges(real_db)
    assert everything.filter(pl.col("period").is_in(["day", "hour"])).height  # the corpus has them ...
    bench = queries.salary_benchmark(real_db, role_category=None)
    assert set(bench.rows["period"].to_list()) == {"year"}  # ... but the benchmark does not
    assert bench.rows.select(pl.max_horizontal("min_gbp", "max_gbp")).to_series().min() >= queries.BENCHMARK_FLOOR_GBP


def test_fictional_samples_are_shown_as_fictional_and_never_benchmarked(corpus_db: Path, corpus_dir: Path):
    (gold,) = gold_facts(corpus_dir, "wandsworth-dcs", "salary")
    listed = queries.salary_ranges(corpus_db).filter(gss=WANDSWORTH, min_gbp=gold["min_gbp"], max_gbp=gold["max_gbp"])
    assert listed["fictional"].to_list() == [True]
    assert listed["publisher"].to_list() == ["councildocs project (fictional example)"]
    assert listed["source_url"].to_list() == [None]
    assert queries.salary_benchmark(corpus_db, role_category=None).rows.is_empty()
    assert queries.documents(corpus_db)["fictional"].unique().to_list() == [True]


def test_filter_options_on_the_real_corpus(real_db: Path):
    options = queries.filter_options(real_db)
    assert options.years == sorted(options.years) and len(options.years) >= 3
    assert "North West" in options.regions and options.regions == sorted(options.regions)
    assert {"MD", "UA", "CTY"} <= set(options.authority_types)
    assert options.role_categories[0] == "dcs"
    assert MANCHESTER in options.authorities["gss"].to_list()


# -- comparing authorities -------------------------------------------------------------------


def test_compare_kingston_and_richmond(corpus_db: Path, corpus_dir: Path):
    kingston, richmond = queries.compare_authorities(corpus_db, [KINGSTON, RICHMOND])
    assert (kingston.gss, kingston.name, kingston.type, kingston.region) == (
        KINGSTON, "Royal Borough of Kingston upon Thames", "LBO", "London",
    )
    assert kingston.population_2020 == 179142 == int(gazetteer_row(corpus_dir, KINGSTON)["population_2020"])
    assert richmond.population_2020 == 198141 == int(gazetteer_row(corpus_dir, RICHMOND)["population_2020"])
    for authority in (kingston, richmond):
        (gold_pop,) = [p for p in gold_facts(corpus_dir, "kingston-richmond-dcs", "population") if p["authority"] == authority.gss]
        claimed = authority.populations.select("value", "qualifier", "group").to_dicts()
        assert {"value": gold_pop["value"], "qualifier": gold_pop["qualifier"], "group": "all"} in claimed
        salaries = authority.salaries.filter(min_gbp=165000, max_gbp=165000)
        assert salaries["role_category"].to_list() == ["dcs"]
        assert salaries["source"].to_list() == ["corpus/news/kingston-richmond-dcs.pdf"]
    dcs = kingston.arrangements.filter(kind="shared_post", role_category="dcs", status="current")
    assert [RICHMOND] in dcs["partners"].to_list()
    assert ["Richmond upon Thames"] in dcs["partner_names"].to_list()
    # Richmond also shares a chief executive with Wandsworth
    chief = richmond.arrangements.filter(kind="shared_post", role_category="chief_executive")
    assert any(WANDSWORTH in partners for partners in chief["partners"].to_list())
    gold_people = {p["name"] for p in gold_facts(corpus_dir, "kingston-richmond-dcs", "person") if KINGSTON in p["authorities"]}
    assert gold_people & set(kingston.people["name"].to_list())


def test_compare_kensington_and_westminster(corpus_db: Path, corpus_dir: Path):
    rbkc, wcc = queries.compare_authorities(corpus_db, [RBKC, WESTMINSTER])
    assert (rbkc.population_2020, wcc.population_2020) == (156864, 269848)
    (gold_salary,) = gold_facts(corpus_dir, "kensington-westminster-bi-borough", "salary")
    for authority in (rbkc, wcc):
        match = authority.salaries.filter(min_gbp=gold_salary["min_gbp"], max_gbp=gold_salary["max_gbp"])
        assert match["role_category"].to_list() == ["dass"]
        assert match["midpoint"].to_list() == [167500.0]
        other = WESTMINSTER if authority is rbkc else RBKC
        bi = authority.arrangements.filter(kind="partnership", status="current")
        assert any(p == [other] and "bi-borough" in post for p, post in zip(bi["partners"].to_list(), bi["post"].to_list()))
    claimed = {r["value"] for r in wcc.populations.to_dicts()}
    assert 205000 in claimed


def test_compare_child_poverty_keeps_its_comparator(corpus_db: Path):
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        gss, percent, area, comparator = con.execute(
            """
            SELECT fa.gss, f.percent, f.comparator_area, f.comparator_percent
            FROM facts f JOIN fact_authorities fa USING (fact_id)
            WHERE f.kind = 'poverty_rate' AND f.grp = 'children' AND f.comparator_area IS NOT NULL
            ORDER BY f.fact_id LIMIT 1
            """
        ).fetchall()[0]
    (one, _) = queries.compare_authorities(corpus_db, [gss, KINGSTON])
    row = one.child_poverty.filter(percent=percent).row(0, named=True)
    assert (row["comparator_area"], row["comparator_percent"]) == (area, comparator)
    assert area == "England"


def test_compare_refuses_unknown_codes_and_more_than_four(corpus_db: Path):
    with pytest.raises(ValueError, match="E99999999"):
        queries.compare_authorities(corpus_db, [KINGSTON, "E99999999"])
    with pytest.raises(ValueError, match="at most four"):
        queries.compare_authorities(corpus_db, [KINGSTON, RICHMOND, RBKC, WESTMINSTER, WANDSWORTH])
    assert queries.compare_authorities(corpus_db, []) == []


# -- shared posts ----------------------------------------------------------------------------


def test_shared_posts_kingston_richmond(corpus_db: Path):
    edges = queries.shared_posts(corpus_db)
    pair = edges.filter(gss_a=KINGSTON, gss_b=RICHMOND)
    dcs = pair.filter(kind="shared_post", role_category="dcs", status="current")
    assert dcs.height >= 1
    assert set(dcs["source"].to_list()) == {"corpus/news/kingston-richmond-dcs.pdf"}
    assert set(dcs["name_a"].to_list()) == {"Kingston upon Thames"}
    assert set(dcs["name_b"].to_list()) == {"Richmond upon Thames"}
    # Richmond's arrangements with Wandsworth, reported by both documents
    rw = edges.filter(gss_a=RICHMOND, gss_b=WANDSWORTH, kind="shared_post", role_category="chief_executive")
    assert set(rw["source"].to_list()) == {"corpus/news/kingston-richmond-dcs.pdf", "corpus/adverts/wandsworth-dcs.pdf"}


def test_shared_posts_bi_borough(corpus_db: Path):
    edges = queries.shared_posts(corpus_db)
    pair = edges.filter(gss_a=RBKC, gss_b=WESTMINSTER, source="corpus/news/kensington-westminster-bi-borough.pdf")
    current = pair.filter(status="current")
    assert {"dcs", "dass", "dph"} <= set(current.filter(kind="shared_post")["role_category"].to_list())
    assert any("bi-borough" in p for p in current.filter(kind="partnership")["post"].to_list())
    # the former tri-borough DCS: all three pairs of its three councils, under one fact
    former = edges.filter(kind="shared_post", status="former", role_category="dcs",
                          source="corpus/news/kensington-westminster-bi-borough.pdf")
    (fact_id,) = former["fact_id"].unique().to_list()
    pairs = {(r["gss_a"], r["gss_b"]) for r in former.to_dicts()}
    assert pairs == {(HAMMERSMITH, RBKC), (HAMMERSMITH, WESTMINSTER), (RBKC, WESTMINSTER)}


def test_every_arrangement_gives_every_pair_once(corpus_db: Path):
    edges = queries.shared_posts(corpus_db)
    assert (edges["gss_a"] < edges["gss_b"]).all()
    for fact_id, group in edges.group_by("fact_id"):
        evidence = queries.fact_evidence(corpus_db, fact_id[0])
        n = len({gss for gss, _, _ in evidence.authorities})
        assert group.height == n * (n - 1) // 2
        assert group.select("gss_a", "gss_b").n_unique() == group.height


def test_shared_posts_status_filter(corpus_db: Path):
    every = queries.shared_posts(corpus_db)
    for status in ("current", "proposed", "former"):
        some = queries.shared_posts(corpus_db, status=status)
        assert set(some["status"].to_list()) <= {status}
        assert some.height == every.filter(status=status).height
    assert queries.shared_posts(corpus_db, status=["current", "former"]).height == every.filter(
        pl.col("status").is_in(["current", "former"])
    ).height


# -- evidence --------------------------------------------------------------------------------


def test_fact_evidence_for_the_wandsworth_salary(corpus_db: Path):
    row = queries.salary_ranges(corpus_db).filter(gss=WANDSWORTH, max_gbp=190800).row(0, named=True)
    ev = queries.fact_evidence(corpus_db, row["fact_id"])
    assert ev.kind == "salary" and ev.source == "corpus/adverts/wandsworth-dcs.pdf"
    assert ev.fictional and ev.publisher == "councildocs project (fictional example)" and ev.source_url is None
    assert ev.fields["min_gbp"] == 148584 and ev.fields["max_gbp"] == 190800
    assert ev.fields["authorities"] == [WANDSWORTH]
    assert ev.authorities == [(WANDSWORTH, "Wandsworth", "employer")]
    assert ev.text[ev.start:ev.end] == ev.evidence
    assert "£148,584" in ev.evidence
    assert ev.page_starts[ev.page - 1] <= ev.start
    assert ev.page == len(ev.page_starts) or ev.start < ev.page_starts[ev.page]
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        stored, raw = con.execute("SELECT text, raw_text FROM documents WHERE sha256 = ?", [ev.sha256]).fetchall()[0]
    # contacts masked, length kept: the e-mail and phone number in the advert are gone
    assert len(ev.text) == len(stored) and len(ev.raw_text) == len(raw)
    assert EMAIL.search(stored) and not EMAIL.search(ev.text) and not EMAIL.search(ev.raw_text)
    assert "020 7946 0321" in stored and "020 7946 0321" not in ev.text
    assert MASK in ev.text


def test_fact_evidence_shows_the_repair(corpus_db: Path):
    with duckdb.connect(str(corpus_db), read_only=True) as con:
        (fact_id,) = con.execute(
            "SELECT f.fact_id FROM facts f JOIN documents d USING (sha256) "
            "WHERE d.source LIKE '%north-lincs-shared-dass%' ORDER BY f.fact_id LIMIT 1"
        ).fetchall()[0]
    ev = queries.fact_evidence(corpus_db, fact_id)
    assert ev.repair_methods == ["font-program"]
    assert ev.chars_changed == sum(step["chars_changed"] for step in ev.repair_log) > 0
    assert ev.raw_text != ev.text
    assert ev.text[ev.start:ev.end] == ev.evidence


def test_fact_evidence_for_an_unknown_fact_is_none(corpus_db: Path):
    assert queries.fact_evidence(corpus_db, "0" * 32) is None


def test_no_query_returns_a_contact(corpus_db: Path):
    """Every string any query returns is already masked (masking it again changes nothing)."""

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, pl.DataFrame):
            for col in value.columns:
                if value[col].dtype == pl.String:
                    yield from (v for v in value[col].to_list() if v)
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                yield from strings(v)
        elif hasattr(value, "__dataclass_fields__"):
            for name in value.__dataclass_fields__:
                yield from strings(getattr(value, name))

    edges = queries.shared_posts(corpus_db)
    bench = queries.salary_benchmark(corpus_db, salary_gbp=150000)
    everything = [
        bench, edges, queries.salary_ranges(corpus_db), queries.failed_documents(corpus_db),
        queries.compare_authorities(corpus_db, [WANDSWORTH, KINGSTON, RBKC, WESTMINSTER]),
        [queries.fact_evidence(corpus_db, f) for f in bench.rows["fact_id"].unique().to_list()],
    ]
    seen = list(strings(everything))
    assert len(seen) > 100
    for text in seen:
        assert mask_contacts(text) == text
        assert not EMAIL.search(text)
