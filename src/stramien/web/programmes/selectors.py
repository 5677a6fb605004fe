"""Reads: what pages show about programmes. No writes here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from stramien.model import Agreement, budget_stages, payer_names, tracks_stages
from stramien.render import FORMATS, figures
from stramien.render.blocks import Figure
from stramien.rules import Report, evaluate
from stramien.rules.context import euro
from stramien.rules.hierarchy import rollup

from .models import Membership, Programme, Revision
from .store import LRU, load_head

#: Every format a version can be downloaded in: the documents and the agreement as data.
DOWNLOADS = {
    **FORMATS,
    "yaml": "application/yaml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}

# Short alt texts for the overview; the section each figure belongs to has the data as text.
FIGURE_LINKS = (
    (
        "goal_tree",
        _("Doelenboom"),
        _("Doelenboom: de ambitie bovenaan, de doelen eronder"),
        "doelen",
    ),
    ("organogram", _("Organogram"), _("Organogram van de programmaorganisatie"), "organisatie"),
    (
        "participation_matrix",
        _("Participatiematrix"),
        _("Participatiematrix: belanghebbenden per niveau van participatie"),
        "partnerschap",
    ),
    ("phasing_gantt", _("Fasering"), _("Fasering met mijlpalen in de tijd"), "planning"),
    (
        "budget_chart",
        _("Begroting en dekking"),
        _("Kosten per fase en jaar, bijdragen per partner en het dekkingstekort"),
        "financien",
    ),
    ("risk_heatmap", _("Risicokaart"), _("Risicokaart: risico's naar kans en impact"), "risicos"),
)

# What a page says instead of a figure that has nothing to draw yet.
FIGURE_EMPTY = {
    "goal_tree": _("Zodra er een doel is, tekent Stramien hier de doelenboom."),
    "organogram": _(
        "Zodra er een orgaan of een procesregisseur is, tekent Stramien hier het organogram."
    ),
    "participation_matrix": _(
        "Zodra er partners of belanghebbenden zijn, tekent Stramien hier de participatiematrix."
    ),
    "phasing_gantt": _("Zodra er een fase of een mijlpaal is, tekent Stramien hier de fasering."),
    "budget_chart": _(
        "Zodra er een kostenpost of een bijdrage is, tekent Stramien hier de begroting en de "
        "dekking."
    ),
    "risk_heatmap": _("Zodra er een risico is, tekent Stramien hier de risicokaart."),
}

# The single figures the web pages show, drawn by the same functions as the documents.
FIGURES = {name: figures.DOCUMENT_FIGURES[name] for name, *_rest in FIGURE_LINKS}


def figure_links(agreement: Agreement, content_hash: str) -> list[dict[str, Any]]:
    """Every figure of the web pages, with ``drawn``: whether it has anything to draw yet (a
    page shows the picture only then, and otherwise says in words what is missing)."""
    return [
        {**figure_link(name), "drawn": has_figure(agreement, content_hash, name)}
        for name, *_rest in FIGURE_LINKS
    ]


def figure_link(name: str) -> dict[str, Any]:
    """One figure's title, alt text, the section whose data it draws, and what a page says
    while it has nothing to draw."""
    title, alt, section = next(rest for found, *rest in FIGURE_LINKS if found == name)
    return {
        "name": name,
        "title": title,
        "alt": alt,
        "section": section,
        "empty": FIGURE_EMPTY[name],
    }


def section_figures(
    agreement: Agreement, content_hash: str, names: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The figures of one section editor, as :func:`figure_links` gives them."""
    return [
        {**figure_link(name), "drawn": has_figure(agreement, content_hash, name)} for name in names
    ]


def has_figure(agreement: Agreement, content_hash: str, name: str) -> bool:
    found: bool = _drawable.get((content_hash, name), lambda: figures.has_figure(agreement, name))
    return found


# Results that depend only on the document's hash.
_agreements = LRU(64)
_reports = LRU(64)
_figures = LRU(256)
_drawable = LRU(1024)


def forget_results() -> None:
    """Empty this process's caches of validated versions and their results (for tests and
    benchmarks)."""
    for cache in (_agreements, _reports, _figures, _drawable):
        cache.clear()


