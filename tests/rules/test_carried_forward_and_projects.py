"""Money carried forward between years, and projects and goals that do not meet (issue 15)."""

from __future__ import annotations

from typing import Any

from stramien.model import Agreement
from stramien.rules import check


def _agreement(
    costs: dict[int, int] | None = None,
    financing: dict[int, int] | None = None,
    **extra: Any,
) -> Agreement:
    data: dict[str, Any] = {
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
                {"id": f"k-{year}", "description": f"Kosten {year}", "year": year, "amount": amount}
                for year, amount in (costs or {}).items()
            ],
            "contributions": [
                {
                    "id": f"b-{year}",
                    "partner": "p-gemeente",
                    "kind": "cash",
                    "description": f"Bijdrage {year}",
                    "year": year,
                    "amount": amount,
                }
                for year, amount in (financing or {}).items()
            ],
        },
        **extra,
    }
    return Agreement.model_validate(data)


def _messages(agreement: Agreement, rule_id: str) -> list[str]:
    return [f.message for f in check(agreement) if f.rule == rule_id]


def test_start_up_capital_covers_later_years() -> None:
    agreement = _agreement({2027: 100_000, 2028: 100_000, 2029: 100_000}, {2027: 300_000})
    assert _messages(agreement, "finance-year-not-covered") == []


def test_shortfall_names_the_year_and_the_cumulative_gap() -> None:
    agreement = _agreement({2027: 100_000, 2028: 100_000, 2029: 100_000}, {2027: 150_000})
    assert _messages(agreement, "finance-year-not-covered") == [
        "Tot en met 2028 staan € 200.000 kosten tegenover € 150.000 financiering: "
        "een tekort van € 50.000.",
        "Tot en met 2029 staan € 300.000 kosten tegenover € 150.000 financiering: "
        "een tekort van € 150.000.",
    ]


def test_late_money_does_not_cover_an_earlier_year() -> None:
    agreement = _agreement({2027: 100_000, 2028: 100_000}, {2028: 200_000})
    assert _messages(agreement, "finance-year-not-covered") == [
        "In 2027 staan € 100.000 kosten tegenover € 0 financiering: een tekort van € 100.000."
    ]


GOALS = [
    {"id": "g-top", "title": "Een gezonde wijk", "contributes_to_ambition": True},
    {"id": "g-sport", "title": "Meer sporten", "contributes_to": ["g-top"]},
    {"id": "g-eten", "title": "Gezonder eten", "contributes_to": ["g-top"]},
    {"id": "g-rust", "title": "Minder geluidsoverlast", "contributes_to": ["g-top"]},
]


def _projects(*goal_lists: list[str]) -> dict[str, Any]:
    return {
        "projects": [
            {"id": f"pr-{n}", "name": f"Project {n}", "goals": goals}
            for n, goals in enumerate(goal_lists, start=1)
        ]
    }


def _project_costs(amounts: list[int]) -> Agreement:
    agreement = _agreement(
        goals=GOALS,
        organisation=_projects(["g-sport"], [], [], ["g-eten", "g-top"]),
    )
    data = agreement.model_dump(mode="json")
    data["finance"]["cost_items"] = [
        {"id": f"k-{n}", "description": "Uitvoering", "year": 2027, "amount": amount,
         "project": f"pr-{n}"}
        for n, amount in enumerate(amounts, start=1)
    ]  # fmt: skip
    return Agreement.model_validate(data)


def test_projects_without_goal_are_one_finding_with_count_and_money() -> None:
    agreement = _project_costs([400_000, 300_000, 100_000, 200_000])
    assert _messages(agreement, "org-projects-without-goal") == [
        "2 van 4 projecten (€ 400.000, 40% van de begroting) dienen geen doel uit de "
        "doelenboom: 'Project 2', 'Project 3'."
    ]
    assert not any("doelstellingen" in m for m in _messages(agreement, "org-project-incomplete")), (
        "the per-project finding no longer repeats the missing goals"
    )


def test_every_project_serving_a_goal_gives_no_carousel_finding() -> None:
    agreement = _agreement(goals=GOALS, organisation=_projects(["g-sport"], ["g-eten"]))
    assert _messages(agreement, "org-projects-without-goal") == []


def test_leaf_goals_without_project_are_listed_in_one_finding() -> None:
    agreement = _agreement(goals=GOALS, organisation=_projects(["g-sport"], ["g-top"]))
    assert _messages(agreement, "org-goals-without-project") == [
        "2 van 3 doelen onderaan de doelenboom hebben geen (deel)project dat eraan werkt: "
        "'Gezonder eten', 'Minder geluidsoverlast'."
    ]


def test_all_leaf_goals_served_gives_no_finding() -> None:
    agreement = _agreement(goals=GOALS, organisation=_projects(["g-sport", "g-eten"], ["g-rust"]))
    assert _messages(agreement, "org-goals-without-project") == []
