"""Amendments (wijziging n) and successions of parties: the checks and the take-over."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from stramien.model import Agreement, Succession, current_amendment, successor_of
from stramien.rules import check

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def base() -> dict[str, Any]:
    with open(EXAMPLES / "small.yaml", encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.safe_load(handle)
    return data


def findings(data: dict[str, Any], rule: str) -> list[str]:
    return [f.message for f in check(Agreement.model_validate(data)) if f.rule == rule]


def amendment(number: int, adopted: dt.date | None = None) -> dict[str, Any]:
    return {"number": number, "title": f"Wijziging {number}", "adopted": adopted}


def test_amendments_numbered_without_gaps_or_duplicates(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["amendments"] = [amendment(1), amendment(2)]
    assert findings(data, "amendments-numbering") == []
    data["amendments"] = [amendment(1), amendment(1), amendment(4)]
    messages = findings(data, "amendments-numbering")
    assert "Wijziging 1 komt twee keer voor." in messages
    assert any("wijziging 2, 3 ontbreekt" in m for m in messages)


def test_amendments_adopted_in_order(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["amendments"] = [amendment(1, dt.date(2027, 3, 1)), amendment(2, dt.date(2028, 1, 1))]
    assert findings(data, "amendments-dates") == []
    data["amendments"] = [amendment(2, dt.date(2027, 1, 1)), amendment(1, dt.date(2027, 3, 1))]
    (message,) = findings(data, "amendments-dates")
    assert "Wijziging 2 is vastgesteld op 1 januari 2027, vóór wijziging 1" in message
    data["amendments"] = [amendment(1), amendment(2, dt.date(2027, 1, 1))]
    (message,) = findings(data, "amendments-dates")
    assert "de eerdere wijziging 1 nog niet" in message


def test_current_amendment_is_the_latest_adopted_one() -> None:
    agreement = Agreement.model_validate(
        {
            "programme": {"name": "P"},
            "amendments": [amendment(1, dt.date(2027, 1, 1)), amendment(2)],
        }
    )
    current = current_amendment(agreement.amendments)
    assert current is not None and current.number == 1


def succession(
    predecessor: str, successor: str, date: dt.date = dt.date(2027, 1, 1), sid: str = "s1"
) -> dict[str, Any]:
    return {"id": sid, "predecessor": predecessor, "successor": successor, "date": date}


def test_a_succession_must_point_at_parties(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["partnership"]["successions"] = [succession("roc-ovc", "g-wonen")]
    with pytest.raises(ValueError, match="ongeldige verwijzing"):
        Agreement.model_validate(data)


def test_predecessor_equal_to_successor(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["partnership"]["successions"] = [succession("roc-ovc", "roc-ovc")]
    (message,) = findings(data, "succession-self")
    assert "als zijn eigen opvolger" in message


def test_cycle_and_double_succession(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["partnership"]["successions"] = [
        succession("roc-ovc", "bv-zonnehof", sid="s1"),
        succession("bv-zonnehof", "roc-ovc", dt.date(2028, 1, 1), sid="s2"),
    ]
    messages = findings(data, "succession-chain")
    assert any("in een kring" in m for m in messages)
    data["partnership"]["successions"] = [
        succession("roc-ovc", "bv-zonnehof", sid="s1"),
        succession("roc-ovc", "zc-delinde", sid="s2"),
    ]
    assert any("meer dan eens opgevolgd" in m for m in findings(data, "succession-chain"))


def test_a_plain_chain_is_fine_but_not_backwards_in_time(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["partnership"]["successions"] = [
        succession("roc-ovc", "bv-zonnehof", dt.date(2027, 1, 1), sid="s1"),
        succession("bv-zonnehof", "zc-delinde", dt.date(2028, 1, 1), sid="s2"),
    ]
    assert findings(data, "succession-chain") == []
    data["partnership"]["successions"][1]["date"] = dt.date(2026, 6, 1)
    assert any("vóórdat" in m for m in findings(data, "succession-chain"))


def test_succession_outside_the_programme(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    data["partnership"]["successions"] = [succession("roc-ovc", "bv-zonnehof", dt.date(2031, 1, 1))]
    (message,) = findings(data, "succession-outside-period")
    assert "na het einde van het programma" in message
    data["partnership"]["successions"][0]["date"] = dt.date(2027, 1, 1)
    assert findings(data, "succession-outside-period") == []


def test_successor_of_follows_the_chain_from_the_year_on() -> None:
    chain = [
        Succession(id="s1", predecessor="a", successor="b", date=dt.date(2027, 1, 1)),
        Succession(id="s2", predecessor="b", successor="c", date=dt.date(2029, 7, 1)),
    ]
    assert successor_of(chain, "a", 2026) == "a"
    assert successor_of(chain, "a", 2027) == "b"
    assert successor_of(chain, "a", 2029) == "c"
    assert successor_of(chain, "x", 2029) == "x"


def test_successor_takes_over_the_contributions(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    # The partner that has no contributions of its own takes over from one that has.
    data["finance"]["contributions"] = [
        c for c in data["finance"]["contributions"] if c["partner"] != "bv-zonnehof"
    ]
    assert any("Zonnehof" in m for m in findings(data, "finance-partner-without-contribution"))
    years = {c["year"] for c in data["finance"]["contributions"] if c["partner"] == "roc-ovc"}
    data["partnership"]["successions"] = [
        succession("roc-ovc", "bv-zonnehof", dt.date(max(years), 1, 1))
    ]
    assert findings(data, "finance-partner-without-contribution") == []


def test_a_merged_predecessor_is_not_asked_to_sign(base: dict[str, Any]) -> None:
    data = copy.deepcopy(base)
    roc = next(p for p in data["partnership"]["partners"] if p["id"] == "roc-ovc")
    roc["signatories"] = []
    assert findings(data, "partner-signatory-missing")
    data["partnership"]["successions"] = [succession("roc-ovc", "bv-zonnehof", dt.date(2026, 2, 1))]
    assert findings(data, "partner-signatory-missing") == []
