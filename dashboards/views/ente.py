"""Scheda ente: budget by CDR and project, budget lines by capitolo, objectives with their
indicators and targets."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data
from dashboards.common import ente_picker, euro, figure, marts_section, provenance

st.title("Scheda ente")
st.caption("Bilancio, obiettivi e indicatori di un ente, come li riporta il suo piano.")

with marts_section("Scheda ente"):
    data.require("dim_ente", "dim_document")
    ente_id = ente_picker()
    if ente_id:
        st.caption(data.source_caption(ente_id))
        tab_budget, tab_lines, tab_obj = st.tabs(
            ["Budget per CDR e progetto", "Capitoli di bilancio", "Obiettivi e indicatori"]
        )

        with tab_budget:
            pb = data.project_budget(ente_id)
            if pb.empty:
                st.info("Questo ente non ha tabelle di budget per CDR nei documenti caricati.")
            else:
                st.caption(data.source_caption(ente_id, ("peg",)))
                totals = pb.groupby("cdr_code", as_index=False)["budget_eur"].sum()
                cols = st.columns(max(1, len(totals)))
                for col, row in zip(cols, totals.itertuples(), strict=False):
                    col.metric(f"CDR {row.cdr_code}", euro(row.budget_eur))
                figure(
                    charts.project_budget_bar(pb), "project_budget_bar", pb["document_id"].unique()
                )
                st.dataframe(
                    pb[
                        [
                            "cdr_code",
                            "project_code",
                            "project_name",
                            "budget_eur",
                            "absorption_pct",
                            "azione",
                            "source_line",
                        ]
                    ].rename(
                        columns={
                            "cdr_code": "CDR",
                            "project_code": "Codice progetto",
                            "project_name": "Progetto",
                            "budget_eur": "Budget (€)",
                            "absorption_pct": "% di assorbimento",
                            "azione": "Azione",
                            "source_line": "Riga",
                        }
                    ),
                    hide_index=True,
                )

        with tab_lines:
            bl = data.budget_lines(ente_id)
            if bl.empty:
                st.info("Nessuna riga di bilancio per capitolo/articolo per questo ente.")
            else:
                figure(
                    charts.budget_flow_bar(data.budget_by_cdr(ente_id)),
                    "budget_flow_bar",
                    bl["document_id"].unique(),
                )
                flows = st.multiselect(
                    "Flusso",
                    options=["entrata", "spesa"],
                    default=["entrata", "spesa"],
                    key="flows",
                )
                view = bl[bl["flow"].isin(flows)]
                st.dataframe(
                    view.rename(
                        columns={
                            "cdr_code": "CDR",
                            "project_code": "Progetto",
                            "capitolo": "Capitolo",
                            "articolo": "Articolo",
                            "capitolo_description": "Descrizione",
                            "column_name": "Colonna",
                            "amount_eur": "Importo (€)",
                            "source_line": "Riga",
                        }
                    ).drop(columns=["flow", "nature", "document_id"]),
                    hide_index=True,
                )

        with tab_obj:
            oi = data.objectives_with_indicators(ente_id)
            if oi.empty:
                st.info("Nessun indicatore per questo ente.")
            else:
                years = sorted(int(y) for y in oi["year"].dropna().unique())
                year = st.selectbox("Anno", options=years, key="year") if years else None
                view = oi[oi["year"] == year] if year is not None else oi
                st.metric("Indicatori", view["indicator_name"].nunique())
                provenance(oi["document_id"].unique())
                st.dataframe(
                    view[
                        [
                            "objective_code",
                            "objective_title",
                            "objective_type",
                            "indicator_code",
                            "indicator_name",
                            "target_raw",
                            "target_kind",
                            "actual_raw",
                            "responsabile",
                            "source_line",
                        ]
                    ].rename(
                        columns={
                            "objective_code": "Obiettivo",
                            "objective_title": "Titolo obiettivo",
                            "objective_type": "Tipo",
                            "indicator_code": "Codice indicatore",
                            "indicator_name": "Indicatore",
                            "target_raw": "Valore previsto",
                            "target_kind": "Tipo di target",
                            "actual_raw": "Risultato",
                            "responsabile": "Responsabile",
                            "source_line": "Riga",
                        }
                    ),
                    hide_index=True,
                )
