"""Amounts typed the Dutch way in the browser editor end up as the right number."""

from __future__ import annotations

import pytest

from .test_schemaform import PREFIX, as_post, browser_pairs, change, section_model, sf


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("15 mln", 15000000), ("2,5 miljoen", 2500000), ("€2.500", 2500), ("€ 2.500,50", 2500.5)],
)
def test_dutch_amounts_in_the_form(typed: str, expected: float) -> None:
    model = section_model("finance")
    root = sf.build(model, {"finance": {}}, prefix=PREFIX, extra_rows={"s-finance-cost_items": 1})
    pairs = browser_pairs(root)
    for name, value in [
        ("s-finance-cost_items-0-id", "k1"),
        ("s-finance-cost_items-0-description", "Iets"),
        ("s-finance-cost_items-0-year", "2027"),
        ("s-finance-cost_items-0-amount", typed),
    ]:
        pairs = change(pairs, name, value)
    parsed = sf.parse(model, as_post(pairs), prefix=PREFIX, original=None)
    item = model.model_validate(parsed).model_dump(mode="json")["finance"]["cost_items"][0]
    assert item["amount"] == expected
