"""Salary benchmark: where a salary (or a range) sits among comparable real posts of one role category.

The comparison is like for like: DCS posts unless the user picks another category, each post counted
once however many councils share it, annual figures of real published documents only (no hourly or
day rates, no pay-scale points, nothing the project wrote). The answer says what it compared. The
filters live in the URL (``?role=dcs&salary=140000&region=London``), so a comparison can be shared.
"""

import polars as pl
import streamlit as st

from councildocs.dashboard import charts, data, downloads, labels, links, url_state
from councildocs.extract.kinds import Period, RoleCategory
from councildocs.warehouse.queries import BENCHMARK_FLOOR_GBP, DEFAULT_ROLE_CATEGORY

st.title("Salary benchmark")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

# every category's posts, for the filters' choices
everything = data.guarded(data.load_salary_benchmark, *warehouse, role_category=None)
options = data.salary_filters(everything.rows)
ALL = "(all)"

with st.sidebar:
    # DCS is offered (and chosen) even when the warehouse holds no DCS post yet: the page then says so
    role_choices = list(dict.fromkeys([DEFAULT_ROLE_CATEGORY, *options.role_categories, ALL]))
    role = url_state.selectbox("Role category", role_choices, param="role", default=DEFAULT_ROLE_CATEGORY,
                               format_func=lambda c: "All senior posts" if c == ALL else labels.role_category(c))
    regions = url_state.multiselect("Region", options.regions, param="region")
    types = url_state.multiselect("Authority type", options.authority_types, param="type",
                                  format_func=lambda t: options.authority_type_names.get(t, t))
    years = url_state.multiselect("Year", options.years, param="year", cast=int)
    mode = url_state.radio("Compare", ["A salary", "A range"], param="mode", values=["salary", "range"])
    if mode == "salary":
        salary = url_state.number_input("Salary (£ a year)", param="salary", step=1000)
        low = high = 0
    else:
        salary = 0
        low = url_state.number_input("From (£ a year)", param="from", step=1000)
        high = url_state.number_input("To (£ a year)", param="to", step=1000)

if low and high and low > high:
    st.warning(f"The range's lower end (£{low:,}) is above its upper end (£{high:,}); compare a range from low to high.")
    low = high = 0

bench = data.guarded(
    data.load_salary_benchmark, *warehouse,
    salary_gbp=float(salary) if salary else None,
    min_gbp=float(low) if low else None,
    max_gbp=float(high) if high else None,
    role_category=None if role == ALL else role,
    regions=tuple(regions), authority_types=tuple(types), years=tuple(years),
)
st.caption(
    "Compared: annual salaries of posts in real published documents, one per post however many councils share "
    f"it. Left out: hourly and day rates, figures under £{BENCHMARK_FLOOR_GBP:,} (pay-scale points) and the "
    "project's fictional examples."
)
rows = bench.rows.with_columns(authority=pl.coalesce("nice_name", "gss", pl.lit("(authority not identified)")))
if rows.is_empty():
    st.info("No salary figures match these filters." if (regions or types or years or role != ALL)
            else "No salary figures have been extracted yet.")
    st.stop()

compared = salary or low or high
if compared:
    asked = f"£{salary:,}" if salary else links.money_range(low or None, high or None)
    if bench.percentile is None:
        st.write(f"No comparable posts to place {asked} among.")
    else:
        st.markdown(f"**{asked}** sits at the **{links.ordinal(bench.percentile)} percentile** of {bench.pool} "
                    "(by the midpoint of each post's range).")
    if not bench.nearest.is_empty():
        st.subheader("Nearest posts")
        nearest = links.with_evidence_links(bench.nearest.select(
            "nice_name", "role", "role_category", "min_gbp", "max_gbp", "difference", "region", "type_name",
            "source", "publisher", "published", "source_url", "fact_id",
        ).with_columns(fictional=pl.lit(False)))
        st.dataframe(nearest, hide_index=True,
                     column_order=["open", "nice_name", "role", "min_gbp", "max_gbp", "difference", "published_by",
                                   "source_link"],
                     column_config={"nice_name": st.column_config.TextColumn("Authorities", width="medium"),
                                    "type_name": "Type",
                                    "role": st.column_config.TextColumn("Post (as written)", width="medium"),
                                    "region": "Region",
                                    "role_category": labels.enum_column("Role category", RoleCategory,
                                                                        nearest["role_category"]),
                                    **links.money_columns(nearest),
                                    "difference": st.column_config.NumberColumn("Difference", format="£%,d",
                                                                                width="small")})
else:
    st.markdown(f"Showing {bench.pool}. Enter a salary or a range in the sidebar to place it among them.")

marker = salary or ((low + high) / 2 if low and high else (low or high))
st.altair_chart(charts.salary_range_chart(rows, marker_gbp=marker or None), width="stretch")

table = rows.select(
    "authority", "role", "role_category", "min_gbp", "max_gbp", "period", "year", "region", "type_name",
    "source", "publisher", "published", "source_url", "licence", "evidence", "fact_id",
).with_columns(fictional=pl.lit(False))
shown = links.with_evidence_links(table)
st.dataframe(
    shown,
    hide_index=True,
    # the filters already say the category, region and type: the columns are what differs between posts
    column_order=["open", "authority", "role", "min_gbp", "max_gbp", "year", "published_by", "source_link"],
    column_config={
        "authority": "Authority",
        "region": "Region",
        "type_name": "Type",
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "role": st.column_config.TextColumn("Post (as written)", width="medium"),
        "role_category": labels.enum_column("Role category", RoleCategory, table["role_category"]),
        "min_gbp": st.column_config.NumberColumn("From", format="£%,d"),
        "max_gbp": st.column_config.NumberColumn("To", format="£%,d"),
        "period": labels.enum_column("Paid per", Period, table["period"]),
        "evidence": None,
        "fact_id": None,
        **links.link_column(),
    },
)
st.download_button("Download CSV", downloads.csv_bytes(table), file_name="salary_benchmark.csv",
                   mime="text/csv")

links.evidence_picker(table, label=lambda r: f"{r['authority']} · {r['role']} · "
                      f"{links.money_range(r['min_gbp'], r['max_gbp'])}")
