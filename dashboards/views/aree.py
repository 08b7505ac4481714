"""Aree di intervento: how much of each ente's plan and PEG spending goes to each policy area
(the programmi of Missione 12 of the harmonised budget, Missione 1, the other missioni),
against the median of the enti; the areas x enti matrix; the objectives, indicators (with
their targets) and budget lines of one ente in one area, each with its source line. Every
figure is a ready row of the policy marts (defined once, in dbt)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboards import areas, charts, data, fmt
from dashboards.common import (
    BUDGET_FORMATS,
    SOURCE_COLUMN,
    downloads,
    ente_picker,
    figure,
    marts_section,
    pager,
    provenance,
    table,
    with_source_links,
)

st.title("Aree di intervento")
st.caption(
    "Quanta parte del piano e del bilancio di ogni ente riguarda ciascuna area di intervento: "
    "i programmi della Missione 12 «Diritti sociali, politiche sociali e famiglia» del "
    "bilancio armonizzato (D.Lgs. 118/2011), la Missione 1 e le altre missioni. Ogni "
    "obiettivo, indicatore e riga di bilancio ha un'area principale: dichiarata dal "
    "documento, ereditata dall'obiettivo superiore o assegnata da una regola sulle parole "
    "del testo (vedi «Come si assegna l'area» in fondo alla pagina)."
)
RANK_PAGE = 25
ORDERS = {
    "objectives_share_pct": "Quota degli obiettivi",
    "n_objectives": "Numero di obiettivi nell'area",
    "spese_share_pct": "Quota della spesa",
    "label": "Nome dell'ente",
}
LINE_FORMAT = {"Riga": lambda v: fmt.MISSING if fmt.is_missing(v) else str(int(v))}
HOW_IT_WORKS = """
Ogni obiettivo riceve **un'area principale** e al più una **area secondaria**, in quest'ordine:

1. **dichiarato dal documento**: il piano scrive la missione e il programma (il PIAO sopra i suoi
   obiettivi, la tabella di raccordo dello stato di attuazione). Missione 1 → Servizi
   istituzionali e di gestione; Missione 12 con un programma da 01 a 09 → quell'area; le altre
   missioni → Altra missione;
