"""§4 Programme set-up: goal tree, indicators, effects, phasing, money and risks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import Field

from .base import Amount, Id, LongText, Quantity, Ref, ShortText, StramienModel, Year
from .enums import ContributionKind, IndicatorDirection, MilestoneKind


class Goal(StramienModel):
    """A goal in the goal tree; causal links point from a goal to the goals it serves."""

    id: Id
    title: ShortText = Field(title="Doel", description="Het doel in een korte zin.")
    description: LongText = Field(default="", title="Toelichting", description="Nadere uitleg.")
    contributes_to_ambition: bool = Field(
        default=False,
        title="Draagt direct bij aan de ambitie",
        description="Zet aan voor de hoofddoelen bovenaan de doelenboom.",
    )
    contributes_to: list[Ref] = Field(
        default_factory=list,
        title="Draagt bij aan",
        description="Ids van de hogere doelen waaraan dit doel (causaal) bijdraagt.",
    )
    partners: list[Ref] = Field(
        default_factory=list,
        title="Bijdragende partners",
        description="Ids van de partners die aan dit doel werken.",
    )
    interests: list[Ref] = Field(
        default_factory=list,
        title="Gediende organisatiebelangen",
        description="Ids van de organisatiebelangen die dit doel dient.",
    )


class Indicator(StramienModel):
    """A societal key performance indicator on the dashboard."""

    id: Id
    name: ShortText = Field(title="Indicator", description="Wat er gemeten wordt.")
    goal: Ref = Field(
        title="Doel", description="Id van het doel dat deze indicator meetbaar maakt."
    )
    unit: ShortText = Field(
        default="", title="Eenheid", description="Bijvoorbeeld 'woningen', '%' of 'euro'."
    )
    direction: IndicatorDirection = Field(
        default=IndicatorDirection.INCREASE,
        title="Richting",
        description="Of een hogere of een lagere waarde beter is.",
    )
    baseline: Quantity | None = Field(
        default=None, title="Nulmeting", description="De waarde bij de start."
    )
    baseline_date: dt.date | None = Field(
        default=None, title="Datum nulmeting", description="Wanneer de nulmeting is gedaan."
    )
    target: Quantity | None = Field(
        default=None, title="Streefwaarde", description="De waarde die het programma wil halen."
    )
    target_date: dt.date | None = Field(
        default=None, title="Streefdatum", description="Wanneer de streefwaarde gehaald moet zijn."
    )
    owner: Ref | None = Field(
        default=None,
        title="Eigenaar",
        description="Id van de partner die de meting levert en bewaakt.",
    )
    source: LongText = Field(
        default="", title="Bron en meetmethode", description="Waar en hoe de waarde gemeten wordt."
    )


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


class Phase(StramienModel):
    id: Id
    name: ShortText = Field(title="Fase", description="Naam van de fase.")
    start: dt.date = Field(title="Begin", description="Eerste dag van de fase.")
    end: dt.date = Field(title="Einde", description="Laatste dag van de fase.")
    results: list[ShortText] = Field(
        default_factory=list, title="Resultaten", description="Wat deze fase oplevert."
    )


class Milestone(StramienModel):
    id: Id
    title: ShortText = Field(title="Mijlpaal", description="Wat er bereikt of opgeleverd wordt.")
    date: dt.date = Field(title="Datum", description="Wanneer.")
    kind: MilestoneKind = Field(
        default=MilestoneKind.MILESTONE,
        title="Soort",
        description="Mijlpaal, oplevermoment of besluitmoment.",
    )
    phase: Ref | None = Field(default=None, title="Fase", description="Id van de fase.")
    public: bool = Field(
        default=False,
        title="Publiek",
        description="Zichtbaar voor het publiek (factsheet en kalender).",
    )
    description: LongText = Field(default="", title="Toelichting", description="Nadere uitleg.")


class Planning(StramienModel):
    """Phasing with results and milestones (§4.3)."""

    phases: list[Phase] = Field(default_factory=list, title="Fasen", description="In volgorde.")
    milestones: list[Milestone] = Field(
        default_factory=list,
        title="Mijlpalen en oplevermomenten",
        description="Wanneer wordt wat opgeleverd; markeer de publieke.",
    )


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
    partner: Ref = Field(title="Partner", description="Id van de bijdragende partner.")
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


class Risk(StramienModel):
    id: Id
    title: ShortText = Field(title="Risico", description="Het risico in een korte zin.")
    description: LongText = Field(default="", title="Toelichting", description="Oorzaak en gevolg.")
    likelihood: int = Field(
        ge=1, le=5, title="Kans", description="1 (zeer klein) tot 5 (zeer groot)."
    )
    impact: int = Field(ge=1, le=5, title="Impact", description="1 (gering) tot 5 (zeer groot).")
    precautions: LongText = Field(
        default="",
        title="Voorzorgsmaatregelen",
        description="Wat er gedaan wordt om het te beperken.",
    )
    bearer: Ref | None = Field(
        default=None, title="Risicodrager", description="Id van de partner die het risico draagt."
    )

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class RiskSection(StramienModel):
    """§4.6: conclusions of the risk analysis, and the risks themselves."""

    conclusions: LongText = Field(
        default="",
        title="Conclusies risicoanalyse",
        description="De belangrijkste uitkomsten van de risicoanalyse en wie welke "
        "risico's draagt.",
    )
    items: list[Risk] = Field(
        default_factory=list, title="Risico's", description="Het risicoregister."
    )
