"""Keep the dbt models incremental by document (see dbt_project/macros/incremental.sql).

    python scripts/incremental_models.py           # apply the convention to every model
    python scripts/incremental_models.py --check   # exit 1 and list what does not follow it

A model of intermediate/, marts/ or checks/ is incremental by default (dbt_project.yml): each
of its inputs that holds rows of documents (staging models, other incremental models) must be
read through ``{{ where_touched() }}``, so a refresh computes only the touched documents.
Models whose rows mix documents are listed in ``TABLE_MODELS`` and carry
``{{ config(materialized='table') }}``; inputs that are such tables or seeds are read whole.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

MODELS = Path(__file__).resolve().parents[1] / "dbt_project" / "models"
FOLDERS = ("intermediate", "marts", "checks")
# rows that mix documents: one per ente, per area, peer medians, the revision history
TABLE_MODELS = {
    "dim_ente",
    "dim_responsabile",
    "dim_policy_area",
    "int_policy_rule_terms",
    "mart_budget_policy_area",
    "mart_policy_area_ente",
    "mart_policy_area_unit",  # documents, enti and types of ente, with medians over them
    "mart_policy_area_stats",
    "dim_policy_area_measure",
    "mart_indicator_changes",
    "dim_measure",
    "mart_enti_type_region",
    "mart_indicator_catalogue",  # catalogue_row numbers the rows of every document
    "mart_measure_rank",
    "mart_measure_stats",
    "mart_measures_ente",
    "mart_measures_ente_type",
}
# rows of one ente each (or of a pair of an ente's documents), costly to recompute whole:
# incremental by ente (where_touched_ente / delete_touched_ente)
ENTE_MODELS = {"mart_indicator_pairs"}
ENTE_CONFIG = (
    "{{ config(materialized='incremental', incremental_strategy='append', "
    'pre_hook="{{ delete_touched_ente() }}") }}'
)
ENTE_FILTER = "{{ where_touched_ente() }}"
# views over the audit tables, recomputed when read
VIEW_MODELS = {"mart_document_status", "mart_dq_overview", "mart_dq_rule"}
TABLE_CONFIG = "{{ config(materialized='table') }}"
REF = re.compile(r"\{\{ (ref\('([a-z0-9_]+)'\)|source\('raw', '([a-z_]+)'\)) \}\}")
FILTER = "{{ where_touched() }}"


def model_files() -> dict[str, Path]:
    return {p.stem: p for folder in FOLDERS for p in sorted((MODELS / folder).glob("*.sql"))}


def per_document_inputs(models: dict[str, Path]) -> set[str]:
    staging = {p.stem for p in (MODELS / "staging").glob("stg_*.sql")}
    return staging | {m for m in models if m not in TABLE_MODELS | VIEW_MODELS | ENTE_MODELS}


FILTERED_THEN_WHERE = re.compile(
    r"select \* from (\{\{ ref\('[a-z0-9_]+'\) \}\}) \{\{ where_touched\(\) \}\}(\s*\n\s*where )"
)


def apply(name: str, text: str, per_doc: set[str]) -> str:
    """The model's SQL following the convention."""
    if name in VIEW_MODELS:
        return text
    # an import CTE with a where clause of its own reads a filtered subquery
    text = FILTERED_THEN_WHERE.sub(
        r"select * from (select * from \1 {{ where_touched() }})\2", text
    )
    if name in TABLE_MODELS:
        if TABLE_CONFIG not in text:
            text = TABLE_CONFIG + "\n" + text
        return text
    if name in ENTE_MODELS:
        return _per_ente(text, per_doc)
    out = []
    last = 0
    for m in REF.finditer(text):
        target = m.group(2) or f"raw.{m.group(3)}"
        if target not in per_doc or text[: m.start()].rstrip().endswith("depends_on:"):
            continue
        rest = text[m.end() :]
        if rest.lstrip(" ").startswith(FILTER):
            continue
        line_end = rest.split("\n", 1)[0]
        followed_by_where = rest.lstrip().lower().startswith("where")
        out.append(text[last : m.start()])
        import_cte = text[: m.start()].rstrip().endswith("select * from")
        if import_cte and not line_end.strip() and not followed_by_where:
            out.append(m.group(0) + " " + FILTER)  # an import CTE: select * from x
        else:
            out.append(f"(select * from {m.group(0)} {FILTER})")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def _per_ente(text: str, per_doc: set[str]) -> str:
    """A model incremental by ente: its inputs with an ente_id read through the ente filter
    (every per-document model has one), seeds and tables read whole."""
    text = text.replace(TABLE_CONFIG, ENTE_CONFIG)
    if ENTE_CONFIG not in text:
        text = ENTE_CONFIG + "\n" + text
    out, last = [], 0
    for m in REF.finditer(text):
        target = m.group(2) or f"raw.{m.group(3)}"
        rest = text[m.end() :]
        if target not in per_doc or rest.lstrip(" ").startswith(ENTE_FILTER):
            continue
        out.append(text[last : m.start()])
        out.append(f"(select * from {m.group(0)} {ENTE_FILTER})")
        last = m.end()
    out.append(text[last:])
    return "".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    models = model_files()
    per_doc = per_document_inputs(models)
    stale = []
    for name, path in models.items():
        text = path.read_text()
        new = apply(name, text, per_doc)
        if new != text:
            stale.append(name)
            if not args.check:
                path.write_text(new)
    if args.check:
        if stale:
            print("models not incremental by document: " + ", ".join(stale))
            return 1
        print("every model is incremental by document or a declared table")
        return 0
    print(f"updated {len(stale)} models")
    return 0


if __name__ == "__main__":
    sys.exit(main())
