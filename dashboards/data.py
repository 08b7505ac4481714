"""The dashboard's only data-access module: every SQL statement of the app lives here.

Reads the Parquet marts (``PLANS_MARTS_DIR``, default ``data/marts``), never the DuckDB file
the build writes, through a short-lived in-memory DuckDB connection per query. User-chosen
values are always bound as parameters. Results are cached with ``st.cache_data``, keyed on
the marts folder the symlink points to, so a refresh shows up without a restart.

A query that reads a mart the folder does not hold raises ``MissingMarts`` naming it: the one
way the app handles a missing or partial warehouse (pages catch it with
``common.marts_section``, which shows an Italian message).
"""

from __future__ import annotations

import os
import re
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


class MissingMarts(Exception):
    """A mart the query needs is not in the marts folder."""

    def __init__(self, tables: list[str]) -> None:
        super().__init__(f"missing marts: {', '.join(tables)}")
        self.tables = tables


_MISSING = re.compile(r"Table with name (\w+) does not exist")


@st.cache_data(ttl=600, show_spinner=False)
def _query(sql: str, params: tuple, version: str) -> pd.DataFrame:
    con = _connect(version)
    try:
        return con.sql(sql, params=list(params)).df()
    except duckdb.CatalogException as exc:
        found = _MISSING.search(str(exc))
        if found is None:
            raise
        raise MissingMarts([found.group(1)]) from None
    finally:
        con.close()


def require(*tables: str) -> None:
    """Raise MissingMarts when one of these marts is not in the folder."""
    missing = [t for t in tables if t not in available_tables()]
    if missing:
        raise MissingMarts(missing)


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


# --- pages of the benchmarking dashboard --------------------------------------------------


def data_docs_dir() -> Path:
    """Great Expectations Data Docs: ``PLANS_DATA_DOCS_DIR``, else ``data_docs`` beside the
    marts folder (``data/data_docs`` by default)."""
    value = os.environ.get("PLANS_DATA_DOCS_DIR")
    if value:
        p = Path(value)
        return p if p.is_absolute() else ROOT / p
    return marts_dir().parent / "data_docs"


def load_runs() -> pd.DataFrame:
    """Pipeline runs, most recent first."""
    return query(
        "select run_id, started_at, finished_at, status, trigger, files_seen, files_new, "
        "files_changed, files_failed, files_parsed, checks_run, checks_failed_error, "
        "checks_failed_warning, message from audit_load_runs order by started_at desc",
    )


def documents_detail() -> pd.DataFrame:
    """Every document with its ente, coverage of the latest run that read it, and the
    data-quality counts of the latest check run."""
    return query(
        "select d.document_id, d.ente_id, e.ente_name, e.ente_type, e.region, e.province, "
        "d.doc_family, d.doc_type, d.doc_title, d.period_start_year, d.period_end_year, "
        "d.source_file, d.loaded_at, d.lines_total, "
        "c.lines_mapped, c.lines_boilerplate, c.lines_unparsed, c.lines_blank, c.coverage_pct, "
        "coalesce(q.checks_passed, 0) as checks_passed, "
        "coalesce(q.warnings_failed, 0) as warnings_failed, "
        "coalesce(q.errors_failed, 0) as errors_failed "
        "from dim_document d join dim_ente e using (ente_id) "
        "left join (select c.* from audit_document_coverage c join (select document_id, "
        "max(run_id) as run_id from audit_document_coverage group by document_id) l "
        "using (document_id, run_id)) c using (document_id) "
        "left join (select document_id, count(*) filter (where passed) as checks_passed, "
        "count(*) filter (where not passed and severity = 'warning') as warnings_failed, "
        "count(*) filter (where not passed and severity = 'error') as errors_failed "
        "from audit_dq_results where run_id = (select max(run_id) from audit_dq_results) "
        "group by document_id) q using (document_id) "
        "order by e.ente_name, d.period_start_year, d.document_id"
    )


def dq_counts(document_ids: tuple[str, ...]) -> dict[str, int]:
    """Checks passed, warnings and errors failed in the latest check run for these documents."""
    empty = {"passed": 0, "warnings": 0, "errors": 0, "total": 0}
    if not document_ids:
        return empty
    df = query(
        "select count(*) filter (where passed) as passed, "
        "count(*) filter (where not passed and severity = 'warning') as warnings, "
        "count(*) filter (where not passed and severity = 'error') as errors, "
        "count(*) as total from audit_dq_results "
        "where run_id = (select max(run_id) from audit_dq_results) "
        "and list_contains(?, document_id)",
        (list(document_ids),),
    )
    if df.empty:
        return empty
    return {k: int(df.iloc[0][k] or 0) for k in empty}


def dq_results_detail() -> pd.DataFrame:
    """Every check of the latest check run, with ente and document names."""
    return query(
        "select q.run_id, q.checked_at, q.suite, q.check_name, q.severity, q.document_id, "
        "q.subject_key, q.observed, q.expected, q.difference, q.tolerance, q.passed, "
        "q.description, d.ente_id, e.ente_name, d.doc_title, d.source_file "
        "from audit_dq_results q "
        "left join dim_document d using (document_id) left join dim_ente e using (ente_id) "
        "where q.run_id = (select max(run_id) from audit_dq_results) "
        "order by q.passed, q.severity, q.document_id, q.check_name, q.subject_key"
    )


