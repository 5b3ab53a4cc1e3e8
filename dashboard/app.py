"""councildocs dashboard: `streamlit run dashboard/app.py` (or `dcs dashboard`).

Reads the published warehouse named by ``$DCS_DB`` (default ``var/warehouse.duckdb`` relative
to the working directory), only through ``councildocs.warehouse.queries``.
"""

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).resolve().parent / "app_pages"

# No page_title here: each page's own title (below) names its browser tab.
st.set_page_config(layout="wide")

# url_path values are part of the interface: other pages link to the evidence page as
# `evidence?fact=<fact id>`, and the browser test opens every page by its path.
navigation = st.navigation(
    [
        st.Page(PAGES / "overview.py", title="Overview", default=True),  # url_path "" (the app's root)
        st.Page(PAGES / "salaries.py", title="Salary benchmark", url_path="salaries"),
        st.Page(PAGES / "compare.py", title="Compare authorities", url_path="compare"),
        st.Page(PAGES / "shared.py", title="Shared posts", url_path="shared"),
        st.Page(PAGES / "evidence.py", title="Evidence", url_path="evidence"),
        st.Page(PAGES / "upload.py", title="Add a document", url_path="upload"),
    ]
)
navigation.run()
