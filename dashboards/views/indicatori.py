"""Indicatori: the searchable catalogue of every indicator with its targets and results per
year, responsabile, document and source line; CSV and XLSX export of the filtered table."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import data
from dashboards.catalogue import KIND_LABELS
from dashboards.common import downloads, marts_section, provenance
from dashboards.fmt import short_name

st.title("Indicatori")
st.caption(
    "Il catalogo di tutti gli indicatori caricati, con target e risultati per anno, "
    "responsabile, documento e riga del file sorgente. Filtra e scarica la tabella."
)

COLUMNS = {
    "ente": "Ente",
    "documento": "Documento",
    "indicator_name": "Indicatore",
    "year": "Anno",
    "target_raw": "Target (come scritto)",
    "tipo_target": "Tipo di target",
    "actual_raw": "Risultato",
    "responsabile": "Responsabile",
    "indicator_code": "Codice indicatore",
    "objective_code": "Codice obiettivo",
    "objective_title": "Obiettivo",
    "dimension": "Dimensione",
    "formula": "Formula",
    "target_operator": "Operatore",
    "target_value": "Valore target",
    "target_date": "Data target",
    "actual_value": "Valore risultato",
    "ente_type": "Tipo ente",
    "source_file": "File",
    "source_line": "Riga",
}

with marts_section("Indicatori"):
    data.require("dim_ente", "dim_document", "dim_indicator")
    cat = data.indicator_catalogue()
    if cat.empty:
        st.info("Nessun indicatore nei documenti caricati.")
    else:
        cat = cat.assign(
            ente=cat["ente_name"].map(short_name),
            documento=cat["doc_title"]
            + " ("
            + cat["period_start_year"].astype(str)
            + "-"
            + cat["period_end_year"].astype(str)
            + ")",
            tipo_target=cat["target_kind"].map(KIND_LABELS),
        )
        c1, c2, c3 = st.columns(3)
        enti = c1.multiselect(
            "Ente", sorted(cat["ente"].unique()), key="ind_enti", placeholder="Tutti gli enti"
        )
        pool = cat[cat["ente"].isin(enti)] if enti else cat
        docs = c2.multiselect(
            "Documento",
            sorted(pool["documento"].unique()),
            key="ind_docs",
            placeholder="Tutti i documenti",
        )
        years = sorted(int(y) for y in cat["year"].dropna().unique())
        sel_years = c3.multiselect("Anno", years, key="ind_years", placeholder="Tutti gli anni")
        c4, c5, c6 = st.columns(3)
        kinds = c4.multiselect(
            "Tipo di target",
            list(KIND_LABELS.values()) + ["nessun target"],
            key="ind_kinds",
            placeholder="Tutti i tipi",
        )
        text = c5.text_input(
            "Cerca (indicatore, obiettivo, formula, target)",
            key="ind_q",
            placeholder="es. formazione, ISEE, entro giugno",
        )
        resp = c6.text_input("Responsabile", key="ind_resp")
        only_results = st.checkbox("Solo righe con un risultato riportato", key="ind_results")

        view = pool
        if docs:
            view = view[view["documento"].isin(docs)]
        if sel_years:
            view = view[view["year"].isin(sel_years)]
        if kinds:
            kind_col = view["tipo_target"].fillna("nessun target")
            view = view[kind_col.isin(kinds)]
        if text:
            hay = (
                view[["indicator_name", "objective_title", "formula", "target_raw"]]
                .fillna("")
                .astype(str)
                .agg(" ".join, axis=1)
            )
            view = view[hay.str.contains(text, case=False, regex=False)]
        if resp:
            view = view[view["responsabile"].fillna("").str.contains(resp, case=False, regex=False)]
        if only_results:
            view = view[view["actual_raw"].notna()]

        c = st.columns(4)
        c[0].metric("Righe", len(view))
        c[1].metric("Indicatori", view["indicator_id"].nunique())
        c[2].metric("Righe con target", int(view["target_raw"].notna().sum()))
        c[3].metric("Righe con risultato", int(view["actual_raw"].notna().sum()))

        table = view[list(COLUMNS)].rename(columns=COLUMNS)
        table["Anno"] = pd.to_numeric(table["Anno"], errors="coerce").astype("Int64")
        if table.empty:
            st.info("Nessun indicatore corrisponde ai filtri scelti.")
        else:
            st.dataframe(
                table,
                hide_index=True,
                key="ind_table",
                column_config={
                    "Indicatore": st.column_config.TextColumn(width="large"),
                    "Anno": st.column_config.NumberColumn(format="%d"),
                    "Riga": st.column_config.NumberColumn(format="%d"),
                },
            )
            downloads(table, "indicatori", "ind_dl", "Indicatori")
        provenance(view["document_id"].unique())
