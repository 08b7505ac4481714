"""Cost of matching the policy rules (int_policy_rule_hits) as the text grows.

    .venv/bin/python benchmarks/bench_policy_areas.py                  # x1, x10, x100
    .venv/bin/python benchmarks/bench_policy_areas.py --factors 1 10 100 300

Takes a built warehouse (default data/warehouse.duckdb, run `make build` first) and the SQL dbt
compiled for int_policy_rule_hits in the latest build, copies the warehouse to a temporary
folder, replaces int_policy_evidence with the samples' texts repeated N times (as if the
warehouse held N times the five documents) and times the matching query. Prints a table and
writes benchmarks/POLICY_RESULTS.md. Not a test: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
COMPILED = "dbt_target/compiled/plans_warehouse/models/intermediate/int_policy_rule_hits.sql"


def latest_compiled_sql(builds: Path) -> Path:
    candidates = sorted(builds.glob(f"*/{COMPILED}"))
    if not candidates:
        sys.exit(f"no compiled int_policy_rule_hits.sql under {builds}: run `make build` first")
    return candidates[-1]


def run(db: Path, sql_path: Path, factors: list[int]) -> list[dict[str, float]]:
    # dbt names the catalog after the file it built (warehouse, ...): use the copy's own
    sql = re.sub(r'"[^"]+"\."intermediate"\.', '"intermediate".', sql_path.read_text("utf-8"))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "warehouse.duckdb"
        shutil.copy(db, copy)
        con = duckdb.connect(str(copy))
        con.sql("create table bench_evidence as select * from intermediate.int_policy_evidence")
        for k in factors:
            con.sql(
                "create or replace table intermediate.int_policy_evidence as "
                "select object_kind, object_id || '#' || i as object_id, document_id, field, "
                "value, value_norm, evidence_id || '#' || i as evidence_id "
                f"from bench_evidence cross join range({k}) as r(i)"
            )
            texts, words = con.sql(
                "select count(*), sum(len(string_split(trim(value_norm), ' '))) "
                "from intermediate.int_policy_evidence"
            ).fetchall()[0]
            start = time.perf_counter()
            con.sql(f"create or replace table bench_hits as {sql}")
            seconds = time.perf_counter() - start
            hits = con.sql("select count(*) from bench_hits").fetchall()[0][0]
            results.append(
                {"factor": k, "texts": texts, "words": words, "hits": hits, "seconds": seconds}
            )
            print(f"x{k}: {texts} texts, {words} words -> {hits} hits in {seconds:.2f} s")
        con.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "data" / "warehouse.duckdb")
    parser.add_argument("--builds", type=Path, default=ROOT / "data" / "builds")
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--sql", type=Path, help="compiled int_policy_rule_hits.sql to time")
    args = parser.parse_args()
    sql_path = args.sql or latest_compiled_sql(args.builds)
    results = run(args.db, sql_path, args.factors)
    lines = [
        "# Policy rule matching: cost as the text grows",
        "",
        f"Run {datetime.now():%Y-%m-%d %H:%M} on {platform.node()} ({platform.machine()}), "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (a shared "
        f"machine), DuckDB {duckdb.__version__}; `benchmarks/bench_policy_areas.py`.",
        "The five samples' texts (titles, descriptions, indicators, actions, steps, capitoli) "
        "repeated N times, matched against every rule of `dbt_project/seeds/policy_rules.csv`.",
        "",
        "| factor | texts | words | hits | seconds | µs per word |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        per_word = r["seconds"] / r["words"] * 1e6
        lines.append(
            f"| x{r['factor']} | {r['texts']} | {r['words']} | {r['hits']} | "
            f"{r['seconds']:.2f} | {per_word:.2f} |"
        )
    lines += [
        "",
        "Matching uses equality joins on words (no regular expression per text and rule), so "
        "the cost should grow linearly with the words of text; the five samples hold about "
        "33,600 words, so x300 is about 1,500 documents of their size.",
    ]
    out = ROOT / "benchmarks" / "POLICY_RESULTS.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
