"""Qualità dei dati: the consistency checks of the latest run by ente and document with their
figures, coverage and unparsed lines, quarantined documents, and the Data Docs."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data, fmt, quality
from dashboards.common import data_docs_box, figure, marts_section, with_doc_labels

st.title("Qualità dei dati")
st.caption(
    "I controlli di coerenza dell'ultima esecuzione (somme di percentuali, subtotali, pesi, "
    "periodi): un controllo non superato segnala un punto in cui il documento contraddice se "
    "stesso o il magazzino; i dati non vengono mai scartati."
)

with marts_section("Qualità dei dati"):
    data.require("dim_ente", "dim_document")
    dq = data.dq_results_detail()
    docs = with_doc_labels(data.documents_detail())
    doc_label = dict(zip(docs["document_id"], docs["label"], strict=False))
    wanted = [d for d in st.query_params.get("doc", "").split(",") if d in doc_label]

    if dq.empty:
        st.info("Nessun risultato dei controlli (audit_dq_results assente o vuoto).")
    else:
        run = dq.iloc[0]
        st.caption(
            f"Esecuzione dei controlli {run['run_id']} del "
            f"{run['checked_at']:%d/%m/%Y %H:%M}: {len(dq)} controlli."
        )
        c1, c2, c3, c4 = st.columns([2, 3, 2, 1.6], vertical_alignment="bottom")
        enti = sorted(docs["ente_name"].map(fmt.short_name).unique())
        ente = c1.selectbox("Ente", ["Tutti"] + enti, key="dq_ente")
        pool = docs if ente == "Tutti" else docs[docs["ente_name"].map(fmt.short_name) == ente]
        sel_docs = c2.multiselect(
            "Documento",
            pool["document_id"].tolist(),
            default=[d for d in wanted if d in set(pool["document_id"])],
            format_func=doc_label.get,
            key="dq_docs",
            placeholder="Tutti i documenti",
        )
        severity = c3.multiselect(
            "Gravità",
            ["error", "warning"],
            ["error", "warning"],
            format_func=quality.SEVERITY_LABELS.get,
            key="dq_severity",
        )
        only_failed = c4.toggle("Solo non superati", value=True, key="dq_failed")

        ids = sel_docs or pool["document_id"].tolist()
        view = dq[dq["document_id"].isin(ids) & dq["severity"].isin(severity)]
        if only_failed:
            view = view[~view["passed"].astype(bool)]
        view = view.assign(
            check_label=view["check_name"].map(quality.check_label),
            severity_label=view["severity"].map(quality.SEVERITY_LABELS),
        )
        scope = dq[dq["document_id"].isin(ids)]
        c = st.columns(4)
        c[0].metric("Controlli", len(scope))
        c[1].metric("Superati", int(scope["passed"].sum()))
        c[2].metric("Avvisi", int((~scope["passed"] & (scope["severity"] == "warning")).sum()))
        c[3].metric("Errori", int((~scope["passed"] & (scope["severity"] == "error")).sum()))

        left, right = st.columns(2)
        with left:
            st.markdown("**Esito per documento**")
            figure(charts.dq_status_bar(docs[docs["document_id"].isin(ids)]), "dq_docs_bar", ids)
        with right:
            st.markdown("**Controlli non superati per regola**")
            scope_l = scope.assign(
                check_label=scope["check_name"].map(quality.check_label),
                severity_label=scope["severity"].map(quality.SEVERITY_LABELS),
            )
            figure(charts.dq_by_check_bar(scope_l), "dq_rules_bar", ids)

        st.subheader("Controlli")
        st.caption(
            "Per subtotali e somme, «Osservato» è il valore calcolato dalle righe e «Atteso» "
            "quello dichiarato nel documento (o la regola, es. 100); la differenza è confrontata "
            "con la tolleranza dovuta agli arrotondamenti."
        )
        table = quality.dq_table(view, doc_label)
        if table.empty:
            st.success("Nessun controllo non superato per i filtri scelti.")
        else:
            st.dataframe(
                table,
                hide_index=True,
                key="dq_table",
                column_config={
                    "Soggetto": st.column_config.TextColumn(width="medium"),
                    "Controllo": st.column_config.TextColumn(width="medium"),
                    "Differenza": st.column_config.NumberColumn(format="%.4g"),
                    "Tolleranza": st.column_config.NumberColumn(format="%.4g"),
                },
            )

    st.subheader("Copertura dei documenti")
    cov = docs[
        [
            "label",
            "source_file",
            "lines_total",
            "lines_blank",
            "lines_mapped",
            "lines_boilerplate",
            "lines_unparsed",
            "coverage_pct",
        ]
    ].rename(
        columns={
            "label": "Documento",
            "source_file": "File",
            "lines_total": "Righe",
            "lines_blank": "Vuote",
            "lines_mapped": "Lette in un record",
            "lines_boilerplate": "Intestazioni",
            "lines_unparsed": "Non interpretate",
            "coverage_pct": "Copertura (%)",
        }
    )
    st.dataframe(cov, hide_index=True, key="dq_coverage")
    unparsed = data.unparsed_lines()
    if unparsed.empty:
        st.success(
            "Nessuna riga non interpretata: ogni riga non vuota è in un record o è "
            "un'intestazione riconosciuta."
        )
    else:
        st.markdown(f"**Righe non interpretate ({len(unparsed)})**")
        st.dataframe(
            unparsed.assign(documento=unparsed["document_id"].map(doc_label))[
                ["documento", "source_line", "text", "reason"]
            ].rename(
                columns={
                    "documento": "Documento",
                    "source_line": "Riga",
                    "text": "Testo",
                    "reason": "Motivo",
                }
            ),
            hide_index=True,
            key="dq_unparsed",
        )
    errors = data.load_errors()
    runs = data.load_runs()
    last_run = runs.iloc[0]["run_id"] if not runs.empty else None
    current = errors[errors["run_id"] == last_run] if not errors.empty else errors
    if current.empty:
        st.success("Nessun documento in quarantena nell'ultima esecuzione.")
    else:
        st.error(f"{len(current)} documenti in quarantena nell'ultima esecuzione.")
    if not errors.empty:
        with st.expander(f"Documenti messi in quarantena nelle esecuzioni ({len(errors)})"):
            st.dataframe(
                errors.rename(
                    columns={
                        "run_id": "Esecuzione",
                        "source_file": "File",
                        "document_id": "Documento",
                        "line_no": "Riga",
                        "error": "Errore",
                    }
                ),
                hide_index=True,
                key="dq_load_errors",
            )

    st.subheader("Data Docs")
    data_docs_box()
