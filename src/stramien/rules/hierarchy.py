"""Programmes of projects: roll-ups along sub-programme → project → cost item, and their checks.

A sub-programme (or pillar) groups projects; it does no work of its own. Its budget is what
its projects' cost items add up to, its coverage what the contributions tied to those cost
items bring in, its goals its own plus those of its projects. Everything outside a
sub-programme lands in one group "Niet toegewezen", so the groups always add up to the
whole budget.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from stramien.formatting import euro
from stramien.model import Agreement, Contribution, CostItem, Project, SubProgramme

from .context import Context
from .registry import Hit, Section, rule

S = Section.ORGANISATION
UNASSIGNED = "Niet toegewezen"
NO_PROJECT = "Zonder project"


@dataclass(frozen=True)
class ProjectRollup:
    """One project (or, with ``project`` None, the cost items that name no project)."""

    project: Project | None
    cost_items: tuple[CostItem, ...]

    @property
    def name(self) -> str:
        return self.project.name if self.project is not None else NO_PROJECT

    @property
    def total(self) -> Decimal:
        return sum((item.amount for item in self.cost_items), Decimal(0))


@dataclass(frozen=True)
class SubProgrammeRollup:
    """One sub-programme with its projects, money and goals (``sub_programme`` None: the
    projects and cost items outside every sub-programme)."""

    sub_programme: SubProgramme | None
    projects: tuple[ProjectRollup, ...]
    contributions: tuple[Contribution, ...]
    goals: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.sub_programme.name if self.sub_programme is not None else UNASSIGNED

    @property
    def owner(self) -> str | None:
        return self.sub_programme.owner if self.sub_programme is not None else None

    @property
    def cost_items(self) -> tuple[CostItem, ...]:
        return tuple(item for project in self.projects for item in project.cost_items)

    @property
    def total(self) -> Decimal:
        return sum((project.total for project in self.projects), Decimal(0))

    @property
    def covered(self) -> Decimal:
        """What the contributions tied to this group's cost items bring in."""
        return sum((c.amount for c in self.contributions), Decimal(0))

    @property
    def ceiling(self) -> Decimal | None:
        return self.sub_programme.budget_ceiling if self.sub_programme is not None else None

    @property
    def over_ceiling(self) -> Decimal:
        """How far the cost items exceed the budget ceiling (0 without a ceiling)."""
        ceiling = self.ceiling
        return max(self.total - ceiling, Decimal(0)) if ceiling is not None else Decimal(0)


@dataclass(frozen=True)
class ProgrammeRollup:
    groups: tuple[SubProgrammeRollup, ...]
    untied: tuple[Contribution, ...]
    """Contributions tied to no (existing) cost item: they cover the programme as a whole."""

    @property
    def assigned(self) -> tuple[SubProgrammeRollup, ...]:
        return tuple(g for g in self.groups if g.sub_programme is not None)

    @property
    def unassigned(self) -> SubProgrammeRollup | None:
        """The group outside every sub-programme, if anything is in it."""
        return next((g for g in self.groups if g.sub_programme is None), None)

    @property
    def total(self) -> Decimal:
        return sum((g.total for g in self.groups), Decimal(0))

    @property
    def tied(self) -> bool:
        """True when some contribution names the cost item it covers."""
        return any(g.contributions for g in self.groups)


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def rollup(agreement: Agreement) -> ProgrammeRollup:
    """The programme as sub-programme → project → cost items; the groups add up to the whole
    budget. A project naming an unknown sub-programme, and a cost item naming an unknown
    project, count as not assigned."""
    org = agreement.organisation
    fin = agreement.finance
    subs = {s.id: s for s in org.sub_programmes}
    projects = {p.id: p for p in org.projects}
    items_of: dict[str | None, list[CostItem]] = {}
    for item in fin.cost_items:
        key = item.project if item.project in projects else None
        items_of.setdefault(key, []).append(item)
    contributions_of: dict[str, list[Contribution]] = {}
    for contribution in fin.contributions:
        contributions_of.setdefault(contribution.cost_item or "", []).append(contribution)

    def group(sub: SubProgramme | None, members: list[Project]) -> SubProgrammeRollup:
        parts = [ProjectRollup(p, tuple(items_of.get(p.id, []))) for p in members]
        if sub is None and items_of.get(None):
            parts.append(ProjectRollup(None, tuple(items_of[None])))
        own_goals = list(sub.goals) if sub is not None else []
        return SubProgrammeRollup(
            sub,
            tuple(parts),
            tuple(
                c
                for part in parts
                for item in part.cost_items
                for c in contributions_of.get(item.id, [])
            ),
            _unique(own_goals + [g for p in members for g in p.goals]),
        )

    members: dict[str | None, list[Project]] = {}
    for project in org.projects:
        key = project.sub_programme if project.sub_programme in subs else None
        members.setdefault(key, []).append(project)
    groups = [group(sub, members.get(sub.id, [])) for sub in org.sub_programmes]
    rest = group(None, members.get(None, []))
    if rest.projects:
        groups.append(rest)
    item_ids = {item.id for item in fin.cost_items}
    untied = tuple(c for c in fin.contributions if c.cost_item not in item_ids)
    return ProgrammeRollup(tuple(groups), untied)


