"""Records -> polars frames typed as the raw tables declare them.

A value the declared type cannot hold (an amount of 10^16 euro or more, a percentage of
100,000 or more) is a defect of its document: :class:`ValueOutOfRange` names the table,
column, line and raw value, and the loader quarantines that document only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import polars as pl

from ingest.registry import raw_tables


class ValueOutOfRange(ValueError):
    def __init__(self, table: str, column: str, line: int | None, value: Any) -> None:
        self.table = table
        self.column = column
        self.line_no = line
        super().__init__(
            f"{column} {value} (table {table}) is out of the range the warehouse holds for it; "
            "check the figure in the document"
        )


def infer_dtype(values: list[Any]) -> pl.DataType:
    present = [v for v in values if v is not None]
    if not present:
        return pl.Utf8
    if all(isinstance(v, bool) for v in present):
        return pl.Boolean
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pl.Int64
    if all(isinstance(v, (int, Decimal)) and not isinstance(v, bool) for v in present):
        return pl.Decimal(18, 4)
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pl.Float64
    return pl.Utf8


def _coerce(value: Any, dtype: pl.DataType) -> Any:
    if value is None:
        return None
    if dtype == pl.Utf8 and not isinstance(value, str):
        return str(value)
    if isinstance(dtype, pl.Decimal) and not isinstance(value, Decimal):
        return Decimal(str(value))
    if dtype == pl.Float64 and isinstance(value, Decimal):
        return float(value)
    return value


def _check_range(table: str, col: str, dtype: pl.DataType, rows: list[dict[str, Any]]) -> None:
    if not isinstance(dtype, pl.Decimal):
        return
    precision = dtype.precision or 38
    limit = Decimal(10) ** (precision - (dtype.scale or 0))
    for r in rows:
        v = r.get(col)
        if v is not None and abs(Decimal(str(v))) >= limit:
            raise ValueOutOfRange(table, col, r.get("source_line"), v)


def frame_schema(table: str | None, rows: list[dict[str, Any]]) -> dict[str, pl.DataType]:
    """Declared columns (with lineage and derived ones), then the undeclared ones a parser
    added, with an inferred type."""
    spec = raw_tables().get(table) if table else None
    schema: dict[str, pl.DataType] = spec.polars_schema() if spec else {}
    extra: list[str] = []
    for row in rows:
        for k in row:
            if k not in schema and k not in extra:
                extra.append(k)
    for k in extra:
        schema[k] = infer_dtype([r.get(k) for r in rows])
    return schema


def to_frame(table: str | None, rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Rows -> polars frame with the declared schema (extra columns inferred, appended).

    Built by polars from the records in one go; a value of another Python type than its
    column's (an int in a text column, say) takes the slower path that converts each value
    explicitly (never silently to null)."""
    schema = frame_schema(table, rows)
    for col, dtype in schema.items():
        _check_range(table or "?", col, dtype, rows)
    try:
        return pl.from_dicts(rows, schema=schema, strict=True, infer_schema_length=None)
    except (TypeError, ValueError, pl.exceptions.PolarsError):
        pass
    return pl.DataFrame(
        {
            col: pl.Series(col, [_coerce(r.get(col), dt_) for r in rows], dtype=dt_)
            for col, dt_ in schema.items()
        }
    )
