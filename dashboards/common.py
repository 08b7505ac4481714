"""Widgets and messages shared by the pages (no SQL here: see data.py)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
import streamlit.elements.plotly_chart  # noqa: F401 - idem, for the first chart

from dashboards import data, exports, fmt, quality

NO_DATA = (
    "Il magazzino dati non è ancora stato costruito: esegui `make build` "
    "(le tabelle Parquet sono attese in {path})."
)
QUALITY_PAGE = "views/qualita.py"
SOURCE_PAGE = "views/fonte.py"

# Print-friendly layout: browsers' "Stampa" drops the sidebar, the toolbar and the widgets.
PRINT_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.6rem; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], .stDownloadButton,
  [data-testid="stPageLink"], [data-testid="stExpanderToggleIcon"] { display: none !important; }
  .block-container { padding-top: 0 !important; max-width: 100% !important; }
  .js-plotly-plot, [data-testid="stDataFrame"], table { page-break-inside: avoid; }
}
</style>
"""
# With the Forum summary shown for print, only the summary is printed.
PRINT_ONLY_SUMMARY_CSS = """
<style>
@media print {
  body * { visibility: hidden !important; }
  .st-key-forum_summary, .st-key-forum_summary * { visibility: visible !important; }
  .st-key-forum_summary { position: absolute !important; left: 0; top: 0; width: 100%;
                          border: none !important; }
}
</style>
"""


