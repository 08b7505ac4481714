"""Data-quality wording in Italian: check names and descriptions, the subjects, observed and
expected values the checks write (in English, for the developers) turned into Italian, the
status line under every chart and the table of check results."""

from __future__ import annotations

import re

import pandas as pd

from dashboards.fmt import fmt_datetime, is_missing, plural, short_name, tidy_number_text

RUN_STATUS = {
    "success": "riuscita",
    "partial": "parziale",
    "failed": "fallita",
    "noop": "nessuna novità",
    "running": "in corso",
}
TRIGGER = {"manual": "manuale", "scheduled": "programmata"}
SEVERITY_LABELS = {"error": "errore", "warning": "avviso"}

CHECK_LABELS = {
    "asc_target_year_within_scheda_period": "Anno del target nel periodo della scheda",
    "asc_indicator_has_a_target": "Ogni indicatore ha almeno un target",
    "asc_header_years_agree_with_period": "Anni delle intestazioni coerenti con il periodo",
    "peg_project_budget_equals_block_spese": "Budget del progetto = spese del suo blocco",
    "peg_staff_allocation_in_range": "% di impegno del personale tra 0 e 100",
    "peg_person_total_allocation_at_most_100": "Impegno totale di una persona al massimo 100 %",
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

CHECK_DESCRIPTIONS = {
    "asc_target_year_within_scheda_period": "L'anno di un target cade nel periodo che la "
    "scheda dichiara.",
    "asc_indicator_has_a_target": "Ogni indicatore ha almeno un target (Previsione) in un anno.",
    "asc_header_years_agree_with_period": "Gli anni di un'intestazione di tabella sono anni "
    "consecutivi distinti e coincidono con il periodo della scheda.",
    "peg_project_budget_equals_block_spese": "Il Budget del progetto nella tabella del CDR è "
    "uguale alle spese del suo blocco di bilancio (esatto, in euro).",
    "peg_staff_allocation_in_range": "La % di impegno di una persona su un progetto è maggiore "
    "di 0 e al massimo 100.",
    "peg_person_total_allocation_at_most_100": "La % di impegno di una persona su tutti i "
    "progetti del documento è al massimo 100.",
    "peg_subtotal_equals_rows_eur": "La riga di subtotale è uguale alla somma dei budget dei "
    "progetti che chiude (esatto, in euro).",
    "peg_subtotal_equals_rows_pct": "La % di assorbimento della riga di subtotale è uguale alla "
    "somma delle % dei progetti che chiude; tolleranza di 0,005 punti per ogni quota "
    "arrotondata a due decimali.",
    "peg_absorption_sums_to_100_per_cdr": "Le % di assorbimento dei progetti nella tabella del "
    "CDR sommano a 100 (o alla % del Totale CDR); tolleranza di 0,005 punti per ogni quota "
    "arrotondata a due decimali.",
    "peg_budget_block_lines_sum_to_totale": "Le righe di bilancio di una colonna sommano alla "
    "riga Totale del blocco (esatto, in euro).",
    "piao_performance_levels_sum_to_100": "I livelli della performance organizzativa sommano a "
    "100; 1 punto di scarto è un avviso (arrotondamento).",
    "sa_achievement_within_0_100": "La % di raggiungimento di uno step è tra 0 e 100.",
    "sa_incidences_sum_to_100": "Le incidenze degli obiettivi sul totale del piano sommano a "
    "100; 1 punto di scarto è un avviso (arrotondamento), di più un errore.",
    "sa_step_weights_sum_to_100_per_year": "I pesi step/anno di un obiettivo sommano a 100; 1 "
    "punto di scarto è un avviso (arrotondamento), di più un errore.",
    "sa_step_weights_sum_to_100_per_objective": "I pesi step/obiettivo sommano a 100 per ogni "
    "obiettivo; 1 punto di scarto è un avviso (arrotondamento), di più un errore.",
    "sa_totale_equals_sum_of_steps": "La riga TOTALE è uguale alla somma delle % di "
    "raggiungimento degli step; 1 punto di scarto è un avviso, di più un errore.",
    "sa_deadline_within_plan_period": "Il termine di uno step cade nel periodo del piano.",
    "keys_unique": "Le chiavi delle tabelle del magazzino sono univoche.",
    "references_resolve": "I riferimenti tra le tabelle del magazzino trovano la riga a cui "
    "rimandano.",
    "amounts_non_negative": "Importi, quote e pesi che i documenti danno come non negativi "
    "sono non negativi.",
    "peg_capitolo_in_one_project": "Lo stesso capitolo/articolo con lo stesso importo compare "
    "nel bilancio di un solo progetto (altrimenti può essere contato due volte nei totali "
    "del CDR).",
    "piao_indicator_year_within_plan_period": "L'anno dichiarato dall'intestazione "
    "dell'indicatore cade nel periodo del piano.",
    "sa_verification_text_not_copied": "Il testo di verifica di uno step non è la copia di "
    "quello di un altro step.",
}

# tables named in the warehouse checks, as a reader knows them
TABLE_LABELS = {
    "dim_objective": "obiettivi",
    "dim_indicator": "indicatori",
    "fct_budget_capitolo": "righe di bilancio",
    "fct_indicator_year": "target per anno",
    "fct_project_budget": "progetti dei CDR",
    "fct_plan_weight": "pesi dichiarati",
}
FIELD_LABELS = {
    "objective_id": "codice",
    "indicator_id": "codice",
    "parent_objective_id": "obiettivo superiore",
    "amount_eur": "importo",
    "project_code": "progetto",
    "budget_eur": "budget",
    "absorption_pct": "% di assorbimento",
    "weight_pct": "peso",
}

# the English words the checks write in their subjects and figures, in Italian
_PHRASES = [
    (r"\(lines (\d+)-(\d+)\)", r"(righe \1-\2)"),
    (r"\(line (\d+)\)", r"(riga \1)"),
    (r"\blines? (\d+)", r"riga \1"),
    (r"(\d+) targets in (\d{4})", r"\1 target nel \2"),
    (r"(\d+) targets\b", r"\1 target"),
    (r">= 1 target", "almeno 1 target"),
    (r"\bperiod\b", "periodo"),
    (r"\bindicator (\d+)", r"indicatore \1"),
    (r"\bindicatori header\b", "intestazione indicatori"),
    (r"\bazioni header\b", "intestazione azioni"),
    (r"\s*\((?:header|positional_from_azioni)\)", ""),
    (r"\bheader\b", "intestazione"),
    (r"\b(\d{4})-(\d{2})-(\d{2})\b", r"\3/\2/\1"),
    (r" -> ", " → "),
    (r"\bblock (\d+)", r"blocco \1"),
    (r"\bobjective (\w+) row (\d+)", r"obiettivo \1, riga \2"),
    (r"\bobjective (\w+)", r"obiettivo \1"),
    (r"\((\d+) objectives, (\d+) with a weight\)", r"(\1 obiettivi, \2 con un peso)"),
    (r"\((\d+) levels\)", r"(\1 livelli)"),
    (r"\b1 projects?\b", "1 progetto"),
    (r"(\d+) projects\b", r"\1 progetti"),
    (r"\bsame text as step\b", "stesso testo dello step"),
    (r"\bown text\b", "testo proprio"),
    (r"(\d+) duplicate keys", r"\1 chiavi duplicate"),
    (r"(\d+) unresolved", r"\1 non risolti"),
    (r"(\d+) negative", r"\1 negativi"),
    (r"^<= (\S+)$", r"al massimo \1"),
    (r"\(indicator, year, responsabile\)", "(indicatore, anno, responsabile)"),
    (r"\bPEG project\b", "progetto PEG"),
    (r"performance_organizzativa", "performance organizzativa"),
    (r" / euro$", " / €"),
]
_TABLE_FIELD = re.compile(r"\b(dim|fct)_[a-z_]+(?:\.[a-z_]+(?:, [a-z_]+)*)?")


def _table_field(match: re.Match) -> str:
    table, _, fields = match.group(0).partition(".")
    label = TABLE_LABELS.get(table, table.split("_", 1)[1].replace("_", " "))
    if not fields:
        return f"tabella {label}"
    names = ", ".join(
        FIELD_LABELS.get(f.strip(), f.strip().replace("_", " ")) for f in fields.split(",")
    )
    return f"{label}: {names}"


def italian_text(value: object) -> str:
    """A subject, observed or expected value of a check, in Italian; figures written the
    Italian way ('97.3500' -> '97,35')."""
    if is_missing(value):
        return ""
    s = tidy_number_text(value)
    for pattern, repl in _PHRASES:
        s = re.sub(pattern, repl, s)
    s = _TABLE_FIELD.sub(_table_field, s)
    # figures inside the text: 140033.52 -> 140.033,52
    return re.sub(r"(?<![\w.,])\d+\.\d+(?![\w.])", lambda m: tidy_number_text(m.group(0)), s)


def check_label(name: object) -> str:
    s = "" if is_missing(name) else str(name)
    return CHECK_LABELS.get(s, s.replace("_", " "))


def check_description(name: object) -> str:
    s = "" if is_missing(name) else str(name)
    return CHECK_DESCRIPTIONS.get(s, check_label(s))


def dq_status_line(counts: dict[str, int]) -> str:
    """'Controlli: 10 superati, 1 avviso, 2 errori' (avvisi/errori = checks that failed)."""
    if not counts or not counts.get("total"):
        return "Controlli: nessun controllo registrato per questi documenti"
    return (
        f"Controlli: {plural(counts.get('passed', 0), 'superato', 'superati')}, "
        f"{plural(counts.get('warnings', 0), 'avviso', 'avvisi')}, "
        f"{plural(counts.get('errors', 0), 'errore', 'errori')}"
    )


def source_line(docs: pd.DataFrame) -> str:
    """'Fonte: <title> (<period>); ...' for the documents behind a figure; with more than
    two documents, the compact 'Fonte: N documenti (<ente> <period>, ...)'."""
    if docs is None or docs.empty:
        return "Fonte: nessun documento"
    rows = list(docs.drop_duplicates(subset=["document_id"]).itertuples())
    parts = []
    for r in rows[:12]:
        start, end = r.period_start_year, r.period_end_year
        period = f"{start}" if start == end else f"{start}-{end}"
        if len(rows) > 2 and getattr(r, "ente_name", None):
            parts.append(f"{short_name(r.ente_name)} {period}")
            continue
        title = getattr(r, "doc_title", None) or getattr(r, "doc_type", None) or r.document_id
        ente = getattr(r, "ente_name", None)
        who = f"{short_name(ente)}, " if ente else ""
        parts.append(f"{title} ({who}{period})")
    if len(rows) > 2:
        more = f" e altri {len(rows) - 12}" if len(rows) > 12 else ""
        return f"Fonte: {len(rows)} documenti ({', '.join(parts)}{more})"
    return "Fonte: " + "; ".join(parts)


def run_line(run: pd.Series | None) -> str:
    """'02/12/2026 08:59 (manuale, esito riuscita)'."""
    if run is None:
        return "—"
    status = RUN_STATUS.get(str(run["status"]), str(run["status"]))
    trigger = TRIGGER.get(str(run["trigger"]), str(run["trigger"]))
    return f"{fmt_datetime(run['finished_at'])} ({trigger}, esito {status})"


DQ_COLUMNS = [
    "Documento",
    "Controllo",
    "Soggetto",
    "Osservato",
    "Atteso",
    "Gravità",
    "Fonte",
    "Differenza",
    "Tolleranza",
    "Esito",
    "Riga",
    "Descrizione",
]


def dq_table(dq: pd.DataFrame, source_url=None) -> pd.DataFrame:
    """The check results as shown on the Qualità page (Italian columns and wording);
    ``source_url(document_id, line)`` gives the link to the source viewer."""
    if dq is None or dq.empty:
        return pd.DataFrame(columns=DQ_COLUMNS)
    lines = pd.to_numeric(dq.get("source_line"), errors="coerce") if "source_line" in dq else None
    out = pd.DataFrame(
        {
            "Documento": dq["label"].fillna(dq["document_id"])
            if "label" in dq
            else dq["document_id"],
            "Controllo": dq["check_name"].map(check_label),
            "Soggetto": dq["subject_key"].map(italian_text),
            "Osservato": dq["observed"].map(italian_text),
            "Atteso": dq["expected"].map(italian_text),
            "Differenza": pd.to_numeric(dq["difference"], errors="coerce"),
            "Tolleranza": pd.to_numeric(dq["tolerance"], errors="coerce"),
            "Gravità": dq["severity"].map(lambda s: SEVERITY_LABELS.get(s, s)),
            "Esito": dq["passed"].map(lambda p: "superato" if p else "non superato"),
            "Riga": lines.astype("Int64") if lines is not None else pd.NA,
            "Fonte": [
                source_url(d, n) if source_url and not is_missing(n) else None
                for d, n in zip(
                    dq["document_id"], lines if lines is not None else [None] * len(dq), strict=True
                )
            ],
            "Descrizione": dq["check_name"].map(check_description),
        }
    )
    return out[DQ_COLUMNS].reset_index(drop=True)
