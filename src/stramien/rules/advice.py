"""Advice: which programme organisation fits (annex to §4) and which approach (annex to §2)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any, Literal

from stramien.formatting import number
from stramien.model import (
    Agreement,
    Approach,
    Body,
    BodyKind,
    Member,
    ParticipationLevel,
    Party,
    StakeholderCategory,
)

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
    # The weighted mean, already rounded to one decimal: the value that is compared with the
    # thresholds is the value that is printed.
    mean_level: float | None
    median_level: float | None
    reasoning: list[str]
    # Names of the parties at levels 4-5 and at 1-2, heaviest first; texts name MAX_NAMED.
    high: tuple[str, ...] = ()
    low: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TrackAdvice:
    """The approach in one track: a sub-programme, or a project outside any sub-programme."""

    track: str
    name: str
    kind: Literal["sub_programme", "project"]
    # How many parties have a level of their own in this track.
    own_levels: int
    differs: bool
    advice: ApproachAdvice
    # The parties whose level here differs from their general one, e.g. "Bewoners (5, elders 3)".
    changed: tuple[str, ...] = ()


# Mean participation at or below this leans supply-driven, at or above the upper bound
# demand-driven; in between both approaches are needed side by side.
DESIGN_AT_MOST = 2.5
DEVELOPMENT_AT_LEAST = 3.5

# Partners decide with the consortium and target groups are who the programme is for, so
# both weigh twice as much as any other stakeholder in the mean.
PARTNER_WEIGHT = 2
TARGET_GROUP_WEIGHT = 2
OTHER_WEIGHT = 1
MAX_NAMED = 5

WEIGHTS_TEXT = (
    "Partners en doelgroepen of burgers tellen twee keer mee, overige "
    "belanghebbenden één keer: partners beslissen mee en doelgroepen zijn voor wie het "
    "programma er is."
)


def weight(party: Party, partner: bool) -> int:
    """How much a party counts in the mean: see PARTNER_WEIGHT and TARGET_GROUP_WEIGHT."""
    if partner:
        return PARTNER_WEIGHT
    if party.category is StakeholderCategory.CITIZENS:
        return TARGET_GROUP_WEIGHT
    return OTHER_WEIGHT


def _rounded_mean(pairs: list[tuple[int, int]]) -> Decimal:
    """The weighted mean of (level, weight) pairs, rounded half up to one decimal."""
    total = sum(w for _level, w in pairs)
    exact = Decimal(sum(level * w for level, w in pairs)) / Decimal(total)
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _weighted_median(pairs: list[tuple[int, int]]) -> float:
    return float(median([level for level, w in pairs for _ in range(w)]))


def _names(found: list[str]) -> str:
    shown = found[:MAX_NAMED]
    rest = len(found) - len(shown)
    if rest:
        return ", ".join(shown) + f" en {rest} andere"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " en " + shown[-1]
    return shown[0]


def _advise(rows: list[tuple[Party, bool, ParticipationLevel]]) -> ApproachAdvice:
    """The advice for parties, each with whether it is a partner and its level here."""
    counts = Counter(int(level) for _party, _partner, level in rows)
    per_level = {int(level): counts.get(int(level), 0) for level in ParticipationLevel}
    if not rows:
        return ApproachAdvice(
            None,
            "Nog niet te bepalen",
            0,
            per_level,
            None,
            None,
            ["Er zijn nog geen partners of belanghebbenden met een participatieniveau."],
        )
    pairs = [(int(level), weight(party, partner)) for party, partner, level in rows]
    average = _rounded_mean(pairs)
    middle = _weighted_median(pairs)
    if average <= Decimal(str(DESIGN_AT_MOST)):
        approach = Approach.DESIGN
        conclusion = (
            "Het zwaartepunt ligt bij informeren en raadplegen. De regiegroep legt het "
            "accent op aanbodgericht werken: zij ontwerpt en de omgeving reageert."
        )
    elif average >= Decimal(str(DEVELOPMENT_AT_LEAST)):
        approach = Approach.DEVELOPMENT
        conclusion = (
            "Het zwaartepunt ligt bij meebeslissen en zelf ontwikkelen. De regiegroep legt "
            "het accent op vraaggericht werken: oplossingen ontstaan samen met de partijen."
        )
    else:
        approach = Approach.MIXED
        conclusion = (
            "Het zwaartepunt ligt tussen laag en hoog in. Werk aanbodgericht waar partijen "
            "alleen geïnformeerd of geraadpleegd worden, en vraaggericht waar zij meebeslissen."
        )
    # Heaviest first, then the most extreme level, then the order of the document.
    ranked = sorted(
        enumerate(rows), key=lambda item: (-weight(item[1][0], item[1][1]), -abs(item[1][2] - 3))
    )
    high = [party.name for _i, (party, _p, level) in ranked if level >= 4]
    low = [party.name for _i, (party, _p, level) in ranked if level <= 2]
    spread = ", ".join(
        f"{ParticipationLevel(level).label.lower()}: {count}"
        for level, count in per_level.items()
        if count
    )
    reasoning = [
        f"{len(rows)} {'partij' if len(rows) == 1 else 'partijen'} met een "
        f"participatieniveau ({spread}).",
        WEIGHTS_TEXT,
        f"Gewogen gemiddeld niveau {number(average, 1)}, mediaan {number(middle, 1)}. Tot en "
        f"met {number(DESIGN_AT_MOST, 1)} geldt als laag, vanaf "
        f"{number(DEVELOPMENT_AT_LEAST, 1)} als hoog.",
    ]
    if high:
        reasoning.append(f"Hoog (meebeslissen of zelf ontwikkelen): {_names(high)}.")
    if low:
        reasoning.append(f"Laag (informeren of raadplegen): {_names(low)}.")
    reasoning.append(conclusion)
    return ApproachAdvice(
        approach,
        approach.label,
        len(rows),
        per_level,
        float(average),
        middle,
        reasoning,
        tuple(high),
        tuple(low),
    )


def _parties(agreement: Agreement) -> list[tuple[Party, bool]]:
    p = agreement.partnership
    return [(x, True) for x in p.partners] + [(x, False) for x in p.stakeholders]


def advise_approach(agreement: Agreement) -> ApproachAdvice:
    """The design or development approach for the programme as a whole.

    A weighted mean of every party's general participation level (partners and target
    groups count double), rounded to one decimal before it is compared.
    """
    return _advise(
        [(party, partner, party.participation_level) for party, partner in _parties(agreement)]
    )


def _tracks(
    agreement: Agreement,
) -> list[tuple[str, str, Literal["sub_programme", "project"], set[str]]]:
    """Every track: each sub-programme with its projects, then each project outside one
    that some party has a level of its own for."""
    org = agreement.organisation
    named = {t.track for party, _p in _parties(agreement) for t in party.track_levels}
    found: list[tuple[str, str, Literal["sub_programme", "project"], set[str]]] = []
    for sub in org.sub_programmes:
        projects = {p.id for p in org.projects if p.sub_programme == sub.id}
        found.append((sub.id, sub.name, "sub_programme", projects))
    subs = {sub.id for sub in org.sub_programmes}
    for project in org.projects:
        if project.id in named and project.sub_programme not in subs:
            found.append((project.id, project.name, "project", set()))
    return found


def _level_in(party: Party, track: str, projects: set[str]) -> ParticipationLevel | None:
    """The party's own level in a track: the one for the track itself, else the highest
    for a project in it (where it has most say); None when it has none there."""
    direct = [t.level for t in party.track_levels if t.track == track]
    if direct:
        return direct[0]
    inner = [t.level for t in party.track_levels if t.track in projects]
    return max(inner) if inner else None


def advise_approach_per_track(agreement: Agreement) -> list[TrackAdvice]:
    """The approach per sub-programme (and per project with levels of its own).

    A party counts with its level for that track where it has one, else with its general
    level. ``differs`` tells whether the track comes out otherwise than the programme.
    """
    programme = advise_approach(agreement).approach
    result = []
    for track, name, kind, projects in _tracks(agreement):
        rows = []
        own = 0
        changed = []
        for party, partner in _parties(agreement):
            level = _level_in(party, track, projects)
            if level is None:
                level = party.participation_level
            else:
                own += 1
                if level != party.participation_level:
                    changed.append(
                        (
                            -weight(party, partner),
                            f"{party.name} ({int(level)}, elders {int(party.participation_level)})",
                        )
                    )
            rows.append((party, partner, level))
        advice = _advise(rows)
        named = tuple(text for _w, text in sorted(changed, key=lambda item: item[0]))
        result.append(
            TrackAdvice(track, name, kind, own, advice.approach != programme, advice, named)
        )
    return result


def track_summary(item: TrackAdvice) -> str:
    """One line on a track's approach, as the document, the CLI and the web show it."""
    what = "Deelprogramma" if item.kind == "sub_programme" else "Project"
    advice = item.advice
    compared = "anders dan" if item.differs else "zoals"
    own = (
        "geen partij werkt hier op een eigen niveau"
        if not item.own_levels
        else f"{item.own_levels} {'partij werkt' if item.own_levels == 1 else 'partijen werken'} "
        "hier op een eigen niveau"
    )
    changed = f": {_names(list(item.changed))}" if item.changed else ""
    return (
        f"{what} '{item.name}': {advice.label.lower()}, {compared} in het programma als geheel. "
        f"Gewogen gemiddeld niveau {number(advice.mean_level, 1)}; {own}{changed}."
    )


def advice_as_dict(agreement: Agreement) -> dict[str, Any]:
    """Both pieces of advice as plain data, for JSON output."""
    tracks = []
    for item in advise_approach_per_track(agreement):
        data = asdict(item)
        data["advice"] = _approach_data(item.advice)
        tracks.append(data)
    return {
        "structure": [asdict(item) for item in advise_structure(agreement)],
        "project_teams": [asdict(team) for team in project_teams(agreement)],
        "complexity": [asdict(item) for item in advise_complexity(agreement)],
        "approach": _approach_data(advise_approach(agreement)),
        "approach_per_track": tracks,
    }


def _approach_data(approach: ApproachAdvice) -> dict[str, Any]:
    data = asdict(approach)
    data["approach"] = approach.approach.value if approach.approach else None
    data["high"] = list(approach.high)
    data["low"] = list(approach.low)
    return data
