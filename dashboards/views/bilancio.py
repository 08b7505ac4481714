"""Bilancio: where the PEG budget goes, by CDR, project and capitolo/articolo; entrate against
spese, correnti against investimenti; Indirizzo -> Obiettivo -> Azione -> Progetto."""

from __future__ import annotations

import streamlit as st

from dashboards import charts, data, fmt
from dashboards.common import (
    BUDGET_FORMATS,
    SOURCE_COLUMN,
    budget_lines_view,
    downloads,
    ente_picker,
    figure,
    marts_section,
    project_view,
    table,
)

st.title("Bilancio")
st.caption(
    "Il budget dei piani esecutivi di gestione (PEG): per centro di responsabilità (CDR), "
    "progetto e capitolo/articolo, entrate e spese, correnti e investimenti."
)
CDR_NOTE = (
    "Budget del CDR: somma dei budget dei suoi progetti nella tabella del CDR; «—» quando "
    "nessun progetto del CDR ha un budget indicato (non è zero)."
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
        enti = data.enti()
        ente_id = ente_picker(
            key="bil_ente",
            options=enti,
            default=with_budget["ente_id"].iloc[0],
            suffix={e: " – senza bilancio" for e in enti["ente_id"] if e not in has_budget},
        )
        if ente_id and ente_id not in has_budget:
            st.info(
                "Questo ente non ha dati di bilancio nei documenti caricati: i suoi piani "
                "(schede obiettivo, PIAO, stati di attuazione) non riportano importi per CDR, "
                "progetto o capitolo."
            )
        elif ente_id:
            cdr = data.cdr_budget(ente_id)
            by_cdr = data.budget_by_cdr(ente_id)
            ente = data.ente_measures(ente_id)
            ids = sorted(set(cdr["document_id"]) | set(by_cdr["document_id"]))
            if not cdr.empty:
                st.subheader("Budget per CDR")
                cols = st.columns(max(1, len(cdr)))
                for col, row in zip(cols, cdr.itertuples(), strict=False):
                    col.metric(
                        f"CDR {row.cdr_code}",
                        fmt.fmt_euro(row.budget_eur),
                        help=str(row.cdr_name or ""),
                    )
                st.caption(CDR_NOTE)
            if not by_cdr.empty and ente is not None:
                st.subheader("Entrate e spese")
                c = st.columns(4)
                c[0].metric("Entrate", fmt.fmt_euro(ente["entrate_eur"]))
                c[1].metric("Spese", fmt.fmt_euro(ente["spese_eur"]))
                c[2].metric("di cui correnti", fmt.fmt_euro(ente["spese_correnti_eur"]))
                c[3].metric("di cui investimenti", fmt.fmt_euro(ente["spese_investimento_eur"]))
                left, right = st.columns(2)
                with left:
                    st.markdown("**Entrate e spese, correnti e investimenti**")
                    figure(charts.budget_totals_bar(by_cdr), "bil_totals", ids)
                with right:
                    st.markdown("**Per CDR**")
                    figure(charts.budget_flow_bar(by_cdr), "bil_flow", ids)

            pb = data.project_budget(ente_id)
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
                    view = project_view(pb)
                    table(
                        view,
                        key="bil_projects_table",
                        formats=BUDGET_FORMATS,
                        column_config={"Fonte": SOURCE_COLUMN},
                    )
                    downloads(
                        view.drop(columns=["Fonte"]),
                        f"progetti-{ente_id}",
                        "bil_projects_dl",
                        "Progetti",
                    )
            with tab_cap:
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
                flt = data.BudgetFilter(ente_id, tuple(flow), tuple(nature), text.strip())
                totals = data.budget_selection_totals(flt).set_index("flow")
                c = st.columns(3)
                for col, (flow_key, label) in zip(
                    c,
                    [("entrata", "Entrate selezionate"), ("spesa", "Spese selezionate")],
                    strict=False,
                ):
                    value = totals["amount_eur"].get(flow_key) if flow_key in flow else None
                    col.metric(label, fmt.fmt_euro(value))
                c[2].metric("Righe selezionate", fmt.fmt_int(totals["n_lines"].sum()))
                st.caption(
                    "Entrate e spese sono sommate separatamente: un totale che le mescolasse "
                    "non avrebbe significato."
                )
                bl = data.budget_lines(flt)
                if bl.empty:
                    st.info("Nessuna riga di bilancio per i filtri scelti.")
                else:
                    view = budget_lines_view(bl)
                    table(
                        view,
                        key="bil_lines_table",
                        formats=BUDGET_FORMATS,
                        column_config={
                            "Fonte": SOURCE_COLUMN,
                            "Descrizione": st.column_config.TextColumn(width="large"),
                        },
                    )
                    downloads(
                        view.drop(columns=["Fonte"]),
                        f"capitoli-{ente_id}",
                        "bil_lines_dl",
                        "Capitoli",
                    )
            with tab_staff:
                staff = data.staff_by_project(ente_id)
                if staff.empty:
                    st.info("Nessuna assegnazione di personale ai progetti per questo ente.")
                else:
                    st.metric(
                        "Personale assegnato (FTE)",
                        fmt.fmt_number(ente["staff_fte"] if ente is not None else None, 2),
                    )
                    figure(charts.staff_bar(staff), "bil_staff", ids)