2. **ereditato dall'obiettivo superiore** quando l'obiettivo non dice a chi si rivolge (un
   obiettivo di razionalizzazione della spesa sotto il progetto «Servizi per la residenzialità
   minori» è nell'area Infanzia e minori);
3. **regola**: le parole del titolo (e, a parità, del servizio, delle descrizioni, degli
   indicatori, delle azioni e dei capitoli) indicano l'area; le parole trovate sono elencate
   accanto a ogni obiettivo. Quando le parole riguardano almeno tre gruppi di utenti insieme,
   l'obiettivo è della rete dei servizi (Programmazione e governo della rete);
4. **non classificato** quando né il documento né una regola dicono nulla.

Gli **indicatori** prendono l'area del loro obiettivo; un indicatore che nomina un altro gruppo
di utenti la tiene come area secondaria. Le **righe di bilancio** prendono l'area del progetto
sotto cui sono elencate: un importo non è mai diviso tra due aree, e per ogni ente le aree
sommano esattamente le spese del PEG.

Le regole sono in un file che l'Osservatorio può correggere (`policy_rules.csv`, vedi la guida
in `docs/POLICY_AREAS.md`); la pagina Documentazione descrive ogni tabella.
"""


def _drill_table(
    total: int,
    key: str,
    page: Callable[[int], pd.DataFrame],
    export: Callable[[], pd.DataFrame],
    view: Callable[[pd.DataFrame], pd.DataFrame],
    basename: str,
    sheet: str,
    column_config: dict,
    formats: dict | None = None,
) -> None:
    """One page of a drill-down list (rows paged on the server) with links to the source lines
    and the CSV/XLSX download of every row of the list."""
    first = pager(total, f"{key}_page")
    table(
        view(with_source_links(page(first))),
        key=f"{key}_table",
        formats={**LINE_FORMAT, **(formats or {})},
        column_config={**column_config, "Fonte": SOURCE_COLUMN},
    )
    downloads(lambda: view(export()).drop(columns=["Fonte"]), basename, f"{key}_dl", sheet)


def _gap(value: object, median: object) -> str | None:
    """'+1,0 punti dalla mediana', or None when either is missing."""
    if not (fmt.finite(value) and fmt.finite(median)):
        return None
    return fmt.fmt_points(float(value) - float(median)) + " dalla mediana"  # type: ignore[arg-type]


def _ente_metrics(row) -> None:
    c = st.columns(4)
    c[0].metric(
        "Obiettivi nell'area",
        f"{fmt.fmt_int(row['n_objectives'])} su {fmt.fmt_int(row['n_objectives_total'])}",
    )
    c[1].metric(
        "Quota degli obiettivi",
        fmt.fmt_pct(row["objectives_share_pct"]),
        delta=_gap(row["objectives_share_pct"], row["median_objectives_share_pct"]),
        delta_color="off",
        help=f"Mediana degli enti: {fmt.fmt_pct(row['median_objectives_share_pct'])}",
    )
    c[2].metric("Spesa nell'area", fmt.fmt_euro(row["spese_eur"]))
    c[3].metric(
        "Quota della spesa",
        fmt.fmt_pct(row["spese_share_pct"]),
        delta=_gap(row["spese_share_pct"], row["median_spese_share_pct"]),
        delta_color="off",
        help="Mediana degli enti con un bilancio per capitoli: "
        f"{fmt.fmt_pct(row['median_spese_share_pct'])}",
    )


with marts_section("Aree di intervento"):
    data.require(
        "dim_ente", "dim_document", "dim_policy_area", "mart_policy_area_unit",
        "mart_policy_area_stats",
    )  # fmt: skip
    area_rows = data.policy_areas()
    labels = areas.area_labels(area_rows)
    codes = list(labels)
    by_code = area_rows.set_index("policy_area")
    area = st.selectbox(
        "Area di intervento",
        codes,
        index=codes.index(areas.DEFAULT_AREA) if areas.DEFAULT_AREA in codes else 0,
        format_func=labels.get,
        key="aree_area",
        help="Le aree sono i programmi della Missione 12 del bilancio armonizzato, la "
        "Missione 1 e le altre missioni.",
    )
    name = labels[area]
    st.caption(f"{areas.area_help(by_code.loc[area])}. {by_code.loc[area, 'description']}")

    stats = data.area_stats("ente", area)
    s = stats.set_index("measure_key")
    n_enti = int(s.loc["n_objectives", "n_units"]) if not stats.empty else 0
    c = st.columns(4)
    c[0].metric(
        "Enti con obiettivi nell'area",
        f"{fmt.fmt_int(s.loc['n_objectives', 'n_units_positive'])} su {fmt.fmt_int(n_enti)}"
        if n_enti
        else fmt.MISSING,
    )
    c[1].metric(
        "Mediana della quota di obiettivi",
        fmt.fmt_pct(s.loc["objectives_share_pct", "median_value"]) if n_enti else fmt.MISSING,
        help="Su tutti gli enti del magazzino, anche quelli senza obiettivi nell'area (0 %)",
    )
    c[2].metric(
        "Enti con un bilancio per capitoli",
        fmt.fmt_int(s.loc["spese_share_pct", "n_units_with_value"]) if n_enti else fmt.MISSING,
    )
    c[3].metric(
        "Mediana della quota di spesa",
        fmt.fmt_pct(s.loc["spese_share_pct", "median_value"]) if n_enti else fmt.MISSING,
        help="Sugli enti con un bilancio per capitoli",
    )
    st.markdown(areas.overview_sentence(stats, name))

    # --- the area in every ente ----------------------------------------------------------
    st.subheader(f"«{name}» in ogni ente")
    c1, c2 = st.columns(2)
    types = sorted(set(data.enti()["ente_type"].dropna()))
    ente_type = c1.selectbox(
        "Tipo di ente",
        ["", *types],
        format_func=lambda t: t or "Tutti i tipi",
        key="aree_type",
    )
    order = c2.selectbox("Ordina per", list(ORDERS), format_func=ORDERS.get, key="aree_order")
    n_rows = data.area_units_count("ente", area, ente_type or None)
    offset = pager(n_rows, "aree_page", page_size=RANK_PAGE)
    page = data.area_units_page("ente", area, offset, RANK_PAGE, order, ente_type or None)
    if page.empty:
        st.info("Nessun ente di questo tipo nel magazzino.")
    else:
        page_docs = data.unit_documents("ente", tuple(page["unit_id"]))
        figure(
            charts.area_share_bars(
                page,
                name,
                s.loc["objectives_share_pct", "median_value"],
                s.loc["spese_share_pct", "median_value"],
            ),
            "aree_bars",
            page_docs,
            note="Linee tratteggiate: mediana di tutti gli enti (per la spesa, degli enti con "
            "un bilancio per capitoli). Obiettivi a ogni livello del piano; spesa: righe di "
            "bilancio del PEG dei progetti dell'area",
        )
        table(
            areas.units_table(page),
            key="aree_units",
            formats=areas.UNIT_FORMATS,
            column_config={"Ente": st.column_config.TextColumn(width="medium")},
        )
        downloads(
            lambda: areas.units_table(
                data.area_units_page("ente", area, 0, 1_000_000, order, ente_type or None)
            ),
            f"area-{area}-enti",
            "aree_units_dl",
            "Enti",
        )

    # --- the areas x enti matrix ---------------------------------------------------------
    st.subheader("Tutte le aree, ente per ente")
    n_all = data.unit_count("ente")
    search = ""
    if n_all > data.UNIT_OPTIONS:
        search = st.text_input(
            f"Cerca tra {fmt.plural(n_all, 'ente', 'enti')}", key="aree_matrix_search"
        ).strip()
    offered = data.units("ente", text=search)
    ente_labels = dict(zip(offered["unit"], offered["label"], strict=False))
    # the enti of the list above are offered whatever the search (the default choice)
    ente_labels.update(zip(page["unit_id"], page["label"], strict=False))
    kept = [u for u in st.session_state.get("aree_matrix_enti", []) if u not in ente_labels]
    if kept:
        extra = data.unit_measures("ente", tuple(kept))
        ente_labels.update(zip(extra["unit"], extra["label"], strict=False))
    c1, c2 = st.columns([3, 2])
    chosen = c1.multiselect(
        "Enti nella tabella",
        list(ente_labels),
        default=None if "aree_matrix_enti" in st.session_state else list(page["unit_id"][:10]),
        format_func=ente_labels.get,
        key="aree_matrix_enti",
        placeholder="Scegli gli enti (scrivi per cercare)",
    )
    value = c2.radio(
        "Valore",
        list(charts.MATRIX_VALUES),
        format_func=lambda v: charts.MATRIX_VALUES[v][0],
        key="aree_matrix_value",
    )
    matrix = data.area_matrix(tuple(chosen)) if chosen else None
    medians = data.area_medians()
    med = medians[medians["measure_key"] == value]
    figure(
        charts.area_matrix_heatmap(
            matrix, value, labels, dict(zip(med["policy_area"], med["median_value"], strict=True))
        ),
        "aree_matrix",
        data.unit_documents("ente", tuple(chosen)) if chosen else (),
        note="Ultima riga: mediana di tutti gli enti del magazzino. «—»: l'ente non ha un "
        "bilancio per capitoli",
    )

    # --- one ente in the area ----------------------------------------------------------------
    st.subheader(f"Un ente nell'area «{name}»")
    top = data.area_units_page("ente", area, 0, 1, "n_objectives")
    ente_id = ente_picker(
        key="aree_ente", default=top["unit_id"].iloc[0] if not top.empty else None
    )
    if ente_id:
        one = data.area_unit_rows("ente", (ente_id,), area)
        docs = data.documents(ente_id)
        doc_ids = tuple(docs["document_id"])
        if one.empty:
            st.info("Questo ente non ha documenti con obiettivi o indicatori.")
        else:
            row = one.iloc[0]
            with st.container(border=True):
                st.markdown(areas.ente_sentence(row, name, n_enti))
                _ente_metrics(row)
            provenance(doc_ids)
        secondary = st.toggle(
            "Includi anche obiettivi e indicatori che hanno l'area come area secondaria",
            key="aree_secondary",
        )
        flt = data.AreaFilter(ente_id, area, secondary)
        tab_obj, tab_ind, tab_bud, tab_how = st.tabs(
            ["Obiettivi", "Indicatori e target", "Righe di bilancio", "Come si assegna l'area"]
        )
        with tab_obj, marts_section("Obiettivi dell'area"):
            n_obj = data.area_objectives_count(flt)
            if not n_obj:
                st.info(f"Nessun obiettivo di questo ente è nell'area «{name}».")
            else:
                _drill_table(
                    n_obj,
                    "aree_obj",
                    lambda first: data.area_objectives_page(flt, first),
                    lambda: data.area_objectives_export(flt),
                    lambda rows: areas.objectives_view(rows, area, labels),
                    f"obiettivi-{area}-{ente_id}",
                    "Obiettivi",
                    {
                        "Obiettivo": st.column_config.TextColumn(width="large"),
                        "Come è assegnata": st.column_config.TextColumn(width="medium"),
                    },
                )
        with tab_ind, marts_section("Indicatori dell'area"):
            counts = data.area_indicators_count(flt)
            c = st.columns(3)
            c[0].metric("Indicatori", fmt.fmt_int(counts["indicators"]))
            c[1].metric("Indicatori × anno", fmt.fmt_int(counts["rows"]))
            c[2].metric("Target", fmt.fmt_int(counts["targets"]))
            if not counts["rows"]:
                st.info(
                    f"Nessun indicatore di questo ente è nell'area «{name}»"
                    + ("." if secondary else ": prova a includere l'area secondaria.")
                )
            else:
                _drill_table(
                    int(counts["rows"]),
                    "aree_ind",
                    lambda first: data.area_indicators_page(flt, first),
                    lambda: data.area_indicators_export(flt),
                    lambda rows: areas.indicators_view(rows, area, labels),
                    f"indicatori-{area}-{ente_id}",
                    "Indicatori",
                    {
                        "Indicatore": st.column_config.TextColumn(width="large"),
                        "Obiettivo": st.column_config.TextColumn(width="medium"),
                    },
                    {"Anno": lambda v: fmt.MISSING if fmt.is_missing(v) else str(int(v))},
                )
        with tab_bud, marts_section("Bilancio dell'area"):
            n_lines = data.area_budget_lines_count(flt)
            if one.empty or fmt.is_missing(one.iloc[0]["spese_total_eur"]):
                st.info(
                    "I documenti di questo ente non riportano un bilancio per capitoli: la "
                    "spesa per area non si può calcolare."
                )
            elif not n_lines:
                st.info(f"Nessuna riga di bilancio di questo ente è nell'area «{name}».")
            else:
                st.markdown("**Per anno, flusso e natura**")
                table(
                    areas.budget_years_view(data.area_budget_by_year(ente_id, area)),
                    key="aree_budget_years",
                    formats={
                        "Importo (€)": fmt.fmt_euro,
                        "Quota del flusso e della natura": fmt.fmt_pct,
                    },
                )
                st.caption(
                    "La quota è sul totale dell'ente per lo stesso anno, flusso e natura: "
                    "entrate e spese non sono mai sommate tra loro."
                )
                st.markdown("**Righe di bilancio (capitoli e articoli)**")
                _drill_table(
                    n_lines,
                    "aree_bud",
                    lambda first: data.area_budget_lines_page(flt, first),
                    lambda: data.area_budget_lines_page(flt, 0, 1_000_000),
                    areas.budget_lines_view,
                    f"bilancio-{area}-{ente_id}",
                    "Righe di bilancio",
                    {"Descrizione": st.column_config.TextColumn(width="large")},
                    BUDGET_FORMATS,
                )
        with tab_how:
            st.markdown(HOW_IT_WORKS)
