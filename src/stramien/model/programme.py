"""§4 Programme set-up: goal tree, indicators and risks (effects, planning, finance apart)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, ClassVar

from pydantic import (
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from stramien.texts import message_of
from stramien.texts import translatable as _

from .base import Id, LateFieldsModel, LongText, Quantity, Ref, ShortText, StramienModel, YesNo
from .enums import (
    GoalRollup,
    IndicatorDirection,
    MeasureType,
    ReportingFrequency,
    TimeAggregation,
)


class Goal(StramienModel):
    """A goal in the goal tree; causal links point from a goal to the goals it serves."""

    id: Id
    title: ShortText = Field(title="Doel", description="Het doel in een korte zin.")
    description: LongText = Field(default="", title="Toelichting", description="Nadere uitleg.")
    contributes_to_ambition: YesNo = Field(
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


# --- Period keys: 2027-M03 (month), 2027-Q2 (quarter), 2027-H1 (half year), 2027 (year) ----

_PERIOD_KEY = re.compile(r"(\d{4})(?:-([MQH])(\d{1,2}))?")
_FREQUENCY_OF_LETTER = {frequency.key_letter: frequency for frequency in ReportingFrequency}
_PERIOD_NOUNS: dict[ReportingFrequency, str] = {
    ReportingFrequency.MONTHLY: _("een maand"),
    ReportingFrequency.QUARTERLY: _("een kwartaal"),
    ReportingFrequency.HALF_YEARLY: _("een halfjaar"),
    ReportingFrequency.YEARLY: _("een jaar"),
}
# How often an indicator is measured, as it reads inside a sentence.
_MEASURED: dict[ReportingFrequency, str] = {
    ReportingFrequency.MONTHLY: _("maandelijks"),
    ReportingFrequency.QUARTERLY: _("per kwartaal"),
    ReportingFrequency.HALF_YEARLY: _("per halfjaar"),
    ReportingFrequency.YEARLY: _("jaarlijks"),
}
PERIOD_KEY_HELP = _(
    "Schrijf een jaar (2027), halfjaar (2027-H1), kwartaal (2027-Q2) of maand (2027-M03)."
)
# Our own Dutch error types: their message is meant for the user as it is.
INDICATOR_ERROR_TYPES = frozenset(
    {"period_key", "period_frequency", "duplicate_period", "duplicate_dimension"}
)


def period_key(year: int, frequency: ReportingFrequency, number: int) -> str:
    """The key of the ``number``-th period (from 1) of ``frequency`` in ``year``."""
    if frequency is ReportingFrequency.YEARLY:
        return f"{year:04d}"
    width = 2 if frequency is ReportingFrequency.MONTHLY else 1
    return f"{year:04d}-{frequency.key_letter}{number:0{width}d}"


def period_dates(year: int, frequency: ReportingFrequency, number: int) -> tuple[dt.date, dt.date]:
    """The first and the last day of the ``number``-th period of ``frequency`` in ``year``."""
    months = 12 // frequency.periods_per_year
    first = dt.date(year, (number - 1) * months + 1, 1)
    if number * months == 12:
        return first, dt.date(year, 12, 31)
    return first, dt.date(year, number * months + 1, 1) - dt.timedelta(days=1)


def parse_period_key(key: str) -> tuple[int, ReportingFrequency, int]:
    """Year, frequency and number in the year of a period key; ValueError (Dutch) if none.

    Only the one written form counts (2027-M03, not 2027-M3 or 2027-m03): measurements are
    stored under these keys, so one period must never have two spellings.
    """
    match = _PERIOD_KEY.fullmatch(key)
    if match is None:
        if _PERIOD_KEY.fullmatch(key.upper()):
            raise ValueError(
                _(
                    "'%(key)s' is geen geldige periode: schrijf de letter als hoofdletter "
                    "(%(upper)s).",
                    key=key,
                    upper=key.upper(),
                )
            )
        raise ValueError(
            _("'%(key)s' is geen geldige periode. %(help)s", key=key, help=PERIOD_KEY_HELP)
        )
    year = int(match[1])
    if not 1900 <= year <= 2200:
        raise ValueError(
            _("'%(key)s' is geen geldige periode: het jaar ligt niet tussen 1900 en 2200.", key=key)
        )
    if match[2] is None:
        return year, ReportingFrequency.YEARLY, 1
    frequency = _FREQUENCY_OF_LETTER[match[2]]
    number = int(match[3])
    last = frequency.periods_per_year
    if not 1 <= number <= last:
        raise ValueError(
            _(
                "'%(key)s' is geen geldige periode: %(noun)s loopt van %(first)s tot en met "
                "%(last)s.",
                key=key,
                noun=_PERIOD_NOUNS[frequency],
                first=period_key(year, frequency, 1),
                last=period_key(year, frequency, last),
            )
        )
    written = period_key(year, frequency, number)
    if written != key:
        raise ValueError(
            _("'%(key)s' is geen geldige periode: schrijf %(written)s.", key=key, written=written)
        )
    return year, frequency, number


def period_key_problem(key: str, frequency: ReportingFrequency) -> str | None:
    """Why ``key`` is not a period of an indicator measured at ``frequency`` (None: it is)."""
    try:
        year, found, number = parse_period_key(key)
    except ValueError as exc:
        return message_of(exc)
    if found is frequency:
        return None
    # Suggest the period of the right length that starts in the same month.
    month = (number - 1) * 12 // found.periods_per_year + 1
    suggestion = period_key(year, frequency, (month - 1) * frequency.periods_per_year // 12 + 1)
    return _(
        "'%(key)s' is %(found)s, maar deze indicator wordt %(measured)s gemeten; schrijf "
        "%(wanted)s, bijvoorbeeld %(suggestion)s.",
        key=key,
        found=_PERIOD_NOUNS[found],
        measured=_MEASURED[frequency],
        wanted=_PERIOD_NOUNS[frequency],
        suggestion=suggestion,
    )


class PeriodTarget(StramienModel):
    """An interim target: the value to be reached at the end of one reporting period."""

    period: ShortText = Field(
        title="Periode",
        description="Geschreven als 2027-M03 (maand), 2027-Q2 (kwartaal), 2027-H1 (halfjaar) "
        "of 2027 (jaar), passend bij de meetfrequentie van de indicator.",
    )
    target: Quantity = Field(
        title="Streefwaarde",
        description="De stand aan het eind van deze periode; wordt er over de tijd opgeteld, "
        "dan het totaal tot en met deze periode.",
    )

    @field_validator("period")
    @classmethod
    def _period_is_a_key(cls, value: str) -> str:
        try:
            parse_period_key(value)
        except ValueError as exc:
            raise PydanticCustomError("period_key", str(exc)) from None
        return value


DimensionKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,31}$")]


class Dimension(StramienModel):
    """A breakdown of an indicator's measurements (disaggregation), e.g. by neighbourhood."""

    key: DimensionKey = Field(
        title="Sleutel",
        description="Korte vaste naam waarmee metingen naar deze uitsplitsing verwijzen, uniek "
        "binnen de indicator: kleine letters, cijfers en liggend streepje, bijvoorbeeld 'wijk'.",
    )
    name: ShortText = Field(
        title="Uitsplitsing", description="Hoe de uitsplitsing heet, bijvoorbeeld 'Wijk'."
    )
    values: list[ShortText] = Field(
        default_factory=list,
        title="Waarden",
        description="De mogelijke waarden, elk één keer, bijvoorbeeld de namen van de wijken. "
        "Hernoem een waarde niet meer zodra er metingen bij horen.",
    )

    @field_validator("values")
    @classmethod
    def _values_once(cls, values: list[str]) -> list[str]:
        twice = _repeated(values)
        if twice:
            raise PydanticCustomError(
                "duplicate_dimension",
                "De waarde(n) {values} staan meer dan één keer in deze uitsplitsing; "
                "noem elke waarde één keer.",
                {"values": ", ".join(f"'{value}'" for value in twice)},
            )
        return values


