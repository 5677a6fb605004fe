"""The dashboard's money per partner names a funder who does not sign (issue 15, point 3)."""

from __future__ import annotations

from decimal import Decimal

from stramien.model import Agreement
from stramien.monitor.finance import budget_by_partner


def test_a_funders_money_is_a_line_with_its_name() -> None:
    agreement = Agreement.model_validate(
        {
            "programme": {"name": "Proef"},
            "partnership": {
                "partners": [
                    {
                        "id": "gem",
                        "name": "Gemeente",
                        "category": "government",
                        "sector": "public",
                        "participation_level": 4,
                    }
                ],
                "funders": [{"id": "fonds", "name": "Wijkfonds", "category": "civil_society"}],
            },
            "finance": {
                "contributions": [
                    {"id": "b-1", "partner": "gem", "kind": "cash", "year": 2027, "amount": 60},
                    {"id": "b-2", "partner": "fonds", "kind": "cash", "year": 2027, "amount": 40},
                ]
            },
        }
    )
    lines = budget_by_partner(agreement, [])
    assert [(line.key, line.label, line.planned) for line in lines] == [
        ("gem", "Gemeente", Decimal(60)),
        ("fonds", "Wijkfonds", Decimal(40)),
    ]
