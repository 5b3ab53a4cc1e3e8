"""Overview: what the warehouse holds, where its documents come from, how the figures are read,
and which documents could not be read."""

import polars as pl
import streamlit as st

from councildocs.dashboard import charts, data, downloads, labels, links
from councildocs.extract.kinds import DocType

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

documents = data.guarded(data.load_documents, *warehouse)
sourced = documents.filter(pl.col("publisher").is_not_null() & ~pl.col("fictional")).height
with st.expander("Method and sources", expanded=True):
    st.markdown(
        f"""
**Sources.** {sourced} of these {documents.height} documents name their publisher and the page they
were published on (a `sources.csv` beside the documents records them; the default warehouse is built
from councils', the UK Government's and Parliament's own pages and papers, under the Open Government
or Open Parliament Licence). Every figure shows who published its document and links to it, and
**Evidence** shows the sentence it was read from.

**How figures are read.** The text is taken from the PDF or web page (broken fonts and mis-encoded
characters repaired), then rules find salaries, populations, child-poverty rates, shared posts,
partnerships and the people in senior posts. A figure becomes a fact only when the text says what it
is; a council is identified by its ONS (GSS) code.

**How well.** On real documents held back from all tuning, 89% of the facts it reports are right and
it finds 76% of the facts a careful reader lists (docs/BENCHMARKS.md has the figures per kind). Check
a figure's sentence before you cite it.

**The salary benchmark** compares posts of one role category (DCS by default), counts each post once
however many councils share it, and leaves out hourly and day rates, pay-scale points and the
project's fictional examples.
"""
    )

st.subheader("Facts by kind")
if summary.facts_by_kind.is_empty():
    st.info("No facts have been extracted yet.")
else:
    st.altair_chart(charts.facts_by_kind_chart(summary.facts_by_kind), width="stretch")

st.subheader("Documents")
documents = documents.with_columns(
    labels.published_by_column(documents),
    source_link=links.safe_url(pl.col("source_url")),
)
st.dataframe(
    documents, hide_index=True,
    column_order=["published_by", "source_link", "doc_type", "authorities", "facts", "licence", "pages", "status"],
    column_config={
        "published_by": "Published by",
        "source_link": st.column_config.LinkColumn("Source", display_text="published page"),
        "doc_type": labels.enum_column("Kind of document", DocType, documents["doc_type"]),
        "authorities": "About",
        "facts": st.column_config.NumberColumn("Facts", format="%d"),
        "licence": "Licence",
        "pages": st.column_config.NumberColumn("Pages", format="%d"),
        "status": "Read",
    },
)
st.download_button("Download CSV", downloads.csv_bytes(documents.drop("source_link")), file_name="documents.csv",
                   mime="text/csv")

failed = data.guarded(data.load_failed_documents, *warehouse)
st.subheader("Failed documents")
if failed.is_empty():
    st.success("Every document was read.")
else:
    st.dataframe(failed, hide_index=True, column_order=["source", "error_code", "error_message", "updated"],
                 column_config={"source": "File", "error_code": "Error", "error_message": "What went wrong",
                                "updated": "When"})
