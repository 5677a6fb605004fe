"""Advice: which programme organisation fits (annex to §4) and which approach (annex to §2)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from statistics import mean, median
from typing import Any, Literal

from stramien.formatting import number
from stramien.model import Agreement, Approach, Body, BodyKind, Member, ParticipationLevel

PROJECT_TEAM_MAX = 7

Status = Literal["ok", "not_needed", "missing", "unneeded", "unanswered"]
STATUS_LABELS: dict[Status, str] = {
    "ok": "in orde",
    "not_needed": "niet nodig",
    "missing": "ontbreekt",
    "unneeded": "aanwezig, maar volgens de checklist niet nodig",
    "unanswered": "vraag nog niet beantwoord",
}


@dataclass(frozen=True, slots=True)
class Element:
    """One part of the programme organisation the checklist can call for."""

    key: str
    question: str
    name: str
    why: str


# The checklist of the annex to §4 in our own words; ``key`` is the checklist field, or
# 'always' for the two bodies every cross-organisational programme has.
ELEMENTS: tuple[Element, ...] = (
    Element(
        "always:steering_committee",
        "Elk organisatie-overstijgend programma",
        "Stuurgroep (of algemeen en dagelijks bestuur)",
        "Neemt besluiten, lost dilemma's op en maakt middelen vrij.",
    ),
    Element(
        "always:direction_group",
        "Elk organisatie-overstijgend programma",
        "Regiegroep (of procesregisseur, of programmabureau)",
        "Bewaakt de procesgang en bereidt besluiten van de stuurgroep voor.",
    ),
    Element(
        "produces_products",
        "Brengt het programma concrete producten of diensten voort?",
        "Projectteam",
        f"Maakt de producten en diensten; hoogstens {PROJECT_TEAM_MAX} deelnemers, daarboven "
        "deelprojectteams. Per (deel)project: doelen, onderzoeksvragen, opleveringen, budget "
        "en opdrachtgever.",
    ),
    Element(
        "in_current_affairs",
        "Staat het programma midden in de actualiteit?",
        "Interventieteam",
        "Een slapende taskforce, vaak uit de regiegroep, die snel reageert op gebeurtenissen "
        "en er liefst op vooruitloopt.",
    ),
    Element(
        "touches_other_initiatives",
        "Raakt het programma andere initiatieven, of ontstaan er nieuwe samenwerkingen?",
        "Allianties",
        "Maak per raakvlak duidelijk welke alliantie met welke partijen wordt gesloten.",
    ),
    Element(
        "citizen_initiatives_matter",
        "Spelen burgerinitiatieven een belangrijke rol?",
        "Samenwerking met burgerinitiatieven",
        "Beschrijf hoe die samenwerking verloopt: publiek-civiel of civiel-civiel.",
    ),
    Element(
        "communication_critical",
        "Is communicatie met media en samenleving een kritische succesfactor?",
        "Communicatieteam",
        "Specialisten in public relations en sociale media.",
    ),
    Element(
        "control_complex",
        "Is de beheersing van het programma complex en cruciaal?",
        "Projectondersteuning",
        "Projectsecretaris, planner en/of secretariële ondersteuning.",
    ),
    Element(
        "regular_sounding",
        "Moeten resultaten regelmatig worden getoetst bij de achterban?",
        "Klankbordgroep",
        "Toetst tussentijdse resultaten bij de achterban.",
    ),
)

_BODY_FOR: dict[str, BodyKind] = {
    "always:steering_committee": BodyKind.STEERING_COMMITTEE,
    "always:direction_group": BodyKind.DIRECTION_GROUP,
    "produces_products": BodyKind.PROJECT_TEAM,
    "in_current_affairs": BodyKind.INTERVENTION_TEAM,
    "communication_critical": BodyKind.COMMUNICATION_TEAM,
    "control_complex": BodyKind.PROJECT_SUPPORT,
    "regular_sounding": BodyKind.SOUNDING_BOARD,
}


# A regiegroep guards the process; a programme office led by a director can do the same.
DIRECTION_KINDS = frozenset({BodyKind.DIRECTION_GROUP, BodyKind.PROGRAMME_OFFICE})


@dataclass(frozen=True, slots=True)
class StructureAdvice:
    key: str
    question: str
    answer: bool | None
    element: str
    why: str
    recommended: bool | None
    present: bool
    status: Status


def _present(agreement: Agreement, key: str) -> bool:
    org = agreement.organisation
    kinds = {body.kind for body in org.bodies}
    if key == "always:steering_committee":
        return any(kind.is_board for kind in kinds)
    if key == "always:direction_group":
        return bool(DIRECTION_KINDS & kinds) or org.process_director is not None
    if key == "control_complex":
        return bool({BodyKind.PROJECT_SUPPORT, BodyKind.PROGRAMME_OFFICE} & kinds)
    if key == "produces_products":
        return bool({BodyKind.PROJECT_TEAM, BodyKind.SUBPROJECT_TEAM} & kinds)
    if key == "touches_other_initiatives":
        return bool(org.alliances)
    if key == "citizen_initiatives_matter":
        return bool(org.citizen_initiatives)
    return _BODY_FOR[key] in kinds


def _status(recommended: bool | None, present: bool) -> Status:
    if recommended is None:
        return "unanswered"
    if recommended and not present:
        return "missing"
    if present and not recommended:
        return "unneeded"
    return "ok" if recommended else "not_needed"


def advise_structure(agreement: Agreement) -> list[StructureAdvice]:
    """The checklist's questions and answers, each with the element it calls for."""
    checklist = agreement.organisation.checklist
    advice = []
    for element in ELEMENTS:
        answer = True if element.key.startswith("always:") else getattr(checklist, element.key)
        present = _present(agreement, element.key)
        advice.append(
            StructureAdvice(
                key=element.key,
                question=element.question,
                answer=answer,
                element=element.name,
                why=element.why,
                recommended=answer,
                present=present,
                status=_status(answer, present),
            )
        )
    return advice


