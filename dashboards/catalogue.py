"""The catalogue of comparable measures: label, unit, direction and definition of each."""

from __future__ import annotations

from dataclasses import dataclass

from dashboards.fmt import fmt_euro, fmt_number, fmt_pct


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # "n" count, "pct" percentage 0-100, "eur" euro, "dec" decimal
    definition: str
    higher_is_better: bool | None = True  # None: no ranking direction (size, structure)
    group: str = "Struttura del piano"


MEASURES: tuple[Measure, ...] = (
    Measure(
        "n_objectives",
        "Obiettivi",
        "n",
        "Obiettivi del documento a ogni livello (indirizzi, strategici, operativi, schede, "
        "progetti PEG, obiettivi di performance e di PEG).",
        None,
    ),
    Measure(
        "n_actions",
        "Azioni",
        "n",
        "Azioni distinte delle schede obiettivo (tabella Azioni); 0 dove il documento non ne "
        "ha una.",
        None,
    ),
    Measure(
        "n_steps",
        "Step degli obiettivi",
        "n",
        "Fasi intermedie (step) con peso e termine, negli stati di attuazione.",
        None,
    ),
    Measure(
        "n_indicators",
        "Indicatori",
        "n",
        "Indicatori collegati agli obiettivi del documento.",
        None,
    ),
    Measure(
        "indicators_per_objective",
        "Indicatori per obiettivo",
        "dec",
        "Indicatori diviso obiettivi (tutti i livelli).",
        None,
    ),
    Measure(
        "n_targets",
        "Target (indicatore × anno)",
        "n",
        "Valori attesi (Previsione/target) dichiarati, contati una volta per indicatore e anno.",
        None,
        "Target e risultati",
    ),
    Measure(
        "pct_measurable",
        "Target misurabili (%)",
        "pct",
        "Quota dei target che sono un numero, una percentuale, una data o un sì/no, sul "
        "totale dei target dichiarati.",
        True,
        "Target e risultati",
    ),
    Measure(
        "pct_text",
        "Target solo testuali (%)",
        "pct",
        "Quota dei target espressi solo a parole (non verificabili con un numero o una data).",
        False,
        "Target e risultati",
    ),
    Measure(
        "pct_indicators_with_result",
        "Indicatori con risultato (%)",
        "pct",
        "Indicatori con almeno un Risultato riportato, sugli indicatori con un target.",
        True,
        "Target e risultati",
    ),
    Measure(
        "n_results_assessable",
        "Risultati valutabili",
        "n",
        "Risultati confrontabili con il loro target: risultato numerico contro target "
        "numerico/percentuale, oppure sì/no contro target sì/no.",
        None,
        "Target e risultati",
    ),
    Measure(
        "pct_results_reached",
        "Risultati che raggiungono il target (%)",
        "pct",
        "Tra i risultati valutabili, quota che rispetta il target (operatore >=, >, <=, <; "
        "per '=' il risultato deve essere almeno pari al target; per i sì/no il risultato "
        "deve essere sì o un valore positivo).",
        True,
        "Target e risultati",
    ),
    Measure(
        "weighted_achievement",
        "Realizzazione ponderata degli step (%)",
        "pct",
        "Stati di attuazione: per ogni obiettivo somma(peso step/anno × grado di "
        "realizzazione dello step) / somma(peso step/anno), dove il grado è '% "
        "raggiungimento' / 'peso step/anno' (il documento esprime il raggiungimento in punti "
        "del peso: la riga TOTALE ne è la somma); poi media degli obiettivi ponderata con "
        "l'incidenza sul piano.",
        True,
        "Target e risultati",
    ),
    Measure(
        "pct_objectives_weighted",
        "Obiettivi con peso dichiarato (%)",
        "pct",
        "Quota degli obiettivi per cui il documento dichiara un peso (incidenza sul piano).",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "n_plan_weights",
        "Pesi dichiarati",
        "n",
        "Pesi che devono sommare a 100 con i loro pari (incidenza degli obiettivi, livelli "
        "della performance organizzativa).",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "n_responsabili",
        "Responsabili distinti",
        "n",
        "Persone o ruoli distinti indicati come responsabili degli indicatori.",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "n_staff",
        "Persone assegnate ai progetti",
        "n",
        "Persone distinte nelle tabelle del personale per progetto (PEG).",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "staff_fte",
        "Personale (FTE)",
        "dec",
        "Somma delle percentuali di assegnazione del personale ai progetti / 100 (equivalenti "
        "a tempo pieno).",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "spese_eur",
        "Spese (€)",
        "eur",
        "Somma delle righe di spesa per capitolo/articolo (correnti e investimenti).",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "entrate_eur",
        "Entrate (€)",
        "eur",
        "Somma delle righe di entrata per capitolo/articolo.",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "pct_investimenti",
        "Investimenti sulle spese (%)",
        "pct",
        "Spese per investimenti diviso spese totali.",
        None,
        "Pesi, personale e bilancio",
    ),
    Measure(
        "pct_entrate_su_spese",
        "Entrate su spese (%)",
        "pct",
        "Entrate collegate ai progetti diviso spese dei progetti.",
        None,
        "Pesi, personale e bilancio",
    ),
)

MEASURE_BY_KEY = {m.key: m for m in MEASURES}

COUNT_COLUMNS = (
    "n_objectives",
    "n_objectives_weighted",
    "n_actions",
    "n_steps",
    "n_indicators",
    "n_targets",
    "n_targets_number",
    "n_targets_percent",
    "n_targets_date",
    "n_targets_boolean",
    "n_targets_text",
    "n_indicators_with_target",
    "n_indicators_with_result",
    "n_results",
    "n_responsabili",
    "n_plan_weights",
    "n_staff",
    "n_staffed_projects",
    "n_budget_lines",
    "n_projects",
    "n_projects_with_budget",
)
MONEY_COLUMNS = (
    "staff_fte",
    "spese_eur",
    "entrate_eur",
    "spese_correnti_eur",
    "spese_investimento_eur",
)
MEASURABLE_KINDS = ("number", "percent", "date", "boolean")
KIND_LABELS = {
    "number": "numero",
    "percent": "percentuale",
    "date": "data",
    "boolean": "sì/no",
    "text": "solo testo",
}
UNIT_LEVELS = {"ente": "Enti", "document": "Documenti (edizioni)", "type": "Tipi di ente"}


def format_value(measure: Measure, value: object) -> str:
    if measure.unit == "pct":
        return fmt_pct(value)
    if measure.unit == "eur":
        return fmt_euro(value)
    if measure.unit == "dec":
        return fmt_number(value, 2)
    return fmt_number(value, 0)


FORUM_KEYS = [
    "n_objectives",
    "n_indicators",
    "n_targets",
    "pct_measurable",
    "pct_text",
    "pct_indicators_with_result",
    "pct_results_reached",
    "weighted_achievement",
]
