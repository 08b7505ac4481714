"""Measures per unit (document, ente, type of ente), peer statistics and rankings."""

from __future__ import annotations

import pandas as pd

from dashboards.assessment import overall_achievement, result_counts, step_achievement
from dashboards.catalogue import (
    COUNT_COLUMNS,
    KIND_LABELS,
    MEASURABLE_KINDS,
    MEASURE_BY_KEY,
    MEASURES,
    MONEY_COLUMNS,
    format_value,
)
from dashboards.fmt import is_missing, short_name


def _ratio(num: pd.Series, den: pd.Series) -> pd.Series:
    num = pd.to_numeric(num, errors="coerce").astype(float)
    den = pd.to_numeric(den, errors="coerce").astype(float)
    out = num / den.where(den > 0) * 100
    return out.astype(float)


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
            "Posizione": ranks.map(lambda r: "—" if is_missing(r) else str(int(r))),
            "Unità": data["label"],
            "Tipo": data["ente_type"],
            m.label: data["value"].map(lambda v: format_value(m, v)),
            "Scarto dalla mediana": (data["value"] - med).map(
                lambda v: "—" if is_missing(v) else ("+" if v > 0 else "") + format_value(m, v)
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