@dataclass(frozen=True, slots=True)
class TeamSize:
    """How many people one project or sub-project team has."""

    id: str
    name: str
    kind: str  # the BodyKind value
    people: int
    too_large: bool


def project_teams(agreement: Agreement) -> list[TeamSize]:
    """Every project and sub-project team with its number of distinct people.

    The checklist's limit of 7 holds per team: seven teams of five are fine, one team of
    nine is not.
    """
    teams = []
    for body in agreement.organisation.bodies:
        if body.kind not in (BodyKind.PROJECT_TEAM, BodyKind.SUBPROJECT_TEAM):
            continue
        people = len(_people(body))
        teams.append(
            TeamSize(body.id, body.name, body.kind.value, people, people > PROJECT_TEAM_MAX)
        )
    return teams


def _person(member: Member) -> tuple[str, str | None]:
    return (" ".join(member.name.split()).casefold(), member.organisation)


def _people(body: Body) -> set[tuple[str, str | None]]:
    return {_person(member) for member in body.members}


# "Maak het niet complexer dan strikt nodig": the numbers at which we question a body.
LARGE_BODY_MIN = 13  # more than 12 members
OVERLAP_SHARE = (2, 3)  # two bodies share at least 2/3 of the smaller one's members
OVERLAP_MIN_MEMBERS = 3  # smaller bodies are left alone

SIMPLICITY_IDEA = (
    "Het stramien vraagt de programmaorganisatie niet zwaarder te maken dan strikt nodig: "
    "elk orgaan kost vergadertijd en maakt de lijnen langer."
)


@dataclass(frozen=True, slots=True)
class ComplexityAdvice:
    """A body that is large, or two bodies that largely hold the same people."""

    kind: Literal["large", "overlap"]
    bodies: tuple[str, ...]
    indexes: tuple[int, ...]
    members: tuple[int, ...]
    shared: int | None
    message: str
    reasoning: str


def _large(index: int, body: Body, by_id: dict[str, Body]) -> ComplexityAdvice:
    count = len(body.members)
    smaller = [
        b
        for b in by_id.values()
        if b.reports_to == body.id and b.kind is BodyKind.DAILY_BOARD and b.members
    ]
    if smaller:
        daily = smaller[0]
        reasoning = (
            f"{SIMPLICITY_IDEA} Met {count} leden is echt overleg lastig. Er is al een "
            f"dagelijks bestuur '{daily.name}' van {len(daily.members)} leden: leg in het "
            "mandaat van beide vast wat het dagelijks bestuur zelf besluit, zodat het algemeen "
            "bestuur alleen over de hoofdlijnen gaat."
        )
    else:
        reasoning = (
            f"{SIMPLICITY_IDEA} Met {count} leden is echt overleg lastig en duurt besluiten "
            "lang. Overweeg een kleiner orgaan met een mandaat (bijvoorbeeld een dagelijks "
            "bestuur), of laat partijen elkaar per cluster of sector vertegenwoordigen."
        )
    return ComplexityAdvice(
        "large",
        (body.id,),
        (index,),
        (count,),
        None,
        f"{called(body)} heeft {count} leden; vanaf {LARGE_BODY_MIN} vragen we of het kleiner kan.",
        reasoning,
    )


def called(body: Body, *, lower: bool = False) -> str:
    """A body as a sentence names it: "dagelijks bestuur 'DB Noord'", or just its name
    when that already says what kind of body it is."""
    if body.name.casefold().startswith(body.kind.label.casefold()):
        return f"'{body.name}'"
    label = body.kind.label.lower() if lower else body.kind.label
    return f"{label} '{body.name}'"


def _delegated(small: Body, large: Body) -> bool:
    # A daily board drawn from the general board it reports to is the intended two-tier form.
    return small.kind is BodyKind.DAILY_BOARD and small.reports_to == large.id


