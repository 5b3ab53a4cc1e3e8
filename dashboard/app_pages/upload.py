"""Add a document: upload a PDF, text or HTML file, see its facts and where its salary sits, store it on request."""

import hashlib

import streamlit as st

from councildocs.dashboard import data, labels, links, upload
from councildocs.extract.gazetteer import load_gazetteer
from councildocs.warehouse.errors import WarehouseError
from councildocs.warehouse.privacy import mask_contacts

st.title("Add a document")
data.fictional_notice()
st.caption(
    "The file goes through the same pipeline as `dcs ingest`. Nothing is written to the warehouse "
    "until you press **Store in the warehouse**."
)

uploaded = st.file_uploader("A council advert, news item or paper", type=["pdf", "txt", "html", "htm"])
if uploaded is None:
    st.info("Choose a PDF, text or HTML file to see the facts it holds.")
    st.stop()

content = uploaded.getvalue()
digest = hashlib.sha256(content).hexdigest()
key = f"upload:{digest}:{uploaded.name}"
if st.session_state.get("upload_key") != key:
    with st.spinner("Reading the file…"):
        st.session_state["upload_result"] = upload.process_upload(uploaded.name, content, data.reader())
    st.session_state["upload_key"] = key
    st.session_state.pop("upload_stored", None)
result = st.session_state["upload_result"]
# The file's name and what the reader says about it are the uploader's text: shown only as plain text
# (st.text never reads Markdown or HTML), with contact details masked.
shown_name = mask_contacts(uploaded.name)

if not result.ok:
    st.error(f"The file could not be read (error code `{result.error_code}`). Nothing was stored.")
    st.text(f"{shown_name}: {mask_contacts(result.error_message or '')}")
    st.stop()

names = {a.gss: a.nice_name for a in load_gazetteer().authorities}
document, extraction = result.document, result.extraction
about = ", ".join(names.get(a.gss, a.name) for a in extraction.authorities) or "no authority identified"
kind_of_document = labels.doc_type(extraction.doc_type).lower()
st.text(f"{shown_name}: {kind_of_document}, {document.pages} page(s), about {about}.")

facts = upload.facts_table(result, names)
st.subheader(f"Facts found: {facts.height}")
if facts.is_empty():
    st.info("No facts were found in this document.")
else:
    st.dataframe(facts, hide_index=True, column_config={"kind": labels.kind_column("Kind", facts["kind"]),
                                                        "evidence": st.column_config.TextColumn(width="large")})

st.subheader("Where its salary sits")
salaries = [s for s in upload.salary_facts(result) if (s["period"] or "year") == "year"]
path = data.db_path()
version = data.snapshot_version(path)
status = data.load_status(str(path), version)
if not salaries:
    st.info("The document gives no annual salary to compare.")
elif not status.ready:
    st.info(f"Nothing to compare against yet: {status.message}")
else:
    for salary in salaries:
        bench = data.guarded(
            data.load_salary_benchmark, str(path), version,
            min_gbp=salary["min_gbp"], max_gbp=salary["max_gbp"], role_category=salary["role_category"],
        )
        shown = links.money_range(salary["min_gbp"], salary["max_gbp"])
        category = labels.role_category(salary["role_category"]) or "any post"
        post = salary["role"] or (labels.role_category(salary["role_category"]) if salary["role_category"] else "Post")
        # document text is shown as text: st.text never reads Markdown
        if bench.percentile is None:
            st.text(f"{post}, {shown}: no comparable stored posts ({category}).")
            continue
        st.text(f"{post}, {shown}: at the {links.ordinal(bench.percentile)} percentile of {bench.pool}.")
        if not bench.nearest.is_empty():
            nearest = links.with_evidence_links(bench.nearest.select(
                "nice_name", "region", "role", "min_gbp", "max_gbp", "difference", "source", "publisher", "published",
                "source_url", "fact_id",
            ).with_columns(fictional=False))
            st.dataframe(nearest, hide_index=True,
                         column_order=["open", "nice_name", "role", "min_gbp", "max_gbp", "difference", "region",
                                       "published_by", "source_link"],
                         column_config={"nice_name": "Nearest posts", "role": "Post (as written)", "region": "Region",
                                        **links.money_columns(nearest)})

with st.expander("Document text (contact details masked)"):
    st.text(mask_contacts(document.text))

if st.session_state.get("upload_stored"):
    st.success(st.session_state["upload_stored"])
elif st.button("Store in the warehouse", type="primary"):
    try:
        outcome = upload.store_result(path, result)
    except WarehouseError as err:
        st.warning(f"Could not store the document: {err}")
    else:
        message = {
            "new": f"Stored in `{path}`.",
            "unchanged": "Already in the warehouse; nothing changed.",
            "re-extracted": "Stored again with the current extractor.",
        }.get(outcome, f"{outcome}.")
        st.session_state["upload_stored"] = message
        st.success(message)
