"""Novità: what changed in targets, results and responsabili since earlier refreshes (the
revision history of the monthly refresh)."""

from __future__ import annotations

import streamlit as st

from dashboards import data
from dashboards.common import downloads, marts_section, provenance
from dashboards.quality import RUN_STATUS

CHANGE_LABELS = {"nuovo": "Nuovo", "modificato": "Modificato", "rimosso": "Rimosso"}

st.title("Novità")
st.caption(
    "Ogni mese gli enti pubblicano piani nuovi o rivisti. Qui compaiono gli indicatori i cui "
    "target, risultati o responsabili sono cambiati da un aggiornamento all'altro, con il valore "
    "precedente e quello nuovo (storico: history.snp_indicator_year)."
)

with marts_section("Novità"):
    data.require("dim_ente", "dim_document")
    changes = data.indicator_changes()
    runs = data.load_runs()
    if not runs.empty:
        last = runs.iloc[0]
        st.caption(
            f"Ultima esecuzione: {last['finished_at']:%d/%m/%Y %H:%M} "
            f"({'programmata' if last['trigger'] == 'scheduled' else 'manuale'}, esito "
            f"{RUN_STATUS.get(str(last['status']), str(last['status']))})"
        )
    if changes.empty:
        st.info(
            "Nessuna modifica registrata: dal primo caricamento nessun documento ha cambiato "
            "target, risultati o responsabili."
        )
    else:
        kinds = st.multiselect(
            "Tipo di modifica",
            options=list(CHANGE_LABELS),
            default=list(CHANGE_LABELS),
            format_func=CHANGE_LABELS.get,
            key="novita_kinds",
        )
        view = changes[changes["change_type"].isin(kinds)]
        c = st.columns(3)
        for col, kind in zip(c, CHANGE_LABELS, strict=True):
            col.metric(CHANGE_LABELS[kind], int((changes["change_type"] == kind).sum()))
        table = view.rename(
            columns={
                "changed_at": "Rilevato il",
                "change_type": "Modifica",
                "ente_name": "Ente",
                "doc_title": "Documento",
                "indicator_name": "Indicatore",
                "year": "Anno",
                "old_target_raw": "Target prima",
                "new_target_raw": "Target ora",
                "old_actual_raw": "Risultato prima",
                "new_actual_raw": "Risultato ora",
                "old_responsabili": "Responsabili prima",
                "new_responsabili": "Responsabili ora",
                "source_line": "Riga",
            }
        ).drop(columns=["document_id"])
        st.dataframe(table, hide_index=True, key="novita_table")
        downloads(table, "novita", key="novita_dl")
        provenance(view["document_id"].dropna().unique())
