"""Budgeted, committed and spent money per cost item (issue 15, point 9)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from stramien.io import load_agreement
from stramien.model import Agreement, budget_stages, tracks_stages
from stramien.render.outline import content_hash
from stramien.rules import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TODAY = dt.date(2027, 6, 1)


def _agreement(*items: dict[str, Any]) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Proef"},
            "finance": {
                "cost_items": [
                    {"id": f"k-{n}", "description": f"Post {n}", "year": 2027, **item}
                    for n, item in enumerate(items, start=1)
                ]
            },
        }
    )


def _messages(agreement: Agreement, rule_id: str) -> list[str]:
    return [f.message for f in check(agreement, TODAY) if f.rule == rule_id]


def test_committed_above_budget_names_both_amounts() -> None:
    agreement = _agreement({"amount": 100_000, "committed": 120_000})
    assert _messages(agreement, "finance-committed-over-budget") == [
        "Voor kostenpost 'Post 1' is € 120.000 verplicht, meer dan de € 100.000 die begroot is "
        "(€ 20.000 te veel)."
    ]


def test_spent_above_committed_names_both_amounts() -> None:
    agreement = _agreement({"amount": 100_000, "committed": 50_000, "spent": 60_000})
    assert _messages(agreement, "finance-spent-over-committed") == [
        "Voor kostenpost 'Post 1' is € 60.000 besteed, meer dan de € 50.000 die verplicht is "
        "(€ 10.000 te veel)."
    ]


def test_spent_without_committed_is_held_against_the_budget() -> None:
    within = _agreement({"amount": 100_000, "spent": 100_000})
    over = _agreement({"amount": 100_000, "spent": 100_001})
    assert _messages(within, "finance-spent-over-committed") == []
    (message,) = _messages(over, "finance-spent-over-committed")
    assert "die begroot is" in message


def test_consistent_stages_give_no_warning() -> None:
    agreement = _agreement({"amount": 100_000, "committed": 80_000, "spent": 40_000})
    findings = [
        f.rule for f in check(agreement, TODAY) if "committed" in f.rule or "spent" in f.rule
    ]
    assert findings == []


def test_money_spent_in_a_year_still_to_come() -> None:
    future = _agreement({"amount": 10_000, "spent": 2_500, "year": 2028})
    this_year = _agreement({"amount": 10_000, "spent": 2_500, "year": 2027})
    nothing_spent = _agreement({"amount": 10_000, "spent": 0, "year": 2028})
    assert _messages(future, "finance-spent-in-future-year") == [
        "Kostenpost 'Post 1' staat op 2028, maar er is al € 2.500 besteed; dat jaar is nog "
        "niet begonnen."
    ]
    assert _messages(this_year, "finance-spent-in-future-year") == []
    assert _messages(nothing_spent, "finance-spent-in-future-year") == []


def test_free_is_the_budget_less_what_is_bound() -> None:
    agreement = _agreement(
        {"amount": 100_000, "committed": 70_000, "spent": 30_000},
        {"amount": 50_000, "spent": 20_000},
        {"amount": 25_000},
    )
    items = agreement.finance.cost_items
    assert [item.free for item in items] == [30_000, 30_000, 25_000]
    stages = budget_stages(items)
    assert (stages.budgeted, stages.committed, stages.spent, stages.free) == (
        Decimal(175_000),
        Decimal(70_000),
        Decimal(50_000),
        Decimal(85_000),
    )
    assert tracks_stages(items)
    assert not tracks_stages(items[2:])


def test_old_documents_dump_without_the_new_fields() -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    dumped = agreement.model_dump(mode="json")["finance"]["cost_items"][0]
    assert "committed" not in dumped and "spent" not in dumped
    tracked = agreement.model_copy(deep=True)
    tracked.finance.cost_items[0].spent = Decimal(1000)
    assert tracked.model_dump(mode="json")["finance"]["cost_items"][0]["spent"] == 1000
    assert content_hash(tracked) != content_hash(agreement)


def test_dutch_amounts_are_accepted() -> None:
    agreement = _agreement({"amount": "€ 100.000", "committed": "€ 80.000", "spent": "12.500,50"})
    item = agreement.finance.cost_items[0]
    assert (item.committed, item.spent) == (Decimal(80_000), Decimal("12500.50"))
