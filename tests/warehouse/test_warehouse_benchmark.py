"""The salary benchmark, percentiles and nearest authorities, checked by hand on a tiny warehouse.

Posts (annual unless said; midpoint = (min + max) / 2):

    doc   employer(s)                 role category  salary               midpoint  year
    A     Wandsworth                  dcs            £100,000–£120,000    110,000   ingest year
    B     Camden                      dcs            £130,000             130,000   ingest year
    C     Kingston + Richmond shared  dcs            £140,000–£160,000    150,000   ingest year
    D     Leeds                       dcs            £150,000             150,000   2024 (from its text)
    E     Cambridgeshire              dcs            up to £170,000       none      ingest year
    F     Devon                       dph            £130,000             130,000   ingest year
    G     Camden                      dcs            £900 a day           (not annual: left out)
    H     Camden                      dcs            £24,790              (a pay-scale point: left out)
    I     Wandsworth, fictional       dcs            £200,000             (written by the project: left out)
    J     Kingston + Richmond shared  dcs            £140,000–£160,000    (C again, from another document)
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest

from councildocs.ingest.models import Provenance
from councildocs.warehouse import queries
from councildocs.warehouse.store import Warehouse
from councildocs.warehouse.testing import ok_result, salary_fact

WANDSWORTH, CAMDEN, KINGSTON, RICHMOND = "E09000032", "E09000007", "E09000021", "E09000027"
LEEDS, CAMBRIDGESHIRE, DEVON = "E08000035", "E10000003", "E10000008"


def _doc(name: str, text: str, phrase: str, employers: list[str], lo, hi, category="dcs", period="year",
         provenance: Provenance | None = None):
    fact = salary_fact(text, phrase, employers, lo, hi, role_category=category)
    fact.fields["period"] = period
    return ok_result(f"synthetic/{name}.txt", text, [fact], [(g, g) for g in employers], provenance=provenance)


@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("bench") / "warehouse.duckdb"
    docs = [
        _doc("a", "Wandsworth pays £100,000 to £120,000.", "£100,000 to £120,000", [WANDSWORTH], 100000, 120000),
        _doc("b", "Camden pays £130,000.", "£130,000", [CAMDEN], 130000, 130000),
        _doc("c", "Kingston and Richmond share a DCS on £140,000 to £160,000.", "£140,000 to £160,000",
             [KINGSTON, RICHMOND], 140000, 160000),
        _doc("d", "Leeds pay policy 2024: the DCS is paid £150,000.", "£150,000", [LEEDS], 150000, 150000),
        _doc("e", "Cambridgeshire pays up to £170,000.", "up to £170,000", [CAMBRIDGESHIRE], None, 170000),
        _doc("f", "Devon's Director of Public Health: £130,000.", "£130,000", [DEVON], 130000, 130000, category="dph"),
        _doc("g", "Camden interim DCS at £900 a day.", "£900 a day", [CAMDEN], 900, 900, period="day"),
        _doc("h", "Camden's DCS scale starts at £24,790.", "£24,790", [CAMDEN], 24790, 24790),
        _doc("i", "An invented advert: Wandsworth DCS £200,000.", "£200,000", [WANDSWORTH], 200000, 200000,
             provenance=Provenance(publisher="councildocs project (fictional example)", fictional=True)),
        _doc("j", "Richmond news: the shared DCS post pays £140,000 to £160,000.", "£140,000 to £160,000",
             [RICHMOND, KINGSTON], 140000, 160000),
    ]
    with Warehouse(db) as wh:
        for doc in docs:
            wh.store(doc)
    return db


def test_percentile_counts_each_post_once_and_ties_as_half(bench_db: Path):
    # dcs posts with a midpoint: A 110k, B 130k, C 150k (two councils and two documents, one post),
    # D 150k -> 4. £150,000: 2 below, 2 equal -> 100 * (2 + 0.5 * 2) / 4 = 75.
    bench = queries.salary_benchmark(bench_db, salary_gbp=150000, role_category="dcs")
    assert bench.figure == 150000
    assert bench.n_posts == 4
    assert bench.percentile == 75.0
    # rows: A, B, C and J twice each (one per employer), D, E (listed without a midpoint); G is a day
    # rate, H a pay-scale point and I fictional
    assert bench.rows.height == 8
    assert sorted(bench.rows["gss"].to_list()) == sorted(
        [WANDSWORTH, CAMDEN, KINGSTON, RICHMOND, KINGSTON, RICHMOND, LEEDS, CAMBRIDGESHIRE])
    assert bench.rows.filter(gss=KINGSTON)["post_id"].n_unique() == 1
    assert bench.rows.filter(gss=CAMBRIDGESHIRE)["midpoint"].to_list() == [None]
    assert set(bench.rows["period"].to_list()) == {"year"}


def test_a_range_is_placed_by_its_midpoint(bench_db: Path):
    # £120,000–£140,000 -> 130,000: A below, B equal -> 100 * (1 + 0.5) / 4 = 37.5
    bench = queries.salary_benchmark(bench_db, min_gbp=120000, max_gbp=140000, role_category="dcs")
    assert (bench.figure, bench.percentile) == (130000, 37.5)
    # one bound alone is the figure
    assert queries.salary_benchmark(bench_db, max_gbp=200000, role_category="dcs").percentile == 100.0
    assert queries.salary_benchmark(bench_db, min_gbp=50000, role_category="dcs").percentile == 0.0


def test_without_a_role_filter_every_category_counts(bench_db: Path):
    # A 110k, B 130k, C 150k, D 150k, F 130k -> £130,000: 1 below, 2 equal -> 100 * 2 / 5 = 40
    bench = queries.salary_benchmark(bench_db, salary_gbp=130000, role_category=None)
    assert (bench.n_posts, bench.percentile) == (5, 40.0)
    assert bench.pool == f"5 posts (all senior posts) in 6 authorities, 2024–{datetime.now(UTC).year}"
    several = queries.salary_benchmark(bench_db, salary_gbp=130000, role_category=["dcs", "dph"])
    assert (several.n_posts, several.percentile) == (5, 40.0)


def test_region_type_and_year_filters(bench_db: Path):
    # London dcs posts: A 110k, B 130k, C 150k -> £150,000: 2 below, 1 equal -> 100 * 2.5 / 3
    london = queries.salary_benchmark(bench_db, salary_gbp=150000, role_category="dcs", regions=["London"])
    assert london.n_posts == 3
    assert london.percentile == pytest.approx(100 * 2.5 / 3)
    assert set(london.rows["region"].to_list()) == {"London"}
    metropolitan = queries.salary_benchmark(bench_db, salary_gbp=150000, authority_types=["MD"], role_category=None)
    assert metropolitan.rows["gss"].to_list() == [LEEDS]
    assert metropolitan.percentile == 50.0
    # D says 2024; the others mention no year, so they are dated by the year they were ingested
    this_year = datetime.now(UTC).year
    dated = queries.salary_benchmark(bench_db, years=[2024], role_category=None)
    assert dated.rows["gss"].to_list() == [LEEDS]
    assert dated.rows["year"].to_list() == [2024]
    assert queries.salary_benchmark(bench_db, years=[this_year], role_category=None).rows.height == 8  # A, B, C x2, J x2, E, F
    options = queries.filter_options(bench_db)
    assert options.years == sorted({2024, this_year})
    assert options.regions == ["East of England", "London", "South West", "Yorkshire and The Humber"]
    assert options.authority_types == ["CTY", "LBO", "MD"]
    assert options.authority_type_names["LBO"] == "London borough"
    assert options.role_categories == ["dcs", "dph"]
    assert set(options.authorities["gss"].to_list()) == {WANDSWORTH, CAMDEN, KINGSTON, RICHMOND, LEEDS, CAMBRIDGESHIRE, DEVON}


def test_nearest_posts_each_once_with_all_their_employers_ties_by_name(bench_db: Path):
    bench = queries.salary_benchmark(bench_db, salary_gbp=150000, role_category="dcs")
    nearest = bench.nearest
    # the shared post (C, and J reporting it again) is one row naming both councils
    assert nearest["nice_name"].to_list() == [
        "Kingston upon Thames and Richmond upon Thames", "Leeds", "Camden", "Wandsworth",
    ]
    assert nearest["employers"].to_list() == [2, 1, 1, 1]
    assert nearest["difference"].to_list() == [0.0, 0.0, -20000.0, -40000.0]
    assert nearest["midpoint"].to_list() == [150000.0, 150000.0, 130000.0, 110000.0]
    # Camden's day rate and scale point are not candidates even though each would be "a post at Camden"
    low = queries.salary_benchmark(bench_db, salary_gbp=1000, role_category="dcs").nearest
    assert low["nice_name"].to_list()[0] == "Wandsworth"
    assert low["min_gbp"].min() >= queries.BENCHMARK_FLOOR_GBP


def test_the_benchmark_compares_dcs_posts_by_default_and_says_what_it_compared(bench_db: Path):
    bench = queries.salary_benchmark(bench_db, salary_gbp=140000)
    assert bench.role_categories == ("dcs",)
    assert set(bench.rows["role_category"].to_list()) == {"dcs"}
    # A, B, C/J, D with a midpoint; C/J's two councils, A, B, D -> 5 authorities; all dated this year but D
    this_year = datetime.now(UTC).year
    assert (bench.n_posts, bench.n_authorities, bench.years) == (4, 5, (2024, this_year))
    assert bench.pool == f"4 posts of Director of Children's Services in 5 authorities, 2024–{this_year}"
    assert bench.percentile == 50.0  # 110k, 130k below; 150k, 150k above


def test_fictional_documents_are_listed_as_such_but_never_benchmarked(bench_db: Path):
    assert not queries.salary_benchmark(bench_db, role_category=None).rows.filter(pl.col("max_gbp") == 200000).height
    ranges = queries.salary_ranges(bench_db)
    invented = ranges.filter(pl.col("max_gbp") == 200000)
    assert invented["fictional"].to_list() == [True]
    assert invented["publisher"].to_list() == ["councildocs project (fictional example)"]
    assert ranges.filter(pl.col("max_gbp") != 200000)["fictional"].unique().to_list() == [False]


def test_no_figure_gives_rows_only(bench_db: Path):
    bench = queries.salary_benchmark(bench_db, role_category="dcs")
    assert bench.figure is None and bench.percentile is None
    assert bench.nearest.is_empty()
    assert "difference" in bench.nearest.columns
    assert bench.n_posts == 4


def test_a_salary_and_a_range_together_are_refused(bench_db: Path):
    with pytest.raises(ValueError, match="not both"):
        queries.salary_benchmark(bench_db, salary_gbp=1, min_gbp=1)
    with pytest.raises(ValueError, match="above its maximum"):
        queries.salary_benchmark(bench_db, min_gbp=2, max_gbp=1)


def test_filters_that_match_nothing_give_empty_frames(bench_db: Path):
    bench = queries.salary_benchmark(bench_db, salary_gbp=150000, regions=["Wales"])
    assert bench.rows.is_empty() and bench.nearest.is_empty()
    assert (bench.n_posts, bench.percentile) == (0, None)
