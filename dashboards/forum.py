"""The printable summary of one ente for the Forum degli assessori: documents, the trend year
by year (table and chart), measures per plan edition, the ente against the other enti (only
where enough enti have a value), the stato di attuazione, indicators followed across
editions and the data-quality status. Built from ready rows; Italian wording throughout."""

from __future__ import annotations

import pandas as pd

from dashboards import fmt
from dashboards.catalogue import Measure, format_value
from dashboards.charts import SERIES_COLORS
from dashboards.exports import Section, bars_svg

MIN_PEERS = 3  # the median of fewer enti says nothing about the ente


def year_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Per plan edition and year (mart_targets_year): targets, measurable share, results."""
    cols = [
        "Piano",
        "Anno",
        "Target",
        "Misurabili (%)",
        "Solo testo",
        "Risultati riportati",
        "Risultati valutabili",
        "Raggiungono il target",
    ]
    if rows is None or rows.empty:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(
        {
            "Piano": [
                fmt.period(a, b)
                for a, b in zip(rows["period_start_year"], rows["period_end_year"], strict=True)
            ],
            "Anno": rows["year"].astype(int),
            "Target": rows["n_targets"].astype(int),
            "Misurabili (%)": rows["pct_measurable"].round(1),
            "Solo testo": rows["n_targets_text"].astype(int),
            "Risultati riportati": rows["n_results"].astype(int),
            "Risultati valutabili": rows["n_results_assessable"].astype(int),
            "Raggiungono il target": rows["n_results_reached"].astype(int),
        }
    )[cols].reset_index(drop=True)


def year_table_text(table: pd.DataFrame) -> pd.DataFrame:
    """The year table with Italian figures, for the printable summary."""
    out = table.copy()
    out["Anno"] = out["Anno"].astype(str)
    out["Misurabili (%)"] = out["Misurabili (%)"].map(fmt.fmt_pct)
    for c in (
        "Target",
        "Solo testo",
        "Risultati riportati",
        "Risultati valutabili",
        "Raggiungono il target",
    ):
        out[c] = out[c].map(fmt.fmt_int)
    return out


def trend_svg(rows: pd.DataFrame) -> str | None:
    """Targets, results and results reaching the target per year, summed over the editions
    that plan that year, as an inline SVG chart."""
    if rows is None or rows.empty:
        return None
    per_year = rows.groupby("year", as_index=False)[
        ["n_targets", "n_results", "n_results_reached"]
    ].sum()
    return bars_svg(
        [str(int(y)) for y in per_year["year"]],
        {
            "Target": per_year["n_targets"].astype(float).tolist(),
            "Risultati riportati": per_year["n_results"].astype(float).tolist(),
            "Risultati che raggiungono il target": per_year["n_results_reached"]
            .astype(float)
            .tolist(),
        },
        SERIES_COLORS,
    )


def peers_table(ente: pd.Series, stats: pd.DataFrame, measures: list[Measure]) -> pd.DataFrame:
    """The ente against the median of the enti, for the measures where at least MIN_PEERS
    enti have a value (a 'median' of one or two enti is left out)."""
    s = stats.set_index("measure_key")
    rows = []
    for m in measures:
        if m.key not in s.index or int(s.loc[m.key, "n_units_with_value"]) < MIN_PEERS:
            continue
        if fmt.is_missing(ente.get(m.key)):
            continue
        rows.append(
            {
                "Misura": m.label,
                "Ente": format_value(m, ente.get(m.key)),
                "Mediana degli enti": format_value(m, s.loc[m.key, "median_value"]),
                "Enti con un valore": fmt.fmt_int(s.loc[m.key, "n_units_with_value"]),
            }
        )
    return pd.DataFrame(
        rows, columns=["Misura", "Ente", "Mediana degli enti", "Enti con un valore"]
    )


def forum_sections(
    ente_name: str,
    docs: pd.DataFrame,
    years: pd.DataFrame,
    editions: pd.DataFrame | None,
    peers: pd.DataFrame | None,
    achievement: float | None,
    pairs: pd.DataFrame | None,
    dq_line: str,
) -> list[Section]:
    """The sections of the summary (see the module docstring)."""
    sections = []
    doc_table = pd.DataFrame(
        {
            "Documento": docs["doc_title"].fillna(docs.get("doc_type")),
            "Periodo": [
                fmt.period(a, b)
                for a, b in zip(docs["period_start_year"], docs["period_end_year"], strict=True)
            ],
        }
    )
    sections.append(
        Section(
            "Documenti",
            [f"Ente: {ente_name}; {fmt.plural(len(docs), 'documento', 'documenti')}."],
            doc_table,
        )
    )
    yt = year_table(years)
    sections.append(
        Section(
            "Andamento anno per anno",
            [
                "Target e risultati contati una volta per indicatore e anno; «valutabili» sono "
                "i risultati confrontabili con il loro target (numero o sì/no)."
            ],
            year_table_text(yt),
            svg=trend_svg(years),
        )
    )
    if editions is not None and not editions.empty:
        sections.append(
            Section(
                "Misure per edizione del piano",
                ["Le definizioni sono nella pagina Confronto tra enti dell'Osservatorio."],
                editions,
            )
        )
    if peers is not None and not peers.empty:
        sections.append(Section("L'ente rispetto agli altri enti", [], peers))
    if achievement is not None and achievement == achievement:
        sections.append(
            Section(
                "Stato di attuazione",
                [
                    "Realizzazione ponderata degli step dell'anno, media degli obiettivi "
                    f"ponderata con l'incidenza sul piano: {fmt.fmt_pct(achievement)}."
                ],
            )
        )
    if pairs is not None:
        drawn = (
            int(pairs["Stato"].isin(["stesso codice", "confermato"]).sum())
            if not pairs.empty
            else 0
        )
        todo = int((pairs["Stato"] == "da verificare").sum()) if not pairs.empty else 0
        sections.append(
            Section(
                "Indicatori ricorrenti tra le edizioni",
                [
                    "Un indicatore è seguito da un'edizione all'altra quando ha lo stesso "
                    "codice, oppure quando una persona dell'Osservatorio ha confermato che due "
                    "titoli simili indicano la stessa cosa.",
                    f"Seguiti: {fmt.plural(drawn, 'indicatore', 'indicatori')}; "
                    f"da verificare: {fmt.plural(todo, 'coppia', 'coppie')}.",
                ],
                pairs,
            )
        )
    sections.append(Section("Qualità dei dati", [dq_line]))
    return sections
