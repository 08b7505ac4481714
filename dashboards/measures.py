"""Comparable measures, peer statistics, matching across plan editions, summaries and
exports: plain functions on DataFrames (no SQL, no Streamlit), testable on small frames.

The raw counts come from ``data.document_base_counts()`` (one row per document); everything
here aggregates them to the unit being compared (document, ente or type of ente) and derives
ratios, so that a measure is always computed the same way whatever the unit.
"""

from __future__ import annotations

import difflib
import html
import io
import math
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

# --- formatting (Italian) ---------------------------------------------------------------


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_number(value: object, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567,89' (Italian separators); missing -> '—'."""
    if _is_missing(value):
        return "—"
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    s = f"{v:,.{decimals}f}"
    return s.replace(",", "§").replace(".", ",").replace("§", ".")


def fmt_euro(value: object) -> str:
    return "—" if _is_missing(value) else "€ " + fmt_number(value, 2)


def fmt_pct(value: object, decimals: int = 1) -> str:
    return "—" if _is_missing(value) else fmt_number(value, decimals) + "%"


def tidy_number_text(value: object) -> str:
    """'97.3500' -> '97.35', '100.0000' -> '100'; other text unchanged; missing -> ''."""
    if _is_missing(value):
        return ""
    s = str(value).strip()
    if re.fullmatch(r"-?\d+\.\d+", s):
        s = s.rstrip("0").rstrip(".")
    return s


# --- measure catalogue ------------------------------------------------------------------


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


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    num = pd.to_numeric(num, errors="coerce").astype(float)
    den = pd.to_numeric(den, errors="coerce").astype(float)
    out = num / den.where(den > 0) * 100
    return out.astype(float)


# --- results against targets -----------------------------------------------------------

_YES = re.compile(r"^\s*s[iì]\b", re.IGNORECASE)
_NO = re.compile(r"^\s*no\b", re.IGNORECASE)


def assess_result(row: pd.Series | dict) -> bool | None:
    """True/False when a result can be compared with its target, None when it cannot."""
    get = row.get
    kind = get("target_kind")
    actual = get("actual_value")
    target = get("target_value")
    op = get("target_operator") or "="
    if kind == "boolean":
        if not _is_missing(actual):
            return float(actual) > 0
        raw = get("actual_raw") or ""
        if _YES.match(str(raw)):
            return True
        if _NO.match(str(raw)):
            return False
        return None
    if kind in ("number", "percent") and not _is_missing(actual) and not _is_missing(target):
        a, t = float(actual), float(target)
        return {
            ">=": a >= t,
            ">": a > t,
            "<=": a <= t,
            "<": a < t,
        }.get(op, a >= t)
    return None


def result_counts(results: pd.DataFrame) -> pd.DataFrame:
    """Per document: results that can be assessed and those that reach their target."""
    cols = ["document_id", "n_results_assessable", "n_results_reached"]
    if results is None or results.empty:
        return pd.DataFrame(columns=cols)
    data = results.copy()
    data["_ok"] = [assess_result(r) for r in data.to_dict("records")]
    data["_assessable"] = data["_ok"].notna()
    data["_reached"] = data["_ok"].eq(True)
    out = data.groupby("document_id", as_index=False).agg(
        n_results_assessable=("_assessable", "sum"), n_results_reached=("_reached", "sum")
    )
    return out[cols]


# --- weighted achievement of steps (stato di attuazione) ---------------------------------


def step_achievement(steps: pd.DataFrame) -> pd.DataFrame:
    """Per objective: sum of year weights, weighted achievement (%) and the incidence on the
    plan. Steps without a year weight (due in later years) are left out."""
    cols = [
        "document_id",
        "objective_id",
        "objective_code",
        "objective_title",
        "incidence_pct",
        "steps",
        "steps_in_year",
        "weight_in_year_sum",
        "achieved_points",
        "achievement_pct",
    ]
    if steps is None or steps.empty:
        return pd.DataFrame(columns=cols)
    data = steps.copy()
    w = pd.to_numeric(data["weight_in_year_pct"], errors="coerce").astype(float)
    a = pd.to_numeric(data["achievement_pct"], errors="coerce").astype(float)
    data["_w"] = w
    data["_in_year"] = w.notna() & (w > 0)
    # degree of completion of the step (0-1+): achievement points over the step's weight
    data["_rate"] = (a.fillna(0) / w.where(w > 0)).where(data["_in_year"])
    data["_wr"] = data["_w"] * data["_rate"]
    data["_pts"] = a.where(data["_in_year"])
    grouped = data.groupby(
        ["document_id", "objective_id", "objective_code", "objective_title"],
        dropna=False,
        sort=False,
    )
    out = grouped.agg(
        incidence_pct=("objective_weight_pct", "first"),
        steps=("step_code", "count"),
        steps_in_year=("_in_year", "sum"),
        weight_in_year_sum=("_w", "sum"),
        _wr=("_wr", "sum"),
        achieved_points=("_pts", "sum"),
    ).reset_index()
    out["incidence_pct"] = pd.to_numeric(out["incidence_pct"], errors="coerce").astype(float)
    den = out["weight_in_year_sum"].where(out["steps_in_year"] > 0)
    out["achievement_pct"] = (out["_wr"] / den.where(den > 0) * 100).astype(float)
    return out[cols]


def overall_achievement(per_objective: pd.DataFrame) -> float | None:
    """Objectives' achievement weighted by their incidence on the plan (equal weights when no
    incidence is declared)."""
    if per_objective is None or per_objective.empty:
        return None
    data = per_objective.dropna(subset=["achievement_pct"])
    if data.empty:
        return None
    w = data["incidence_pct"].fillna(0).astype(float)
    if w.sum() <= 0:
        w = pd.Series(1.0, index=data.index)
    return float((w * data["achievement_pct"]).sum() / w.sum())


# --- measures per unit --------------------------------------------------------------------


def short_name(name: object) -> str:
    """'ASC InSieme (Azienda Speciale ...)' -> 'ASC InSieme'; 'CSSM, Consorzio ...' -> 'CSSM'."""
    if _is_missing(name):
        return ""
    s = re.split(r"[,(]", str(name), maxsplit=1)[0].strip()
    return s or str(name)


def unit_key_label(docs: pd.DataFrame, level: str) -> tuple[pd.Series, pd.Series]:
    """The unit identity and label of each document row for a comparison level."""
    short = docs["ente_name"].map(short_name)
    if level == "document":
        start = docs["period_start_year"].astype("Int64").astype(str)
        end = docs["period_end_year"].astype("Int64").astype(str)
        period = start.where(start == end, start + "-" + end)
        label = short + " · " + period
        return docs["document_id"], label
    if level == "type":
        return docs["ente_type"], docs["ente_type"]
    return docs["ente_id"], short


def unit_measures(
    base: pd.DataFrame,
    results: pd.DataFrame | None = None,
    steps: pd.DataFrame | None = None,
    level: str = "ente",
) -> pd.DataFrame:
    """One row per unit (document, ente or type) with the counts summed over its documents and
    every measure of MEASURES derived from them."""
    if base is None or base.empty:
        return pd.DataFrame(columns=["unit", "label", "ente_type", "n_documents"])
    data = base.copy()
    rc = result_counts(results if results is not None else pd.DataFrame())
    data = data.merge(rc, on="document_id", how="left")
    for c in ("n_results_assessable", "n_results_reached"):
        data[c] = data[c].fillna(0)
    data["unit"], data["label"] = unit_key_label(data, level)
    counts = [*COUNT_COLUMNS, "n_results_assessable", "n_results_reached"]
    money = list(MONEY_COLUMNS)
    for c in (*counts, *money):
        if c not in data:
            data[c] = float("nan")
    for c in counts:
        data[c] = pd.to_numeric(data[c], errors="coerce").fillna(0).astype(float)
    for c in money:
        data[c] = pd.to_numeric(data[c], errors="coerce").astype(float)
    agg: dict[str, tuple[str, object]] = {c: (c, "sum") for c in counts}
    for c in money:
        agg[c] = (c, lambda s: s.sum(min_count=1))
    agg["label"] = ("label", "first")
    agg["ente_type"] = ("ente_type", "first")
    agg["n_documents"] = ("document_id", "nunique")
    agg["n_enti"] = ("ente_id", "nunique")
    agg["documents"] = ("document_id", lambda s: tuple(sorted(set(s))))
    out = data.groupby("unit", sort=False).agg(**agg).reset_index()

    measurable = sum(out[f"n_targets_{k}"] for k in MEASURABLE_KINDS)
    out["indicators_per_objective"] = (
        _ratio(out["n_indicators"], out["n_objectives"]) / 100
    ).where(out["n_indicators"] > 0)
    out["pct_measurable"] = _ratio(measurable, out["n_targets"])
    out["pct_text"] = _ratio(out["n_targets_text"], out["n_targets"])
    out["pct_indicators_with_result"] = _ratio(
        out["n_indicators_with_result"], out["n_indicators_with_target"]
    )
    out["pct_results_reached"] = _ratio(out["n_results_reached"], out["n_results_assessable"])
    out["pct_objectives_weighted"] = _ratio(out["n_objectives_weighted"], out["n_objectives"])
    out["pct_investimenti"] = _ratio(out["spese_investimento_eur"], out["spese_eur"])
    out["pct_entrate_su_spese"] = _ratio(out["entrate_eur"], out["spese_eur"])
    for c in ("n_staff", "n_plan_weights", "n_budget_lines"):
        out[c] = out[c].where(out[c] > 0) if c == "n_staff" else out[c]
    out["staff_fte"] = out["staff_fte"].where(out["n_staff"].notna())

    # weighted achievement of steps, per unit
    out["weighted_achievement"] = float("nan")
    if steps is not None and not steps.empty:
        per_obj = step_achievement(steps)
        doc_unit = dict(zip(data["document_id"], data["unit"], strict=False))
        per_obj["unit"] = per_obj["document_id"].map(doc_unit)
        for unit, grp in per_obj.dropna(subset=["unit"]).groupby("unit"):
            value = overall_achievement(grp)
            if value is not None:
                out.loc[out["unit"] == unit, "weighted_achievement"] = value
    return out


def peer_stats(units: pd.DataFrame, keys: list[str] | None = None) -> pd.DataFrame:
    """Per measure over the units shown: how many have a value, median, quartiles, min, max."""
    rows = []
    for m in MEASURES:
        if keys is not None and m.key not in keys:
            continue
        values = pd.to_numeric(units.get(m.key, pd.Series(dtype=float)), errors="coerce")
        values = values.dropna().astype(float)
        if values.empty:
            rows.append({"key": m.key, "n": 0})
            continue
        rows.append(
            {
                "key": m.key,
                "n": int(values.size),
                "median": float(values.median()),
                "q1": float(values.quantile(0.25)),
                "q3": float(values.quantile(0.75)),
                "min": float(values.min()),
                "max": float(values.max()),
            }
        )
    out = pd.DataFrame(rows)
    for c in ("median", "q1", "q3", "min", "max"):
        if c not in out:
            out[c] = float("nan")
    return out


def side_by_side(units: pd.DataFrame, keys: list[str] | None = None) -> pd.DataFrame:
    """Measures as rows, one column per unit, then median, spread and definition (text)."""
    stats = peer_stats(units, keys).set_index("key")
    rows = []
    for m in MEASURES:
        if keys is not None and m.key not in keys:
            continue
        row: dict[str, object] = {"Misura": m.label}
        for _, u in units.iterrows():
            row[str(u["label"])] = format_value(m, u.get(m.key))
        s = stats.loc[m.key]
        if s["n"]:
            row["Mediana"] = format_value(m, s["median"])
            row["Min – max"] = f"{format_value(m, s['min'])} – {format_value(m, s['max'])}"
        else:
            row["Mediana"] = "—"
            row["Min – max"] = "—"
        row["Definizione"] = m.definition
        rows.append(row)
    return pd.DataFrame(rows)


def ranking(units: pd.DataFrame, key: str) -> pd.DataFrame:
    """Units ranked on one measure (best first when the measure has a direction, largest first
    otherwise); units without a value come last with no rank."""
    m = MEASURE_BY_KEY[key]
    data = units[["unit", "label", "ente_type", key]].copy()
    data["value"] = pd.to_numeric(data[key], errors="coerce").astype(float)
    ascending = m.higher_is_better is False
    data = data.sort_values("value", ascending=ascending, na_position="last", kind="stable")
    med = data["value"].median()
    ranks = data["value"].rank(ascending=ascending, method="min")
    out = pd.DataFrame(
        {
            "Posizione": ranks.map(lambda r: "—" if _is_missing(r) else str(int(r))),
            "Unità": data["label"],
            "Tipo": data["ente_type"],
            m.label: data["value"].map(lambda v: format_value(m, v)),
            "Scarto dalla mediana": (data["value"] - med).map(
                lambda v: "—" if _is_missing(v) else ("+" if v > 0 else "") + format_value(m, v)
            ),
        }
    )
    return out.reset_index(drop=True)


def target_kind_shares(units: pd.DataFrame) -> pd.DataFrame:
    """Long frame: unit label, kind (Italian), targets, share of the unit's targets."""
    rows = []
    for _, u in units.iterrows():
        total = float(u.get("n_targets") or 0)
        for kind in (*MEASURABLE_KINDS, "text"):
            n = float(u.get(f"n_targets_{kind}") or 0)
            rows.append(
                {
                    "label": u["label"],
                    "kind": KIND_LABELS[kind],
                    "targets": n,
                    "share": n / total * 100 if total else float("nan"),
                }
            )
    return pd.DataFrame(rows, columns=["label", "kind", "targets", "share"])


# --- matching indicators across plan editions -------------------------------------------

STOPWORDS = frozenset(
    {
        "a",
        "ad",
        "al",
        "alla",
        "alle",
        "allo",
        "agli",
        "ai",
        "all",
        "anche",
        "che",
        "chi",
        "con",
        "col",
        "da",
        "dal",
        "dalla",
        "dalle",
        "dallo",
        "dagli",
        "dai",
        "dall",
        "dei",
        "degli",
        "del",
        "della",
        "delle",
        "dello",
        "di",
        "e",
        "ed",
        "entro",
        "i",
        "il",
        "in",
        "la",
        "le",
        "lo",
        "nel",
        "nella",
        "nelle",
        "nello",
        "negli",
        "nei",
        "nell",
        "o",
        "od",
        "per",
        "su",
        "sul",
        "sulla",
        "sulle",
        "sullo",
        "sugli",
        "sui",
        "sull",
        "tra",
        "fra",
        "un",
        "una",
        "uno",
        "gli",
        "l",
        "d",
        "dell",
        "n",
        "almeno",
        "anno",
        "annuale",
    }
)
MATCH_THRESHOLD = 0.35
STEM_LENGTH = 6
_ORDINAL_CODE = re.compile(r"^\d{1,2}$")


def normalise_title(text: object) -> list[str]:
    """Lower case, no accents, no punctuation, no Italian stop words."""
    if _is_missing(text):
        return []
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return [w for w in s.split() if w not in STOPWORDS and len(w) > 1]


def title_similarity(a: object, b: object) -> tuple[float, float, float]:
    """(score, jaccard, ratio): score is the mean of the Jaccard index of the word stems (first
    6 letters) and difflib's SequenceMatcher ratio of the normalised titles."""
    ta, tb = normalise_title(a), normalise_title(b)
    if not ta or not tb:
        return 0.0, 0.0, 0.0
    sa, sb = {w[:STEM_LENGTH] for w in ta}, {w[:STEM_LENGTH] for w in tb}
    jaccard = len(sa & sb) / len(sa | sb)
    ratio = difflib.SequenceMatcher(None, " ".join(ta), " ".join(tb)).ratio()
    return (jaccard + ratio) / 2, jaccard, ratio


def is_identifier_code(code: object) -> bool:
    """A code that identifies an indicator across editions (e.g. 'M_8501_1_1'); a bare ordinal
    such as '1' or '12' (the position in a scheda) does not."""
    if _is_missing(code):
        return False
    s = str(code).strip()
    return bool(s) and not _ORDINAL_CODE.match(s)


MATCH_COLUMNS = [
    "indicator_id_a",
    "code_a",
    "name_a",
    "indicator_id_b",
    "code_b",
    "name_b",
    "method",
    "score",
    "jaccard",
    "ratio",
]


def match_indicators(
    left: pd.DataFrame, right: pd.DataFrame, threshold: float = MATCH_THRESHOLD
) -> pd.DataFrame:
    """One-to-one matches between the indicators of two editions: first by identical
    identifier code, then greedily by descending title similarity at or above the threshold.
    Frames need indicator_id, code and name."""
    if left is None or right is None or left.empty or right.empty:
        return pd.DataFrame(columns=MATCH_COLUMNS)
    rows: list[dict] = []
    used_a: set[str] = set()
    used_b: set[str] = set()
    by_code_b: dict[str, dict] = {}
    for r in right.to_dict("records"):
        if is_identifier_code(r.get("code")):
            by_code_b.setdefault(str(r["code"]).strip().upper(), r)
    for a in left.to_dict("records"):
        if not is_identifier_code(a.get("code")):
            continue
        b = by_code_b.get(str(a["code"]).strip().upper())
        if b is None or b["indicator_id"] in used_b:
            continue
        score, jac, rat = title_similarity(a.get("name"), b.get("name"))
        rows.append(_match_row(a, b, "codice", 1.0, jac, rat))
        used_a.add(a["indicator_id"])
        used_b.add(b["indicator_id"])
    candidates = []
    rights = [r for r in right.to_dict("records") if r["indicator_id"] not in used_b]
    for a in left.to_dict("records"):
        if a["indicator_id"] in used_a:
            continue
        for b in rights:
            score, jac, rat = title_similarity(a.get("name"), b.get("name"))
            if score >= threshold:
                candidates.append((score, jac, rat, a, b))
    candidates.sort(key=lambda c: (-c[0], str(c[3]["indicator_id"]), str(c[4]["indicator_id"])))
    for score, jac, rat, a, b in candidates:
        if a["indicator_id"] in used_a or b["indicator_id"] in used_b:
            continue
        rows.append(_match_row(a, b, "titolo", score, jac, rat))
        used_a.add(a["indicator_id"])
        used_b.add(b["indicator_id"])
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.sort_values(["method", "score"], ascending=[True, False]).reset_index(drop=True)


def _match_row(a: dict, b: dict, method: str, score: float, jac: float, rat: float) -> dict:
    return {
        "indicator_id_a": a["indicator_id"],
        "code_a": a.get("code"),
        "name_a": a.get("name"),
        "indicator_id_b": b["indicator_id"],
        "code_b": b.get("code"),
        "name_b": b.get("name"),
        "method": method,
        "score": round(float(score), 3),
        "jaccard": round(float(jac), 3),
        "ratio": round(float(rat), 3),
    }


def targets_text(years: pd.DataFrame, indicator_id: str) -> str:
    """'2021: 2 · 2022: >95%' for one indicator (targets as written)."""
    if years is None or years.empty:
        return ""
    sel = years[(years["indicator_id"] == indicator_id) & years["target_raw"].notna()]
    sel = sel.drop_duplicates(subset=["year", "target_raw"]).sort_values("year")
    return " · ".join(
        f"{int(r.year)}: {r.target_raw}" for r in sel.itertuples() if r.year == r.year
    )


def targets_by_year(years: pd.DataFrame) -> pd.DataFrame:
    """Per document and year: targets by kind (Italian labels), for the trend chart."""
    cols = ["document", "year", "kind", "targets"]
    if years is None or years.empty:
        return pd.DataFrame(columns=cols)
    data = years.dropna(subset=["target_raw", "year"]).copy()
    if data.empty:
        return pd.DataFrame(columns=cols)
    data["document"] = (
        data["period_start_year"].astype(int).astype(str)
        + "-"
        + data["period_end_year"].astype(int).astype(str)
    )
    data["kind"] = data["target_kind"].map(KIND_LABELS).fillna("non classificato")
    out = data.groupby(["document", "year", "kind"], as_index=False).agg(
        targets=("indicator_id", "count")
    )
    out["year"] = out["year"].astype(int)
    return out[cols]


def matched_numeric_targets(matches: pd.DataFrame, years: pd.DataFrame) -> pd.DataFrame:
    """Long frame of the numeric targets of matched pairs, one row per indicator-year, for a
    line chart across editions."""
    cols = ["pair", "edition", "year", "target_value", "target_raw", "score"]
    if matches is None or matches.empty or years is None or years.empty:
        return pd.DataFrame(columns=cols)
    num = years[years["target_kind"].isin(["number", "percent"]) & years["target_value"].notna()]
    rows = []
    for i, m in enumerate(matches.itertuples(), start=1):
        label = f"{i}. {str(m.name_b)[:45]}"
        for ind in (m.indicator_id_a, m.indicator_id_b):
            for r in num[num["indicator_id"] == ind].itertuples():
                rows.append(
                    {
                        "pair": label,
                        "edition": f"{int(r.period_start_year)}-{int(r.period_end_year)}",
                        "year": int(r.year),
                        "target_value": float(r.target_value),
                        "target_raw": r.target_raw,
                        "score": m.score,
                    }
                )
    out = pd.DataFrame(rows, columns=cols)
    # keep pairs with numeric targets on both sides only
    keep = out.groupby("pair")["edition"].nunique()
    return out[out["pair"].isin(keep[keep > 1].index)].reset_index(drop=True)


# --- summaries and exports --------------------------------------------------------------


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


def markdown_table(df: pd.DataFrame) -> str:
    if df is None or df.empty:
        return "_(nessun dato)_\n"

    def cell(v: object) -> str:
        return "" if _is_missing(v) else str(v).replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    sep = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, sep, *body]) + "\n"


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None


