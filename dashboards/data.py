"""The dashboard's only data-access module: every SQL statement of the app lives here.

Reads the Parquet marts (``PLANS_MARTS_DIR``, default ``data/marts``), never the DuckDB file
the build writes, through a short-lived in-memory DuckDB connection per query. User-chosen
values are always bound as parameters. Results are cached with ``st.cache_data``, keyed on
the marts folder the symlink points to, so a refresh shows up without a restart.

The figures are computed in dbt (the ``mart_*`` marts): the queries here select ready rows of
one ente, one document or one page of a table (``limit``/``offset``), and never aggregate a
whole fact table. The few sums left here add up the rows of a selection the reader made.

A query that reads a mart the folder does not hold raises ``MissingMarts`` naming it: the one
way the app handles a missing or partial warehouse (pages catch it with
``common.marts_section``, which shows an Italian message).
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
PAGE_SIZE = 50


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


def has_data() -> bool:
    return "dim_document" in available_tables()


def _env_dir(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    if not value:
        return default
    p = Path(value)
    return p if p.is_absolute() else ROOT / p


def data_docs_dir() -> Path:
    """Great Expectations Data Docs: ``PLANS_DATA_DOCS_DIR``, else ``data_docs`` beside the
    marts folder (``data/data_docs`` by default)."""
    return _env_dir("PLANS_DATA_DOCS_DIR", marts_dir().parent / "data_docs")


def dbt_docs_file() -> Path | None:
    """dbt's documentation site as one file (``dbt docs generate --static``):
    ``PLANS_DBT_DOCS_DIR`` (default ``dbt_docs`` beside the marts folder)/static_index.html,
    else the dbt project's target folder; None when neither exists."""
    for p in (
        _env_dir("PLANS_DBT_DOCS_DIR", marts_dir().parent / "dbt_docs") / "static_index.html",
        ROOT / "dbt_project" / "target" / "static_index.html",
    ):
        if p.is_file():
            return p
    return None


class MissingMarts(Exception):
    """A mart the query needs is not in the marts folder."""

    def __init__(self, tables: list[str]) -> None:
        super().__init__(f"missing marts: {', '.join(tables)}")
        self.tables = tables


_MISSING = re.compile(r"Table with name (\w+) does not exist")


_WORD = re.compile(r"[a-z_][a-z0-9_]*")
_VIEWS_LOCK = threading.Lock()


