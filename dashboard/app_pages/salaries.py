"""Salary benchmark: salary ranges by authority, filterable, with a salary to compare against."""

import polars as pl
import streamlit as st

from councildocs.dashboard import charts, data

st.title("Salary benchmark")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

salaries = data.guarded(data.load_salary_ranges, *warehouse).with_columns(
    authority=pl.coalesce("nice_name", "gss", pl.lit("(authority not identified)")),
)
if salaries.is_empty():
    st.info("No salary figures have been extracted yet.")
    st.stop()


def _options(column: str) -> list[str]:
    return sorted(v for v in salaries[column].unique().to_list() if v is not None)


with st.sidebar:
    regions = st.multiselect("Region", _options("region"))
    types = st.multiselect("Authority type", _options("type_name"))
    roles = st.multiselect("Role", _options("role_category"))
    compare = st.number_input("Compare a salary (£)", min_value=0, step=1000, value=0)

shown = salaries
for column, chosen in (("region", regions), ("type_name", types), ("role_category", roles)):
    if chosen:
        shown = shown.filter(pl.col(column).is_in(chosen))

st.caption(f"{shown['fact_id'].n_unique()} salary figures across {shown['authority'].n_unique()} authorities.")
if compare:
    tops = shown["max_gbp"].drop_nulls()
    if tops.len():
        below = int((tops < compare).sum())
        st.write(f"£{compare:,} is above the top of {below} of {tops.len()} ranges shown.")

st.altair_chart(charts.salary_range_chart(shown, marker_gbp=compare or None), width="stretch")

table = shown.select(
    "authority", "region", "type_name", "role", "role_category", "min_gbp", "max_gbp", "period", "source", "evidence",
)
st.dataframe(
    table,
    hide_index=True,
    column_config={
        "authority": "Authority",
        "region": "Region",
        "type_name": "Type",
        "role": "Role (as written)",
        "role_category": "Role category",
        "min_gbp": st.column_config.NumberColumn("From", format="£%,d"),
        "max_gbp": st.column_config.NumberColumn("To", format="£%,d"),
        "period": "Period",
        "source": "Document",
        "evidence": st.column_config.TextColumn("Evidence", width="large"),
    },
)
st.download_button("Download CSV", table.write_csv(), file_name="salary_ranges.csv", mime="text/csv")
