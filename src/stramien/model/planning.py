"""§4.3: phasing with results and milestones."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from pydantic import Field, model_validator

from .base import Id, LateFieldsModel, LongText, Ref, ShortText, StramienModel, YesNo
from .dates import PlanDate, PlanDateEnd, precision_from_input, window
from .enums import DatePrecision, MilestoneKind

_PRECISION_HELP = (
    "Hoe precies de datum vastligt: op de dag, of een maand, kwartaal, halfjaar, seizoen, "
    "medio, begin of eind van het jaar, of een jaar. In de datum mag ook de periode zelf "
    "staan (Q3 2026, medio 2019, voorjaar 2027, maart 2026); de nauwkeurigheid volgt dan "
    "vanzelf. De controles rekenen met de hele periode."
)


class Phase(LateFieldsModel):
    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("start_precision", "end_precision")

    id: Id
    name: ShortText = Field(title="Fase", description="Naam van de fase.")
    start: PlanDate = Field(
        title="Begin",
        description="Eerste dag van de fase, of de periode waarin zij begint (Q1 2026).",
    )
    start_precision: DatePrecision = Field(
        default=DatePrecision.DAY, title="Nauwkeurigheid van het begin", description=_PRECISION_HELP
    )
    end: PlanDateEnd = Field(
        title="Einde",
        description=(
            "Laatste dag van de fase, of de periode waarin zij eindigt (eind 2027); bij een "
            "periode wordt de laatste dag daarvan bewaard."
        ),
    )
    end_precision: DatePrecision = Field(
        default=DatePrecision.DAY, title="Nauwkeurigheid van het einde", description=_PRECISION_HELP
    )
    results: list[ShortText] = Field(
        default_factory=list, title="Resultaten", description="Wat deze fase oplevert."
    )

    @model_validator(mode="before")
    @classmethod
    def _precision_from_text(cls, data: Any) -> Any:
        return precision_from_input(data, {"start": "start_precision", "end": "end_precision"})

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """From the first day the phase may start to the last day it may end."""
        return window(self.start, self.start_precision)[0], window(self.end, self.end_precision)[1]


class Milestone(LateFieldsModel):
    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("precision",)

    id: Id
    title: ShortText = Field(title="Mijlpaal", description="Wat er bereikt of opgeleverd wordt.")
    date: PlanDate = Field(
        title="Datum",
        description=(
            "Wanneer: een dag, of een periode zoals Q3 2026, medio 2019 of voorjaar 2027 "
            "(dan wordt de eerste dag van die periode bewaard)."
        ),
    )
    precision: DatePrecision = Field(
        default=DatePrecision.DAY, title="Nauwkeurigheid", description=_PRECISION_HELP
    )
    kind: MilestoneKind = Field(
        default=MilestoneKind.MILESTONE,
        title="Soort",
        description="Mijlpaal, oplevermoment of besluitmoment.",
    )
    phase: Ref | None = Field(default=None, title="Fase", description="Id van de fase.")
    public: YesNo = Field(
        default=False,
        title="Publiek",
        description="Zichtbaar voor het publiek (factsheet en kalender).",
    )
    description: LongText = Field(default="", title="Toelichting", description="Nadere uitleg.")

    @model_validator(mode="before")
    @classmethod
    def _precision_from_text(cls, data: Any) -> Any:
        return precision_from_input(data, {"date": "precision"})

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the period the milestone is planned in."""
        return window(self.date, self.precision)


class Planning(StramienModel):
    """Phasing with results and milestones (§4.3)."""

    phases: list[Phase] = Field(default_factory=list, title="Fasen", description="In volgorde.")
    milestones: list[Milestone] = Field(
        default_factory=list,
        title="Mijlpalen en oplevermomenten",
        description="Wanneer wordt wat opgeleverd; markeer de publieke.",
    )
