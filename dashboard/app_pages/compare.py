"""Compare authorities: two to four side by side, every figure beside its source and one click from its sentence.

The choice lives in the URL (``compare?gss=E09000021,E09000027``), so a comparison can be shared. Tables
run down the page, one per topic with the authority as a column, rather than side by side in narrow
columns that would clip them.
"""

import polars as pl
import streamlit as st

from councildocs.dashboard import data, downloads, labels, links
from councildocs.extract.kinds import ArrangementStatus, Period, PersonStatus, PopulationGroup, Qualifier, RoleCategory

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
asked = [c for c in st.query_params.get("gss", "").split(",") if c in names][:4]
chosen = st.multiselect(
    "Authorities (two to four)", list(names), default=asked, max_selections=4,
    format_func=lambda g: f"{names[g]} ({g})", placeholder="Choose authorities",
)
if chosen:
    st.query_params["gss"] = ",".join(chosen)
elif "gss" in st.query_params:
    del st.query_params["gss"]
if len(chosen) < 2:
    st.info("Choose two to four authorities to compare them side by side.")
    st.stop()

comparisons = data.guarded(data.load_comparison, *warehouse, tuple(chosen))


def _first(frame: pl.DataFrame, column: str):
    return frame[column][0] if frame.height else None


def _summary_row(c) -> dict:
    """One authority's headline figures, as numbers (the CSV keeps them so)."""
    claimed = c.populations.filter(pl.col("group") == "all")
    annual = c.salaries.filter(pl.col("period") == "year")
    comparator = c.child_poverty.filter(pl.col("comparator_percent").is_not_null())
    return {
        "authority": c.nice_name or c.name,
        "gss": c.gss,
        "type": c.type_name,
        "region": c.region,
        "population_2020": c.population_2020,
        "population_claimed": _first(claimed, "value"),
        "population_claimed_as": Qualifier.label_of(_first(claimed, "qualifier")) or None,
        "highest_salary_from_gbp": _first(annual, "min_gbp"),
        "highest_salary_to_gbp": _first(annual, "max_gbp"),
        "highest_salary_post": _first(annual, "role"),
        "child_poverty_pct": _first(c.child_poverty, "percent"),
        "comparator_area": _first(comparator, "comparator_area"),
        "comparator_pct": _first(comparator, "comparator_percent"),
        "shared_arrangements": c.arrangements.height,
        "people_named": c.people.height,
        "facts_from_fictional_examples": sum(
            getattr(c, a).filter(pl.col("fictional")).height
            for a in ("populations", "salaries", "child_poverty", "arrangements", "people")
        ),
    }


summary = pl.DataFrame([_summary_row(c) for c in comparisons])


def _shown(value, kind: str) -> str:
    if value is None:
        return "—"
    if kind == "int":
        return f"{value:,}"
    if kind == "pct":
        return f"{value:g}%"
    return str(value)


# At a glance, one row per measure and one column per authority: at most five columns, so it fits.
MEASURES = [
    ("Type", lambda r: _shown(r["type"], "text")),
    ("Region", lambda r: _shown(r["region"], "text")),
    ("GSS code", lambda r: r["gss"]),
    ("Population 2020 (gazetteer)", lambda r: _shown(r["population_2020"], "int")),
    ("Population claimed in documents", lambda r: (f"{(r['population_claimed_as'] or '').lower()} " if
                                                    r["population_claimed_as"] not in (None, "Exactly") else "")
     + _shown(r["population_claimed"], "int")),
    ("… against the gazetteer", lambda r: f"{(r['population_claimed'] - r['population_2020']) / r['population_2020']:+.1%}"
     if r["population_claimed"] and r["population_2020"] else "—"),
    ("Highest annual salary", lambda r: links.money_range(r["highest_salary_from_gbp"], r["highest_salary_to_gbp"])
     if r["highest_salary_to_gbp"] is not None else "—"),
    ("… for the post", lambda r: _shown(r["highest_salary_post"], "text")),
    ("Children in poverty", lambda r: _shown(r["child_poverty_pct"], "pct")),
    ("… compared with", lambda r: f"{r['comparator_area']} {r['comparator_pct']:g}%" if r["comparator_pct"] is not None
     else "—"),
    ("Shared posts and partnerships", lambda r: str(r["shared_arrangements"])),
    ("People named", lambda r: str(r["people_named"])),
]
if summary["facts_from_fictional_examples"].sum():
    MEASURES.append((f"Figures from a {labels.FICTIONAL.lower()}", lambda r: str(r["facts_from_fictional_examples"])))
