"""Italian formatting of numbers, amounts, percentages and names for the pages."""

from __future__ import annotations

import math
import re

import pandas as pd


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_number(value: object, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567,89' (Italian separators); missing -> '—'."""
    if is_missing(value):
        return "—"
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    s = f"{v:,.{decimals}f}"
    return s.replace(",", "§").replace(".", ",").replace("§", ".")


def fmt_euro(value: object) -> str:
    return "—" if is_missing(value) else "€ " + fmt_number(value, 2)


def fmt_pct(value: object, decimals: int = 1) -> str:
    return "—" if is_missing(value) else fmt_number(value, decimals) + "%"


def tidy_number_text(value: object) -> str:
    """'97.3500' -> '97.35', '100.0000' -> '100'; other text unchanged; missing -> ''."""
    if is_missing(value):
        return ""
    s = str(value).strip()
    if re.fullmatch(r"-?\d+\.\d+", s):
        s = s.rstrip("0").rstrip(".")
    return s


def short_name(name: object) -> str:
    """'ASC InSieme (Azienda Speciale ...)' -> 'ASC InSieme'; 'CSSM, Consorzio ...' -> 'CSSM'."""
    if is_missing(name):
        return ""
    s = re.split(r"[,(]", str(name), maxsplit=1)[0].strip()
    return s or str(name)


def finite(value: object) -> bool:
    try:
        return value is not None and math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
