"""Checks for the annex to §4: the checklist, teams and (sub)projects."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from stramien.formatting import euro, number
from stramien.model import BodyKind, Member, MemberRole, is_blank
from stramien.model.dates import overlaps, plan_date

from .advice import PROJECT_TEAM_MAX, advise_complexity, advise_structure, project_teams
from .context import Context
from .registry import Hit, Section, rule

S = Section.ORGANISATION
PROJECT_KINDS = (BodyKind.PROJECT_TEAM, BodyKind.SUBPROJECT_TEAM)


def _has_projects(ctx: Context) -> bool:
    return bool(ctx.agreement.organisation.projects)


@rule(
    "org-checklist-unanswered",
    S,
    "warning",
    "Checklist inrichting beantwoord",
    "Beantwoord elke vraag van de checklist met ja of nee; het advies over de "
    "programmaorganisatie hangt ervan af.",
)
def checklist_unanswered(ctx: Context) -> Iterator[Hit]:
    for item in advise_structure(ctx.agreement):
        if item.status == "unanswered":
            yield Hit(
                ctx.path("organisation", "checklist", item.key),
                f"Nog niet beantwoord: {item.question}",
            )


@rule(
    "org-element-missing",
    S,
    "warning",
    "Wat de checklist vraagt is ingericht",
    "Richt het onderdeel in dat bij dit antwoord hoort, of herzie het antwoord.",
)
def element_missing(ctx: Context) -> Iterator[Hit]:
    for item in advise_structure(ctx.agreement):
        if item.status == "missing" and not item.key.startswith("always:"):
            yield Hit(
                ctx.path("organisation", "checklist", item.key),
                f"De checklist vraagt om: {item.element.lower()} ({item.why}) Dat is er nog niet.",
            )


@rule(
    "org-element-unneeded",
    S,
    "tip",
    "Niet complexer dan nodig",
    "Maak het programma niet complexer dan strikt nodig: hef het onderdeel op, of beantwoord "
    "de vraag in de checklist met ja en leg uit waarom het nodig is.",
)
def element_unneeded(ctx: Context) -> Iterator[Hit]:
    for item in advise_structure(ctx.agreement):
        if item.status == "unneeded":
            yield Hit(
                ctx.path("organisation", "checklist", item.key),
                f"Er is een {item.element.lower()}, maar volgens de checklist is die niet nodig.",
            )


@rule(
    "org-project-team-too-large",
    S,
    "error",
    f"Projectteam van hoogstens {PROJECT_TEAM_MAX} deelnemers",
    f"Houd het projectteam op {PROJECT_TEAM_MAX} deelnemers of minder en verdeel het werk "
    "over deelprojectteams (organen met de soort 'Deelprojectteam').",
    applies=lambda ctx: ctx.has_body(BodyKind.PROJECT_TEAM),
)
def project_team_too_large(ctx: Context) -> Iterator[Hit]:
    # Counted per team: the stramien's maximum is for the project team itself; a large
    # sub-project team is advice (stramien advise), not an error.
    index = {body.id: i for i, body in enumerate(ctx.agreement.organisation.bodies)}
    for team in project_teams(ctx.agreement):
        if team.too_large and team.kind == BodyKind.PROJECT_TEAM:
            yield Hit(
                ctx.path("organisation", "bodies", index[team.id], "members"),
                f"Projectteam '{team.name}' heeft {team.people} deelnemers; het maximum "
                f"per team is {PROJECT_TEAM_MAX}.",
            )


@rule(
    "org-body-incomplete",
    S,
    "warning",
    "Elk orgaan met taken en leden",
    "Beschrijf per orgaan waarvoor het verantwoordelijk is en wie erin zitten.",
    applies=lambda ctx: bool(ctx.agreement.organisation.bodies),
)
def body_incomplete(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.agreement.organisation.bodies):
        if is_blank(body.tasks):
            yield Hit(
                ctx.path("organisation", "bodies", i, "tasks"),
                f"Bij {body.kind.label.lower()} '{body.name}' staan geen taken.",
            )
        # Boards and the regiegroep have their own check (governance-body-not-composed).
        if not body.members and not (body.kind.is_board or body.kind is BodyKind.DIRECTION_GROUP):
            yield Hit(
                ctx.path("organisation", "bodies", i, "members"),
                f"{body.kind.label} '{body.name}' heeft geen leden.",
            )


@rule(
    "org-reporting-line",
    S,
    "error",
    "Verantwoordingslijnen kloppen",
    "Een orgaan legt verantwoording af aan een ander orgaan; zorg dat de lijnen eindigen bij "
    "de stuurgroep of het algemeen bestuur en nergens in een kring lopen.",
    applies=lambda ctx: bool(ctx.agreement.organisation.bodies),
)
def reporting_line(ctx: Context) -> Iterator[Hit]:
    bodies = {body.id: body for body in ctx.agreement.organisation.bodies}
    for i, body in enumerate(ctx.agreement.organisation.bodies):
        seen = {body.id}
        current = body.reports_to
        while current is not None and current in bodies:
            if current in seen:
                yield Hit(
                    ctx.path("organisation", "bodies", i, "reports_to"),
                    f"De verantwoordingslijn van '{body.name}' loopt in een kring.",
                )
                break
            seen.add(current)
            current = bodies[current].reports_to


@rule(
    "org-team-without-line",
    S,
    "tip",
    "Elk orgaan hangt onder een hoger orgaan",
    "Kies bij 'Legt verantwoording af aan' het orgaan waaraan dit team verantwoording aflegt.",
    applies=lambda ctx: len(ctx.agreement.organisation.bodies) > 1,
)
def team_without_line(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.agreement.organisation.bodies):
        if not body.kind.is_board and body.reports_to is None:
            yield Hit(
                ctx.path("organisation", "bodies", i, "reports_to"),
                f"Bij '{body.name}' staat niet aan wie het verantwoording aflegt.",
            )


def _members(ctx: Context) -> Iterator[tuple[str, Member]]:
    """Every person in the organisation with the path to them: director and body members."""
    org = ctx.agreement.organisation
    if org.process_director is not None:
        yield ctx.path("organisation", "process_director"), org.process_director
    for i, body in enumerate(org.bodies):
        for j, member in enumerate(body.members):
            yield ctx.path("organisation", "bodies", i, "members", j), member


@rule(
    "org-independent-with-organisation",
    S,
    "warning",
    "Een onafhankelijk lid vertegenwoordigt geen organisatie",
    "Laat bij een onafhankelijk voorzitter of lid 'Organisatie' leeg, of zet 'Onafhankelijk' "
    "op nee als deze persoon wel namens een organisatie zitting heeft.",
    applies=lambda ctx: (
        bool(ctx.agreement.organisation.bodies)
        or ctx.agreement.organisation.process_director is not None
    ),
)
def independent_with_organisation(ctx: Context) -> Iterator[Hit]:
    for path, member in _members(ctx):
        if member.independent and member.organisation is not None:
            name = ctx.names.get(member.organisation, member.organisation)
            yield Hit(
                f"{path}.organisation",
                f"{member.name} is onafhankelijk, maar zit er namens {name}.",
            )


@rule(
    "org-chair-independent",
    S,
    "tip",
    "Voorzitter zonder organisatie is onafhankelijk",
    "Zit deze voorzitter er namens niemand? Zet 'Onafhankelijk' op ja. Zit hij of zij er "
    "namens een partner, kies dan die organisatie.",
    applies=lambda ctx: bool(ctx.agreement.organisation.bodies),
)
def chair_independent(ctx: Context) -> Iterator[Hit]:
    for i, body in enumerate(ctx.agreement.organisation.bodies):
        for j, member in enumerate(body.members):
            if (
                member.role is MemberRole.CHAIR
                and member.organisation is None
                and not member.independent
            ):
                yield Hit(
                    ctx.path("organisation", "bodies", i, "members", j, "independent"),
                    f"{member.name}, voorzitter van '{body.name}', zit er namens geen "
                    "organisatie maar is niet als onafhankelijk aangemerkt.",
                )


@rule(
    "org-body-large",
    S,
    "tip",
    "Organen niet groter dan nodig",
    "Maak het niet complexer dan strikt nodig: maak het orgaan kleiner, laat partijen elkaar "
    "vertegenwoordigen, of geef een klein dagelijks bestuur een mandaat.",
    applies=lambda ctx: bool(ctx.agreement.organisation.bodies),
)
def body_large(ctx: Context) -> Iterator[Hit]:
    for item in advise_complexity(ctx.agreement):
        if item.kind == "large":
            yield Hit(
                ctx.path("organisation", "bodies", item.indexes[0], "members"),
                f"{item.message} {item.reasoning}",
            )


@rule(
    "org-bodies-overlap",
    S,
    "tip",
    "Geen twee organen met dezelfde mensen",
    "Voeg organen met grotendeels dezelfde leden samen, of maak het verschil in taak en "
    "mandaat duidelijk.",
    applies=lambda ctx: len(ctx.agreement.organisation.bodies) > 1,
)
def bodies_overlap(ctx: Context) -> Iterator[Hit]:
    for item in advise_complexity(ctx.agreement):
        if item.kind == "overlap":
            yield Hit(
                ctx.path("organisation", "bodies", item.indexes[1], "members"),
                f"{item.message} {item.reasoning}",
            )


@rule(
    "org-projects-missing",
    S,
    "error",
    "Projecten uitgewerkt",
    "Werk per (deel)project uit: doelen, onderzoeksvragen, opleveringen, budget en opdrachtgever.",
    applies=lambda ctx: any(ctx.has_body(kind) for kind in PROJECT_KINDS),
)
def projects_missing(ctx: Context) -> Iterator[Hit]:
    has_team = any(ctx.has_body(kind) for kind in PROJECT_KINDS)
    if has_team and not ctx.agreement.organisation.projects:
        yield Hit(
            "organisation.projects",
            "Er is een projectteam, maar de (deel)projecten zijn niet uitgewerkt.",
        )


# Goals are checked for all projects together (org-projects-without-goal).
_PROJECT_PARTS = {
    "research_questions": "onderzoeksvragen",
    "deliverables": "opleveringen (wat en wanneer)",
    "commissioning_client": "(ambtelijk) opdrachtgever",
}


@rule(
    "org-project-incomplete",
    S,
    "error",
    "Elk (deel)project volledig",
    "Geef per (deel)project de doelen (subset van de doelenboom), de belangrijkste "
    "onderzoeksvragen, wat wanneer wordt opgeleverd, het budget en de opdrachtgever.",
    applies=_has_projects,
)
def project_incomplete(ctx: Context) -> Iterator[Hit]:
    budget: dict[str, Decimal] = {}
    for item in ctx.agreement.finance.cost_items:
        if item.project is not None:
            budget[item.project] = budget.get(item.project, Decimal(0)) + item.amount
    for i, project in enumerate(ctx.agreement.organisation.projects):
        missing = [
            label for name, label in _PROJECT_PARTS.items() if is_blank(getattr(project, name))
        ]
        if not budget.get(project.id):
            missing.append("budget (kostenposten in de begroting die bij dit project horen)")
        if missing:
            yield Hit(
                ctx.path("organisation", "projects", i),
                f"Bij (deel)project '{project.name}' ontbreekt: {', '.join(missing)}.",
            )


_LISTED = 10  # goals named in one finding; the rest are counted


def _numbered(count: int, singular: str, plural: str) -> str:
    return f"{count} {singular if count == 1 else plural}"


@rule(
    "org-projects-without-goal",
    S,
    "error",
    "Projecten dienen de doelenboom",
    "Koppel elk (deel)project aan de doelen uit de doelenboom waaraan het werkt, of "
    "overweeg of het project nodig is: een project dat geen doel dient, is geld zonder "
    "bijdrage aan de ambitie.",
    applies=_has_projects,
)
def projects_without_goal(ctx: Context) -> Iterator[Hit]:
    projects = ctx.agreement.organisation.projects
    aimless = [p for p in projects if not any(goal in ctx.goals for goal in p.goals)]
    if not aimless:
        return
    ids = {p.id for p in aimless}
    items = ctx.agreement.finance.cost_items
    money = sum((i.amount for i in items if i.project in ids), Decimal(0))
    total = sum((i.amount for i in items), Decimal(0))
    share = f", {number(money * 100 / total, 0, '%')} van de begroting" if total > 0 else ""
    verb = "dient" if len(aimless) == 1 else "dienen"
    names = ", ".join(f"'{p.name}'" for p in aimless)
    yield Hit(
        "organisation.projects",
        f"{len(aimless)} van {_numbered(len(projects), 'project', 'projecten')} "
        f"({euro(money)}{share}) {verb} geen doel uit de doelenboom: {names}.",
    )


@rule(
    "org-goals-without-project",
    S,
    # A tip: a goal may well be reached through the partners' regular work instead.
    "tip",
    "Elk doel heeft een project",
    "Geef elk doel onderaan de doelenboom een (deel)project dat eraan werkt, of leg uit "
    "hoe het doel anders wordt bereikt.",
    applies=lambda ctx: bool(ctx.goals) and _has_projects(ctx),
)
def goals_without_project(ctx: Context) -> Iterator[Hit]:
    goals = ctx.agreement.goals
    served_by_goals = {higher for goal in goals for higher in goal.contributes_to}
    served_by_projects = {g for p in ctx.agreement.organisation.projects for g in p.goals}
    orphans = [g for g in goals if g.id not in served_by_goals | served_by_projects]
    if orphans:
        leaves = sum(1 for g in goals if g.id not in served_by_goals)
        titles = ", ".join(f"'{g.title}'" for g in orphans[:_LISTED])
        if len(orphans) > _LISTED:
            titles += f" en {len(orphans) - _LISTED} andere"
        verb = "heeft" if len(orphans) == 1 else "hebben"
        yield Hit(
            "goals",
            f"{len(orphans)} van {_numbered(leaves, 'doel', 'doelen')} onderaan de doelenboom "
            f"{verb} geen (deel)project dat eraan werkt: {titles}.",
        )


@rule(
    "org-project-team",
    S,
    "warning",
    "Elk (deel)project heeft een team",
    "Kies bij het project het 'Team': een projectteam of deelprojectteam.",
    applies=_has_projects,
)
def project_team(ctx: Context) -> Iterator[Hit]:
    bodies = {body.id: body for body in ctx.agreement.organisation.bodies}
    for i, project in enumerate(ctx.agreement.organisation.projects):
        team = bodies.get(project.team) if project.team else None
        if team is None:
            yield Hit(
                ctx.path("organisation", "projects", i, "team"),
                f"(Deel)project '{project.name}' heeft geen team.",
            )
        elif team.kind not in PROJECT_KINDS:
            yield Hit(
                ctx.path("organisation", "projects", i, "team"),
                f"Het team van '{project.name}' is een {team.kind.label.lower()}, geen "
                "projectteam of deelprojectteam.",
            )


@rule(
    "org-deliverable-outside-period",
    S,
    "warning",
    "Opleveringen binnen de looptijd",
    "Zet de opleverdatum binnen de looptijd van het programma, of verleng de looptijd.",
    applies=_has_projects,
)
def deliverable_outside_period(ctx: Context) -> Iterator[Hit]:
    for i, project in enumerate(ctx.agreement.organisation.projects):
        for j, deliverable in enumerate(project.deliverables):
            if not overlaps(*deliverable.window, ctx.start, ctx.end):
                when = plan_date(deliverable.due, deliverable.due_precision, style="short")
                yield Hit(
                    ctx.path("organisation", "projects", i, "deliverables", j, "due"),
                    f"'{deliverable.title}' ({when}) valt buiten de looptijd van het programma.",
                )


@rule(
    "org-citizen-initiative-how",
    S,
    "warning",
    "Samenwerking met burgerinitiatieven beschreven",
    "Beschrijf hoe de samenwerking met dit burgerinitiatief procesmatig is vormgegeven.",
    applies=lambda ctx: bool(ctx.agreement.organisation.citizen_initiatives),
)
def citizen_initiative_how(ctx: Context) -> Iterator[Hit]:
    for i, initiative in enumerate(ctx.agreement.organisation.citizen_initiatives):
        if is_blank(initiative.how):
            yield Hit(
                ctx.path("organisation", "citizen_initiatives", i, "how"),
                f"Bij burgerinitiatief '{initiative.name}' staat niet hoe wordt samengewerkt.",
            )


@rule(
    "org-alliance-incomplete",
    S,
    "warning",
    "Allianties met partijen en doel",
    "Noem per alliantie met welke partijen zij wordt gesloten en wat zij regelt.",
    applies=lambda ctx: bool(ctx.agreement.organisation.alliances),
)
def alliance_incomplete(ctx: Context) -> Iterator[Hit]:
    for i, alliance in enumerate(ctx.agreement.organisation.alliances):
        if not alliance.parties or is_blank(alliance.purpose):
            yield Hit(
                ctx.path("organisation", "alliances", i),
                f"Bij alliantie '{alliance.name}' ontbreken de partijen of het doel.",
            )
