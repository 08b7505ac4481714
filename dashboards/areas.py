"""Policy areas as the pages show them: area names and methods in Italian, the sentence that
says how much of an ente's plan and budget goes to an area, and the drill-down tables. Pure
functions over ready rows (mart_policy_area_unit, dim_objective, mart_policy_area_indicator,
mart_budget_line_policy_area): nothing is computed here that dbt does not define."""

from __future__ import annotations

import re

import pandas as pd

from dashboards import fmt
from dashboards.catalogue import KIND_LABELS

DEFAULT_AREA = "12.02"  # disabilità: the Forum's first question

METHOD_LABELS = {
    "dichiarato": "dichiarato dal documento",
    "ereditato": "ereditato dall'obiettivo superiore",
    "regola": "regola",
    "non_classificato": "non classificato",
}
# where a rule found its words (policy_rule_fields), as the reader says it
FIELD_LABELS = {
    "title": "titolo",
    "servizio": "servizio",
    "description": "descrizione",
    "child_title": "titolo di un obiettivo sottostante",
    "parent_title": "titolo dell'obiettivo superiore",
    "indicator": "indicatore",
    "action": "azione",
    "step": "step",
    "capitolo": "capitolo",
    "note": "nota",
}
MULTI_AREA_RULE = "MULTI_AREA"
_FIELD = re.compile(r"(^|;\s*)([a-z_]+):")


def area_labels(areas: pd.DataFrame) -> dict[str, str]:
    """policy_area -> its name (dim_policy_area.area_name), in the areas' order."""
    return dict(zip(areas["policy_area"], areas["area_name"], strict=True))


def area_help(row: pd.Series) -> str:
    """The official name and where the area sits in the budget's classification."""
    text = str(row["official_name"])
    if not fmt.is_missing(row.get("missione_code")) and not fmt.is_missing(
        row.get("programma_code")
    ):
        text += f" (Missione {int(row['missione_code'])}, programma {row['programma_code']})"
    elif not fmt.is_missing(row.get("missione_code")):
        text += f" (Missione {int(row['missione_code'])})"
    return text


def method_label(method: object) -> str:
    return fmt.MISSING if fmt.is_missing(method) else METHOD_LABELS.get(str(method), str(method))


def terms_label(terms: object, rule_id: object = None) -> str:
    """'title: disabilita; indicator: dopo di noi' -> 'titolo: disabilita; indicatore: dopo di
    noi' (the words as the rules matched them, without accents)."""
    if fmt.is_missing(terms):
        return fmt.MISSING
    text = _FIELD.sub(
        lambda m: f"{m.group(1)}{FIELD_LABELS.get(m.group(2), m.group(2))}:", str(terms)
    )
    if rule_id == MULTI_AREA_RULE:
        text = "parole di più gruppi di utenti, quindi la rete dei servizi: " + text
    return text


def _pct(value: object) -> str:
    return fmt.fmt_pct(value)


def _compare(value: object, median: object) -> str:
    """'sopra', 'sotto' or 'in linea con' the median (within half a point)."""
    if not (fmt.finite(value) and fmt.finite(median)):
        return ""
    gap = float(value) - float(median)  # type: ignore[arg-type]
    if abs(gap) < 0.5:
        return "in linea con"
    return "sopra" if gap > 0 else "sotto"


def ente_sentence(row: pd.Series, area_name: str, n_enti: int) -> str:
    """How much of one ente's plan and budget is about the area, in words, with the median of
    all the enti (a row of mart_policy_area_unit at ente level)."""
    name = str(row["label"])
    area = f"«{area_name}»"
    n_obj, total = int(row["n_objectives"]), int(row["n_objectives_total"])
    median = row["median_objectives_share_pct"]
    peers = f"la mediana dei {fmt.plural(n_enti, 'ente', 'enti')} è {_pct(median)}"
    if total == 0:
        parts = [f"I documenti di {name} non hanno obiettivi classificati."]
    elif n_obj == 0:
        parts = [
            f"Nessuno dei {fmt.fmt_int(total)} obiettivi di {name} ha {area} come area "
            f"principale ({peers})."
        ]
    else:
        where = _compare(row["objectives_share_pct"], median)
        parts = [
            f"{name}: {fmt.fmt_int(n_obj)} "
            f"{'obiettivo' if n_obj == 1 else 'obiettivi'} su {fmt.fmt_int(total)} "
            f"({_pct(row['objectives_share_pct'])}) "
            f"{'riguarda' if n_obj == 1 else 'riguardano'} l'area {area}, "
            f"{where} la mediana degli enti ({_pct(median)})."
        ]
    secondary = int(row["n_indicators_secondary"] or 0)
    if secondary:
        parts.append(
            f"{fmt.plural(secondary, 'indicatore ha', 'indicatori hanno')} {area} come area "
            "secondaria."
        )
    if fmt.is_missing(row["spese_total_eur"]):
        parts.append(
            "I suoi documenti non riportano un bilancio per capitoli: la spesa per area non si "
            "può calcolare."
        )
    else:
        n_budget = int(row["n_units_with_budget"] or 0)
        where = _compare(row["spese_share_pct"], row["median_spese_share_pct"])
        median_text = (
            f"{where} la mediana degli enti con un bilancio ({_pct(row['median_spese_share_pct'])}"
            f", {fmt.plural(n_budget, 'ente', 'enti')})"
            if n_budget > 1
            else "è l'unico ente con un bilancio per capitoli, nessuna mediana da confrontare"
        )
        parts.append(
            f"All'area vanno {fmt.fmt_euro(row['spese_eur'])} di spesa, il "
            f"{_pct(row['spese_share_pct'])} delle spese del PEG "
            f"({fmt.fmt_euro(row['spese_total_eur'])}): {median_text}."
        )
    return " ".join(parts)


