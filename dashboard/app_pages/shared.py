"""Shared posts: which councils share which post (or partnership) with whom — current, proposed and former."""

import polars as pl
import streamlit as st

from councildocs.dashboard import charts, data, downloads, labels, links, url_state
from councildocs.extract.kinds import ArrangementStatus, RoleCategory

st.title("Shared posts")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

KINDS = {"Shared posts": ("shared_post",), "Partnerships": ("partnership",),
         "Both": ("shared_post", "partnership")}
with st.sidebar:
    statuses = url_state.multiselect("Status", list(charts.STATUS_ORDER), param="status",
                                     default=["current", "proposed"], format_func=labels.arrangement_status)
    kind = url_state.selectbox("Show", list(KINDS), param="show", default="Shared posts")

pairs = data.guarded(data.load_shared_posts, *warehouse, tuple(statuses))
pairs = pairs.filter(pl.col("kind").is_in(list(KINDS[kind])))
roles = sorted(r for r in pairs["role_category"].unique().to_list() if r is not None)
if roles:
    chosen_roles = st.sidebar.multiselect("Role category", roles, format_func=labels.role_category)
    if chosen_roles:
        pairs = pairs.filter(pl.col("role_category").is_in(chosen_roles))

if pairs.is_empty():
    st.info("No shared posts or partnerships match these choices." if statuses
            else "Choose at least one status to see shared posts.")
    st.stop()

councils = set(pairs["gss_a"].to_list()) | set(pairs["gss_b"].to_list())
cols = st.columns(3)
cols[0].metric("Arrangements", pairs["fact_id"].n_unique())
cols[1].metric("Pairs of councils", pairs.select("gss_a", "gss_b").unique().height)
cols[2].metric("Councils", len(councils))

st.subheader("Who shares with whom")
st.caption("A coloured cell: the two councils share a post or partnership (hover for what); colour shows the "
           "liveliest status between them.")
st.altair_chart(charts.shared_posts_matrix(pairs), width="content")

st.subheader("Every pair")
table = pairs.select("name_a", "name_b", "post", "role_category", "status", "kind", "source", "publisher", "published",
                     "source_url", "licence", "fictional", "evidence", "fact_id", "gss_a", "gss_b")
st.dataframe(
    links.with_evidence_links(table), hide_index=True,
    column_order=["open", "name_a", "name_b", "post", "status", "kind", "published_by", "source_link"],
    column_config={
        "name_a": st.column_config.TextColumn("Authority", width="small"),
        "name_b": st.column_config.TextColumn("Shares with", width="small"),
        "post": st.column_config.TextColumn("Post or partnership", width="medium"),
        "role_category": labels.enum_column("Role", RoleCategory, table["role_category"]),
        "status": labels.enum_column("Status", ArrangementStatus, table["status"], width="small"),
        "kind": labels.kind_column("Kind", table["kind"], width="small"),
        "fact_id": None, "gss_a": None, "gss_b": None, **links.link_column(),
    },
)
st.download_button("Download CSV", downloads.csv_bytes(table), file_name="shared_posts.csv", mime="text/csv")

pair_rows = {f"{r['gss_a']},{r['gss_b']}": f"{r['name_a']} and {r['name_b']}"
             for r in table.unique(["gss_a", "gss_b"], maintain_order=True).iter_rows(named=True)}
with st.container(border=True):
    pair = st.selectbox("Compare a pair side by side", list(pair_rows), format_func=pair_rows.get)
    st.page_link("app_pages/compare.py", label=f"Compare {pair_rows[pair]}", icon=":material/compare_arrows:",
                 query_params={"gss": pair})

links.evidence_picker(table, label=lambda r: f"{r['name_a']} & {r['name_b']} · {r['post']} "
                      f"({labels.arrangement_status(r['status']).lower()})")
