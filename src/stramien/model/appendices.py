"""§5 Appendices: only those that are relevant, chosen per programme."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .base import Id, LongText, Ref, ShortText, StramienModel
from .enums import AppendixKind


class TaskAgreement(StramienModel):
    """Tasks, responsibilities and authorities (TVB) agreed with one partner."""

    partner: Ref = Field(title="Partner", description="Id van de partner.")
    tasks: list[LongText] = Field(
        default_factory=list, title="Taken", description="Wat de partner doet."
    )
    responsibilities: list[LongText] = Field(
        default_factory=list,
        title="Verantwoordelijkheden",
        description="Waarop de partner aanspreekbaar is.",
    )
    authorities: list[LongText] = Field(
        default_factory=list, title="Bevoegdheden", description="Waarover de partner zelf beslist."
    )


class Calamities(StramienModel):
    procedure: LongText = Field(
        default="",
        title="Werkwijze bij calamiteiten",
        description="Wie wat doet bij onvoorziene omstandigheden en calamiteiten.",
    )
    damage_settlement: LongText = Field(
        default="", title="Schaderegeling", description="Hoe schade wordt vastgesteld en vergoed."
    )


class PublicLawProcedure(StramienModel):
    id: Id
    name: ShortText = Field(title="Procedure", description="Bijvoorbeeld omgevingsvergunning.")
    competent_authority: ShortText = Field(
        default="", title="Bevoegd gezag", description="Wie besluit."
    )
    planned: dt.date | None = Field(
        default=None, title="Gepland besluit", description="Verwachte datum."
    )
    description: LongText = Field(default="", title="Toelichting", description="Nadere uitleg.")


class ExitClause(StramienModel):
    notice_period_months: int | None = Field(
        default=None,
        ge=0,
        le=120,
        title="Opzegtermijn (maanden)",
        description="Hoe lang van tevoren.",
    )
    conditions: LongText = Field(
        default="", title="Voorwaarden", description="Wanneer en hoe een partner kan opzeggen."
    )
    financial_settlement: LongText = Field(
        default="",
        title="Financiële afwikkeling",
        description="Wat er gebeurt met toegezegde bijdragen en gedane uitgaven.",
    )


class Definition(StramienModel):
    term: ShortText = Field(title="Begrip", description="Het begrip.")
    meaning: LongText = Field(
        title="Betekenis", description="Wat ermee bedoeld wordt in deze overeenkomst."
    )


class Appendices(StramienModel):
    chosen: list[AppendixKind] = Field(
        default_factory=list,
        title="Gekozen bijlagen",
        description="Neem alleen bijlagen op die echt relevant zijn.",
    )
    subproject_plans: LongText = Field(
        default="", title="Deelprojectplannen", description="Samenvatting of verwijzing."
    )
    partner_agreements: list[TaskAgreement] = Field(
        default_factory=list,
        title="Afspraken met partners",
        description="Taken, verantwoordelijkheden, bevoegdheden.",
    )
    communication_plan: LongText = Field(
        default="",
        title="Communicatie- en informatieplan",
        description="Doelgroepen, boodschap, middelen, momenten.",
    )
    problem_analysis: LongText = Field(
        default="", title="Integrale probleemanalyse", description="Het probleem in samenhang."
    )
    risk_analysis: LongText = Field(
        default="", title="Algemene risicoanalyse", description="Methode en uitkomsten."
    )
    calamities: Calamities = Field(
        default_factory=Calamities, title="Calamiteiten", description="Werkwijze en schaderegeling."
    )
    public_law_procedures: list[PublicLawProcedure] = Field(
        default_factory=list,
        title="Publiekrechtelijke procedures",
        description="Vergunningen, besluiten.",
    )
    exit_clause: ExitClause = Field(
        default_factory=ExitClause,
        title="Annuleringsclausule",
        description="Als een partner wil stoppen.",
    )
    definitions: list[Definition] = Field(
        default_factory=list, title="Definities", description="Begrippen en hun betekenis."
    )
