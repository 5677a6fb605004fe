"""Plan dates as people know them: 'Q3 2026', 'medio 2019', 'voorjaar 2027'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from textwrap import dedent

import pytest

from stramien.io import DocumentError, dump_yaml, loads_agreement
from stramien.model import Agreement
from stramien.model.dates import plan_date, sort_key, window
from stramien.model.enums import DatePrecision
from stramien.model.organisation import Deliverable
from stramien.model.planning import Milestone, Phase

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

D = dt.date
P = DatePrecision


@pytest.mark.parametrize(
    ("typed", "first", "precision"),
    [
        ("Q3 2026", D(2026, 7, 1), P.QUARTER),
        ("q3-2026", D(2026, 7, 1), P.QUARTER),
        ("2026-Q3", D(2026, 7, 1), P.QUARTER),
        ("3e kwartaal 2026", D(2026, 7, 1), P.QUARTER),
        ("derde kwartaal 2026", D(2026, 7, 1), P.QUARTER),
        ("kw4 2026", D(2026, 10, 1), P.QUARTER),
        ("medio 2019", D(2019, 6, 1), P.MID_YEAR),
        ("mid-2019", D(2019, 6, 1), P.MID_YEAR),
        ("voorjaar 2027", D(2027, 3, 1), P.SEASON),
        ("lente 2027", D(2027, 3, 1), P.SEASON),
        ("Zomer 2027", D(2027, 6, 1), P.SEASON),
        ("najaar 2027", D(2027, 9, 1), P.SEASON),
        ("herfst 2027", D(2027, 9, 1), P.SEASON),
        ("winter 2027", D(2026, 12, 1), P.SEASON),
        ("winter 2026/2027", D(2026, 12, 1), P.SEASON),
        ("H1 2026", D(2026, 1, 1), P.HALF_YEAR),
        ("2026-H2", D(2026, 7, 1), P.HALF_YEAR),
        ("1e helft 2026", D(2026, 1, 1), P.HALF_YEAR),
        ("tweede helft 2026", D(2026, 7, 1), P.HALF_YEAR),
        ("maart 2026", D(2026, 3, 1), P.MONTH),
        ("mrt. 2026", D(2026, 3, 1), P.MONTH),
        ("2026-03", D(2026, 3, 1), P.MONTH),
        ("begin 2027", D(2027, 1, 1), P.EARLY_YEAR),
        ("eind 2026", D(2026, 10, 1), P.LATE_YEAR),
        ("2026", D(2026, 1, 1), P.YEAR),
        ("15 maart 2026", D(2026, 3, 15), P.DAY),
        ("2026-03-15", D(2026, 3, 15), P.DAY),
    ],
)
def test_a_milestone_date_may_be_written_as_a_period(
    typed: str, first: dt.date, precision: DatePrecision
) -> None:
    milestone = Milestone.model_validate({"id": "m1", "title": "Start", "date": typed})
    assert milestone.date == first
    assert milestone.precision is precision


def test_a_bare_year_in_yaml_is_a_year() -> None:
    milestone = Milestone.model_validate({"id": "m1", "title": "Start", "date": 2028})
    assert (milestone.date, milestone.precision) == (D(2028, 1, 1), P.YEAR)


def test_a_precision_given_explicitly_wins() -> None:
    milestone = Milestone.model_validate(
        {"id": "m1", "title": "Start", "date": "Q3 2026", "precision": "month"}
    )
    assert milestone.precision is P.MONTH
    assert plan_date(milestone.date, milestone.precision) == "juli 2026"


def test_a_period_text_beside_the_default_day_precision_sets_the_period() -> None:
    # A form sends "day" when nobody touched the choice; the text typed in the date decides.
    milestone = Milestone.model_validate(
        {"id": "m1", "title": "Start", "date": "voorjaar 2027", "precision": "day"}
    )
    assert (milestone.date, milestone.precision) == (D(2027, 3, 1), P.SEASON)


def test_a_phase_end_keeps_the_last_day_of_its_period() -> None:
    phase = Phase.model_validate(
        {"id": "f1", "name": "Bouw", "start": "voorjaar 2026", "end": "eind 2027"}
    )
    assert (phase.start, phase.start_precision) == (D(2026, 3, 1), P.SEASON)
    assert (phase.end, phase.end_precision) == (D(2027, 12, 31), P.LATE_YEAR)
    assert phase.window == (D(2026, 3, 1), D(2027, 12, 31))


def test_a_deliverable_may_be_due_in_a_quarter() -> None:
    deliverable = Deliverable.model_validate({"id": "d1", "title": "Ontwerp", "due": "Q2 2027"})
    assert deliverable.window == (D(2027, 4, 1), D(2027, 6, 30))


DOCUMENT = dedent(
    """\
    programme:
      name: Wijkvernieuwing Oost
    planning:
      milestones:
        - id: m1
          title: Eerste paal
          date: "{date}"
    """
)


@pytest.mark.parametrize("typed", ["Q5 2026", "ergens in 2026", "2026-13", "31 februari 2026"])
def test_an_unknown_period_is_refused_in_dutch_with_the_accepted_forms(typed: str) -> None:
    with pytest.raises(DocumentError) as caught:
        loads_agreement(DOCUMENT.format(date=typed), "programma.yaml")
    [problem] = caught.value.problems
    assert problem.path == "planning.milestones[0].date"
    assert f"'{typed}' is geen datum of periode" in problem.message
    assert "Q3 2026" in problem.message and "medio 2019" in problem.message


def test_a_period_survives_saving_and_loading() -> None:
    agreement = loads_agreement(DOCUMENT.format(date="3e kwartaal 2026"))
    text = dump_yaml(agreement)
    assert "precision: quarter" in text
    again = loads_agreement(text)
    assert again.planning.milestones[0].window == (D(2026, 7, 1), D(2026, 9, 30))


def test_old_documents_dump_without_precision() -> None:
    text = (EXAMPLES / "small.yaml").read_text(encoding="utf-8")
    agreement = Agreement.model_validate(loads_agreement(text).model_dump())
    dumped = dump_yaml(agreement)
    assert "precision" not in dumped
    assert all(m.precision is P.DAY for m in agreement.planning.milestones)


@pytest.mark.parametrize(
    ("day", "precision", "long", "compact"),
    [
        (D(2026, 7, 1), P.QUARTER, "3e kwartaal 2026", "Q3 2026"),
        (D(2026, 8, 15), P.QUARTER, "3e kwartaal 2026", "Q3 2026"),
        (D(2019, 6, 1), P.MID_YEAR, "medio 2019", "medio 2019"),
        (D(2027, 3, 1), P.SEASON, "voorjaar 2027", "voorjaar 2027"),
        (D(2027, 1, 10), P.SEASON, "winter 2026/2027", "winter 2026/2027"),
        (D(2026, 3, 1), P.MONTH, "maart 2026", "mrt 2026"),
        (D(2026, 7, 1), P.HALF_YEAR, "2e helft 2026", "H2 2026"),
        (D(2026, 1, 1), P.YEAR, "2026", "2026"),
        (D(2026, 3, 15), P.DAY, "15 maart 2026", "15-03-2026"),
    ],
)
def test_plan_dates_read_as_people_say_them(
    day: dt.date, precision: DatePrecision, long: str, compact: str
) -> None:
    assert plan_date(day, precision) == long
    assert plan_date(day, precision, style="compact") == compact


def test_windows_and_sorting() -> None:
    assert window(D(2027, 1, 15), P.SEASON) == (D(2026, 12, 1), D(2027, 2, 28))
    assert window(D(2019, 6, 1), P.MID_YEAR) == (D(2019, 6, 1), D(2019, 7, 31))
    dates = [
        (D(2026, 1, 1), P.YEAR),
        (D(2026, 1, 1), P.QUARTER),
        (D(2026, 1, 1), P.DAY),
        (D(2025, 12, 1), P.SEASON),
    ]
    ordered = sorted(dates, key=lambda d: sort_key(*d))
    assert ordered == [
        (D(2025, 12, 1), P.SEASON),
        (D(2026, 1, 1), P.DAY),
        (D(2026, 1, 1), P.QUARTER),
        (D(2026, 1, 1), P.YEAR),
    ]
