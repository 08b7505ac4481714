"""Which files of a raw folder are tabular inputs, and how each becomes a SourceDocument
with its family (``modello`` or ``profilo``), decided by content: a workbook or CSV folder
whose ``documento`` sheet has the template's header is a template; a CSV/XLSX whose header
has the columns a profile recognises is that profile's export."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ingest.common import SourceDocument, UnknownLayoutError
from ingest.tabular import FAMILY as TEMPLATE_FAMILY
from ingest.tabular.reader import (
    is_template,
    is_template_folder,
    read_csv_folder,
    read_xlsx,
    template_csv_files,
)

SUFFIXES = (".xlsx", ".csv")
NOT_DOCUMENTS = {"manifest.csv"}


def is_tabular(path: Path) -> bool:
    if path.is_dir():
        return is_template_folder(path)
    return path.suffix.lower() in SUFFIXES and path.name not in NOT_DOCUMENTS


def sha256(path: Path) -> str:
    """The sha256 of a file, or of a template folder's CSV files (names and contents)."""
    if not path.is_dir():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    h = hashlib.sha256()
    for p in template_csv_files(path):
        h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def open_document(path: Path) -> tuple[SourceDocument, str]:
    """(document, family) of a tabular input; UnknownLayoutError when neither the template
    nor any profile describes it."""
    from ingest.tabular import profiles

    if path.is_dir():
        return read_csv_folder(path), TEMPLATE_FAMILY
    if path.suffix.lower() == ".xlsx":
        doc = read_xlsx(path)
        if is_template(doc):
            return doc, TEMPLATE_FAMILY
    profile = profiles.match_profile(path)
    if profile is not None:
        return profiles.read_export(path, profile), profiles.FAMILY
    known = ", ".join(p.profilo for p in profiles.profiles()) or "none"
    raise UnknownLayoutError(
        path.name,
        None,
        "not a filled template (no sheet 'documento' with ente_id, tipo_ente, anno_inizio) "
        f"and no profile in {profiles.profiles_dir()} recognises its columns (profiles: {known})",
    )