glance = pl.DataFrame(
    {"Measure": [m for m, _ in MEASURES],
     **{row["authority"]: [show(row) for _, show in MEASURES] for row in summary.iter_rows(named=True)}}
)
st.subheader("At a glance")
st.dataframe(glance, hide_index=True, width="stretch", height=35 * (glance.height + 1) + 3)  # every row, no scrolling
st.download_button("Download CSV", downloads.csv_bytes(summary), file_name="comparison.csv", mime="text/csv")


def _topic(attribute: str) -> pl.DataFrame:
    """One topic's facts of every chosen authority, the authority first, evidence and source links added."""
    frames = [getattr(c, attribute).with_columns(authority=pl.lit(c.nice_name or c.name)) for c in comparisons]
    frames = [f for f in frames if f.height]
    if not frames:
        return pl.DataFrame()
    combined = pl.concat(frames, how="diagonal_relaxed")
    return links.with_evidence_links(combined.select("authority", pl.exclude("authority")))


def _table(frame: pl.DataFrame, order: list[str], config: dict, empty: str) -> None:
    if frame.is_empty():
        st.caption(empty)
        return
    st.dataframe(frame, hide_index=True, width="stretch",
                 column_order=["open", "authority", *order, "published_by", "source_link"],
                 column_config={"authority": st.column_config.TextColumn("Authority", width="small"), **config,
                                **links.link_column()})


st.subheader("Salaries")
salaries = _topic("salaries")
_table(salaries, ["role", "min_gbp", "max_gbp", "period", "year"],
       {"role": st.column_config.TextColumn("Post (as written)", width="medium"),
        "role_category": labels.enum_column("Role category", RoleCategory, salaries.get_column("role_category")
                                            if salaries.height else None),
        "min_gbp": st.column_config.NumberColumn("From", format="£%,d", width="small"),
        "max_gbp": st.column_config.NumberColumn("To", format="£%,d", width="small"),
        "period": labels.enum_column("Paid per", Period, salaries.get_column("period") if salaries.height else None),
        "year": st.column_config.NumberColumn("Year", format="%d", width="small")},
       "No salary figures for these authorities.")

st.subheader("Child poverty and population")
poverty = _topic("child_poverty")
_table(poverty, ["percent", "comparator_area", "comparator_percent", "year"],
       {"percent": st.column_config.NumberColumn("Children in poverty (%)", format="%.1f"),
        "comparator_area": "Compared with",
        "comparator_percent": st.column_config.NumberColumn("Its rate (%)", format="%.1f"),
        "year": st.column_config.NumberColumn("Year", format="%d")},
       "No child poverty rates for these authorities.")
populations = _topic("populations")
_table(populations, ["value", "qualifier", "group", "year"],
       {"value": st.column_config.NumberColumn("Population", format="%,d"),
        "qualifier": labels.enum_column("Stated as", Qualifier, populations.get_column("qualifier")
                                        if populations.height else None),
        "group": labels.enum_column("Who is counted", PopulationGroup, populations.get_column("group")
                                    if populations.height else None),
        "year": st.column_config.NumberColumn("Year", format="%d")},
       "No populations claimed for these authorities.")

st.subheader("Shared posts and partnerships")
arrangements = _topic("arrangements")
if arrangements.height:
    arrangements = arrangements.with_columns(partners=pl.col("partner_names").list.join(", "))
_table(arrangements, ["post", "kind", "status", "partners"],
       {"post": st.column_config.TextColumn("Post or partnership", width="medium"),
        "kind": labels.kind_column("Kind", arrangements.get_column("kind") if arrangements.height else None,
                                   width="small"),
        "status": labels.enum_column("Status", ArrangementStatus, arrangements.get_column("status")
                                     if arrangements.height else None, width="small"),
        "partners": st.column_config.TextColumn("With", width="medium")},
       "No shared posts or partnerships for these authorities.")

st.subheader("People in post")
people = _topic("people")
_table(people, ["name", "role", "status"],
       {"name": "Name", "role": st.column_config.TextColumn("Post (as written)", width="medium"),
        "status": labels.enum_column("Status", PersonStatus, people.get_column("status") if people.height else None,
                                     width="small")},
       "No people named for these authorities.")
