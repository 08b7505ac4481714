"""Year resolution of the AZIONI and INDICATORI tables of a scheda.

A table's own header years are used (rule ``header``) when they are distinct consecutive
years. Otherwise (a year given twice, a gap, a header without a year) the columns are
assigned positionally, in column order, starting from the first year of the scheda's AZIONI
table when that table's header is valid (``positional_from_azioni``), else from the first
year of the period the scheda declares (``positional_from_period``). No column is ever
dropped. Every table's resolution is written to ``asc_year_resolution`` with
``agrees_with_period`` (resolved years == the scheda's declared period) and a ``flag`` text
for every disagreement.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.asc_schede.model import Scheda, Table


@dataclass
class Resolution:
    years: list[int | None]
    rule: str
    header_valid: bool
    agrees_with_period: bool
    flags: list[str]


def header_valid(years: list[int | None]) -> bool:
    present = [y for y in years if y is not None]
    if not years or len(present) != len(years):
        return False
    return all(b == a + 1 for a, b in zip(present, present[1:], strict=False))


def resolve_years(
    header_years: list[int | None],
    azioni_first_year: int | None,
    period: tuple[int | None, int | None],
) -> tuple[list[int | None], str, bool]:
    """(resolved years, rule, header_valid) for one table; see the module docstring."""
    valid = header_valid(header_years)
    if valid:
        return list(header_years), "header", True
    width = len(header_years)
    if azioni_first_year is not None:
        return [azioni_first_year + i for i in range(width)], "positional_from_azioni", False
    if period[0] is not None:
        return [period[0] + i for i in range(width)], "positional_from_period", False
    return [None] * width, "unresolved", False


def resolve(table: Table, scheda: Scheda, azioni_first_year: int | None) -> Resolution:
    """The years of ``table``, with a flag for every disagreement with its header or with
    the period the scheda declares."""
    header_years = [y.header_year for y in table.years]
    years, rule, valid = resolve_years(
        header_years, azioni_first_year, (scheda.period_start, scheda.period_end)
    )
    flags = list(table.flags)
    hdr = "|".join("" if y is None else str(y) for y in header_years)
    res = "|".join("" if y is None else str(y) for y in years)
    if not valid:
        flags.append(f"header years '{hdr}' are not distinct consecutive years; resolved {res}")
    agrees = False
    if scheda.period_start is not None and scheda.period_end is not None:
        declared = list(range(scheda.period_start, scheda.period_end + 1))
        agrees = years == declared
        if not agrees:
            flags.append(f"resolved years {res} differ from declared period {scheda.period_raw}")
    else:
        flags.append("scheda declares no period")
    return Resolution(years, rule, valid, agrees, flags)
