"""The effect calculation: each case priced in both scenarios with the societal price list."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from stramien.model import Agreement, CaseEvent, EffectCase, PriceItem


@dataclass(frozen=True, slots=True)
class CaseEffect:
    case: EffectCase
    intervention: Decimal
    reference: Decimal

    @property
    def saving(self) -> Decimal:
        """Societal costs avoided over all similar cases (positive = the approach pays off)."""
        return self.reference - self.intervention


def scenario_cost(events: list[CaseEvent], prices: dict[str, PriceItem]) -> Decimal:
    """Societal cost of one scenario of one case; unpriced events count as zero."""
    total = Decimal(0)
    for event in events:
        item = prices.get(event.price_item) if event.price_item else None
        if item is not None:
            total += item.price * event.quantity
    return total


def case_effects(agreement: Agreement) -> list[CaseEffect]:
    """Every case with both scenarios priced and multiplied by its number of similar cases."""
    measurement = agreement.effect_measurement
    prices = {item.id: item for item in measurement.price_list}
    return [
        CaseEffect(
            case=case,
            intervention=scenario_cost(case.intervention, prices) * case.count,
            reference=scenario_cost(case.reference, prices) * case.count,
        )
        for case in measurement.cases
    ]
