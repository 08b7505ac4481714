"""Indicatori: the catalogue of every indicator-year with target, result, responsabili,
document and source line, filtered and paged on the server; the CSV/XLSX export downloads
every row the filter selects."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboards import data, fmt
from dashboards.catalogue import KIND_LABELS
from dashboards.common import (
    SOURCE_COLUMN,
    downloads,
    marts_section,
    pager,
    provenance,
    table,
    with_source_links,
)

st.title("Indicatori")
st.caption(
    "Il catalogo di tutti gli indicatori caricati, una riga per indicatore e anno (i "
    "responsabili di un indicatore sono elencati insieme), con target, risultato, documento "
    "e riga del file sorgente. Filtra e scarica la tabella."
)

COLUMNS = {
    "ente_short_name": "Ente",
    "indicator_name": "Indicatore",
    "year": "Anno",
    "target_raw": "Target (come scritto)",
    "tipo_target": "Tipo di target",
    "actual_raw": "Risultato",
    "raggiunto": "Raggiunge il target",
    "source_line": "Riga",
    "Fonte": "Fonte",
    "responsabili": "Responsabile",
    "document_label": "Documento",
    "indicator_code": "Codice indicatore",
    "objective_code": "Codice obiettivo",
    "objective_title": "Obiettivo",
    "dimension": "Dimensione",
    "formula": "Formula",
    "target_operator": "Operatore",
    "target_value": "Valore target",
    "target_date": "Data target",
    "actual_value": "Valore risultato",
    "ente_type": "Tipo ente",
}
KIND_FILTER = {**{k: v for k, v in KIND_LABELS.items()}, "none": "nessun target"}


def shown(rows: pd.DataFrame, links: bool = True) -> pd.DataFrame:
    """Catalogue rows as the reader sees them (Italian columns and values)."""
    out = (with_source_links(rows) if links else rows).assign(
        tipo_target=rows["target_kind"].map(KIND_LABELS),
        raggiunto=rows["reaches_target"].map(
            lambda v: None if fmt.is_missing(v) else ("sì" if v else "no")
        ),
    )
    cols = [c for c in COLUMNS if links or c != "Fonte"]
    out = out[cols].rename(columns=COLUMNS)
    out["Anno"] = pd.to_numeric(out["Anno"], errors="coerce").astype("Int64")
    return out


with marts_section("Indicatori"):
    data.require("dim_ente", "dim_document", "mart_indicator_catalogue")
    enti = data.enti()
    ente_labels = dict(zip(enti["ente_id"], enti["label"], strict=True))
    c1, c2, c3 = st.columns(3)
    sel_enti = c1.multiselect(
        "Ente",
        list(ente_labels),
        format_func=ente_labels.get,
        key="ind_enti",
        placeholder="Tutti gli enti",
    )
    doc_pool = pd.concat([data.documents(e) for e in sel_enti]) if sel_enti else None
    doc_labels = (
        {
            r.document_id: f"{r.doc_title} ({fmt.period(r.period_start_year, r.period_end_year)})"
            for r in doc_pool.itertuples()
        }
        if doc_pool is not None
        else {}
    )
    sel_docs = c2.multiselect(
        "Documento",
        list(doc_labels),
        format_func=doc_labels.get,
        key="ind_docs",
        placeholder="Tutti i documenti" if sel_enti else "Scegli prima un ente",
        disabled=not sel_enti,
    )
    sel_years = c3.multiselect(
        "Anno", data.catalogue_years(), key="ind_years", placeholder="Tutti gli anni"
    )
    c4, c5, c6 = st.columns(3)
    kinds = c4.multiselect(
        "Tipo di target",
        list(KIND_FILTER),
        format_func=KIND_FILTER.get,
        key="ind_kinds",
        placeholder="Tutti i tipi",
    )
    text = c5.text_input(
        "Cerca (indicatore, obiettivo, formula, target)",
        key="ind_q",
        placeholder="es. formazione, ISEE, entro giugno",
    )
    resp = c6.text_input("Responsabile", key="ind_resp")
    only_results = st.checkbox("Solo righe con un risultato riportato", key="ind_results")

    flt = data.IndicatorFilter(
        ente_ids=tuple(sel_enti),
        document_ids=tuple(sel_docs),
        years=tuple(sel_years),
        kinds=tuple(kinds),
        text=text.strip(),
        responsabile=resp.strip(),
        only_results=only_results,
    )
    counts = data.catalogue_counts(flt)
    c = st.columns(4)
    c[0].metric(
        "Indicatori × anno",
        fmt.fmt_int(counts["rows"]),
        help="Righe del catalogo: una per indicatore e anno",
    )
    c[1].metric("Indicatori", fmt.fmt_int(counts["indicators"]))
    c[2].metric(
        "Target",
        fmt.fmt_int(counts["targets"]),
        help="Indicatori × anno con un target: la stessa definizione della pagina Confronto",
    )
    c[3].metric(
        "Risultati",
        fmt.fmt_int(counts["results"]),
        help="Indicatori × anno con un risultato riportato",
    )

    if not counts["rows"]:
        st.info("Nessun indicatore corrisponde ai filtri scelti.")
    else:
        offset = pager(int(counts["rows"]), "ind_page")
        page = shown(data.catalogue_page(flt, offset))
        table(
            page,
            key="ind_table",
            formats={
                "Anno": lambda v: fmt.MISSING if fmt.is_missing(v) else str(int(v)),
                "Riga": lambda v: fmt.MISSING if fmt.is_missing(v) else str(int(v)),
                "Data target": fmt.fmt_date,
            },
            column_config={
                # the columns a reader needs fit a 1440 px screen; the others follow
                "Ente": st.column_config.TextColumn(width=115),
                "Indicatore": st.column_config.TextColumn(width=260),
                "Anno": st.column_config.TextColumn(width=55),
                "Target (come scritto)": st.column_config.TextColumn(width=130),
                "Tipo di target": st.column_config.TextColumn(width=90),
                "Risultato": st.column_config.TextColumn(width=100),
                "Raggiunge il target": st.column_config.TextColumn(width=70),
                "Riga": st.column_config.TextColumn(width=55, alignment="right"),
                "Fonte": SOURCE_COLUMN,
                "Documento": st.column_config.TextColumn(width="medium"),
            },
        )
        downloads(
            lambda: shown(data.catalogue_export(flt), links=False),
            "indicatori",
            "ind_dl",
            "Indicatori",
        )
        st.caption(
            f"Lo scaricamento contiene tutte le {fmt.plural(counts['rows'], 'riga', 'righe')} "
            "selezionate dai filtri."
        )
    provenance(None if flt == data.IndicatorFilter() else data.catalogue_documents(flt))
