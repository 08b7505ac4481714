"""Panoramica: enti and documents loaded, last refresh, coverage and data quality, from the
pre-aggregated marts; the documents table is paged on the server."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data, fmt, quality
from dashboards.common import figure, marts_section, pager, table

st.title("Panoramica")
st.caption(
    "Gli enti e i documenti caricati nel magazzino dati, quando è stato aggiornato, quanto di "
    "ogni documento è stato letto e l'esito dei controlli di coerenza."
)

with marts_section("Panoramica"):
    data.require("dim_ente", "dim_document")
    ov = data.overview()
    last = data.last_run()
    c = st.columns(5)
    c[0].metric("Enti", fmt.fmt_int(ov["n_enti"]))
    c[1].metric("Documenti", fmt.fmt_int(ov["n_documents"]))
    c[2].metric("Periodo coperto", f"{int(ov['first_year'])}–{int(ov['last_year'])}")
    c[3].metric(
        "Ultimo aggiornamento",
        fmt.fmt_date(last["finished_at"]) if last is not None else "—",
        help="Fine dell'ultima esecuzione della pipeline: " + quality.run_line(last),
    )
    c[4].metric(
        "Esito ultima esecuzione",
        quality.RUN_STATUS.get(str(last["status"]), str(last["status"]))
        if last is not None
        else "—",
    )

    left, right = st.columns(2)
    with left:
        st.subheader("Enti per tipo e regione")
        figure(charts.enti_by_type_region(data.enti_by_type_region()), "pan_enti", None)
    with right:
        st.subheader("Documenti per esito dei controlli")
        overview = data.dq_overview()
        figure(
            charts.documents_by_check_status(overview),
            "pan_dq",
            None,
            note="Ultima esecuzione dei controlli; avvisi ed errori sono controlli non superati",
        )

    st.subheader("Documenti caricati")
    f1, f2, f3 = st.columns([2, 1, 1])
    text = f1.text_input("Cerca un ente o un documento", key="pan_q")
    types = sorted(data.enti_by_type_region()["ente_type"].unique())
    ente_type = f2.selectbox("Tipo di ente", ["Tutti", *types], key="pan_type")
    status = f3.selectbox(
        "Controlli",
        ["Tutti", "con errori", "con avvisi", "tutti superati", "nessun controllo"],
        key="pan_status",
    )
    flt = data.DocFilter(
        text=text.strip(),
        ente_type=None if ente_type == "Tutti" else ente_type,
        check_status=None if status == "Tutti" else status,
    )
    offset = pager(data.documents_count(flt), "pan_page")
    docs = data.documents_page(flt, offset)
    view = docs.assign(
        Periodo=[
            fmt.period(a, b)
            for a, b in zip(docs["period_start_year"], docs["period_end_year"], strict=True)
        ],
    )[
        [
            "ente_short_name",
            "ente_type",
            "Periodo",
            "doc_title",
            "errors_failed",
            "warnings_failed",
            "checks_passed",
            "coverage_pct",
            "lines_unparsed",
            "lines_total",
            "loaded_at",
            "region",
        ]
    ].rename(
        columns={
            "ente_short_name": "Ente",
            "ente_type": "Tipo",
            "doc_title": "Documento",
            "errors_failed": "Errori",
            "warnings_failed": "Avvisi",
            "checks_passed": "Controlli superati",
            "coverage_pct": "Copertura",
            "lines_unparsed": "Righe non interpretate",
            "lines_total": "Righe",
            "loaded_at": "Caricato il",
            "region": "Regione",
        }
    )
    table(
        view,
        key="pan_docs",
        formats={"Copertura": fmt.fmt_pct, "Caricato il": fmt.fmt_datetime},
        column_config={
            "Documento": st.column_config.TextColumn(width="large"),
            "Ente": st.column_config.TextColumn(width="medium"),
            "Errori": st.column_config.NumberColumn(
                width="small", help="Controlli di gravità errore non superati"
            ),
            "Avvisi": st.column_config.NumberColumn(
                width="small", help="Controlli di gravità avviso non superati"
            ),
        },
    )
    st.caption(
        "Copertura: quota delle righe non vuote lette in un record o riconosciute come "
        "intestazione; le righe non interpretate sono elencate nella pagina Qualità dei dati."
    )

    st.subheader("Copertura dei documenti per famiglia")
    figure(charts.coverage_by_family(overview), "pan_coverage", None)

    with st.expander("Esecuzioni della pipeline", expanded=False):
        runs = data.load_runs()
        if runs.empty:
            st.info("Nessuna esecuzione registrata.")
        else:
            runs = runs.assign(
                status=runs["status"].map(lambda s: quality.RUN_STATUS.get(s, s)),
                trigger=runs["trigger"].map(lambda s: quality.TRIGGER.get(s, s)),
            )
            table(
                runs.drop(columns=["message"]).rename(
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
                    }
                ),
                key="pan_runs",
                formats={"Inizio": fmt.fmt_datetime, "Fine": fmt.fmt_datetime},
            )
