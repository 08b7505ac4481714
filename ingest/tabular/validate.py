"""Validation of a filled template, cell by cell, with pydantic.

One pydantic model per sheet is generated from the declaration in spec.py: every field is
optional text parsed by its type's parser (values.py) in a ``BeforeValidator``, so a row is
validated in one call and pydantic collects every failing cell of it. The checks that span
rows (one row in ``documento``, unique keys, references between sheets, unknown columns)
follow, on the typed rows. Every problem names file, sheet, row, column and reason; a
document with any problem is rejected as a whole with :class:`TemplateValidationError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, create_model
from pydantic_core import PydanticCustomError

from ingest.common import ParseError
from ingest.tabular.spec import SHEETS, SHEETS_BY_NAME, Field
from ingest.tabular.values import parse_cell


@dataclass(frozen=True)
class Problem:
    file: str
    sheet: str
    row: int | None  # 1-based row of the sheet (the header is row 1)
    column: str | None
    reason: str
    value: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}, foglio {self.sheet}"
        if self.row is not None:
            where += f", riga {self.row}"
        if self.column:
            where += f", colonna {self.column}"
        return f"{where}: {self.reason}"


class TemplateValidationError(ParseError):
    """A filled template (or a profile-mapped export) with invalid cells: every problem."""

    def __init__(self, source_file: str, problems: list[Problem]) -> None:
        self.problems = problems
        first_row = next((p.row for p in problems if p.row is not None), None)
        lines = "\n".join(f"  - {p}" for p in problems)
        super().__init__(
            source_file,
            None,
            f"{len(problems)} problemi di validazione, documento messo in quarantena:\n{lines}",
        )
        self.line_no = first_row


@dataclass
class SheetRow:
    """One data row of a sheet: its cells by field name, where it is, its document line."""

    sheet: str
    row: int
    line_no: int
    cells: dict[str, str | None]
    # profile-mapped rows: where the row comes from (the export's file or sheet) and which
    # export column fills each field, so that a problem names what the user can find
    where: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    # the export's own cell text, where the profile rewrote it (numbers in Italian format,
    # fractions as percentages): kept in the <field>_raw columns
    raw: dict[str, str | None] = field(default_factory=dict)

    def column(self, name: str | None) -> str | None:
        if name is None or name not in self.columns:
            return name
        return f"{self.columns[name]} ({name})"


def _validator(f: Field):  # noqa: ANN202
    def check(value: Any) -> Any:
        try:
            return parse_cell(value if value is None else str(value), f)
        except ValueError as exc:
            raise PydanticCustomError("cella_non_valida", str(exc)) from None

    return BeforeValidator(check)


@cache
def row_model(sheet_name: str) -> type[BaseModel]:
    """The pydantic model of one row of a sheet (fields typed by spec.py)."""
    sheet = SHEETS_BY_NAME[sheet_name]
    fields: dict[str, Any] = {f.name: (Annotated[Any, _validator(f)], None) for f in sheet.fields}
    return create_model(  # type: ignore[call-overload]
        f"Riga_{sheet.name}",
        __config__=ConfigDict(extra="forbid", frozen=True),
        **fields,
    )


@dataclass
class ValidRow:
    source: SheetRow
    values: dict[str, Any]


def validate_rows(
    source_file: str,
    rows: dict[str, list[SheetRow]],
    headers: dict[str, tuple[str, list[str]]],
) -> dict[str, list[ValidRow]]:
    """Validate every row of every sheet; raise TemplateValidationError listing every
    problem. ``headers``: sheet -> (where, the header's field names) for column checks."""
    problems: list[Problem] = []
    for sheet_name, (_, names) in headers.items():
        allowed = SHEETS_BY_NAME[sheet_name].field_names
        seen: set[str] = set()
        for name in names:
            if not name:
                continue
            if name not in allowed:
                problems.append(
                    Problem(
                        source_file,
                        sheet_name,
                        1,
                        name,
                        f"colonna sconosciuta {name!r} (campi del foglio: {', '.join(allowed)})",
                    )
                )
            elif name in seen:
                problems.append(Problem(source_file, sheet_name, 1, name, "colonna ripetuta"))
            seen.add(name)
        for f in SHEETS_BY_NAME[sheet_name].fields:
            if f.required and f.name not in names and rows.get(sheet_name):
                problems.append(
                    Problem(
                        source_file,
                        sheet_name,
                        1,
                        f.name,
                        "manca la colonna di un campo obbligatorio",
                    )
                )
    valid: dict[str, list[ValidRow]] = {}
    for sheet in SHEETS:
        model = row_model(sheet.name)
        out: list[ValidRow] = []
        for r in rows.get(sheet.name, []):
            cells = {k: v for k, v in r.cells.items() if k in sheet.field_names}
            try:
                obj = model(**{f.name: cells.get(f.name) for f in sheet.fields})
            except ValidationError as exc:
                for err in exc.errors():
                    col = str(err["loc"][0]) if err["loc"] else None
                    problems.append(
                        Problem(
                            source_file,
                            r.where or sheet.name,
                            r.row,
                            r.column(col),
                            err["msg"],
                            cells.get(col) if col else None,
                        )
                    )
                continue
            out.append(ValidRow(r, obj.model_dump()))
        valid[sheet.name] = out
    problems.extend(_cross_checks(source_file, rows, valid))
    if problems:
        raise TemplateValidationError(source_file, problems)
    return valid


def _cross_checks(
    source_file: str, rows: dict[str, list[SheetRow]], valid: dict[str, list[ValidRow]]
) -> list[Problem]:
    problems: list[Problem] = []
    doc_rows = rows.get("documento", [])
    if len(doc_rows) != 1:
        problems.append(
            Problem(
                source_file,
                "documento",
                doc_rows[1].row if len(doc_rows) > 1 else None,
                None,
                f"il foglio documento deve avere una sola riga di dati, ne ha {len(doc_rows)}",
            )
        )
    for d in valid.get("documento", []):
        start, end = d.values["anno_inizio"], d.values["anno_fine"]
        if start is not None and end is not None and end < start:
            problems.append(
                Problem(
                    source_file,
                    "documento",
                    d.source.row,
                    "anno_fine",
                    f"anno_fine {end} precede anno_inizio {start}",
                )
            )
    for v in valid.get("obiettivi", []):
        if v.values["codice"] is None and v.values["titolo"] is None:
            problems.append(
                Problem(
                    source_file,
                    v.source.where or "obiettivi",
                    v.source.row,
                    v.source.column("titolo"),
                    "un obiettivo senza codice deve avere un titolo",
                )
            )
    keys: dict[str, set[Any]] = {}
    for sheet in SHEETS:
        if not sheet.key:
            continue
        first: dict[tuple[Any, ...], int] = {}
        for v in valid.get(sheet.name, []):
            key = tuple(v.values[k] for k in sheet.key)
            if key in first:
                problems.append(
                    Problem(
                        source_file,
                        v.source.where or sheet.name,
                        v.source.row,
                        v.source.column(sheet.key[-1]),
                        f"{' / '.join(map(str, key))} duplicato (già alla riga {first[key]})",
                        str(key[-1]),
                    )
                )
            else:
                first[key] = v.source.row
        if len(sheet.key) == 1:
            # every id written in the sheet, also on rows with other problems: a reference
            # to them is not a second problem
            written = {(r.cells.get(sheet.key[0]) or "").strip() for r in rows.get(sheet.name, [])}
            keys[f"{sheet.name}.{sheet.key[0]}"] = {k[0] for k in first} | written
    for sheet in SHEETS:
        for f in sheet.fields:
            if f.references is None:
                continue
            target_sheet = f.references.split(".")[0]
            known = keys.get(f.references, set())
            for v in valid.get(sheet.name, []):
                value = v.values.get(f.name)
                if value is not None and value not in known:
                    problems.append(
                        Problem(
                            source_file,
                            v.source.where or sheet.name,
                            v.source.row,
                            v.source.column(f.name),
                            f"{value!r} non esiste nel foglio {target_sheet}",
                            value,
                        )
                    )
    return problems
