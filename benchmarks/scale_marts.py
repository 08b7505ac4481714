"""A marts folder for N documents, made by replicating the sample marts, for the page benchmark
at the size of a region (the 10,000-document pipeline is built separately).

    .venv/bin/python benchmarks/scale_marts.py --documents 10000 --out data/scale/marts
    PLANS_MARTS_DIR=data/scale/marts .venv/bin/python benchmarks/bench_pages.py

How: the base tables (dim_*, fct_*, the document lines, the audit tables) are copied N / 5
times; in copy k every document id and ente id gets the suffix "-c<k>" (and so every id built
on them: indicator, objective, action, responsabile ids), ente names and document titles get
the copy number, amounts in euro are varied by up to 10 %, so that rows differ. The marts that
hold the dashboard's figures (mart_*) are then recomputed from the copies with the SQL dbt
compiled for them, so that every count and sum agrees with the copied rows. Not a test.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DOCUMENTS = 5

# the marts recomputed from the copies, in dependency order (dbt's compiled SQL)
DERIVED = [
    "mart_indicator_result",
    "mart_step_achievement",
    "mart_measures_document",
    "mart_measures_ente",
    "mart_measures_ente_type",
    "mart_measure_rank",
    "mart_measure_stats",
    "mart_policy_area_unit",
    "mart_policy_area_stats",
    "mart_targets_year",
    "mart_steps_deadline",
    "mart_budget_cdr",
    "mart_project_budget_cdr",
    "mart_staff_project",
    "mart_enti_type_region",
    "mart_plan_weight_group",
    "mart_document_status",
    "mart_dq_overview",
    "mart_dq_rule",
    "mart_indicator_catalogue",
    "mart_indicator_pairs",
]
COPIED_AS_IS = {"dim_measure", "dim_policy_area_measure", "dim_policy_area", "audit_load_runs"}
AUDIT = {"audit_document_coverage": "document_coverage", "audit_dq_results": "dq_results"}
SEED = "indicator_pair_decisions"


def compile_models(target: Path) -> Path:
    """dbt compile of the derived marts against a throwaway copy of the warehouse, as a full
    build compiles them (--full-refresh: no filter on the documents a refresh touched)."""
    db = ROOT / "data" / "warehouse.duckdb"
    tmp_db = target / "compile.duckdb"
    shutil.copyfile(db, tmp_db)
    env = dict(os.environ, PLANS_DB_PATH=str(tmp_db))
    dbt = Path(sys.executable).with_name("dbt")
    proc = subprocess.run(
        [str(dbt), "compile", "--profiles-dir", ".", "--target-path", str(target / "dbt"),
         "--full-refresh", "--select", *DERIVED, "--quiet"],
        cwd=ROOT / "dbt_project", env=env, capture_output=True, text=True,
    )  # fmt: skip
    if proc.returncode != 0:
        raise SystemExit(f"dbt compile failed:\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    return target / "dbt" / "compiled" / "plans_warehouse" / "models" / "marts"


def id_expr(column: str, doc_ids: list[str], ente_ids: list[str]) -> str:
    """The column with every document and ente id of copy k suffixed (k = 0 unchanged)."""
    expr = column
    for d in doc_ids:
        expr = f"replace({expr}, '{d}', '{d}-c' || k)"
    for e in ente_ids:
        expr = f"replace({expr}, '{e}', '{e}-c' || k)"
    return f"case when k = 0 then {column} else {expr} end"


def copy_select(
    con: duckdb.DuckDBPyConnection, path: Path, copies: int, doc_ids: list[str], ente_ids: list[str]
) -> str:
    cols = con.sql(f"describe select * from read_parquet('{path}')").fetchall()
    out = []
    for name, ctype, *_ in cols:
        q = f'"{name}"'
        if ctype == "VARCHAR" and (
            name.endswith(("_id", "_ids", "_id_a", "_id_b")) or name in ("unit_id",)
        ):
            out.append(f"{id_expr(q, doc_ids, ente_ids)} as {q}")
        elif ctype == "VARCHAR" and name == "ente_name":
            out.append(
                f"case when k = 0 then {q} else regexp_replace({q}, '^([^,(]*?)(\\s*[,(]|$)', "
                f"'\\1 ' || k || '\\2') end as {q}"
            )
        elif ctype == "VARCHAR" and name in ("doc_title", "name", "title", "indicator_name"):
            out.append(f"case when k = 0 then {q} else {q} || ' · ' || k end as {q}")
        elif ctype == "VARCHAR" and name == "source_file":
            out.append(
                f"case when k = 0 then {q} else replace({q}, '.', '-c' || k || '.') end as {q}"
            )
        elif name.endswith("_eur") and ctype.startswith(("DECIMAL", "DOUBLE")):
            out.append(f"cast({q} * (1 + (k % 11) / 100.0) as {ctype}) as {q}")
        else:
            out.append(q)
    return f"select {', '.join(out)} from read_parquet('{path}') cross join range({copies}) r(k)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--source", type=Path, default=ROOT / "data" / "marts")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "scale" / "marts")
    args = parser.parse_args()
    start = time.perf_counter()
    source = args.source.resolve()
    con = duckdb.connect()
    docs = con.sql(
        f"select document_id, ente_id from read_parquet('{source}/dim_document.parquet')"
    )
    rows = docs.fetchall()
    if len(rows) != SAMPLE_DOCUMENTS:
        print(f"note: the source has {len(rows)} documents, not {SAMPLE_DOCUMENTS}")
    doc_ids = [r[0] for r in rows]
    ente_ids = sorted({r[1] for r in rows})
    copies = max(1, args.documents // len(doc_ids))
    out = args.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmp:
        compiled = compile_models(Path(tmp))
        con.sql("attach ':memory:' as wh")
        for schema in ("marts", "audit", "seeds"):
            con.sql(f"create schema wh.{schema}")
        for path in sorted(source.glob("*.parquet")):
            table = path.stem
            if table in DERIVED:
                continue
            if table in COPIED_AS_IS:
                select = f"select * from read_parquet('{path}')"
            else:
                select = copy_select(con, path, copies, doc_ids, ente_ids)
            if table == "mart_document_lines":
                select = f"select * from ({select}) order by document_id, source_line"
            schema, name = ("audit", AUDIT[table]) if table in AUDIT else ("marts", table)
            con.sql(f"create table wh.{schema}.{name} as {select}")
            if table in AUDIT:
                con.sql(f"create view wh.marts.{table} as select * from wh.audit.{AUDIT[table]}")
        seed = ROOT / "dbt_project" / "seeds" / f"{SEED}.csv"
        con.sql(
            f"create table wh.seeds.{SEED} as select * from read_csv('{seed}', all_varchar=true, "
            "header=true)"
        )
        ref = re.compile(r'"[^"]+"\."(marts|audit|seeds)"\."(\w+)"')
        for model in DERIVED:
            sql = ref.sub(r"wh.\1.\2", (compiled / f"{model}.sql").read_text())
            sql = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
            con.sql(f"create table wh.marts.{model} as {sql}")
        for (name,) in con.sql(
            "select table_name from duckdb_tables() where database_name = 'wh' "
            "and schema_name = 'marts' union select view_name from duckdb_views() "
            "where database_name = 'wh' and schema_name = 'marts' and not internal"
        ).fetchall():
            con.sql(f"copy wh.marts.{name} to '{out / name}.parquet' (format parquet)")
    n_docs = con.sql(f"select count(*) from read_parquet('{out}/dim_document.parquet')").fetchall()
    n_lines = con.sql(
        f"select count(*) from read_parquet('{out}/mart_document_lines.parquet')"
    ).fetchall()
    print(
        f"{out}: {n_docs[0][0]} documents ({copies} copies of {len(doc_ids)}), "
        f"{n_lines[0][0]} document lines, {len(list(out.glob('*.parquet')))} tables, "
        f"{time.perf_counter() - start:.0f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
