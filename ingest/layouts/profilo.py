"""Layout entry: a tabular export of performance software, mapped onto the template's fields
by a YAML profile of ``data/profiles/`` (ingest/tabular/profiles.py, docs/IMPORT.md).

Recognised by its reader (a profile whose header columns the export has); its records land
in the template's raw tables (declared by the modello layout).
"""

from ingest.registry import Layout

LAYOUT = Layout(
    family="profilo",
    title="Export mapped by a profile",
    parser="ingest.tabular.profiles",
    tables=(),
    input_formats=("xlsx", "csv"),
)
