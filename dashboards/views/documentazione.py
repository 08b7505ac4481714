"""Documentazione: the Great Expectations Data Docs of the last build and dbt's documentation
of the warehouse, served by the app (readers in a remote browser cannot open server paths)."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboards import data
from dashboards.common import marts_section, zip_folder

st.title("Documentazione")
st.caption(
    "I Data Docs descrivono ogni suite di controlli di coerenza e il suo esito; la "
    "documentazione del magazzino descrive ogni tabella, colonna e definizione."
)


@st.cache_data(show_spinner=False, max_entries=32)
def read_page(path: str, version: str) -> str:
    return Path(path).read_text(encoding="utf-8", errors="replace")


with marts_section("Documentazione"):
    data.require("dim_document")
    tab_dq, tab_dbt = st.tabs(["Controlli (Data Docs)", "Magazzino dei dati (dbt)"])
    with tab_dq:
        folder = data.data_docs_dir()
        index = folder / "index.html"
        if not index.exists():
            st.info(
                "I Data Docs non sono ancora stati generati: li produce `make build` (cartella "
                "PLANS_DATA_DOCS_DIR)."
            )
        else:
            pages = {"index.html": "Indice"}
            for p in sorted(folder.rglob("*.html")):
                rel = str(p.relative_to(folder))
                if rel != "index.html" and "/static/" not in rel:
                    parts = p.relative_to(folder).parts
                    pages[rel] = " / ".join(parts[-4:-1]) if len(parts) > 2 else rel
            rel = st.selectbox(
                "Pagina",
                list(pages),
                format_func=pages.get,
                key="docs_page",
                help="I collegamenti interni delle pagine non funzionano qui: scegli la pagina "
                "dall'elenco o scarica l'intera cartella.",
            )
            st.iframe(read_page(str((folder / rel).resolve()), data.marts_version()), height=800)
            st.download_button(
                "Scarica i Data Docs (zip)",
                data=zip_folder(str(folder.resolve()), data.marts_version()),
                file_name="data_docs.zip",
                mime="application/zip",
                key="dq_docs_zip",
                icon=":material/download:",
                on_click="ignore",
            )
    with tab_dbt:
        site = data.dbt_docs_file()
        if site is None:
            st.info(
                "La documentazione del magazzino non è ancora stata generata: la produce la build "
                "(`dbt docs generate --static`, file static_index.html nella cartella "
                "PLANS_DBT_DOCS_DIR, predefinita data/dbt_docs)."
            )
        else:
            if st.toggle("Mostra la documentazione del magazzino", key="dbt_docs_show"):
                st.iframe(read_page(str(site), data.marts_version()), height=900)
            st.download_button(
                "Scarica la documentazione del magazzino (HTML)",
                data=lambda: site.read_bytes(),
                file_name="documentazione-magazzino.html",
                mime="text/html",
                key="dbt_docs_dl",
                icon=":material/download:",
                on_click="ignore",
            )
