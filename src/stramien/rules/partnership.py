"""Checks for §2: strategy, stakeholders, partners, governance, and whether together they can."""

from __future__ import annotations

from collections.abc import Iterator

from stramien.formatting import euro
from stramien.model import (
    BodyKind,
    MemberRole,
    ParticipationLevel,
    Sector,
    StakeholderCategory,
    initiators_of,
    is_blank,
)

from .advice import DIRECTION_KINDS
from .context import Context
from .registry import Hit, Section, rule

S = Section.PARTNERSHIP
CO_CREATION = ParticipationLevel.CO_CREATION


def _has_partners(ctx: Context) -> bool:
    return bool(ctx.partners)


@rule(
    "partnership-strategy-missing",
    S,
    "error",
    "Strategie",
    "Beschrijf hoe jullie de ambitie gaan verwezenlijken: de ontwikkel- of "
    "samenwerkingsstrategie op hoofdlijnen.",
)
def strategy_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.partnership.strategy):
        yield Hit("partnership.strategy", "De strategie om de ambitie te verwezenlijken ontbreekt.")


@rule(
    "partnership-sector-roles-missing",
    S,
    "error",
    "Rol van de sectoren",
    "Beschrijf per sector (politiek, publiek, privaat, civiel) welke rol zij speelt. Heeft een "
    "sector bewust geen rol, zet dan 'Nodig voor de strategie' op nee.",
)
def sector_roles_missing(ctx: Context) -> Iterator[Hit]:
    described = {role.sector for role in ctx.agreement.partnership.sector_roles}
    if not described:
        yield Hit("partnership.sector_roles", "De rol van de sectoren is niet beschreven.")
        return
    for sector in Sector:
        if sector not in described:
            yield Hit(
                "partnership.sector_roles",
                f"De rol van de sector '{sector.label.lower()}' is niet beschreven.",
            )


def _sectors_on_bodies(ctx: Context) -> set[Sector]:
    """Sectors brought in by body members, also by those who are no partner.

    A member counts for a sector by the member's own 'namens de sector', or by the sector of
    the stakeholder the member sits for; partners are counted by the check itself. A
    sounding board only gives advice when asked, so its members bring no sector on board.
    """
    stakeholders = {s.id: s for s in ctx.agreement.partnership.stakeholders}
    found: set[Sector] = set()
    for body in ctx.agreement.organisation.bodies:
        if body.kind is BodyKind.SOUNDING_BOARD:
            continue
        for member in body.members:
            if member.sector is not None:
                found.add(member.sector)
            stakeholder = stakeholders.get(member.organisation or "")
            if stakeholder is not None:
                found.add(stakeholder.sector)
    return found


@rule(
    "partnership-sector-role-unfilled",
    S,
    "error",
    "Elke benodigde sector is aan boord",
    "Neem een partner uit deze sector op in het consortium, geef een lid 'uit het midden van' "
    "deze sector een plaats in een orgaan (vul bij het lid 'Namens de sector' in, of kies een "
    "belanghebbende uit die sector als organisatie), of zet bij de sector 'Nodig voor de "
    "strategie' op nee en leg uit waarom zij geen rol heeft. Een overheidspartner telt ook "
    "voor de politieke sector; leden van een klankbordgroep tellen niet mee.",
    applies=_has_partners,
)
def sector_role_unfilled(ctx: Context) -> Iterator[Hit]:
    present = {partner.sector for partner in ctx.partners.values()}
    # A government partner is steered by its elected board, so it brings the political role.
    if any(p.category is StakeholderCategory.GOVERNMENT for p in ctx.partners.values()):
        present.add(Sector.POLITICAL)
    # A board member from the midst of a sector fills its role without becoming a partner.
    present.update(_sectors_on_bodies(ctx))
    for i, role in enumerate(ctx.agreement.partnership.sector_roles):
        if role.needed and role.sector not in present:
            yield Hit(
                ctx.path("partnership", "sector_roles", i),
                f"De strategie rekent op de sector '{role.sector.label.lower()}', maar geen "
                "enkele partner komt uit die sector en ook geen lid van een orgaan heeft "
                "namens die sector zitting.",
            )


