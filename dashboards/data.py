"""The dashboard's only data-access module: every SQL statement of the app lives here.

Reads the Parquet marts (``PLANS_MARTS_DIR``, default ``data/marts``), never the DuckDB file
the build writes, through a short-lived in-memory DuckDB connection per query. User-chosen
values are always bound as parameters. Results are cached with ``st.cache_data``, keyed on
the marts folder the symlink points to, so a refresh shows up without a restart.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]


def marts_dir() -> Path:
    value = os.environ.get("PLANS_MARTS_DIR")
    p = Path(value) if value else ROOT / "data" / "marts"
    return p if p.is_absolute() else ROOT / p


def marts_version() -> str:
    """Identity of the marts currently served (changes at every switch)."""
    d = marts_dir()
    try:
        return str(d.resolve(strict=True))
    except FileNotFoundError:
        return ""


def available_tables() -> list[str]:
    d = marts_dir()
    if not d.exists():
        return []
    return sorted(p.stem for p in d.glob("*.parquet"))


def _connect(version: str) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    base = Path(version) if version else marts_dir()
    for table in available_tables():
        path = str(base / f"{table}.parquet").replace("'", "''")
        con.sql(f"create view {table} as select * from read_parquet('{path}')")
    return con


@st.cache_data(ttl=600, show_spinner=False)
def _query(sql: str, params: tuple, version: str) -> pd.DataFrame:
    con = _connect(version)
    try:
        return con.sql(sql, params=list(params)).df()
    finally:
        con.close()


def query(sql: str, params: tuple = ()) -> pd.DataFrame:
    return _query(sql, tuple(params), marts_version())


def has_data() -> bool:
    return "dim_document" in available_tables()


# --- enti and documents -----------------------------------------------------------------


def enti() -> pd.DataFrame:
    return query(
        "select ente_id, ente_name, ente_type, region, province from dim_ente order by ente_name"
    )


def documents(ente_id: str | None = None) -> pd.DataFrame:
    sql = (
        "select d.document_id, d.ente_id, e.ente_name, e.ente_type, d.doc_family, d.doc_type, "
        "d.doc_title, d.period_start_year, d.period_end_year, d.source_file, d.sha256, "
        "d.loaded_at from dim_document d join dim_ente e using (ente_id)"
    )
    if ente_id:
        return query(sql + " where d.ente_id = ? order by d.period_start_year", (ente_id,))
    return query(sql + " order by e.ente_name, d.period_start_year")


def source_caption(ente_id: str, families: tuple[str, ...] = ()) -> str:
    """'Fonte: <file> (<title>, <period>)' for the ente's documents of the given families."""
    docs = documents(ente_id)
    if families:
        docs = docs[docs["doc_family"].isin(families)]
    if docs.empty:
        return "Fonte: nessun documento"
    parts = [
        f"{r.doc_title or r.doc_type} ({r.period_start_year}-{r.period_end_year}, "
        f"file {r.source_file})"
        for r in docs.itertuples()
    ]
    return "Fonte: " + "; ".join(parts)


# --- budget (PEG) -----------------------------------------------------------------------


def project_budget(ente_id: str) -> pd.DataFrame:
    return query(
        "select cdr_code, cdr_name, project_code, project_name, indirizzo, obiettivo_strategico, "
        "azione, budget_eur, budget_raw, absorption_pct, absorption_raw, document_id, source_line "
        "from fct_project_budget where ente_id = ? order by cdr_code, row_seq",
        (ente_id,),
    )


def budget_lines(ente_id: str) -> pd.DataFrame:
    return query(
        "select cdr_code, project_code, capitolo, articolo, capitolo_description, column_name, "
        "flow, nature, amount_eur, document_id, source_line from fct_budget_capitolo "
        "where ente_id = ? order by cdr_code, project_code, capitolo, articolo",
        (ente_id,),
    )


def budget_by_cdr(ente_id: str) -> pd.DataFrame:
    return query(
        "select cdr_code, flow, nature, sum(amount_eur) as amount_eur, count(*) as lines "
        "from fct_budget_capitolo where ente_id = ? group by all order by cdr_code, flow, nature",
        (ente_id,),
    )


# --- objectives and indicators ----------------------------------------------------------


def objectives_with_indicators(ente_id: str) -> pd.DataFrame:
    return query(
        "select o.level, o.code as objective_code, o.title as objective_title, "
        "o.objective_type, o.cdr_code, i.code as indicator_code, i.name as indicator_name, "
        "f.year, f.target_raw, f.target_kind, f.target_operator, f.target_value, f.target_date, "
        "f.actual_raw, r.name as responsabile, i.note, f.document_id, f.source_line "
        "from fct_indicator_year f "
        "join dim_indicator i using (indicator_id) "
        "left join dim_objective o on o.objective_id = i.objective_id "
        "left join dim_responsabile r on r.responsabile_id = f.responsabile_id "
        "where f.ente_id = ? order by f.document_id, f.source_line, f.year",
        (ente_id,),
    )


def objectives(ente_id: str) -> pd.DataFrame:
    return query(
        "select objective_id, document_id, code, title, level, objective_type, "
        "parent_objective_id, weight_pct, cdr_code, missione, programma, source_line "
        "from dim_objective where ente_id = ? order by document_id, source_line",
        (ente_id,),
    )


# --- data quality -----------------------------------------------------------------------


def dq_results(ente_id: str | None = None) -> pd.DataFrame:
    if "audit_dq_results" not in available_tables():
        return pd.DataFrame()
    sql = (
        "with latest as (select max(run_id) as run_id from audit_dq_results) "
        "select q.suite, q.check_name, q.severity, q.document_id, q.subject_key, q.observed, "
        "q.expected, q.difference, q.tolerance, q.passed, q.description "
        "from audit_dq_results q join latest using (run_id) "
        "left join dim_document d using (document_id)"
    )
    if ente_id:
        return query(sql + " where d.ente_id = ? order by q.passed, q.severity", (ente_id,))
    return query(sql + " order by q.passed, q.severity")


def coverage() -> pd.DataFrame:
    if "audit_document_coverage" not in available_tables():
        return pd.DataFrame()
    return query(
        "with latest as (select document_id, max(run_id) as run_id "
        "from audit_document_coverage group by document_id) "
        "select c.* from audit_document_coverage c join latest using (document_id, run_id) "
        "order by c.document_id"
    )
