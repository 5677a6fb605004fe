"""§4.2: the effect measurement: the societal price list and the cases priced with it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, ClassVar

from pydantic import Field, PlainSerializer

from .base import (
    Amount,
    Id,
    LateFieldsModel,
    LongText,
    Quantity,
    Ref,
    ShortText,
    StramienModel,
    Year,
    YesNo,
)


def _percent_to_json(value: Decimal) -> int | float:
    # 20 stays 20 in YAML/JSON, 2.25 stays 2.25.
    return int(value) if value == value.to_integral_value() else float(value)


# A percentage setting of the calculation (0-100 %, up to three decimals).
Percent = Annotated[
    Decimal,
    Field(ge=0, le=100, max_digits=6, decimal_places=3),
    PlainSerializer(_percent_to_json, return_type=int | float, when_used="json"),
]
# A discount rate above a quarter a year says more about a typing error than about money.
DISCOUNT_RATE_MAX = 25
HORIZON_MAX = 100
Rate = Annotated[
    Decimal,
    Field(ge=0, le=DISCOUNT_RATE_MAX, max_digits=6, decimal_places=3),
    PlainSerializer(_percent_to_json, return_type=int | float, when_used="json"),
]
# How many months a case can run at most: the longest horizon.
MONTHS_MAX = 12 * HORIZON_MAX


class EventKind(StrEnum):
    """What a line on a case timeline is."""

    LIFE_EVENT = "gebeurtenis"
    ACTIVITY = "activiteit"

    @property
    def label(self) -> str:
        return self.value

    @property
    def explanation(self) -> str:
        return {
            "gebeurtenis": "levensgebeurtenis waar het effect zich toont",
            "activiteit": "ondersteuningsactiviteit van het programma of de reguliere zorg",
        }[self.value]


class PriceItem(LateFieldsModel):
    """One line of the societal price list used by the effect calculation."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "source",
        "year",
        "stakeholder",
        "uncertain",
        "illustrative",
    )

    id: Id
    activity: ShortText = Field(
        title="Activiteit of gebeurtenis", description="Bijvoorbeeld 'schuldhulptraject'."
    )
    unit: ShortText = Field(
        default="per keer", title="Eenheid", description="Waarover de prijs gaat."
    )
    price: Amount = Field(
        ge=0, title="Prijs", description="Maatschappelijke prijs per eenheid in euro."
    )
    payer: ShortText = Field(
        default="", title="Wie betaalt", description="Welke organisatie de kosten draagt."
    )
    source: ShortText = Field(
        default="",
        title="Bron",
        description="Waar de prijs vandaan komt, bijvoorbeeld een openbare prijslijst of "
        "rapport met jaartal.",
    )
    year: Year | None = Field(
        default=None, title="Prijspeil", description="Het jaar waarin de prijs geldt."
    )
    stakeholder: Ref | None = Field(
        default=None,
        title="Belanghebbende",
        description="Id van de partij (partner, belanghebbende, financier of doelgroep) die "
        "de kosten draagt of de baat ontvangt; leeg: 'Wie betaalt' noemt de partij.",
    )
    uncertain: YesNo = Field(
        default=False,
        title="Onzekere prijs",
        description="Ja als de prijs onzeker is; de gevoeligheidsanalyse varieert hem.",
    )
    illustrative: YesNo = Field(
        default=False,
        title="Illustratief bedrag",
        description="Ja als het bedrag ter illustratie is en niet uit een bron komt.",
    )


class PriceList(StramienModel):
    """A dated version of a (standard) societal price list."""

    id: Id
    title: ShortText = Field(title="Naam", description="Bijvoorbeeld 'Prijslijst 2026'.")
    year: Year = Field(title="Prijspeil", description="Het jaar waarvoor de prijzen gelden.")
    source: ShortText = Field(default="", title="Bron", description="Waar de lijst vandaan komt.")
    items: list[PriceItem] = Field(
        default_factory=list,
        title="Prijsregels",
        description="De prijzen van deze versie; een regel houdt zijn id over versies heen.",
    )


