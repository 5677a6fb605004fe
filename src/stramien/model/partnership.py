"""§2 Partnership (samenwerkingsverband): stakeholders, partners, sector roles."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from .amendments import Succession
from .base import Id, LateFieldsModel, LongText, Ref, ShortText, StramienModel, YesNo
from .enums import ParticipationLevel, Sector, StakeholderCategory


class Party(StramienModel):
    """Any organisation or group the initiator works with, at some participation level."""

    id: Id
    name: ShortText = Field(title="Naam", description="Naam van de organisatie of groep.")
    category: StakeholderCategory = Field(
        title="Soort (5 O's)",
        description="Overheid, maatschappelijke organisatie, ondernemer, onderwijs- of "
        "onderzoeksinstelling, of een doelgroep/burgers.",
    )
    sector: Sector = Field(
        title="Sector",
        description="De sector van waaruit deze partij meedoet: politiek, publiek, privaat of "
        "civiel.",
    )
    participation_level: ParticipationLevel = Field(
        title="Participatieniveau",
        description="Op welk niveau wordt samengewerkt: 1 informeren, 2 raadplegen, "
        "3 adviseren, 4 co-creatie/partnerschap, 5 zelfontwikkeling.",
    )


class Stakeholder(Party):
    """A stakeholder (belanghebbende) that is not a member of the consortium."""

    interest: LongText = Field(
        default="",
        title="Belang of betrokkenheid",
        description="Waarom deze partij belang heeft bij het programma en hoe zij betrokken wordt.",
    )


class Interest(StramienModel):
    """An organisational interest a partner has in taking part."""

    id: Id
    description: LongText = Field(
        title="Organisatiebelang",
        description="Wat deze organisatie zelf wint bij deelname; koppel het aan een doel in "
        "de doelenboom.",
    )


class Signatory(StramienModel):
    """The person who signs the agreement for a partner, and on what authority."""

    id: Id
    name: ShortText = Field(title="Naam", description="Voor- en achternaam van de ondertekenaar.")
    function: ShortText = Field(
        title="Functie", description="Functie van de ondertekenaar, bijvoorbeeld 'wethouder'."
    )
    mandate: LongText = Field(
        title="Mandaat",
        description="Waarop de bevoegdheid om te tekenen berust, bijvoorbeeld een "
        "collegebesluit met datum of de statuten.",
    )


class Partner(Party):
    """A consortium member: a strategic partner that helps realise the ambition."""

    role: LongText = Field(
        default="",
        title="Rol",
        description="De rol van deze organisatie in het samenwerkingsverband, op hoofdlijnen.",
    )
    contribution: LongText = Field(
        default="",
        title="Bijdrage",
        description="Wat deze organisatie inbrengt: geld, mensen, kennis, grond, netwerk.",
    )
    core_values: list[ShortText] = Field(
        default_factory=list,
        title="Kernwaarden",
        description="De waarden van waaruit deze organisatie werkt, toegespitst op deze ambitie.",
    )
    interests: list[Interest] = Field(
        default_factory=list,
        title="Organisatiebelangen",
        description="Waarom deelname in het belang van de organisatie is; dit helpt om intern "
        "middelen vrij te maken.",
    )
    signatories: list[Signatory] = Field(
        default_factory=list,
        title="Ondertekenaars",
        description="Wie namens deze organisatie tekent, met functie en mandaat.",
    )


class SectorRole(StramienModel):
    """The part one sector plays in the strategy (§2.1)."""

    sector: Sector = Field(title="Sector", description="Politiek, publiek, privaat of civiel.")
    role: LongText = Field(
        title="Rol van de sector",
        description="Wat deze sector bijdraagt aan het verwezenlijken van de ambitie.",
    )
    needed: YesNo = Field(
        default=True,
        title="Nodig voor de strategie",
        description="Zet op 'nee' als deze sector bewust geen rol krijgt.",
    )


class Partnership(LateFieldsModel):
    """§2: strategy, initiator, stakeholders and the consortium."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("successions",)

    strategy: LongText = Field(
        default="",
        title="Strategie",
        description="Hoe de ambitie verwezenlijkt wordt: de ontwikkel- of "
        "samenwerkingsstrategie op hoofdlijnen.",
    )
    sector_roles: list[SectorRole] = Field(
        default_factory=list,
        title="Rol van de sectoren",
        description="Per sector (politiek, publiek, privaat, civiel) de rol in de strategie.",
    )
    initiator: Ref | None = Field(
        default=None,
        title="Initiatiefnemer",
        description="Id van de partner of belanghebbende die het initiatief neemt.",
    )
    partners: list[Partner] = Field(
        default_factory=list,
        title="Samenwerkingspartners",
        description="De organisaties van het consortium die samen de ambitie realiseren.",
    )
    stakeholders: list[Stakeholder] = Field(
        default_factory=list,
        title="Overige belanghebbenden",
        description="Partijen die niet in het consortium zitten maar wel betrokken worden, "
        "elk met een participatieniveau.",
    )
    successions: list[Succession] = Field(
        default_factory=list,
        title="Opvolging van partijen",
        description="Een partij die opgaat in een andere (fusie, herindeling) of waarvan het "
        "ambt wijzigt (een ministerie): vanaf de datum neemt de opvolger rol, bijdragen en "
        "goedkeuringen over; de geschiedenis blijft zichtbaar.",
    )
