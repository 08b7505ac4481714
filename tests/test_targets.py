"""Target normalisation on strings taken from the sample documents."""

import pytest

from ingest.targets import actual_value, normalise_target


@pytest.mark.parametrize(
    ("raw", "kind", "op", "value", "date"),
    [
        ("80%", "percent", "=", 80.0, None),  # 000 scheda 1
        (">95%", "percent", ">", 95.0, None),  # 000 scheda 1
        ("≥ 2.400", "number", ">=", 2400.0, None),  # 002 reversali
        ("=≥ 25%", "percent", ">=", 25.0, None),  # 002 disabilità
        ("Almeno 10 nuclei con educativa abitare", "number", ">=", 10.0, None),
        ("Entro aprile", "date", "<=", None, "2025-04-30"),
        ("31/12/2021", "date", "=", None, "2021-12-31"),
        ("30/06/2021", "date", "=", None, "2021-06-30"),
        ("SI", "boolean", "=", 1.0, None),
        ("Si", "boolean", "=", 1.0, None),
        ("-30% budget spese gestionali PNRR", "percent", "=", -30.0, None),
        ("Risparmio gestione automezzi 7,5%", "percent", "=", 7.5, None),
        ("Almeno 2500,00", "number", ">=", 2500.0, None),
        ("Inferiore al 45%", "percent", "<", 45.0, None),
        ("Superiore al 53%", "percent", ">", 53.0, None),
        ("Unificazione domini entro il 30.09.2023", "date", "<=", None, "2023-09-30"),
        ("Massimo 2 giorni", "number", "<=", 2.0, None),
        ("+10%", "percent", "=", 10.0, None),
    ],
)
def test_measurable_targets(raw, kind, op, value, date):
    t = normalise_target(raw, year=2025)
    assert (t.kind, t.operator, t.value, t.date) == (kind, op, value, date)


@pytest.mark.parametrize(
    "raw",
    [
        "2 assemblee 1 Question time 3 UdD e Coord. 1 neo assunti",  # several targets
        "Entro 3 gg dalla email di accesso almeno 75%",  # a deadline and a share
        "Tasso di risposta 75% Percentuale gradimento 75%",
        "Da definire in base alla valutazione dei PEI",
        "Report trimestrale",
        "Almeno 2 Entro giugno",
        "Predisposizione progetto entro il 30.6.2023. Conclusione dei lavori entro 31.12.2023",
    ],
)
def test_composite_or_verbal_targets_stay_text(raw):
    t = normalise_target(raw, year=2025)
    assert t.kind == "text"
    assert t.value is None and t.date is None


def test_month_deadline_needs_a_year():
    assert normalise_target("Entro aprile").kind == "text"


def test_empty_is_no_target():
    assert normalise_target("").kind is None
    assert normalise_target(None).kind is None


def test_actual_value_only_for_single_figures():
    assert actual_value("100%") == 100.0
    assert actual_value("Risultanze di impatto positivo") is None


def test_a_cited_date_is_not_a_target_date():
    # 002 line 121: the date names a decree, not a deadline
    t = normalise_target("anche dopo il DPCM del 23.09.2021 che ha previsto che la modalita'")
    assert t.kind == "text" and t.date is None
