"""Novità: what changed in targets, results and responsabili since earlier refreshes (the
revision history of the monthly refresh)."""

from __future__ import annotations

import streamlit as st

from dashboards import data, fmt, quality
from dashboards.common import downloads, marts_section, provenance, table

CHANGE_LABELS = {"nuovo": "Nuovo", "modificato": "Modificato", "rimosso": "Rimosso"}

st.title("Novità")
st.caption(
    "Ogni mese gli enti pubblicano piani nuovi o rivisti. Qui compaiono gli indicatori i cui "
    "target, risultati o responsabili sono cambiati da un aggiornamento all'altro, con il valore "
    "precedente e quello nuovo (lo storico delle revisioni del magazzino)."
)

with marts_section("Novità"):
    data.require("dim_ente", "dim_document")
    last = data.last_run()
    if last is not None:
        st.caption(f"Ultima esecuzione: {quality.run_line(last)}")
    counts = dict(data.change_counts().itertuples(index=False))
    if not counts:
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
        c = st.columns(3)
        for col, kind in zip(c, CHANGE_LABELS, strict=True):
            col.metric(CHANGE_LABELS[kind], fmt.fmt_int(counts.get(kind, 0)))
        changes = data.indicator_changes(tuple(kinds))
        shown = changes.rename(
            columns={
                "changed_at": "Rilevato il",
                "change_type": "Modifica",
                "ente_short_name": "Ente",
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
        ).drop(columns=["document_id", "label"])
        table(
            shown,
            key="novita_table",
            formats={
                "Rilevato il": fmt.fmt_datetime,
                "Anno": lambda v: fmt.MISSING if fmt.is_missing(v) else str(int(v)),
            },
        )
        downloads(shown, "novita", key="novita_dl")
        provenance(changes["document_id"].dropna().unique())
