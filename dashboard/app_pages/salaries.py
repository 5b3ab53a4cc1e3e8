"""Salary benchmark: salary ranges by authority, filterable, with a salary or range placed among comparable posts."""

import polars as pl
import streamlit as st

from councildocs.dashboard import charts, data, labels, links
from councildocs.extract.kinds import Period, RoleCategory

st.title("Salary benchmark")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

everything = data.guarded(data.load_salary_benchmark, *warehouse)  # unfiltered; also the page's default view
options = data.salary_filters(everything.rows)

with st.sidebar:
    regions = st.multiselect("Region", options.regions)
    types = st.multiselect("Authority type", options.authority_types,
                           format_func=lambda t: options.authority_type_names.get(t, t))
    years = st.multiselect("Year", options.years)
    role = st.selectbox("Role category", ["(all)", *options.role_categories],
                        format_func=lambda c: c if c == "(all)" else labels.role_category(c))
    mode = st.radio("Compare", ["A salary", "A range"], horizontal=True)
    if mode == "A salary":
        salary = st.number_input("Salary (£ a year)", min_value=0, step=1000, value=0)
        low = high = 0
    else:
        salary = 0
        low = st.number_input("From (£ a year)", min_value=0, step=1000, value=0)
        high = st.number_input("To (£ a year)", min_value=0, step=1000, value=0)

if low and high and low > high:
    st.warning(f"The range's lower end (£{low:,}) is above its upper end (£{high:,}); compare a range from low to high.")
    low = high = 0

bench = data.guarded(
    data.load_salary_benchmark, *warehouse,
    salary_gbp=float(salary) if salary else None,
    min_gbp=float(low) if low else None,
    max_gbp=float(high) if high else None,
    role_category=None if role == "(all)" else role,
    regions=tuple(regions), authority_types=tuple(types), years=tuple(years),
)
rows = bench.rows.with_columns(authority=pl.coalesce("nice_name", "gss", pl.lit("(authority not identified)")))
if rows.is_empty():
    st.info("No salary figures match these filters." if (regions or types or years or role != "(all)")
            else "No salary figures have been extracted yet.")
    st.stop()

st.caption(f"{rows['fact_id'].n_unique()} salary figures across {rows['authority'].n_unique()} authorities.")

compared = salary or low or high
if compared:
    asked = f"£{salary:,}" if salary else links.money_range(low or None, high or None)
    if bench.percentile is None:
        st.write(f"No comparable posts to place {asked} among.")
    else:
        st.markdown(f"**{asked}** sits at the **{links.ordinal(bench.percentile)} percentile** of "
                    f"{bench.n_posts} comparable posts (by the midpoint of each post's range).")
    if not bench.nearest.is_empty():
        st.subheader("Nearest authorities")
        nearest = bench.nearest.select(
            "nice_name", "region", "type_name", "role", "role_category", "min_gbp", "max_gbp", "midpoint", "difference",
            "source", "fact_id",
        )
        st.dataframe(links.with_evidence_links(nearest), hide_index=True,
                     column_config={"nice_name": "Authority", "type_name": "Type",
                                    "role_category": labels.enum_column("Role category", RoleCategory,
                                                                        nearest["role_category"]),
                                    **links.money_columns(nearest)})

marker = salary or ((low + high) / 2 if low and high else (low or high))
st.altair_chart(charts.salary_range_chart(rows, marker_gbp=marker or None), width="stretch")

table = rows.select(
    "authority", "region", "type_name", "year", "role", "role_category", "min_gbp", "max_gbp", "period", "source",
    "evidence", "fact_id",
)
st.dataframe(
    links.with_evidence_links(table),
    hide_index=True,
    column_config={
        "authority": "Authority",
        "region": "Region",
        "type_name": "Type",
        "year": st.column_config.NumberColumn("Year", format="%d"),
        "role": "Role (as written)",
        "role_category": labels.enum_column("Role category", RoleCategory, table["role_category"]),
        "min_gbp": st.column_config.NumberColumn("From", format="£%,d"),
        "max_gbp": st.column_config.NumberColumn("To", format="£%,d"),
        "period": labels.enum_column("Paid per", Period, table["period"]),
        "source": "Document",
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
        "fact_id": None,
        **links.link_column(),
    },
)
st.download_button("Download CSV", table.write_csv(), file_name="salary_benchmark.csv", mime="text/csv")

links.evidence_picker(table, label=lambda r: f"{r['authority']} · {r['role']} · "
                      f"{links.money_range(r['min_gbp'], r['max_gbp'])}")
