"""Data-quality labels, status lines and the table of check results."""

from __future__ import annotations

import pandas as pd

from dashboards.fmt import is_missing, short_name, tidy_number_text


def dq_status_line(counts: dict[str, int]) -> str:
    """'Controlli: N superati, M avvisi, K errori' (avvisi/errori = checks that failed)."""
    if not counts or not counts.get("total"):
        return "Controlli: nessun controllo registrato per questi documenti"
    return (
        f"Controlli: {counts.get('passed', 0)} superati, {counts.get('warnings', 0)} avvisi, "
        f"{counts.get('errors', 0)} errori"
    )


def source_line(docs: pd.DataFrame) -> str:
    """'Fonte: <title> (<period>, file <name>); ...' for the documents behind a figure; with
    more than two documents, the compact 'Fonte: N documenti (<ente> <period>, ...)'."""
    if docs is None or docs.empty:
        return "Fonte: nessun documento"
    rows = list(docs.drop_duplicates(subset=["document_id"]).itertuples())
    parts = []
    for r in rows:
        start, end = r.period_start_year, r.period_end_year
        period = f"{start}" if start == end else f"{start}-{end}"
        if len(rows) > 2 and getattr(r, "ente_name", None):
            parts.append(f"{short_name(r.ente_name)} {period}")
            continue
        title = getattr(r, "doc_title", None) or getattr(r, "doc_type", None) or r.document_id
        parts.append(f"{title} ({period}, file {r.source_file})")
    if len(rows) > 2:
        return f"Fonte: {len(rows)} documenti ({', '.join(parts)}; file nella Panoramica)"
    return "Fonte: " + "; ".join(parts)


RUN_STATUS = {
    "success": "riuscita",
    "partial": "parziale",
    "failed": "fallita",
    "noop": "nessuna novità",
    "running": "in corso",
}


# --- data-quality labels ------------------------------------------------------------------

CHECK_LABELS = {
    "asc_target_year_within_scheda_period": "Anno del target nel periodo della scheda",
    "asc_indicator_has_a_target": "Ogni indicatore ha almeno un target",
    "asc_header_years_agree_with_period": "Anni delle intestazioni coerenti con il periodo",
    "peg_project_budget_equals_block_spese": "Budget del progetto = spese del suo blocco",
    "peg_staff_allocation_in_range": "% di impegno del personale tra 0 e 100",
    "peg_person_total_allocation_at_most_100": "Impegno totale di una persona al massimo 100%",
    "peg_subtotal_equals_rows_eur": "Subtotale (€) = somma delle righe",
    "peg_subtotal_equals_rows_pct": "Subtotale (% di assorbimento) = somma delle righe",
    "peg_absorption_sums_to_100_per_cdr": "% di assorbimento del CDR sommano a 100",
    "peg_budget_block_lines_sum_to_totale": "Righe di bilancio = riga Totale del blocco",
    "piao_performance_levels_sum_to_100": "Livelli di performance organizzativa sommano a 100",
    "sa_achievement_within_0_100": "% raggiungimento tra 0 e 100",
    "sa_incidences_sum_to_100": "Incidenze degli obiettivi sommano a 100",
    "sa_step_weights_sum_to_100_per_year": "Pesi degli step nell'anno sommano a 100",
    "sa_step_weights_sum_to_100_per_objective": "Pesi degli step sull'obiettivo sommano a 100",
    "sa_totale_equals_sum_of_steps": "Riga TOTALE = somma dei raggiungimenti degli step",
    "sa_deadline_within_plan_period": "Termine dello step nel periodo del piano",
    "keys_unique": "Chiavi univoche",
    "references_resolve": "Riferimenti tra tabelle risolti",
    "amounts_non_negative": "Importi, quote e pesi non negativi",
    "peg_capitolo_in_one_project": "Capitolo/articolo in un solo progetto",
    "piao_indicator_year_within_plan_period": "Anno dell'indicatore nel periodo del piano",
    "sa_verification_text_not_copied": "Testo di verifica non copiato da un altro step",
}
SEVERITY_LABELS = {"error": "errore", "warning": "avviso"}


def check_label(name: object) -> str:
    s = "" if is_missing(name) else str(name)
    return CHECK_LABELS.get(s, s.replace("_", " "))


def dq_table(dq: pd.DataFrame, doc_labels: dict[str, str] | None = None) -> pd.DataFrame:
    """The check results as shown on the Qualità page (Italian columns, tidy figures)."""
    cols = [
        "Documento",
        "Controllo",
        "Soggetto",
        "Osservato",
        "Atteso",
        "Differenza",
        "Tolleranza",
        "Gravità",
        "Esito",
        "File",
        "Descrizione",
    ]
    if dq is None or dq.empty:
        return pd.DataFrame(columns=cols)
    labels = doc_labels or {}
    out = pd.DataFrame(
        {
            "Documento": dq["document_id"].map(lambda d: labels.get(d, d)),
            "Controllo": dq["check_name"].map(check_label),
            "Soggetto": dq["subject_key"],
            "Osservato": dq["observed"].map(tidy_number_text),
            "Atteso": dq["expected"].map(tidy_number_text),
            "Differenza": pd.to_numeric(dq["difference"], errors="coerce"),
            "Tolleranza": pd.to_numeric(dq["tolerance"], errors="coerce"),
            "Gravità": dq["severity"].map(lambda s: SEVERITY_LABELS.get(s, s)),
            "Esito": dq["passed"].map(lambda p: "superato" if p else "non superato"),
            "File": dq["source_file"],
            "Descrizione": dq["description"],
        }
    )
    return out[cols].reset_index(drop=True)
