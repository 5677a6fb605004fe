"""§1 Societal ambition (maatschappelijke ambitie)."""

from __future__ import annotations

from pydantic import Field

from .base import Id, LongText, ShortText, StramienModel


class Beneficiary(StramienModel):
    """A societal group that is better off when the ambition is realised."""

    id: Id
    name: ShortText = Field(
        title="Groep",
        description="De maatschappelijke groepering die hier beter van wordt, bijvoorbeeld "
        "'jongeren zonder startkwalificatie' of 'huurders in de wijk'.",
    )
    benefit: LongText = Field(
        default="",
        title="Wat het hen oplevert",
        description="Beschrijf in een of twee zinnen wat er voor deze groep verandert.",
    )


class Ambition(StramienModel):
    """Why we intervene, what we want to achieve and for whom."""

    statement: LongText = Field(
        default="",
        title="Kernachtige ambitie",
        description="De ambitie in een paar zinnen: waarom grijpen we in, wat willen we "
        "bereiken en wat betekent dat voor de samenleving? Schrijf zo dat een wethouder het "
        "kan uitleggen aan de raad en een journalist het kan navertellen.",
    )
    story: LongText = Field(
        default="",
        title="Het verhaal dat ons beweegt",
        description="De maatschappelijke droom achter de ambitie: het beeld of verhaal dat "
        "mensen raakt en in beweging brengt. Mag persoonlijk en concreet zijn.",
    )
    beneficiaries: list[Beneficiary] = Field(
        default_factory=list,
        title="Wie worden er beter van",
        description="De maatschappelijke groeperingen die profiteren als de ambitie slaagt.",
    )
    larger_whole: LongText = Field(
        default="",
        title="Groter geheel",
        description="Het bredere beleid, programma of de ambitie waar dit initiatief deel "
        "van uitmaakt, bijvoorbeeld een regiodeal of een landelijke opgave.",
    )
