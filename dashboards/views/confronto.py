"""Confronto tra enti: comparable measures side by side, peer median and spread, ranking, the
targets' kinds, the weighted achievement of steps, weights, staff and budget."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import assessment, catalogue, charts, compare, data, fmt
from dashboards.common import figure, marts_section, measure_table, provenance

st.title("Confronto tra enti")
st.caption(
    "Misure comparabili calcolate allo stesso modo per ogni ente, documento o tipo di ente: "
    "dimensione del piano, quanto i target sono misurabili, quanti risultati sono riportati "
    "e fino a che punto raggiungono i target, pesi, personale e bilancio dove presenti. "
    "Ogni misura ha la sua definizione accanto."
)

with marts_section("Confronto tra enti"):
    data.require("dim_ente", "dim_document")
    level = st.radio(
        "Confronta",
        options=list(catalogue.UNIT_LEVELS),
        format_func=catalogue.UNIT_LEVELS.get,
        horizontal=True,
        key="cmp_level",
        help="Documenti: ogni edizione di un piano separatamente (es. ASC 2021-2023 e "
        "2025-2027). Tipi di ente: i conteggi degli enti dello stesso tipo sono sommati.",
    )
    all_units = compare.unit_measures(
        data.document_base_counts(), data.result_rows(), data.objective_steps(), level
    )
    labels = dict(zip(all_units["unit"], all_units["label"], strict=False))
    chosen = st.multiselect(
        "Unità da confrontare",
        options=list(labels),
        default=list(labels),
        format_func=labels.get,
        key=f"cmp_units_{level}",
        placeholder="Scegli enti, documenti o tipi",
    )
    units = all_units[all_units["unit"].isin(chosen)].reset_index(drop=True)
    doc_ids = sorted({d for docs in units["documents"] for d in docs})

    if units.empty:
        st.info("Scegli almeno un'unità da confrontare.")
    else:
        tab_all, tab_rank, tab_targets, tab_other = st.tabs(
            ["Misure a confronto", "Classifica", "Target e risultati", "Pesi, personale, bilancio"]
        )

        with tab_all:
            measure_table(compare.side_by_side(units))
            st.caption(
                "Mediana e min – max sono calcolate sulle unità scelte che hanno un valore; "
                "«—» indica una misura non applicabile (il documento non contiene quella "
                "informazione)."
            )
            provenance(doc_ids)

        with tab_rank:
            keys = [m.key for m in catalogue.MEASURES]
            key = st.selectbox(
                "Misura",
                options=keys,
                index=keys.index("pct_measurable"),
                format_func=lambda k: catalogue.MEASURE_BY_KEY[k].label,
                key="cmp_measure",
            )
            m = catalogue.MEASURE_BY_KEY[key]
            st.info(f"**{m.label}**: {m.definition}")
            stats = compare.peer_stats(units, [key]).iloc[0]
            c = st.columns(4)
            c[0].metric("Unità con un valore", int(stats["n"]))
            c[1].metric("Mediana", catalogue.format_value(m, stats.get("median")))
            c[2].metric(
                "1° – 3° quartile",
                f"{catalogue.format_value(m, stats.get('q1'))} – "
                f"{catalogue.format_value(m, stats.get('q3'))}",
            )
            c[3].metric(
                "Min – max",
                f"{catalogue.format_value(m, stats.get('min'))} – "
                f"{catalogue.format_value(m, stats.get('max'))}",
            )
            figure(charts.measure_bar(units, key, m.label, m.unit), "cmp_bar", doc_ids)
            st.subheader("Classifica")
            st.dataframe(compare.ranking(units, key), hide_index=True, key="cmp_ranking")
            direction = {
                True: "dal valore più alto (migliore) al più basso",
                False: "dal valore più basso (migliore) al più alto",
                None: "dal valore più alto al più basso (misura di dimensione: nessun giudizio)",
            }[m.higher_is_better]
            st.caption(f"Ordine: {direction}; le unità senza valore sono in fondo.")

        with tab_targets:
            st.subheader("Target misurabili e solo testuali")
            figure(
                charts.target_kind_share_bar(compare.target_kind_shares(units)),
                "cmp_kinds",
                doc_ids,
            )
            res_keys = [
                "n_targets",
                "pct_measurable",
                "pct_indicators_with_result",
                "n_results_assessable",
                "pct_results_reached",
                "weighted_achievement",
            ]
            measure_table(compare.side_by_side(units, res_keys))

            st.subheader("Realizzazione ponderata degli step")
            steps = data.objective_steps()
            steps = steps[steps["document_id"].isin(doc_ids)] if not steps.empty else steps
            if steps.empty:
                st.info(
                    "Nessuna delle unità scelte ha uno stato di attuazione con step pesati "
                    "(nel campione: il Consorzio CSSM)."
                )
            else:
                per_obj = assessment.step_achievement(steps)
                overall = assessment.overall_achievement(per_obj)
                st.metric(
                    "Realizzazione complessiva, ponderata con l'incidenza degli obiettivi",
                    fmt.fmt_pct(overall),
                )
                figure(
                    charts.achievement_bar(per_obj, overall),
                    "cmp_achievement",
                    per_obj["document_id"].unique(),
                    note=catalogue.MEASURE_BY_KEY["weighted_achievement"].definition,
                )
                st.dataframe(
                    per_obj.assign(
                        objective_title=per_obj["objective_title"],
                        achievement_pct=per_obj["achievement_pct"].round(1),
                    )[
                        [
                            "objective_code",
                            "objective_title",
                            "incidence_pct",
                            "steps",
                            "steps_in_year",
                            "weight_in_year_sum",
                            "achieved_points",
                            "achievement_pct",
                        ]
                    ].rename(
                        columns={
                            "objective_code": "Obiettivo",
                            "objective_title": "Titolo",
                            "incidence_pct": "Incidenza sul piano (%)",
                            "steps": "Step",
                            "steps_in_year": "Step dell'anno",
                            "weight_in_year_sum": "Somma pesi anno",
                            "achieved_points": "Punti raggiunti",
                            "achievement_pct": "Realizzazione (%)",
                        }
                    ),
                    hide_index=True,
                    key="cmp_achievement_table",
                )

        with tab_other:
            other = [m.key for m in catalogue.MEASURES if m.group == "Pesi, personale e bilancio"]
            measure_table(compare.side_by_side(units, other))
            provenance(doc_ids)
            st.subheader("Struttura dei pesi")
            weights = data.plan_weights()
            if not weights.empty:
                weights = weights[weights["document_id"].isin(doc_ids)]
            if weights.empty:
                st.info("Nessuna delle unità scelte dichiara pesi da sommare a 100.")
            else:
                base = data.document_base_counts()
                _, lab = compare.unit_key_label(base, level)
                doc_label = dict(zip(base["document_id"], lab, strict=False))
                weights = weights.assign(label=weights["document_id"].map(doc_label))
                sums = weights.groupby(["label", "weight_group"], as_index=False).agg(
                    voci=("item", "count"),
                    somma=("weight_pct", lambda s: float(pd.to_numeric(s).sum())),
                )
                figure(charts.plan_weights_bar(weights), "cmp_weights", weights["document_id"])
                st.dataframe(
                    sums.rename(
                        columns={
                            "label": "Unità",
                            "weight_group": "Gruppo di pesi",
                            "voci": "Voci",
                            "somma": "Somma (%)",
                        }
                    ),
                    hide_index=True,
                    key="cmp_weight_sums",
                )
