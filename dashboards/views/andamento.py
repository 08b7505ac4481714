"""Andamento: an ente's targets and results across years and plan editions, the indicators
followed from one edition to the next (same code, or a pair a person confirmed), and a
printable summary for the Forum degli assessori (HTML, Markdown, one-page PDF)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from dashboards import catalogue, charts, compare, data, exports, fmt, forum, quality
from dashboards.common import (
    PRINT_ONLY_SUMMARY_CSS,
    area_filter,
    area_name,
    ente_picker,
    figure,
    marts_section,
    measure_table,
    provenance,
    table,
)

STATUS_HELP = {
    "stesso codice": "stesso codice identificativo nelle due edizioni",
    "confermato": "titoli diversi, confermati come lo stesso indicatore da una persona",
    "da verificare": "titoli molto simili e target dello stesso tipo: serve una conferma",
    "respinto": "una persona ha stabilito che sono indicatori diversi",
}

st.title("Andamento")
st.caption(
    "Target e risultati di un ente anno per anno e tra edizioni successive dei suoi piani; "
    "in fondo, una sintesi stampabile per il Forum degli assessori."
)


def pairs_frame(pairs: pd.DataFrame, ind_years: pd.DataFrame) -> pd.DataFrame:
    """The pairs of two editions as the table (and the Forum summary) shows them."""
    if pairs.empty:
        columns = ["Stato", "Indicatore (prima edizione)", "Indicatore (seconda edizione)"]
        return pd.DataFrame(columns=[*columns, "Nota"])
    return pd.DataFrame(
        {
            "Stato": pairs["status"],
            "Indicatore (prima edizione)": pairs["name_a"],
            "Target (prima edizione)": [
                targets_text(ind_years, i) for i in pairs["indicator_id_a"]
            ],
            "Indicatore (seconda edizione)": pairs["name_b"],
            "Target (seconda edizione)": [
                targets_text(ind_years, i) for i in pairs["indicator_id_b"]
            ],
            "Nota": pairs["note"],
        }
    )


def targets_text(years: pd.DataFrame, indicator_id: str) -> str:
    """'2021: 2 · 2022: >95%' for one indicator (targets as written)."""
    sel = years[(years["indicator_id"] == indicator_id) & years["target_raw"].notna()]
    return " · ".join(f"{int(r.year)}: {r.target_raw}" for r in sel.itertuples())


@st.cache_data(show_spinner=False, max_entries=64)
def summary_pdf(html: str) -> bytes | str:
    try:
        return exports.summary_pdf(html)
    except exports.PdfUnavailable as exc:
        return str(exc)


with marts_section("Andamento"):
    data.require("dim_ente", "dim_document")
    measures = catalogue.measures(data.measure_catalogue())
    by_key = {m.key: m for m in measures}
    c1, c2 = st.columns([3, 2])
    with c1:
        ente_id = ente_picker(key="and_ente")
    with c2:
        area = area_filter(
            "and_area",
            help="Limita target, risultati, step e indicatori seguiti tra le edizioni a quelli "
            "di un'area di intervento.",
        )
    if ente_id:
        ente = data.ente_measures(ente_id)
        ente_name = str(ente["ente_name"]) if ente is not None else ente_id
        docs = data.documents(ente_id)
        doc_ids = docs["document_id"].tolist()
        # the whole plan for the Forum summary; the area's rows for the charts when one is chosen
        plan_years = data.targets_by_year(ente_id)
        years = data.area_targets_by_year(ente_id, area) if area else plan_years
        steps = (
            data.area_steps_by_deadline(ente_id, area) if area else data.steps_by_deadline(ente_id)
        )
        if area:
            st.info(
                f"Area «{area_name(area)}»: target e risultati degli indicatori e step degli "
                "obiettivi che hanno quest'area come area principale; tra le edizioni, le "
                "coppie di indicatori di cui almeno uno è nell'area. La sintesi per il Forum, "
                "in fondo, riguarda sempre l'intero piano."
            )

        st.subheader("Target e risultati per anno")
        if years.empty and steps.empty:
            st.info(
                "Nessun target per anno e nessuno step per questo ente"
                + (" in quest'area." if area else ".")
            )
        if not years.empty:
            figure(
                charts.targets_results_by_year(years),
                "and_years",
                years["document_id"].unique(),
                note="Target e risultati contati una volta per indicatore e anno",
            )
            table(
                forum.year_table(years),
                key="and_year_table",
                formats={"Anno": str, "Misurabili (%)": fmt.fmt_pct},
            )
        if not steps.empty:
            st.caption("Step dello stato di attuazione per anno del termine")
            figure(charts.steps_by_deadline_bar(steps), "and_steps", steps["document_id"].unique())

        st.subheader("Edizioni del piano a confronto")
        editions = data.document_measures(ente_id)
        editions = editions[editions["n_indicators"] > 0]
        forum_pairs = None
        if len(editions) < 2:
            st.info(
                "Per questo ente è caricata una sola edizione di piano con indicatori: il "
                "confronto tra edizioni richiede almeno due documenti dello stesso ente "
                "(nel campione: ASC InSieme 2021-2023 e 2025-2027)."
            )
        else:
            ed_labels = {
                r.document_id: f"{r.doc_title} "
                f"({fmt.period(r.period_start_year, r.period_end_year)})"
                for r in editions.itertuples()
            }
            ed_ids = list(ed_labels)
            c1, c2 = st.columns(2)
            doc_a = c1.selectbox(
                "Prima edizione", ed_ids[:-1], index=0, format_func=ed_labels.get, key="and_doc_a"
            )
            later = [d for d in ed_ids if ed_ids.index(d) > ed_ids.index(doc_a)]
            doc_b = c2.selectbox(
                "Seconda edizione",
                later,
                index=len(later) - 1,
                format_func=ed_labels.get,
                key="and_doc_b",
            )
            pairs = data.indicator_pairs(doc_a, doc_b, area)
            if area:
                area_docs = data.area_unit_rows("document", (doc_a, doc_b), area)
                n_ind = area_docs.set_index("unit_id")["n_indicators"]
                ind_label = "Indicatori dell'area, {} edizione"
            else:
                n_ind = editions.set_index("document_id")["n_indicators"]
                ind_label = "Indicatori {} edizione"
            c = st.columns(5)
            c[0].metric(ind_label.format("prima"), fmt.fmt_int(n_ind.get(doc_a)))
            c[1].metric(ind_label.format("seconda"), fmt.fmt_int(n_ind.get(doc_b)))
            for col, status in zip(
                c[2:], ["stesso codice", "confermato", "da verificare"], strict=True
            ):
                col.metric(
                    status.capitalize(),
                    fmt.fmt_int((pairs["status"] == status).sum()),
                    help=STATUS_HELP[status],
                )
            st.caption(
                "Un indicatore è seguito da un'edizione all'altra quando ha lo stesso codice "
                "identificativo (non un semplice numero d'ordine nella scheda). Due indicatori "
                "con titoli molto simili e target dello stesso tipo e unità sono proposti "
                "«da verificare»: diventano una serie solo quando una persona dell'Osservatorio "
                "li conferma nel file delle conferme (indicator_pair_decisions), che resta "
                "valido a ogni aggiornamento. Si propongono solo coppie di indicatori della "
                "stessa area di intervento; due indicatori con lo stesso codice ma aree diverse "
                "restano «da verificare»."
            )
            ind_years = data.indicator_years(
                tuple(pairs["indicator_id_a"]) + tuple(pairs["indicator_id_b"])
            )
            pairs_table = pairs_frame(pairs, ind_years)
            if area:  # the Forum summary is about the whole plan
                all_pairs = data.indicator_pairs(doc_a, doc_b)
                forum_pairs = pairs_frame(
                    all_pairs,
                    data.indicator_years(
                        tuple(all_pairs["indicator_id_a"]) + tuple(all_pairs["indicator_id_b"])
                    ),
                )
            else:
                forum_pairs = pairs_table
            if pairs.empty:
                st.info(
                    "Nessun indicatore delle due edizioni ha lo stesso codice né un titolo "
                    "abbastanza simile con target dello stesso tipo: nessuna serie da seguire."
                )
            else:
                table(
                    pairs_table,
                    key="and_matches",
                    column_config={
                        "Indicatore (prima edizione)": st.column_config.TextColumn(width="medium"),
                        "Indicatore (seconda edizione)": st.column_config.TextColumn(
                            width="medium"
                        ),
                    },
                )
                todo = pairs[pairs["status"] == "da verificare"]
                if not todo.empty:
                    lines = todo[["indicator_id_a", "indicator_id_b"]].assign(
                        decision="",
                        name_a=todo["name_a"],
                        name_b=todo["name_b"],
                        decided_by="",
                        decided_on="",
                        note="",
                    )
                    st.download_button(
                        "Scarica le coppie da verificare",
                        lines.to_csv(index=False).encode("utf-8"),
                        file_name=f"coppie-da-verificare-{ente_id}.csv",
                        mime="text/csv",
                        key="and_todo",
                        icon=":material/download:",
                        help="Righe da completare (decision: confermato o respinto) e aggiungere "
                        "a dbt_project/seeds/indicator_pair_decisions.csv",
                        on_click="ignore",
                    )
            st.markdown("**Indicatori seguiti tra le edizioni: target e risultati anno per anno**")
            drawn = pairs[pairs["drawn_as_series"]]
            series = []
            for i, p in enumerate(drawn.itertuples(), start=1):
                label = f"{i}. {fmt.short_name(p.name_b)[:40]}"
                for ind in (p.indicator_id_a, p.indicator_id_b):
                    sel = ind_years[(ind_years["indicator_id"] == ind)]
                    sel = sel[sel["target_kind"].isin(["number", "percent"])]
                    for r in sel.itertuples():
                        series.append(
                            {
                                "pair": label,
                                "year": int(r.year),
                                "edition": fmt.period(r.period_start_year, r.period_end_year),
                                "target_value": r.target_value,
                                "target_raw": r.target_raw,
                                "actual_value": r.actual_value,
                                "actual_raw": r.actual_raw,
                            }
                        )
            if series:
                figure(
                    charts.paired_series_line(pd.DataFrame(series)), "and_matched", [doc_a, doc_b]
                )
            else:
                st.caption("Nessun indicatore seguito tra le due edizioni con valori numerici.")
            st.markdown("**Le due edizioni a confronto**")
            if area:
                measure_table(
                    compare.side_by_side(
                        data.area_unit_rows("document", (doc_a, doc_b), area),
                        catalogue.measures(data.area_measure_catalogue()),
                        data.area_stats("document", area),
                    )
                )
            else:
                two = data.unit_measures("document", (doc_a, doc_b))
                stats = data.measure_stats("document")
                measure_table(
                    compare.side_by_side(two, [by_key[k] for k in catalogue.FORUM_KEYS], stats)
                )
            provenance([doc_a, doc_b])

        st.subheader("Sintesi per il Forum")
        ed_units = data.unit_measures("document", tuple(doc_ids))
        ed_table = (
            compare.side_by_side(
                ed_units,
                [by_key[k] for k in catalogue.FORUM_KEYS],
                data.measure_stats("document"),
                with_definition=False,
            ).drop(columns=["Mediana", "Min – max"])
            if not ed_units.empty
            else None
        )
        peers = (
            forum.peers_table(
                ente, data.measure_stats("ente"), [by_key[k] for k in catalogue.FORUM_KEYS]
            )
            if ente is not None
            else None
        )
        achievement = ente["weighted_achievement"] if ente is not None else None
        sections = forum.forum_sections(
            ente_name,
            docs,
            plan_years,
            ed_table,
            peers,
            achievement,
            forum_pairs.drop(columns=["Nota"]) if forum_pairs is not None else None,
            quality.dq_status_line(data.dq_counts(tuple(doc_ids))),
        )
        title = f"Osservatorio piani – {fmt.short_name(ente_name)}"
        last = data.last_run()
        footer = (
            f"Sintesi generata il {fmt.fmt_date(datetime.now())} dai dati aggiornati al "
            f"{fmt.fmt_date(last['finished_at']) if last is not None else '—'}. "
            + quality.source_line(docs)
        )
        md = exports.summary_markdown(title, sections, footer)
        html = exports.summary_html(title, sections, footer)
        slug = ente_id.replace("/", "-")
        c1, c2, c3, c4 = st.columns([1, 1, 1, 2])
        c1.download_button(
            "Scarica sintesi (PDF)",
            lambda: pdf if isinstance(pdf := summary_pdf(html), bytes) else b"",
            file_name=f"sintesi-{slug}.pdf",
            mime="application/pdf",
            key="and_pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            help="Una pagina A4 per l'ente (WeasyPrint)",
        )
        for col, (label, payload, ext, mime) in zip(
            (c2, c3),
            [("HTML", html, "html", "text/html"), ("Markdown", md, "md", "text/markdown")],
            strict=True,
        ):
            col.download_button(
                f"Scarica sintesi ({label})",
                payload.encode("utf-8"),
                file_name=f"sintesi-{slug}.{ext}",
                mime=mime,
                key=f"and_{ext}",
                icon=":material/download:",
                on_click="ignore",
            )
        if c4.toggle("Mostra la sintesi per la stampa", key="and_print"):
            st.html(PRINT_ONLY_SUMMARY_CSS)
            st.caption(
                "Usa «Stampa» del browser (Ctrl+P): viene stampata solo la sintesi. Il PDF è "
                "già impaginato su una pagina."
            )
            with st.container(border=True, key="forum_summary"):
                st.markdown(md)
                if not plan_years.empty:  # the summary's chart (the PDF draws it as SVG)
                    st.plotly_chart(
                        charts.targets_results_by_year(plan_years),
                        key="and_print_chart",
                        config={"displaylogo": False, "staticPlot": True},
                    )
