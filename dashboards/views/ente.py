"""Scheda ente: one ente's objectives and indicators, then its budget where its plans have
one. Counts are those of the Confronto page (mart_measures_ente, mart_targets_year)."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data, fmt
from dashboards.catalogue import KIND_LABELS
from dashboards.common import (
    BUDGET_FORMATS,
    SOURCE_COLUMN,
    budget_lines_view,
    ente_picker,
    figure,
    marts_section,
    project_view,
    provenance,
    table,
    with_source_links,
)

st.title("Scheda ente")
st.caption("Obiettivi, indicatori e bilancio di un ente, come li riportano i suoi piani.")

with marts_section("Scheda ente"):
    data.require("dim_ente", "dim_document")
    ente_id = ente_picker()
    if ente_id:
        docs = data.documents(ente_id)
        ente = data.ente_measures(ente_id)
        st.caption(
            "Documenti: "
            + "; ".join(
                f"{r.doc_title} ({fmt.period(r.period_start_year, r.period_end_year)})"
                for r in docs.itertuples()
            )
        )
        has_budget = ente is not None and (ente["n_projects"] > 0 or ente["n_budget_lines"] > 0)
        names = ["Obiettivi e indicatori"]
        if has_budget:
            names += ["Budget per CDR e progetto", "Capitoli di bilancio"]
        tabs = st.tabs(names)

        with tabs[0]:
            c = st.columns(4)
            c[0].metric("Obiettivi", fmt.fmt_int(ente["n_objectives"] if ente is not None else 0))
            c[1].metric(
                "Indicatori",
                fmt.fmt_int(ente["n_indicators"] if ente is not None else 0),
                help="Ogni indicatore di ogni obiettivo conta una volta (come nel Confronto)",
            )
            c[2].metric(
                "Target (indicatore × anno)",
                fmt.fmt_int(ente["n_targets"] if ente is not None else 0),
                help="Contati una volta per indicatore e anno (come nel Confronto)",
            )
            c[3].metric(
                "Risultati riportati", fmt.fmt_int(ente["n_results"] if ente is not None else 0)
            )
            years_rows = data.targets_by_year(ente_id)
            years = sorted({int(y) for y in years_rows["year"]})
            if not years:
                st.info("Nessun indicatore con un anno per questo ente.")
            else:
                year = st.selectbox("Anno", options=years, key="year")
                in_year = years_rows[years_rows["year"] == year]
                st.caption(
                    f"Nel {year}: {fmt.plural(in_year['n_targets'].sum(), 'target', 'target')}, "
                    + fmt.plural(
                        in_year["n_results"].sum(), "risultato riportato", "risultati riportati"
                    )
                    + "."
                )
                oi = data.objectives_with_indicators(ente_id, year)
                provenance(oi["document_id"].unique())
                view = (
                    with_source_links(oi)
                    .assign(
                        tipo=oi["target_kind"].map(KIND_LABELS),
                    )[
                        [
                            "objective_code",
                            "objective_title",
                            "indicator_code",
                            "indicator_name",
                            "target_raw",
                            "tipo",
                            "actual_raw",
                            "responsabili",
                            "source_line",
                            "Fonte",
                        ]
                    ]
                    .rename(
                        columns={
                            "objective_code": "Obiettivo",
                            "objective_title": "Titolo obiettivo",
                            "indicator_code": "Codice indicatore",
                            "indicator_name": "Indicatore",
                            "target_raw": "Valore previsto",
                            "tipo": "Tipo di target",
                            "actual_raw": "Risultato",
                            "responsabili": "Responsabile",
                            "source_line": "Riga",
                        }
                    )
                )
                table(
                    view,
                    key="ente_indicators",
                    formats={"Riga": lambda v: str(int(v))},
                    column_config={
                        "Fonte": SOURCE_COLUMN,
                        "Indicatore": st.column_config.TextColumn(width="large"),
                    },
                )

        if has_budget:
            with tabs[1]:
                cdr = data.cdr_budget(ente_id)
                pb = data.project_budget(ente_id)
                if cdr.empty:
                    st.info("Questo ente non ha tabelle di budget per CDR nei documenti caricati.")
                else:
                    cols = st.columns(max(1, len(cdr)))
                    for col, row in zip(cols, cdr.itertuples(), strict=False):
                        col.metric(
                            f"CDR {row.cdr_code}",
                            fmt.fmt_euro(row.budget_eur),
                            help=str(row.cdr_name or ""),
                        )
                    st.caption(
                        "Budget del CDR: somma dei budget dei suoi progetti; «—» quando nessun "
                        "progetto del CDR ha un budget indicato (come nella pagina Bilancio)."
                    )
                    figure(
                        charts.project_budget_bar(pb),
                        "project_budget_bar",
                        pb["document_id"].unique(),
                    )
                    table(
                        project_view(pb),
                        key="ente_projects",
                        formats=BUDGET_FORMATS,
                        column_config={"Fonte": SOURCE_COLUMN},
                    )
            with tabs[2]:
                by_cdr = data.budget_by_cdr(ente_id)
                if by_cdr.empty:
                    st.info("Nessuna riga di bilancio per capitolo/articolo per questo ente.")
                else:
                    figure(
                        charts.budget_flow_bar(by_cdr),
                        "budget_flow_bar",
                        by_cdr["document_id"].unique(),
                    )
                    flows = st.multiselect(
                        "Flusso",
                        options=["entrata", "spesa"],
                        default=["entrata", "spesa"],
                        key="flows",
                    )
                    bl = data.budget_lines(data.BudgetFilter(ente_id, tuple(flows)))
                    table(
                        budget_lines_view(bl),
                        key="ente_lines",
                        formats=BUDGET_FORMATS,
                        column_config={"Fonte": SOURCE_COLUMN},
                    )
