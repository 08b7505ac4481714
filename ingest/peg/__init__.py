"""Parser for the PEG family: Piano Esecutivo di Gestione, "Allegato B" layout.

The document (a text export of a PDF, or the text of the PDF) is organised as:

* a front page (ALLEGATO B, "Piano Esecutivo di Gestione <year>", PEG_<year>, the area, the
  elaboration date, the list of Centri di Responsabilità);
* per CDR: "<code> - <name>", "Dirigente: <name>", then the CDR summary table (Indirizzo,
  Obiettivo, Azione, Codice Progetto, Progetto, Budget, % di assorbimento) with subtotal rows;
* "Prodotto" + "Dirigente: ..." followed by the project sheets of that CDR. A sheet holds the
  project code and name, a description, the strategic references (Indirizzo / Obiettivo
  Strategico / Azione), objectives with their indicator tables, a phase table, a budget block
  (capitolo/articolo lines in Entrate/Spese Correnti/Investimenti columns) and a staff table.

Stages (docs/parsers/peg.md follows one record from its line to its row):

1. ``lines``: the content lines (markdown separators are claimed as boilerplate);
2. ``read_front``, ``read_cdr``, ``read_sheets`` (with ``read_heads``): the lines into blocks
   (``blocks``), claiming headings and headers in the ledger;
3. ``emit_front``, ``emit_sheet``, ``emit_budget``: records from the blocks.

The defects of the export are repaired by the named rules of ``rules_cdr``, ``rules_sheet``
and ``rules_budget``; cells are read by content, never by absolute column index.
"""

from __future__ import annotations

from ingest.common import Ledger, ParseError, ParseResult, SourceDocument
from ingest.peg.blocks import CdrSection, PegDocument, Sheet
from ingest.peg.emit_front import (
    emit_cdr_section,
    emit_document,
    emit_front_only_cdrs,
)
from ingest.peg.emit_sheet import emit_sheet
from ingest.peg.lines import read_lines
from ingest.peg.patterns import budget_column_kind, objective_type_from_raw
from ingest.peg.read_cdr import read_cdr_section
from ingest.peg.read_front import read_front_page, split_sections
from ingest.peg.read_sheets import Known, read_sheets

FAMILY = "peg"
LAYOUT = "peg_allegato_b"

__all__ = ["FAMILY", "LAYOUT", "budget_column_kind", "objective_type_from_raw", "parse"]


def read_document(doc: SourceDocument, ledger: Ledger) -> PegDocument:
    """Stages 1 and 2: the document's lines into blocks, in document order."""
    lv = read_lines(doc, ledger)
    sections = split_sections(lv)
    front = read_front_page(lv, sections[0][1], ledger)
    known = Known(year=front.year)
    parts: list[CdrSection | Sheet] = []
    cdr: CdrSection | None = None
    for kind, lines in sections[1:]:
        if kind == "cdr":
            cdr = read_cdr_section(lv, lines, front, known.year, known.listed, ledger)
            parts.append(cdr)
        else:
            code, dirigente = (cdr.code, cdr.dirigente) if cdr else (None, None)
            parts.extend(read_sheets(lv, lines, code, dirigente, known, ledger))
    has_content = cdr is not None or bool(known.projects)
    return PegDocument(front, parts, known.year, has_content)


def parse(doc: SourceDocument) -> ParseResult:
    """Parse a PEG "Allegato B" export into the peg_* tables."""
    result = ParseResult(
        document_id=doc.document_id, family=FAMILY, layout=LAYOUT, ledger=Ledger(doc)
    )
    peg = read_document(doc, result.ledger)
    for part in peg.parts:
        if isinstance(part, CdrSection):
            emit_cdr_section(result, part)
        else:
            emit_sheet(result, part)
    sections = [p for p in peg.parts if isinstance(p, CdrSection)]
    emit_front_only_cdrs(result, peg.front, sections, peg.year)
    if not peg.has_content:
        raise ParseError(doc.source_file, None, "no PEG CDR table or project sheet found")
    emit_document(result, peg.front, peg.year)
    result.doc_title = peg.front.title
    result.period_start_year = peg.year
    result.period_end_year = peg.year
    return result
