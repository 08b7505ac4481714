"""Chart builders: plain functions from ready rows to plotly figures (testable without
Streamlit). Labels Italian; numbers with the Italian separators (layout ``separators=",."``,
hover texts formatted with Babel)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboards.fmt import fmt_compact_euro, fmt_euro, fmt_int, fmt_number, fmt_pct

FLOW_LABELS = {"entrata": "Entrate", "spesa": "Spese"}
NATURE_LABELS = {"corrente": "correnti", "investimento": "investimenti"}
KIND_ORDER = ["numero", "percentuale", "data", "sì/no", "solo testo", "non classificato"]
KIND_COLORS = {
    "numero": "#1f77b4",
    "percentuale": "#17becf",
    "data": "#2ca02c",
    "sì/no": "#9467bd",
    "solo testo": "#ff7f0e",
    "non classificato": "#aaaaaa",
}
DQ_COLORS = {
    "tutti superati": "#2ca02c",
    "con avvisi": "#ff9f1c",
    "con errori": "#d62728",
    "nessun controllo": "#bbbbbb",
    "superati": "#2ca02c",
    "avvisi": "#ff9f1c",
    "errori": "#d62728",
}
FAMILY_LABELS = {
    "peg": "PEG",
    "asc_schede": "Schede obiettivo",
    "piao": "PIAO",
    "stato_attuazione": "Stati di attuazione",
}
LINE_STATUS = {
    "lines_mapped": "lette in un record",
    "lines_boilerplate": "intestazioni e testo fisso",
    "lines_unparsed": "non interpretate",
}
PALETTE = ["#4c78a8", "#f58518", "#54a24b", "#b279a2", "#72b7b2", "#eeca3b", "#9d755d", "#bab0ac"]
# calm, distinguishable colours without red (red means "error" on these pages)
TREE_COLORS = [
    "#4c78a8",
    "#72b7b2",
    "#54a24b",
    "#eeca3b",
    "#b279a2",
    "#9d755d",
    "#bab0ac",
    "#79706e",
    "#86bcb6",
    "#8cd17d",
]


def italian(fig: go.Figure) -> go.Figure:
    """Italian decimal comma and thousands point on axes and hovers."""
    fig.update_layout(separators=",.")
    return fig


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(height=220)
    return italian(fig)


def _short(text: object, n: int = 45) -> str:
    s = "" if text is None or text != text else str(text)
    return s if len(s) <= n else s[: n - 1] + "…"


def _bars(
    data: pd.DataFrame,
    x: str,
    y: str,
    color: str | None = None,
    *,
    horizontal: bool = False,
    colors: dict[str, str] | None = None,
    order: list[str] | None = None,
    custom: list[str] | None = None,
    hover: str | None = None,
    text: str | None = None,
    default_color: str = "#4c78a8",
) -> list[go.Bar]:
    """One bar trace per value of ``color`` (plotly graph objects: an order of magnitude
    cheaper than plotly express, which matters on every page render)."""
    groups = [(None, data)] if color is None else list(data.groupby(color, sort=False))
    if order is not None and color is not None:
        rank = {k: i for i, k in enumerate(order)}
        groups.sort(key=lambda g: rank.get(g[0], len(rank)))
    palette = iter(PALETTE * 4)
    traces = []
    for name, grp in groups:
        bar_color = (colors or {}).get(name) if name is not None else default_color
        traces.append(
            go.Bar(
                x=grp[y] if horizontal else grp[x],
                y=grp[x] if horizontal else grp[y],
                orientation="h" if horizontal else "v",
                name=None if name is None else str(name),
                marker_color=bar_color or next(palette),
                customdata=grp[custom].to_numpy() if custom else None,
                hovertemplate=hover,
                text=grp[text] if text else None,
                showlegend=name is not None,
            )
        )
    return traces


def integer_axis(fig: go.Figure, axis: str, top: float) -> None:
    """Counts on an axis: whole numbers only (no '1 1 1 0 0' ticks on small ranges)."""
    dtick = 1 if top <= 8 else None
    update = fig.update_yaxes if axis == "y" else fig.update_xaxes
    update(tickformat=",d", dtick=dtick, rangemode="tozero")


def _figure(
    traces: list, x_title: str = "", y_title: str = "", legend: str = "", **layout
) -> go.Figure:
    fig = go.Figure(traces)
    layout.setdefault("margin", {"t": 30})
    fig.update_layout(legend_title_text=legend, **layout)
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=y_title)
    return italian(fig)


# --- Panoramica, Qualità ------------------------------------------------------------------


def enti_by_type_region(rows: pd.DataFrame) -> go.Figure:
    """Enti loaded, by type and region (mart_enti_type_region)."""
    if rows is None or rows.empty:
        return empty_figure("Nessun ente caricato")
    data = rows.assign(testo=rows["n_enti"].map(fmt_int))
    traces = _bars(
        data,
        "ente_type",
        "n_enti",
        "region",
        custom=["testo", "region"],
        hover="%{x}, %{customdata[1]}: %{customdata[0]} enti<extra></extra>",
    )
    fig = _figure(traces, "Tipo di ente", "Enti", "Regione", barmode="stack", height=320)
    integer_axis(fig, "y", data.groupby("ente_type")["n_enti"].sum().max())
    return fig


def documents_by_check_status(rows: pd.DataFrame) -> go.Figure:
    """Documents per type of ente and outcome of the latest checks (mart_dq_overview)."""
    if rows is None or rows.empty:
        return empty_figure("Nessun controllo registrato")
    data = rows.groupby(["ente_type", "check_status"], as_index=False)["n_documents"].sum()
    data["testo"] = data["n_documents"].map(fmt_int)
    traces = _bars(
        data,
        "ente_type",
        "n_documents",
        "check_status",
        horizontal=True,
        colors=DQ_COLORS,
        order=["tutti superati", "con avvisi", "con errori", "nessun controllo"],
        custom=["testo", "check_status"],
        hover="%{y}, %{customdata[1]}: %{customdata[0]} documenti<extra></extra>",
    )
    fig = _figure(
        traces,
        "Documenti",
        "",
        "Controlli",
        barmode="stack",
        height=140 + 40 * data["ente_type"].nunique(),
    )
    integer_axis(fig, "x", data.groupby("ente_type")["n_documents"].sum().max())
    return fig


def coverage_by_family(rows: pd.DataFrame) -> go.Figure:
    """Lines of the documents of each family: read into records, boilerplate, unparsed."""
    if rows is None or rows.empty or rows["lines_mapped"].isna().all():
        return empty_figure("Copertura non disponibile")
    fam = rows.groupby("doc_family", as_index=False)[
        ["lines_mapped", "lines_boilerplate", "lines_unparsed"]
    ].sum()
    fam["famiglia"] = fam["doc_family"].map(FAMILY_LABELS).fillna(fam["doc_family"])
    long = fam.melt(
        id_vars=["famiglia"],
        value_vars=["lines_mapped", "lines_boilerplate", "lines_unparsed"],
        var_name="stato",
        value_name="righe",
    )
    long["stato"] = long["stato"].map(LINE_STATUS)
    long["testo"] = long["righe"].map(fmt_int)
    traces = _bars(
        long,
        "famiglia",
        "righe",
        "stato",
        horizontal=True,
        colors={
            "lette in un record": "#1f77b4",
            "intestazioni e testo fisso": "#aec7e8",
            "non interpretate": "#d62728",
        },
        custom=["testo", "stato"],
        hover="%{y}: %{customdata[0]} righe %{customdata[1]}<extra></extra>",
    )
    fig = _figure(
        traces,
        "Righe non vuote",
        "",
        "Righe",
        barmode="stack",
        height=120 + 45 * fam["famiglia"].nunique(),
    )
    fig.update_xaxes(tickformat=",d")
    return fig


def dq_status_bar(docs: pd.DataFrame) -> go.Figure:
    """Checks per document in the latest run: passed, failed warnings, failed errors."""
    if docs is None or docs.empty:
        return empty_figure("Nessun controllo registrato")
    data = docs.rename(
        columns={
            "checks_passed": "superati",
            "warnings_failed": "avvisi",
            "errors_failed": "errori",
            "label": "documento",
        }
    )
    long = data.melt(
        id_vars=["documento"],
        value_vars=["superati", "avvisi", "errori"],
        var_name="esito",
        value_name="controlli",
    )
    if long["controlli"].fillna(0).sum() == 0:
        return empty_figure("Nessun controllo registrato")
    long["testo"] = long["controlli"].map(fmt_int)
    traces = _bars(
        long,
        "documento",
        "controlli",
        "esito",
        horizontal=True,
        colors=DQ_COLORS,
        custom=["testo", "esito"],
        hover="%{y}: %{customdata[0]} %{customdata[1]}<extra></extra>",
    )
    fig = _figure(
        traces,
        "Controlli",
        "",
        "Esito",
        barmode="stack",
        height=120 + 45 * data["documento"].nunique(),
    )
    fig.update_xaxes(tickformat=",d")
    return fig


def dq_by_check_bar(rows: pd.DataFrame) -> go.Figure:
    """Failed checks by rule and severity (columns check_label, severity_label,
    checks_failed)."""
    if rows is None or rows.empty or rows["checks_failed"].fillna(0).sum() == 0:
        return empty_figure("Tutti i controlli sono superati")
    data = rows[rows["checks_failed"] > 0].copy()
    data["testo"] = data["checks_failed"].map(fmt_int)
    traces = _bars(
        data,
        "check_label",
        "checks_failed",
        "severity_label",
        horizontal=True,
        colors={"avviso": DQ_COLORS["avvisi"], "errore": DQ_COLORS["errori"]},
        custom=["testo", "severity_label"],
        hover="%{y}: %{customdata[0]} (%{customdata[1]})<extra></extra>",
    )
    fig = _figure(
        traces,
        "Controlli non superati",
        "",
        "Gravità",
        barmode="stack",
        height=140 + 40 * data["check_label"].nunique(),
    )
    integer_axis(fig, "x", data.groupby("check_label")["checks_failed"].sum().max())
    return fig


# --- Confronto ----------------------------------------------------------------------------


def measure_bar(
    units: pd.DataFrame, key: str, label: str, unit: str = "n", median: float | None = None
) -> go.Figure:
    """One measure per chosen unit, with the median of all the units of the level as a dashed
    line labelled at the right edge (outside the bars)."""
    if units is None or units.empty or key not in units:
        return empty_figure("Nessun dato da confrontare")
    data = units[["label", key]].copy()
    data["value"] = pd.to_numeric(data[key], errors="coerce").astype(float)
    data = data.dropna(subset=["value"])
    if data.empty:
        return empty_figure(f"{label}: nessun valore per le unità scelte")
    fmt = _value_formatter(unit)
    data["testo"] = data["value"].map(fmt)
    data = data.sort_values("value", ascending=False)
    traces = _bars(
        data,
        "label",
        "value",
        custom=["testo"],
        text="testo",
        hover="%{x}: %{customdata[0]}<extra></extra>",
    )
    fig = _figure(traces, "", label, height=380, margin={"t": 30, "r": 90})
    fig.update_traces(textposition="auto")
    if median is not None and median == median:
        fig.add_hline(y=median, line_dash="dash", line_color="#555")
        fig.add_annotation(
            xref="paper",
            x=1.01,
            xanchor="left",
            y=median,
            yref="y",
            text=f"mediana<br>{fmt(median)}",
            showarrow=False,
            align="left",
            font={"size": 11, "color": "#333"},
        )
    if unit == "pct":
        fig.update_yaxes(range=[0, max(100.0, float(data["value"].max()) * 1.05)])
    fig.update_yaxes(tickformat=",.0f" if unit in ("eur", "n") else ",.1f")
    return fig


def _value_formatter(unit: str):
    if unit == "pct":
        return fmt_pct
    if unit == "eur":
        return fmt_compact_euro
    if unit == "dec":
        return lambda v: fmt_number(v, 2)
    return fmt_int


def target_kind_share_bar(shares: pd.DataFrame) -> go.Figure:
    """Share of targets by kind (number, percent, date, yes/no, text only) per unit."""
    if shares is None or shares.empty or shares["targets"].fillna(0).sum() == 0:
        return empty_figure("Nessun target dichiarato nelle unità scelte")
    data = shares.dropna(subset=["share"]).copy()
    data["share"] = data["share"].astype(float)
    data["testo"] = [
        f"{fmt_pct(s)} ({fmt_int(t)} target)"
        for s, t in zip(data["share"], data["targets"], strict=True)
    ]
    traces = _bars(
        data,
        "label",
        "share",
        "kind",
        horizontal=True,
        colors=KIND_COLORS,
        order=KIND_ORDER,
        custom=["testo", "kind"],
        hover="%{y}, %{customdata[1]}: %{customdata[0]}<extra></extra>",
    )
    fig = _figure(
        traces,
        "% dei target",
        "",
        "Tipo di target",
        barmode="stack",
        height=140 + 45 * data["label"].nunique(),
    )
    fig.update_xaxes(range=[0, 100], ticksuffix=" %")
    return fig


def achievement_bar(per_objective: pd.DataFrame, overall: float | None = None) -> go.Figure:
    """Weighted achievement of each objective's steps in the year (one solid colour, value on
    the bar; the incidence on the plan in the hover), with the plan's overall figure (weighted
    by incidence) as a dashed line."""
    if per_objective is None or per_objective.empty:
        return empty_figure("Nessuno step con peso e raggiungimento")
    data = per_objective.dropna(subset=["achievement_pct"]).copy()
    if data.empty:
        return empty_figure("Nessuno step con peso e raggiungimento")
    data["obiettivo"] = data["objective_code"].astype(str)
    data["titolo"] = data["objective_title"].map(lambda t: _short(t, 60))
    data["testo"] = data["achievement_pct"].map(lambda v: fmt_pct(v, 0))
    data["incidenza"] = data["incidence_pct"].map(fmt_pct)
    traces = _bars(
        data,
        "obiettivo",
        "achievement_pct",
        custom=["titolo", "testo", "incidenza", "n_steps_in_year"],
        text="testo",
        hover="Obiettivo %{x}: %{customdata[0]}<br>Realizzazione %{customdata[1]}"
        "<br>Incidenza sul piano %{customdata[2]}<br>Step dell'anno %{customdata[3]}"
        "<extra></extra>",
    )
    fig = _figure(
        traces, "Obiettivo", "Realizzazione ponderata (%)", height=380, margin={"t": 30, "r": 80}
    )
    fig.update_traces(
        textposition="inside", insidetextanchor="end", textfont={"color": "white", "size": 11}
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 105], ticksuffix=" %")
    if overall is not None and overall == overall:
        fig.add_hline(y=overall, line_dash="dash", line_color="#333")
        fig.add_annotation(
            xref="paper",
            x=1.01,
            xanchor="left",
            y=overall,
            yref="y",
            showarrow=False,
            text=f"piano<br>{fmt_pct(overall)}",
            align="left",
            font={"size": 11},
        )
    return fig


def plan_weights_bar(weights: pd.DataFrame) -> go.Figure:
    """Declared weights (incidence of objectives, organisational performance levels)."""
    if weights is None or weights.empty:
        return empty_figure("Nessun peso dichiarato")
    data = weights.copy()
    data["weight_pct"] = pd.to_numeric(data["weight_pct"], errors="coerce").astype(float)
    data["voce"] = data["item"].map(lambda t: _short(t, 50))
    data["testo"] = data["weight_pct"].map(fmt_pct)
    traces = _bars(
        data,
        "voce",
        "weight_pct",
        "label",
        horizontal=True,
        custom=["testo", "weight_raw", "label"],
        hover="%{y} (%{customdata[2]}): %{customdata[0]}, come scritto %{customdata[1]}"
        "<extra></extra>",
    )
    fig = _figure(traces, "Peso (%)", "", "Documento", height=140 + 24 * len(data))
    fig.update_yaxes(autorange="reversed")
    return fig


# --- Andamento ----------------------------------------------------------------------------

SERIES_COLORS = {
    "Target": "#4c78a8",
    "Risultati riportati": "#f58518",
    "Risultati che raggiungono il target": "#54a24b",
}


def targets_results_by_year(rows: pd.DataFrame) -> go.Figure:
    """Per plan edition and year: targets, results reported and results reaching the target
    (mart_targets_year), side by side; one panel per edition."""
    if rows is None or rows.empty:
        return empty_figure("Nessun target per anno")
    data = rows.rename(
        columns={
            "n_targets": "Target",
            "n_results": "Risultati riportati",
            "n_results_reached": "Risultati che raggiungono il target",
        }
    )
    data["Piano"] = [
        f"{int(a)}-{int(b)}" if a != b else str(int(a))
        for a, b in zip(data["period_start_year"], data["period_end_year"], strict=True)
    ]
    editions = list(dict.fromkeys(data["Piano"]))
    fig = make_subplots(
        rows=1,
        cols=len(editions),
        subplot_titles=[f"Piano {e}" for e in editions],
        shared_yaxes=True,
        horizontal_spacing=0.04,
    )
    for col, edition in enumerate(editions, start=1):
        part = data[data["Piano"] == edition]
        for serie, color in SERIES_COLORS.items():
            fig.add_trace(
                go.Bar(
                    x=part["year"],
                    y=part[serie],
                    name=serie,
                    marker_color=color,
                    text=part[serie].map(fmt_int),
                    textposition="outside",
                    cliponaxis=False,
                    customdata=part[serie].map(fmt_int),
                    hovertemplate="%{x}: %{customdata} " + serie.lower() + "<extra></extra>",
                    legendgroup=serie,
                    showlegend=col == 1,
                ),
                row=1,
                col=col,
            )
    fig.update_xaxes(dtick=1, tickformat="d", title="Anno")
    fig.update_yaxes(tickformat=",d")
    fig.update_yaxes(title="Indicatori × anno", row=1, col=1)
    fig.update_layout(
        barmode="group", height=400, margin={"t": 40}, legend={"orientation": "h", "y": -0.25}
    )
    return italian(fig)


def steps_by_deadline_bar(rows: pd.DataFrame) -> go.Figure:
    """Steps per deadline year, and how many have an achievement (mart_steps_deadline)."""
    if rows is None or rows.empty:
        return empty_figure("Nessuno step con un termine")
    long = rows.rename(
        columns={"n_steps": "Step", "n_steps_with_achievement": "Step con raggiungimento"}
    ).melt(
        id_vars=["deadline_year"],
        value_vars=["Step", "Step con raggiungimento"],
        var_name="serie",
        value_name="step",
    )
    long["testo"] = long["step"].map(fmt_int)
    traces = _bars(
        long,
        "deadline_year",
        "step",
        "serie",
        custom=["testo", "serie"],
        text="testo",
        hover="%{x}: %{customdata[0]} %{customdata[1]}<extra></extra>",
    )
    fig = _figure(traces, "Anno del termine", "Step", "", barmode="group", height=340)
    integer_axis(fig, "y", long["step"].max())
    fig.update_xaxes(dtick=1, tickformat="d")
    return fig


def paired_series_line(rows: pd.DataFrame) -> go.Figure:
    """Targets (solid) and results (dotted) year by year of the pairs drawn as one series
    (same code, or confirmed by a person)."""
    if rows is None or rows.empty:
        return empty_figure("Nessuna coppia con lo stesso codice o confermata con valori numerici")
    fig = go.Figure()
    palette = PALETTE
    for i, (pair, grp) in enumerate(rows.groupby("pair", sort=False)):
        color = palette[i % len(palette)]
        grp = grp.sort_values("year")
        fig.add_trace(
            go.Scatter(
                x=grp["year"],
                y=grp["target_value"],
                mode="lines+markers",
                name=f"{pair}: target",
                line={"color": color},
                customdata=grp[["target_raw", "edition"]],
                hovertemplate="%{x} (piano %{customdata[1]}): target %{customdata[0]}"
                "<extra></extra>",
            )
        )
        res = grp.dropna(subset=["actual_value"])
        if not res.empty:
            fig.add_trace(
                go.Scatter(
                    x=res["year"],
                    y=res["actual_value"],
                    mode="lines+markers",
                    name=f"{pair}: risultato",
                    line={"color": color, "dash": "dot"},
                    customdata=res[["actual_raw", "edition"]],
                    hovertemplate="%{x} (piano %{customdata[1]}): risultato %{customdata[0]}"
                    "<extra></extra>",
                )
            )
    fig.update_xaxes(dtick=1, tickformat="d", title="Anno")
    fig.update_yaxes(title="Valore", tickformat=",~r")
    fig.update_layout(height=380, margin={"t": 30})
    return italian(fig)


# --- Bilancio -----------------------------------------------------------------------------


def project_budget_bar(df: pd.DataFrame) -> go.Figure:
    """Budget per project, grouped by CDR, with the % di assorbimento in the hover."""
    if df is None or df.empty or "budget_eur" not in df:
        return empty_figure("Nessun dato di bilancio")
    data = df.dropna(subset=["budget_eur"]).copy()
    if data.empty:
        return empty_figure("Nessun budget indicato nelle tabelle dei CDR")
    data["budget_eur"] = data["budget_eur"].astype(float)
    data["progetto"] = data["project_code"] + " " + data["project_name"].fillna("").str.slice(0, 50)
    data["CDR"] = "CDR " + data["cdr_code"]
    data["euro"] = data["budget_eur"].map(fmt_euro)
    data["assorbimento"] = data["absorption_pct"].map(lambda v: fmt_pct(v, 2))
    data = data.sort_values("budget_eur")
    traces = _bars(
        data,
        "progetto",
        "budget_eur",
        "CDR",
        horizontal=True,
        colors=dict(zip(sorted(data["CDR"].unique()), TREE_COLORS, strict=False)),
        custom=["euro", "assorbimento"],
        hover="%{y}<br>Budget %{customdata[0]}<br>% di assorbimento %{customdata[1]}"
        "<extra></extra>",
    )
    fig = _figure(traces, "Budget (€)", "", "CDR", height=max(350, 22 * len(data)))
    fig.update_yaxes(categoryorder="array", categoryarray=list(data["progetto"]))
    fig.update_xaxes(tickformat=",.0f", ticksuffix=" €")
    return fig


def budget_flow_bar(df: pd.DataFrame) -> go.Figure:
    """Entrate and spese (correnti / investimenti) per CDR (mart_budget_cdr)."""
    if df is None or df.empty:
        return empty_figure("Nessuna riga di bilancio per questo ente")
    data = df.groupby(["cdr_code", "flow", "nature"], as_index=False, dropna=False)[
        "amount_eur"
    ].sum()
    data["amount_eur"] = data["amount_eur"].astype(float)
    data["voce"] = data["flow"].map(FLOW_LABELS) + " " + data["nature"].map(NATURE_LABELS)
    data["CDR"] = "CDR " + data["cdr_code"].fillna("?")
    data["euro"] = data["amount_eur"].map(fmt_euro)
    traces = _bars(
        data,
        "CDR",
        "amount_eur",
        "voce",
        custom=["euro", "voce"],
        hover="%{x}, %{customdata[1]}: %{customdata[0]}<extra></extra>",
    )
    fig = _figure(traces, "", "Importo (€)", "Voce", barmode="group")
    fig.update_yaxes(tickformat=",.0f", ticksuffix=" €")
    return fig


def budget_totals_bar(df: pd.DataFrame) -> go.Figure:
    """Entrate against spese, each split into correnti and investimenti."""
    if df is None or df.empty:
        return empty_figure("Nessuna riga di bilancio")
    data = df.copy()
    data["amount_eur"] = data["amount_eur"].astype(float)
    data["flusso"] = data["flow"].map(FLOW_LABELS).fillna(data["flow"])
    data["natura"] = data["nature"].map(NATURE_LABELS).fillna(data["nature"])
    data = data.groupby(["flusso", "natura"], as_index=False)["amount_eur"].sum()
    data["testo"] = data["amount_eur"].map(fmt_compact_euro)
    data["euro"] = data["amount_eur"].map(fmt_euro)
    traces = _bars(
        data,
        "flusso",
        "amount_eur",
        "natura",
        custom=["euro", "natura"],
        text="testo",
        hover="%{x} %{customdata[1]}: %{customdata[0]}<extra></extra>",
    )
    fig = _figure(traces, "", "Importo (€)", "Natura", barmode="stack", height=360)
    fig.update_yaxes(tickformat=",.0f", ticksuffix=" €")
    return fig


def _budget_tree(df: pd.DataFrame | None) -> pd.DataFrame | go.Figure:
    """Project budgets with their Indirizzo / Obiettivo / Azione path, or an empty figure
    that says why there is nothing to draw."""
    if df is None or df.empty or "budget_eur" not in df:
        return empty_figure("Nessun dato di bilancio")
    data = df.dropna(subset=["budget_eur"]).copy()
    data = data[data["budget_eur"].astype(float) > 0]
    if data.empty:
        return empty_figure("Nessun budget da ripartire")
    data["budget_eur"] = data["budget_eur"].astype(float)
    for col in ("indirizzo", "obiettivo_strategico", "azione"):
        data[col] = data[col].fillna("(non indicato)")
    data["progetto"] = data["project_code"] + " " + data["project_name"].fillna("").str.slice(0, 40)
    return data


TREE_LEVELS = ["indirizzo", "obiettivo_strategico", "azione", "progetto"]


def _hierarchy(data: pd.DataFrame, root: str | None) -> pd.DataFrame:
    """ids, labels, parents and summed budgets of every box of the tree (one per distinct
    path prefix), the root first; the colour follows the indirizzo."""
    rows = []
    if root is not None:
        rows.append(
            {"id": root, "label": root, "parent": "", "value": data["budget_eur"].sum(), "top": ""}
        )
    for depth in range(len(TREE_LEVELS)):
        keys = TREE_LEVELS[: depth + 1]
        sums = data.groupby(keys, as_index=False, sort=False)["budget_eur"].sum()
        for r in sums.itertuples(index=False):
            path = [str(v) for v in r[: depth + 1]]
            rows.append(
                {
                    "id": " / ".join(([root] if root else []) + path),
                    "label": path[-1],
                    "parent": " / ".join(([root] if root else []) + path[:-1]),
                    "value": r.budget_eur,
                    "top": path[0],
                }
            )
    out = pd.DataFrame(rows)
    tops = list(dict.fromkeys(out.loc[out["top"] != "", "top"]))
    color = {t: TREE_COLORS[i % len(TREE_COLORS)] for i, t in enumerate(tops)}
    out["color"] = out["top"].map(color).fillna("#f3f3f3")
    out["euro"] = out["value"].map(fmt_euro)
    return out


def budget_sunburst(df: pd.DataFrame) -> go.Figure:
    """Indirizzo -> Obiettivo strategico -> Azione -> Progetto, sized by budget."""
    data = _budget_tree(df)
    if isinstance(data, go.Figure):
        return data
    h = _hierarchy(data, None)
    fig = go.Figure(
        go.Sunburst(
            ids=h["id"],
            labels=h["label"],
            parents=h["parent"],
            values=h["value"],
            branchvalues="total",
            marker={"colors": h["color"]},
            customdata=h["euro"],
            insidetextorientation="radial",
            maxdepth=3,
            hovertemplate="%{label}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_layout(height=650, margin={"t": 10, "l": 10, "r": 10, "b": 10})
    return italian(fig)


def budget_treemap(df: pd.DataFrame) -> go.Figure:
    """Indirizzo -> Obiettivo strategico -> Azione -> Progetto as nested rectangles, calm
    colours per indirizzo (no red), labels in dark text large enough to read."""
    data = _budget_tree(df)
    if isinstance(data, go.Figure):
        return data
    h = _hierarchy(data, "PEG")
    fig = go.Figure(
        go.Treemap(
            ids=h["id"],
            labels=h["label"],
            parents=h["parent"],
            values=h["value"],
            branchvalues="total",
            marker={"colors": h["color"], "line": {"width": 1, "color": "white"}},
            customdata=h["euro"],
            texttemplate="<b>%{label}</b><br>%{customdata}",
            hovertemplate="%{label}<br>%{customdata}<extra></extra>",
            textfont={"size": 14, "color": "#111"},
            tiling={"pad": 3},
            maxdepth=3,
        )
    )
    fig.update_layout(
        height=650,
        margin={"t": 10, "l": 10, "r": 10, "b": 10},
        uniformtext={"minsize": 11, "mode": "hide"},
    )
    return italian(fig)


def staff_bar(df: pd.DataFrame, top: int = 20) -> go.Figure:
    """Staff (FTE) per project, the largest first (mart_staff_project)."""
    if df is None or df.empty:
        return empty_figure("Nessuna assegnazione di personale ai progetti")
    data = df.copy()
    data["fte"] = pd.to_numeric(data["fte"], errors="coerce").astype(float)
    data = data.sort_values("fte", ascending=False).head(top).sort_values("fte")
    data["testo"] = data["fte"].map(lambda v: fmt_number(v, 2))
    traces = _bars(
        data,
        "project_code",
        "fte",
        horizontal=True,
        custom=["testo", "n_people"],
        text="testo",
        hover="%{y}: %{customdata[0]} FTE, %{customdata[1]} persone<extra></extra>",
    )
    fig = _figure(traces, "Personale (FTE)", "Progetto", height=max(300, 22 * len(data) + 80))
    fig.update_xaxes(tickformat=",.1f")
    return fig


# --- Aree di intervento -------------------------------------------------------------------


def _median_line(fig: go.Figure, value: object, col: int, text: str) -> None:
    """A dashed vertical line at the median of a horizontal bar panel, labelled above it."""
    if value is None or value != value:
        return
    fig.add_vline(x=float(value), line_dash="dash", line_color="#555", row=1, col=col)
    fig.add_annotation(
        x=float(value),
        y=1.0,
        xref=f"x{col if col > 1 else ''}",
        yref="paper",
        yanchor="bottom",
        text=text,
        showarrow=False,
        font={"size": 11, "color": "#333"},
    )


def area_share_bars(
    rows: pd.DataFrame, area_name: str, median_objectives: object, median_spese: object
) -> go.Figure:
    """Per ente, the share of its objectives (left) and of its PEG spending (right) in one area,
    with the median of all the enti as a dashed line (rows of mart_policy_area_unit)."""
    if rows is None or rows.empty:
        return empty_figure("Nessun ente da mostrare")
    data = rows.iloc[::-1]  # the first row on top
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.03,
        subplot_titles=[
            f"Quota degli obiettivi del piano ({area_name})",
            f"Quota della spesa del PEG ({area_name})",
        ],
    )
    labels = [_short(v, 40) for v in data["label"]]
    obj_text = [
        f"{fmt_pct(s)} ({fmt_int(n)} su {fmt_int(t)})"
        for s, n, t in zip(
            data["objectives_share_pct"], data["n_objectives"], data["n_objectives_total"],
            strict=True,
        )
    ]  # fmt: skip
    spese = pd.to_numeric(data["spese_share_pct"], errors="coerce").astype(float)
    spese_text = [
        "nessun bilancio" if t != t or t is None else f"{fmt_pct(s)} ({fmt_euro(e)})"
        for s, e, t in zip(spese, data["spese_eur"], data["spese_total_eur"], strict=True)
    ]
    panels = [
        (data["objectives_share_pct"].astype(float), obj_text, "#4c78a8"),
        (spese.fillna(0), spese_text, "#54a24b"),
    ]
    for col, (values, text, color) in enumerate(panels, start=1):
        fig.add_trace(
            go.Bar(
                x=values,
                y=labels,
                orientation="h",
                marker_color=color,
                text=text,
                customdata=text,
                hovertemplate="%{y}: %{customdata}<extra></extra>",
                showlegend=False,
            ),
            row=1,
            col=col,
        )
    for title in fig.layout.annotations:  # the panel titles above the median labels
        title.update(yshift=22, font={"size": 13})
    _median_line(fig, median_objectives, 1, f"mediana {fmt_pct(median_objectives)}")
    _median_line(fig, median_spese, 2, f"mediana {fmt_pct(median_spese)}")
    top_obj = max(float(data["objectives_share_pct"].max() or 0), float(median_objectives or 0))
    top_sp = max(float(spese.max()) if spese.notna().any() else 0, float(median_spese or 0))
    for col, values, top in ((1, data["objectives_share_pct"], top_obj), (2, spese, top_sp)):
        axis_max = max(top * 1.5, 5)
        # short bars carry their figure outside, long ones inside
        fig.data[col - 1].textposition = [
            "inside" if v == v and v is not None and v > axis_max * 0.45 else "outside"
            for v in values.astype(float)
        ]
        fig.update_xaxes(range=[0, axis_max], ticksuffix=" %", row=1, col=col)
    fig.update_traces(cliponaxis=False)
    fig.update_layout(height=170 + 42 * len(data), margin={"t": 80, "l": 10, "r": 10})
    return italian(fig)


MATRIX_VALUES = {
    "objectives_share_pct": ("Quota degli obiettivi del piano (%)", "pct"),
    "n_objectives": ("Obiettivi nell'area", "n"),
    "spese_share_pct": ("Quota della spesa del PEG (%)", "pct"),
    "spese_eur": ("Spesa nell'area (€)", "eur"),
}


def area_matrix_heatmap(
    rows: pd.DataFrame, value: str, areas: dict[str, str], medians: dict[str, float]
) -> go.Figure:
    """The areas x enti matrix: one row per ente (and the median of all the enti at the
    bottom), one column per area, the chosen figure in each cell."""
    if rows is None or rows.empty:
        return empty_figure("Scegli almeno un ente")
    title, unit = MATRIX_VALUES[value]
    text_of = {"pct": fmt_pct, "n": fmt_int, "eur": fmt_compact_euro}[unit]
    codes = [a for a in areas if a in set(rows["policy_area"])]
    enti = list(dict.fromkeys(rows["label"]))
    grid = rows.pivot_table(index="label", columns="policy_area", values=value, aggfunc="first")
    grid = grid.reindex(index=enti, columns=codes)
    z = [[float(v) if v == v and v is not None else None for v in r] for r in grid.to_numpy()]
    median_row = [medians.get(a) for a in codes]
    y = [_short(e, 32) for e in enti] + ["Mediana degli enti"]
    z.append([float(v) if v is not None and v == v else None for v in median_row])
    text = [[_cell(v, text_of) for v in r] for r in z]
    x = [areas[a] for a in codes]
    hover = [
        [f"{ente} – {area}: {cell}" for area, cell in zip(x, cells, strict=True)]
        for ente, cells in zip(y, text, strict=True)
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z[::-1],
            x=x,
            y=y[::-1],
            text=text[::-1],
            texttemplate="%{text}",
            customdata=hover[::-1],
            hovertemplate="%{customdata}<extra></extra>",
            colorscale="Blues",
            colorbar={"title": {"text": title, "side": "right"}},
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(side="top", tickangle=-30)
    fig.update_layout(height=180 + 40 * len(y), margin={"t": 120, "l": 10, "r": 10})
    return italian(fig)


def _cell(value: object, text_of) -> str:
    return "—" if value is None or value != value else text_of(value)
