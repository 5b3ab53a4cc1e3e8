"""Compare authorities: two to four side by side, every figure beside its reference and one click from its source."""

import polars as pl
import streamlit as st

from councildocs.dashboard import data, labels, links
from councildocs.extract.kinds import ArrangementStatus, Period, PersonStatus, Qualifier

st.title("Compare authorities")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

options = data.guarded(data.load_filter_options, *warehouse)
authorities = options.authorities
if authorities.is_empty():
    st.info("No facts name an authority yet, so there is nothing to compare.")
    st.stop()

names = {r["gss"]: r["nice_name"] or r["name"] for r in authorities.iter_rows(named=True)}
# `?gss=E09000021,E09000027` preselects (the shared posts page links here that way)
asked = [c for c in st.query_params.get("gss", "").split(",") if c in names][:4]
chosen = st.multiselect(
    "Authorities (two to four)", list(names), default=asked, max_selections=4,
    format_func=lambda g: f"{names[g]} ({g})", placeholder="Choose authorities",
)
if len(chosen) < 2:
    st.info("Choose two to four authorities to compare them side by side.")
    st.stop()

comparisons = data.guarded(data.load_comparison, *warehouse, tuple(chosen))


def _claimed_population(c) -> pl.DataFrame:
    return c.populations.filter(pl.col("group") == "all")


def _summary_row(c) -> dict:
    claimed = _claimed_population(c)
    top = c.salaries.filter(pl.col("period") == "year")
    poverty = c.child_poverty
    comparator = poverty.filter(pl.col("comparator_percent").is_not_null())
    return {
        "authority": c.nice_name or c.name,
        "gss": c.gss,
        "type": c.type_name,
        "region": c.region,
        "population_2020": c.population_2020,
        "population_claimed": claimed["value"][0] if claimed.height else None,
        "claimed_qualifier": claimed["qualifier"][0] if claimed.height else None,
        "top_salary": links.money_range(top["min_gbp"][0], top["max_gbp"][0]) if top.height else None,
        "top_salary_role": top["role"][0] if top.height else None,
        "child_poverty_pct": poverty["percent"][0] if poverty.height else None,
        "england_pct": comparator["comparator_percent"][0] if comparator.height else None,
        "shared_arrangements": c.arrangements.height,
        "people": c.people.height,
    }


summary = pl.DataFrame([_summary_row(c) for c in comparisons])
st.subheader("At a glance")
st.dataframe(
    summary, hide_index=True,
    column_config={
        "authority": "Authority", "gss": "GSS code", "type": "Type", "region": "Region",
        "population_2020": st.column_config.NumberColumn("Population 2020 (gazetteer)", format="%,d"),
        "population_claimed": st.column_config.NumberColumn("Population claimed", format="%,d"),
        "claimed_qualifier": labels.enum_column("Claimed as", Qualifier, summary["claimed_qualifier"]),
        "top_salary": "Highest annual salary", "top_salary_role": "For",
        "child_poverty_pct": st.column_config.NumberColumn("Child poverty (%)", format="%.1f"),
        "england_pct": st.column_config.NumberColumn("England comparator (%)", format="%.1f"),
        "shared_arrangements": "Shared arrangements", "people": "People named",
    },
)
st.download_button("Download CSV", summary.write_csv(), file_name="comparison.csv", mime="text/csv")

columns = st.columns(len(comparisons))
for column, c in zip(columns, comparisons):
    with column:
        st.subheader(c.nice_name or c.name)
        st.caption(f"{c.type_name or c.type or 'Authority'} · {c.region or 'region unknown'} · {c.gss}")

        st.markdown("**Population**")
        claimed = _claimed_population(c)
        gazetteer = f"{c.population_2020:,}" if c.population_2020 else "not in the gazetteer"
        if claimed.height:
            value = claimed["value"][0]
            delta = (f"{(value - c.population_2020) / c.population_2020:+.1%} against the gazetteer"
                     if c.population_2020 else None)
            st.metric("Claimed in documents", f"{value:,}", delta=delta, delta_color="off")
        else:
            st.caption("No population claimed in the documents.")
        st.caption(f"Gazetteer 2020: {gazetteer}")

        st.markdown("**Child poverty**")
        if c.child_poverty.height:
            row = c.child_poverty.row(0, named=True)
            england = row["comparator_percent"]
            delta = f"{row['percent'] - england:+.1f} pts against {row['comparator_area']} ({england}%)" if england else None
            st.metric("Children in poverty", f"{row['percent']}%", delta=delta, delta_color="inverse")
            if not england:
                st.caption("The document gives no England figure beside it.")
        else:
            st.caption("No child poverty rate in the documents.")

        st.markdown("**Salaries**")
        if c.salaries.height:
            st.dataframe(links.with_evidence_links(c.salaries.select(
                "role", "min_gbp", "max_gbp", "period", "year", "fact_id")), hide_index=True,
                column_config={"role": "Post", "period": labels.enum_column("Paid per", Period, c.salaries["period"]),
                               **links.money_columns(c.salaries.select("min_gbp", "max_gbp", "fact_id"))})
        else:
            st.caption("No salary figures.")

        st.markdown("**Shared arrangements**")
        if c.arrangements.height:
            arrangements = c.arrangements.with_columns(
                partners=pl.col("partner_names").list.join(", ")
            ).select("post", "status", "partners", "kind", "fact_id")
            st.dataframe(links.with_evidence_links(arrangements), hide_index=True,
                         column_config={"post": "Post or partnership",
                                        "status": labels.enum_column("Status", ArrangementStatus,
                                                                     arrangements["status"]),
                                        "kind": labels.kind_column("Kind", arrangements["kind"]),
                                        "fact_id": None, **links.link_column()})
        else:
            st.caption("No shared posts or partnerships.")

        st.markdown("**People in post**")
        if c.people.height:
            st.dataframe(links.with_evidence_links(c.people.select("name", "role", "status", "fact_id")),
                         hide_index=True,
                         column_config={"status": labels.enum_column("Status", PersonStatus, c.people["status"]),
                                        "fact_id": None, **links.link_column()})
        else:
            st.caption("No people named.")
