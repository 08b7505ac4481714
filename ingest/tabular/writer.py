"""Write the template: a blank workbook (README sheet, validation lists, example rows) or a
filled one (the exporter's output), as .xlsx or as a folder of CSV files.

The example row of each sheet (row 2 of a blank template, in grey italics) is the
declaration's example: the reader skips a row equal to it (boilerplate ``riga_di_esempio``),
so a template whose example rows were left in place still loads only its real rows.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from ingest.tabular.spec import EXAMPLE_ROWS, README_SHEET, SHEETS, TYPES, Field, Sheet

Rows = Mapping[str, Sequence[Mapping[str, str | None]]]

README_COLUMNS = (
    "foglio",
    "campo",
    "obbligatorio",
    "tipo",
    "significato",
    "esempio",
    "valori ammessi",
)
INTRO = (
    "Modello di rilevazione dei piani (PEG, PIAO, piano della performance, schede obiettivo, "
    "stato di attuazione).",
    "Compilare un foglio per tipo di dato; una riga per record; la prima riga di ogni foglio "
    "porta i nomi dei campi (un asterisco * = campo obbligatorio). La riga di esempio in "
    "grigio si può lasciare o cancellare: non viene caricata.",
    "I numeri si scrivono in formato italiano (1.234,56); le percentuali da 0 a 100 (25 o "
    "25%); le date gg/mm/aaaa. Gli id (id_obiettivo, id_indicatore, id_azione) collegano i "
    "fogli tra loro e devono essere univoci. Istruzioni complete: docs/IMPORT.md.",
)
MAX_VALIDATED_ROWS = 5000


def readme_rows() -> list[tuple[str, ...]]:
    """One row per field of every sheet: meaning, type, example, required or not."""
    out = []
    for sheet in SHEETS:
        for f in sheet.fields:
            allowed = (
                ", ".join(f.choices)
                if f.choices
                else ("suggeriti: " + ", ".join(f.suggestions) if f.suggestions else "")
            )
            if f.references:
                allowed = f"un valore di {f.references.replace('.', ' → ')}"
            out.append(
                (
                    sheet.name,
                    f.name,
                    "sì" if f.required else "no",
                    TYPES[f.type],
                    f.description,
                    f.example,
                    allowed,
                )
            )
    return out


def is_example_row(sheet: str, cells: Mapping[str, str | None]) -> bool:
    example = EXAMPLE_ROWS.get(sheet, {})
    filled = {k: v for k, v in cells.items() if v}
    return bool(example) and filled == example


def _validation(f: Field, column: str, last_row: int):  # noqa: ANN202
    from openpyxl.worksheet.datavalidation import DataValidation

    ref = f"{column}2:{column}{last_row}"
    if f.choices or f.suggestions:
        values = f.choices or f.suggestions
        dv = DataValidation(
            type="list",
            formula1='"' + ",".join(values) + '"',
            allow_blank=True,
            showErrorMessage=bool(f.choices),
        )
        dv.error = f"Valori ammessi: {', '.join(values)}"
    elif f.type == "anno":
        dv = DataValidation(
            type="whole", operator="between", formula1="1990", formula2="2100", allow_blank=True
        )
        dv.error = "Un anno a quattro cifre (1990-2100)"
    elif f.type == "percentuale":
        dv = DataValidation(
            type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True
        )
        dv.error = "Una percentuale da 0 a 100"
    else:
        return None
    dv.errorTitle = f.name
    dv.prompt = f.description
    dv.showInputMessage = True
    dv.add(ref)
    return dv


def _sheet(wb, sheet: Sheet, rows: Sequence[Mapping[str, str | None]], example: bool) -> None:  # noqa: ANN001
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(sheet.name)
    ws.append([f.label for f in sheet.fields])
    bold = Font(bold=True)
    for c in ws[1]:
        c.font = bold
        c.fill = PatternFill("solid", fgColor="DDEBF7")
    if example:
        ws.append([EXAMPLE_ROWS[sheet.name].get(f.name) or None for f in sheet.fields])
        grey = Font(italic=True, color="808080")
        for c in ws[2]:
            c.font = grey
    for r in rows:
        ws.append([r.get(f.name) for f in sheet.fields])
        for c in ws[ws.max_row]:
            if isinstance(c.value, str) and c.value.startswith("="):
                c.data_type = "s"  # a target such as "= 100%" is text, not a formula
    ws.freeze_panes = "A2"
    last = max(MAX_VALIDATED_ROWS, len(rows) + 1000)
    for i, f in enumerate(sheet.fields, start=1):
        col = get_column_letter(i)
        ws.column_dimensions[col].width = max(12, min(40, len(f.label) + 4))
        dv = _validation(f, col, last)
        if dv is not None:
            ws.add_data_validation(dv)


def write_xlsx(path: Path, rows: Rows | None = None, example: bool | None = None) -> Path:
    """Write the template workbook; ``rows`` fills it (sheet -> records by field name)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = rows or {}
    example = not rows if example is None else example
    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    for line in INTRO:
        readme.append([line])
    readme.append([])
    readme.append(list(README_COLUMNS))
    for c in readme[readme.max_row]:
        c.font = Font(bold=True)
    for r in readme_rows():
        readme.append(list(r))
    for col, width in zip("ABCDEFG", (18, 22, 12, 30, 60, 30, 40), strict=True):
        readme.column_dimensions[col].width = width
    for sheet in SHEETS:
        _sheet(wb, sheet, rows.get(sheet.name, ()), example)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def write_csv_folder(folder: Path, rows: Rows | None = None, example: bool | None = None) -> Path:
    """The template as a folder of CSV files (UTF-8, comma-separated), one per sheet, plus
    LEGGIMI.csv with the field descriptions."""
    rows = rows or {}
    example = not rows if example is None else example
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{README_SHEET}.csv").open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(README_COLUMNS)
        w.writerows(readme_rows())
    for sheet in SHEETS:
        with (folder / f"{sheet.name}.csv").open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow([f.label for f in sheet.fields])
            if example:
                w.writerow([EXAMPLE_ROWS[sheet.name].get(f.name, "") for f in sheet.fields])
            for r in rows.get(sheet.name, ()):
                w.writerow([r.get(f.name) or "" for f in sheet.fields])
    return folder
