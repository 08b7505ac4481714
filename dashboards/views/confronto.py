"""Confronto tra enti: comparable measures side by side with the median of all the units,
ranking, the targets' kinds, the weighted achievement of steps, weights, staff and budget.
Every figure is a ready row of the measure marts (defined once, in dbt)."""

from __future__ import annotations

import streamlit as st

from dashboards import catalogue, charts, compare, data, fmt
from dashboards.common import (
    area_filter,
    area_name,
    figure,
    marts_section,
    measure_table,
    pager,
    provenance,
    table,
)

st.title("Confronto tra enti")
st.caption(
    "Misure comparabili calcolate allo stesso modo per ogni ente, documento o tipo di ente: "
    "dimensione del piano, quanto i target sono misurabili, quanti risultati sono riportati "
    "e fino a che punto raggiungono i target, pesi, personale e bilancio dove presenti. "
    "Ogni misura ha la sua definizione accanto."
)
DEFAULT_UNITS = 6
AREA_NOTE = (
    "Area «{name}»: le cifre contano solo gli obiettivi e gli indicatori che hanno quest'area "
    "come area principale (quelli che la hanno come area secondaria sono contati a parte), i "
    "target e i risultati di quegli indicatori e la spesa delle righe di bilancio del PEG dei "
    "progetti dell'area; le quote sono sul totale del piano. Pesi, step e personale non sono "
    "divisi per area: per vederli scegli «Tutte le aree»."
)


def pick_measure(measures: list[catalogue.Measure], default: str, key: str) -> catalogue.Measure:
    """A selectbox of measures, then the chosen one's definition."""
    by_key = {m.key: m for m in measures}
    keys = list(by_key)
    chosen = st.selectbox(
        "Misura",
        options=keys,
        index=keys.index(default),
        format_func=lambda k: by_key[k].label,
        key=key,
    )
    m = by_key[chosen]
    st.info(f"**{m.label}**: {m.definition}")
    return m


def area_comparison(
    level: str, chosen: tuple[str, ...], area: str, doc_ids: tuple[str, ...], many: str
) -> None:
    """The chosen units in one policy area: the area's measures side by side with the median of
    all the units of the level (mart_policy_area_unit, mart_policy_area_stats)."""
    st.info(AREA_NOTE.format(name=area_name(area)))
    area_measures = catalogue.measures(data.area_measure_catalogue())
    rows = data.area_unit_rows(level, chosen, area)
    stats = data.area_stats(level, area)
    tab_all, tab_bar = st.tabs(["Misure dell'area a confronto", "Grafico"])
    with tab_all:
        measure_table(compare.side_by_side(rows, area_measures, stats))
        provenance(doc_ids)
    with tab_bar:
        m = pick_measure(area_measures, "objectives_share_pct", "cmp_area_measure")
        key = m.key
        s = stats.set_index("measure_key")
        median = s.loc[key, "median_value"] if key in s.index else None
        figure(
            charts.measure_bar(rows, key, m.label, m.unit, median),
            "cmp_area_bar",
            doc_ids,
            note=f"Linea tratteggiata: mediana di tutti i {many}",
        )


