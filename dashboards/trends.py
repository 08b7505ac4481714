"""Targets and results across years and plan editions, for the Andamento page."""

from __future__ import annotations

import pandas as pd

from dashboards.catalogue import KIND_LABELS, MEASURABLE_KINDS


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
