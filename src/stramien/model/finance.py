"""§4.4: the budget and its financing, in money and in kind."""

from __future__ import annotations

from pydantic import Field

from .base import Amount, Id, LongText, Ref, ShortText, StramienModel, Year
from .enums import ContributionKind


class CostItem(StramienModel):
    """A line of the budget."""

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
