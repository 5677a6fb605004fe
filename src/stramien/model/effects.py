"""§4.2: the effect measurement: the societal price list and the cases priced with it."""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field

from .base import Amount, Id, LongText, Quantity, Ref, ShortText, StramienModel


class PriceItem(StramienModel):
    """One line of the societal price list used by the effect calculation."""

    id: Id
    activity: ShortText = Field(
        title="Activiteit of gebeurtenis", description="Bijvoorbeeld 'schuldhulptraject'."
    )
    unit: ShortText = Field(
        default="per keer", title="Eenheid", description="Waarover de prijs gaat."
    )
    price: Amount = Field(title="Prijs", description="Maatschappelijke prijs per eenheid in euro.")
    payer: ShortText = Field(
        default="", title="Wie betaalt", description="Welke organisatie de kosten draagt."
    )


class CaseEvent(StramienModel):
    """An event or support activity on the timeline of an effect case."""

    year: int = Field(
        ge=0, le=100, title="Jaar", description="Jaar vanaf de start van de casus (0 = startjaar)."
    )
    description: ShortText = Field(title="Gebeurtenis", description="Wat er gebeurt.")
    price_item: Ref | None = Field(
        default=None, title="Prijsregel", description="Id van de regel uit de prijslijst."
    )
    quantity: Quantity = Field(
        default=Decimal(1), title="Aantal", description="Hoe vaak de activiteit voorkomt."
    )


class EffectCase(StramienModel):
    """A case described twice: with the intervention and in the reference scenario."""

    id: Id
    title: ShortText = Field(title="Casus", description="Korte naam van de casus.")
    goal: Ref | None = Field(default=None, title="Doel", description="Id van het doel.")
    description: LongText = Field(default="", title="Beschrijving", description="De situatie.")
    count: int = Field(
        default=1, ge=1, title="Aantal vergelijkbare gevallen", description="Voor het optellen."
    )
    intervention: list[CaseEvent] = Field(
        default_factory=list,
        title="Interventiescenario",
        description="Wat er gebeurt met de aanpak van het programma.",
    )
    reference: list[CaseEvent] = Field(
        default_factory=list,
        title="Referentiescenario",
        description="Wat er zonder het programma zou gebeuren.",
    )


class EffectMeasurement(StramienModel):
    """How the societal added value is measured (effect calculation)."""

    method: LongText = Field(
        default="",
        title="Aanpak effectmeting",
        description="Hoe de maatschappelijke meerwaarde gemeten wordt, bijvoorbeeld met een "
        "dashboard van indicatoren of met de effectencalculator.",
    )
    price_list: list[PriceItem] = Field(
        default_factory=list,
        title="Maatschappelijke prijslijst",
        description="Prijzen per activiteit.",
    )
    cases: list[EffectCase] = Field(
        default_factory=list, title="Casussen", description="Casussen voor de effectberekening."
    )
