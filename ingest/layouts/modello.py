"""Layout entry: the standard template ("modello di rilevazione"), a workbook or a folder of
CSV files, one sheet per table (ingest/tabular, docs/IMPORT.md).

Recognised by its reader (a ``documento`` sheet with the template's header), not by text
markers; it describes itself, so it needs no manifest line.
"""

from ingest.registry import Layout
from ingest.tabular.schema import raw_tables

LAYOUT = Layout(
    family="modello",
    title="Modello di rilevazione / profilo",
    parser="ingest.tabular",
    tables=raw_tables(),
    input_formats=("xlsx", "csv"),
)
