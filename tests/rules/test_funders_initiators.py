"""Funders who do not sign, several initiators and founding moments, and board members from the
midst of a sector (issue 15, points 2, 3 and 6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from stramien.io.yamlio import dump_yaml
from stramien.model import Agreement, initiators_of, reference_problems
from stramien.rules import advise_approach, check
from stramien.rules.context import Context


def _party(pid: str, sector: str = "public", category: str = "government", **extra: Any) -> Any:
    return {
        "id": pid,
        "name": pid.removeprefix("p-").capitalize(),
        "category": category,
        "sector": sector,
        "participation_level": 4,
        **extra,
    }


def _data(**partnership: Any) -> dict[str, Any]:
    return {
        "programme": {"name": "Proef"},
        "partnership": {
            "partners": [_party("p-gemeente"), _party("p-school", category="education_research")],
            **partnership,
        },
    }


def _messages(data: dict[str, Any], rule_id: str) -> list[str]:
    return [f.message for f in check(Agreement.model_validate(data)) if f.rule == rule_id]


def _reference_problems(data: dict[str, Any]) -> list[tuple[Any, str]]:
    with pytest.raises(ValidationError) as caught:
        Agreement.model_validate(data)
    return list(caught.value.errors()[0]["ctx"]["problems"])


def _fund() -> dict[str, Any]:
    return {"id": "fin-fonds", "name": "Nationaal Wijkfonds", "category": "civil_society"}


def _financed(*contributions: dict[str, Any], **partnership: Any) -> dict[str, Any]:
    data = _data(funders=[_fund()], **partnership)
    data["finance"] = {
        "cost_items": [
            {"id": "k-1", "description": "Wijkhart", "year": 2027, "amount": 100_000},
            {"id": "k-2", "description": "Wijkhart", "year": 2028, "amount": 100_000},
        ],
        "contributions": [
            {"id": f"b-{i}", "kind": "cash", **c} for i, c in enumerate(contributions)
        ],
    }
    return data


# Point 3: funders who do not sign.


def test_a_funders_money_counts_in_the_total_and_per_year() -> None:
    data = _financed(
        {"partner": "p-gemeente", "year": 2027, "amount": 100_000},
        {"partner": "fin-fonds", "year": 2028, "amount": 100_000, "cost_item": "k-2"},
    )
    assert _messages(data, "consortium-costs-not-covered") == []
    assert _messages(data, "finance-year-not-covered") == []
    context = Context(Agreement.model_validate(data))
    assert context.total_financing == Decimal(200_000)
    assert context.name_of("fin-fonds") == "Nationaal Wijkfonds"


def test_without_the_funder_the_same_budget_falls_short() -> None:
    data = _financed({"partner": "p-gemeente", "year": 2027, "amount": 100_000})
    assert _messages(data, "finance-year-not-covered") == [
        "Tot en met 2028 staan € 200.000 kosten tegenover € 100.000 financiering: een tekort "
        "van € 100.000."
    ]


def test_a_contribution_may_name_a_funder_but_not_a_stakeholder() -> None:
    data = _financed({"partner": "fin-fonds", "year": 2027, "amount": 5})
    assert reference_problems(Agreement.model_validate(data)) == []
    data["partnership"]["stakeholders"] = [_party("sh-buren", category="citizens", sector="civil")]
    data["finance"]["contributions"][0]["partner"] = "sh-buren"
    assert _reference_problems(data) == [
        (
            ("finance", "contributions", 0, "partner"),
            "'sh-buren' is een belanghebbende, maar hier hoort een partner of financier.",
        )
    ]


def test_a_funder_is_not_asked_to_sign_nor_for_a_participation_level() -> None:
    data = _financed({"partner": "fin-fonds", "year": 2027, "amount": 5})
    findings = check(Agreement.model_validate(data))
    about_funder = [f for f in findings if "funders" in f.path or "Wijkfonds" in f.message]
    assert about_funder == []
    # The funder has no participation level to give: the model does not even take one.
    data["partnership"]["funders"][0]["participation_level"] = 2
    with pytest.raises(ValidationError):
        Agreement.model_validate(data)


def test_a_funder_does_not_move_the_approach() -> None:
    data = _data()
    before = advise_approach(Agreement.model_validate(data))
    data["partnership"]["funders"] = [_fund()]
    after = advise_approach(Agreement.model_validate(data))
    assert (after.label, after.reasoning) == (before.label, before.reasoning)


def test_a_funder_without_money_is_reported() -> None:
    data = _financed({"partner": "p-gemeente", "year": 2027, "amount": 200_000})
    assert _messages(data, "finance-funder-without-contribution") == [
        "Financier Nationaal Wijkfonds staat bij het samenwerkingsverband, maar heeft geen "
        "bijdrage in de financiering."
    ]
    data["finance"]["contributions"].append(
        {"id": "b-fonds", "partner": "fin-fonds", "kind": "cash", "year": 2028, "amount": 1}
    )
    assert _messages(data, "finance-funder-without-contribution") == []


# Point 6: several initiators, several founding moments.


def test_initiator_and_initiators_combine_without_duplicates() -> None:
    data = _data(initiator="p-gemeente", initiators=["p-school", "p-gemeente"])
    assert initiators_of(Agreement.model_validate(data).partnership) == ["p-gemeente", "p-school"]


def test_initiators_alone_are_enough() -> None:
    assert _messages(_data(), "partnership-initiator-missing") == [
        "Er is geen initiatiefnemer aangewezen."
    ]
    assert _messages(_data(initiators=["p-school"]), "partnership-initiator-missing") == []


def test_an_initiator_must_be_a_party() -> None:
    data = _data(initiators=["p-gemeente", "fin-fonds"], funders=[_fund()])
    assert _reference_problems(data) == [
        (
            ("partnership", "initiators", 1),
            "'fin-fonds' is een financier, maar hier hoort een partner of belanghebbende.",
        )
    ]


def test_a_founding_moment_without_date_gets_a_tip() -> None:
    moments = [
        {"id": "om-start", "title": "Startdocument", "date": "2025-03-14"},
        {"id": "om-sok", "title": "Samenwerkingsovereenkomst"},
    ]
    data = _data(initiator="p-gemeente", founding_moments=moments)
    assert _messages(data, "partnership-founding-moment-undated") == [
        "Bij het oprichtingsmoment 'Samenwerkingsovereenkomst' staat geen datum."
    ]


def test_unused_new_fields_leave_an_old_document_as_it_was() -> None:
    data = _data(initiator="p-gemeente")
    data["organisation"] = {
        "bodies": [
            {
                "id": "o-sg",
                "kind": "steering_committee",
                "name": "Stuurgroep",
                "members": [{"name": "N.N.", "organisation": "p-gemeente"}],
            }
        ]
    }
    text = dump_yaml(Agreement.model_validate(data))
    assert "initiators" not in text and "founding_moments" not in text and "funders" not in text
    assert "sector" not in text.split("members:")[1]


# Point 2: board members from the midst of a sector.


def _with_board(*members: dict[str, Any], stakeholders: Any = ()) -> dict[str, Any]:
    data = _data(
        initiator="p-gemeente",
        sector_roles=[{"sector": "civil", "role": "Bewoners en zorg brengen de wijk in."}],
        stakeholders=list(stakeholders),
    )
    data["organisation"] = {
        "bodies": [
            {
                "id": "o-sg",
                "kind": "steering_committee",
                "name": "Stuurgroep",
                "members": [{"name": "N.N. 1", "organisation": "p-gemeente"}, *members],
            }
        ]
    }
    return data


UNFILLED = "partnership-sector-role-unfilled"


def test_no_civil_partner_and_no_civil_member_leaves_the_role_unfilled() -> None:
    assert _messages(_with_board(), UNFILLED) == [
        "De strategie rekent op de sector 'civiel', maar geen enkele partner komt uit die "
        "sector en ook geen lid van een orgaan heeft namens die sector zitting."
    ]


def test_a_member_on_behalf_of_a_sector_fills_its_role() -> None:
    member = {"name": "N.N. 2", "function": "Uit het midden van de zorg", "sector": "civil"}
    assert _messages(_with_board(member), UNFILLED) == []


def test_a_member_for_a_stakeholder_brings_its_sector() -> None:
    council = _party("sh-bewonersraad", sector="civil", category="citizens")
    member = {"name": "N.N. 2", "organisation": "sh-bewonersraad"}
    assert _messages(_with_board(member, stakeholders=[council]), UNFILLED) == []
    # The stakeholder on its own, without a seat, does not fill the role.
    assert _messages(_with_board(stakeholders=[council]), UNFILLED) != []


def test_a_sounding_board_seat_does_not_fill_a_sector_role() -> None:
    data = _with_board()
    data["organisation"]["bodies"].append(
        {
            "id": "o-kbg",
            "kind": "sounding_board",
            "name": "Klankbordgroep",
            "members": [{"name": "N.N. 3", "sector": "civil"}],
        }
    )
    assert len(_messages(data, UNFILLED)) == 1


def test_a_members_sector_is_written_once_set() -> None:
    data = _with_board({"name": "N.N. 2", "sector": "civil"})
    text = dump_yaml(Agreement.model_validate(data))
    assert "sector: civil" in text.split("members:")[1]
