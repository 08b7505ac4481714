"""Results against their targets and the weighted achievement of steps."""

from __future__ import annotations

import re

import pandas as pd

from dashboards.fmt import is_missing

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
        if not is_missing(actual):
            return float(actual) > 0
        raw = get("actual_raw") or ""
        if _YES.match(str(raw)):
            return True
        if _NO.match(str(raw)):
            return False
        return None
    if kind in ("number", "percent") and not is_missing(actual) and not is_missing(target):
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
