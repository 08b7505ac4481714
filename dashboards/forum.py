"""The printable summary of one ente for the Forum degli assessori."""

from __future__ import annotations

import pandas as pd

from dashboards.catalogue import FORUM_KEYS
from dashboards.compare import side_by_side
from dashboards.exports import Section
from dashboards.fmt import fmt_number, fmt_pct


def forum_sections(
    ente_name: str,
    docs: pd.DataFrame,
    doc_units: pd.DataFrame,
    peers: pd.DataFrame,
    matches: pd.DataFrame | None,
    threshold: float,
    achievement: float | None,
    dq_line: str,
) -> list[Section]:
    """The printable summary of one ente for the Forum degli assessori."""
    sections = []
    doc_table = pd.DataFrame(
        {
            "Documento": docs["doc_title"],
            "Periodo": docs["period_start_year"].astype(str)
            + "-"
            + docs["period_end_year"].astype(str),
            "File": docs["source_file"],
        }
    )
    sections.append(Section("Documenti", [f"Ente: {ente_name}."], doc_table))
    if doc_units is not None and not doc_units.empty:
        sections.append(
            Section(
                "Misure per edizione del piano",
                ["Ogni misura è definita nella pagina Confronto tra enti dell'Osservatorio."],
                side_by_side(doc_units, FORUM_KEYS).drop(columns=["Definizione"]),
            )
        )
    if peers is not None and not peers.empty:
        sections.append(Section("L'ente rispetto agli altri enti", [], peers))
    if achievement is not None:
        sections.append(
            Section(
                "Stato di attuazione",
                [
                    "Realizzazione ponderata degli step dell'anno, media degli obiettivi "
                    f"ponderata con l'incidenza sul piano: {fmt_pct(achievement)}."
                ],
            )
        )
    if matches is not None:
        matches = matches.copy()
        for col in ("Somiglianza", "Jaccard radici", "Rapporto difflib"):
            if col in matches:
                matches[col] = matches[col].map(lambda v: fmt_number(v, 2))
        sections.append(
            Section(
                "Indicatori ricorrenti tra le edizioni",
                [
                    "Abbinamento per codice identificativo, altrimenti per somiglianza del "
                    "titolo (media tra indice di Jaccard delle radici e rapporto difflib dei "
                    f"titoli normalizzati), soglia {fmt_number(threshold, 2)}: gli abbinamenti "
                    "vanno verificati da una persona.",
                    f"Coppie trovate: {len(matches)}.",
                ],
                matches,
            )
        )
    sections.append(Section("Qualità dei dati", [dq_line]))
    return sections
