"""Streamlit entry point: `streamlit run dashboards/app.py` (see `make run`)."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboards/app.py` puts dashboards/ on sys.path, not the repository root.
ROOT = str(Path(__file__).resolve().parents[1])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

from dashboards.common import PRINT_CSS  # noqa: E402

st.set_page_config(
    page_title="Osservatorio piani enti locali", page_icon=":material/query_stats:", layout="wide"
)
st.html(PRINT_CSS)

# The pages live in dashboards/views/ (not pages/: that name switches Streamlit to its old
# folder-based multipage mode).
PAGES = {
    "Osservatorio": [
        st.Page(
            "views/panoramica.py", title="Panoramica", icon=":material/dashboard:", default=True
        ),
        st.Page("views/confronto.py", title="Confronto tra enti", icon=":material/compare_arrows:"),
        st.Page("views/andamento.py", title="Andamento", icon=":material/trending_up:"),
        st.Page("views/novita.py", title="Novità", icon=":material/update:"),
        st.Page("views/aree.py", title="Aree di intervento", icon=":material/category:"),
    ],
    "Dettaglio": [
        st.Page("views/bilancio.py", title="Bilancio", icon=":material/euro:"),
        st.Page("views/indicatori.py", title="Indicatori", icon=":material/track_changes:"),
        st.Page("views/ente.py", title="Scheda ente", icon=":material/account_balance:"),
        st.Page("views/qualita.py", title="Qualità dei dati", icon=":material/fact_check:"),
        st.Page("views/documentazione.py", title="Documentazione", icon=":material/menu_book:"),
        st.Page(
            "views/fonte.py",
            title="Documento sorgente",
            icon=":material/description:",
            url_path="fonte",
            visibility="hidden",
        ),  # fmt: skip
    ],
}

st.navigation(PAGES).run()
