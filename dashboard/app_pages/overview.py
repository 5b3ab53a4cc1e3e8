"""Overview: what the warehouse holds, and which documents could not be read."""

import streamlit as st

from councildocs.dashboard import charts, data

st.title("Overview")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

summary = data.guarded(data.load_overview, *warehouse)

cols = st.columns(4)
cols[0].metric("Documents", summary.documents_ok)
cols[1].metric("Failed documents", summary.documents_failed)
cols[2].metric("Authorities with facts", summary.authorities_with_facts)
cols[3].metric("Facts", summary.facts)
if summary.last_run_finished is not None:
    st.caption(f"Last ingest finished {summary.last_run_finished:%Y-%m-%d %H:%M} UTC.")

st.subheader("Facts by kind")
if summary.facts_by_kind.is_empty():
    st.info("No facts have been extracted yet.")
else:
    st.altair_chart(charts.facts_by_kind_chart(summary.facts_by_kind), width="stretch")

st.subheader("Documents")
st.dataframe(data.guarded(data.load_documents, *warehouse), hide_index=True)

failed = data.guarded(data.load_failed_documents, *warehouse)
st.subheader("Failed documents")
if failed.is_empty():
    st.success("Every document was read.")
else:
    st.dataframe(failed, hide_index=True)
