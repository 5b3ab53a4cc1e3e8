"""Dashboard: the Streamlit app that compares DCS roles across authorities."""
