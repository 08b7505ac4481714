"""One definition per table: the committed staging models and the models' incremental
convention are what the generators produce (run them after changing a layout or a model)."""

from __future__ import annotations

from ingest.registry import layouts, raw_tables
from ingest.staging import render, stale_files
from scripts.incremental_models import apply, model_files, per_document_inputs


def test_staging_models_are_generated_from_the_raw_table_declarations():
    assert stale_files(render()) == [], "run: python -m ingest.staging"


def test_every_model_is_incremental_by_document_or_a_declared_table():
    models = model_files()
    per_doc = per_document_inputs(models)
    stale = [n for n, p in models.items() if apply(n, p.read_text(), per_doc) != p.read_text()]
    assert stale == [], "run: python scripts/incremental_models.py"


def test_every_layout_is_one_registry_entry_with_its_tables():
    families = [lay.family for lay in layouts()]
    assert families == ["asc_schede", "modello", "peg", "piao", "profilo", "stato_attuazione"]
    tables = raw_tables()
    assert {"peg_budget_lines", "asc_indicator_years", "tpl_objectives"} <= set(tables)
    # every declared table but the control table is staged
    assert [t for t, spec in tables.items() if not spec.staged] == ["touched_documents"]
