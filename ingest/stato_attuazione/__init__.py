"""Parser for the *Stato di attuazione* family (progress report of a Piano della performance).

Layout ``sa_piano_performance`` (e.g. CSSM Consorzio Monregalese, "STATO DI ATTUAZIONE AL
31/12/2020 DEL PIANO DELLA PERFORMANCE E PIANO DETTAGLIATO DEGLI OBIETTIVI 2020 - 2022"):

* a title over a few lines (report date "AL dd/mm/yyyy" and the plan period);
* one block per objective: group header "Obiettivo di performance" / "Obiettivo di PEG", the
  header row "cod. | titolo | situazione attuale | criticità | situazione attesa | vantaggi",
  the objective row, its incidence on the whole plan, the "Percorso e metodo generale"
  table, then two "Sviluppo obiettivo per steps intermedi" tables (weights; verification and
  % achieved) and the "TOTALE <year>" row;
* the "TABELLA DI RACCORDO CON IL PIANO PROGRAMMA", the "TABELLA MISSIONI/PROGRAMMI" and the
  two catalogs "TABELLA OBIETTIVI DI PERFORMANCE" / "TABELLA OBIETTIVI DI PEG".

Stages (docs/parsers/stato_attuazione.md lists every rule for a defect of the export):

1. ``blocks.read_blocks``: the lines into blocks (title lines, objective blocks with their
   step tables and totals, raccordo rows, missioni rows, catalog rows) and ledger claims for
   headings, headers and markdown debris;
2. one module per kind of record: ``title`` (document title and period), ``objectives``,
   ``steps`` (steps, verifications, totals), ``raccordo``, ``catalogs`` (missioni/programmi
   and objective catalogs), each a few small functions from blocks to records.

Every non-blank line is mapped, classified as boilerplate by a named rule, or left unparsed
with a reason. Raw strings are kept beside every parsed figure.
"""

from __future__ import annotations

from ingest.common import (
    BOILERPLATE,
    Ledger,
    ParseResult,
    SourceDocument,
    UnknownLayoutError,
)

from .blocks import read_blocks
from .catalogs import emit_catalog, emit_missioni
from .model import Blocks
from .objectives import emit_objective
from .patterns import (
    ALL_TABLES,
    FAMILY,
    LAYOUT,
    T_CATALOG,
    T_DOCUMENTS,
    T_MISSIONI,
    T_OBJECTIVES,
    T_RACCORDO,
    T_STEPS,
    T_TOTALS,
    T_VERIFICATIONS,
)
from .raccordo import emit_raccordo
from .steps import emit_steps, emit_totals
from .title import emit_title

__all__ = [
    "ALL_TABLES",
    "FAMILY",
    "LAYOUT",
    "T_CATALOG",
    "T_DOCUMENTS",
    "T_MISSIONI",
    "T_OBJECTIVES",
    "T_RACCORDO",
    "T_STEPS",
    "T_TOTALS",
    "T_VERIFICATIONS",
    "parse",
]


def emit(doc: SourceDocument, blocks: Blocks) -> ParseResult:
    """Stage 2: the records and the line ledger from the blocks."""
    result = ParseResult(
        document_id=doc.document_id, family=FAMILY, layout=LAYOUT, ledger=Ledger(doc)
    )
    for claim in blocks.claims:
        if claim.status == BOILERPLATE:
            result.ledger.boilerplate(claim.line, claim.detail)
        else:
            result.ledger.unparsed(claim.line, claim.detail)
    report_year = emit_title(result, doc, blocks.title_lines)
    for block in blocks.objectives:
        emit_objective(result, block, report_year)
    emit_steps(result, blocks.objectives, report_year)
    for block in blocks.objectives:
        emit_totals(result, block)
    emit_raccordo(result, blocks.raccordo)
    emit_missioni(result, blocks.missioni)
    emit_catalog(result, blocks.catalog)
    return result


def parse(doc: SourceDocument) -> ParseResult:
    """Parse a *stato di attuazione* document (layout ``sa_piano_performance``)."""
    result = emit(doc, read_blocks(doc))
    if not any(result.tables.get(t) for t in ALL_TABLES):
        raise UnknownLayoutError(
            doc.source_file,
            None,
            "no objective block ('Obiettivo di performance' / 'Obiettivo di PEG') nor "
            f"raccordo / missioni / catalog table found: not a {LAYOUT} document",
        )
    return result
