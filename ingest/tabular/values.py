"""Cell values of the template: one parser per field type (spec.TYPES).

Every parser takes the cell as text (None or "" when empty) and returns the typed value, or
raises ValueError with an Italian reason that names what is wrong ("130 è fuori
dall'intervallo 0-100"). The validator (pydantic) turns those into per-cell problems.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ingest.common import parse_it_date, parse_it_decimal
from ingest.tabular.spec import Field

YEAR_MIN, YEAR_MAX = 1990, 2100
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YES = {"sì", "si", "s", "x", "vero", "true", "1"}
_NO = {"no", "n", "falso", "false", "0"}


# Cell texts that say "no value" (kept as written in the <field>_raw column).
NONE_MARKERS = {"-", "--", "---", "n.d.", "n.d", "nd", "n.a.", "n/a", "//"}


def blank(value: str | None) -> bool:
    return value is None or not str(value).strip() or str(value).strip().lower() in NONE_MARKERS


def _number(text: str) -> Decimal:
    try:
        value = parse_it_decimal(text)
    except ValueError:
        raise ValueError(f"{text!r} non è un numero in formato italiano (es. 1.234,56)") from None
    if value is None:  # pragma: no cover - blank handled before
        raise ValueError("valore vuoto")
    return value


def parse_text(text: str, f: Field) -> str:
    return text.strip()


def parse_code(text: str, f: Field) -> str:
    s = text.strip()
    if "\n" in s:
        raise ValueError(f"{s!r}: un codice deve stare su una sola riga")
    return s


def parse_int(text: str, f: Field) -> int:
    s = text.strip()
    if not re.fullmatch(r"[+-]?\d+", s):
        raise ValueError(f"{s!r} non è un numero intero")
    return int(s)


def parse_year(text: str, f: Field) -> int:
    s = text.strip()
    if not re.fullmatch(r"\d+", s):
        raise ValueError(f"{s!r} non è un anno")
    year = int(s)
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueError(f"{year} non è un anno valido ({YEAR_MIN}-{YEAR_MAX})")
    return year


def parse_percent(text: str, f: Field) -> Decimal:
    value = _number(text)
    top = Decimal(str(f.maximum)) if f.maximum is not None else Decimal(100)
    if not Decimal(0) <= value <= top:
        raise ValueError(f"{text.strip()} è fuori dall'intervallo 0-{top:f} di una percentuale")
    return value


def parse_decimal(text: str, f: Field) -> Decimal:
    return _number(text)


def parse_amount(text: str, f: Field) -> Decimal:
    value = _number(text)
    if value != value.quantize(Decimal("0.01")):
        raise ValueError(f"{text.strip()!r}: un importo in euro ha al massimo due decimali")
    return value


def parse_date(text: str, f: Field) -> str:
    s = text.strip()
    m = _ISO_DATE.match(s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            pass
    iso = parse_it_date(s)
    if iso is None:
        raise ValueError(f"{s!r} non è una data gg/mm/aaaa")
    return iso


def parse_yes_no(text: str, f: Field) -> bool:
    s = text.strip().lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(f"{text.strip()!r} non è sì o no")


def parse_choice(text: str, f: Field) -> str:
    s = text.strip()
    for choice in f.choices:
        if s.lower() == choice.lower():
            return choice
    raise ValueError(f"{s!r} non è tra i valori ammessi ({', '.join(f.choices)})")


PARSERS: dict[str, Callable[[str, Field], Any]] = {
    "testo": parse_text,
    "codice": parse_code,
    "intero": parse_int,
    "anno": parse_year,
    "percentuale": parse_percent,
    "numero": parse_decimal,
    "importo": parse_amount,
    "data": parse_date,
    "si_no": parse_yes_no,
    "scelta": parse_choice,
}
# Types whose cell text is kept beside the parsed value in a <field>_raw column.
KEEP_RAW = {"percentuale", "numero", "importo", "data", "si_no"}


def parse_cell(text: str | None, f: Field) -> Any:
    """The typed value of a cell (None when empty); ValueError with an Italian reason."""
    if blank(text):
        if f.required:
            raise ValueError("campo obbligatorio vuoto")
        return None
    assert text is not None
    return PARSERS[f.type](text, f)


def format_it_number(value: Decimal | float | int) -> str:
    """A number in Italian format without thousands separators: 1234.5 -> '1234,5'."""
    d = value if isinstance(value, Decimal) else Decimal(repr(value))
    if d == d.to_integral_value():
        return str(d.quantize(Decimal(1)))
    text = format(d.normalize(), "f")
    return text.replace(".", ",")
