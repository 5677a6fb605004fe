"""Goal statuses along the goal tree, computed when read; orphaned measurements kept apart."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from monitor_builders import approved, moment

from stramien.model import Agreement
from stramien.monitor import Measurement, Status, combine_statuses, rollup

AFTER_Q2 = moment("2027-08-05")  # the Q2 reports were due on 30 July


def kpi(kpi_id: str, goal: str, **fields: Any) -> dict[str, Any]:
    """An indicator with a band of 40 and a path at 100 at the end of Q2."""
    return {
        "id": kpi_id,
        "name": kpi_id,
        "goal": goal,
        "baseline": 0,
        "target": 400,
        "period_targets": [{"period": "2027-Q2", "target": 100}],
        **fields,
    }


def agreement(indicators: list[dict[str, Any]], goals: list[dict[str, Any]]) -> Agreement:
    return Agreement.model_validate(
        {
            "programme": {"name": "Test", "start": "2027-01-01", "end": "2028-12-31"},
            "goals": goals,
            "indicators": indicators,
        }
    )


def q2(kpi_id: str, value: str) -> Measurement:
    return approved(f"m-{kpi_id}", "2027-Q2", value, indicator_id=kpi_id, on="2027-07-20")


TREE = [
    {"id": "g-top", "title": "Hoofddoel", "contributes_to_ambition": True},
    {"id": "g-a", "title": "A", "contributes_to": ["g-top"]},
    {"id": "g-b", "title": "B", "contributes_to": ["g-top"]},
    {"id": "g-shared", "title": "Gedeeld", "contributes_to": ["g-a", "g-b"]},
]


def test_a_goal_with_two_parents_counts_for_both() -> None:
    doc = agreement([kpi("i-a", "g-a"), kpi("i-b", "g-b"), kpi("i-s", "g-shared")], TREE)
    result = rollup(doc, [q2("i-a", "100"), q2("i-b", "100"), q2("i-s", "10")], AFTER_Q2)
    assert {goal: found.status for goal, found in result.goals.items()} == {
        "g-top": Status.OFF_TRACK,
        "g-a": Status.OFF_TRACK,  # on track itself, but the shared sub-goal is off track
        "g-b": Status.OFF_TRACK,
        "g-shared": Status.OFF_TRACK,
    }
    assert result.goals["g-a"].subgoals == result.goals["g-b"].subgoals == ("g-shared",)
    assert result.goals["g-a"].counts == {Status.ON_TRACK: 1, Status.OFF_TRACK: 1}


def test_an_indicator_that_is_not_rolled_up_does_not_count() -> None:
    indicators = [kpi("i-a", "g-a"), kpi("i-x", "g-a", rollup="none")]
    doc = agreement(indicators, TREE[:2])
    result = rollup(doc, [q2("i-a", "100"), q2("i-x", "10")], AFTER_Q2)
    assert result.indicators["i-x"] is not None
    assert result.indicators["i-x"].status is Status.OFF_TRACK
    assert result.goals["g-a"].status is Status.ON_TRACK
    assert result.goals["g-a"].indicators == ("i-a",)


def test_a_weighted_goal_takes_the_weighted_mean_of_the_scores() -> None:
    def goal_status(weight: int) -> tuple[Status, Decimal | None]:
        indicators = [
            kpi("i-good", "g-a", rollup="weighted", weight=weight),
            kpi("i-bad", "g-a", rollup="weighted"),
        ]
        doc = agreement(indicators, TREE[:2])
        found = rollup(doc, [q2("i-good", "100"), q2("i-bad", "10")], AFTER_Q2).goals["g-a"]
        return found.status, found.score

    assert goal_status(3) == (Status.AT_RISK, Decimal("1.5"))  # (3 x 2 + 1 x 0) / 4
    assert goal_status(4) == (Status.ON_TRACK, Decimal("1.6"))  # (4 x 2 + 1 x 0) / 5


def test_combining_statuses_ignores_missing_ones_but_counts_them() -> None:
    one = Decimal(1)
    assert combine_statuses([(Status.AT_RISK, one), (Status.NO_DATA, one)], False) == (
        Status.AT_RISK,
        None,
    )
    assert combine_statuses([(Status.NO_TARGET, one)], False) == (Status.NO_TARGET, None)
    assert combine_statuses([(Status.NO_TARGET, one), (Status.NO_DATA, one)], True) == (
        Status.NO_DATA,
        None,
    )
    assert combine_statuses([], False) == (Status.NO_DATA, None)


def test_orphaned_and_unplaced_measurements_are_reported_not_lost() -> None:
    doc = agreement([kpi("i-a", "g-a")], TREE[:2])
    gone = q2("i-removed", "70")
    monthly = approved("m-month", "2027-M05", "40", indicator_id="i-a")
    result = rollup(doc, [q2("i-a", "100"), gone, monthly], AFTER_Q2)
    assert result.orphans == (gone,)
    assert result.unplaced == (monthly,)
    assert result.goals["g-a"].status is Status.ON_TRACK


def test_a_report_not_yet_due_leaves_the_previous_period_in_view() -> None:
    doc = agreement([kpi("i-a", "g-a")], TREE[:2])
    q1 = approved("m-q1", "2027-Q1", "90", indicator_id="i-a", on="2027-04-10")
    before_deadline = rollup(doc, [q1], moment("2027-07-10")).indicators["i-a"]
    after_deadline = rollup(doc, [q1], AFTER_Q2).indicators["i-a"]
    assert before_deadline is not None and before_deadline.period.key == "2027-Q1"
    assert after_deadline is not None and after_deadline.period.key == "2027-Q2"
    assert after_deadline.status is Status.NO_DATA


def test_seen_from_the_end_of_q2_a_later_correction_does_not_change_the_goal() -> None:
    doc = agreement([kpi("i-a", "g-a")], TREE[:2])
    first = approved("m1", "2027-Q2", "10", indicator_id="i-a", on="2027-06-30")
    fixed = approved("m2", "2027-Q2", "100", indicator_id="i-a", on="2027-07-02", supersedes="m1")
    then = rollup(doc, [first, fixed], moment("2027-06-30", "23:59"))
    now = rollup(doc, [first, fixed], AFTER_Q2)
    assert (then.goals["g-a"].status, now.goals["g-a"].status) == (
        Status.OFF_TRACK,
        Status.ON_TRACK,
    )


def test_a_cycle_in_the_goal_tree_does_not_stop_the_roll_up() -> None:
    goals = [
        {"id": "g-a", "title": "A", "contributes_to": ["g-b"], "contributes_to_ambition": True},
        {"id": "g-b", "title": "B", "contributes_to": ["g-a"]},
    ]
    doc = agreement([kpi("i-b", "g-b")], goals)
    result = rollup(doc, [q2("i-b", "10")], AFTER_Q2)
    assert result.goals["g-a"].status is Status.OFF_TRACK
    assert result.goals["g-b"].subgoals == ()
