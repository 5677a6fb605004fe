"""The budget against spending and contributions in kind against deliveries, by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from monitor_builders import moment

from stramien.model import Agreement, ReportingFrequency
from stramien.monitor import (
    DeliveryEntry,
    Period,
    Scope,
    SpendingEntry,
    budget_by_goal,
    budget_by_partner,
    budget_by_year,
    current_records,
    in_kind_by_partner,
    orphaned_deliveries,
    orphaned_spending,
)


def partner(partner_id: str, name: str) -> dict[str, Any]:
    return {
        "id": partner_id,
        "name": name,
        "category": "government",
        "sector": "public",
        "participation_level": 4,
    }


DOC = Agreement.model_validate(
    {
        "programme": {"name": "Test", "start": "2027-01-01", "end": "2028-12-31"},
        "partnership": {"partners": [partner("gem", "Gemeente"), partner("woco", "Corporatie")]},
        "goals": [
            {"id": "g-wonen", "title": "Wonen", "contributes_to_ambition": True},
            {"id": "g-werk", "title": "Werk", "contributes_to_ambition": True},
        ],
        "organisation": {
            "projects": [
                {"id": "p-huis", "name": "Huis", "goals": ["g-wonen"]},
                {"id": "p-beide", "name": "Beide", "goals": ["g-wonen", "g-werk"]},
            ]
        },
        "finance": {
            "cost_items": [
                {
                    "id": "k-huis-27",
                    "description": "Huis",
                    "year": 2027,
                    "amount": 100000,
                    "project": "p-huis",
                },
                {
                    "id": "k-beide-27",
                    "description": "Beide",
                    "year": 2027,
                    "amount": 50000,
                    "project": "p-beide",
                },
                {"id": "k-regie-28", "description": "Regie", "year": 2028, "amount": 36500},
            ],
            "contributions": [
                {
                    "id": "c-gem",
                    "partner": "gem",
                    "kind": "cash",
                    "year": 2027,
                    "amount": 120000,
                    "cost_item": "k-huis-27",
                },
                {"id": "c-woco", "partner": "woco", "kind": "cash", "year": 2028, "amount": 36500},
                {
                    "id": "c-uren",
                    "partner": "woco",
                    "kind": "labour",
                    "year": 2027,
                    "amount": 20000,
                    "cost_item": "k-beide-27",
                },
            ],
        },
    }
)


def spent(
    entry_id: str, item: str, who: str, day: str, amount: str, supersedes: str | None = None
) -> SpendingEntry:
    return SpendingEntry(
        id=entry_id,
        cost_item=item,
        partner=who,
        day=dt.date.fromisoformat(day),
        amount=Decimal(amount),
        entered_at=moment(day),
        supersedes=supersedes,
    )


SPENDING = [
    spent("1", "k-huis-27", "gem", "2027-02-10", "60000"),
    spent("2", "k-huis-27", "gem", "2027-08-01", "70000"),
    spent("3", "k-beide-27", "woco", "2027-05-05", "10000"),
    spent("4", "k-regie-28", "woco", "2028-03-01", "5000"),
]


def table(lines: Any) -> list[tuple[str, Decimal, Decimal, bool]]:
    return [(line.key, line.planned, line.realised, line.over) for line in lines]


def test_per_year_the_cost_items_of_the_year_against_what_was_spent_in_it() -> None:
    assert table(budget_by_year(DOC, SPENDING)) == [
        ("2027", Decimal(150000), Decimal(140000), False),
        ("2028", Decimal(36500), Decimal(5000), False),
    ]


def test_per_partner_its_money_contribution_against_its_spending_and_over_budget_shows() -> None:
    lines = budget_by_partner(DOC, SPENDING)
    assert table(lines) == [
        ("gem", Decimal(120000), Decimal(130000), True),
        ("woco", Decimal(36500), Decimal(15000), False),
    ]
    assert lines[0].remaining == Decimal(-10000)
    assert lines[1].share is not None and round(lines[1].share, 1) == Decimal("41.1")


def test_per_goal_a_cost_item_of_a_project_with_two_goals_counts_for_both() -> None:
    assert table(budget_by_goal(DOC, SPENDING)) == [
        ("g-wonen", Decimal(150000), Decimal(140000), False),
        ("g-werk", Decimal(50000), Decimal(10000), False),
        ("", Decimal(36500), Decimal(5000), False),
    ]


def test_a_correction_replaces_the_value_it_corrects_from_the_moment_it_was_entered() -> None:
    fixed = spent("5", "k-huis-27", "gem", "2027-09-01", "7000", supersedes="2")
    everything = [*SPENDING, fixed]
    before = current_records(everything, moment("2027-08-15"))
    after = current_records(everything, moment("2027-12-31"))
    assert [e.id for e in before] == ["1", "2", "3"]
    assert [e.id for e in after] == ["1", "3", "5"]
    assert table(budget_by_partner(DOC, after))[0] == (
        "gem",
        Decimal(120000),
        Decimal(67000),
        False,
    )


def test_a_partner_scope_plans_its_contributions_by_their_year_and_goal() -> None:
    scope = Scope(partner="gem")
    assert table(budget_by_year(DOC, SPENDING, scope)) == [
        ("2027", Decimal(120000), Decimal(130000), True),
    ]
    assert table(budget_by_goal(DOC, SPENDING, scope)) == [
        ("g-wonen", Decimal(120000), Decimal(130000), True),
    ]
    assert [line.key for line in budget_by_partner(DOC, SPENDING, scope)] == ["gem"]


def test_a_goal_scope_keeps_only_what_serves_the_goal() -> None:
    scope = Scope(goal="g-werk")
    assert table(budget_by_goal(DOC, SPENDING, scope)) == [
        ("g-werk", Decimal(50000), Decimal(10000), False),
    ]
    assert table(budget_by_year(DOC, SPENDING, scope)) == [
        ("2027", Decimal(50000), Decimal(10000), False),
    ]


def test_a_quarter_plans_its_share_of_the_year_by_days() -> None:
    q1_2028 = Period(2028, ReportingFrequency.QUARTERLY, 1)
    # 2028 is a leap year: 91 of 366 days of 36.500 = 9.075,136..., in whole euros 9.075.
    assert table(budget_by_year(DOC, SPENDING, Scope(period=q1_2028))) == [
        ("2028", Decimal(9075), Decimal(5000), False),
    ]


def delivered(entry_id: str, contribution: str, day: str, value: str) -> DeliveryEntry:
    return DeliveryEntry(
        id=entry_id,
        contribution=contribution,
        partner="woco",
        day=dt.date.fromisoformat(day),
        value=Decimal(value),
        entered_at=moment(day),
    )


def test_in_kind_pledged_against_delivered_per_partner() -> None:
    deliveries = [
        delivered("1", "c-uren", "2027-03-01", "8000"),
        delivered("2", "c-uren", "2027-09-01", "15000"),
    ]
    assert table(in_kind_by_partner(DOC, deliveries)) == [
        ("woco", Decimal(20000), Decimal(23000), True),
    ]
    # A money contribution is not pledged in kind, so a partner with none is not listed.
    assert in_kind_by_partner(DOC, [], Scope(partner="gem")) == []


def test_records_whose_item_left_the_agreement_are_orphans_not_counted() -> None:
    gone = spent("9", "k-weg", "gem", "2027-04-01", "999")
    gone_delivery = delivered("9", "c-weg", "2027-04-01", "5")
    assert orphaned_spending(DOC, [*SPENDING, gone]) == [gone]
    assert orphaned_deliveries(DOC, [gone_delivery]) == [gone_delivery]
    assert table(budget_by_year(DOC, [gone])) == [
        ("2027", Decimal(150000), Decimal(0), False),
        ("2028", Decimal(36500), Decimal(0), False),
    ]


def test_spending_where_nothing_was_planned_is_not_called_over_budget() -> None:
    # The corporation's contribution names no cost item, so no goal plans its money.
    lines = budget_by_goal(DOC, SPENDING, Scope(partner="woco"))
    assert table(lines) == [
        ("g-wonen", Decimal(0), Decimal(10000), False),
        ("g-werk", Decimal(0), Decimal(10000), False),
        ("", Decimal(36500), Decimal(5000), False),
    ]