@rule(
    "partnership-initiator-missing",
    S,
    "error",
    "Initiatiefnemer",
    "Kies bij 'Initiatiefnemer' de partner die het initiatief neemt; nemen meer partijen "
    "samen het initiatief, kies ze dan bij 'Initiatiefnemers'.",
)
def initiator_missing(ctx: Context) -> Iterator[Hit]:
    if not initiators_of(ctx.agreement.partnership):
        yield Hit("partnership.initiator", "Er is geen initiatiefnemer aangewezen.")


@rule(
    "partnership-founding-moment-undated",
    S,
    "tip",
    "Oprichtingsmomenten met datum",
    "Vul bij elk oprichtingsmoment de datum in, ook als die nog gepland is; zo is te volgen "
    "hoe de samenwerking tot stand kwam.",
    applies=lambda ctx: bool(ctx.agreement.partnership.founding_moments),
)
def founding_moment_undated(ctx: Context) -> Iterator[Hit]:
    for i, moment in enumerate(ctx.agreement.partnership.founding_moments):
        if moment.date is None:
            yield Hit(
                ctx.path("partnership", "founding_moments", i, "date"),
                f"Bij het oprichtingsmoment '{moment.title}' staat geen datum.",
            )


@rule(
    "partnership-partners-missing",
    S,
    "error",
    "Consortium van ten minste twee partners",
    "Een samenwerkingsovereenkomst heeft ten minste twee partners; voeg de organisaties toe "
    "die samen de ambitie realiseren.",
)
def partners_missing(ctx: Context) -> Iterator[Hit]:
    count = len(ctx.partners)
    if count < 2:
        yield Hit(
            "partnership.partners",
            "Er zijn nog geen partners." if count == 0 else "Er is maar één partner.",
        )


def _partner_field_rule(field: str, label: str) -> None:
    @rule(
        f"partner-{field.replace('_', '-')}-missing",
        S,
        "error",
        f"{label.capitalize()} per partner",
        f"Beschrijf per partner: {label}. Bestuurders moeten erin herkennen dat deelname past "
        "bij hun organisatie.",
        applies=_has_partners,
    )
    def check(ctx: Context) -> Iterator[Hit]:
        for i, partner in enumerate(ctx.agreement.partnership.partners):
            if is_blank(getattr(partner, field)):
                yield Hit(
                    ctx.path("partnership", "partners", i, field),
                    f"Bij {partner.name} ontbreekt: {label}.",
                )


_partner_field_rule("role", "rol")
_partner_field_rule("contribution", "bijdrage")
_partner_field_rule("core_values", "kernwaarden")
_partner_field_rule("interests", "organisatiebelangen")


@rule(
    "partner-signatory-missing",
    S,
    "error",
    "Ondertekenaar met mandaat per partner",
    "Geef per partner wie tekent, in welke functie en op grond van welk mandaat.",
    applies=_has_partners,
)
def signatory_missing(ctx: Context) -> Iterator[Hit]:
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        if partner.id in ctx.succeeded_parties:
            continue  # its successor signs
        if not partner.signatories:
            yield Hit(
                ctx.path("partnership", "partners", i, "signatories"),
                f"Voor {partner.name} is geen ondertekenaar opgegeven.",
            )
        for j, signatory in enumerate(partner.signatories):
            if is_blank(signatory.mandate):
                yield Hit(
                    ctx.path("partnership", "partners", i, "signatories", j, "mandate"),
                    f"Bij ondertekenaar {signatory.name} ({partner.name}) ontbreekt het mandaat.",
                )


@rule(
    "partner-low-participation",
    S,
    "tip",
    "Partners werken samen op niveau co-creatie of hoger",
    "Een consortiumpartner beslist doorgaans mee (niveau 4 of 5). Is de partij alleen "
    "toehoorder, gesprekspartner of adviseur, neem haar dan op als belanghebbende.",
)
def low_participation(ctx: Context) -> Iterator[Hit]:
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        if partner.participation_level < CO_CREATION:
            yield Hit(
                ctx.path("partnership", "partners", i, "participation_level"),
                f"{partner.name} is partner maar werkt mee op niveau "
                f"{int(partner.participation_level)} ({partner.participation_level.label}).",
            )


