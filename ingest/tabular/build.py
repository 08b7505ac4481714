"""From the rows of a template (or of a profile-mapped export) to validated raw records.

``sheet_rows`` rebuilds the sheets from a SourceDocument (each line knows its sheet and
row); ``build`` validates them (validate.py) and emits one record per row into the raw table
of its sheet, through ``ParseResult.add`` so that every record carries ``source_sheet`` and
``source_row`` and every line is accounted for in the ledger.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from decimal import Decimal
from typing import Any

from ingest.common import Ledger, ParseResult, SourceDocument
from ingest.tabular.reader import header_names
from ingest.tabular.spec import README_SHEET, SHEETS, SHEETS_BY_NAME
from ingest.tabular.validate import SheetRow, ValidRow, validate_rows
from ingest.tabular.values import KEEP_RAW, format_it_number
from ingest.tabular.writer import is_example_row

HEADER_RULE = "intestazione_foglio"
README_RULE = "foglio_leggimi"
EXAMPLE_RULE = "riga_di_esempio"


def sheet_rows(
    doc: SourceDocument, ledger: Ledger
) -> tuple[dict[str, list[SheetRow]], dict[str, tuple[str, list[str]]]]:
    """The data rows of each template sheet and each sheet's header names. Header and README
    lines are boilerplate; lines of sheets the template does not know are left unparsed."""
    assert doc.origins is not None
    rows: dict[str, list[SheetRow]] = defaultdict(list)
    headers: dict[str, tuple[str, list[str]]] = {}
    for n, (line, origin) in enumerate(zip(doc.lines, doc.origins, strict=True), start=1):
        sheet = origin.sheet or ""
        if sheet == README_SHEET:
            ledger.boilerplate(n, README_RULE)
            continue
        if sheet not in SHEETS_BY_NAME:
            ledger.unparsed(n, f"foglio {sheet!r} non previsto dal modello")
            continue
        if sheet not in headers:
            headers[sheet] = (sheet, header_names(line))
            ledger.boilerplate(n, HEADER_RULE)
            continue
        names = headers[sheet][1]
        cells = line.split("\t")
        values = {
            name: (cells[i].strip() if i < len(cells) else None) or None
            for i, name in enumerate(names)
            if name
        }
        if is_example_row(sheet, values):
            ledger.boilerplate(n, EXAMPLE_RULE)
            continue
        rows[sheet].append(SheetRow(sheet, origin.row or 0, n, values))
    return rows, headers


def _record(sheet_name: str, row: ValidRow) -> dict[str, Any]:
    rec: dict[str, Any] = {}
    for f in SHEETS_BY_NAME[sheet_name].fields:
        rec[f.name] = row.values.get(f.name)
        if f.type in KEEP_RAW:
            rec[f.name + "_raw"] = row.source.raw.get(f.name, row.source.cells.get(f.name))
    return rec


def _split_names(text: str | None) -> list[str]:
    return [p.strip() for p in (text or "").split(";") if p.strip()]


def compose_target(target: str | None, operator: str | None) -> str | None:
    """The target as the marts show it: the operator column joined to a numeric target
    (">=" and "95%" -> ">= 95%"); a target written with its operator stays as written."""
    if target is None:
        return None
    if operator and not target.lstrip().startswith(("<", ">", "=", "≤", "≥")):
        return f"{operator} {target}"
    return target


def build(
    doc: SourceDocument,
    result: ParseResult,
    rows: dict[str, list[SheetRow]],
    headers: dict[str, tuple[str, list[str]]],
) -> None:
    """Validate the rows (raising TemplateValidationError) and add their records."""
    valid = validate_rows(doc.source_file, rows, headers)
    seq_within: Counter[tuple[str, Any]] = Counter()
    variants: Counter[tuple[Any, ...]] = Counter()
    for sheet in SHEETS:
        for seq, row in enumerate(valid.get(sheet.name, []), start=1):
            rec = _record(sheet.name, row)
            rec["row_seq"] = seq
            line = row.source.line_no
            if sheet.table == "tpl_indicator_years":
                rec["year"] = rec["anno"]
                rec["target_raw"] = compose_target(rec["target"], rec["operatore"])
                rec["actual_raw"] = rec["risultato"]
                key = (
                    rec["id_indicatore"],
                    rec["anno"],
                    rec["periodo"],
                    rec["responsabile"],
                    rec["responsabile_ruolo"],
                )
                variants[key] += 1
                rec["variant_seq"] = variants[key]
                _people(result, "anno_indicatore", str(seq), rec, line)
            elif sheet.table == "tpl_objectives":
                _people(result, "obiettivo", rec["id_obiettivo"], rec, line)
            elif sheet.table == "tpl_actions":
                seq_within["azione", rec["id_obiettivo"]] += 1
                rec["action_seq"] = seq_within["azione", rec["id_obiettivo"]]
            elif sheet.table == "tpl_steps":
                seq_within["fase", rec["id_obiettivo"]] += 1
                rec["step_seq"] = seq_within["fase", rec["id_obiettivo"]]
            result.add(sheet.table, rec, line)
    result.tables.setdefault("tpl_document", [])
    doc_rec = result.tables["tpl_document"][0]
    result.doc_title = doc_rec.get("titolo") or doc_rec.get("tipo_documento")
    result.period_start_year = doc_rec.get("anno_inizio")
    result.period_end_year = doc_rec.get("anno_fine")
    result.document_meta = {
        "ente_id": doc_rec["ente_id"],
        "ente_name": doc_rec["ente_nome"],
        "ente_type": doc_rec["tipo_ente"],
        "region": doc_rec["regione"],
        "province": doc_rec["provincia"],
        "doc_type": doc_rec["tipo_documento"],
        "period_start_year": doc_rec["anno_inizio"],
        "period_end_year": doc_rec["anno_fine"],
    }


def _people(result: ParseResult, subject: str, key: str, rec: dict[str, Any], line: int) -> None:
    seq = 0
    for kind, col in (("persona", "responsabile"), ("ruolo", "responsabile_ruolo")):
        for name in _split_names(rec.get(col)):
            seq += 1
            result.add(
                "tpl_responsabili",
                {
                    "subject": subject,
                    "subject_key": key,
                    "person_seq": seq,
                    "name_raw": name,
                    "kind": kind,
                },
                line,
            )


def italian(value: Decimal | float | int | None) -> str | None:
    return None if value is None else format_it_number(value)
