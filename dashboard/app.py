"""councildocs dashboard: `streamlit run dashboard/app.py` (or `dcs dashboard`).

Reads the published warehouse named by ``$DCS_DB`` (default ``var/warehouse.duckdb`` relative
to the working directory), only through ``councildocs.warehouse.queries``.
"""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "app_pages"

st.set_page_config(page_title="councildocs", layout="wide")

navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", default=True),
        st.Page(PAGES / "salaries.py", title="Salary benchmark"),
    ]
)
navigation.run()
