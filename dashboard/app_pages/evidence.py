"""Evidence: a fact's sentence highlighted in the repaired text, the raw text beside it, and how it was repaired.

Other pages link here as ``evidence?fact=<fact id>``; without one, choose an authority and one of its facts.
"""

import html
import json
import re

import polars as pl
import streamlit as st

from councildocs.dashboard import data, labels, links
from councildocs.extract.kinds import PopulationGroup, Qualifier

st.title("Evidence")

warehouse = data.ready_warehouse()
if warehouse is None:
    st.stop()

FACT_ID = re.compile(r"[0-9a-f]{32}")
URL = re.compile(r"https?://\S+")
CONTEXT_BEFORE = 300  # characters of the page shown above the highlighted sentence

FRAMES = (  # (AuthorityComparison attribute, its facts' kind unless a row names it, how a row reads)
    ("salaries", "salary", lambda r: f"{r['role']}: {links.money_range(r['min_gbp'], r['max_gbp'])} a {r['period']}"),
    ("populations", "population", lambda r: f"{Qualifier.label_of(r['qualifier']).lower()} {r['value']:,} people "
                                            f"({PopulationGroup.label_of(r['group']).lower()})"),
    ("child_poverty", "poverty_rate", lambda r: f"{r['percent']}% of children"),
    ("arrangements", "shared_post", lambda r: f"{r['post']} ({labels.status(r['status']).lower()}) with "
                                              f"{', '.join(r['partner_names'] or [])}"),
    ("people", "person", lambda r: f"{r['name']}, {r['role']} ({labels.status(r['status']).lower()})"),
)


def _facts_of(gss: str) -> dict[str, str]:
    """fact_id → label for every fact tied to one authority."""
    (comparison,) = data.guarded(data.load_comparison, *warehouse, (gss,))
    facts: dict[str, str] = {}
    for attribute, kind, label in FRAMES:
        for row in getattr(comparison, attribute).iter_rows(named=True):
            facts.setdefault(row["fact_id"], f"{labels.kind(row.get('kind') or kind)} · {label(row)}")
    return facts


fact_id = st.query_params.get("fact")
options = data.guarded(data.load_filter_options, *warehouse)
with st.expander("Choose a fact", expanded=not fact_id):
    authorities = options.authorities
    if authorities.is_empty():
        st.caption("No fact names an authority yet.")
    else:
        names = {r["gss"]: r["nice_name"] or r["name"] for r in authorities.iter_rows(named=True)}
        gss = st.selectbox("Authority", list(names), index=None, format_func=lambda g: f"{names[g]} ({g})",
                           placeholder="Choose an authority")
        if gss:
            facts = _facts_of(gss)
            picked = st.selectbox("Fact", list(facts), index=None, format_func=facts.get, placeholder="Choose a fact")
            if picked and picked != fact_id:
                st.query_params["fact"] = picked
                fact_id = picked
    typed = st.text_input("…or a fact id", value="", placeholder="32 hexadecimal characters")
    if typed.strip() and typed.strip() != fact_id:
        fact_id = typed.strip()
        st.query_params["fact"] = fact_id

if not fact_id:
    st.info("Choose a fact above, or open one from the salary, comparison or shared posts pages.")
    st.stop()
if not FACT_ID.fullmatch(fact_id):
    # never echo the value: a crafted link would otherwise put its text on our page
    st.warning("That link does not name a fact (a fact id is 32 hexadecimal characters).")
    st.stop()

evidence = data.guarded(data.load_fact_evidence, *warehouse, fact_id)
if evidence is None:
    st.warning(f"There is no fact {fact_id} in this warehouse (it may have been re-extracted since the link was made).")
    st.stop()

# -- the fact and where it was published ------------------------------------------------------
names = [name or gss for gss, name, _ in evidence.authorities]
# Document text (a post's title, a person's name) is shown as text, never as Markdown or HTML.
st.html(f"<h3 style='margin:0 0 0.25rem 0'>{html.escape(labels.fact_statement(evidence.kind, evidence.fields, names))}</h3>")
if evidence.fictional:
    st.warning(f"{labels.FICTIONAL}: this document was written by the councildocs project; the figure is invented.",
               icon=":material/warning:")
source = labels.published_by(evidence.publisher, evidence.published, evidence.fictional, evidence.source)
url = evidence.source_url if evidence.source_url and URL.fullmatch(evidence.source_url) else None
st.html(
    "<p style='margin:0'>Published by " + html.escape(source)
    + (f" · <a href='{html.escape(url, quote=True)}' target='_blank' rel='noopener noreferrer'>published page</a>"
       if url else "")
    + (f" · licence {html.escape(evidence.licence)}" if evidence.licence else "") + "</p>"
)
authorities = ", ".join(f"{name or gss} ({role})" for gss, name, role in evidence.authorities) or "none identified"
st.caption(
    f"Page {evidence.page} · characters {evidence.start}–{evidence.end} · confidence {evidence.confidence:.2f} · "
    f"{labels.doc_type(evidence.doc_type) or 'Document'}{f' of {evidence.year}' if evidence.year else ''} · "
    f"authorities: {authorities}"
)
with st.expander("The fact as extracted (facts contract fields)"):
    st.code(json.dumps(evidence.fields, indent=2, ensure_ascii=False), language="json")


# -- its sentence in the repaired text, the raw text beside it -------------------------------
def _page_bounds(starts: list[int], page: int, length: int) -> tuple[int, int]:
    begin = starts[page - 1] if 0 < page <= len(starts) else 0
    end = starts[page] if 0 < page < len(starts) else length
    return begin, end


text = evidence.text
begin, end = _page_bounds(evidence.page_starts or [0], evidence.page, len(text))
begin, end = min(begin, evidence.start), max(end, evidence.end)
# The box opens on the highlight: it shows the page from a few lines before the sentence (the rest of
# the page is a click away), since a page cannot scroll a box to its mark without running a script.
shown_from = max(begin, text.rfind("\n", begin, max(begin, evidence.start - CONTEXT_BEFORE)) + 1)
highlighted = (
    ("…" if shown_from > begin else "")
    + html.escape(text[shown_from:evidence.start])
    + '<mark style="background:#ffe066;padding:0 2px">' + html.escape(text[evidence.start:evidence.end]) + "</mark>"
    + html.escape(text[evidence.end:end])
)
box = ('<div style="white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,monospace;'
       'font-size:0.85rem;max-height:36rem;overflow:auto;border:1px solid #ddd;border-radius:6px;padding:0.75rem">'
       '{}</div>')

left, right = st.columns(2)
with left:
    st.markdown(f"**Repaired text, page {evidence.page}** (the fact's sentence highlighted)")
    st.html(box.format(highlighted))
    if shown_from > begin:
        with st.expander("The whole page"):
            st.html(box.format(html.escape(text[begin:end])))
with right:
    st.markdown("**Raw text, as first read** (before repair)")
    st.html(box.format(html.escape(evidence.raw_text) or "<em>(no raw text stored)</em>"))

# -- how it was repaired ---------------------------------------------------------------------
st.subheader("How the text was repaired")
if not evidence.repair_log:
    st.success("No repair was needed: the raw text is the repaired text.")
else:
    st.write(f"{len(evidence.repair_log)} repair step(s), {evidence.chars_changed:,} characters changed: "
             f"{', '.join(evidence.repair_methods)}.")
    st.dataframe(pl.DataFrame(evidence.repair_log, infer_schema_length=None), hide_index=True)
