"""Dutch input as people type it: ja/nee, Dutch amounts, tabs, missing choices."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest

from stramien.cli import main
from stramien.io import DocumentError, LoadProblem, dump_yaml, loads_agreement
from stramien.model.base import dutch_amount, dutch_bool

BASE = dedent(
    """\
    programme:
      name: Wijkvernieuwing Oost
    organisation:
      checklist:
        in_current_affairs: {flag}
    finance:
      cost_items:
        - id: k1
          description: Inrichting
          year: 2026
          amount: "{amount}"
    """
)


def problems_of(text: str) -> list[LoadProblem]:
    with pytest.raises(DocumentError) as caught:
        loads_agreement(text, "programma.yaml")
    return caught.value.problems


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ja", True), ("Nee", False), ("WAAR", True), ("onwaar", False), ("true", True)],
)
def test_yes_no_in_dutch(typed: str, expected: bool) -> None:
    agreement = loads_agreement(BASE.format(flag=typed, amount="10"))
    assert agreement.organisation.checklist.in_current_affairs is expected


def test_other_word_for_yes_no_is_refused_in_dutch() -> None:
    problems = problems_of(BASE.format(flag="misschien", amount="10"))
    assert any("ja of nee" in p.message for p in problems)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1.150.000.000", Decimal("1150000000")),
        ("€ 2.500,50", Decimal("2500.50")),
        ("€2.500", Decimal("2500")),
        ("15 mln", Decimal("15000000")),
        ("2,5 miljoen", Decimal("2500000")),
        ("1.5", Decimal("1.5")),
        ("1.500", Decimal("1.5")),
        ("2500", Decimal("2500")),
    ],
)
def test_dutch_amounts(typed: str, expected: Decimal) -> None:
    agreement = loads_agreement(BASE.format(flag="ja", amount=typed))
    assert agreement.finance.cost_items[0].amount == expected


@pytest.mark.parametrize("typed", ["€ 2,5,0", "12 appels", "€ 1.50,00", "2,5 mln,"])
def test_nonsense_amount_gets_dutch_message(typed: str) -> None:
    problems = problems_of(BASE.format(flag="ja", amount=typed))
    assert len(problems) == 1
    assert "is geen bedrag" in problems[0].message or "getal" in problems[0].message
    assert "Value error" not in problems[0].message


def test_round_trip_writes_canonical_values() -> None:
    agreement = loads_agreement(BASE.format(flag="ja", amount="€ 2.500,50"))
    written = dump_yaml(agreement)
    assert "in_current_affairs: true" in written
    assert "amount: 2500.5" in written
    again = loads_agreement(written)
    assert again.finance.cost_items[0].amount == Decimal("2500.50")
    assert again.organisation.checklist.in_current_affairs is True


def test_tab_in_indentation_has_plain_message() -> None:
    problems = problems_of("programme:\n\tname: Oost\n")
    assert len(problems) == 1
    assert problems[0].message.startswith("Gebruik spaties in plaats van een tab")
    assert problems[0].line == 2


def test_missing_choice_names_the_allowed_values() -> None:
    text = dedent(
        """\
        programme:
          name: Wijkvernieuwing Oost
        finance:
          contributions:
            - id: b1
              partner: p1
              year: 2026
              amount: 10
        """
    )
    messages = [p.message for p in problems_of(text)]
    assert any("ontbreekt; kies uit:" in m and "geld" in m.lower() for m in messages), messages


def test_helpers_leave_other_values_alone() -> None:
    assert dutch_bool("jazeker") == "jazeker"
    assert dutch_amount(12) == 12
    assert dutch_amount("abc") == "abc"


def test_cli_counts_problems_in_correct_dutch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    one = tmp_path / "een.yaml"
    one.write_text("programme:\n  name: x\n  naam: y\n", encoding="utf-8")
    three = tmp_path / "drie.yaml"
    three.write_text("programme:\n  name: x\n  a: 1\n  b: 2\n  c: 3\n", encoding="utf-8")
    assert main(["check", str(one)]) == 2
    assert "(1 probleem):" in capsys.readouterr().err
    assert main(["check", str(three)]) == 2
    assert "(3 problemen):" in capsys.readouterr().err


def test_count_of_the_rest_is_correct_dutch() -> None:
    from stramien.io.errors import MAX_PROBLEMS, sort_problems

    many = [LoadProblem("a.yaml", n, 1, "", "x") for n in range(1, MAX_PROBLEMS + 2)]
    assert sort_problems(many)[-1].message == "En nog 1 ander probleem; los eerst deze op."
    many.append(LoadProblem("a.yaml", 999, 1, "", "x"))
    assert sort_problems(many)[-1].message == "En nog 2 andere problemen; los eerst deze op."