def advise_complexity(agreement: Agreement) -> list[ComplexityAdvice]:
    """Bodies that are larger than needed, and pairs of bodies with mostly the same people."""
    bodies = agreement.organisation.bodies
    by_id = {body.id: body for body in bodies}
    advice = [
        _large(index, body, by_id)
        for index, body in enumerate(bodies)
        if len(body.members) >= LARGE_BODY_MIN
    ]
    people = [_people(body) for body in bodies]
    share, of = OVERLAP_SHARE
    for i, first in enumerate(bodies):
        for j in range(i + 1, len(bodies)):
            second = bodies[j]
            small_i, large_i = (i, j) if len(people[i]) <= len(people[j]) else (j, i)
            small, large = bodies[small_i], bodies[large_i]
            if len(people[small_i]) < OVERLAP_MIN_MEMBERS or _delegated(small, large):
                continue
            shared = len(people[i] & people[j])
            if shared * of < share * len(people[small_i]):
                continue
            advice.append(
                ComplexityAdvice(
                    "overlap",
                    (first.id, second.id),
                    (i, j),
                    (len(people[i]), len(people[j])),
                    shared,
                    f"{called(first)} ({len(people[i])} personen) en "
                    f"{called(second, lower=True)} ({len(people[j])} personen) "
                    f"hebben {shared} personen gemeen: {shared} van de {len(people[small_i])} "
                    f"van '{small.name}'.",
                    f"{SIMPLICITY_IDEA} Als twee organen grotendeels dezelfde mensen hebben, "
                    "vergaderen zij vaak twee keer over hetzelfde. Voeg ze samen, of maak het "
                    "verschil in taak en mandaat duidelijk en kies voor elk orgaan andere "
                    "mensen waar dat kan.",
                )
            )
    return advice


@dataclass(frozen=True, slots=True)
class ApproachAdvice:
    approach: Approach | None
    label: str
    parties: int
    per_level: dict[int, int]
    mean_level: float | None
    median_level: float | None
    reasoning: list[str]


# Mean participation at or below this leans supply-driven, at or above the upper bound
# demand-driven; in between both approaches are needed side by side.
DESIGN_AT_MOST = 2.5
DEVELOPMENT_AT_LEAST = 3.5


def advise_approach(agreement: Agreement) -> ApproachAdvice:
    """Derive the design or development approach from the participation levels."""
    parties = [*agreement.partnership.partners, *agreement.partnership.stakeholders]
    levels = [int(p.participation_level) for p in parties]
    counts = Counter(levels)
    per_level = {int(level): counts.get(int(level), 0) for level in ParticipationLevel}
    if not levels:
        return ApproachAdvice(
            None,
            "Nog niet te bepalen",
            0,
            per_level,
            None,
            None,
            ["Er zijn nog geen partners of belanghebbenden met een participatieniveau."],
        )
    average = mean(levels)
    middle = median(levels)
    if average <= DESIGN_AT_MOST:
        approach = Approach.DESIGN
        conclusion = (
            "De meeste partijen worden geïnformeerd of geraadpleegd. De regiegroep legt het "
            "accent op aanbodgericht werken: zij ontwerpt en de omgeving reageert."
        )
    elif average >= DEVELOPMENT_AT_LEAST:
        approach = Approach.DEVELOPMENT
        conclusion = (
            "De meeste partijen beslissen mee of ontwikkelen zelf. De regiegroep legt het "
            "accent op vraaggericht werken: oplossingen ontstaan samen met de partijen."
        )
    else:
        approach = Approach.MIXED
        conclusion = (
            "Lage en hoge participatie komen beide veel voor. Werk aanbodgericht waar partijen "
            "alleen geïnformeerd of geraadpleegd worden, en vraaggericht waar zij meebeslissen."
        )
    spread = ", ".join(
        f"{ParticipationLevel(level).label.lower()}: {count}"
        for level, count in per_level.items()
        if count
    )
    reasoning = [
        f"{len(levels)} partijen met een participatieniveau ({spread}).",
        f"Gemiddeld niveau {number(average, 1)}, mediaan {number(middle, 1)}. Tot en met "
        f"{number(DESIGN_AT_MOST, 1)} geldt als laag, vanaf {number(DEVELOPMENT_AT_LEAST, 1)} "
        "als hoog.",
        conclusion,
    ]
    return ApproachAdvice(
        approach, approach.label, len(levels), per_level, average, middle, reasoning
    )


def advice_as_dict(agreement: Agreement) -> dict[str, Any]:
    """Both pieces of advice as plain data, for JSON output."""
    approach = advise_approach(agreement)
    approach_data = asdict(approach)
    approach_data["approach"] = approach.approach.value if approach.approach else None
    return {
        "structure": [asdict(item) for item in advise_structure(agreement)],
        "project_teams": [asdict(team) for team in project_teams(agreement)],
        "complexity": [asdict(item) for item in advise_complexity(agreement)],
        "approach": approach_data,
    }
