"""Andamento: an ente's targets and results across years and plan editions, indicators
matched across editions, and a printable summary for the Forum degli assessori."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from dashboards import (
    assessment,
    catalogue,
    charts,
    compare,
    data,
    exports,
    fmt,
    forum,
    matching,
    quality,
    trends,
)
from dashboards.common import ente_picker, figure, marts_section, measure_table, provenance

st.title("Andamento")
st.caption(
    "Target e risultati di un ente anno per anno e tra edizioni successive dei suoi piani; "
    "in fondo, una sintesi stampabile per il Forum degli assessori."
)

with marts_section("Andamento"):
    data.require("dim_ente", "dim_document")
    ente_id = ente_picker(key="and_ente")
    if ente_id:
        enti = data.enti().set_index("ente_id")
        ente_name = str(enti.loc[ente_id, "ente_name"])
        docs = data.documents(ente_id)
        doc_ids = docs["document_id"].tolist()
        years = data.indicator_years(ente_id)
        steps = data.objective_steps(ente_id)

        st.subheader("Target e risultati per anno")
        if years.empty and steps.empty:
            st.info("Nessun target per anno e nessuno step per questo ente.")
        if not years.empty:
            figure(
                charts.targets_by_year_bar(trends.targets_by_year(years)),
                "and_years",
                years["document_id"].unique(),
                note="Target contati una volta per indicatore e anno",
            )
            st.dataframe(trends.year_summary(years), hide_index=True, key="and_year_table")
        if not steps.empty:
            st.caption("Step dello stato di attuazione per anno del termine")
            figure(
                charts.steps_by_deadline_bar(trends.steps_by_deadline(steps)),
                "and_steps",
                steps["document_id"].unique(),
            )

        st.subheader("Edizioni del piano a confronto")
        ind = data.indicators_of_ente(ente_id)
        editions = (
            ind.drop_duplicates("document_id").sort_values("period_start_year")
            if not ind.empty
            else ind
        )
        matches = None
        threshold = matching.MATCH_THRESHOLD
        if len(editions) < 2:
            st.info(
                "Per questo ente è caricata una sola edizione di piano con indicatori: il "
                "confronto tra edizioni richiede almeno due documenti dello stesso ente "
                "(nel campione: ASC InSieme 2021-2023 e 2025-2027)."
            )
        else:
            ed_labels = {
                r.document_id: f"{r.doc_title} ({r.period_start_year}-{r.period_end_year})"
                for r in editions.itertuples()
            }
            ed_ids = list(ed_labels)
            c1, c2, c3 = st.columns([2, 2, 1])
            doc_a = c1.selectbox(
                "Prima edizione", ed_ids, index=0, format_func=ed_labels.get, key="and_doc_a"
            )
            doc_b = c2.selectbox(
                "Seconda edizione",
                ed_ids,
                index=len(ed_ids) - 1,
                format_func=ed_labels.get,
                key="and_doc_b",
            )
            threshold = c3.slider(
                "Soglia di somiglianza",
                0.2,
                0.9,
                matching.MATCH_THRESHOLD,
                0.05,
                key="and_threshold",
            )
            st.caption(
                "Gli indicatori sono abbinati per codice quando il codice li identifica (non un "
                "semplice numero d'ordine nella scheda), altrimenti per titolo: somiglianza = "
                "media tra l'indice di Jaccard delle radici delle parole (prime 6 lettere, "
                "senza parole vuote né accenti) e il rapporto difflib dei titoli normalizzati; "
                f"abbinamento uno a uno dal punteggio più alto, se ≥ soglia (predefinita "
                f"{fmt.fmt_number(matching.MATCH_THRESHOLD, 2)}). Gli abbinamenti per titolo sono "
                "candidati da verificare: il punteggio è mostrato per giudicarli."
            )
            matches = matching.match_indicators(
                ind[ind["document_id"] == doc_a], ind[ind["document_id"] == doc_b], threshold
            )
            c = st.columns(4)
            c[0].metric("Indicatori prima edizione", int((ind["document_id"] == doc_a).sum()))
            c[1].metric("Indicatori seconda edizione", int((ind["document_id"] == doc_b).sum()))
            c[2].metric("Abbinati per codice", int((matches["method"] == "codice").sum()))
            c[3].metric("Abbinati per titolo", int((matches["method"] == "titolo").sum()))
            table = trends.matches_table(matches, years)
            if table.empty:
                st.info("Nessun abbinamento sopra la soglia scelta.")
            else:
                st.dataframe(
                    table,
                    hide_index=True,
                    key="and_matches",
                    column_config={
                        "Somiglianza": st.column_config.ProgressColumn(
                            min_value=0.0, max_value=1.0, format="%.2f"
                        ),
                        "Indicatore (prima edizione)": st.column_config.TextColumn(width="medium"),
                        "Indicatore (seconda edizione)": st.column_config.TextColumn(
                            width="medium"
                        ),
                    },
                )
            st.markdown("**Target numerici delle coppie abbinate, anno per anno**")
            figure(
                charts.matched_targets_line(trends.matched_numeric_targets(matches, years)),
                "and_matched",
                [doc_a, doc_b],
            )
            st.markdown("**Le due edizioni a confronto**")
            base = data.document_base_counts()
            two = compare.unit_measures(
                base[base["document_id"].isin([doc_a, doc_b])],
                data.result_rows(),
                steps,
                "document",
            )
            measure_table(compare.side_by_side(two, catalogue.FORUM_KEYS))
            provenance([doc_a, doc_b])

        st.subheader("Sintesi per il Forum")
        base = data.document_base_counts()
        all_enti = compare.unit_measures(base, data.result_rows(), data.objective_steps(), "ente")
        doc_units = compare.unit_measures(
            base[base["ente_id"] == ente_id], data.result_rows(), steps, "document"
        )
        per_obj = assessment.step_achievement(steps)
        sections = forum.forum_sections(
            ente_name,
            docs,
            doc_units,
            compare.ente_vs_peers(all_enti, ente_id, catalogue.FORUM_KEYS),
            trends.matches_table(matches, years) if matches is not None else None,
            threshold,
            assessment.overall_achievement(per_obj),
            quality.dq_status_line(data.dq_counts(tuple(doc_ids))),
        )
        title = f"Osservatorio piani – {fmt.short_name(ente_name)}"
        runs = data.load_runs()
        updated = runs.iloc[0]["finished_at"].strftime("%d/%m/%Y") if not runs.empty else "—"
        footer = (
            f"Sintesi generata il {datetime.now():%d/%m/%Y} dai dati aggiornati al {updated}. "
            + quality.source_line(docs.assign(ente_name=ente_name))
        )
        md = exports.summary_markdown(title, sections, footer)
        html = exports.summary_html(title, sections, footer)
        slug = ente_id.replace("/", "-")
        c1, c2, c3 = st.columns([1, 1, 2])
        c1.download_button(
            "Scarica sintesi (HTML)",
            html.encode("utf-8"),
            file_name=f"sintesi-{slug}.html",
            mime="text/html",
            key="and_html",
            icon=":material/download:",
        )
        c2.download_button(
            "Scarica sintesi (Markdown)",
            md.encode("utf-8"),
            file_name=f"sintesi-{slug}.md",
            mime="text/markdown",
            key="and_md",
            icon=":material/download:",
        )
        if c3.toggle("Mostra la sintesi per la stampa", key="and_print"):
            st.caption(
                "Usa «Stampa» del browser (Ctrl+P): barra laterale e pulsanti non vengono "
                "stampati. Il file HTML è già impaginato per la stampa."
            )
            with st.container(border=True):
                st.markdown(md)
