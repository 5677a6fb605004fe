"""Programmes of projects: roll-ups follow sub-programme → project → cost item, and the
checks for sub-programmes fire on small hand-made cases."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from stramien.model import Agreement
from stramien.rules import check
from stramien.rules.hierarchy import UNASSIGNED, rollup

Data = dict[str, Any]


def _partner(pid: str, name: str) -> Data:
    return {
        "id": pid,
        "name": name,
        "category": "government",
        "sector": "public",
        "participation_level": 3,
    }


def _cost(cid: str, amount: int, project: str | None = None) -> Data:
    return {"id": cid, "description": cid, "year": 2027, "amount": amount, "project": project}


BASE: Data = {
    "programme": {"name": "Regiodeal"},
    "partnership": {
        "partners": [_partner("p-rijk", "Rijk"), _partner("p-prov", "Provincie")],
    },
    "goals": [
        {"id": "g-top", "title": "Sterke regio", "contributes_to_ambition": True},
        {"id": "g-wonen", "title": "Meer woningen", "contributes_to": ["g-top"]},
        {"id": "g-bouw", "title": "Sneller bouwen", "contributes_to": ["g-wonen"]},
        {"id": "g-werk", "title": "Meer banen", "contributes_to": ["g-top"]},
    ],
    "organisation": {
        "sub_programmes": [
            {
                "id": "sp-lokaal",
                "name": "Lokale pijler",
                "kind": "pillar",
                "owner": "p-prov",
                "goals": ["g-wonen"],
                "budget_ceiling": 500_000,
            },
            {
                "id": "sp-thema",
                "name": "Thematische pijler",
                "kind": "pillar",
                "owner": "p-rijk",
                "goals": ["g-werk"],
            },
        ],
        "projects": [
            {"id": "pr-a", "name": "Bouwteam", "sub_programme": "sp-lokaal", "goals": ["g-bouw"]},
            {"id": "pr-b", "name": "Woonwijk", "sub_programme": "sp-lokaal", "goals": ["g-wonen"]},
            {"id": "pr-c", "name": "Banenplan", "sub_programme": "sp-thema", "goals": ["g-werk"]},
            {"id": "pr-d", "name": "Losse proef", "goals": ["g-werk"]},
        ],
    },
    "finance": {
        "cost_items": [
            _cost("k-a1", 100_000, "pr-a"),
            _cost("k-a2", 50_000, "pr-a"),
            _cost("k-b", 200_000, "pr-b"),
            _cost("k-c", 300_000, "pr-c"),
            _cost("k-d", 40_000, "pr-d"),
            _cost("k-regie", 25_000),
        ],
        "contributions": [
            {"id": "b-1", "partner": "p-prov", "kind": "cash", "year": 2027,
             "amount": 120_000, "cost_item": "k-a1"},
            {"id": "b-2", "partner": "p-rijk", "kind": "cash", "year": 2027,
             "amount": 300_000, "cost_item": "k-c"},
            {"id": "b-3", "partner": "p-rijk", "kind": "cash", "year": 2027, "amount": 70_000},
        ],
    },
}  # fmt: skip


def agreement(change: Any = None) -> Agreement:
    data = copy.deepcopy(BASE)
    if change is not None:
        change(data)
    return Agreement.model_validate(data)


def findings(a: Agreement, rule_id: str) -> list[str]:
    return [f.message for f in check(a) if f.rule == rule_id]


def test_rollup_follows_the_hierarchy_and_adds_up() -> None:
    found = rollup(agreement())
    names = [g.name for g in found.groups]
    assert names == ["Lokale pijler", "Thematische pijler", UNASSIGNED]
    local, theme, rest = found.groups
    assert [p.name for p in local.projects] == ["Bouwteam", "Woonwijk"]
    assert [p.total for p in local.projects] == [Decimal(150_000), Decimal(200_000)]
    assert local.total == Decimal(350_000)
    assert local.owner == "p-prov"
    # Own goals first, then the projects' goals that are not among them.
    assert local.goals == ("g-wonen", "g-bouw")
    assert [c.id for c in local.contributions] == ["b-1"]
    assert local.covered == Decimal(120_000)
    assert theme.total == Decimal(300_000) and theme.covered == Decimal(300_000)
    # A project outside every sub-programme and the cost item without a project.
    assert [p.name for p in rest.projects] == ["Losse proef", "Zonder project"]
    assert rest.total == Decimal(65_000)
    assert [c.id for c in found.untied] == ["b-3"]
    total = sum(item["amount"] for item in BASE["finance"]["cost_items"])
    assert found.total == Decimal(total) == sum(g.total for g in found.groups)


def test_rollup_without_leftovers_has_no_unassigned_group() -> None:
    def tidy(d: Data) -> None:
        d["organisation"]["projects"][3]["sub_programme"] = "sp-thema"
        d["finance"]["cost_items"].pop()

    found = rollup(agreement(tidy))
    assert found.unassigned is None
    assert [g.name for g in found.groups] == ["Lokale pijler", "Thematische pijler"]


def test_sub_programme_without_projects_is_a_warning() -> None:
    def empty_pillar(d: Data) -> None:
        d["organisation"]["sub_programmes"].append(
            {"id": "sp-leeg", "name": "Kennispijler", "kind": "pillar", "owner": "p-rijk",
             "goals": ["g-top"]}
        )  # fmt: skip

    assert findings(agreement(empty_pillar), "org-sub-programme-without-projects") == [
        "Pijler 'Kennispijler' heeft geen projecten."
    ]
    assert not findings(agreement(), "org-sub-programme-without-projects")


def test_project_without_sub_programme_only_when_there_are_sub_programmes() -> None:
    assert findings(agreement(), "org-project-without-sub-programme") == [
        "Project 'Losse proef' hoort bij geen deelprogramma."
    ]

    def flat(d: Data) -> None:
        d["organisation"]["sub_programmes"] = []
        for project in d["organisation"]["projects"]:
            project.pop("sub_programme", None)

    assert not findings(agreement(flat), "org-project-without-sub-programme")


def test_budget_ceiling_exceeded_by_the_projects_cost_items() -> None:
    assert not findings(agreement(), "org-sub-programme-over-budget")

    def lower(d: Data) -> None:
        d["organisation"]["sub_programmes"][0]["budget_ceiling"] = "€ 300.000"

    assert findings(agreement(lower), "org-sub-programme-over-budget") == [
        "De projecten van pijler 'Lokale pijler' begroten samen € 350.000; het plafond is "
        "€ 300.000 (€ 50.000 te veel)."
    ]


def test_project_goal_outside_its_sub_programme_is_a_tip() -> None:
    # g-bouw contributes to g-wonen through the tree, so only a goal elsewhere is flagged.
    assert not findings(agreement(), "org-project-goal-outside-sub-programme")

    def stray(d: Data) -> None:
        d["organisation"]["projects"][0]["goals"].append("g-werk")

    found = [
        f for f in check(agreement(stray)) if f.rule == "org-project-goal-outside-sub-programme"
    ]
    assert [f.message for f in found] == [
        "Doel 'Meer banen' van project 'Bouwteam' valt niet onder de doelen van pijler "
        "'Lokale pijler'."
    ]
    assert found[0].severity == "tip"


def test_sub_programme_without_owner_or_goals() -> None:
    def bare(d: Data) -> None:
        sub = d["organisation"]["sub_programmes"][1]
        sub.pop("owner")
        sub["goals"] = []

    assert findings(agreement(bare), "org-sub-programme-incomplete") == [
        "Bij pijler 'Thematische pijler' ontbreekt: eigenaar en doelen."
    ]


def test_project_specification_applies_to_projects_not_sub_programmes() -> None:
    # The sub-programmes have no research questions, deliverables or client of their own;
    # only the four projects are asked for them.
    messages = findings(agreement(), "org-project-incomplete")
    assert len(messages) == 4
    assert all("Lokale pijler" not in m and "Thematische pijler" not in m for m in messages)
    assert any("'Bouwteam'" in m for m in messages)
