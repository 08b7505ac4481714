"""Panoramica: enti and documents loaded, last refresh, coverage and data quality per
document."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data
from dashboards.common import figure, marts_section, with_doc_labels
from dashboards.fmt import fmt_number, fmt_pct, short_name
from dashboards.quality import RUN_STATUS

st.title("Panoramica")
st.caption(
    "Gli enti e i documenti caricati nel magazzino dati, quando è stato aggiornato, quanto di "
    "ogni documento è stato letto e l'esito dei controlli di coerenza."
)

with marts_section("Panoramica"):
    data.require("dim_ente", "dim_document")
    enti = data.enti()
    docs = with_doc_labels(data.documents_detail())
    runs = data.load_runs()
    all_ids = docs["document_id"].tolist()

    last = runs.iloc[0] if not runs.empty else None
    c = st.columns(5)
    c[0].metric("Enti", len(enti))
    c[1].metric("Documenti", len(docs))
    c[2].metric(
        "Periodo coperto",
        f"{int(docs['period_start_year'].min())}–{int(docs['period_end_year'].max())}"
        if not docs.empty
        else "—",
    )
    c[3].metric(
        "Ultimo aggiornamento",
        last["finished_at"].strftime("%d/%m/%Y") if last is not None else "—",
        help="Fine dell'ultima esecuzione della pipeline (audit_load_runs)"
        + (f": {last['finished_at']:%d/%m/%Y %H:%M}" if last is not None else ""),
    )
    c[4].metric(
        "Esito ultima esecuzione",
        RUN_STATUS.get(str(last["status"]), str(last["status"])) if last is not None else "—",
    )

    left, right = st.columns(2)
    with left:
        st.subheader("Enti per tipo e regione")
        figure(charts.enti_by_type_region(enti), "pan_enti", all_ids)
    with right:
        st.subheader("Controlli di coerenza per documento")
        figure(
            charts.dq_status_bar(docs),
            "pan_dq",
            all_ids,
            note="Ultima esecuzione dei controlli; avvisi ed errori sono controlli non superati",
        )

    st.subheader("Documenti caricati")
    table = docs.assign(
        Ente=docs["ente_name"].map(short_name),
        Periodo=docs["period_start_year"].astype(str) + "–" + docs["period_end_year"].astype(str),
        Copertura=docs["coverage_pct"].map(fmt_pct),
        Caricato=docs["loaded_at"].dt.strftime("%d/%m/%Y %H:%M"),
        Righe=docs["lines_total"].map(fmt_number),
    )[
        [
            "Ente",
            "ente_type",
            "Periodo",
            "doc_title",
            "Copertura",
            "lines_unparsed",
            "checks_passed",
            "warnings_failed",
            "errors_failed",
            "Caricato",
            "Righe",
            "source_file",
            "region",
        ]
    ].rename(
        columns={
            "ente_type": "Tipo",
            "region": "Regione",
            "doc_title": "Documento",
            "source_file": "File",
            "lines_unparsed": "Righe non interpretate",
            "checks_passed": "Controlli superati",
            "warnings_failed": "Avvisi",
            "errors_failed": "Errori",
        }
    )
    st.dataframe(
        table,
        hide_index=True,
        key="pan_docs",
        column_config={"Documento": st.column_config.TextColumn(width="medium")},
    )
    st.caption(
        "Copertura: quota delle righe non vuote lette in un record o riconosciute come "
        "intestazione; le righe non interpretate sono elencate nella pagina Qualità dei dati."
    )

    st.subheader("Copertura dei documenti")
    figure(charts.coverage_bar(docs), "pan_coverage", all_ids)

    with st.expander("Esecuzioni della pipeline", expanded=False):
        if runs.empty:
            st.info("Nessuna esecuzione registrata (audit_load_runs assente).")
        else:
            st.dataframe(
                runs.rename(
                    columns={
                        "run_id": "Esecuzione",
                        "started_at": "Inizio",
                        "finished_at": "Fine",
                        "status": "Esito",
                        "trigger": "Avvio",
                        "files_seen": "File visti",
                        "files_new": "Nuovi",
                        "files_changed": "Modificati",
                        "files_failed": "In quarantena",
                        "files_parsed": "Letti",
                        "checks_run": "Controlli",
                        "checks_failed_error": "Errori",
                        "checks_failed_warning": "Avvisi",
                        "message": "Messaggio",
                    }
                ),
                hide_index=True,
                key="pan_runs",
            )