@rule(
    "partnership-wanted-level-higher",
    S,
    "tip",
    "Een partij wil meer invloed dan zij nu heeft",
    "Bespreek met deze partij of zij een hoger participatieniveau kan krijgen, eventueel in "
    "één deelprogramma of project (bij 'Niveau per spoor'), of leg uit waarom niet.",
)
def wanted_level_higher(ctx: Context) -> Iterator[Hit]:
    p = ctx.agreement.partnership
    for kind, parties in (("partners", p.partners), ("stakeholders", p.stakeholders)):
        for i, party in enumerate(parties):
            wanted, now = party.wanted_level, party.participation_level
            if wanted is not None and wanted > now:
                yield Hit(
                    ctx.path("partnership", kind, i, "wanted_level"),
                    f"{party.name}: gewenst is meer invloed (niveau {int(wanted)}, "
                    f"{wanted.label.lower()}) dan nu (niveau {int(now)}, {now.label.lower()}); "
                    "bespreek dit of leg uit waarom niet.",
                )


@rule(
    "partnership-track-level-twice",
    S,
    "error",
    "Eén niveau per spoor",
    "Geef een partij per deelprogramma of project één niveau; verwijder de dubbele regel bij "
    "'Niveau per spoor'.",
)
def track_level_twice(ctx: Context) -> Iterator[Hit]:
    p = ctx.agreement.partnership
    for kind, parties in (("partners", p.partners), ("stakeholders", p.stakeholders)):
        for i, party in enumerate(parties):
            seen: set[str] = set()
            for j, track in enumerate(party.track_levels):
                if track.track in seen:
                    name = ctx.names.get(track.track, track.track)
                    yield Hit(
                        ctx.path("partnership", kind, i, "track_levels", j, "track"),
                        f"{party.name} heeft meer dan één niveau voor '{name}'.",
                    )
                seen.add(track.track)


@rule(
    "partnership-five-os-coverage",
    S,
    "tip",
    "Denk aan de 5 O's",
    "Loop de 5 O's na: overheid, maatschappelijke organisaties, ondernemers, onderwijs- en "
    "onderzoeksinstellingen, en doelgroepen of burgers. Ontbreekt er bewust een, licht dat "
    "dan toe in de strategie.",
)
def five_os_coverage(ctx: Context) -> Iterator[Hit]:
    if not ctx.parties:
        return
    present = {party.category for party in ctx.parties.values()}
    missing = [c.label.lower() for c in StakeholderCategory if c not in present]
    if missing:
        yield Hit(
            "partnership.stakeholders",
            "Nog niet betrokken: " + ", ".join(missing) + ".",
        )


@rule(
    "governance-direction-missing",
    S,
    "error",
    "Procesregisseur of regiegroep",
    "Wijs bij de programmaorganisatie een procesregisseur aan of richt een regiegroep (of een "
    "programmabureau onder een directeur) in: die is verantwoordelijk voor de procesgang.",
)
def direction_missing(ctx: Context) -> Iterator[Hit]:
    org = ctx.agreement.organisation
    if org.process_director is None and not any(ctx.has_body(k) for k in DIRECTION_KINDS):
        yield Hit(
            "organisation.process_director",
            "Er is geen procesregisseur, geen regiegroep en geen programmabureau; niemand is "
            "verantwoordelijk voor de procesgang.",
        )


@rule(
    "governance-steering-missing",
    S,
    "error",
    "Stuurgroep",
    "Voeg bij de organen een stuurgroep toe (soort orgaan: stuurgroep), of een algemeen "
    "bestuur (eventueel met een dagelijks bestuur), dat besluit, dilemma's oplost en "
    "middelen vrijmaakt.",
)
def steering_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.has_board:
        yield Hit("organisation.bodies", "Er is geen stuurgroep en geen algemeen bestuur.")


@rule(
    "governance-body-not-composed",
    S,
    "error",
    "Samenstelling van stuurgroep, besturen en regiegroep",
    "Noem de leden, met de organisatie namens wie zij zitting hebben.",
)
def body_not_composed(ctx: Context) -> Iterator[Hit]:
    for index, body in enumerate(ctx.agreement.organisation.bodies):
        if (body.kind.is_board or body.kind is BodyKind.DIRECTION_GROUP) and not body.members:
            yield Hit(
                ctx.path("organisation", "bodies", index, "members"),
                f"{body.kind.label} '{body.name}' heeft nog geen leden.",
            )


