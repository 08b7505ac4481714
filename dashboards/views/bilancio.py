"""Bilancio: where the PEG budget goes, by CDR, project and capitolo/articolo; entrate against
spese, correnti against investimenti; Indirizzo -> Obiettivo -> Azione -> Progetto."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data
from dashboards.common import downloads, ente_picker, euro, figure, marts_section

st.title("Bilancio")
st.caption(
    "Il budget dei piani esecutivi di gestione (PEG): per centro di responsabilità (CDR), "
    "progetto e capitolo/articolo, entrate e spese, correnti e investimenti."
)

with marts_section("Bilancio"):
    data.require("dim_ente", "dim_document")
    with_budget = data.budget_enti()
    if with_budget.empty:
        st.info(
            "Nessun ente caricato ha tabelle di bilancio (PEG con budget per CDR o per "
            "capitolo). Gli altri documenti (schede obiettivo, PIAO, stati di attuazione) non "
            "riportano importi."
        )
    else:
        has_budget = set(with_budget["ente_id"])
        ente_id = ente_picker(
            key="bil_ente",
            default=with_budget["ente_id"].iloc[0],
            suffix={e: " – senza bilancio" for e in data.enti()["ente_id"] if e not in has_budget},
        )
        pb = data.project_budget(ente_id)
        bl = data.budget_lines(ente_id)
        if ente_id and pb.empty and bl.empty:
            st.info(
                "Questo ente non ha dati di bilancio nei documenti caricati: i suoi piani "
                "(schede obiettivo, PIAO, stati di attuazione) non riportano importi per CDR, "
                "progetto o capitolo."
            )
        elif ente_id:
            ids = sorted(set(pb.get("document_id", [])) | set(bl.get("document_id", [])))
            if not pb.empty:
                st.subheader("Budget per CDR")
                totals = pb.groupby(["cdr_code", "cdr_name"], as_index=False, dropna=False)[
                    "budget_eur"
                ].sum(min_count=1)
                cols = st.columns(max(1, len(totals)))
                for col, row in zip(cols, totals.itertuples(), strict=False):
                    col.metric(
                        f"CDR {row.cdr_code}",
                        euro(row.budget_eur) if row.budget_eur == row.budget_eur else "—",
                        help=str(row.cdr_name or ""),
                    )
            if not bl.empty:
                by_cdr = data.budget_by_cdr(ente_id)
                flows = by_cdr.groupby("flow")["amount_eur"].sum()
                nat = by_cdr[by_cdr["flow"] == "spesa"].groupby("nature")["amount_eur"].sum()
                st.subheader("Entrate e spese")
                c = st.columns(4)
                c[0].metric("Entrate", euro(flows.get("entrata")))
                c[1].metric("Spese", euro(flows.get("spesa")))
                c[2].metric("di cui correnti", euro(nat.get("corrente")))
                c[3].metric("di cui investimenti", euro(nat.get("investimento")))
                left, right = st.columns(2)
                with left:
                    st.markdown("**Entrate e spese, correnti e investimenti**")
                    figure(charts.budget_totals_bar(by_cdr), "bil_totals", ids)
                with right:
                    st.markdown("**Per CDR**")
                    figure(charts.budget_flow_bar(by_cdr), "bil_flow", ids)

            tab_tree, tab_proj, tab_cap, tab_staff = st.tabs(
                ["Indirizzi e obiettivi", "Progetti", "Capitoli e articoli", "Personale"]
            )
            with tab_tree:
                shape = st.radio(
                    "Indirizzo → Obiettivo strategico → Azione → Progetto, per budget",
                    ["Treemap", "Sunburst"],
                    horizontal=True,
                    key="bil_shape",
                )
                build = charts.budget_treemap if shape == "Treemap" else charts.budget_sunburst
                figure(
                    build(pb),
                    "bil_tree",
                    ids,
                    note="Progetti senza budget nella tabella del CDR non compaiono",
                )
            with tab_proj:
                if pb.empty:
                    st.info("Nessuna tabella di budget per progetto.")
                else:
                    figure(charts.project_budget_bar(pb), "bil_projects", ids)
                    view = pb[
                        [
                            "cdr_code",
                            "project_code",
                            "project_name",
                            "indirizzo",
                            "obiettivo_strategico",
                            "azione",
                            "budget_eur",
                            "absorption_pct",
                            "source_line",
                        ]
                    ].rename(
                        columns={
                            "cdr_code": "CDR",
                            "project_code": "Codice progetto",
                            "project_name": "Progetto",
                            "indirizzo": "Indirizzo",
                            "obiettivo_strategico": "Obiettivo strategico",
                            "azione": "Azione",
                            "budget_eur": "Budget (€)",
                            "absorption_pct": "% di assorbimento",
                            "source_line": "Riga",
                        }
                    )
                    st.dataframe(view, hide_index=True, key="bil_projects_table")
                    downloads(view, f"progetti-{ente_id}", "bil_projects_dl", "Progetti")
            with tab_cap:
                if bl.empty:
                    st.info("Nessuna riga di bilancio per capitolo/articolo.")
                else:
                    c1, c2, c3 = st.columns([1, 1, 2])
                    flow = c1.multiselect(
                        "Flusso", ["entrata", "spesa"], ["entrata", "spesa"], key="bil_flow_f"
                    )
                    nature = c2.multiselect(
                        "Natura",
                        ["corrente", "investimento"],
                        ["corrente", "investimento"],
                        key="bil_nature_f",
                    )
                    text = c3.text_input("Cerca nella descrizione o nel capitolo", key="bil_q")
                    view = bl[bl["flow"].isin(flow) & bl["nature"].isin(nature)]
                    if text:
                        hay = view["capitolo_description"].fillna("") + " " + view["capitolo"]
                        view = view[hay.str.contains(text, case=False, regex=False)]
                    st.metric("Totale righe selezionate", euro(view["amount_eur"].sum()))
                    view = view.rename(
                        columns={
                            "cdr_code": "CDR",
                            "project_code": "Progetto",
                            "capitolo": "Capitolo",
                            "articolo": "Articolo",
                            "capitolo_description": "Descrizione",
                            "column_name": "Colonna",
                            "flow": "Flusso",
                            "nature": "Natura",
                            "amount_eur": "Importo (€)",
                            "document_id": "Documento",
                            "source_line": "Riga",
                        }
                    )
                    st.dataframe(view, hide_index=True, key="bil_lines_table")
                    downloads(view, f"capitoli-{ente_id}", "bil_lines_dl", "Capitoli")
            with tab_staff:
                staff = data.staff_by_project(ente_id)
                if staff.empty:
                    st.info("Nessuna assegnazione di personale ai progetti per questo ente.")
                else:
                    st.metric(
                        "Personale assegnato (FTE)", f"{staff['fte'].sum():.2f}".replace(".", ",")
                    )
                    figure(charts.staff_bar(staff), "bil_staff", ids)
