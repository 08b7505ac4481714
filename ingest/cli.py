"""Command line: `plans <command>` (or `python -m ingest.cli <command>`).

Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 ingest (no document loaded, unreadable
manifest), 4 dbt build failed, 5 blocking checks failed, 6 another build/refresh is running,
7 some documents were quarantined (only with --strict), 8 refused (the run would remove more
documents than PLANS_MAX_REMOVED_SHARE: see --allow-removal), 9 disk full.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from ingest import pipeline
from ingest.manifest import ManifestError
from ingest.settings import Settings


def _progress(quiet: bool):  # noqa: ANN202
    start = time.monotonic()

    def emit(message: str) -> None:
        if not quiet:
            print(f"[{time.monotonic() - start:6.1f}s] {message}", flush=True)

    return emit


def _print_summary(summary: pipeline.RunSummary) -> None:
    loaded = [o for o in summary.outcomes if o.status == "loaded"]
    print(
        f"run {summary.run_id} ({summary.trigger}): {summary.status}; {summary.files_seen} "
        f"documents seen: {summary.files_new} new, {summary.files_changed} changed, "
        f"{summary.files_unchanged} unchanged, {summary.files_removed} removed; "
        f"{len(loaded)} parsed, {len(summary.failed)} quarantined"
    )
    for o in summary.failed:
        print(f"  quarantined {o.source_file}: {o.error}")
    for w in summary.warnings:
        print(f"  warning: {w}")
    if summary.checks:
        c = summary.checks
        print(
            f"checks: {c.get('run', 0)} run, {c.get('failed_error', 0)} failed (error), "
            f"{c.get('failed_warning', 0)} failed (warning); details in audit.dq_results "
            f"and the Data Docs ({settings_docs()})"
        )


def settings_docs() -> str:
    return str(Settings.from_env().data_docs_dir / "index.html")


def _finish(args: argparse.Namespace, summary: pipeline.RunSummary) -> int:
    _print_summary(summary)
    if args.strict and (summary.failed or summary.not_retried):
        return pipeline.EXIT_PARTIAL
    return pipeline.EXIT_OK


def cmd_build(args: argparse.Namespace, settings: Settings) -> int:
    run = pipeline.refresh if args.command == "refresh" else pipeline.build
    summary = run(
        settings,
        trigger=args.trigger,
        progress=_progress(args.quiet),
        run_checks=not args.skip_checks,
        allow_removal=args.allow_removal,
    )
    return _finish(args, summary)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Parse and land raw tables into a DuckDB file (default: a scratch file)."""
    import duckdb

    db = Path(args.db) if args.db else settings.data_dir / "ingest-only.duckdb"
    summary = pipeline.RunSummary(
        run_id=pipeline.new_run_id(), trigger=args.trigger, started_at=dt.datetime.now()
    )
    with pipeline.pipeline_lock(settings):
        con = duckdb.connect(str(db))
        try:
            pipeline.step_ingest(con, settings, summary, _progress(args.quiet))
        finally:
            con.close()
    print(f"raw tables written to {db}")
    return _finish(args, summary)


def cmd_transform(args: argparse.Namespace, settings: Settings) -> int:
    db = Path(args.db) if args.db else settings.db_path
    with pipeline.pipeline_lock(settings):
        pipeline.step_transform(db, settings, _progress(args.quiet))
    return pipeline.EXIT_OK


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    db = Path(args.db) if args.db else settings.db_path
    run_id = pipeline.new_run_id()
    with pipeline.pipeline_lock(settings):
        checks = pipeline.step_check(db, settings, run_id, settings.data_docs_dir, _progress(False))
    print(
        f"checks: {checks.get('run', 0)} run, {checks.get('failed_error', 0)} failed (error), "
        f"{checks.get('failed_warning', 0)} failed (warning); see audit.dq_results"
    )
    blocking = settings.blocking_severity
    if blocking and checks.get(f"failed_{blocking}", 0):
        return pipeline.EXIT_CHECKS
    return pipeline.EXIT_OK


