"""Widgets and messages shared by the pages (no SQL here: see data.py)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboards import data, exports, fmt, quality

NO_DATA = (
    "Il magazzino dati non è ancora stato costruito: esegui `make build` "
    "(le tabelle Parquet sono attese in {path})."
)
QUALITY_PAGE = "views/qualita.py"

# Print-friendly layout: browsers' "Stampa" drops the sidebar, the toolbar and the widgets.
PRINT_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 1.7rem; }
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"], [data-testid="stStatusWidget"], .stDownloadButton,
  [data-testid="stPageLink"], [data-testid="stExpanderToggleIcon"] { display: none !important; }
  .block-container { padding-top: 0 !important; max-width: 100% !important; }
  .js-plotly-plot, [data-testid="stDataFrame"], table { page-break-inside: avoid; }
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


def euro(value: object) -> str:
    if value is None:
        return "—"
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    s = f"{v:,.2f}"
    return "€ " + s.replace(",", "§").replace(".", ",").replace("§", ".")


def doc_label(row: object) -> str:
    """'ASC InSieme · 2021-2023' for a document row (namedtuple or Series)."""
    name = fmt.short_name(getattr(row, "ente_name", ""))
    start, end = getattr(row, "period_start_year", ""), getattr(row, "period_end_year", "")
    period = f"{start}" if start == end else f"{start}-{end}"
    return f"{name} · {period}"


def with_doc_labels(docs: pd.DataFrame) -> pd.DataFrame:
    out = docs.copy()
    out["label"] = [doc_label(r) for r in out.itertuples()]
    return out


def _ids(document_ids: Iterable[str] | None) -> tuple[str, ...]:
    if document_ids is None:
        return ()
    return tuple(sorted({str(d) for d in document_ids if d is not None and d == d}))


def provenance(document_ids: Iterable[str] | None, note: str | None = None) -> None:
    """Source documents and periods, and the data-quality status of those documents, with a
    link to the Qualità page filtered on them."""
    ids = _ids(document_ids)
    docs = data.documents()
    docs = docs[docs["document_id"].isin(ids)] if not docs.empty else docs
    counts = data.dq_counts(ids)
    if not counts["total"]:
        color = "gray"
    elif counts["errors"]:
        color = "red"
    elif counts["warnings"]:
        color = "orange"
    else:
        color = "green"
    text = quality.source_line(docs)
    if note:
        text += f". {note}"
    st.caption(f"{text}  \n:{color}-badge[{quality.dq_status_line(counts)}]")
    if ids:
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
    st.plotly_chart(fig, key=key, config={"displaylogo": False})
    provenance(document_ids, note)


def downloads(df: pd.DataFrame, basename: str, key: str, sheet_name: str = "Dati") -> None:
    """CSV and XLSX download buttons for a table."""
    c1, c2, _ = st.columns([1, 1, 4])
    c1.download_button(
        "Scarica CSV",
        data=exports.to_csv_bytes(df),
        file_name=f"{basename}.csv",
        mime="text/csv",
        key=f"{key}_csv",
        icon=":material/download:",
    )
    c2.download_button(
        "Scarica XLSX",
        data=exports.to_xlsx_bytes(df, sheet_name),
        file_name=f"{basename}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{key}_xlsx",
        icon=":material/download:",
    )


@st.cache_data(show_spinner=False)
def _zip_folder(path: str, version: str) -> bytes:
    import io
    import zipfile
    from pathlib import Path

    root = Path(path)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(root.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(root.parent))
    return buf.getvalue()


def data_docs_box() -> None:
    """Where the Great Expectations Data Docs are, and a download of the whole folder."""
    folder = data.data_docs_dir()
    index = folder / "index.html"
    if not index.exists():
        st.info(
            f"I Data Docs non sono stati trovati in {folder}: vengono generati da `make build` "
            "(cartella PLANS_DATA_DOCS_DIR)."
        )
        return
    st.markdown(
        "I Data Docs di Great Expectations descrivono ogni suite di controlli e il suo esito. "
        "Aprili dal disco del server oppure scarica la cartella e apri `data_docs/index.html`:"
    )
    st.code(str(index.resolve()), language=None)
    st.download_button(
        "Scarica i Data Docs (zip)",
        data=_zip_folder(str(folder.resolve()), data.marts_version()),
        file_name="data_docs.zip",
        mime="application/zip",
        key="dq_docs_zip",
        icon=":material/download:",
    )


def measure_table(df: pd.DataFrame) -> None:
    """Measures side by side as a static table, so that each definition is shown in full."""
    st.table(df, hide_index=True, border="horizontal")