def unparsed_lines() -> pd.DataFrame:
    """Lines no rule took, from the latest run that read each document."""
    return query(
        "select u.document_id, u.source_line, u.text, u.reason, u.run_id "
        "from audit_unparsed_lines u join (select document_id, max(run_id) as run_id "
        "from audit_unparsed_lines group by document_id) l using (document_id, run_id) "
        "order by u.document_id, u.source_line",
    )


def load_errors() -> pd.DataFrame:
    """Quarantined documents, every run, most recent first."""
    return query(
        "select run_id, source_file, document_id, line_no, error from audit_load_errors "
        "order by run_id desc, source_file",
    )


def document_base_counts() -> pd.DataFrame:
    """Per document: the raw counts behind the comparable measures (see compare.py).

    Target rows are counted once per indicator and year (fct_indicator_year repeats a target
    for each responsabile it names)."""
    parts = {
        "o": "select document_id, count(*) as n_objectives, "
        "count(weight_pct) as n_objectives_weighted from dim_objective group by 1",
        "a": "select document_id, count(distinct action_id) as n_actions "
        "from fct_action_year group by 1",
        "s": "select document_id, count(*) as n_steps from fct_objective_step group by 1",
        "i": "select document_id, count(*) as n_indicators from dim_indicator group by 1",
        "y": "with iy as (select distinct document_id, indicator_id, year, target_raw, "
        "target_kind, actual_raw from fct_indicator_year) "
        "select document_id, count(target_raw) as n_targets, "
        "count(*) filter (where target_kind = 'number') as n_targets_number, "
        "count(*) filter (where target_kind = 'percent') as n_targets_percent, "
        "count(*) filter (where target_kind = 'date') as n_targets_date, "
        "count(*) filter (where target_kind = 'boolean') as n_targets_boolean, "
        "count(*) filter (where target_kind = 'text') as n_targets_text, "
        "count(distinct indicator_id) filter (where target_raw is not null) "
        "as n_indicators_with_target, "
        "count(distinct indicator_id) filter (where actual_raw is not null) "
        "as n_indicators_with_result, "
        "count(actual_raw) as n_results from iy group by 1",
        "r": "select document_id, count(distinct responsabile_id) as n_responsabili "
        "from fct_indicator_year group by 1",
        "w": "select document_id, count(*) as n_plan_weights, "
        "count(distinct weight_group) as n_weight_groups from fct_plan_weight group by 1",
        "p": "select document_id, count(distinct person_name_normalised) as n_staff, "
        "sum(allocation_pct) / 100 as staff_fte, "
        "count(distinct project_code) as n_staffed_projects "
        "from fct_staff_allocation group by 1",
        "b": "select document_id, "
        "sum(amount_eur) filter (where flow = 'spesa') as spese_eur, "
        "sum(amount_eur) filter (where flow = 'entrata') as entrate_eur, "
        "sum(amount_eur) filter (where flow = 'spesa' and nature = 'corrente') "
        "as spese_correnti_eur, "
        "sum(amount_eur) filter (where flow = 'spesa' and nature = 'investimento') "
        "as spese_investimento_eur, count(*) as n_budget_lines "
        "from fct_budget_capitolo group by 1",
        "pb": "select document_id, count(*) as n_projects, "
        "count(budget_eur) filter (where budget_eur > 0) as n_projects_with_budget "
        "from fct_project_budget group by 1",
    }
    names = {
        "o": "n_objectives, n_objectives_weighted",
        "a": "n_actions",
        "s": "n_steps",
        "i": "n_indicators",
        "y": "n_targets, n_targets_number, n_targets_percent, n_targets_date, "
        "n_targets_boolean, n_targets_text, n_indicators_with_target, "
        "n_indicators_with_result, n_results",
        "r": "n_responsabili",
        "w": "n_plan_weights, n_weight_groups",
        "p": "n_staff, staff_fte, n_staffed_projects",
        "b": "spese_eur, entrate_eur, spese_correnti_eur, spese_investimento_eur, n_budget_lines",
        "pb": "n_projects, n_projects_with_budget",
    }
    ctes = ", ".join(f"{alias} as ({sql})" for alias, sql in parts.items())
    cols = []
    for alias, cs in names.items():
        for n in cs.split(","):
            n = n.strip()
            money = n.endswith("_eur") or n == "staff_fte"
            cols.append(f"{alias}.{n}" if money else f"coalesce({alias}.{n}, 0) as {n}")
    joins = " ".join(f"left join {alias} using (document_id)" for alias in parts)
    sql = (
        f"with {ctes} select d.document_id, d.ente_id, e.ente_name, e.ente_type, e.region, "
        "d.doc_family, d.doc_title, d.period_start_year, d.period_end_year, d.source_file, "
        f"{', '.join(cols)} from dim_document d join dim_ente e using (ente_id) {joins} "
        "order by e.ente_name, d.period_start_year, d.document_id"
    )
    return query(sql)