def cmd_template(args: argparse.Namespace, settings: Settings) -> int:
    """Write the blank template (modello di rilevazione): a workbook and/or a CSV folder."""
    from ingest.tabular.writer import write_csv_folder, write_xlsx

    if args.csv:
        print(f"template (CSV folder) written to {write_csv_folder(Path(args.csv))}")
    if args.out or not args.csv:
        out = Path(args.out or "modello_rilevazione.xlsx")
        print(f"template written to {write_xlsx(out)}")
    return pipeline.EXIT_OK


def cmd_export_template(args: argparse.Namespace, settings: Settings) -> int:
    """Write a loaded document as a filled template."""
    from ingest.tabular.exporter import ExportError, export_document

    db = Path(args.db) if args.db else settings.db_path
    out = Path(args.out or f"{args.document_id}_modello.xlsx")
    try:
        path = export_document(db, args.document_id, out)
    except ExportError as exc:
        print(f"plans export-template: {exc}", file=sys.stderr)
        return pipeline.EXIT_USAGE
    print(f"{args.document_id} written to {path}")
    return pipeline.EXIT_OK


def make_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="plans",
        description="Warehouse of Italian public-sector plans: ingest raw exports, build the "
        "marts with dbt, run the consistency checks.",
        epilog=(__doc__ or "").split("\n\n", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", required=True)

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("--quiet", action="store_true", help="print only the summary")
        sp.add_argument(
            "--trigger", choices=["manual", "scheduled"], default="manual", help="run trigger"
        )
        sp.add_argument(
            "--strict", action="store_true", help="exit 7 when a document is quarantined"
        )

    b = sub.add_parser("build", help="ingest + dbt build + export + checks, switched atomically")
    common(b)
    r = sub.add_parser("refresh", help="monthly refresh: only new/changed documents re-parsed")
    common(r)
    for sp in (b, r):
        sp.add_argument("--skip-checks", action="store_true", help="do not run the GE suites")
        sp.add_argument(
            "--allow-removal",
            action="store_true",
            help="publish even if more than PLANS_MAX_REMOVED_SHARE of the loaded documents "
            "(or all of them) would be removed",
        )
        sp.set_defaults(func=cmd_build)

    i = sub.add_parser("ingest", help="parse documents and land raw tables only")
    common(i)
    i.add_argument("--db", help="DuckDB file to write (default data/ingest-only.duckdb)")
    i.set_defaults(func=cmd_ingest)

    t = sub.add_parser("transform", help="run dbt build on an existing warehouse file")
    t.add_argument("--db", help="DuckDB file (default PLANS_DB_PATH)")
    t.add_argument("--quiet", action="store_true")
    t.set_defaults(func=cmd_transform)

    c = sub.add_parser("check", help="run the consistency checks on an existing warehouse")
    c.add_argument("--db", help="DuckDB file (default PLANS_DB_PATH)")
    c.set_defaults(func=cmd_check)

    m = sub.add_parser("template", help="write the blank template (modello di rilevazione)")
    m.add_argument("--out", help="workbook to write (default modello_rilevazione.xlsx)")
    m.add_argument("--csv", help="also (or only) write the template as a folder of CSV files")
    m.set_defaults(func=cmd_template)

    e = sub.add_parser("export-template", help="write a loaded document as a filled template")
    e.add_argument("document_id", help="document_id of the document (see dim_document)")
    e.add_argument("--db", help="DuckDB file (default PLANS_DB_PATH)")
    e.add_argument(
        "--out", help=".xlsx file, or a folder for CSV files (default <document_id>_modello.xlsx)"
    )
    e.set_defaults(func=cmd_export_template)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    settings = Settings.from_env()
    try:
        return args.func(args, settings)
    except pipeline.StepError as exc:
        print(f"plans {args.command}: {exc}", file=sys.stderr)
        return exc.exit_code
    except ManifestError as exc:
        print(f"plans {args.command}: manifest error: {exc}", file=sys.stderr)
        return pipeline.EXIT_INGEST
    except KeyboardInterrupt:
        print(f"plans {args.command}: interrupted", file=sys.stderr)
        return pipeline.EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
