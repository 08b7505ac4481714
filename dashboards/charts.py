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


def budget_sunburst(df: pd.DataFrame) -> go.Figure:
    """Indirizzo -> Obiettivo strategico -> Azione -> Progetto, sized by budget."""
    data = df.dropna(subset=["budget_eur"]).copy()
    data = data[data["budget_eur"].astype(float) > 0]
    if data.empty:
        return empty_figure("Nessun budget da ripartire")
    data["budget_eur"] = data["budget_eur"].astype(float)
    for col in ("indirizzo", "obiettivo_strategico", "azione"):
        data[col] = data[col].fillna("(non indicato)")
    data["progetto"] = data["project_code"] + " " + data["project_name"].str.slice(0, 40)
    return px.sunburst(
        data,
        path=["indirizzo", "obiettivo_strategico", "azione", "progetto"],
        values="budget_eur",
        labels={"budget_eur": "Budget (€)"},
    )
