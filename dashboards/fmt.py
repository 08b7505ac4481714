"""Italian formatting of numbers, amounts, percentages, dates and names for the pages, with
Babel (CLDR locale it_IT): 1.070 · 94,7 % · 2.244.232,18 € · 10,0 mln · 02/12/2026.

Missing values are shown as "—", never as "None" or "nan"."""

from __future__ import annotations

import datetime as dt
import math
import re

import pandas as pd
from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal

LOCALE = "it_IT"
MISSING = "—"


def is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def finite(value: object) -> bool:
    try:
        return value is not None and math.isfinite(float(value))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False


def fmt_number(value: object, decimals: int = 0) -> str:
    """1234567.891 -> '1.234.567,89' (with decimals=2); missing -> '—'."""
    if not finite(value):
        return MISSING if is_missing(value) else str(value)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), pattern, locale=LOCALE)  # type: ignore[arg-type]


def fmt_int(value: object) -> str:
    return fmt_number(value, 0)


def fmt_euro(value: object) -> str:
    """2244232.18 -> '2.244.232,18 €'."""
    if not finite(value):
        return MISSING
    return format_currency(float(value), "EUR", locale=LOCALE)  # type: ignore[arg-type]


def fmt_pct(value: object, decimals: int = 1) -> str:
    """94.7 (a 0-100 percentage) -> '94,7 %'."""
    if not finite(value):
        return MISSING
    return fmt_number(value, decimals) + "\u00a0%"


def fmt_points(value: object, decimals: int = 1, signed: bool = True) -> str:
    """A difference between two percentages: '+3,2 punti' (percentage points)."""
    if not finite(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    sign = "+" if signed and v > 0 else ""
    unit = "punto" if abs(round(v, decimals)) == 1 else "punti"
    return f"{sign}{fmt_number(v, decimals)} {unit}"


def fmt_compact_euro(value: object) -> str:
    """Short amounts for bar labels: '10,0 mln €', '600.000 €'."""
    if not finite(value):
        return MISSING
    v = float(value)  # type: ignore[arg-type]
    if abs(v) >= 1_000_000:
        return f"{fmt_number(v / 1_000_000, 1)} mln €"
    return f"{fmt_number(v, 0)} €"


def fmt_date(value: object) -> str:
    """A date or timestamp -> '02/12/2026'."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        value = value.date()
    return format_date(value, "dd/MM/yyyy", locale=LOCALE)  # type: ignore[arg-type]


def fmt_datetime(value: object) -> str:
    """A timestamp -> '02/12/2026 08:59'."""
    if is_missing(value):
        return MISSING
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if not isinstance(value, dt.datetime):
        return fmt_date(value)
    return format_datetime(value, "dd/MM/yyyy HH:mm", locale=LOCALE)


def fmt_text(value: object) -> str:
    """Any cell as text: numbers in Italian format, missing as '—'."""
    if is_missing(value):
        return MISSING
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt_number(value, 0 if float(value).is_integer() else 2)
    return str(value)


def plural(n: object, one: str, many: str) -> str:
    """'1 avviso', '2 avvisi', '1.070 righe'."""
    count = int(n) if finite(n) else 0  # type: ignore[arg-type]
    return f"{fmt_int(count)} {one if count == 1 else many}"


_DECIMAL_TEXT = re.compile(r"-?\d+(\.\d+)?")


def tidy_number_text(value: object) -> str:
    """A figure stored as text ('97.3500', '100.0000', '2') -> Italian ('97,35', '100', '2');
    other text unchanged; missing -> ''."""
    if is_missing(value):
        return ""
    s = str(value).strip()
    if _DECIMAL_TEXT.fullmatch(s):
        decimals = len(s.split(".")[1].rstrip("0")) if "." in s else 0
        return fmt_number(float(s), decimals)
    return s


def short_name(name: object) -> str:
    """'ASC InSieme (Azienda Speciale ...)' -> 'ASC InSieme'; 'CSSM, Consorzio ...' -> 'CSSM'."""
    if is_missing(name):
        return ""
    s = re.split(r"[,(]", str(name), maxsplit=1)[0].strip()
    return s or str(name)


def period(start: object, end: object) -> str:
    """2021, 2023 -> '2021-2023'; 2021, 2021 -> '2021'."""
    if is_missing(start):
        return MISSING
    s, e = int(start), int(end) if not is_missing(end) else int(start)  # type: ignore[arg-type]
    return str(s) if s == e else f"{s}-{e}"
