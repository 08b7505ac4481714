"""Documento sorgente: the lines of a document around one line (highlighted), with the records
read from that line beside them. Opened from the tables (column "Fonte"):
/fonte?doc=<document_id>&riga=<line>."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from dashboards import data, fmt
from dashboards.catalogue import KIND_LABELS
from dashboards.common import marts_section, table

CONTEXT = 12
STATUS = {
    "mapped": "letta in un record",
    "boilerplate": "intestazione o testo fisso",
    "unparsed": "non interpretata",
    "blank": "vuota",
}
FIELDS = {
    "indicator_name": "Indicatore",
    "indicator_code": "Codice indicatore",
    "objective_code": "Codice obiettivo",
    "objective_title": "Obiettivo",
    "year": "Anno",
    "target_raw": "Target (come scritto)",
    "target_kind": "Tipo di target",
    "target_operator": "Operatore",
    "target_value": "Valore target",
    "target_date": "Data target",
    "actual_raw": "Risultato (come scritto)",
    "actual_value": "Valore risultato",
    "reaches_target": "Raggiunge il target",
    "responsabili": "Responsabili",
    "cdr_code": "CDR",
    "project_code": "Progetto",
    "project_name": "Nome del progetto",
    "capitolo": "Capitolo",
    "articolo": "Articolo",
    "capitolo_description": "Descrizione",
    "column_name": "Colonna",
    "flow": "Flusso",
    "nature": "Natura",
    "amount_raw": "Importo (come scritto)",
    "amount_eur": "Importo (€)",
    "budget_raw": "Budget (come scritto)",
    "budget_eur": "Budget (€)",
    "absorption_raw": "% di assorbimento (come scritta)",
    "absorption_pct": "% di assorbimento",
    "indirizzo": "Indirizzo",
    "obiettivo_strategico": "Obiettivo strategico",
    "azione": "Azione",
    "row_kind": "Tipo di riga",
    "person_name": "Persona",
    "role": "Ruolo",
    "allocation_raw": "% di impegno (come scritta)",
    "allocation_pct": "% di impegno",
    "step_code": "Step",
    "description": "Descrizione",
    "deadline_raw": "Termine (come scritto)",
    "deadline": "Termine",
    "weight_in_year_pct": "Peso nell'anno",
    "achievement_raw": "Raggiungimento (come scritto)",
    "achievement_pct": "% di raggiungimento",
    "weight_group": "Gruppo di pesi",
    "item": "Voce",
    "weight_raw": "Peso (come scritto)",
    "weight_pct": "Peso (%)",
    "code": "Codice",
    "title": "Titolo",
    "level": "Livello",
    "objective_type": "Tipo di obiettivo",
    "area_name": "Area",
    "cost_center": "Centro di costo",
    "service": "Servizio",
    "strategic_title": "Obiettivo strategico",
    "operational_title": "Obiettivo operativo",
    "expected_result": "Risultato atteso",
}


VALUES = {
    "target_kind": KIND_LABELS,
    "row_kind": {
        "project": "progetto",
        "totale_azione": "Totale azione",
        "totale_obiettivo": "Totale obiettivo",
        "totale_indirizzo": "Totale indirizzo",
        "totale_cdr": "Totale CDR",
    },
}


def record_fields(df: pd.DataFrame) -> pd.DataFrame:
    """One record's values that a reader knows, as 'Campo' / 'Valore' rows."""
    rows = []
    for _, r in df.iterrows():
        for col, label in FIELDS.items():
            if col in r.index and not fmt.is_missing(r[col]):
                value = r[col]
                if col.endswith("_eur"):
                    value = fmt.fmt_euro(value)
                elif col.endswith("_pct") or col == "weight_in_year_pct":
                    value = fmt.fmt_pct(value, 2)
                elif col in ("deadline", "target_date"):
                    value = fmt.fmt_date(value)
                elif col in VALUES:
                    value = VALUES[col].get(value, value)
                else:
                    value = fmt.fmt_text(value)
                rows.append({"Campo": label, "Valore": value})
        rows.append({"Campo": "", "Valore": ""})
    return pd.DataFrame(rows[:-1], columns=["Campo", "Valore"])


st.title("Documento sorgente")

with marts_section("Documento sorgente"):
    data.require("dim_document", "mart_document_lines")
    doc_id = st.query_params.get("doc", "")
    try:
        line = int(st.query_params.get("riga", "1"))
    except ValueError:
        line = 1
    docs = data.documents_by_id((doc_id,)) if doc_id else pd.DataFrame()
    if docs.empty:
        st.info(
            "Apri questa pagina dalla colonna «Fonte» delle tabelle (Indicatori, Bilancio, "
            "Qualità dei dati): mostra il documento intorno alla riga da cui viene un dato."
        )
    else:
        doc = docs.iloc[0]
        st.subheader(f"{doc['doc_title']}")
        st.caption(
            f"{doc['ente_name']} · {fmt.period(doc['period_start_year'], doc['period_end_year'])} "
            f"· {fmt.plural(doc['lines_total'], 'riga', 'righe')}"
        )
        lines = data.document_lines(doc_id, max(1, line - CONTEXT), line + CONTEXT)
        left, right = st.columns([3, 2])
        with left:
            st.markdown(
                f"**Righe {fmt.fmt_int(max(1, line - CONTEXT))}–{fmt.fmt_int(line + CONTEXT)}** "
                f"(in evidenza la riga {fmt.fmt_int(line)})"
            )
            rows = []
            for r in lines.itertuples():
                mark = ' class="hl"' if r.source_line == line else ""
                rows.append(
                    f"<tr{mark}><td class='n'>{r.source_line}</td>"
                    f"<td><pre>{html.escape(str(r.text or ''))}</pre></td>"
                    f"<td class='s'>{html.escape(STATUS.get(r.status, r.status or ''))}</td></tr>"
                )
            st.html(
                "<style>.src{border-collapse:collapse;width:100%;font-size:13px}"
                ".src td{padding:1px 6px;vertical-align:top;border-bottom:1px solid #eee}"
                ".src td.n{color:#888;text-align:right;width:3.5em}.src td.s{color:#777;"
                "font-size:11px;width:11em}.src pre{margin:0;white-space:pre-wrap;"
                "font-family:'DejaVu Sans Mono',monospace}.src tr.hl td{background:#fff3bf;"
                "font-weight:600}</style><table class='src'>" + "".join(rows) + "</table>"
            )
        with right:
            st.markdown(f"**Che cosa è stato letto dalla riga {fmt.fmt_int(line)}**")
            found = data.records_at(doc_id, line)
            if not found:
                status = lines.set_index("source_line")["status"].get(line)
                st.info(
                    "Nessun record viene da questa riga"
                    + (f": la riga è {STATUS.get(status, status)}." if status else ".")
                )
            for name, df in found:
                st.markdown(f"*{name}*")
                table(record_fields(df), key=f"rec_{name}")
        c1, c2 = st.columns(2)
        if line > CONTEXT + 1:
            c1.page_link(
                "views/fonte.py",
                label="Righe precedenti",
                icon=":material/arrow_upward:",
                query_params={"doc": doc_id, "riga": line - 2 * CONTEXT - 1},
            )
        c2.page_link(
            "views/fonte.py",
            label="Righe successive",
            icon=":material/arrow_downward:",
            query_params={"doc": doc_id, "riga": line + 2 * CONTEXT + 1},
        )
