"""Advice on programme organisation (annex to §4) and approach (annex to §2)."""

from __future__ import annotations

from typing import Any

from stramien.model import Agreement, Approach
from stramien.rules import advise_approach, advise_structure, evaluate


def party(pid: str, level: int, category: str = "government") -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid.capitalize(),
        "category": category,
        "sector": "public",
        "participation_level": level,
    }


def agreement(levels: list[int], **extra: Any) -> Agreement:
    data: dict[str, Any] = {
        "programme": {"name": "Test"},
        "partnership": {"stakeholders": [party(f"p{i}", lvl) for i, lvl in enumerate(levels)]},
    }
    data.update(extra)
    return Agreement.model_validate(data)


def test_low_participation_advises_the_design_approach() -> None:
    advice = advise_approach(agreement([1, 1, 2, 2, 3]))
    assert advice.approach is Approach.DESIGN
    assert advice.per_level == {1: 2, 2: 2, 3: 1, 4: 0, 5: 0}
    assert any("aanbodgericht" in line for line in advice.reasoning)


def test_high_participation_advises_the_development_approach() -> None:
    advice = advise_approach(agreement([4, 5, 4, 3]))
    assert advice.approach is Approach.DEVELOPMENT
    assert any("vraaggericht" in line for line in advice.reasoning)


def test_mixed_participation_advises_both() -> None:
    assert advise_approach(agreement([1, 5, 1, 5])).approach is Approach.MIXED


def test_no_parties_gives_no_approach_yet() -> None:
    advice = advise_approach(agreement([]))
    assert advice.approach is None
    assert advice.reasoning


def test_structure_advice_compares_answers_with_bodies_present() -> None:
    organisation = {
        "checklist": {"in_current_affairs": True, "regular_sounding": False},
        "bodies": [
            {"id": "sg", "kind": "steering_committee", "name": "Stuurgroep"},
            {"id": "kbg", "kind": "sounding_board", "name": "Klankbordgroep"},
        ],
    }
    advice = {
        item.key: item for item in advise_structure(agreement([4], organisation=organisation))
    }
    assert advice["always:steering_committee"].status == "ok"
    assert advice["always:direction_group"].status == "missing"
    assert advice["in_current_affairs"].status == "missing"
    assert advice["regular_sounding"].status == "unneeded"
    assert advice["communication_critical"].status == "unanswered"


def test_process_director_counts_as_direction() -> None:
    organisation = {"process_director": {"name": "A. Regisseur"}}
    advice = {item.key: item for item in advise_structure(agreement([], organisation=organisation))}
    assert advice["always:direction_group"].status == "ok"


def test_readiness_rises_as_a_section_is_filled() -> None:
    empty = evaluate(agreement([]))
    filled = evaluate(
        agreement(
            [],
            ambition={
                "statement": "Wij maken de wijk veilig, groen en sociaal, zodat iedereen er "
                "graag woont en elkaar kent.",
                "story": "Een wijk waar kinderen buiten spelen.",
                "beneficiaries": [{"id": "bewoners", "name": "Bewoners", "benefit": "Veiligheid"}],
                "larger_whole": "Het landelijke programma Leefbaarheid en Veiligheid.",
            },
        )
    )
    assert empty.readiness["ambition"] < filled.readiness["ambition"]
    assert all(0 <= score <= 100 for score in filled.readiness.values())


def test_approach_reasoning_writes_levels_with_a_decimal_comma() -> None:
    # Average 2.25 is rounded half up to one decimal; a whole median has none.
    advice = advise_approach(agreement([1, 2, 2, 4]))
    assert (
        "Gewogen gemiddeld niveau 2,3, mediaan 2. Tot en met 2,5 geldt als laag, vanaf 3,5 "
        "als hoog." in advice.reasoning
    )
