from decimal import Decimal

import pytest

from ingest.common import Ledger, parse_it_date, parse_it_decimal, strip_markup
from tests.helpers import doc_from_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.234.567,89", Decimal("1234567.89")),
        ("2.244.232,18", Decimal("2244232.18")),
        ("23,82 %", Decimal("23.82")),
        ("0,00", Decimal("0.00")),
        ("100,00 %", Decimal("100.00")),
        ("50 %", Decimal("50")),
        ("18000000", Decimal("18000000")),
        ("", None),
    ],
)
def test_italian_numbers_become_exact_decimals(raw, expected):
    assert parse_it_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["1,234.56", "12.34", "abc", "1.23.4"])
def test_non_italian_numbers_are_refused(raw):
    with pytest.raises(ValueError):
        parse_it_decimal(raw)


def test_dates():
    assert parse_it_date("31/07/20") == "2020-07-31"
    assert parse_it_date("30/09/2021") == "2021-09-30"
    assert parse_it_date("30.06.2023") == "2023-06-30"
    assert parse_it_date("31/02/2021") is None
    assert parse_it_date("Entro aprile") is None


def test_strip_markup():
    assert strip_markup("<b>Scheda 1</b>") == "Scheda 1"
    assert strip_markup("**Monitoraggio attività**") == "Monitoraggio attività"


def test_ledger_accounts_every_line():
    doc = doc_from_text("a\n\nb\nc\n")
    ledger = Ledger(doc)
    ledger.boilerplate(1, "title")
    ledger.map(3, "t")
    ledger.finalize()
    rows = {r["line_no"]: (r["status"], r["detail"]) for r in ledger.rows()}
    assert rows == {
        1: ("boilerplate", "title"),
        2: ("blank", ""),
        3: ("mapped", "t"),
        4: ("unparsed", "no parser rule claimed this line"),
    }


def test_map_overrides_other_claims_but_not_the_reverse():
    doc = doc_from_text("x\n")
    ledger = Ledger(doc)
    ledger.unparsed(1, "odd")
    ledger.map(1, "t")
    ledger.boilerplate(1, "later")
    assert ledger.status(1).status == "mapped"
