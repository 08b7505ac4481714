"""Parser for the ASC "schede obiettivo" of a Piano programma (ASC InSieme and look-alikes).

Document structure (one block per scheda)::

    Scheda N
    Obiettivo da piano programma 2021-2023 <TAB> title
    Responsabile <TAB> role
    Altri servizi coinvolti <TAB> services (may be empty)
    AZIONI
    [N] <TAB> Innovazione <TAB> Descrizione <TAB> Risultato atteso <TAB> 2021 <TAB> 2022 <TAB> 2023
    1 <TAB> X <TAB> description <TAB> expected result <TAB> X <TAB> X <TAB>
    ## INDICATORI DI PERFORMANCE  |  INDICATORI
    <indicator table header> then one row per indicator ("N" repeats: several per action)

Layouts, detected from the content of the INDICATORI table headers (never the file name):

* ``asc_2021``: "Previsione YYYY" and "Risultato YYYY" columns per year, then "NOTE";
* ``asc_2025``: a "Responsabili" (or "Responsabile") column and "Previsione YYYY" only.

Stages (``docs/parsers/asc_schede.md`` follows one record from its line to its row):

1. :mod:`~ingest.asc_schede.blocks`: the lines into schede and their AZIONI / INDICATORI
   tables (:mod:`~ingest.asc_schede.model`), claiming headings, repeated headers and debris;
   rows broken by a page break are joined by the rules of :mod:`~ingest.asc_schede.rules`;
2. :mod:`~ingest.asc_schede.records`: records from the blocks, with the years of each table
   resolved by :mod:`~ingest.asc_schede.years` and the split-cell and responsabili rules of
   :mod:`~ingest.asc_schede.rules`.

Line shapes and names are in :mod:`~ingest.asc_schede.patterns`.

``doc_title`` is "Piano programma <period>: schede obiettivo" with the period most schede
declare; on a tie, the latest period (the older one is a leftover of the previous plan).
"""

from __future__ import annotations

from collections import Counter

from ingest.asc_schede.blocks import read_schede
from ingest.asc_schede.model import Scheda
from ingest.asc_schede.patterns import FAMILY, LAYOUT_2021, LAYOUT_2025
from ingest.asc_schede.records import emit, emit_azioni, emit_indicatori, scheda_record
from ingest.asc_schede.rules import known_surnames, split_responsabili
from ingest.asc_schede.years import resolve_years
from ingest.common import Ledger, ParseResult, SourceDocument, UnknownLayoutError

__all__ = [
    "FAMILY",
    "LAYOUT_2021",
    "LAYOUT_2025",
    "parse",
    "resolve_years",
    "split_responsabili",
]


def _detect_layout(doc: SourceDocument, schede: list[Scheda]) -> str:
    """``asc_2021`` or ``asc_2025`` from the columns of the INDICATORI headers."""
    tables = [s.indicatori for s in schede if s.indicatori is not None]
    with_actual = [t for t in tables if any(y.actual_col is not None for y in t.years)]
    with_resp = [t for t in tables if t.resp_col is not None]
    if with_actual and with_resp:
        raise UnknownLayoutError(
            doc.source_file,
            with_resp[0].header_line,
            "INDICATORI headers mix Risultato columns (asc_2021) and Responsabili (asc_2025)",
        )
    if with_actual:
        return LAYOUT_2021
    if with_resp:
        return LAYOUT_2025
    raise UnknownLayoutError(
        doc.source_file,
        None,
        "no INDICATORI header with Risultato (asc_2021) or Responsabili (asc_2025) columns",
    )


def _main_period(schede: list[Scheda]) -> tuple[str | None, int | None, int | None]:
    """The period most schede declare; on a tie, the latest."""
    counts = Counter(
        (s.period_start, s.period_end, s.period_raw) for s in schede if s.period_raw is not None
    )
    if not counts:
        return None, None, None
    (start, end, raw), _ = max(counts.items(), key=lambda kv: (kv[1], kv[0][0], kv[0][1]))
    return raw, start, end


def parse(doc: SourceDocument) -> ParseResult:
    """Read one ASC schede-obiettivo document into the asc_* tables."""
    ledger = Ledger(doc)
    schede = read_schede(doc, ledger)
    layout = _detect_layout(doc, schede)
    period_raw, start, end = _main_period(schede)
    result = ParseResult(
        document_id=doc.document_id,
        family=FAMILY,
        layout=layout,
        ledger=ledger,
        doc_title=f"Piano programma {period_raw}: schede obiettivo" if period_raw else None,
        period_start_year=start,
        period_end_year=end,
    )
    known = known_surnames(schede)
    for scheda in schede:
        emit(result, "asc_schede", scheda_record(scheda), scheda.lines)
        azioni_first_year = None
        if scheda.azioni is not None:
            azioni_first_year = emit_azioni(result, scheda, scheda.azioni)
        if scheda.indicatori is not None:
            emit_indicatori(result, scheda, scheda.indicatori, azioni_first_year, known)
    return result
