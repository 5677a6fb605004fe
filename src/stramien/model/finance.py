"""§4.4: the budget and its financing, in money and in kind."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from pydantic import Field

from .base import Amount, Id, LateFieldsModel, LongText, Ref, ShortText, StramienModel, Year
from .enums import ContributionKind


class CostItem(LateFieldsModel):
    """A line of the budget.

    ``amount`` is what is budgeted (reserved) for the line; ``committed`` what is
    contractually bound to it so far (an order, a grant decision, a contract) and ``spent``
    what has actually been paid. What is still free is the budget less the larger of the two.
    """

    # The stages of the money came later; see LateFieldsModel.
    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("committed", "spent")

    id: Id
    description: ShortText = Field(title="Omschrijving", description="Waarvoor de kosten zijn.")
    category: ShortText = Field(
        default="",
        title="Kostensoort",
        description="Bijvoorbeeld personeel, investering, onderzoek.",
    )
    year: Year = Field(title="Jaar", description="Begrotingsjaar.")
    amount: Amount = Field(title="Bedrag", description="Begrote kosten in euro.")
    phase: Ref | None = Field(default=None, title="Fase", description="Id van de fase.")
    project: Ref | None = Field(
        default=None,
        title="(Deel)project",
        description="Id van het (deel)project dat dit besteedt.",
    )
    committed: Amount | None = Field(
        default=None,
        title="Verplicht",
        description="Bedrag in euro dat al contractueel is vastgelegd (opdracht, "
        "subsidiebeschikking, contract). Leeg: nog niet bijgehouden.",
    )
    spent: Amount | None = Field(
        default=None,
        title="Besteed",
        description="Bedrag in euro dat al echt is uitgegeven. Leeg: nog niet bijgehouden.",
    )

    @property
    def free(self) -> Decimal:
        """The budget neither committed nor spent (negative: more is bound than budgeted)."""
        return self.amount - max(self.committed or Decimal(0), self.spent or Decimal(0))


@dataclass(frozen=True, slots=True)
class BudgetStages:
    """Budgeted, committed, spent and free money over some cost items."""

    budgeted: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    free: Decimal = Decimal(0)


def tracks_stages(items: Iterable[CostItem]) -> bool:
    """Whether any cost item says what is committed or spent."""
    return any(item.committed is not None or item.spent is not None for item in items)


def budget_stages(items: Iterable[CostItem]) -> BudgetStages:
    """The totals of ``items``: budgeted, committed, spent and free."""
    budgeted = committed = spent = free = Decimal(0)
    for item in items:
        budgeted += item.amount
        committed += item.committed or Decimal(0)
        spent += item.spent or Decimal(0)
        free += item.free
    return BudgetStages(budgeted, committed, spent, free)


class Contribution(StramienModel):
    """Who pays what: money or a contribution in kind, valued in euro."""

    id: Id
    partner: Ref = Field(
        title="Partner of financier",
        description="Id van de bijdragende partner, of van een niet-ondertekenende financier.",
    )
    kind: ContributionKind = Field(
        title="Soort bijdrage",
        description="Geld, of in natura: kapitaalgoederen, arbeid, kantoorruimte of overig.",
    )
    description: ShortText = Field(
        default="", title="Omschrijving", description="Wat er ingebracht wordt."
    )
    year: Year = Field(title="Jaar", description="Jaar van de bijdrage.")
    amount: Amount = Field(
        title="Bedrag of waarde",
        description="Bedrag in euro, of de waarde in euro bij bijdragen in natura.",
    )
    valuation: ShortText = Field(
        default="",
        title="Waardering",
        description="Hoe een bijdrage in natura is gewaardeerd, bijvoorbeeld "
        "'0,8 fte à € 95 per uur'.",
    )
    cost_item: Ref | None = Field(
        default=None,
        title="Begrotingspost",
        description="Id van de kostenpost die hiermee gedekt wordt.",
    )


class Finance(StramienModel):
    """§4.4: total costs, financing and in-kind contributions."""

    cost_items: list[CostItem] = Field(
        default_factory=list, title="Begroting", description="Kosten."
    )
    contributions: list[Contribution] = Field(
        default_factory=list, title="Financiering", description="Bijdragen in geld en in natura."
    )
    notes: LongText = Field(
        default="", title="Toelichting", description="Uitleg bij de financiering."
    )