def result_rows() -> pd.DataFrame:
    """Indicator-years that report a result (Risultato), with their target."""
    return query(
        "select distinct document_id, ente_id, indicator_id, year, target_raw, target_kind, "
        "target_operator, target_value, actual_raw, actual_value "
        "from fct_indicator_year where actual_raw is not null order by document_id, year",
    )


def objective_steps(ente_id: str | None = None) -> pd.DataFrame:
    """Steps of the objectives (stato di attuazione) with the objective's title and its
    incidence on the whole plan (weight_pct)."""
    sql = (
        "select s.document_id, s.ente_id, s.objective_id, s.objective_code, o.title as "
        "objective_title, o.level, o.weight_pct as objective_weight_pct, s.step_code, "
        "s.step_seq, s.description, s.deadline, s.indicator, s.weight_in_objective_pct, "
        "s.weight_in_year_pct, s.year, s.achievement_raw, s.achievement_pct, s.verification, "
        "s.source_line from fct_objective_step s "
        "left join dim_objective o on o.objective_id = s.objective_id"
    )
    if ente_id:
        return query(sql + " where s.ente_id = ? order by s.source_line", (ente_id,))
    return query(sql + " order by s.document_id, s.source_line")


def plan_weights() -> pd.DataFrame:
    return query(
        "select document_id, ente_id, weight_group, item, item_key, weight_raw, weight_pct, "
        "source_line from fct_plan_weight order by document_id, source_line",
    )


def staff_by_project(ente_id: str) -> pd.DataFrame:
    return query(
        "select project_code, count(distinct person_name_normalised) as persone, "
        "sum(allocation_pct) / 100 as fte, document_id from fct_staff_allocation "
        "where ente_id = ? group by project_code, document_id order by fte desc",
        (ente_id,),
    )


def budget_enti() -> pd.DataFrame:
    """Enti that have PEG budget figures (project table or capitoli)."""
    return query(
        "select e.ente_id, e.ente_name, e.ente_type, e.province from dim_ente e "
        "where e.ente_id in (select ente_id from fct_project_budget union "
        "select ente_id from fct_budget_capitolo) order by e.ente_name"
    )


def indicator_catalogue() -> pd.DataFrame:
    """Every indicator with its targets and results per year (an indicator without any
    target row appears once, with an empty year)."""
    return query(
        "select e.ente_name, e.ente_type, i.ente_id, i.document_id, d.doc_title, "
        "d.period_start_year, d.period_end_year, d.source_file, "
        "o.code as objective_code, o.title as objective_title, "
        "i.indicator_id, i.code as indicator_code, i.name as indicator_name, i.dimension, "
        "i.formula, f.year, f.target_raw, f.target_kind, f.target_operator, f.target_value, "
        "f.target_date, f.actual_raw, f.actual_value, r.name as responsabile, "
        "coalesce(f.source_line, i.source_line) as source_line "
        "from dim_indicator i join dim_document d using (document_id) "
        "join dim_ente e on e.ente_id = i.ente_id "
        "left join dim_objective o on o.objective_id = i.objective_id "
        "left join fct_indicator_year f on f.indicator_id = i.indicator_id "
        "left join dim_responsabile r on r.responsabile_id = f.responsabile_id "
        "order by e.ente_name, i.document_id, i.source_line, year"
    )


def indicators_of_ente(ente_id: str) -> pd.DataFrame:
    """The ente's indicators (one row each) with their document's period, for matching
    indicators across plan editions."""
    return query(
        "select i.indicator_id, i.document_id, d.doc_title, d.period_start_year, "
        "d.period_end_year, i.code, i.name, o.code as objective_code, "
        "o.title as objective_title, i.source_line "
        "from dim_indicator i join dim_document d using (document_id) "
        "left join dim_objective o on o.objective_id = i.objective_id "
        "where i.ente_id = ? order by d.period_start_year, i.source_line",
        (ente_id,),
    )


def indicator_years(ente_id: str) -> pd.DataFrame:
    """The ente's targets and results per indicator and year (once per indicator-year)."""
    return query(
        "select distinct f.document_id, d.doc_title, d.period_start_year, d.period_end_year, "
        "f.indicator_id, f.year, f.target_raw, f.target_kind, f.target_operator, "
        "f.target_value, f.target_date, f.actual_raw, f.actual_value "
        "from fct_indicator_year f join dim_document d using (document_id) "
        "where f.ente_id = ? order by f.document_id, f.indicator_id, f.year",
        (ente_id,),
    )


def indicator_changes() -> pd.DataFrame:
    """What changed between refreshes (mart_indicator_changes), most recent first."""
    return query(
        "select c.changed_at, c.change_type, e.ente_name, d.doc_title, c.document_id, "
        "c.indicator_name, c.year, c.old_target_raw, c.new_target_raw, c.old_actual_raw, "
        "c.new_actual_raw, c.old_responsabili, c.new_responsabili, c.source_line "
        "from mart_indicator_changes c left join dim_ente e using (ente_id) "
        "left join dim_document d on d.document_id = c.document_id "
        "order by c.changed_at desc, e.ente_name, c.indicator_name, c.year",
    )
