"""Qualità dei dati: the consistency checks of the latest run by ente and document with their
figures (in Italian), coverage and unparsed lines, quarantined documents, and a link to the
Data Docs."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import charts, data, fmt, quality
from dashboards.common import (
    SOURCE_COLUMN,
    figure,
    marts_section,
    pager,
    source_url,
    table,
    with_source_links,
)

st.title("Qualità dei dati")
st.caption(
    "I controlli di coerenza dell'ultima esecuzione (somme di percentuali, subtotali, pesi, "
    "periodi): un controllo non superato segnala un punto in cui il documento contraddice se "
    "stesso o il magazzino; i dati non vengono mai scartati."
)

with marts_section("Qualità dei dati"):
    data.require("dim_ente", "dim_document")
    wanted = tuple(d for d in st.query_params.get("doc", "").split(",") if d)
    run = data.dq_run()
    if run is None:
        st.info("Nessun risultato dei controlli registrato.")
    else:
        st.caption(
            f"Esecuzione dei controlli del {fmt.fmt_datetime(run['checked_at'])}: "
            f"{fmt.plural(run['checks'], 'controllo', 'controlli')}."
        )
        wanted_docs = data.documents_by_id(wanted) if wanted else pd.DataFrame()
        enti = data.enti()
        ente_labels = {"": "Tutti", **dict(zip(enti["ente_id"], enti["label"], strict=True))}
        default_ente = (
            wanted_docs["ente_id"].iloc[0]
            if len(wanted_docs["ente_id"].unique() if not wanted_docs.empty else []) == 1
            else ""
        )
        c1, c2, c3, c4 = st.columns([2, 3, 2, 1.6], vertical_alignment="bottom")
        ente = c1.selectbox(
            "Ente",
            list(ente_labels),
            index=list(ente_labels).index(default_ente),
            format_func=ente_labels.get,
            key="dq_ente",
        )
        pool = data.documents(ente) if ente else wanted_docs
        doc_labels = (
            dict(zip(pool["document_id"], pool["label"], strict=True)) if not pool.empty else {}
        )
        sel_docs = c2.multiselect(
            "Documento",
            list(doc_labels),
            default=[d for d in wanted if d in doc_labels],
            format_func=doc_labels.get,
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

        ids = tuple(sel_docs) or (tuple(pool["document_id"]) if ente else ())
        scope = data.documents_by_id(ids) if ids else None
        counts = data.dq_counts(ids if ids else None)
        c = st.columns(4)
        c[0].metric("Controlli", fmt.fmt_int(counts["total"]))
        c[1].metric("Superati", fmt.fmt_int(counts["passed"]))
        c[2].metric(
            "Avvisi",
            fmt.fmt_int(counts["warnings"]),
            help="Controlli di gravità avviso non superati",
        )
        c[3].metric(
            "Errori", fmt.fmt_int(counts["errors"]), help="Controlli di gravità errore non superati"
        )

        left, right = st.columns(2)
        with left:
            if scope is not None and len(scope) <= 30:
                st.markdown("**Esito per documento**")
                figure(charts.dq_status_bar(scope), "dq_docs_bar", ids)
            else:
                st.markdown("**Documenti per esito dei controlli**")
                figure(
                    charts.documents_by_check_status(data.dq_overview()), "dq_docs_bar", ids or None
                )
        with right:
            st.markdown("**Controlli non superati per regola**")
            rules = data.checks_by_rule(ids)
            rules = rules.assign(
                check_label=rules["check_name"].map(quality.check_label),
                severity_label=rules["severity"].map(quality.SEVERITY_LABELS),
            )
            figure(charts.dq_by_check_bar(rules), "dq_rules_bar", ids or None)

        st.subheader("Controlli")
        st.caption(
            "Per subtotali e somme, «Osservato» è il valore calcolato dalle righe e «Atteso» "
            "quello dichiarato nel documento (o la regola, es. 100); la differenza è confrontata "
            "con la tolleranza dovuta agli arrotondamenti."
        )
        flt = data.CheckFilter(tuple(ids), tuple(severity), only_failed)
        total = data.checks_count(flt)
        if not total:
            st.success("Nessun controllo non superato per i filtri scelti.")
        else:
            offset = pager(total, "dq_page", page_size=200)
            rows = quality.dq_table(data.checks_page(flt, offset), source_url)
            table(
                rows,
                key="dq_table",
                formats={
                    "Differenza": lambda v: (
                        fmt.tidy_number_text(round(float(v), 4)) if fmt.finite(v) else fmt.MISSING
                    ),
                    "Tolleranza": lambda v: (
                        fmt.tidy_number_text(round(float(v), 4)) if fmt.finite(v) else fmt.MISSING
                    ),
                    "Riga": lambda v: fmt.MISSING if fmt.is_missing(v) else str(int(v)),
                },
                column_config={
                    "Documento": st.column_config.TextColumn(width=170),
                    "Controllo": st.column_config.TextColumn(width=210),
                    "Soggetto": st.column_config.TextColumn(width=230),
                    "Osservato": st.column_config.TextColumn(width=90),
                    "Atteso": st.column_config.TextColumn(width=90),
                    "Gravità": st.column_config.TextColumn(width=65),
                    "Fonte": SOURCE_COLUMN,
                },
            )

    st.subheader("Copertura dei documenti")
    flt_docs = data.DocFilter()
    offset = pager(data.documents_count(flt_docs), "dq_cov_page")
    cov = data.documents_page(flt_docs, offset)
    table(
        cov[
            [
                "label",
                "doc_title",
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
                "doc_title": "Titolo",
                "lines_total": "Righe",
                "lines_blank": "Vuote",
                "lines_mapped": "Lette in un record",
                "lines_boilerplate": "Intestazioni",
                "lines_unparsed": "Non interpretate",
                "coverage_pct": "Copertura",
            }
        ),
        key="dq_coverage",
        formats={"Copertura": fmt.fmt_pct},
    )
    unparsed = data.unparsed_lines()
    if unparsed.empty:
        st.success(
            "Nessuna riga non interpretata: ogni riga non vuota è in un record o è "
            "un'intestazione riconosciuta."
        )
    else:
        st.markdown(f"**Righe non interpretate ({fmt.fmt_int(len(unparsed))})**")
        table(
            with_source_links(unparsed)[["label", "source_line", "text", "reason", "Fonte"]].rename(
                columns={
                    "label": "Documento",
                    "source_line": "Riga",
                    "text": "Testo",
                    "reason": "Motivo",
                }
            ),
            key="dq_unparsed",
            formats={"Riga": lambda v: str(int(v))},
            column_config={"Fonte": SOURCE_COLUMN},
        )
    errors = data.load_errors()
    last = data.last_run()
    current = (
        errors[errors["run_id"] == last["run_id"]]
        if last is not None and not errors.empty
        else errors
    )
    if current.empty:
        st.success("Nessun documento in quarantena nell'ultima esecuzione.")
    else:
        st.error(
            f"{fmt.plural(len(current), 'documento', 'documenti')} in quarantena nell'ultima "
            "esecuzione."
        )
    if not errors.empty:
        with st.expander(
            f"Documenti messi in quarantena nelle esecuzioni ({fmt.fmt_int(len(errors))})"
        ):
            table(
                errors.rename(
                    columns={
                        "run_id": "Esecuzione",
                        "source_file": "File",
                        "document_id": "Documento",
                        "line_no": "Riga",
                        "error": "Errore",
                    }
                ),
                key="dq_load_errors",
            )

    st.subheader("Data Docs")
    st.markdown(
        "I Data Docs di Great Expectations descrivono ogni suite di controlli e il suo esito; "
        "la documentazione del modello dei dati (dbt) descrive ogni tabella e colonna."
    )
    st.page_link(
        "views/documentazione.py",
        label="Apri i Data Docs e la documentazione del magazzino",
        icon=":material/menu_book:",
    )
