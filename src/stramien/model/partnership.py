"""§2 Partnership (samenwerkingsverband): stakeholders, partners, sector roles."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from pydantic import Field

from .amendments import Succession
from .base import Id, LateFieldsModel, LongText, Ref, ShortText, StramienModel, YesNo
from .enums import ParticipationLevel, Sector, StakeholderCategory


class TrackLevel(StramienModel):
    """The level at which a party works in one track (a sub-programme or a project)."""

    track: Ref = Field(
        title="Spoor",
        description="Id van het deelprogramma (of de pijler) of het project waar dit niveau geldt.",
    )
    level: ParticipationLevel = Field(
        title="Participatieniveau in dit spoor",
        description="Het niveau in dit spoor, in plaats van het algemene participatieniveau: "
        "1 informeren, 2 raadplegen, 3 adviseren, 4 co-creatie/partnerschap, "
        "5 zelfontwikkeling.",
    )
    note: LongText = Field(
        default="",
        title="Toelichting",
        description="Waarom de partij in dit spoor op een ander niveau meedoet, bijvoorbeeld "
        "'bewoners beslissen zelf over de besteding van het wijkbudget'.",
    )


class Party(LateFieldsModel):
    """Any organisation or group the initiator works with, at some participation level."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ("track_levels", "wanted_level")

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
    track_levels: list[TrackLevel] = Field(
        default_factory=list,
        title="Niveau per spoor",
        description="Werkt deze partij in een deelprogramma of project op een ander niveau "
        "dan het algemene? Geef dan per spoor het niveau dat daar geldt.",
    )
    wanted_level: ParticipationLevel | None = Field(
        default=None,
        title="Gewenst niveau",
        description="Het niveau dat de partij zelf wil, als dat anders is dan het huidige; "
        "bijvoorbeeld een raad die meer invloed wil. Laat leeg als de partij tevreden is.",
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


class Funder(StramienModel):
    """A party that pays (part of) the programme without signing the agreement."""

    id: Id
    name: ShortText = Field(
        title="Naam", description="Naam van de financier, bijvoorbeeld een fonds."
    )
    category: StakeholderCategory = Field(
        title="Soort (5 O's)",
        description="Overheid, maatschappelijke organisatie, ondernemer, onderwijs- of "
        "onderzoeksinstelling, of een doelgroep/burgers.",
    )
    description: LongText = Field(
        default="",
        title="Wat zij financiert",
        description="Welk deel van het programma deze financier betaalt, en waarom.",
    )
    conditions: LongText = Field(
        default="",
        title="Voorwaarden",
        description="De voorwaarden die de financier aan het geld verbindt, bijvoorbeeld "
        "cofinanciering, verantwoording of een looptijd.",
    )


class FoundingMoment(StramienModel):
    """A step in founding the partnership: a start document, a declaration, the agreement."""

    id: Id
    title: ShortText = Field(
        title="Moment",
        description="Bijvoorbeeld 'Startdocument', 'Intentieverklaring' of "
        "'Samenwerkingsovereenkomst'.",
    )
    date: dt.date | None = Field(
        default=None, title="Datum", description="Wanneer dit moment plaatsvond of gepland is."
    )
    description: LongText = Field(
        default="",
        title="Toelichting",
        description="Wat er op dit moment is vastgelegd en door wie.",
    )


class Partnership(LateFieldsModel):
    """§2: strategy, initiators, stakeholders, the consortium and its funders."""

    LATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "initiators",
        "founding_moments",
        "funders",
        "successions",
    )

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
        description="Id van de partner of belanghebbende die het initiatief neemt. Zijn er "
        "meer initiatiefnemers, gebruik dan 'Initiatiefnemers'.",
    )
    initiators: list[Ref] = Field(
        default_factory=list,
        title="Initiatiefnemers",
        description="Ids van de partners of belanghebbenden die samen het initiatief nemen; "
        "telt op bij 'Initiatiefnemer'.",
    )
    founding_moments: list[FoundingMoment] = Field(
        default_factory=list,
        title="Oprichtingsmomenten",
        description="De stappen waarin de samenwerking tot stand kwam, met datum: "
        "bijvoorbeeld een startdocument, een intentieverklaring en deze overeenkomst.",
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
    funders: list[Funder] = Field(
        default_factory=list,
        title="Financiers (niet-ondertekenend)",
        description="Partijen die (een deel van) het programma betalen zonder partner te zijn: "
        "zij tekenen niet en hebben geen participatieniveau. Hun bijdragen staan bij de "
        "financiering.",
    )


def initiators_of(partnership: Partnership) -> list[str]:
    """The ids of every initiator: ``initiator`` first, then ``initiators``, each once."""
    found: list[str] = []
    for ref in [partnership.initiator, *partnership.initiators]:
        if ref is not None and ref not in found:
            found.append(ref)
    return found


def payer_names(partnership: Partnership) -> dict[str, str]:
    """Who can pay a contribution, by id: the partners, then the funders who do not sign."""
    names = {partner.id: partner.name for partner in partnership.partners}
    names.update({funder.id: funder.name for funder in partnership.funders})
    return names
