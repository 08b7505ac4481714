"""Widgets and messages shared by the pages (no SQL here: see data.py)."""

from __future__ import annotations

import streamlit as st

from dashboards import data

NO_DATA = (
    "Il magazzino dati non è ancora stato costruito: esegui `make build` "
    "(le tabelle Parquet sono attese in {path})."
)


def require_data() -> bool:
    """Show a clear message and return False when the marts are missing."""
    if not data.has_data():
        st.warning(NO_DATA.format(path=data.marts_dir()))
        return False
    return True


def ente_picker(key: str = "ente") -> str | None:
    enti = data.enti()
    if enti.empty:
        st.info("Nessun ente caricato.")
        return None
    labels = {
        r.ente_id: f"{r.ente_name} ({r.ente_type}, {r.province})" for r in enti.itertuples()
    }
    return st.selectbox(
        "Ente", options=list(labels), format_func=labels.get, key=key
    )


def euro(value: object) -> str:
    if value is None:
        return "—"
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "—"
    s = f"{v:,.2f}"
    return "€ " + s.replace(",", "§").replace(".", ",").replace("§", ".")
