"""Raw tables of template and profile documents (schema ``raw``), derived from the
template's declaration (spec.py): one table per sheet, every field typed, the cell text of
typed fields kept in ``<field>_raw``, and the columns the loader derives (targets, results,
people). A field added to spec.py lands and is staged with no other change; the staging
models give the warehouse's English names (``STAGING_NAMES``; a field not listed keeps its
template name).

The template and profile layouts (ingest/layouts/modello.py, profilo.py) register these
tables; the staging models are generated from them (``python -m ingest.staging``).
"""

from __future__ import annotations

from ingest.schema import DATE, EUR, NUM, PCT, B, ColType, I, RawTable, S
from ingest.tabular.spec import SHEETS
from ingest.tabular.values import KEEP_RAW

_TYPES: dict[str, ColType] = {
    "testo": S,
    "codice": S,
    "scelta": S,
    "intero": I,
    "anno": I,
    "percentuale": PCT,
    "numero": NUM,
    "importo": EUR,
    "data": DATE,  # ISO yyyy-mm-dd text, typed in staging
    "si_no": B,
}
# Columns every table has beside its fields: the row's order within the document.
_COMMON: dict[str, ColType] = {"row_seq": I}
# Columns some tables add beside their fields.
_EXTRA: dict[str, dict[str, ColType]] = {
    "tpl_document": {"profile": S},
    "tpl_indicator_years": {"year": I, "target_raw": S, "actual_raw": S, "variant_seq": I},
    "tpl_actions": {"action_seq": I},
    "tpl_steps": {"step_seq": I},
}
# The people a template names (responsabile / responsabile_ruolo of objectives and
# indicator-years), one row per name: kind persona (normalised) or ruolo (kept as written).
_RESPONSABILI: dict[str, ColType] = {
    "subject": S,  # obiettivo | anno_indicatore
    "subject_key": S,  # id_obiettivo, or the indicator-year's row_seq
    "person_seq": I,
    "name_raw": S,
    "kind": S,  # persona | ruolo
}
TARGET_COLUMNS: dict[str, str] = {"tpl_indicator_years": "target_raw"}
ACTUAL_COLUMNS: dict[str, str] = {"tpl_indicator_years": "actual_raw"}
PERSON_COLUMNS: dict[str, tuple[str, str]] = {
    "tpl_responsabili": ("name_raw", "person"),
    "tpl_staff": ("nome", "staff"),
}
# landed for the loader (the year a target is normalised against) but not staged: the
# sheet's own field anno is staged as year
STAGING_DROP: dict[str, tuple[str, ...]] = {"tpl_indicator_years": ("year",)}
# template field -> warehouse column name in staging
STAGING_NAMES: dict[str, dict[str, str]] = {
    "tpl_document": {
        "ente_nome": "ente_name",
        "tipo_ente": "ente_type",
        "regione": "region",
        "provincia": "province",
        "tipo_documento": "doc_type",
        "titolo": "doc_title",
        "anno_inizio": "period_start_year",
        "anno_fine": "period_end_year",
    },
    "tpl_objectives": {
        "id_obiettivo": "objective_key",
        "codice": "code",
        "titolo": "title",
        "livello": "level",
        "tipo_obiettivo": "objective_type",
        "id_padre": "parent_key",
        "peso_pct": "weight_pct",
        "peso_pct_raw": "weight_raw",
        "cdr": "cdr_code",
        "missione": "missione_code",
        "missione_nome": "missione_name",
        "programma": "programma_code",
        "programma_nome": "programma_name",
        "area": "area_name",
        "responsabile": "responsabile_raw",
        "responsabile_ruolo": "responsabile_role_raw",
    },
    "tpl_indicators": {
        "id_indicatore": "indicator_key",
        "id_obiettivo": "objective_key",
        "codice": "code",
        "nome": "name",
        "dimensione": "dimension",
        "ambito": "scope",
    },
    "tpl_indicator_years": {
        "id_indicatore": "indicator_key",
        "anno": "year",
        "target": "target_cell",
        "operatore": "operator_cell",
        "risultato": "result_cell",
        "raggiungimento_pct": "achievement_pct",
        "raggiungimento_pct_raw": "achievement_raw",
        "responsabile": "responsabile_raw",
        "responsabile_ruolo": "responsabile_role_raw",
        "periodo": "period",
        "dettagli": "details",
    },
    "tpl_actions": {
        "id_azione": "action_key",
        "id_obiettivo": "objective_key",
        "numero": "action_no",
        "descrizione": "description",
        "risultato_atteso": "expected_result",
        "innovazione": "is_innovation",
        "innovazione_raw": "innovation_raw",
    },
    "tpl_action_years": {
        "id_azione": "action_key",
        "anno": "year",
        "prevista": "planned",
        "prevista_raw": "planned_raw",
        "cella": "cell_raw",
    },
    "tpl_steps": {
        "id_obiettivo": "objective_key",
        "codice_fase": "step_code",
        "descrizione": "description",
        "scadenza": "deadline",
        "scadenza_raw": "deadline_raw",
        "indicatore": "indicator",
        "peso_obiettivo_pct": "weight_in_objective_pct",
        "peso_obiettivo_pct_raw": "weight_in_objective_raw",
        "peso_anno_pct": "weight_in_year_pct",
        "peso_anno_pct_raw": "weight_in_year_raw",
        "anno": "year",
        "raggiungimento_pct": "achievement_pct",
        "raggiungimento_pct_raw": "achievement_raw",
        "verifica": "verification",
    },
    "tpl_budget_lines": {
        "anno": "year",
        "cdr": "cdr_code",
        "progetto": "project_code",
        "descrizione": "capitolo_description",
        "voce": "column_name",
        "flusso": "flow",
        "natura": "nature",
        "importo": "amount",
        "importo_raw": "amount_raw",
        "blocco": "block_seq",
    },
    "tpl_project_budget": {
        "cdr": "cdr_code",
        "nome_cdr": "cdr_name",
        "codice_progetto": "project_code",
        "nome_progetto": "project_name",
        "anno": "year",
        "assorbimento_pct": "absorption_pct",
        "assorbimento_pct_raw": "absorption_raw",
    },
    "tpl_staff": {
        "progetto": "project_code",
        "nome": "person_name",
        "ruolo": "relation",
        "impegno_pct": "allocation_pct",
        "impegno_pct_raw": "allocation_raw",
    },
    "tpl_plan_weights": {
        "gruppo": "weight_group",
        "voce": "item",
        "peso_pct": "weight_pct",
        "peso_pct_raw": "weight_raw",
    },
}


def _columns(sheet) -> dict[str, ColType]:  # noqa: ANN001
    cols: dict[str, ColType] = dict(_COMMON)
    for f in sheet.fields:
        cols[f.name] = _TYPES[f.type]
        if f.type in KEEP_RAW:
            cols[f.name + "_raw"] = S
    cols.update(_EXTRA.get(sheet.table, {}))
    return cols


def raw_tables() -> tuple[RawTable, ...]:
    tables = {s.table: _columns(s) for s in SHEETS}
    tables["tpl_responsabili"] = dict(_RESPONSABILI)
    return tuple(
        RawTable(
            name,
            cols,
            target_column=TARGET_COLUMNS.get(name),
            actual_column=ACTUAL_COLUMNS.get(name),
            person=PERSON_COLUMNS.get(name),
            staging_renames=STAGING_NAMES.get(name, {}),
            staging_drop=STAGING_DROP.get(name, ()),
        )
        for name, cols in tables.items()
    )
