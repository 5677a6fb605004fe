"""Governance in more than one tier, and 'no more complex than needed' (issue 15, points 1, 11)."""

from __future__ import annotations

from typing import Any

from stramien.model import Agreement
from stramien.rules import advice_as_dict, advise_complexity, advise_structure, check, project_teams


def people(prefix: str, count: int, **extra: Any) -> list[dict[str, Any]]:
    return [{"name": f"{prefix} {n}", **extra} for n in range(1, count + 1)]


def document(*bodies: dict[str, Any], **organisation: Any) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Regio Deal"},
            "partnership": {
                "partners": [
                    {
                        "id": pid,
                        "name": pid.capitalize(),
                        "category": "government",
                        "sector": "public",
                        "participation_level": 4,
                    }
                    for pid in ("provincie", "gemeente")
                ]
            },
            "organisation": {"bodies": list(bodies), **organisation},
        }
    )


def body(bid: str, kind: str, members: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"id": bid, "kind": kind, "name": bid.capitalize(), "members": members, **extra}


def findings(agreement: Agreement, rule: str) -> list[str]:
    return [f.message for f in check(agreement) if f.rule == rule]


TWO_TIERS = (
    body(
        "ab",
        "general_board",
        [
            {"name": "Voorzitter", "role": "chair", "independent": True},
            {"name": "Gedeputeerde", "organisation": "provincie"},
            {"name": "Wethouder", "organisation": "gemeente"},
        ],
        mandate="Stelt de begroting vast.",
    ),
    body(
        "db",
        "daily_board",
        [
            {"name": "Voorzitter", "role": "chair", "independent": True},
            {"name": "Gedeputeerde", "organisation": "provincie"},
            {"name": "Wethouder", "organisation": "gemeente"},
        ],
        reports_to="ab",
    ),
    body(
        "bureau",
        "programme_office",
        [{"name": "Directeur", "role": "director", "organisation": "provincie"}],
        reports_to="db",
    ),
)


def test_a_general_board_stands_in_for_the_stuurgroep() -> None:
    agreement = document(*TWO_TIERS)
    assert findings(agreement, "governance-steering-missing") == []
    assert findings(agreement, "governance-cocreator-not-in-steering") == []
    assert findings(agreement, "org-team-without-line") == []
    # The programme office led by a director guards the process like a regiegroep.
    assert findings(agreement, "governance-direction-missing") == []
    status = {item.key: item.status for item in advise_structure(agreement)}
    assert status["always:steering_committee"] == "ok"
    assert status["always:direction_group"] == "ok"


def test_without_any_board_the_stuurgroep_is_still_asked_for() -> None:
    agreement = document(body("team", "project_team", people("Lid", 3), tasks="Werkt."))
    assert findings(agreement, "governance-steering-missing") == [
        "Er is geen stuurgroep en geen algemeen bestuur."
    ]


def test_a_partner_only_in_the_daily_board_counts_as_represented() -> None:
    daily = body("db", "daily_board", [{"name": "W", "organisation": "gemeente"}])
    general = body("ab", "general_board", [{"name": "G", "organisation": "provincie"}])
    assert (
        findings(
            document(general, {**daily, "reports_to": "ab"}), "governance-cocreator-not-in-steering"
        )
        == []
    )
    missing = findings(document(general), "governance-cocreator-not-in-steering")
    assert len(missing) == 1 and "Gemeente" in missing[0]


def test_a_board_without_a_chair_gets_a_tip() -> None:
    board = body("db", "daily_board", [{"name": "W", "organisation": "gemeente"}])
    assert findings(document(board), "governance-steering-chair-missing") == [
        "Dagelijks bestuur 'Db' heeft geen voorzitter."
    ]


def test_an_independent_member_names_no_organisation() -> None:
    board = body(
        "ab",
        "general_board",
        [{"name": "Mr. X", "role": "chair", "independent": "ja", "organisation": "provincie"}],
    )
    assert findings(document(board), "org-independent-with-organisation") == [
        "Mr. X is onafhankelijk, maar zit er namens Provincie."
    ]
    assert findings(document(*TWO_TIERS), "org-independent-with-organisation") == []


def test_a_chair_without_organisation_is_asked_whether_independent() -> None:
    board = body("ab", "general_board", [{"name": "Mr. X", "role": "chair"}])
    (message,) = findings(document(board), "org-chair-independent")
    assert "Mr. X" in message and "niet als onafhankelijk aangemerkt" in message
    assert findings(document(*TWO_TIERS), "org-chair-independent") == []


