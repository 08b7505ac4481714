"""Chart builders: plain functions from DataFrames to plotly figures (testable without
Streamlit). Labels are Italian; amounts in euro."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

FLOW_LABELS = {"entrata": "Entrate", "spesa": "Spese"}
NATURE_LABELS = {"corrente": "correnti", "investimento": "investimenti"}


def empty_figure(message: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(text=message, showarrow=False, font={"size": 14})
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def project_budget_bar(df: pd.DataFrame) -> go.Figure:
    """Budget per project, grouped by CDR, with the % di assorbimento in the hover."""
    if df is None or df.empty or "budget_eur" not in df and "amount_eur" not in df:
        return empty_figure("Nessun dato di bilancio")
    data = df.dropna(subset=["budget_eur"]).copy()
    if data.empty:
        return empty_figure("Nessun budget indicato nelle tabelle dei CDR")
    data["budget_eur"] = data["budget_eur"].astype(float)
    data["absorption_pct"] = data["absorption_pct"].astype(float)
    data["progetto"] = data["project_code"] + " " + data["project_name"].str.slice(0, 50)
    data["CDR"] = "CDR " + data["cdr_code"]
    data = data.sort_values("budget_eur")
    fig = px.bar(
        data,
        x="budget_eur",
        y="progetto",
        color="CDR",
        orientation="h",
        hover_data={"absorption_pct": ":.2f", "budget_eur": ":,.2f"},
        labels={
            "budget_eur": "Budget (€)",
            "progetto": "Progetto",
            "absorption_pct": "% di assorbimento",
        },
    )
    fig.update_layout(height=max(350, 22 * len(data)), legend_title_text="CDR")
    return fig


def budget_flow_bar(df: pd.DataFrame) -> go.Figure:
    """Entrate and spese (correnti / investimenti) per CDR from the budget lines."""
    if df is None or df.empty or "budget_eur" not in df and "amount_eur" not in df:
        return empty_figure("Nessun dato di bilancio")
    if df.empty:
        return empty_figure("Nessuna riga di bilancio per questo ente")
    data = df.copy()
    data["amount_eur"] = data["amount_eur"].astype(float)
    data["voce"] = data["flow"].map(FLOW_LABELS) + " " + data["nature"].map(NATURE_LABELS)
    data["CDR"] = "CDR " + data["cdr_code"].fillna("?")
    fig = px.bar(
        data,
        x="CDR",
        y="amount_eur",
        color="voce",
        barmode="group",
        labels={"amount_eur": "Importo (€)", "voce": "Voce"},
    )
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
    data["progetto"] = data["project_code"] + " " + data["project_name"].str.slice(0, 40)
    return data


def budget_sunburst(df: pd.DataFrame) -> go.Figure:
    """Indirizzo -> Obiettivo strategico -> Azione -> Progetto, sized by budget."""
    data = _budget_tree(df)
    if isinstance(data, go.Figure):
        return data
    fig = px.sunburst(
        data,
        path=["indirizzo", "obiettivo_strategico", "azione", "progetto"],
        values="budget_eur",
        labels={"budget_eur": "Budget (€)"},
    )
    fig.update_traces(insidetextorientation="radial")
    fig.update_layout(height=650, margin={"t": 10, "l": 10, "r": 10, "b": 10})
    return fig


def budget_treemap(df: pd.DataFrame) -> go.Figure:
    """Indirizzo -> Obiettivo strategico -> Azione -> Progetto as nested rectangles."""
    data = _budget_tree(df)
    if isinstance(data, go.Figure):
        return data
    fig = px.treemap(
        data,
        path=[px.Constant("PEG"), "indirizzo", "obiettivo_strategico", "azione", "progetto"],
        values="budget_eur",
        color="indirizzo",
        labels={"budget_eur": "Budget (€)"},
    )
    fig.update_traces(
        texttemplate="%{label}<br>%{value:,.0f} €", hovertemplate="%{label}<br>%{value:,.2f} €"
    )
    fig.update_layout(height=650, margin={"t": 10, "l": 10, "r": 10, "b": 10})
    return fig


# --- added for the benchmarking pages ---------------------------------------------------

KIND_ORDER = ["numero", "percentuale", "data", "sì/no", "solo testo", "non classificato"]
KIND_COLORS = {
    "numero": "#1f77b4",
    "percentuale": "#17becf",
    "data": "#2ca02c",
    "sì/no": "#9467bd",
    "solo testo": "#d62728",
    "non classificato": "#aaaaaa",
}
DQ_COLORS = {"superati": "#2ca02c", "avvisi": "#ff9f1c", "errori": "#d62728"}


def _short(text: object, n: int = 45) -> str:
    s = "" if text is None or text != text else str(text)
    return s if len(s) <= n else s[: n - 1] + "…"


def enti_by_type_region(enti: pd.DataFrame) -> go.Figure:
    """Enti loaded, by type and region."""
    if enti is None or enti.empty:
        return empty_figure("Nessun ente caricato")
    data = enti.groupby(["ente_type", "region"], as_index=False).agg(enti=("ente_id", "count"))
    fig = px.bar(
        data,
        x="ente_type",
        y="enti",
        color="region",
        labels={"ente_type": "Tipo di ente", "enti": "Enti", "region": "Regione"},
    )
    fig.update_yaxes(dtick=1)
    fig.update_layout(height=320, margin={"t": 30})
    return fig


def coverage_bar(docs: pd.DataFrame) -> go.Figure:
    """Lines of each document: mapped to records, boilerplate, unparsed (blank lines aside)."""
    if docs is None or docs.empty or docs["lines_mapped"].isna().all():
        return empty_figure("Copertura non disponibile")
    data = docs.copy()
    data["documento"] = data["label"] if "label" in data else data["document_id"]
    long = data.melt(
        id_vars=["documento"],
        value_vars=["lines_mapped", "lines_boilerplate", "lines_unparsed"],
        var_name="stato",
        value_name="righe",
    )
    long["stato"] = long["stato"].map(
        {
            "lines_mapped": "lette in un record",
            "lines_boilerplate": "intestazioni e testo fisso",
            "lines_unparsed": "non interpretate",
        }
    )
    fig = px.bar(
        long,
        y="documento",
        x="righe",
        color="stato",
        orientation="h",
        color_discrete_map={
            "lette in un record": "#1f77b4",
            "intestazioni e testo fisso": "#aec7e8",
            "non interpretate": "#d62728",
        },
        labels={"righe": "Righe non vuote", "documento": "", "stato": "Righe"},
    )
    fig.update_layout(height=120 + 45 * data["documento"].nunique(), margin={"t": 30})
    return fig


def dq_status_bar(docs: pd.DataFrame) -> go.Figure:
    """Checks per document in the latest run: passed, failed warnings, failed errors."""
    if docs is None or docs.empty:
        return empty_figure("Nessun controllo registrato")
    data = docs.copy()
    data["documento"] = data["label"] if "label" in data else data["document_id"]
    data = data.rename(
        columns={
            "checks_passed": "superati",
            "warnings_failed": "avvisi",
            "errors_failed": "errori",
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
    fig = px.bar(
        long,
        y="documento",
        x="controlli",
        color="esito",
        orientation="h",
        color_discrete_map=DQ_COLORS,
        labels={"controlli": "Controlli", "documento": "", "esito": "Esito"},
    )
    fig.update_layout(height=120 + 45 * data["documento"].nunique(), margin={"t": 30})
    return fig


def measure_bar(units: pd.DataFrame, key: str, label: str, unit: str = "n") -> go.Figure:
    """One measure per unit, with the peer median as a dashed line."""
    if units is None or units.empty or key not in units:
        return empty_figure("Nessun dato da confrontare")
    data = units[["label", key]].copy()
    data["value"] = pd.to_numeric(data[key], errors="coerce").astype(float)
    data = data.dropna(subset=["value"])
    if data.empty:
        return empty_figure(f"{label}: nessun valore per le unità scelte")
    fig = px.bar(
        data.sort_values("value", ascending=False),
        x="label",
        y="value",
        text_auto=".3s" if unit == "eur" else ".1f" if unit in ("pct", "dec") else True,
        labels={"label": "", "value": label},
    )
    median = float(data["value"].median())
    fig.add_hline(
        y=median,
        line_dash="dash",
        line_color="#555",
        annotation_text=f"mediana {median:,.1f}".replace(",", "§")
        .replace(".", ",")
        .replace("§", "."),
        annotation_position="top left",
    )
    if unit == "pct":
        fig.update_yaxes(range=[0, max(100.0, float(data["value"].max()) * 1.05)])
    fig.update_layout(height=380, margin={"t": 30})
    return fig


def target_kind_share_bar(shares: pd.DataFrame) -> go.Figure:
    """Share of targets by kind (number, percent, date, yes/no, text only) per unit."""
    if shares is None or shares.empty or shares["targets"].fillna(0).sum() == 0:
        return empty_figure("Nessun target dichiarato nelle unità scelte")
    data = shares.dropna(subset=["share"])
    fig = px.bar(
        data,
        y="label",
        x="share",
        color="kind",
        orientation="h",
        category_orders={"kind": KIND_ORDER},
        color_discrete_map=KIND_COLORS,
        hover_data={"targets": True, "share": ":.1f"},
        labels={
            "label": "",
            "share": "% dei target",
            "kind": "Tipo di target",
            "targets": "Target",
        },
    )
    fig.update_xaxes(range=[0, 100])
    fig.update_layout(height=140 + 45 * data["label"].nunique(), margin={"t": 30})
    return fig


def achievement_bar(per_objective: pd.DataFrame, overall: float | None = None) -> go.Figure:
    """Weighted achievement of each objective's steps in the year, with the plan's overall
    figure (weighted by incidence) as a dashed line."""
    if per_objective is None or per_objective.empty:
        return empty_figure("Nessuno step con peso e raggiungimento")
    data = per_objective.dropna(subset=["achievement_pct"]).copy()
    if data.empty:
        return empty_figure("Nessuno step con peso e raggiungimento")
    data["obiettivo"] = data["objective_code"].astype(str)
    data["titolo"] = data["objective_title"].map(lambda t: _short(t, 60))
    fig = px.bar(
        data,
        x="obiettivo",
        y="achievement_pct",
        color="incidence_pct",
        color_continuous_scale="Blues",
        hover_data={"titolo": True, "incidence_pct": ":.0f", "steps_in_year": True},
        labels={
            "obiettivo": "Obiettivo",
            "achievement_pct": "Realizzazione ponderata (%)",
            "incidence_pct": "Incidenza sul piano (%)",
            "steps_in_year": "Step dell'anno",
            "titolo": "Titolo",
        },
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(range=[0, 105])
    if overall is not None:
        fig.add_hline(
            y=overall,
            line_dash="dash",
            line_color="#333",
            annotation_text=f"piano: {overall:.1f}%".replace(".", ","),
            annotation_position="bottom right",
        )
    fig.update_layout(height=380, margin={"t": 30})
    return fig


def plan_weights_bar(weights: pd.DataFrame) -> go.Figure:
    """Declared weights (incidence of objectives, organisational performance levels)."""
    if weights is None or weights.empty:
        return empty_figure("Nessun peso dichiarato")
    data = weights.copy()
    data["weight_pct"] = pd.to_numeric(data["weight_pct"], errors="coerce").astype(float)
    data["voce"] = data["item"].map(lambda t: _short(t, 50))
    data["gruppo"] = data["weight_group"].str.replace("_", " ")
    if "label" not in data:
        data["label"] = data["document_id"]
    fig = px.bar(
        data,
        x="weight_pct",
        y="voce",
        color="label",
        orientation="h",
        hover_data={"gruppo": True, "weight_raw": True},
        labels={
            "weight_pct": "Peso (%)",
            "voce": "",
            "label": "Unità",
            "weight_raw": "Come scritto",
        },
    )
    fig.update_layout(height=140 + 24 * len(data), margin={"t": 30})
    fig.update_yaxes(autorange="reversed")
    return fig


def targets_by_year_bar(data: pd.DataFrame) -> go.Figure:
    """Targets per year by kind, one panel per plan edition."""
    if data is None or data.empty:
        return empty_figure("Nessun target per anno")
    fig = px.bar(
        data,
        x="year",
        y="targets",
        color="kind",
        facet_col="document",
        category_orders={"kind": KIND_ORDER},
        color_discrete_map=KIND_COLORS,
        labels={"year": "Anno", "targets": "Target", "kind": "Tipo di target", "document": "Piano"},
    )
    fig.update_xaxes(dtick=1, matches=None)
    fig.for_each_annotation(lambda a: a.update(text=a.text.replace("Piano=", "Piano ")))
    fig.update_layout(height=380, margin={"t": 40})
    return fig


def matched_targets_line(data: pd.DataFrame) -> go.Figure:
    """Numeric targets of indicators matched across plan editions, year by year."""
    if data is None or data.empty:
        return empty_figure("Nessuna coppia abbinata con target numerici in entrambe le edizioni")
    fig = px.line(
        data.sort_values("year"),
        x="year",
        y="target_value",
        color="pair",
        symbol="edition",
        markers=True,
        hover_data={"target_raw": True, "score": ":.2f"},
        labels={
            "year": "Anno",
            "target_value": "Valore atteso",
            "pair": "Coppia",
            "edition": "Piano",
            "target_raw": "Come scritto",
            "score": "Somiglianza",
        },
    )
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=380, margin={"t": 30})
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
    fig = px.bar(
        data,
        x="flusso",
        y="amount_eur",
        color="natura",
        text_auto=".3s",
        labels={"flusso": "", "amount_eur": "Importo (€)", "natura": "Natura"},
    )
    fig.update_layout(height=360, margin={"t": 30})
    return fig


def staff_bar(df: pd.DataFrame, top: int = 20) -> go.Figure:
    """Staff (FTE) per project, the largest first."""
    if df is None or df.empty:
        return empty_figure("Nessuna assegnazione di personale ai progetti")
    data = df.copy()
    data["fte"] = pd.to_numeric(data["fte"], errors="coerce").astype(float)
    data = data.sort_values("fte", ascending=False).head(top).sort_values("fte")
    fig = px.bar(
        data,
        x="fte",
        y="project_code",
        orientation="h",
        hover_data={"persone": True, "fte": ":.2f"},
        labels={"fte": "Personale (FTE)", "project_code": "Progetto", "persone": "Persone"},
    )
    fig.update_layout(height=max(300, 22 * len(data) + 80), margin={"t": 30})
    return fig


def dq_by_check_bar(dq: pd.DataFrame) -> go.Figure:
    """Failed checks by rule and severity."""
    if dq is None or dq.empty:
        return empty_figure("Nessun controllo")
    failed = dq[~dq["passed"].astype(bool)]
    if failed.empty:
        return empty_figure("Tutti i controlli sono superati")
    data = failed.groupby(["check_label", "severity_label"], as_index=False).agg(
        controlli=("check_name", "count")
    )
    fig = px.bar(
        data,
        x="controlli",
        y="check_label",
        color="severity_label",
        orientation="h",
        color_discrete_map={"avviso": DQ_COLORS["avvisi"], "errore": DQ_COLORS["errori"]},
        labels={
            "controlli": "Controlli non superati",
            "check_label": "",
            "severity_label": "Gravità",
        },
    )
    fig.update_layout(height=140 + 40 * data["check_label"].nunique(), margin={"t": 30})
    return fig


def steps_by_deadline_bar(df: pd.DataFrame) -> go.Figure:
    """Steps per deadline year, and how many of them carry a weight in the reporting year."""
    if df is None or df.empty:
        return empty_figure("Nessuno step con un termine")
    long = df.melt(
        id_vars=["Anno del termine"],
        value_vars=["Step", "Step con raggiungimento"],
        var_name="serie",
        value_name="step",
    )
    fig = px.bar(
        long,
        x="Anno del termine",
        y="step",
        color="serie",
        barmode="group",
        labels={"step": "Step", "serie": ""},
    )
    fig.update_xaxes(dtick=1)
    fig.update_layout(height=340, margin={"t": 30})
    return fig
