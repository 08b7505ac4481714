"""Streamlit entry point: `streamlit run dashboards/app.py` (see `make run`)."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Osservatorio piani enti locali", page_icon="📊", layout="wide")

PAGES = [
    st.Page("pages/ente.py", title="Scheda ente", icon="🏛️", default=True),
]

st.navigation(PAGES).run()