def _repeated(values: list[str]) -> list[str]:
    """The values that occur more than once, each once, in order of first repetition."""
    seen: set[str] = set()
    repeated: list[str] = []
    for value in values:
        if value in seen and value not in repeated:
            repeated.append(value)
        seen.add(value)
    return repeated


class Indicator(LateFieldsModel):
    """A societal key performance indicator on the dashboard."""

    # The monitoring fields came later; see LateFieldsModel.
    LATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "frequency",
        "measure",
        "over_time",
        "rollup",
        "weight",
        "tolerance",
        "period_targets",
        "dimensions",
    )

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
    frequency: ReportingFrequency = Field(
        default=ReportingFrequency.QUARTERLY,
        title="Meetfrequentie",
        description="Hoe vaak de waarde gemeten en gerapporteerd wordt. Dit legt de perioden "
        "vast: maand (2027-M03), kwartaal (2027-Q2), halfjaar (2027-H1) of jaar (2027).",
    )
    measure: MeasureType = Field(
        default=MeasureType.NUMBER,
        title="Soort waarde",
        description="Een getal, een percentage (gemeten als teller en noemer, zodat delen eerlijk "
        "samengevoegd worden), ja of nee, of een score van 1 tot en met 5.",
    )
    over_time: TimeAggregation = Field(
        default=TimeAggregation.LATEST,
        title="Over de tijd",
        description="Hoe de perioden samen de stand tot nu toe geven: de laatst gemeten stand, "
        "optellen (zoals opgeleverde woningen per kwartaal), het gemiddelde of de hoogste "
        "waarde.",
    )
    rollup: GoalRollup = Field(
        default=GoalRollup.SUM,
        title="Meetellen voor het doel",
        description="Hoe de status van deze indicator meetelt voor zijn doel in de doelenboom: "
        "gewoon (de minst gunstige status telt), met een gewicht, of niet.",
    )
    weight: Quantity | None = Field(
        default=None,
        gt=0,
        title="Gewicht",
        description="Hoe zwaar deze indicator weegt als zijn doel gewogen wordt samengesteld; "
        "leeg telt als 1.",
    )
    tolerance: Quantity = Field(
        default=Decimal(10),
        ge=0,
        le=100,
        title="Marge voor 'op koers' (%)",
        description="Hoeveel procent van de beoogde verandering (van nulmeting naar "
        "streefwaarde) de stand achter mag lopen op het pad en toch op koers is. Tot twee keer "
        "deze marge achter heet 'risico', nog verder achter 'uit koers'.",
    )
    period_targets: list[PeriodTarget] = Field(
        default_factory=list,
        title="Streefwaarden per periode",
        description="Tussendoelen voor de stand aan het eind van een periode. Tussen twee "
        "ijkpunten loopt het pad recht; zonder tussendoelen loopt het recht van de nulmeting "
        "naar de streefwaarde.",
    )
    dimensions: list[Dimension] = Field(
        default_factory=list,
        title="Uitsplitsingen",
        description="Waarnaar de metingen uitgesplitst worden, bijvoorbeeld per wijk of per "
        "leeftijdsgroep.",
    )

    @field_validator("period_targets")
    @classmethod
    def _targets_fit_the_frequency(
        cls, targets: list[PeriodTarget], info: ValidationInfo
    ) -> list[PeriodTarget]:
        frequency = info.data.get("frequency")
        if not isinstance(frequency, ReportingFrequency):
            return targets  # the frequency itself is wrong and reported already
        for target in targets:
            problem = period_key_problem(target.period, frequency)
            if problem:
                raise PydanticCustomError("period_frequency", problem)
        twice = _repeated([target.period for target in targets])
        if twice:
            raise PydanticCustomError(
                "duplicate_period",
                "Voor periode(n) {periods} staat meer dan één streefwaarde; geef per periode "
                "één streefwaarde.",
                {"periods": ", ".join(twice)},
            )
        return targets

    @field_validator("dimensions")
    @classmethod
    def _dimension_keys_unique(cls, dimensions: list[Dimension]) -> list[Dimension]:
        twice = _repeated([dimension.key for dimension in dimensions])
        if twice:
            raise PydanticCustomError(
                "duplicate_dimension",
                "De sleutel(s) {keys} komen bij deze indicator meer dan één keer voor; elke "
                "uitsplitsing heeft een eigen sleutel.",
                {"keys": ", ".join(f"'{key}'" for key in twice)},
            )
        return dimensions


#: Indicator fields added for monitoring; omitted from a dump while at their default.
MONITORING_FIELDS = Indicator.LATE_FIELDS


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