def _has_sub_programmes(ctx: Context) -> bool:
    return bool(ctx.agreement.organisation.sub_programmes)


def _index(ctx: Context) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(ctx.agreement.organisation.sub_programmes)}


@rule(
    "org-sub-programme-without-projects",
    S,
    "warning",
    "Elk deelprogramma heeft projecten",
    "Een deelprogramma of pijler bundelt projecten. Kies bij de projecten die erbij horen dit "
    "deelprogramma, of schrap het deelprogramma als het geen eigen projecten heeft.",
    applies=_has_sub_programmes,
)
def sub_programme_without_projects(ctx: Context) -> Iterator[Hit]:
    used = {p.sub_programme for p in ctx.agreement.organisation.projects}
    for i, sub in enumerate(ctx.agreement.organisation.sub_programmes):
        if sub.id not in used:
            yield Hit(
                ctx.path("organisation", "sub_programmes", i),
                f"{sub.kind.label} '{sub.name}' heeft geen projecten.",
            )


@rule(
    "org-sub-programme-incomplete",
    S,
    "warning",
    "Elk deelprogramma met eigenaar en doelen",
    "Geef per deelprogramma of pijler aan welke partner er eigenaar van is en aan welke "
    "doelen uit de doelenboom het werkt.",
    applies=_has_sub_programmes,
)
def sub_programme_incomplete(ctx: Context) -> Iterator[Hit]:
    for i, sub in enumerate(ctx.agreement.organisation.sub_programmes):
        missing = []
        if sub.owner is None:
            missing.append("eigenaar")
        if not sub.goals:
            missing.append("doelen")
        if missing:
            yield Hit(
                ctx.path("organisation", "sub_programmes", i),
                f"Bij {sub.kind.label.lower()} '{sub.name}' ontbreekt: {' en '.join(missing)}.",
            )


@rule(
    "org-project-without-sub-programme",
    S,
    "warning",
    "Elk project hoort bij een deelprogramma",
    "Het programma is opgedeeld in deelprogramma's of pijlers; kies bij dit project het "
    "deelprogramma waartoe het hoort, zodat budget en doelen per deelprogramma kloppen.",
    applies=lambda ctx: _has_sub_programmes(ctx) and bool(ctx.agreement.organisation.projects),
)
def project_without_sub_programme(ctx: Context) -> Iterator[Hit]:
    for i, project in enumerate(ctx.agreement.organisation.projects):
        if project.sub_programme is None:
            yield Hit(
                ctx.path("organisation", "projects", i, "sub_programme"),
                f"Project '{project.name}' hoort bij geen deelprogramma.",
            )


@rule(
    "org-sub-programme-over-budget",
    S,
    "error",
    "Deelprogramma binnen zijn budgetplafond",
    "De kostenposten van de projecten in dit deelprogramma zijn samen hoger dan het "
    "budgetplafond. Verlaag de kosten, verschuif een project of verhoog het plafond.",
    applies=lambda ctx: any(
        s.budget_ceiling is not None for s in ctx.agreement.organisation.sub_programmes
    ),
)
def sub_programme_over_budget(ctx: Context) -> Iterator[Hit]:
    index = _index(ctx)
    for group in rollup(ctx.agreement).assigned:
        sub = group.sub_programme
        if sub is not None and sub.budget_ceiling is not None and group.over_ceiling > 0:
            yield Hit(
                ctx.path("organisation", "sub_programmes", index[sub.id], "budget_ceiling"),
                f"De projecten van {sub.kind.label.lower()} '{sub.name}' begroten samen "
                f"{euro(group.total)}; het plafond is {euro(sub.budget_ceiling)} "
                f"({euro(group.over_ceiling)} te veel).",
            )


def _served(ctx: Context, goal_id: str) -> set[str]:
    """``goal_id`` and every goal it contributes to, directly or through other goals."""
    seen: set[str] = set()
    todo = [goal_id]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        goal = ctx.goals.get(current)
        if goal is not None:
            todo.extend(goal.contributes_to)
    return seen


@rule(
    "org-project-goal-outside-sub-programme",
    S,
    "tip",
    "Projectdoelen passen bij het deelprogramma",
    "Een project werkt aan de doelen van zijn deelprogramma, of aan doelen die daaronder "
    "vallen in de doelenboom. Past een doel er niet bij, kijk dan of het project bij een "
    "ander deelprogramma hoort, of voeg het doel toe aan het deelprogramma.",
    applies=lambda ctx: any(s.goals for s in ctx.agreement.organisation.sub_programmes),
)
def project_goal_outside_sub_programme(ctx: Context) -> Iterator[Hit]:
    subs = {s.id: s for s in ctx.agreement.organisation.sub_programmes}
    for i, project in enumerate(ctx.agreement.organisation.projects):
        sub = subs.get(project.sub_programme or "")
        if sub is None or not sub.goals:
            continue
        own = set(sub.goals)
        for j, goal_id in enumerate(project.goals):
            if goal_id in ctx.goals and not _served(ctx, goal_id) & own:
                yield Hit(
                    ctx.path("organisation", "projects", i, "goals", j),
                    f"Doel '{ctx.name_of(goal_id)}' van project '{project.name}' valt niet "
                    f"onder de doelen van {sub.kind.label.lower()} '{sub.name}'.",
                )
