"""The catalogue of comparable measures as the pages show it. Labels, units, directions and
definitions come from dbt (``dim_measure``, built from the descriptions in _marts.yml): the
dashboard defines no measure of its own."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboards.fmt import fmt_euro, fmt_number, fmt_pct, fmt_points, is_missing

KIND_LABELS = {
    "number": "numero",
    "percent": "percentuale",
    "date": "data",
    "boolean": "sì/no",
    "text": "solo testo",
}
MEASURABLE_KINDS = ("number", "percent", "date", "boolean")
UNIT_LEVELS = {"ente": "Enti", "document": "Documenti (edizioni)", "type": "Tipi di ente"}
LEVEL_NOUN = {
    "ente": ("ente", "enti"),
    "document": ("documento", "documenti"),
    "type": ("tipo di ente", "tipi di ente"),
}
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


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # "n" count, "pct" percentage 0-100, "eur" euro, "dec" decimal
    definition: str
    higher_is_better: bool | None
    group: str


def measures(catalogue: pd.DataFrame) -> list[Measure]:
    """The rows of dim_measure as Measure objects, in the catalogue's order."""
    out = []
    for r in catalogue.itertuples():
        direction = None if is_missing(r.higher_is_better) else bool(r.higher_is_better)
        out.append(Measure(r.measure_key, r.label, r.unit, r.definition, direction, r.group_name))
    return out


def format_value(measure: Measure, value: object) -> str:
    if measure.unit == "pct":
        return fmt_pct(value)
    if measure.unit == "eur":
        return fmt_euro(value)
    if measure.unit == "dec":
        return fmt_number(value, 2)
    return fmt_number(value, 0)


def format_gap(measure: Measure, value: object) -> str:
    """A gap from the median: percentage points for percentages, '+' for positive gaps."""
    if measure.unit == "pct":
        return fmt_points(value)
    text = format_value(measure, value)
    return "+" + text if not is_missing(value) and float(value) > 0 else text  # type: ignore[arg-type]