@rule(
    "governance-steering-chair-missing",
    S,
    "tip",
    "Voorzitter van stuurgroep en besturen",
    "Geef aan wie het orgaan voorzit: zet bij dat lid de rol op 'Voorzitter'.",
)
def steering_chair_missing(ctx: Context) -> Iterator[Hit]:
    for index, body in enumerate(ctx.agreement.organisation.bodies):
        if not body.kind.is_board or not body.members:
            continue
        if not any(m.role is MemberRole.CHAIR for m in body.members):
            yield Hit(
                ctx.path("organisation", "bodies", index, "members"),
                f"{body.kind.label} '{body.name}' heeft geen voorzitter.",
            )


@rule(
    "governance-cocreator-not-in-steering",
    S,
    "error",
    "Co-creërende partners zitten in de stuurgroep",
    "Geef deze partner een zetel in de stuurgroep (of het algemeen bestuur), zodat haar "
    "belangen in de besluitvorming vertegenwoordigd zijn; of verlaag het participatieniveau "
    "als zij niet meebeslist.",
    applies=lambda ctx: ctx.has_board,
)
def cocreator_not_in_steering(ctx: Context) -> Iterator[Hit]:
    if not ctx.has_board:
        return
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        if (
            partner.participation_level >= CO_CREATION
            and partner.id not in ctx.steering_organisations
        ):
            yield Hit(
                ctx.path("partnership", "partners", i),
                f"{partner.name} werkt mee op niveau {int(partner.participation_level)} "
                f"({partner.participation_level.label}) maar is niet vertegenwoordigd in de "
                "stuurgroep of een bestuur.",
            )


@rule(
    "governance-decision-making-missing",
    S,
    "warning",
    "Regievoering en besluitvorming",
    "Beschrijf hoe regie en besluitvorming lopen: wie besluit waarover, en hoe dilemma's "
    "worden opgelost.",
)
def decision_making_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.organisation.decision_making):
        yield Hit(
            "organisation.decision_making",
            "Er staat niet hoe regievoering en besluitvorming zijn georganiseerd.",
        )


@rule(
    "consortium-goal-without-partner",
    S,
    "error",
    "Elk doel heeft een partner die eraan werkt",
    "Kies bij het doel de 'Bijdragende partners': de partners die eraan werken. Een doel "
    "zonder trekker wordt niet gehaald.",
    applies=lambda ctx: bool(ctx.goals),
)
def goal_without_partner(ctx: Context) -> Iterator[Hit]:
    for i, goal in enumerate(ctx.agreement.goals):
        if not goal.partners:
            yield Hit(
                ctx.path("goals", i, "partners"),
                f"Geen enkele partner draagt bij aan doel '{goal.title}'.",
            )


@rule(
    "consortium-partner-without-goal",
    S,
    "warning",
    "Elke partner draagt bij aan een doel",
    "Koppel de partner aan de doelen waaraan zij bijdraagt, of heroverweeg haar plaats in "
    "het consortium.",
    applies=lambda ctx: bool(ctx.goals) and bool(ctx.partners),
)
def partner_without_goal(ctx: Context) -> Iterator[Hit]:
    if not ctx.goals:
        return
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        if partner.id not in ctx.contributing_partners:
            yield Hit(
                ctx.path("partnership", "partners", i),
                f"{partner.name} draagt volgens de doelenboom aan geen enkel doel bij.",
            )


@rule(
    "consortium-costs-not-covered",
    S,
    "error",
    "De partners kunnen het samen betalen",
    "Verhoog de bijdragen, vind extra financiers of verklein de begroting: het consortium "
    "moet de ambitie samen van de grond kunnen trekken.",
    applies=lambda ctx: bool(ctx.agreement.finance.cost_items),
)
def costs_not_covered(ctx: Context) -> Iterator[Hit]:
    gap = ctx.total_costs - ctx.total_financing
    if gap > 0:
        yield Hit(
            "finance.contributions",
            f"De begroting ({euro(ctx.total_costs)}) is niet gedekt: de bijdragen zijn samen "
            f"{euro(ctx.total_financing)}, een tekort van {euro(gap)}.",
        )