def test_a_reporting_cycle_between_boards_is_an_error() -> None:
    general = body("ab", "general_board", people("A", 2), reports_to="db")
    daily = body("db", "daily_board", people("D", 2), reports_to="ab")
    messages = findings(document(general, daily), "org-reporting-line")
    assert len(messages) == 2 and all("kring" in m for m in messages)


def test_a_board_of_seventeen_is_questioned_with_the_numbers() -> None:
    general = body("ab", "general_board", people("Bestuurder", 17), tasks="Besluit.")
    (message,) = findings(document(general), "org-body-large")
    assert "heeft 17 leden" in message and "vanaf 13" in message
    assert "niet zwaarder te maken dan strikt nodig" in message
    # Twelve is fine.
    small = body("ab", "general_board", people("Bestuurder", 12))
    assert findings(document(small), "org-body-large") == []


def test_a_large_board_with_a_daily_board_is_told_to_use_the_mandate() -> None:
    general = body("ab", "general_board", people("Bestuurder", 17))
    daily = body("db", "daily_board", people("Bestuurder", 5), reports_to="ab")
    (item,) = advise_complexity(document(general, daily))
    assert item.kind == "large" and item.members == (17,)
    assert "dagelijks bestuur 'Db' van 5 leden" in item.reasoning
    assert "mandaat" in item.reasoning


def test_overlapping_bodies_are_questioned() -> None:
    steering = body("sg", "steering_committee", people("Lid", 6))
    core = body("kern", "other", people("Lid", 4) + people("Ander", 2), reports_to="sg")
    (message,) = findings(document(steering, core), "org-bodies-overlap")
    assert "4 personen gemeen: 4 van de 6" in message


def test_overlap_below_two_thirds_or_a_daily_board_from_its_general_board_is_fine() -> None:
    steering = body("sg", "steering_committee", people("Lid", 6))
    core = body("kern", "other", people("Lid", 3) + people("Ander", 3), reports_to="sg")
    assert findings(document(steering, core), "org-bodies-overlap") == []
    # 3 of 5 is less than two thirds.
    five = body("vijf", "other", people("Lid", 3) + people("Ander", 2), reports_to="sg")
    assert findings(document(steering, five), "org-bodies-overlap") == []
    # A daily board is meant to be drawn from the general board it reports to.
    general = body("ab", "general_board", people("Lid", 9))
    daily = body("db", "daily_board", people("Lid", 4), reports_to="ab")
    assert findings(document(general, daily), "org-bodies-overlap") == []


def test_project_people_are_counted_per_team() -> None:
    main = body("pt", "project_team", people("Kern", 5))
    subs = [
        body(f"dpt{n}", "subproject_team", people(f"Team{n}", size), reports_to="pt")
        for n, size in ((1, 6), (2, 9))
    ]
    agreement = document(main, *subs)
    sizes = {(t.id, t.people, t.too_large) for t in project_teams(agreement)}
    assert sizes == {("pt", 5, False), ("dpt1", 6, False), ("dpt2", 9, True)}
    # Twenty people in total, but the project team itself is within the limit.
    assert findings(agreement, "org-project-team-too-large") == []
    data = advice_as_dict(agreement)["project_teams"]
    assert [(t["id"], t["people"], t["too_large"]) for t in data] == [
        ("pt", 5, False),
        ("dpt1", 6, False),
        ("dpt2", 9, True),
    ]


def test_a_project_team_of_eight_is_still_an_error() -> None:
    team = body("pt", "project_team", people("Lid", 8))
    assert findings(document(team), "org-project-team-too-large") == [
        "Projectteam 'Pt' heeft 8 deelnemers; het maximum per team is 7."
    ]


def test_new_fields_stay_out_of_a_dump_until_used() -> None:
    plain = document(body("sg", "steering_committee", [{"name": "Lid"}]))
    dumped = plain.model_dump(mode="json")["organisation"]["bodies"][0]
    assert "mandate" not in dumped and "independent" not in dumped["members"][0]
    used = document(*TWO_TIERS).model_dump(mode="json")["organisation"]["bodies"][0]
    assert used["mandate"] == "Stelt de begroting vast."
    assert used["members"][0]["independent"] is True