class marts_section:  # noqa: N801 - used as a context manager, reads like a statement
    """``with marts_section("Bilancio"):`` runs a page or a part of one; when a mart it reads
    is missing (``data.MissingMarts``), the rest of the block is skipped and an Italian
    warning names the missing marts. The only way the pages handle a missing warehouse."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> marts_section:
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        if exc_type is None or not issubclass(exc_type, data.MissingMarts):
            return False
        show_missing(self.what, exc.tables)
        return True


def show_missing(what: str, tables: list[str]) -> None:
    if not data.has_data():
        st.warning(NO_DATA.format(path=data.marts_dir()))
        return
    st.warning(
        f"{what}: mancano le tabelle {', '.join(tables)} nel magazzino dati "
        f"({data.marts_dir()}). Esegui `make build`."
    )


def ente_picker(
    key: str = "ente",
    options: pd.DataFrame | None = None,
    label: str = "Ente",
    default: str | None = None,
    suffix: dict[str, str] | None = None,
) -> str | None:
    enti = data.enti() if options is None else options
    if enti.empty:
        st.info("Nessun ente caricato.")
        return None
    suffix = suffix or {}
    labels = {
        r.ente_id: f"{r.ente_name} ({r.ente_type}, {r.province}){suffix.get(r.ente_id, '')}"
        for r in enti.itertuples()
    }
    ids = list(labels)
    index = ids.index(default) if default in ids else 0
    return st.selectbox(label, options=ids, index=index, format_func=labels.get, key=key)


def _ids(document_ids: Iterable[str] | None) -> tuple[str, ...] | None:
    if document_ids is None:
        return None
    return tuple(sorted({str(d) for d in document_ids if d is not None and d == d}))


def provenance(document_ids: Iterable[str] | None, note: str | None = None) -> None:
    """Source documents and periods, and the data-quality status of those documents, with a
    link to the Qualità page filtered on them. ``None``: every document of the warehouse."""
    ids = _ids(document_ids)
    counts = data.dq_counts(ids)
    if not counts["total"]:
        color = "gray"
    elif counts["errors"]:
        color = "red"
    elif counts["warnings"]:
        color = "orange"
    else:
        color = "green"
    if ids is None:
        ov = data.overview()
        text = f"Fonte: tutti i {fmt.plural(ov['n_documents'], 'documento', 'documenti')}"
    else:
        text = quality.source_line(data.documents_by_id(ids[:200]) if ids else pd.DataFrame())
        if len(ids) > 200:
            text = f"Fonte: {fmt.plural(len(ids), 'documento', 'documenti')}"
    if note:
        text += f". {note}"
    st.caption(f"{text}  \n:{color}-badge[{quality.dq_status_line(counts)}]")
    if ids and len(ids) <= 50:
        st.page_link(
            QUALITY_PAGE,
            label="Vedi i controlli di questi documenti",
            icon=":material/fact_check:",
            query_params={"doc": ",".join(ids)},
            help="Apri la pagina Qualità dei dati filtrata sui documenti di questa figura",
        )


def figure(
    fig: go.Figure, key: str, document_ids: Iterable[str] | None, note: str | None = None
) -> None:
    """A plotly chart followed by where its figures come from and their quality status."""
    fig.update_layout(separators=",.")  # Italian decimal comma and thousands point
    st.plotly_chart(fig, key=key, config={"displaylogo": False, "locale": "it"})
    provenance(document_ids, note)


# --- tables -----------------------------------------------------------------------------------

Formats = dict[str, Callable[[object], str]]


def table(
    df: pd.DataFrame,
    key: str | None = None,
    formats: Formats | None = None,
    column_config: dict | None = None,
    height: int | str = "auto",
) -> None:
    """st.dataframe with every figure written the Italian way (1.070 · 94,7 % · 02/12/2026 ·
    sì/no), empty cells as "—". The cells are text, so that what the grid draws, what a
    screen reader reads and what a test sees are the same; numbers are right-aligned. The
    downloads keep the numbers (see downloads())."""
    formats = dict(formats or {})
    shown = pd.DataFrame(index=df.index)
    config = dict(column_config or {})
    for c in df.columns:
        s = df[c]
        numeric = pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)
        if c not in formats:
            if pd.api.types.is_bool_dtype(s) or str(s.dtype) == "boolean":
                formats[c] = lambda v: fmt.MISSING if fmt.is_missing(v) else ("sì" if v else "no")
            elif pd.api.types.is_integer_dtype(s):
                formats[c] = fmt.fmt_int
            elif pd.api.types.is_float_dtype(s):
                formats[c] = _float_format(s)
            elif pd.api.types.is_datetime64_any_dtype(s) or (
                s.dtype == object and s.map(lambda v: hasattr(v, "isoformat")).any()
            ):
                formats[c] = fmt.fmt_date
        if c in formats:
            f = formats[c]
            shown[c] = [fmt.MISSING if fmt.is_missing(v) else f(v) for v in s]
        elif c in config:  # links and the like keep their values
            shown[c] = s
        else:
            shown[c] = [fmt.MISSING if fmt.is_missing(v) else str(v) for v in s]
        if numeric and c not in config:
            config[c] = st.column_config.TextColumn(alignment="right")
    st.dataframe(shown, key=key, hide_index=True, column_config=config, height=height)


def _float_format(s: pd.Series) -> Callable[[object], str]:
    values = s.dropna()
    if len(values) and (values == values.round(0)).all():
        return fmt.fmt_int
    return lambda v: fmt.fmt_number(v, 2)


def measure_table(df: pd.DataFrame) -> None:
    """Measures side by side as a static table (already formatted text), so that each
    definition is shown in full."""
    st.table(df.fillna(fmt.MISSING), hide_index=True, border="horizontal")


def pager(total: int, key: str, page_size: int = data.PAGE_SIZE) -> int:
    """'Righe 1–50 di 1.070' and a page number; returns the offset of the page shown."""
    pages = max(1, -(-int(total) // page_size))
    if pages == 1:
        st.caption(f"{fmt.plural(total, 'riga', 'righe')}")
        return 0
    c1, c2 = st.columns([1, 4], vertical_alignment="center")
    page = c1.number_input(f"Pagina (di {fmt.fmt_int(pages)})", 1, pages, 1, step=1, key=key)
    first = (int(page) - 1) * page_size
    c2.caption(
        f"Righe {fmt.fmt_int(first + 1)}–{fmt.fmt_int(min(first + page_size, total))} "
        f"di {fmt.fmt_int(total)}"
    )
    return first


def source_url(document_id: object, line: object) -> str | None:
    """The link to the source viewer on one line of a document."""
    if fmt.is_missing(document_id) or fmt.is_missing(line):
        return None
    return "fonte?" + urlencode({"doc": str(document_id), "riga": int(line)})  # type: ignore[arg-type]


def with_source_links(df: pd.DataFrame) -> pd.DataFrame:
    """The rows with a 'Fonte' column linking each to its line in the source viewer."""
    links = [source_url(d, n) for d, n in zip(df["document_id"], df["source_line"], strict=True)]
    return df.assign(Fonte=links)


PROJECT_COLUMNS = {
    "cdr_code": "CDR",
    "project_code": "Codice progetto",
    "project_name": "Progetto",
    "indirizzo": "Indirizzo",
    "obiettivo_strategico": "Obiettivo strategico",
    "azione": "Azione",
    "budget_eur": "Budget (€)",
    "absorption_pct": "% di assorbimento",
    "source_line": "Riga",
    "Fonte": "Fonte",
}
BUDGET_LINE_COLUMNS = {
    "cdr_code": "CDR",
    "project_code": "Progetto",
    "capitolo": "Capitolo",
    "articolo": "Articolo",
    "capitolo_description": "Descrizione",
    "column_name": "Colonna",
    "flow": "Flusso",
    "nature": "Natura",
    "amount_eur": "Importo (€)",
    "source_line": "Riga",
    "Fonte": "Fonte",
}
BUDGET_FORMATS: Formats = {
    "Budget (€)": fmt.fmt_euro,
    "Importo (€)": fmt.fmt_euro,
    "% di assorbimento": lambda v: fmt.fmt_pct(v, 2),
    "Riga": lambda v: str(int(v)),
}


def project_view(projects: pd.DataFrame) -> pd.DataFrame:
    """The projects of the CDR tables as the Bilancio and Scheda ente pages show them."""
    return with_source_links(projects)[list(PROJECT_COLUMNS)].rename(columns=PROJECT_COLUMNS)


def budget_lines_view(lines: pd.DataFrame) -> pd.DataFrame:
    """Budget lines by capitolo/articolo as the Bilancio and Scheda ente pages show them."""
    shown = with_source_links(lines)
    return shown[list(BUDGET_LINE_COLUMNS)].rename(columns=BUDGET_LINE_COLUMNS)


SOURCE_COLUMN = st.column_config.LinkColumn(
    "Fonte", display_text="apri", help="Il documento intorno a questa riga", width=70
)


# --- downloads --------------------------------------------------------------------------------


def downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    basename: str,
    key: str,
    sheet_name: str = "Dati",
) -> None:
    """CSV (Italian dialect: ';', decimal comma, UTF-8 with BOM) and XLSX buttons. A callable
    is evaluated only when the reader clicks (the export of a large selection)."""

    def csv() -> bytes:
        return exports.to_csv_bytes(frame() if callable(frame) else frame)

    def xlsx() -> bytes:
        return exports.to_xlsx_bytes(frame() if callable(frame) else frame, sheet_name)

    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        "Scarica CSV",
        data=csv if callable(frame) else csv(),
        file_name=f"{basename}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
        help="Separatore punto e virgola, virgola decimale, UTF-8: si apre correttamente in "
        "Excel italiano",
        on_click="ignore",
    )
    c2.download_button(
        "Scarica XLSX",
        data=xlsx if callable(frame) else xlsx(),
        file_name=f"{basename}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
        on_click="ignore",
    )


@st.cache_data(show_spinner=False)
def zip_folder(path: str, version: str) -> bytes:
    root = Path(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(root.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(root.parent))
    return buf.getvalue()


# --- policy areas ------------------------------------------------------------------------------

ALL_AREAS_LABEL = "Tutte le aree"


def area_filter(key: str, help: str | None = None) -> str:
    """The selectbox «Area di intervento» (default «Tutte le aree»): returns data.ALL_AREAS or
    the chosen policy area. Without the policy marts there is nothing to choose."""
    if "dim_policy_area" not in data.available_tables():
        return data.ALL_AREAS
    areas = data.policy_areas()
    labels = {
        data.ALL_AREAS: ALL_AREAS_LABEL,
        **dict(zip(areas["policy_area"], areas["area_name"], strict=True)),
    }
    return st.selectbox(
        "Area di intervento", list(labels), format_func=labels.get, key=key, help=help
    )


def area_name(area: str) -> str:
    """The name of a policy area (dim_policy_area.area_name)."""
    areas = data.policy_areas()
    return dict(zip(areas["policy_area"], areas["area_name"], strict=True)).get(area, area)
