"""The budget per year in the agreement shows money carried forward from earlier years."""

from __future__ import annotations

from stramien.model import Agreement
from stramien.render.blocks import Table
from stramien.render.outline import build_document


def test_outline_shows_the_balance_carried_forward() -> None:
    contribution = {"partner": "p-gemeente", "kind": "cash", "description": "Startkapitaal"}
    agreement = Agreement.model_validate(
        {
            "programme": {"name": "Proef"},
            "partnership": {
                "partners": [
                    {
                        "id": "p-gemeente",
                        "name": "Gemeente",
                        "category": "government",
                        "sector": "public",
                        "participation_level": 3,
                    }
                ]
            },
            "finance": {
                "cost_items": [
                    {"id": "k-1", "description": "Uitvoering", "year": 2027, "amount": 100_000},
                    {"id": "k-2", "description": "Uitvoering", "year": 2028, "amount": 100_000},
                ],
                "contributions": [{"id": "b-1", "year": 2027, "amount": 250_000, **contribution}],
            },
        }
    )
    document = build_document(agreement, draw_figures=False)
    tables = [
        block
        for block in document.blocks
        if isinstance(block, Table) and block.caption == "Kosten en financiering per jaar"
    ]
    assert len(tables) == 1
    assert tables[0].headers == (
        "Jaar", "Kosten", "Financiering", "Overloop uit eerdere jaren", "Saldo",
    )  # fmt: skip
    assert tables[0].rows == (
        ("2027", "€ 100.000", "€ 250.000", "€ 0", "€ 150.000"),
        ("2028", "€ 100.000", "€ 0", "€ 150.000", "€ 50.000"),
    )
