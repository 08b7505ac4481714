"""Normalise a target or result string into (kind, operator, value, date).

The raw string is always kept beside the result by the caller. The rules, in order:

1. empty -> no target (kind None);
2. a yes/no word alone ("SI", "Si", "No") -> boolean, value 1/0;
3. a string that holds several figures (two numbers, two dates, a number and a deadline,
   "2 assemblee 1 Question time ...", "Tasso di risposta 75% Percentuale gradimento 75%")
   -> text: we never pick one of several targets;
4. exactly one date (31/12/2021, 30.06.2023, 31/8/2023) that is the whole cell or a deadline
   ("entro il 31/8/2023") -> date; operator "<=" for a deadline, "=" otherwise; a date cited
   in a sentence ("DPCM del 23.09.2021") is text;
5. "Entro <month>" with no other figure -> date at the end of that month of the column's year
   (only when the caller gives the year), operator "<=";
6. exactly one number, with "%" -> percent, otherwise number; the operator comes from a
   symbol (">95%", "≥ 2.400", "=≥ 25%", "= 100%") or an Italian word before the number
   ("almeno", "non inferiore", "superiore al", "inferiore al", "massimo", ...), "=" when none.
   A leading sign is part of the value ("-30% budget ..." -> -30, "+10%" -> 10);
7. anything else ("Da definire ...", "Report trimestrale") -> text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ingest.common import parse_it_decimal

BOOL_WORDS = {"si": 1.0, "sì": 1.0, "no": 0.0}

MONTHS = {
    "gennaio": 1,
    "febbraio": 2,
    "marzo": 3,
    "aprile": 4,
    "maggio": 5,
    "giugno": 6,
    "luglio": 7,
    "agosto": 8,
    "settembre": 9,
    "ottobre": 10,
    "novembre": 11,
    "dicembre": 12,
}

_DATE_RE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?![\d/.])")
# A sign only counts when it stands at the start of the string or after a space, and is
# directly attached to the digits ("-30%", "+10%"); never a hyphen inside words or ranges.
_NUM_RE = re.compile(r"(?<![\w,.])([+-](?=\d))?(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?!\d)")
_MONTH_DEADLINE_RE = re.compile(
    r"^entro\s+(?:il\s+mese\s+di\s+|la\s+fine\s+di\s+|fine\s+)?(" + "|".join(MONTHS) + r")\.?$",
    re.IGNORECASE,
)

_SYMBOL_OPS = [
    ("=≥", ">="),
    ("≥", ">="),
    (">=", ">="),
    ("=>", ">="),
    ("≤", "<="),
    ("<=", "<="),
    ("=<", "<="),
    (">", ">"),
    ("<", "<"),
    ("=", "="),
]
_WORD_OPS = [
    (r"\bnon\s+inferiore\s+a", ">="),
    (r"\bnon\s+superiore\s+a", "<="),
    (r"\bpari\s+o\s+superiore\s+a", ">="),
    (r"\bsuperiore\s+a", ">"),
    (r"\bmaggiore\s+di", ">"),
    (r"\boltre\b", ">"),
    (r"\binferiore\s+a", "<"),
    (r"\bminore\s+di", "<"),
    (r"\balmeno\b", ">="),
    (r"\bminimo\b", ">="),
    (r"\bmassimo\b", "<="),
    (r"\bmax\b", "<="),
    (r"\bentro\b", "<="),
]


@dataclass(frozen=True)
class Target:
    kind: str | None  # number, percent, date, boolean, text (None: no target)
    operator: str | None  # =, >=, <=, >, <
    value: float | None
    date: str | None  # ISO date

    def as_dict(self, prefix: str = "target") -> dict[str, object]:
        return {
            f"{prefix}_kind": self.kind,
            f"{prefix}_operator": self.operator,
            f"{prefix}_value": self.value,
            f"{prefix}_date": self.date,
        }


NO_TARGET = Target(None, None, None, None)


def _iso(day: int, month: int, year_raw: str) -> str | None:
    year = int(year_raw) + 2000 if len(year_raw) == 2 else int(year_raw)
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _operator_before(text: str) -> str | None:
    """The comparison operator written before the figure (symbol first, then words)."""
    stripped = text.strip()
    for symbol, op in _SYMBOL_OPS:
        if stripped.endswith(symbol) or stripped == symbol:
            return op
    low = text.lower()
    found: tuple[int, str] | None = None
    for pattern, op in _WORD_OPS:
        for m in re.finditer(pattern, low):
            if found is None or m.start() > found[0]:
                found = (m.start(), op)
    return found[1] if found else None


def normalise_target(raw: str | None, year: int | None = None) -> Target:
    """Normalise one target/result cell. ``year`` is the column's year, if any."""
    if raw is None:
        return NO_TARGET
    text = " ".join(raw.replace("\u00a0", " ").split())
    if not text:
        return NO_TARGET
    low = text.lower().rstrip(".")
    if low in BOOL_WORDS:
        return Target("boolean", "=", BOOL_WORDS[low], None)

    dates = list(_DATE_RE.finditer(text))
    without_dates = _DATE_RE.sub(" ", text)
    numbers = list(_NUM_RE.finditer(without_dates))
    month_words = [w for w in re.findall(r"[a-zà]+", low) if w in MONTHS]
    has_deadline_word = "entro" in low

    figures = len(dates) + len(numbers) + (len(month_words) if not dates else 0)
    if figures > 1:
        return Target("text", None, None, None)

    if len(dates) == 1:
        m = dates[0]
        iso = _iso(int(m.group(1)), int(m.group(2)), m.group(3))
        # a date is a target only when it is the whole cell or a deadline ("entro il ..."):
        # "DPCM del 23.09.2021" cites a decree, it sets no date
        if iso is None or not (text == m.group(0) or has_deadline_word):
            return Target("text", None, None, None)
        return Target("date", "<=" if has_deadline_word else "=", None, iso)

    m_month = _MONTH_DEADLINE_RE.match(text)
    if m_month:
        if year is None:
            return Target("text", None, None, None)
        month = MONTHS[m_month.group(1).lower()]
        last = calendar.monthrange(year, month)[1]
        return Target("date", "<=", None, dt.date(year, month, last).isoformat())

    if len(numbers) == 1:
        m = numbers[0]
        sign, digits = m.group(1) or "", m.group(2)
        value = parse_it_decimal(digits)
        if value is None:
            return Target("text", None, None, None)
        after = without_dates[m.end() :].lstrip()
        kind = "percent" if after.startswith("%") else "number"
        op = _operator_before(without_dates[: m.start()]) or "="
        signed = -value if sign == "-" else value
        return Target(kind, op, float(signed), None)

    return Target("text", None, None, None)


def actual_value(raw: str | None) -> float | None:
    """The numeric value of a reported result when it is a single number or percent."""
    t = normalise_target(raw)
    return t.value if t.kind in ("number", "percent", "boolean") else None
