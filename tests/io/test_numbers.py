"""Numbers too long or too large to read give a located Dutch problem, never a traceback."""

from __future__ import annotations

import time

import pytest
from dutch_messages import assert_dutch, assert_located

from stramien.io import DocumentError, LoadProblem, loads_agreement

JSON = (
    '{"programme": {"name": "Oost"},\n'
    ' "risks": {"items": [{"id": "r1", "title": "Kosten", "likelihood": %s, "impact": 1}]}}\n'
)
YAML = (
    "programme:\n  name: Oost\nrisks:\n  items:\n    - id: r1\n      title: Kosten\n"
    "      likelihood: %s\n      impact: 1\n"
)


def problems_of(text: str, filename: str) -> list[LoadProblem]:
    with pytest.raises(DocumentError) as caught:
        loads_agreement(text, filename)
    for problem in caught.value.problems:
        assert_dutch(problem)
        assert_located(problem)
    return caught.value.problems


def only_problem(text: str, filename: str) -> LoadProblem:
    [problem] = problems_of(text, filename)
    return problem


@pytest.mark.parametrize("number", ["1" * 100_000, "-" + "9" * 100_000, "1" * 4301])
def test_json_integer_beyond_pythons_limit(number: str) -> None:
    problem = only_problem(JSON % number, "programma.json")
    assert (problem.line, problem.column) == (2, 68)
    assert problem.path == "risks.items[0].likelihood"
    assert problem.message.startswith("Dit getal is te lang: het heeft ")
    assert "hoogstens 4.300 cijfers" in problem.message


def test_json_number_with_many_decimals() -> None:
    problem = only_problem(JSON % ("1." + "5" * 100_000), "programma.json")
    assert problem.path == "risks.items[0].likelihood"
    assert "het heeft 100.001 cijfers" in problem.message


@pytest.mark.parametrize("number", ["1e999999", "1E+999999", "-2.5e-999999", "1e" + "9" * 5000])
def test_json_huge_exponent(number: str) -> None:
    problem = only_problem(JSON % number, "programma.json")
    assert (problem.line, problem.column, problem.path) == (2, 68, "risks.items[0].likelihood")
    assert "te grote exponent" in problem.message


def test_many_huge_exponents_are_refused_quickly() -> None:
    # pydantic needs a quarter of a second to compare 1e999999 with 5: not 30 times.
    items = ", ".join(
        f'{{"id": "r{n}", "title": "K", "likelihood": 1e999999, "impact": 1e999999}}'
        for n in range(30)
    )
    text = '{"programme": {"name": "Oost"}, "risks": {"items": [' + items + "]}}"
    started = time.perf_counter()
    problems = problems_of(text, "programma.json")
    assert time.perf_counter() - started < 2
    assert problems[0].path == "risks.items[0].likelihood"


def test_json_number_within_the_limit_is_judged_by_the_schema() -> None:
    problem = only_problem(JSON % ("1" * 4300), "programma.json")
    assert problem.message.startswith("De waarde mag hoogstens 5 zijn, maar er staat het getal 111")


@pytest.mark.parametrize(
    "number",
    [
        "1" * 100_000,
        "0x" + "f" * 100_000,
        "0b" + "1" * 20_000,
        "0" + "7" * 20_000,
        "1" + ":59" * 5_000,
        "!!int " + "1" * 100_000,
        "!!float 1" + "0" * 100_000 + ".0",
    ],
)
def test_yaml_number_beyond_the_limit(loader: str, number: str) -> None:
    problem = only_problem(YAML % number, "programma.yaml")
    assert (problem.line, problem.path) == (7, "risks.items[0].likelihood")
    assert problem.message.startswith("Dit getal is te lang")


def test_yaml_number_that_grows_too_big(loader: str) -> None:
    # 4000 hexadecimal digits are fewer than 4300 characters, but more than 4300 decimal digits.
    problem = only_problem(YAML % ("0x" + "f" * 4000), "programma.yaml")
    assert problem.path == "risks.items[0].likelihood"
    assert problem.message.startswith("Dit getal is te groot")


@pytest.mark.parametrize("number", ["!!float 1e999999", "1.5e+999999", "-1.0e-99999"])
def test_yaml_huge_exponent(loader: str, number: str) -> None:
    problem = only_problem(YAML % number, "programma.yaml")
    assert (problem.line, problem.path) == (7, "risks.items[0].likelihood")
    assert "te grote exponent" in problem.message


@pytest.mark.parametrize(
    "value", ["!!int ''", "!!float ''", "!!int", "!!float", "!!int 0b", "!!int -"]
)
def test_empty_typed_number_is_refused(loader: str, value: str) -> None:
    problem = only_problem(YAML % value, "programma.yaml")
    assert problem.line == 7
    assert "kan niet gelezen worden als een getal" in problem.message or (
        "lijstonderdeel" in problem.message
    )


def test_infinity_is_judged_by_the_schema(loader: str) -> None:
    problem = only_problem(YAML % ".inf", "programma.yaml")
    assert problem.path == "risks.items[0].likelihood"
    assert "geen oneindig of NaN" in problem.message
