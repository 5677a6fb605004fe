"""The example programmes stay complete, valid and free of errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from stramien.io import load_agreement
from stramien.model import AppendixKind
from stramien.rules import check

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("name", ["small.yaml", "large.yaml"])
def test_example_has_no_errors_or_warnings(name: str) -> None:
    findings = check(load_agreement(EXAMPLES / name))
    serious = [f"{f.rule} {f.path}: {f.message}" for f in findings if f.severity != "tip"]
    assert serious == []


def test_small_example_is_a_five_partner_programme() -> None:
    agreement = load_agreement(EXAMPLES / "small.yaml")
    assert 4 <= len(agreement.partnership.partners) <= 6


def test_large_example_has_the_promised_size() -> None:
    agreement = load_agreement(EXAMPLES / "large.yaml")
    parties = len(agreement.partnership.partners) + len(agreement.partnership.stakeholders)
    assert parties >= 30
    assert len(agreement.goals) >= 100
    assert len(agreement.indicators) >= 50
    assert len(agreement.planning.phases) >= 12
    assert len(agreement.finance.cost_items) >= 100
    assert len(agreement.risks.items) >= 50
    assert set(agreement.appendices.chosen) == set(AppendixKind)
