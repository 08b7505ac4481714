"""Tables of the Confronto page built from ready rows (mart_measures_*, mart_measure_stats,
mart_measure_rank): laid out and formatted here, computed in dbt."""

from __future__ import annotations

import pandas as pd

from dashboards.catalogue import KIND_LABELS, MEASURABLE_KINDS, Measure, format_gap, format_value
from dashboards.fmt import MISSING, fmt_int, is_missing


def side_by_side(
    units: pd.DataFrame, measures: list[Measure], stats: pd.DataFrame, with_definition: bool = True
) -> pd.DataFrame:
    """Measures as rows, one column per unit, then the median and the range over all the units
    of the level (mart_measure_stats), then the definition."""
    by_key = stats.set_index("measure_key") if not stats.empty else pd.DataFrame()
    rows = []
    for m in measures:
        row: dict[str, object] = {"Misura": m.label}
        for _, u in units.iterrows():
            row[str(u["label"])] = format_value(m, u.get(m.key))
        s = by_key.loc[m.key] if m.key in by_key.index else None
        if s is not None and s["n_units_with_value"]:
            row["Mediana"] = format_value(m, s["median_value"])
            row["Min – max"] = (
                f"{format_value(m, s['min_value'])} – {format_value(m, s['max_value'])}"
            )
        else:
            row["Mediana"] = MISSING
            row["Min – max"] = MISSING
        if with_definition:
            row["Definizione"] = m.definition
        rows.append(row)
    return pd.DataFrame(rows)


def ranking_table(rows: pd.DataFrame, measure: Measure) -> pd.DataFrame:
    """A page of mart_measure_rank as shown: position, unit, type, value, gap from the median."""
    return pd.DataFrame(
        {
            "Posizione": rows["rank"].map(lambda r: MISSING if is_missing(r) else fmt_int(r)),
            "Unità": rows["label"],
            "Tipo": rows["ente_type"],
            measure.label: rows["value"].map(lambda v: format_value(measure, v)),
            "Scarto dalla mediana": rows["gap_from_median"].map(lambda v: format_gap(measure, v)),
        }
    ).reset_index(drop=True)


def target_kind_shares(units: pd.DataFrame) -> pd.DataFrame:
    """Long frame for the chart: unit label, kind (Italian), targets, share of the unit's
    targets (pct_targets_<kind> and pct_text of the measure marts)."""
    rows = []
    for _, u in units.iterrows():
        for kind in (*MEASURABLE_KINDS, "text"):
            share_col = "pct_text" if kind == "text" else f"pct_targets_{kind}"
            rows.append(
                {
                    "label": u["label"],
                    "kind": KIND_LABELS[kind],
                    "targets": float(u.get(f"n_targets_{kind}") or 0),
                    "share": u.get(share_col),
                }
            )
    return pd.DataFrame(rows, columns=["label", "kind", "targets", "share"])