def overview_sentence(stats: pd.DataFrame, area_name: str) -> str:
    """'3 enti su 4 hanno almeno un obiettivo nell'area «Disabilità» ...' from
    mart_policy_area_stats at ente level."""
    if stats.empty:
        return ""
    s = stats.set_index("measure_key")
    n_enti = int(s.loc["n_objectives", "n_units"])
    with_obj = int(s.loc["n_objectives", "n_units_positive"])
    with_ind = int(s.loc["n_indicators_secondary", "n_units_positive"])
    with_budget = int(s.loc["spese_share_pct", "n_units_with_value"])
    with_spese = int(s.loc["spese_eur", "n_units_positive"])
    text = (
        f"{fmt.fmt_int(with_obj)} {'ente' if n_enti == 1 else 'enti'} su {fmt.fmt_int(n_enti)} "
        f"{'ha' if with_obj == 1 else 'hanno'} almeno un obiettivo nell'area «{area_name}»; "
        "la mediana della quota di obiettivi è "
        f"{_pct(s.loc['objectives_share_pct', 'median_value'])}."
    )
    if with_ind:
        text += (
            f" In {fmt.plural(with_ind, 'ente', 'enti')} l'area è anche l'area secondaria di "
            "qualche indicatore."
        )
    median_spese = _pct(s.loc["spese_share_pct", "median_value"])
    if with_budget == 1:
        text += (
            " Un solo ente ha un bilancio per capitoli"
            + (f": la sua quota di spesa nell'area è {median_spese}." if with_spese else
               ", e non spende nulla nell'area.")
        )  # fmt: skip
    elif with_budget:
        text += (
            f" Dei {fmt.fmt_int(with_budget)} enti con un bilancio per capitoli, "
            f"{fmt.fmt_int(with_spese)} {'spende' if with_spese == 1 else 'spendono'} "
            f"nell'area (mediana della quota di spesa: {median_spese})."
        )
    else:
        text += " Nessun ente ha un bilancio per capitoli: la spesa per area non è disponibile."
    return text


UNIT_COLUMNS = {
    "label": "Ente",
    "ente_type": "Tipo",
    "n_objectives": "Obiettivi nell'area",
    "n_objectives_total": "Obiettivi del piano",
    "objectives_share_pct": "Quota degli obiettivi",
    "type_median_objectives_share_pct": "Mediana del tipo di ente",
    "n_indicators": "Indicatori nell'area",
    "n_indicators_secondary": "Indicatori con l'area come secondaria",
    "spese_eur": "Spesa nell'area (€)",
    "spese_total_eur": "Spese del PEG (€)",
    "spese_share_pct": "Quota della spesa",
}
UNIT_FORMATS = {
    "Quota degli obiettivi": fmt.fmt_pct,
    "Mediana del tipo di ente": fmt.fmt_pct,
    "Spesa nell'area (€)": fmt.fmt_euro,
    "Spese del PEG (€)": fmt.fmt_euro,
    "Quota della spesa": fmt.fmt_pct,
}


def units_table(rows: pd.DataFrame) -> pd.DataFrame:
    """A page of enti in one area as the reader sees it."""
    return rows[list(UNIT_COLUMNS)].rename(columns=UNIT_COLUMNS).reset_index(drop=True)


def _area_of(row_area: object, row_secondary: object, area: str, labels: dict[str, str]) -> str:
    if row_area == area:
        return "principale"
    if row_secondary == area:
        return f"secondaria (principale: {labels.get(str(row_area), str(row_area))})"
    return labels.get(str(row_area), str(row_area))


