"""Downloads: CSV in the Italian dialect Excel expects (semicolon, decimal comma, UTF-8 with
BOM), XLSX, and printable summaries (Markdown, HTML, a one-page PDF with WeasyPrint)."""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, field

import pandas as pd

from dashboards.fmt import fmt_number, is_missing


def _for_export(df: pd.DataFrame) -> pd.DataFrame:
    data = df.copy()
    for c in data.columns:
        if isinstance(data[c].dtype, pd.DatetimeTZDtype):
            data[c] = data[c].dt.tz_localize(None)
        if data[c].dtype == bool or str(data[c].dtype) == "boolean":
            data[c] = data[c].map(lambda v: "" if is_missing(v) else ("sì" if v else "no"))
    return data


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV for Italian Excel: ';' between fields, ',' before the decimals, dates as
    dd/mm/yyyy, UTF-8 with BOM (accents right when Excel opens it)."""
    data = _for_export(df)
    text = data.to_csv(index=False, sep=";", decimal=",", date_format="%d/%m/%Y")
    return text.encode("utf-8-sig")


def to_xlsx_bytes(df: pd.DataFrame, sheet_name: str = "Dati") -> bytes:
    """An .xlsx workbook in memory (xlsxwriter), one sheet, header frozen, columns sized."""
    data = _for_export(df)
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


# --- printable summaries ------------------------------------------------------------------


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    svg: str | None = None  # a chart drawn as inline SVG (HTML and PDF only)


def markdown_table(df: pd.DataFrame) -> str:
    if df is None or df.empty:
        return "_(nessun dato)_\n"

    def cell(v: object) -> str:
        return "" if is_missing(v) else str(v).replace("|", "\\|").replace("\n", " ")

    head = "| " + " | ".join(cell(c) for c in df.columns) + " |"
    sep = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, sep, *body]) + "\n"


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
    "@page{size:A4;margin:12mm 12mm 14mm 12mm}"
    "body{font-family:'DejaVu Sans',Georgia,serif;max-width:60rem;margin:1.5rem auto;"
    "color:#111;line-height:1.3;font-size:10pt}h1{font-size:15pt;margin:0 0 .3rem}"
    "h2{font-size:11.5pt;border-bottom:1px solid #999;margin:.8rem 0 .3rem}"
    "p{margin:.2rem 0}table{border-collapse:collapse;width:100%;font-size:8.5pt;"
    "margin:.3rem 0}th,td{border:1px solid #bbb;padding:.12rem .3rem;text-align:left;"
    "vertical-align:top}td.n,th.n{text-align:right}th{background:#eee}"
    "footer{margin-top:.8rem;font-size:7.5pt;color:#555}svg{display:block;margin:.2rem 0}"
    "@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}"
    "tr{page-break-inside:avoid}}"
)


def _html_table(df: pd.DataFrame) -> str:
    esc = html.escape
    numeric = [bool(df[c].map(lambda v: _looks_numeric(v)).all()) for c in df.columns]
    head = "".join(
        f'<th class="n">{esc(str(c))}</th>' if n else f"<th>{esc(str(c))}</th>"
        for c, n in zip(df.columns, numeric, strict=True)
    )
    rows = []
    for row in df.itertuples(index=False):
        cells = "".join(
            f'<td class="n">{esc(_cell(v))}</td>' if n else f"<td>{esc(_cell(v))}</td>"
            for v, n in zip(row, numeric, strict=True)
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(v: object) -> str:
    return "" if is_missing(v) else str(v)


def _looks_numeric(v: object) -> bool:
    s = _cell(v).replace("\u00a0", " ").strip()
    return bool(s) and all(ch.isdigit() or ch in ".,%€ +-—" for ch in s)


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
        if s.svg:
            parts.append(s.svg)
        if s.table is not None and not s.table.empty:
            parts.append(_html_table(s.table))
        elif s.table is not None:
            parts.append("<p><em>(nessun dato)</em></p>")
    if footer:
        parts.append(f"<footer>{esc(footer)}</footer>")
    parts.append("</body></html>")
    return "\n".join(parts)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs (pango) are not installed."""


def _render(html_text: str, scale: float):
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as exc:  # OSError: pango missing
        raise PdfUnavailable(f"WeasyPrint non disponibile: {exc}") from exc
    css = CSS(
        string=f"body{{font-size:{10 * scale:.1f}pt}}table{{font-size:{8.5 * scale:.1f}pt}}"
        f"svg{{width:{100 * scale:.0f}%;height:auto}}"
    )
    return HTML(string=html_text).render(stylesheets=[css])


def summary_pdf(html_text: str) -> bytes:
    """The HTML summary as a one-page A4 PDF (WeasyPrint; needs Debian's pango: `make
    browser-deps`): the type is made smaller, down to 60 %, until the summary fits one page."""
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        document = _render(html_text, scale)
        if len(document.pages) == 1:
            break
    return document.write_pdf()


def pdf_pages(html_text: str) -> int:
    """How many pages summary_pdf gives (1 unless the summary is too long even at 60 %)."""
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6):
        pages = len(_render(html_text, scale).pages)
        if pages == 1:
            return 1
    return pages


def bars_svg(
    categories: list[str],
    series: dict[str, list[float]],
    colors: dict[str, str],
    width: int = 640,
    height: int = 170,
) -> str:
    """A small grouped bar chart as inline SVG (for the printable summary, which has no
    JavaScript): one group per category, one bar per series, values written on the bars."""
    esc = html.escape
    values = [v for vs in series.values() for v in vs if v == v]
    top = max(values) if values else 1.0
    top = top or 1.0
    left, bottom, legend_h = 30, 22, 18
    plot_w, plot_h = width - left - 10, height - bottom - legend_h - 6
    n_cat, n_ser = max(len(categories), 1), max(len(series), 1)
    group_w = plot_w / n_cat
    bar_w = min(28.0, group_w * 0.8 / n_ser)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="9">'
    ]
    base_y = legend_h + plot_h
    out.append(f'<line x1="{left}" y1="{base_y}" x2="{width - 10}" y2="{base_y}" stroke="#777"/>')
    for i, cat in enumerate(categories):
        gx = left + i * group_w + (group_w - bar_w * n_ser) / 2
        for j, (name, vs) in enumerate(series.items()):
            v = vs[i] if i < len(vs) else float("nan")
            if v != v:
                continue
            h = plot_h * v / top
            x, y = gx + j * bar_w, base_y - h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" '
                f'fill="{colors.get(name, "#1f77b4")}"/>'
            )
            out.append(
                f'<text x="{x + (bar_w - 2) / 2:.1f}" y="{y - 2:.1f}" text-anchor="middle">'
                f"{esc(fmt_number(v))}</text>"
            )
        out.append(
            f'<text x="{left + i * group_w + group_w / 2:.1f}" y="{height - 6}" '
            f'text-anchor="middle">{esc(cat)}</text>'
        )
    x = left
    for name in series:
        out.append(
            f'<rect x="{x}" y="4" width="10" height="10" fill="{colors.get(name, "#1f77b4")}"/>'
        )
        out.append(f'<text x="{x + 14}" y="13">{esc(name)}</text>')
        x += 20 + 6 * len(name)
    out.append("</svg>")
    return "".join(out)
