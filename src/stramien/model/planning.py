"""§4.3: phasing with results and milestones."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Id, LongText, Ref, ShortText, StramienModel, YesNo
from .enums import MilestoneKind


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
    public: YesNo = Field(
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
