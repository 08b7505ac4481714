"""One module per document layout, each defining ``LAYOUT`` (see ingest/registry.py)."""