def summary_markdown(title: str, sections: list[Section], footer: str = "") -> str:
    out = [f"# {title}", ""]
    for s in sections:
        out += [f"## {s.title}", ""]
        for p in s.paragraphs:
            out += [p, ""]
        if s.table is not None:
            out += [markdown_table(s.table)]
    if footer:
        out += ["---", footer, ""]
    return "\n".join(out)


PRINT_CSS = (
    "body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;color:#111;"
    "line-height:1.4}h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #999;"
    "margin-top:1.6rem}table{border-collapse:collapse;width:100%;font-size:.85rem;"
    "margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;"
    "vertical-align:top}th{background:#eee}footer{margin-top:2rem;font-size:.8rem;color:#555}"
    "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}"
    "table{page-break-inside:auto}tr{page-break-inside:avoid}}"
)


def summary_html(title: str, sections: list[Section], footer: str = "") -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="it"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{PRINT_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    for s in sections:
        parts.append(f"<h2>{esc(s.title)}</h2>")
        parts += [f"<p>{esc(p)}</p>" for p in s.paragraphs]
        if s.table is not None and not s.table.empty:
            parts.append(s.table.to_html(index=False, escape=True, na_rep="", border=0))
        elif s.table is not None:
            parts.append("<p><em>(nessun dato)</em></p>")
    if footer:
        parts.append(f"<footer>{esc(footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (opens with the right accents in Excel), comma separated."""
    return df.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Dati") -> bytes:
    """An .xlsx workbook in memory (xlsxwriter), one sheet, header frozen, columns sized."""
    data = df.copy()
    for c in data.columns:
        if isinstance(data[c].dtype, pd.DatetimeTZDtype):
            data[c] = data[c].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        data.to_excel(writer, index=False, sheet_name=sheet_name[:31])
        ws = writer.sheets[sheet_name[:31]]
        ws.freeze_panes(1, 0)
        for i, c in enumerate(data.columns):
            lengths = data[c].dropna().astype(str).str.len()
            typical = int(lengths.quantile(0.9)) if len(lengths) else 8
            ws.set_column(i, i, min(60, max(len(str(c)), typical) + 2))
    return buf.getvalue()


def finite(value: object) -> bool:
    try:
        return value is not None and math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


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
    s = "" if _is_missing(name) else str(name)
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


# --- trend and Forum summary ------------------------------------------------------------


def year_summary(years: pd.DataFrame) -> pd.DataFrame:
    """Per plan edition and year: targets, measurable share, results reported."""
    cols = ["Piano", "Anno", "Target", "Misurabili (%)", "Solo testo", "Risultati riportati"]
    if years is None or years.empty:
        return pd.DataFrame(columns=cols)
    data = years.dropna(subset=["year"]).copy()
    data["Piano"] = (
        data["period_start_year"].astype(int).astype(str)
        + "-"
        + data["period_end_year"].astype(int).astype(str)
    )
    data["_t"] = data["target_raw"].notna()
    data["_m"] = data["target_kind"].isin(MEASURABLE_KINDS)
    data["_x"] = data["target_kind"].eq("text")
    data["_r"] = data["actual_raw"].notna()
    out = data.groupby(["Piano", "year"], as_index=False).agg(
        Target=("_t", "sum"), _m=("_m", "sum"), **{"Solo testo": ("_x", "sum")}, _r=("_r", "sum")
    )
    out["Misurabili (%)"] = (out["_m"] / out["Target"].where(out["Target"] > 0) * 100).round(1)
    out = out.rename(columns={"year": "Anno", "_r": "Risultati riportati"})
    out["Anno"] = out["Anno"].astype(int)
    return out[cols]


def steps_by_deadline(steps: pd.DataFrame) -> pd.DataFrame:
    """Steps per deadline year: how many, how many weighted in the reporting year, how many
    with an achievement."""
    cols = ["Anno del termine", "Step", "Step con peso nell'anno", "Step con raggiungimento"]
    if steps is None or steps.empty:
        return pd.DataFrame(columns=cols)
    data = steps.copy()
    data["Anno del termine"] = pd.to_datetime(data["deadline"]).dt.year
    out = data.groupby("Anno del termine", as_index=False).agg(
        Step=("step_code", "count"),
        **{
            "Step con peso nell'anno": ("weight_in_year_pct", "count"),
            "Step con raggiungimento": ("achievement_pct", "count"),
        },
    )
    out["Anno del termine"] = out["Anno del termine"].astype("Int64")
    return out[cols]


def matches_table(matches: pd.DataFrame, years: pd.DataFrame) -> pd.DataFrame:
    """Matched pairs as shown to a person: score first, then both titles and their targets."""
    cols = [
        "Somiglianza",
        "Metodo",
        "Jaccard radici",
        "Rapporto difflib",
        "Indicatore (prima edizione)",
        "Target (prima edizione)",
        "Indicatore (seconda edizione)",
        "Target (seconda edizione)",
    ]
    if matches is None or matches.empty:
        return pd.DataFrame(columns=cols)
    out = pd.DataFrame(
        {
            "Somiglianza": matches["score"].round(2),
            "Metodo": matches["method"],
            "Jaccard radici": matches["jaccard"].round(2),
            "Rapporto difflib": matches["ratio"].round(2),
            "Indicatore (prima edizione)": matches["name_a"],
            "Target (prima edizione)": [targets_text(years, i) for i in matches["indicator_id_a"]],
            "Indicatore (seconda edizione)": matches["name_b"],
            "Target (seconda edizione)": [
                targets_text(years, i) for i in matches["indicator_id_b"]
            ],
        }
    )
    return out[cols]


def ente_vs_peers(units: pd.DataFrame, unit: str, keys: list[str]) -> pd.DataFrame:
    """One ente's measures against the median of all enti."""
    stats = peer_stats(units, keys).set_index("key")
    row = units[units["unit"] == unit]
    out = []
    for key in keys:
        m = MEASURE_BY_KEY[key]
        value = row.iloc[0][key] if not row.empty else None
        med = stats.loc[key].get("median") if stats.loc[key]["n"] else None
        out.append(
            {
                "Misura": m.label,
                "Ente": format_value(m, value),
                "Mediana degli enti": format_value(m, med),
                "Enti con un valore": int(stats.loc[key]["n"]),
            }
        )
    return pd.DataFrame(out)


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


def forum_sections(
    ente_name: str,
    docs: pd.DataFrame,
    doc_units: pd.DataFrame,
    peers: pd.DataFrame,
    matches: pd.DataFrame | None,
    threshold: float,
    achievement: float | None,
    dq_line: str,
) -> list[Section]:
    """The printable summary of one ente for the Forum degli assessori."""
    sections = []
    doc_table = pd.DataFrame(
        {
            "Documento": docs["doc_title"],
            "Periodo": docs["period_start_year"].astype(str)
            + "-"
            + docs["period_end_year"].astype(str),
            "File": docs["source_file"],
        }
    )
    sections.append(Section("Documenti", [f"Ente: {ente_name}."], doc_table))
    if doc_units is not None and not doc_units.empty:
        sections.append(
            Section(
                "Misure per edizione del piano",
                ["Ogni misura è definita nella pagina Confronto tra enti dell'Osservatorio."],
                side_by_side(doc_units, FORUM_KEYS).drop(columns=["Definizione"]),
            )
        )
    if peers is not None and not peers.empty:
        sections.append(Section("L'ente rispetto agli altri enti", [], peers))
    if achievement is not None:
        sections.append(
            Section(
                "Stato di attuazione",
                [
                    "Realizzazione ponderata degli step dell'anno, media degli obiettivi "
                    f"ponderata con l'incidenza sul piano: {fmt_pct(achievement)}."
                ],
            )
        )
    if matches is not None:
        matches = matches.copy()
        for col in ("Somiglianza", "Jaccard radici", "Rapporto difflib"):
            if col in matches:
                matches[col] = matches[col].map(lambda v: fmt_number(v, 2))
        sections.append(
            Section(
                "Indicatori ricorrenti tra le edizioni",
                [
                    "Abbinamento per codice identificativo, altrimenti per somiglianza del "
                    "titolo (media tra indice di Jaccard delle radici e rapporto difflib dei "
                    f"titoli normalizzati), soglia {fmt_number(threshold, 2)}: gli abbinamenti "
                    "vanno verificati da una persona.",
                    f"Coppie trovate: {len(matches)}.",
                ],
                matches,
            )
        )
    sections.append(Section("Qualità dei dati", [dq_line]))
    return sections
