"""The programme of projects in the document: sub-programmes with their projects and money."""

from __future__ import annotations

from decimal import Decimal

from stramien.formatting import euro
from stramien.rules.hierarchy import ProgrammeRollup, rollup

from .blocks import Facts
from .outline_builder import OutlineBuilder


def _goals(b: OutlineBuilder, ids: tuple[str, ...] | list[str]) -> str:
    return "; ".join(b.goal_titles.get(g, g) for g in ids) or "—"


def _covered(found: ProgrammeRollup) -> Decimal:
    return sum((c.amount for c in found.untied), Decimal(0))


def sub_programmes(b: OutlineBuilder) -> None:
    """§4.5 "Deelprogramma's en projecten": one roll-up table sub-programme → project →
    amount whose totals add up, then per sub-programme its owner, goals, projects and money."""
    if not b.agreement.organisation.sub_programmes:
        return
    found = rollup(b.agreement)
    b.heading(3, "Deelprogramma's en projecten", "deelprogrammas")
    rows: list[tuple[str, str, str]] = []
    for group in found.groups:
        for index, part in enumerate(group.projects):
            rows.append((group.name if index == 0 else "", part.name, euro(part.total)))
        if not group.projects:
            rows.append((group.name, "(geen projecten)", euro(0)))
        rows.append(("", "Subtotaal", euro(group.total)))
    rows.append(("Totaal", "", euro(found.total)))
    b.table(
        "Begroting per deelprogramma en project",
        ("Deelprogramma", "Project", "Bedrag"),
        rows,
        numeric=(2,),
        widths=(2.5, 3.5, 1.5),
    )
    for group in found.assigned:
        sub = group.sub_programme
        assert sub is not None
        # "Pijler: Lokale pijler" says it twice; a name with the kind in it stands alone.
        named = sub.kind.label.lower() in sub.name.lower()
        title = sub.name if named else f"{sub.kind.label}: {sub.name}"
        b.heading(3, title, f"deelprogramma-{sub.id}")
        b.text(sub.description)
        facts = [
            ("Eigenaar", b.names.get(sub.owner or "", "—")),
            ("Eigen doelen", _goals(b, sub.goals)),
            ("Doelen van de projecten", _goals(b, [g for g in group.goals if g not in sub.goals])),
            ("Projecten", ", ".join(p.name for p in group.projects) or "—"),
            ("Begroot", euro(group.total)),
        ]
        if sub.budget_ceiling is not None:
            facts.append(("Budgetplafond", euro(sub.budget_ceiling)))
        if found.tied:
            facts.append(("Gedekt door bijdragen aan zijn posten", euro(group.covered)))
        b.add(Facts(tuple(facts)))


def budget_per_sub_programme(b: OutlineBuilder) -> None:
    """§4.4: costs, ceiling and coverage per sub-programme, with totals equal to the
    budget and the financing as a whole."""
    if not b.agreement.organisation.sub_programmes:
        return
    found = rollup(b.agreement)
    # Coverage per sub-programme only means something once contributions name cost items.
    covers = found.tied
    rows = [
        (
            group.name,
            b.names.get(group.owner or "", "—"),
            euro(group.ceiling) if group.ceiling is not None else "—",
            euro(group.total),
            *((euro(group.covered),) if covers else ()),
        )
        for group in found.groups
    ]
    headers = ["Deelprogramma", "Eigenaar", "Plafond", "Begroot"]
    if covers:
        headers.append("Gedekt door bijdragen")
        untied = _covered(found)
        if found.untied:
            rows.append(("Bijdragen zonder begrotingspost", "", "", "", euro(untied)))
        covered = sum((g.covered for g in found.groups), untied)
        rows.append(("Totaal", "", "", euro(found.total), euro(covered)))
    else:
        rows.append(("Totaal", "", "", euro(found.total)))
    b.table(
        "Kosten en dekking per deelprogramma" if covers else "Kosten per deelprogramma",
        headers,
        rows,
        numeric=(2, 3, 4),
        widths=(3, 2.5, 1.5, 1.5, 1.8) if covers else (3, 2.5, 1.5, 1.5),
    )