def _how(method: object, terms: object, rule_id: object, inherited: object) -> str:
    """'regola – titolo: disabilita', 'ereditato dall'obiettivo superiore – «Servizi ...»'."""
    text = method_label(method)
    if method == "ereditato" and not fmt.is_missing(inherited):
        return f"{text}: «{inherited}»"
    if not fmt.is_missing(terms):
        return f"{text} – {terms_label(terms, rule_id)}"
    return text


def _assignment(rows: pd.DataFrame, area: str, labels: dict[str, str]) -> dict[str, list]:
    """The 'Area' (principale / secondaria) and 'Come è assegnata' columns of objectives or
    indicators (columns policy_area*, policy_area_inherited_from_title)."""
    how = [
        _how(m, t, r, i)
        for m, t, r, i in zip(
            rows["policy_area_method"],
            rows["policy_area_terms"],
            rows["policy_area_rule_id"],
            rows["policy_area_inherited_from_title"],
            strict=True,
        )
    ]
    declared = rows.get("policy_area_declared_programmi")
    if declared is not None:
        how = [
            h if fmt.is_missing(d) else f"{h} (programma {d} dichiarato)"
            for h, d in zip(how, declared, strict=True)
        ]
    return {
        "Area": [
            _area_of(a, s, area, labels)
            for a, s in zip(rows["policy_area"], rows["policy_area_secondary"], strict=True)
        ],
        "Come è assegnata": how,
    }


def objectives_view(rows: pd.DataFrame, area: str, labels: dict[str, str]) -> pd.DataFrame:
    """Objectives of one ente in one area (dim_objective rows) as shown."""
    periods = zip(rows["period_start_year"], rows["period_end_year"], strict=True)
    return pd.DataFrame(
        {
            "Documento": [
                f"{t} ({fmt.period(a, b)})"
                for t, (a, b) in zip(rows["doc_title"], periods, strict=True)
            ],
            "Codice": rows["code"],
            "Obiettivo": rows["title"],
            "Livello": rows["level"],
            **_assignment(rows, area, labels),
            "Riga": rows["source_line"],
            "Fonte": rows.get("Fonte"),
        }
    )


def indicators_view(rows: pd.DataFrame, area: str, labels: dict[str, str]) -> pd.DataFrame:
    """Indicator-years of one ente in one area (mart_policy_area_indicator rows) as shown."""
    return pd.DataFrame(
        {
            "Documento": rows["document_label"],
            "Indicatore": rows["indicator_name"],
            "Obiettivo": rows["objective_title"],
            "Anno": rows["year"].astype("Int64"),
            "Target (come scritto)": rows["target_raw"],
            "Tipo di target": rows["target_kind"].map(KIND_LABELS),
            "Risultato": rows["actual_raw"],
            "Raggiunge il target": rows["reaches_target"].map(
                lambda v: None if fmt.is_missing(v) else ("sì" if v else "no")
            ),
            **_assignment(rows, area, labels),
            "Riga": rows["source_line"],
            "Fonte": rows.get("Fonte"),
        }
    )


BUDGET_METHOD_LABELS = {
    "dichiarato": "area del progetto, dichiarata dal documento",
    "ereditato": "area del progetto",
    "non_classificato": "non classificato",
}


def budget_lines_view(rows: pd.DataFrame) -> pd.DataFrame:
    """Budget lines of one ente in one area (mart_budget_line_policy_area rows) as shown."""
    return pd.DataFrame(
        {
            "CDR": rows["cdr_code"],
            "Progetto": rows["project_code"],
            "Capitolo": rows["capitolo"],
            "Articolo": rows["articolo"],
            "Descrizione": rows["capitolo_description"],
            "Flusso": rows["flow"],
            "Natura": rows["nature"],
            "Importo (€)": rows["amount_eur"],
            "Come è assegnata": rows["policy_area_method"].map(BUDGET_METHOD_LABELS),
            "Riga": rows["source_line"],
            "Fonte": rows.get("Fonte"),
        }
    )


def budget_years_view(rows: pd.DataFrame) -> pd.DataFrame:
    """The ente's budget in the area per year, flow and nature (mart_budget_policy_area)."""
    return pd.DataFrame(
        {
            "Anno": rows["year"].astype(int).astype(str),
            "Flusso": rows["flow"],
            "Natura": rows["nature"],
            "Importo (€)": rows["amount_eur"],
            "Quota del flusso e della natura": rows["share_of_flow_pct"],
            "Righe di bilancio": rows["n_budget_lines"],
            "Progetti": rows["n_projects"],
        }
    )
