"""Parser for the performance section of a PIAO (Piano integrato di attività e organizzazione).

Layout ``piao_performance`` (sample: Unione dei Comuni del Sorbara, PIAO 2023-2025, Allegato
Sottosezione 2.1 Performance). Document structure, in order::

    title lines ("PIAO 2023 - 2025", "Allegato Sottosezione 2.1 Performance"), "Indice" + TOC
    narrative (Sezione I), then tables:
      LIVELLO DI PERFORMANCE ORGANIZZATIVA <TAB> PERCENTUALE        -> piao_weights
      INDICATORE <TAB> DEFINIZIONE <TAB> TARGET (after "a livello generale di ente" /
        "a livello di struttura organizzativa")                      -> piao_org_indicators
    Sezione II, per area:
      Area <NAME>; CENTRO DI COSTO <TAB> SERVIZIO <TAB> RESPONSABILE -> piao_areas
      Servizio <NAME>; OBIETTIVI OPERATIVI SPECIFICI <year>
      MISSIONE nn ... - PROGRAMMA nn ... [OBIETTIVO STRATEGICO: ...]
      OBIETTIVO STRATEGICO: ... / OBIETTIVO: ...                    -> piao_objectives
      DESCRIZIONE <TAB> INDICATORE DI RISULTATO <year> <TAB> RESPONSABILE [<TAB> RISCHIO ...]
                                                                     -> piao_objective_rows
      PARAMETRI + "- ..." items                                      -> piao_parametri
      INDICATORI [title] / title; Dimensione di performance <TAB> Denominazione indicatore
        <TAB> Formula <TAB> Standard [<TAB> RISCHIO ...]             -> piao_service_indicators

Stages, one module each (``docs/parsers/piao.md`` follows one record through them):

1. :mod:`~ingest.piao.lines`: the non-blank lines, export debris removed;
2. :mod:`~ingest.piao.front` (title block, table of contents) and
   :mod:`~ingest.piao.blocks` (table runs, headings, objective text, parametri);
3. :mod:`~ingest.piao.rows`: each table's lines assembled into logical rows, by the rules of
   :mod:`~ingest.piao.defects` for the defects of the export;
4. :mod:`~ingest.piao.emit`: records emitted block by block with the context carried down
   (:mod:`~ingest.piao.context`), one ``emit_*`` module per kind of record.

Lines that carry no data are classified while reading (notes); lines that feed a record are
mapped when it is emitted.
"""

from __future__ import annotations

from ingest.common import Ledger, ParseError, ParseResult, SourceDocument
from ingest.piao.blocks import TableRun, read_blocks, segment
from ingest.piao.emit import emit
from ingest.piao.front import read_front
from ingest.piao.lines import apply_notes, read_lines
from ingest.piao.patterns import FAMILY, LAYOUT

__all__ = ["FAMILY", "LAYOUT", "parse"]


def parse(doc: SourceDocument) -> ParseResult:
    """Parse a PIAO performance section (layout ``piao_performance``)."""
    lines, line_notes = read_lines(doc)
    front, front_notes = read_front(lines)
    segments, segment_notes = segment(lines, front.body_start)
    if not any(isinstance(s, TableRun) for s in segments):
        raise ParseError(
            doc.source_file, None, "no PIAO performance table found (piao_performance)"
        )
    blocks, block_notes = read_blocks(segments, front.toc_titles)
    result = ParseResult(
        document_id=doc.document_id, family=FAMILY, layout=LAYOUT, ledger=Ledger(doc)
    )
    apply_notes(result.ledger, line_notes + front_notes + segment_notes + block_notes)
    emit(result, blocks)
    if front.period is not None:
        result.period_start_year, result.period_end_year = front.period
    result.doc_title = front.doc_title
    return result