class CaseEvent(LateFieldsModel):
    """An event or support activity on the timeline of an effect case."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("kind", "on", "month", "stakeholder", "note", "unit")

    year: int = Field(
        default=0,
        ge=0,
        le=100,
        title="Jaar",
        description="Jaar vanaf de start van de casus (0 = startjaar); geldt als er geen "
        "datum of maand staat.",
    )
    description: ShortText = Field(title="Gebeurtenis", description="Wat er gebeurt.")
    price_item: Ref | None = Field(
        default=None, title="Prijsregel", description="Id van de regel uit de prijslijst."
    )
    quantity: Quantity = Field(
        default=Decimal(1),
        ge=0,
        title="Aantal",
        description="Hoe vaak de activiteit voorkomt, in de eenheid van de prijsregel.",
    )
    kind: EventKind = Field(
        default=EventKind.LIFE_EVENT,
        title="Soort",
        description="Levensgebeurtenis (waar het effect zich toont) of ondersteuningsactiviteit "
        "(wat het programma of de reguliere zorg doet).",
    )
    on: dt.date | None = Field(
        default=None, title="Datum", description="Wanneer het gebeurt (gaat voor maand en jaar)."
    )
    month: int | None = Field(
        default=None,
        ge=0,
        le=MONTHS_MAX,
        title="Maand",
        description="Maanden na de start van de casus (0 = de startmaand); gaat voor het jaar.",
    )
    stakeholder: Ref | None = Field(
        default=None,
        title="Belanghebbende",
        description="Id van de partij die deze kosten draagt, als dat een andere is dan bij "
        "de prijsregel.",
    )
    note: LongText = Field(
        default="", title="Toelichting", description="Waarom, of waarop dit berust."
    )
    unit: ShortText = Field(
        default="",
        title="Eenheid",
        description="De eenheid waarin het aantal geteld is; moet passen bij de prijsregel.",
    )

    def month_offset(self, start: dt.date | None) -> int | None:
        """Months after the case start: the month, else the date, else the year x 12.

        None when the event has a date but the case has no start to count from; negative
        when the date lies before the start."""
        if self.month is not None:
            return self.month
        if self.on is not None:
            if start is None:
                return None
            return (self.on.year - start.year) * 12 + self.on.month - start.month
        return self.year * 12


def _unit_words(unit: str) -> str:
    words = unit.lower().replace("\u00a0", " ").split()
    if words and words[0] == "per":
        words = words[1:]
    return " ".join(words)


def unit_fits(counted_in: str, item: PriceItem) -> bool:
    """True when an event counted in ``counted_in`` can be priced per ``item.unit`` ('per
    jaar' and 'jaar' are the same unit; an event that names no unit takes the item's)."""
    return not counted_in.strip() or _unit_words(counted_in) == _unit_words(item.unit)


class EffectCase(LateFieldsModel):
    """A case described twice: with the intervention and in the reference scenario."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("start", "goals", "indicators", "price_list")

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
    start: dt.date | None = Field(
        default=None,
        title="Start van de casus",
        description="Vanaf wanneer de tijdlijn loopt; nodig voor gebeurtenissen met een datum.",
    )
    goals: list[Ref] = Field(
        default_factory=list,
        title="Doelen",
        description="Ids van de doelen waar de casus (ook) aan bijdraagt.",
    )
    indicators: list[Ref] = Field(
        default_factory=list,
        title="Indicatoren",
        description="Ids van de indicatoren waarop het effect zich toont.",
    )
    price_list: Ref | None = Field(
        default=None,
        title="Prijslijstversie",
        description="Id van de prijslijst waarmee de casus geprijsd is; leeg: de nieuwste "
        "versie, of de eigen prijslijst.",
    )

    @property
    def all_goals(self) -> list[str]:
        """The goal and the extra goals, without repeats."""
        found = [self.goal] if self.goal else []
        return found + [g for g in self.goals if g not in found]


class EffectMeasurement(LateFieldsModel):
    """How the societal added value is measured (effect calculation)."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "price_lists",
        "deadweight",
        "attribution",
        "drop_off",
        "discount_rate",
        "horizon",
    )

    method: LongText = Field(
        default="",
        title="Aanpak effectmeting",
        description="Hoe de maatschappelijke meerwaarde gemeten wordt, bijvoorbeeld met een "
        "dashboard van indicatoren of met de effectencalculator.",
    )
    price_list: list[PriceItem] = Field(
        default_factory=list,
        title="Maatschappelijke prijslijst",
        description="De eigen prijzen van het programma (zonder versie).",
    )
    cases: list[EffectCase] = Field(
        default_factory=list, title="Casussen", description="Casussen voor de effectberekening."
    )
    price_lists: list[PriceList] = Field(
        default_factory=list,
        title="Prijslijstversies",
        description="Gedateerde versies van een (standaard)prijslijst; een casus houdt de "
        "versie waarmee hij geprijsd is.",
    )
    deadweight: Percent = Field(
        default=Decimal(0),
        title="Deadweight (%)",
        description="Welk deel van de baten er ook zonder de aanpak was gekomen.",
    )
    attribution: Percent = Field(
        default=Decimal(100),
        title="Attributie (%)",
        description="Welk deel van de overgebleven baten aan deze aanpak toe te rekenen is.",
    )
    drop_off: Percent = Field(
        default=Decimal(0),
        title="Uitdoving per jaar (%)",
        description="Hoeveel de baten na het eerste jaar ieder jaar afnemen.",
    )
    discount_rate: Rate = Field(
        default=Decimal(0),
        title="Discontovoet (% per jaar)",
        description="Waarmee latere bedragen naar de contante waarde bij de start van de "
        f"casus worden teruggerekend (0 tot {DISCOUNT_RATE_MAX} %).",
    )
    horizon: int = Field(
        default=10,
        ge=1,
        le=HORIZON_MAX,
        title="Tijdshorizon (jaren)",
        description="Over hoeveel jaar vanaf de start van de casus gerekend wordt.",
    )

    def price_list_by_id(self, list_id: str | None) -> PriceList | None:
        return next((p for p in self.price_lists if p.id == list_id), None)

    def case_price_list(self, case: EffectCase) -> PriceList | None:
        """The version ``case`` is priced with: its own choice, else the newest version."""
        if case.price_list is not None:
            return self.price_list_by_id(case.price_list)
        return self.newest_price_list

    def prices_for(self, case: EffectCase) -> dict[str, PriceItem]:
        """The price items ``case`` is priced with: the programme's own list, with the lines
        of the case's price-list version in front of it (a version wins on the same id)."""
        prices = {item.id: item for item in self.price_list}
        version = self.case_price_list(case)
        if version is not None:
            prices.update({item.id: item for item in version.items})
        return prices

    @property
    def newest_price_list(self) -> PriceList | None:
        """The version with the latest price level (the last one listed on a tie)."""
        newest: PriceList | None = None
        for version in self.price_lists:
            if newest is None or version.year >= newest.year:
                newest = version
        return newest
