"""Downloads: CSV, XLSX, and printable summaries (Markdown, HTML)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

import pandas as pd

from dashboards.fmt import is_missing


def markdown_table(df: pd.DataFrame) -> str:
    if df is None or df.empty:
        return "_(nessun dato)_\n"

    def cell(v: object) -> str:
        return "" if is_missing(v) else str(v).replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    sep = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, sep, *body]) + "\n"


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None


def summary_markdown(title: str, sections: list[Section], footer: str = "") -> str:
    out = [f"# {title}", ""]
    for s in sections:
        out += [f"## {s.title}", ""]
        for p in s.paragraphs:
            out += [p, ""]
        if s.table is not None:
            out += [markdown_table(s.table)]
    if footer:
        out += ["---", footer, ""]
    return "\n".join(out)


PRINT_CSS = (
    "body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;color:#111;"
    "line-height:1.4}h1{font-size:1.6rem}h2{font-size:1.2rem;border-bottom:1px solid #999;"
    "margin-top:1.6rem}table{border-collapse:collapse;width:100%;font-size:.85rem;"
    "margin:.5rem 0}th,td{border:1px solid #bbb;padding:.25rem .4rem;text-align:left;"
    "vertical-align:top}th{background:#eee}footer{margin-top:2rem;font-size:.8rem;color:#555}"
    "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}"
    "table{page-break-inside:auto}tr{page-break-inside:avoid}}"
)


def summary_html(title: str, sections: list[Section], footer: str = "") -> str:
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="it"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{PRINT_CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    for s in sections:
        parts.append(f"<h2>{esc(s.title)}</h2>")
        parts += [f"<p>{esc(p)}</p>" for p in s.paragraphs]
        if s.table is not None and not s.table.empty:
            parts.append(s.table.to_html(index=False, escape=True, na_rep="", border=0))
        elif s.table is not None:
            parts.append("<p><em>(nessun dato)</em></p>")
    if footer:
        parts.append(f"<footer>{esc(footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with BOM (opens with the right accents in Excel), comma separated."""
    return df.to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Dati") -> bytes:
    """An .xlsx workbook in memory (xlsxwriter), one sheet, header frozen, columns sized."""
    data = df.copy()
    for c in data.columns:
        if isinstance(data[c].dtype, pd.DatetimeTZDtype):
            data[c] = data[c].dt.tz_localize(None)
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as writer:
        data.to_excel(writer, index=False, sheet_name=sheet_name[:31])
        ws = writer.sheets[sheet_name[:31]]
        ws.freeze_panes(1, 0)
        for i, c in enumerate(data.columns):
            lengths = data[c].dropna().astype(str).str.len()
            typical = int(lengths.quantile(0.9)) if len(lengths) else 8
            ws.set_column(i, i, min(60, max(len(str(c)), typical) + 2))
    return buf.getvalue()
