"""Tabular inputs: the standard template ("modello di rilevazione") and software exports
mapped onto it by a profile. See docs/IMPORT.md.

Two document families:

* ``modello``: a filled template (.xlsx, or a folder of CSV files, one per sheet). It
  describes itself (sheet ``documento``), so it needs no manifest line.
* ``profilo``: a CSV/XLSX export of another layout, mapped onto the template's fields by a
  YAML profile in ``data/profiles/`` (profile_language.py: what a profile may say;
  profiles.py: applying it to an export). The profile is a family of its own because its
  records are folded from another grain and its lines are the export's records; once mapped,
  both go through the same validation (validate.py) and the same builder.
"""

from __future__ import annotations

from ingest.common import Ledger, ParseResult, SourceDocument

FAMILY = "modello"
LAYOUT = "modello_v1"


def parse(doc: SourceDocument) -> ParseResult:
    """A filled template -> ParseResult (raises TemplateValidationError on invalid cells)."""
    from ingest.tabular.build import build, sheet_rows

    ledger = Ledger(doc)
    result = ParseResult(doc.document_id, FAMILY, LAYOUT, ledger)
    rows, headers = sheet_rows(doc, ledger)
    build(doc, result, rows, headers)
    return result
