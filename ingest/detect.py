"""Detect a document's family from its content (never from its file name)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ingest.common import SourceDocument, UnknownLayoutError


@dataclass(frozen=True)
class Signature:
    family: str
    description: str
    matches: Callable[[str], bool]


def _all(*patterns: str) -> Callable[[str], bool]:
    compiled = [re.compile(p, re.IGNORECASE | re.MULTILINE) for p in patterns]
    return lambda text: all(c.search(text) for c in compiled)


# Each signature needs several independent markers, so a document of another layout that
# mentions one of them is not mistaken for this family.
SIGNATURES: tuple[Signature, ...] = (
    Signature(
        "peg",
        "PEG: CDR tables with '% di assorbimento' and 'Codice indicatore / Valore previsto'",
        _all(
            r"% di assorbimento",
            r"^Codice indicatore\tIndicatore\tValore previsto \d{4}",
            r"^Nome Soggetto\tRelazione Personale\tImpegno Personale",
        ),
    ),
    Signature(
        "stato_attuazione",
        "Stato di attuazione: objectives with steps, peso step and % raggiungimento",
        _all(
            r"STATO DI ATTUAZIONE",
            r"Sviluppo obiettivo per steps intermedi",
            r"% raggiungimento",
        ),
    ),
    Signature(
        "piao",
        "PIAO performance: organisational performance levels and OBIETTIVO headings",
        _all(
            r"\bPIAO\b",
            r"LIVELLO DI PERFORMANCE ORGANIZZATIVA",
            r"^OBIETTIVO:",
        ),
    ),
    Signature(
        "asc_schede",
        "ASC schede: 'Scheda N', 'Obiettivo da piano programma YYYY-YYYY', AZIONI, INDICATORI",
        _all(
            r"^(<b>)?Scheda \d+",
            r"Obiettivo da piano programma \d{4}\s*-\s*\d{4}",
            r"^(<b>)?AZIONI",
            r"INDICATORI",
        ),
    ),
)


def detect_family(doc: SourceDocument) -> str:
    """The family whose signature the document matches; UnknownLayoutError otherwise."""
    text = "\n".join(doc.lines)
    found = [s.family for s in SIGNATURES if s.matches(text)]
    if len(found) == 1:
        return found[0]
    if not found:
        known = "; ".join(f"{s.family} ({s.description})" for s in SIGNATURES)
        raise UnknownLayoutError(
            doc.source_file, None, f"unknown document layout: matches none of {known}"
        )
    raise UnknownLayoutError(
        doc.source_file, None, f"ambiguous document layout: matches {', '.join(found)}"
    )
