"""Snapshots of what the pipeline produces, to prove a refactoring changed no figure.

    python scripts/snapshot.py parse OUT.json          # every sample's parsed tables
    python scripts/snapshot.py marts DB OUT.json       # every marts.* table of a warehouse
    python scripts/snapshot.py compare A.json B.json   # exit 1 and a diff summary if they differ

``parse`` runs the parsers only (no DuckDB, a second or two); ``marts`` reads a built
warehouse. Rows are sorted, values rendered as text, so the comparison is exact and does not
depend on row order. Columns named in ``--ignore`` (comma-separated) are left out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VOLATILE = {"loaded_at", "run_id", "parser_version", "checked_at", "dbt_updated_at"}


def _render(value: object) -> str | None:
    return None if value is None else str(value)


def _canonical(rows: list[dict], ignore: set[str]) -> list[list]:
    out = [[[k, _render(v)] for k, v in sorted(r.items()) if k not in ignore] for r in rows]
    return sorted(out, key=lambda r: json.dumps(r, ensure_ascii=False))


def snapshot_parse(raw_dir: Path, ignore: set[str]) -> dict:
    from ingest.dispatch import parse_one
    from ingest.manifest import read_manifest

    manifest = read_manifest(raw_dir / "manifest.csv")
    snap: dict[str, dict] = {}
    for path in sorted(raw_dir.iterdir()):
        if path.name == "manifest.csv" or not path.is_file():
            continue
        outcome = parse_one(path, manifest)
        doc: dict[str, object] = {"status": outcome.status, "error": outcome.error}
        for table, rows in sorted(outcome.tables.items()):
            doc[table] = _canonical(rows, ignore)
        if outcome.result is not None:
            doc["_ledger"] = _canonical(outcome.result.ledger.rows(), ignore)
        snap[path.name] = doc
    return snap


def snapshot_marts(db: Path, ignore: set[str]) -> dict:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [
            r[0]
            for r in con.sql(
                "select table_name from duckdb_tables() where schema_name = 'marts' "
                "order by table_name"
            ).fetchall()
        ]
        snap = {}
        for t in tables:
            rel = con.sql(f"select * from marts.{t}")
            cols = rel.columns
            snap[t] = _canonical(
                [dict(zip(cols, row, strict=True)) for row in rel.fetchall()], ignore
            )
        return snap
    finally:
        con.close()


def drop_new_columns(a: object, b: object) -> object:
    """``b`` with the columns no row of ``a`` has left out (an additive change adds columns;
    the figures of the columns that were there must not change)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: drop_new_columns(a.get(k), v) if k in a else v for k, v in b.items()}
    if isinstance(a, list) and isinstance(b, list) and a and isinstance(a[0], list):
        known = {pair[0] for row in a for pair in row}
        return sorted(
            ([pair for pair in row if pair[0] in known] for row in b),
            key=lambda r: json.dumps(r, ensure_ascii=False),
        )
    return b


def compare(a: dict, b: dict) -> list[str]:
    problems = []
    for key in sorted(set(a) | set(b)):
        if key not in a or key not in b:
            problems.append(f"{key}: only in {'second' if key not in a else 'first'}")
            continue
        va, vb = a[key], b[key]
        if isinstance(va, dict) and isinstance(vb, dict):
            problems.extend(f"{key}/{p}" for p in compare(va, vb))
        elif va != vb:
            if isinstance(va, list) and isinstance(vb, list):
                sa = {json.dumps(r, ensure_ascii=False) for r in va}
                sb = {json.dumps(r, ensure_ascii=False) for r in vb}
                only_a = sorted(sa - sb)[:3]
                only_b = sorted(sb - sa)[:3]
                problems.append(
                    f"{key}: {len(va)} vs {len(vb)} rows; first only-in-first {only_a}; "
                    f"first only-in-second {only_b}"
                )
            else:
                problems.append(f"{key}: {va!r} != {vb!r}")
    return problems


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--ignore", default="", help="comma-separated column names left out")
    sub = p.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("parse")
    sp.add_argument("out", type=Path)
    sp.add_argument("--raw", type=Path, default=ROOT / "data" / "raw")
    sm = sub.add_parser("marts")
    sm.add_argument("db", type=Path)
    sm.add_argument("out", type=Path)
    sc = sub.add_parser("compare")
    sc.add_argument("a", type=Path)
    sc.add_argument("b", type=Path)
    sc.add_argument(
        "--ignore-new-columns",
        action="store_true",
        help="compare only the columns the first snapshot has (an additive change)",
    )
    args = p.parse_args(argv)
    ignore = VOLATILE | {c for c in args.ignore.split(",") if c}
    if args.cmd == "parse":
        args.out.write_text(json.dumps(snapshot_parse(args.raw, ignore), ensure_ascii=False))
    elif args.cmd == "marts":
        args.out.write_text(json.dumps(snapshot_marts(args.db, ignore), ensure_ascii=False))
    else:
        a, b = json.loads(args.a.read_text()), json.loads(args.b.read_text())
        if args.ignore_new_columns:
            b = drop_new_columns(a, b)
        problems = compare(a, b)
        for line in problems:
            print(line)
        print("identical" if not problems else f"{len(problems)} differences")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
