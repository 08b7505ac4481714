"""The Streamlit app rendered headless with AppTest on the sample warehouse."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture()
def app(built_warehouse, monkeypatch):
    monkeypatch.setenv("PLANS_MARTS_DIR", str(built_warehouse / "marts"))
    return AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=60)


def test_ente_page_renders_for_every_ente(app, built_warehouse):
    at = app.run()
    assert not at.exception
    assert len(at.selectbox(key="ente").options) == 4
    enti = duckdb.sql(
        f"select ente_id from read_parquet('{built_warehouse / 'marts' / 'dim_ente.parquet'}')"
    ).fetchall()
    for (ente,) in enti:
        at.selectbox(key="ente").set_value(ente).run()
        assert not at.exception, ente


def test_ente_page_shows_the_peg_budget(app):
    at = app.run()
    at.selectbox(key="ente").set_value("comune-di-reggio-emilia").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["CDR 85"] == "€ 9.422.128,07"
    assert metrics["CDR 87"] == "€ 9.267.473,26"


def test_page_without_marts_shows_a_message(monkeypatch, tmp_path):
    monkeypatch.setenv("PLANS_MARTS_DIR", str(tmp_path / "nothing"))
    at = AppTest.from_file(str(ROOT / "dashboards" / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "make build" in at.warning[0].value