def head_agreement(programme: Programme) -> Agreement:
    """The newest version, validated once per version (kept by its content hash); the
    document is read (from the document cache, see ``load_head``) only on a miss."""
    found: Agreement | None = _agreements.lookup(programme.head_content_hash)
    if found is not None:
        return found
    document = load_head(programme)
    value: Agreement = _agreements.get(
        programme.head_content_hash, lambda: Agreement.model_validate(document)
    )
    return value


def head_with_report(programme: Programme) -> tuple[Agreement, Report]:
    """The newest version and its checks, each computed once per version."""
    agreement = head_agreement(programme)
    return agreement, report_of(agreement, programme.head_content_hash)


def remember_agreement(content_hash: str, agreement: Agreement) -> None:
    """A save validated this version already; the page after the save need not again."""
    _agreements.get(content_hash, lambda: agreement)


def report_of(agreement: Agreement, content_hash: str) -> Report:
    value: Report = _reports.get(content_hash, lambda: evaluate(agreement))
    return value


def figure_of(agreement: Agreement, content_hash: str, name: str) -> Figure | None:
    make = FIGURES[name]
    value = _figures.get((content_hash, name), lambda: make(agreement))
    return value if isinstance(value, Figure) else None


@dataclass
class ProgrammeRow:
    programme: Programme
    role: str
    party_id: str
    #: The name of the organisation the user speaks for ('' when none).
    party_name: str = ""


def _partner_names(programmes: list[Programme]) -> dict[int, dict[str, str]]:
    """Per programme the names of its partners, from its newest document (cached by hash)."""
    found: dict[int, dict[str, str]] = {}
    for programme in programmes:
        partners = load_head(programme).get("partnership", {}).get("partners", [])
        if isinstance(partners, list):
            found[programme.pk] = {
                str(p["id"]): str(p.get("name") or p["id"])
                for p in partners
                if isinstance(p, dict) and p.get("id")
            }
    return found


def my_programmes(user: Any) -> list[ProgrammeRow]:
    memberships = list(
        Membership.objects.filter(user=user).select_related("programme").order_by("programme__name")
    )
    names = _partner_names([m.programme for m in memberships if m.party_id])
    return [
        ProgrammeRow(
            m.programme,
            m.get_role_display(),
            m.party_id,
            names.get(m.programme_id, {}).get(m.party_id, m.party_id),
        )
        for m in memberships
    ]


def historical_authors(programme: Programme) -> list[str]:
    """Names in the programme's history of people who do not take part (any more): the
    authors an imported archive brought along, until the regisseur invites them."""
    members = Membership.objects.filter(programme=programme).values_list("user_id", flat=True)
    names = (
        Revision.objects.filter(programme=programme)
        .exclude(author_id__in=members)
        .values_list("author_name", flat=True)
        .distinct()
    )
    return sorted(set(names))


def _goal_outline(agreement: Agreement) -> list[dict[str, Any]]:
    """The goal tree as nested items (a text version of the diagram)."""
    goals = {goal.id: goal for goal in agreement.goals}
    partners = {p.id: p.name for p in agreement.partnership.partners}
    children: dict[str, list[str]] = {goal_id: [] for goal_id in goals}
    roots: list[str] = []
    for goal in agreement.goals:
        parents = [parent for parent in goal.contributes_to if parent in goals]
        if not parents:
            roots.append(goal.id)
        for parent in parents:
            children[parent].append(goal.id)

    def node(goal_id: str, seen: frozenset[str]) -> dict[str, Any]:
        goal = goals[goal_id]
        below = [c for c in children[goal_id] if c not in seen]
        return {
            "id": goal.id,
            "title": goal.title,
            "partners": [partners.get(p, p) for p in goal.partners],
            "children": [node(c, seen | {c}) for c in below],
        }

    return [node(root, frozenset({root})) for root in roots]