with marts_section("Confronto tra enti"):
    data.require("dim_ente", "dim_document")
    measures = catalogue.measures(data.measure_catalogue())
    by_key = {m.key: m for m in measures}
    c1, c2 = st.columns([3, 2])
    level = c1.radio(
        "Confronta",
        options=list(catalogue.UNIT_LEVELS),
        format_func=catalogue.UNIT_LEVELS.get,
        horizontal=True,
        key="cmp_level",
        help="Documenti: ogni edizione di un piano separatamente (es. ASC 2021-2023 e "
        "2025-2027). Tipi di ente: i conteggi degli enti dello stesso tipo sono sommati.",
    )
    with c2:
        area = area_filter(
            "cmp_area",
            help="Limita le misure agli obiettivi, agli indicatori e alla spesa di un'area di "
            "intervento (programmi della Missione 12, Missione 1, altre missioni).",
        )
    one, many = catalogue.LEVEL_NOUN[level]
    key = f"cmp_units_{level}"
    n_units = data.unit_count(level)
    search = ""
    if n_units > data.UNIT_OPTIONS:
        search = st.text_input(
            f"Cerca tra {fmt.plural(n_units, one, many)}",
            key=f"cmp_search_{level}",
            help=f"L'elenco offre al più {fmt.fmt_int(data.UNIT_OPTIONS)} voci alla volta: "
            "scrivi parte del nome per trovare le altre.",
        ).strip()
    offered = data.units(level, text=search)
    labels = dict(zip(offered["unit"], offered["label"], strict=False))
    kept = [u for u in st.session_state.get(key, []) if u not in labels]
    if kept:  # what the reader chose stays chosen whatever the search
        extra = data.unit_measures(level, tuple(kept))
        labels.update(zip(extra["unit"], extra["label"], strict=False))
    chosen = st.multiselect(
        "Unità da confrontare",
        options=list(labels),
        default=None if key in st.session_state else list(labels)[:DEFAULT_UNITS],
        format_func=labels.get,
        key=key,
        placeholder="Scegli enti, documenti o tipi (scrivi per cercare)",
    )
    stats = data.measure_stats(level)
    n_level = int(stats["n_units"].max()) if not stats.empty else 0
    st.caption(
        f"Mediana e min – max: su tutti i {fmt.plural(n_level, one, many)} del magazzino che "
        "hanno un valore; «—» indica una misura non applicabile (il documento non contiene "
        "quell'informazione)."
    )
    units = data.unit_measures(level, tuple(chosen))
    doc_ids = data.unit_documents(level, tuple(chosen)) if chosen else ()

    if units.empty:
        st.info("Scegli almeno un'unità da confrontare.")
    elif area:
        area_comparison(level, tuple(chosen), area, doc_ids, many)
    else:
        tab_all, tab_rank, tab_targets, tab_other = st.tabs(
            ["Misure a confronto", "Classifica", "Target e risultati", "Pesi, personale, bilancio"]
        )

        with tab_all:
            measure_table(compare.side_by_side(units, measures, stats))
            provenance(doc_ids)

        with tab_rank:
            m = pick_measure(measures, "pct_measurable", "cmp_measure")
            key = m.key
            s = stats.set_index("measure_key").loc[key]
            c = st.columns(4)
            c[0].metric(f"{many.capitalize()} con un valore", fmt.fmt_int(s["n_units_with_value"]))
            c[1].metric("Mediana", catalogue.format_value(m, s["median_value"]))
            c[2].metric(
                "1° – 3° quartile",
                f"{catalogue.format_value(m, s['q1_value'])} – "
                f"{catalogue.format_value(m, s['q3_value'])}",
            )
            c[3].metric(
                "Min – max",
                f"{catalogue.format_value(m, s['min_value'])} – "
                f"{catalogue.format_value(m, s['max_value'])}",
            )
            figure(
                charts.measure_bar(units, key, m.label, m.unit, s["median_value"]),
                "cmp_bar",
                doc_ids,
                note=f"Linea tratteggiata: mediana di tutti i {many}",
            )
            st.subheader("Classifica")
            offset = pager(data.ranking_count(level, key), "cmp_rank_page")
            table(
                compare.ranking_table(data.ranking_page(level, key, offset), m),
                key="cmp_ranking",
                column_config={"Unità": st.column_config.TextColumn(width="medium")},
            )
            direction = {
                True: "dal valore più alto (migliore) al più basso",
                False: "dal valore più basso (migliore) al più alto",
                None: "dal valore più alto al più basso (misura di dimensione: nessun giudizio)",
            }[m.higher_is_better]
            gap = "in punti percentuali" if m.unit == "pct" else "nella stessa unità"
            st.caption(
                f"Tutti i {many} del magazzino. Ordine: {direction}; quelli senza valore sono "
                f"in fondo. Lo scarto dalla mediana è {gap}."
            )

        with tab_targets:
            st.subheader("Target misurabili e solo testuali")
            figure(
                charts.target_kind_share_bar(compare.target_kind_shares(units)),
                "cmp_kinds",
                doc_ids,
                note=by_key["n_targets"].definition,
            )
            res_keys = [
                "n_targets",
                "pct_measurable",
                "pct_indicators_with_result",
                "n_results_assessable",
                "pct_results_reached",
                "weighted_achievement",
            ]
            measure_table(compare.side_by_side(units, [by_key[k] for k in res_keys], stats))

            st.subheader("Realizzazione ponderata degli step")
            with_steps = data.unit_measures("document", doc_ids)
            with_steps = (
                with_steps[with_steps["n_steps"] > 0] if not with_steps.empty else with_steps
            )
            if with_steps.empty:
                st.info(
                    "Nessuna delle unità scelte ha uno stato di attuazione con step pesati "
                    "(nel campione: il Consorzio CSSM)."
                )
            else:
                step_labels = dict(zip(with_steps["document_id"], with_steps["label"], strict=True))
                doc = st.selectbox(
                    "Stato di attuazione",
                    list(step_labels),
                    format_func=step_labels.get,
                    key="cmp_step_doc",
                )
                overall = with_steps.set_index("document_id").loc[doc, "weighted_achievement"]
                st.metric(
                    "Realizzazione complessiva, ponderata con l'incidenza degli obiettivi",
                    fmt.fmt_pct(overall),
                )
                per_obj = data.step_achievement(doc)
                figure(
                    charts.achievement_bar(per_obj, overall),
                    "cmp_achievement",
                    [doc],
                    note=by_key["weighted_achievement"].definition,
                )
                table(
                    per_obj.assign(achievement_pct=per_obj["achievement_pct"].round(1))[
                        [
                            "objective_code",
                            "objective_title",
                            "incidence_pct",
                            "n_steps",
                            "n_steps_in_year",
                            "weight_in_year_sum",
                            "achieved_points",
                            "achievement_pct",
                        ]
                    ].rename(
                        columns={
                            "objective_code": "Obiettivo",
                            "objective_title": "Titolo",
                            "incidence_pct": "Incidenza sul piano (%)",
                            "n_steps": "Step",
                            "n_steps_in_year": "Step dell'anno",
                            "weight_in_year_sum": "Somma pesi anno",
                            "achieved_points": "Punti raggiunti",
                            "achievement_pct": "Realizzazione (%)",
                        }
                    ),
                    key="cmp_achievement_table",
                    formats={
                        "Incidenza sul piano (%)": fmt.fmt_pct,
                        "Realizzazione (%)": fmt.fmt_pct,
                    },
                    column_config={"Titolo": st.column_config.TextColumn(width="large")},
                )

        with tab_other:
            other = [m for m in measures if m.group == "Pesi, personale e bilancio"]
            measure_table(compare.side_by_side(units, other, stats))
            provenance(doc_ids)
            st.subheader("Struttura dei pesi")
            weights = data.plan_weights(doc_ids) if doc_ids else None
            if weights is None or weights.empty:
                st.info("Nessuna delle unità scelte dichiara pesi da sommare a 100.")
            else:
                figure(charts.plan_weights_bar(weights), "cmp_weights", weights["document_id"])
                table(
                    data.plan_weight_groups(doc_ids)[
                        ["label", "weight_group", "n_items", "weight_sum"]
                    ]
                    .assign(weight_group=lambda d: d["weight_group"].str.replace("_", " "))
                    .rename(
                        columns={
                            "label": "Documento",
                            "weight_group": "Gruppo di pesi",
                            "n_items": "Voci",
                            "weight_sum": "Somma (%)",
                        }
                    ),
                    key="cmp_weight_sums",
                    formats={"Somma (%)": fmt.fmt_pct},
                )