@st.cache_resource(max_entries=2, show_spinner=False)
def _database(version: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB over the Parquet marts of one marts version (read-only files; a
    refresh is a new version, hence a new database). Parquet footers are cached."""
    con = duckdb.connect(":memory:")
    con.sql("set parquet_metadata_cache = true")
    return con


def _connect(version: str, sql: str) -> duckdb.DuckDBPyConnection:
    """A cursor on the version's database with a view over each mart the statement names
    (created once per server process)."""
    con = _database(version)
    base = Path(version) if version else marts_dir()
    named = set(_WORD.findall(sql.lower()))
    with _VIEWS_LOCK:
        for table in available_tables():
            if table in named:
                path = str(base / f"{table}.parquet").replace("'", "''")
                con.sql(
                    f"create view if not exists {table} as select * from read_parquet('{path}')"
                )
    return con.cursor()


@st.cache_data(ttl=600, show_spinner=False, max_entries=2000)
def _query(sql: str, params: tuple, version: str) -> pd.DataFrame:
    con = _connect(version, sql)
    try:
        return con.sql(sql, params=list(params)).df()
    except duckdb.CatalogException as exc:
        found = _MISSING.search(str(exc))
        if found is None:
            raise
        raise MissingMarts([found.group(1)]) from None
    finally:
        con.close()


def query(sql: str, params: tuple | list = ()) -> pd.DataFrame:
    return _query(sql, tuple(_hashable(p) for p in params), marts_version())


def _hashable(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


def _listed(values) -> list:
    return [v for v in values if v is not None and v == v]


def require(*tables: str) -> None:
    """Raise MissingMarts when one of these marts is not in the folder."""
    missing = [t for t in tables if t not in available_tables()]
    if missing:
        raise MissingMarts(missing)


# --- enti, documents, runs ----------------------------------------------------------------


def enti() -> pd.DataFrame:
    return query(
        "select ente_id, ente_name, coalesce(nullif(trim(regexp_extract(ente_name, "
        "'^[^,(]*')), ''), ente_name) as label, ente_type, region, province, documents "
        "from dim_ente order by ente_name"
    )


DOC_COLUMNS = (
    "document_id, ente_id, ente_name, ente_short_name, ente_type, region, province, "
    "doc_family, doc_type, doc_title, period_start_year, period_end_year, label, source_file, "
    "loaded_at, lines_total, lines_blank, lines_mapped, lines_boilerplate, lines_unparsed, "
    "coverage_pct, checks_run, checks_passed, warnings_failed, errors_failed, check_status"
)


def documents(ente_id: str) -> pd.DataFrame:
    """The ente's documents with coverage and check outcome (mart_document_status)."""
    return query(
        f"select {DOC_COLUMNS} from mart_document_status where ente_id = ? "
        "order by period_start_year, document_id",
        (ente_id,),
    )


def documents_by_id(document_ids: tuple[str, ...]) -> pd.DataFrame:
    return query(
        f"select {DOC_COLUMNS} from mart_document_status where list_contains(?, document_id) "
        "order by ente_name, period_start_year, document_id",
        (list(document_ids),),
    )


@dataclass(frozen=True)
class DocFilter:
    """The reader's filter of the documents table."""

    text: str = ""
    ente_type: str | None = None
    check_status: str | None = None

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.text:
            clauses.append("(ente_name ilike ? or doc_title ilike ? or label ilike ?)")
            params += [f"%{self.text}%"] * 3
        if self.ente_type:
            clauses.append("ente_type = ?")
            params.append(self.ente_type)
        if self.check_status:
            clauses.append("check_status = ?")
            params.append(self.check_status)
        return (" where " + " and ".join(clauses) if clauses else ""), params


def documents_page(flt: DocFilter, offset: int, limit: int = PAGE_SIZE) -> pd.DataFrame:
    where, params = flt.where()
    return query(
        f"select {DOC_COLUMNS} from mart_document_status{where} "
        "order by ente_name, period_start_year, document_id limit ? offset ?",
        (*params, limit, offset),
    )


def documents_count(flt: DocFilter) -> int:
    where, params = flt.where()
    return int(query(f"select count(*) as n from mart_document_status{where}", params).n[0])


def last_run() -> pd.Series | None:
    runs = load_runs(1)
    return None if runs.empty else runs.iloc[0]


def load_runs(limit: int = 24) -> pd.DataFrame:
    """Pipeline runs, most recent first."""
    return query(
        "select run_id, started_at, finished_at, status, trigger, files_seen, files_new, "
        "files_changed, files_failed, files_parsed, checks_run, checks_failed_error, "
        "checks_failed_warning, message from audit_load_runs order by started_at desc limit ?",
        (limit,),
    )


# --- Panoramica ---------------------------------------------------------------------------


def overview() -> pd.Series:
    """Enti, documents and the years they cover (summed over the types of ente)."""
    return query(
        "select sum(n_enti) as n_enti, sum(n_documents) as n_documents, "
        "min(period_start_year) as first_year, max(period_end_year) as last_year "
        "from mart_measures_ente_type"
    ).iloc[0]


def enti_by_type_region() -> pd.DataFrame:
    return query(
        "select ente_type, region, n_enti, n_documents from mart_enti_type_region "
        "order by ente_type, region"
    )


def dq_overview() -> pd.DataFrame:
    """Documents per type of ente, family and check outcome, with their checks and lines."""
    return query(
        "select ente_type, doc_family, check_status, n_documents, checks_passed, "
        "warnings_failed, errors_failed, lines_mapped, lines_boilerplate, lines_unparsed "
        "from mart_dq_overview order by ente_type, doc_family, check_status"
    )


# --- provenance -----------------------------------------------------------------------------


def dq_counts(document_ids: tuple[str, ...] | None) -> dict[str, int]:
    """Checks passed, warnings and errors failed in the latest check run: for these documents,
    or for every document when ``document_ids`` is None."""
    if document_ids is None:
        df = query(
            "select sum(checks_passed) as passed, sum(warnings_failed) as warnings, "
            "sum(errors_failed) as errors, sum(checks_passed + warnings_failed + "
            "errors_failed) as total from mart_dq_overview"
        )
    elif not document_ids:
        return {"passed": 0, "warnings": 0, "errors": 0, "total": 0}
    else:
        df = query(
            "select sum(checks_passed) as passed, sum(warnings_failed) as warnings, "
            "sum(errors_failed) as errors, sum(checks_run) as total "
            "from mart_document_status where list_contains(?, document_id)",
            (list(document_ids),),
        )
    row = df.iloc[0]
    return {k: int(row[k]) if row[k] == row[k] and row[k] is not None else 0 for k in df}


# --- measures (Confronto, Andamento, Scheda ente) ------------------------------------------

LEVEL_MART = {
    "document": ("mart_measures_document", "document_id"),
    "ente": ("mart_measures_ente", "ente_id"),
    "type": ("mart_measures_ente_type", "ente_type"),
}


def measure_catalogue() -> pd.DataFrame:
    return query(
        "select measure_key, label, unit, definition, higher_is_better, group_name "
        "from dim_measure order by sort_order"
    )


UNIT_OPTIONS = 2000  # units offered at once by the Confronto picker


def unit_count(level: str) -> int:
    mart, _ = LEVEL_MART[level]
    return int(query(f"select count(*) as n from {mart}").n[0])


def units(level: str, ente_types: tuple[str, ...] = (), text: str = "") -> pd.DataFrame:
    """The units of a level (documents, enti or types) with their label, for the picker (at
    most UNIT_OPTIONS, those whose label contains ``text``)."""
    mart, key = LEVEL_MART[level]
    clauses, params = [], []
    if ente_types:
        clauses.append("list_contains(?, ente_type)")
        params.append(list(ente_types))
    if text:
        clauses.append("label ilike ?")
        params.append(f"%{text}%")
    where = " where " + " and ".join(clauses) if clauses else ""
    order = "ente_name, period_start_year, document_id" if level == "document" else "label"
    if level == "ente":
        order = "ente_name"
    return query(
        f"select {key} as unit, label, ente_type, n_documents from {mart}{where} "
        f"order by {order} limit {UNIT_OPTIONS}",
        params,
    )


def unit_measures(level: str, unit_ids: tuple[str, ...]) -> pd.DataFrame:
    """The measure rows of the chosen units, in the order given."""
    mart, key = LEVEL_MART[level]
    df = query(
        f"select {key} as unit, * from {mart} where list_contains(?, {key})",
        (list(unit_ids),),
    )
    order = {u: i for i, u in enumerate(unit_ids)}
    return df.sort_values("unit", key=lambda s: s.map(order)).reset_index(drop=True)


def unit_documents(level: str, unit_ids: tuple[str, ...]) -> tuple[str, ...]:
    """The documents behind the chosen units."""
    col = {"document": "document_id", "ente": "ente_id", "type": "ente_type"}[level]
    df = query(
        f"select document_id from mart_measures_document where list_contains(?, {col}) "
        "order by document_id",
        (list(unit_ids),),
    )
    return tuple(df["document_id"])


def measure_stats(level: str) -> pd.DataFrame:
    return query(
        "select measure_key, n_units_with_value, n_units, median_value, q1_value, q3_value, "
        "min_value, max_value from mart_measure_stats where unit_level = ?",
        (level,),
    )


def ranking_page(level: str, key: str, offset: int, limit: int = PAGE_SIZE) -> pd.DataFrame:
    return query(
        "select unit_id, label, ente_type, value, rank, median_value, gap_from_median "
        "from mart_measure_rank where unit_level = ? and measure_key = ? "
        "order by rank nulls last, label limit ? offset ?",
        (level, key, limit, offset),
    )


def ranking_count(level: str, key: str) -> int:
    return int(
        query(
            "select count(*) as n from mart_measure_rank where unit_level = ? and measure_key = ?",
            (level, key),
        ).n[0]
    )


def step_achievement(document_id: str) -> pd.DataFrame:
    return query(
        "select document_id, objective_id, objective_code, objective_title, incidence_pct, "
        "n_steps, n_steps_in_year, weight_in_year_sum, achieved_points, achievement_pct, "
        "source_line from mart_step_achievement where document_id = ? order by source_line",
        (document_id,),
    )


def plan_weights(document_ids: tuple[str, ...]) -> pd.DataFrame:
    return query(
        "select w.document_id, d.label, w.weight_group, w.item, w.weight_raw, w.weight_pct, "
        "w.source_line from fct_plan_weight w join mart_document_status d using (document_id) "
        "where list_contains(?, w.document_id) order by w.document_id, w.source_line",
        (list(document_ids),),
    )


def plan_weight_groups(document_ids: tuple[str, ...]) -> pd.DataFrame:
    return query(
        "select g.document_id, d.label, g.weight_group, g.n_items, g.weight_sum "
        "from mart_plan_weight_group g join mart_document_status d using (document_id) "
        "where list_contains(?, g.document_id) order by d.label, g.weight_group",
        (list(document_ids),),
    )


# --- Andamento ------------------------------------------------------------------------------


def targets_by_year(ente_id: str) -> pd.DataFrame:
    """Per document of the ente and year: targets by kind, results, reached."""
    return query(
        "select t.*, d.label, d.doc_title, d.period_start_year, d.period_end_year "
        "from mart_targets_year t join mart_document_status d using (document_id) "
        "where t.ente_id = ? order by d.period_start_year, t.year",
        (ente_id,),
    )


def steps_by_deadline(ente_id: str) -> pd.DataFrame:
    return query(
        "select s.*, d.label from mart_steps_deadline s join mart_document_status d "
        "using (document_id) where s.ente_id = ? order by s.document_id, s.deadline_year",
        (ente_id,),
    )


def indicator_pairs(doc_a: str, doc_b: str, area: str = "") -> pd.DataFrame:
    """Indicators of two editions paired by code or proposed by title (mart_indicator_pairs);
    with an area, the pairs of which one indicator or both are in that area."""
    sql = "select * from mart_indicator_pairs where document_id_a = ? and document_id_b = ?"
    params: tuple = (doc_a, doc_b)
    if area:
        sql += " and (policy_area_a = ? or policy_area_b = ?)"
        params += (area, area)
    return query(sql + " order by status_order, similarity desc, name_a", params)


def indicator_years(indicator_ids: tuple[str, ...]) -> pd.DataFrame:
    """Targets and results per year of these indicators (once per indicator-year)."""
    return query(
        "select r.indicator_id, r.document_id, r.year, r.target_raw, r.target_kind, "
        "r.target_value, r.actual_raw, r.actual_value, r.reaches_target, d.label, "
        "d.period_start_year, d.period_end_year from mart_indicator_result r "
        "join mart_document_status d using (document_id) "
        "where list_contains(?, r.indicator_id) order by r.indicator_id, r.year",
        (list(indicator_ids),),
    )


# --- Bilancio, Scheda ente ------------------------------------------------------------------


def budget_enti() -> pd.DataFrame:
    """Enti with PEG budget figures (a CDR table or budget lines)."""
    return query(
        "select ente_id, label from mart_measures_ente "
        "where n_projects > 0 or n_budget_lines > 0 order by ente_name"
    )


def cdr_budget(ente_id: str) -> pd.DataFrame:
    return query(
        "select document_id, cdr_code, cdr_name, budget_eur, n_projects, "
        "n_projects_with_budget from mart_project_budget_cdr where ente_id = ? "
        "order by cdr_code",
        (ente_id,),
    )


def project_budget(ente_id: str) -> pd.DataFrame:
    return query(
        "select cdr_code, cdr_name, project_code, project_name, indirizzo, obiettivo_strategico, "
        "azione, budget_eur, budget_raw, absorption_pct, absorption_raw, document_id, source_line "
        "from fct_project_budget where ente_id = ? order by cdr_code, row_seq",
        (ente_id,),
    )


def budget_by_cdr(ente_id: str) -> pd.DataFrame:
    return query(
        "select document_id, cdr_code, flow, nature, amount_eur, n_lines from mart_budget_cdr "
        "where ente_id = ? order by cdr_code, flow, nature",
        (ente_id,),
    )


@dataclass(frozen=True)
class BudgetFilter:
    ente_id: str
    flows: tuple[str, ...] = ("entrata", "spesa")
    natures: tuple[str, ...] = ("corrente", "investimento")
    text: str = ""

    def where(self) -> tuple[str, list]:
        sql = " where ente_id = ? and list_contains(?, flow) and list_contains(?, nature)"
        params: list = [self.ente_id, list(self.flows), list(self.natures)]
        if self.text:
            sql += " and (capitolo_description ilike ? or capitolo ilike ?)"
            params += [f"%{self.text}%"] * 2
        return sql, params


def budget_lines(flt: BudgetFilter, limit: int = 1000) -> pd.DataFrame:
    where, params = flt.where()
    return query(
        "select cdr_code, project_code, capitolo, articolo, capitolo_description, column_name, "
        f"flow, nature, amount_eur, document_id, source_line from fct_budget_capitolo{where} "
        "order by cdr_code, project_code, capitolo, articolo limit ?",
        (*params, limit),
    )


def budget_selection_totals(flt: BudgetFilter) -> pd.DataFrame:
    """The reader's selection of budget lines summed per flow (never entrate plus spese)."""
    where, params = flt.where()
    return query(
        f"select flow, sum(amount_eur) as amount_eur, count(*) as n_lines "
        f"from fct_budget_capitolo{where} group by flow order by flow",
        params,
    )


def staff_by_project(ente_id: str) -> pd.DataFrame:
    return query(
        "select document_id, project_code, n_people, fte from mart_staff_project "
        "where ente_id = ? order by fte desc",
        (ente_id,),
    )


def ente_measures(ente_id: str) -> pd.Series | None:
    df = query("select * from mart_measures_ente where ente_id = ?", (ente_id,))
    return None if df.empty else df.iloc[0]


def document_measures(ente_id: str) -> pd.DataFrame:
    return query(
        "select * from mart_measures_document where ente_id = ? "
        "order by period_start_year, document_id",
        (ente_id,),
    )


# --- Indicatori -----------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorFilter:
    """The reader's filter of the indicator catalogue (applied on the server)."""

    ente_ids: tuple[str, ...] = ()
    document_ids: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()  # target kinds; "none" for rows without a target
    text: str = ""
    responsabile: str = ""
    only_results: bool = False

    def where(self) -> tuple[str, list]:
        clauses, params = [], []
        if self.ente_ids:
            clauses.append("list_contains(?, ente_id)")
            params.append(list(self.ente_ids))
        if self.document_ids:
            clauses.append("list_contains(?, document_id)")
            params.append(list(self.document_ids))
        if self.years:
            clauses.append("list_contains(?, year)")
            params.append([int(y) for y in self.years])
        if self.kinds:
            kinds = [k for k in self.kinds if k != "none"]
            part = "list_contains(?, target_kind)"
            if "none" in self.kinds:
                part = f"({part} or target_raw is null)"
            clauses.append(part)
            params.append(kinds)
        if self.text:
            clauses.append(
                "concat_ws(' ', indicator_name, objective_title, formula, target_raw) ilike ?"
            )
            params.append(f"%{self.text}%")
        if self.responsabile:
            clauses.append("responsabili ilike ?")
            params.append(f"%{self.responsabile}%")
        if self.only_results:
            clauses.append("actual_raw is not null")
        return (" where " + " and ".join(clauses) if clauses else ""), params


CATALOGUE_COLUMNS = (
    "ente_id, ente_short_name, ente_type, document_id, document_label, source_file, "
    "objective_code, objective_title, indicator_id, indicator_code, indicator_name, dimension, "
    "formula, year, target_raw, target_kind, target_operator, target_value, target_date, "
    "actual_raw, actual_value, reaches_target, n_responsabili, responsabili, source_line"
)


def catalogue_page(flt: IndicatorFilter, offset: int, limit: int = PAGE_SIZE) -> pd.DataFrame:
    """One page of the catalogue in its order; without a filter, a range of catalogue_row
    (the Parquet file is in that order: only a few row groups are read)."""
    where, params = flt.where()
    if not where:
        return query(
            f"select {CATALOGUE_COLUMNS} from mart_indicator_catalogue "
            "where catalogue_row > ? and catalogue_row <= ? order by catalogue_row",
            (offset, offset + limit),
        )
    return query(
        f"select {CATALOGUE_COLUMNS} from mart_indicator_catalogue{where} "
        "order by catalogue_row limit ? offset ?",
        (*params, limit, offset),
    )


def catalogue_counts(flt: IndicatorFilter) -> pd.Series:
    """Rows, indicators, targets, results and documents the filter selects. Without a filter
    the totals come from the marts that define them (dim_indicator, mart_measures_ente_type)."""
    where, params = flt.where()
    if not where:
        return query(
            "select (select count(*) from mart_indicator_catalogue) as rows, "
            "(select count(*) from dim_indicator) as indicators, "
            "sum(n_targets) as targets, sum(n_results) as results, "
            "sum(n_documents) as documents from mart_measures_ente_type"
        ).iloc[0]
    return query(
        "select count(*) as rows, count(distinct indicator_id) as indicators, "
        "count(target_raw) as targets, count(actual_raw) as results, "
        f"count(distinct document_id) as documents from mart_indicator_catalogue{where}",
        params,
    ).iloc[0]


def catalogue_documents(flt: IndicatorFilter, limit: int = 100_000) -> tuple[str, ...]:
    """The documents behind the filtered rows (for the source caption)."""
    where, params = flt.where()
    df = query(
        f"select distinct document_id from mart_indicator_catalogue{where} "
        "order by document_id limit ?",
        (*params, limit),
    )
    return tuple(df["document_id"])


def catalogue_export(flt: IndicatorFilter) -> pd.DataFrame:
    """Every row the filter selects (for the CSV/XLSX download, built when clicked)."""
    where, params = flt.where()
    return _query(
        f"select {CATALOGUE_COLUMNS} from mart_indicator_catalogue{where} order by catalogue_row",
        tuple(_hashable(p) for p in params),
        marts_version(),
    )


def catalogue_years() -> list[int]:
    df = query("select distinct year from mart_targets_year order by year")
    return [int(y) for y in df["year"]]


def objectives_with_indicators(ente_id: str, year: int | None) -> pd.DataFrame:
    """The ente's indicators of one year (or all), from the catalogue."""
    if year is None:
        return query(
            f"select {CATALOGUE_COLUMNS} from mart_indicator_catalogue where ente_id = ? "
            "order by catalogue_row limit 2000",
            (ente_id,),
        )
    return query(
        f"select {CATALOGUE_COLUMNS} from mart_indicator_catalogue where ente_id = ? and "
        "year = ? order by document_id, source_line limit 2000",
        (ente_id, int(year)),
    )


# --- Qualità dei dati -------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckFilter:
    document_ids: tuple[str, ...] = ()
    severities: tuple[str, ...] = ("error", "warning")
    only_failed: bool = True

    def where(self) -> tuple[str, list]:
        sql = (
            " where q.run_id = (select max(run_id) from audit_dq_results) "
            "and list_contains(?, q.severity)"
        )
        params: list = [list(self.severities)]
        if self.document_ids:
            sql += " and list_contains(?, q.document_id)"
            params.append(list(self.document_ids))
        if self.only_failed:
            sql += " and not q.passed"
        return sql, params


def checks_page(flt: CheckFilter, offset: int, limit: int = 200) -> pd.DataFrame:
    where, params = flt.where()
    return query(
        "select q.run_id, q.checked_at, q.suite, q.check_name, q.severity, q.document_id, "
        "q.subject_key, q.observed, q.expected, q.difference, q.tolerance, q.passed, "
        "q.description, d.label, d.doc_title, d.source_file, "
        "try_cast(regexp_extract(q.subject_key, 'line (\\d+)', 1) as integer) as source_line "
        f"from audit_dq_results q left join mart_document_status d using (document_id){where} "
        "order by q.passed, q.severity, d.label, q.check_name, q.subject_key limit ? offset ?",
        (*params, limit, offset),
    )


def checks_count(flt: CheckFilter) -> int:
    where, params = flt.where()
    return int(query(f"select count(*) as n from audit_dq_results q{where}", params).n[0])


def checks_by_rule(document_ids: tuple[str, ...]) -> pd.DataFrame:
    """Failed checks per rule and severity: every document (mart_dq_rule), or the reader's
    selection of documents."""
    if not document_ids:
        return query(
            "select check_name, severity, checks_failed from mart_dq_rule "
            "where checks_failed > 0 order by check_name"
        )
    return query(
        "select check_name, severity, count(*) as checks_failed from audit_dq_results "
        "where run_id = (select max(run_id) from audit_dq_results) and not passed "
        "and list_contains(?, document_id) group by all order by check_name",
        (list(document_ids),),
    )


def dq_run() -> pd.Series | None:
    df = query(
        "select run_id, max(checked_at) as checked_at, count(*) as checks "
        "from audit_dq_results where run_id = (select max(run_id) from audit_dq_results) "
        "group by run_id"
    )
    return None if df.empty else df.iloc[0]


def unparsed_lines(limit: int = 500) -> pd.DataFrame:
    """Lines no rule took, from the latest run that read each document."""
    return query(
        "select u.document_id, d.label, u.source_line, u.text, u.reason "
        "from audit_unparsed_lines u join mart_document_status d using (document_id) "
        "join (select document_id, max(run_id) as run_id from audit_unparsed_lines "
        "group by document_id) l using (document_id, run_id) "
        "order by d.label, u.source_line limit ?",
        (limit,),
    )


def load_errors() -> pd.DataFrame:
    """Quarantined documents, every run, most recent first."""
    return query(
        "select run_id, source_file, document_id, line_no, error from audit_load_errors "
        "order by run_id desc, source_file limit 500",
    )


# --- Novità -----------------------------------------------------------------------------------


def indicator_changes(kinds: tuple[str, ...], limit: int = 1000) -> pd.DataFrame:
    """What changed between refreshes (mart_indicator_changes), most recent first."""
    return query(
        "select c.changed_at, c.change_type, d.ente_short_name, d.label, d.doc_title, "
        "c.document_id, c.indicator_name, c.year, c.old_target_raw, c.new_target_raw, "
        "c.old_actual_raw, c.new_actual_raw, c.old_responsabili, c.new_responsabili, "
        "c.source_line from mart_indicator_changes c "
        "left join mart_document_status d on d.document_id = c.document_id "
        "where list_contains(?, c.change_type) "
        "order by c.changed_at desc, d.ente_short_name, c.indicator_name, c.year limit ?",
        (list(kinds), limit),
    )


def change_counts() -> pd.DataFrame:
    return query(
        "select change_type, count(*) as n from mart_indicator_changes group by change_type"
    )


# --- source viewer ----------------------------------------------------------------------------


def document_lines(document_id: str, first: int, last: int) -> pd.DataFrame:
    """Lines first..last of one document (the Parquet file is ordered by document and line:
    only the row groups of that document are read)."""
    return query(
        "select source_line, text, status, detail from mart_document_lines "
        "where document_id = ? and source_line between ? and ? order by source_line",
        (document_id, int(first), int(last)),
    )


# the marts whose rows come from one line of a document: (mart, Italian name)
RECORD_MARTS = (
    ("mart_indicator_catalogue", "Indicatore e target"),
    ("fct_budget_capitolo", "Riga di bilancio"),
    ("fct_project_budget", "Progetto nella tabella del CDR"),
    ("fct_peg_cdr_row", "Riga della tabella del CDR"),
    ("fct_staff_allocation", "Personale assegnato"),
    ("fct_objective_step", "Step di un obiettivo"),
    ("fct_plan_weight", "Peso dichiarato"),
    ("dim_objective", "Obiettivo"),
    ("fct_action_year", "Azione"),
    ("dim_cost_center", "Centro di costo"),
    ("fct_objective_link", "Tabella di raccordo"),
)


def records_at(document_id: str, line: int) -> list[tuple[str, pd.DataFrame]]:
    """The parsed records that come from this line, mart by mart (only marts present)."""
    out = []
    present = set(available_tables())
    for mart, name in RECORD_MARTS:
        if mart not in present:
            continue
        df = query(
            f"select * from {mart} where document_id = ? and source_line = ?",
            (document_id, int(line)),
        )
        if not df.empty:
            out.append((name, df))
    return out


# --- Aree di intervento (policy areas) ------------------------------------------------------

ALL_AREAS = ""  # the area filter's "Tutte le aree"


def policy_areas() -> pd.DataFrame:
    """The policy areas with their official names, in their order (dim_policy_area)."""
    return query(
        "select policy_area, area_name, official_name, missione_code, programma_code, "
        "description, sort_order from dim_policy_area order by sort_order"
    )


def area_measure_catalogue() -> pd.DataFrame:
    """The measures compared per area (dim_policy_area_measure, same columns as dim_measure)."""
    return query(
        "select measure_key, label, unit, definition, higher_is_better, group_name "
        "from dim_policy_area_measure order by sort_order"
    )


def area_stats(level: str, area: str) -> pd.DataFrame:
    """Median, quartiles, range and units with a (positive) value of every area measure."""
    return query(
        "select measure_key, n_units_with_value, n_units_positive, n_units, median_value, "
        "q1_value, q3_value, min_value, max_value from mart_policy_area_stats "
        "where unit_level = ? and policy_area = ?",
        (level, area),
    )


AREA_UNIT_ORDER = {
    "objectives_share_pct": "objectives_share_pct desc nulls last, n_objectives desc, label",
    "n_objectives": "n_objectives desc, objectives_share_pct desc nulls last, label",
    "spese_share_pct": "spese_share_pct desc nulls last, spese_eur desc nulls last, label",
    "label": "label, unit_id",
}


def _area_units_where(level: str, area: str, ente_type: str | None) -> tuple[str, list]:
    sql = " where unit_level = ? and policy_area = ?"
    params: list = [level, area]
    if ente_type:
        sql += " and ente_type = ?"
        params.append(ente_type)
    return sql, params


def area_units_page(
    level: str,
    area: str,
    offset: int = 0,
    limit: int = PAGE_SIZE,
    order: str = "objectives_share_pct",
    ente_type: str | None = None,
) -> pd.DataFrame:
    """One page of the units of a level with their figures in one area (mart_policy_area_unit),
    in the chosen order."""
    where, params = _area_units_where(level, area, ente_type)
    return query(
        f"select * from mart_policy_area_unit{where} order by {AREA_UNIT_ORDER[order]} "
        "limit ? offset ?",
        (*params, limit, offset),
    )


def area_units_count(level: str, area: str, ente_type: str | None = None) -> int:
    where, params = _area_units_where(level, area, ente_type)
    return int(query(f"select count(*) as n from mart_policy_area_unit{where}", params).n[0])


def area_unit_rows(level: str, unit_ids: tuple[str, ...], area: str) -> pd.DataFrame:
    """The rows of the chosen units in one area, in the order given."""
    df = query(
        "select * from mart_policy_area_unit where unit_level = ? and policy_area = ? "
        "and list_contains(?, unit_id)",
        (level, area, list(unit_ids)),
    )
    order = {u: i for i, u in enumerate(unit_ids)}
    return df.sort_values("unit_id", key=lambda s: s.map(order)).reset_index(drop=True)


def area_matrix(unit_ids: tuple[str, ...], level: str = "ente") -> pd.DataFrame:
    """Every area of the chosen units (the areas x enti matrix)."""
    return query(
        "select unit_id, label, ente_type, policy_area, area_name, sort_order, n_objectives, "
        "n_objectives_total, objectives_share_pct, spese_eur, spese_total_eur, spese_share_pct, "
        "n_indicators, n_indicators_secondary from mart_policy_area_unit "
        "where unit_level = ? and list_contains(?, unit_id) order by sort_order, label",
        (level, list(unit_ids)),
    )


def area_medians(level: str = "ente") -> pd.DataFrame:
    """Per area, the median shares over every unit of the level (the matrix's median row)."""
    return query(
        "select policy_area, measure_key, median_value, n_units_with_value "
        "from mart_policy_area_stats where unit_level = ? and "
        "list_contains(['objectives_share_pct', 'spese_share_pct', 'n_objectives', "
        "'spese_eur'], measure_key)",
        (level,),
    )


@dataclass(frozen=True)
class AreaFilter:
    """The drill-down of one ente in one area: objectives, indicators or budget lines."""

    ente_id: str
    area: str
    secondary: bool = False  # also what has the area as its secondary area

    def where(self, alias: str = "") -> tuple[str, list]:
        a = f"{alias}." if alias else ""
        if self.secondary:
            return (
                f" where {a}ente_id = ? and ({a}policy_area = ? or {a}policy_area_secondary = ?)",
                [self.ente_id, self.area, self.area],
            )
        return f" where {a}ente_id = ? and {a}policy_area = ?", [self.ente_id, self.area]


OBJECTIVE_COLUMNS = (
    "o.document_id, d.doc_title, d.period_start_year, d.period_end_year, o.objective_id, "
    "o.code, o.title, o.level, "
    "o.policy_area, o.policy_area_secondary, o.policy_area_method, o.policy_area_rule_id, "
    "o.policy_area_terms, o.policy_area_declared_programmi, o.policy_area_inherited_from, "
    "p.title as policy_area_inherited_from_title, o.source_line, o.source_page"
)


def area_objectives_page(flt: AreaFilter, offset: int, limit: int = PAGE_SIZE) -> pd.DataFrame:
    """One page of the ente's objectives in the area (dim_objective), in document order."""
    where, params = flt.where("o")
    return query(
        f"select {OBJECTIVE_COLUMNS} from dim_objective o "
        "left join dim_objective p on p.objective_id = o.policy_area_inherited_from "
        f"left join mart_document_status d on d.document_id = o.document_id{where} "
        "order by o.document_id, o.source_line, o.objective_id limit ? offset ?",
        (*params, limit, offset),
    )


def area_objectives_export(flt: AreaFilter) -> pd.DataFrame:
    return area_objectives_page(flt, 0, 1_000_000)


def area_objectives_count(flt: AreaFilter) -> int:
    where, params = flt.where()
    return int(query(f"select count(*) as n from dim_objective{where}", params).n[0])


INDICATOR_AREA_COLUMNS = (
    "document_id, document_label, indicator_id, indicator_code, indicator_name, "
    "objective_code, objective_title, year, target_raw, target_kind, actual_raw, "
    "reaches_target, policy_area, policy_area_secondary, policy_area_method, "
    "policy_area_rule_id, policy_area_terms, policy_area_inherited_from_title, source_line"
)


def area_indicators_page(flt: AreaFilter, offset: int, limit: int = PAGE_SIZE) -> pd.DataFrame:
    """One page of the ente's indicator-years in the area (mart_policy_area_indicator)."""
    where, params = flt.where()
    return query(
        f"select {INDICATOR_AREA_COLUMNS} from mart_policy_area_indicator{where} "
        "order by period_start_year, document_id, source_line, indicator_id, year "
        "limit ? offset ?",
        (*params, limit, offset),
    )


def area_indicators_export(flt: AreaFilter) -> pd.DataFrame:
    return area_indicators_page(flt, 0, 1_000_000)


def area_indicators_count(flt: AreaFilter) -> pd.Series:
    """Indicator-years, indicators and targets of the drill-down."""
    where, params = flt.where()
    return query(
        "select count(*) as rows, count(distinct indicator_id) as indicators, "
        f"count(target_raw) as targets from mart_policy_area_indicator{where}",
        params,
    ).iloc[0]


def area_budget_lines_page(flt: AreaFilter, offset: int, limit: int = PAGE_SIZE) -> pd.DataFrame:
    """One page of the ente's PEG budget lines in the area (mart_budget_line_policy_area)."""
    where, params = AreaFilter(flt.ente_id, flt.area).where()
    return query(
        "select document_id, year, cdr_code, project_code, capitolo, articolo, "
        "capitolo_description, flow, nature, amount_eur, policy_area_method, "
        f"policy_area_rule_id, policy_area_terms, source_line from mart_budget_line_policy_area"
        f"{where} order by document_id, flow desc, source_line limit ? offset ?",
        (*params, limit, offset),
    )


def area_budget_lines_count(flt: AreaFilter) -> int:
    where, params = AreaFilter(flt.ente_id, flt.area).where()
    return int(query(f"select count(*) as n from mart_budget_line_policy_area{where}", params).n[0])


def area_budget_by_year(ente_id: str, area: str) -> pd.DataFrame:
    """The ente's budget in the area per year, flow and nature (mart_budget_policy_area)."""
    return query(
        "select year, flow, nature, amount_eur, share_of_flow_pct, n_budget_lines, n_projects, "
        "document_ids from mart_budget_policy_area where ente_id = ? and policy_area = ? "
        "order by year, flow desc, nature",
        (ente_id, area),
    )


def area_targets_by_year(ente_id: str, area: str) -> pd.DataFrame:
    """Per document of the ente and year: targets and results of the area's indicators."""
    return query(
        "select t.*, d.label, d.doc_title, d.period_start_year, d.period_end_year "
        "from mart_policy_area_targets_year t join mart_document_status d using (document_id) "
        "where t.ente_id = ? and t.policy_area = ? order by d.period_start_year, t.year",
        (ente_id, area),
    )


def area_steps_by_deadline(ente_id: str, area: str) -> pd.DataFrame:
    return query(
        "select s.*, d.label from mart_policy_area_steps_deadline s "
        "join mart_document_status d using (document_id) "
        "where s.ente_id = ? and s.policy_area = ? order by s.document_id, s.deadline_year",
        (ente_id, area),
    )
