"""Findings write amounts and dates the way Dutch readers do, as the document does."""

from __future__ import annotations

from typing import Any

from stramien.model import Agreement
from stramien.rules import check


def messages(data: dict[str, Any], rule: str) -> list[str]:
    agreement = Agreement.model_validate({"programme": {"name": "Test"}, **data})
    return [f.message for f in check(agreement) if f.rule == rule]


PARTNER = {
    "id": "p-gemeente",
    "name": "Gemeente",
    "category": "government",
    "sector": "public",
    "participation_level": 4,
}


def test_amounts_are_grouped_with_a_decimal_comma() -> None:
    data = {
        "partnership": {"partners": [PARTNER]},
        "finance": {
            "cost_items": [
                {"id": "k", "description": "Verbouw", "year": 2027, "amount": "1234567.50"}
            ],
            "contributions": [
                {"id": "c", "partner": "p-gemeente", "kind": "cash", "year": 2027, "amount": 1e6}
            ],
        },
    }
    assert messages(data, "finance-year-not-covered") == [
        "In 2027 staan € 1.234.567,50 kosten tegenover € 1.000.000 financiering: een tekort "
        "van € 234.567,50."
    ]


def test_a_negative_amount_keeps_its_sign() -> None:
    data = {
        "finance": {
            "cost_items": [{"id": "k", "description": "Korting", "year": 2027, "amount": -2500}]
        }
    }
    assert messages(data, "finance-negative-amount") == [
        "Kostenpost 'Korting' heeft een negatief bedrag (€ -2.500)."
    ]


def test_dates_are_written_day_month_year() -> None:
    data = {"programme": {"name": "Test", "start": "2026-06-01", "end": "2026-01-31"}}
    assert messages(data, "programme-period-order") == [
        "De einddatum (31-01-2026) ligt niet na de startdatum (01-06-2026)."
    ]
