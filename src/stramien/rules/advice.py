"""Advice: which programme organisation fits (annex to §4) and which approach (annex to §2)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from statistics import mean, median
from typing import Any, Literal

from stramien.formatting import number
from stramien.model import Agreement, Approach, BodyKind, ParticipationLevel

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
        "Stuurgroep",
        "Neemt besluiten, lost dilemma's op en maakt middelen vrij.",
    ),
    Element(
        "always:direction_group",
        "Elk organisatie-overstijgend programma",
        "Regiegroep (of procesregisseur)",
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
    if key == "always:direction_group":
        return BodyKind.DIRECTION_GROUP in kinds or org.process_director is not None
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


def project_people(agreement: Agreement) -> int:
    """Number of distinct people in project and sub-project teams."""
    kinds = (BodyKind.PROJECT_TEAM, BodyKind.SUBPROJECT_TEAM)
    return len(
        {
            (member.name, member.organisation)
            for body in agreement.organisation.bodies
            if body.kind in kinds
            for member in body.members
        }
    )


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
        "project_people": project_people(agreement),
        "approach": approach_data,
    }