def _finance_totals(agreement: Agreement) -> dict[str, Any]:
    years: dict[int, dict[str, Decimal]] = {}
    partners: dict[str, dict[str, Decimal]] = {}
    # A funder who does not sign still pays: its money counts and shows its name.
    names = payer_names(agreement.partnership)
    zero = Decimal(0)
    for cost in agreement.finance.cost_items:
        years.setdefault(cost.year, {"costs": zero, "cash": zero, "kind": zero})
        years[cost.year]["costs"] += cost.amount
    for contribution in agreement.finance.contributions:
        bucket = "kind" if contribution.kind.in_kind else "cash"
        years.setdefault(contribution.year, {"costs": zero, "cash": zero, "kind": zero})
        years[contribution.year][bucket] += contribution.amount
        partners.setdefault(contribution.partner, {"cash": zero, "kind": zero})
        partners[contribution.partner][bucket] += contribution.amount
    costs = sum((y["costs"] for y in years.values()), zero)
    cash = sum((y["cash"] for y in years.values()), zero)
    kind = sum((y["kind"] for y in years.values()), zero)
    gap = costs - cash - kind
    return {
        "years": [
            {
                "year": year,
                "costs": euro(v["costs"]),
                "cash": euro(v["cash"]),
                "kind": euro(v["kind"]),
                "gap": euro(v["costs"] - v["cash"] - v["kind"]),
            }
            for year, v in sorted(years.items())
        ],
        "partners": [
            {"name": names.get(pid, pid), "cash": euro(v["cash"]), "kind": euro(v["kind"])}
            for pid, v in sorted(partners.items(), key=lambda kv: names.get(kv[0], kv[0]))
        ],
        "costs": euro(costs),
        "cash": euro(cash),
        "kind": euro(kind),
        "gap": euro(gap),
        "covered": gap <= 0,
        "stages": _stage_totals(agreement),
    }


def _stage_totals(agreement: Agreement) -> dict[str, str] | None:
    """Budgeted, committed, spent and free, once any cost item records committed or spent
    money; else None."""
    items = agreement.finance.cost_items
    if not tracks_stages(items):
        return None
    stages = budget_stages(items)
    return {
        "budgeted": euro(stages.budgeted),
        "committed": euro(stages.committed),
        "spent": euro(stages.spent),
        "free": euro(stages.free),
    }


def sub_programme_summary(agreement: Agreement) -> dict[str, Any] | None:
    """Per sub-programme (or pillar) its owner, projects and money; None without them."""
    if not agreement.organisation.sub_programmes:
        return None
    found = rollup(agreement)
    names = {p.id: p.name for p in agreement.partnership.partners}
    rows = [
        {
            "name": group.name,
            "kind": group.sub_programme.kind.label if group.sub_programme else "",
            "owner": names.get(group.owner or "", "—"),
            "projects": len([p for p in group.projects if p.project is not None]),
            "total": euro(group.total),
            "ceiling": euro(group.ceiling) if group.ceiling is not None else "—",
            "over": group.over_ceiling > 0,
            "covered": euro(group.covered),
        }
        for group in found.groups
    ]
    return {
        "type": "sub_programmes",
        "rows": rows,
        "total": euro(found.total),
        "tied": found.tied,
    }


def section_summary(key: str, agreement: Agreement) -> dict[str, Any] | None:
    """Running totals or an outline shown beside a section's form, if it has one."""
    if key == "organisatie":
        return sub_programme_summary(agreement)
    if key == "financien":
        return {"type": "finance", **_finance_totals(agreement)}
    if key == "doelen":
        return {"type": "goals", "outline": _goal_outline(agreement)}
    return None


def memberships_of(user: Any) -> QuerySet[Membership]:
    """The user's roles, with their programmes, by name."""
    return (
        Membership.objects.filter(user_id=user.pk)
        .select_related("programme")
        .order_by("programme__name", "programme__pk")
    )


def revisions_of(programme: Programme) -> QuerySet[Revision]:
    """Every revision of the programme, the newest first, without their payloads."""
    return Revision.objects.filter(programme=programme).defer("payload").order_by("-number")


def revision_of(programme: Programme, number: int) -> Revision | None:
    """Revision ``number`` of the programme (without its payload); None when there is none."""
    return Revision.objects.filter(programme=programme, number=number).defer("payload").first()


def members_of(programme: Programme) -> QuerySet[Membership]:
    """The programme's members with their accounts, by role and name."""
    return (
        Membership.objects.filter(programme=programme)
        .select_related("user")
        .order_by("role", "user__last_name", "user__first_name", "pk")
    )
