"""§4 of the document: goals, indicators, phasing, finance, organisation and risks."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from stramien.formatting import euro, number, short_date
from stramien.model import BudgetStages, budget_stages, successor_of, tracks_stages
from stramien.model.dates import plan_date
from stramien.model.numbering import paragraph
from stramien.rules import advise_structure
from stramien.rules.advice import STATUS_LABELS

from .blocks import Bullets, Facts, Paragraph
from .outline_builder import OutlineBuilder, in_governance, yes_no
from .outline_effects import effects
from .outline_hierarchy import budget_per_sub_programme, sub_programmes


def programme(b: OutlineBuilder) -> None:
    b.heading(1, paragraph("4").heading, "programma")
    _goal_tree(b)
    _indicators(b)
    _phasing(b)
    _finance(b)
    _organisation(b)
    _risks(b)


def _goal_tree(b: OutlineBuilder) -> None:
    b.heading(2, paragraph("4.1").heading, "doelenboom")
    b.figure("goal_tree")
    interests = {i.id: i.description for p in b.agreement.partnership.partners for i in p.interests}
    b.table(
        "Doelen en hun samenhang",
        ("Id", "Doel", "Draagt bij aan", "Partners", "Belangen"),
        (
            (
                g.id,
                g.title,
                "ambitie" if g.contributes_to_ambition else ", ".join(g.contributes_to),
                ", ".join(b.names.get(p, p) for p in g.partners),
                "; ".join(interests.get(i, i) for i in g.interests),
            )
            for g in b.agreement.goals
        ),
        widths=(1, 3, 1.5, 2.5, 3),
    )


def _indicators(b: OutlineBuilder) -> None:
    em = b.agreement.effect_measurement
    b.heading(2, paragraph("4.2").heading, "meerwaarde")
    b.text(em.method)
    b.table(
        "Dashboard van prestatie-indicatoren",
        ("Indicator", "Doel", "Nulmeting", "Streefwaarde", "Streefdatum", "Eigenaar"),
        (
            (
                k.name,
                b.goal_titles.get(k.goal, k.goal),
                number(k.baseline, unit=k.unit),
                number(k.target, unit=k.unit),
                short_date(k.target_date),
                b.names.get(k.owner or "", "—"),
            )
            for k in b.agreement.indicators
        ),
        numeric=(2, 3),
        widths=(3, 3, 1.5, 1.5, 1.5, 2),
    )
    b.figure("kpi_charts")
    effects(b)


def _phasing(b: OutlineBuilder) -> None:
    planning = b.agreement.planning
    b.heading(2, paragraph("4.3").heading, "fasering")
    b.figure("phasing_gantt")
    b.table(
        "Fasen",
        ("Fase", "Van", "Tot en met", "Resultaten"),
        (
            (
                p.name,
                plan_date(p.start, p.start_precision, style="short"),
                plan_date(p.end, p.end_precision, style="short"),
                "; ".join(p.results),
            )
            for p in planning.phases
        ),
        widths=(2, 1.2, 1.2, 4),
    )
    b.table(
        "Mijlpalen en oplevermomenten",
        ("Datum", "Mijlpaal", "Soort", "Fase", "Publiek"),
        (
            (
                plan_date(m.date, m.precision, style="short"),
                m.title,
                m.kind.label,
                b.phase_names.get(m.phase or "", "—"),
                yes_no(m.public),
            )
            for m in planning.milestones
        ),
        widths=(1.2, 4, 1.3, 2, 0.8),
    )


def _finance(b: OutlineBuilder) -> None:
    fin = b.agreement.finance
    b.heading(2, paragraph("4.4").heading, "financien")
    b.figure("budget_chart")
    costs = sum((c.amount for c in fin.cost_items), Decimal(0))
    cash = sum((c.amount for c in fin.contributions if not c.kind.in_kind), Decimal(0))
    in_kind = sum((c.amount for c in fin.contributions if c.kind.in_kind), Decimal(0))
    facts = [
        ("Totale begrote kosten", euro(costs)),
        ("Financiering in geld", euro(cash)),
        ("Bijdragen in natura", euro(in_kind)),
        ("Saldo", euro(cash + in_kind - costs)),
    ]
    if tracks_stages(fin.cost_items):
        stages = budget_stages(fin.cost_items)
        facts += [
            ("Verplicht", euro(stages.committed)),
            ("Besteed", euro(stages.spent)),
            ("Vrij in de begroting", euro(stages.free)),
        ]
    b.add(Facts(tuple(facts)))
    per_year_cost: dict[int, Decimal] = defaultdict(Decimal)
    per_year_fin: dict[int, Decimal] = defaultdict(Decimal)
    for item in fin.cost_items:
        per_year_cost[item.year] += item.amount
    for contribution in fin.contributions:
        per_year_fin[contribution.year] += contribution.amount
    # Money left over from earlier years (a start-up capital) carries forward to later years.
    rows: list[tuple[str, str, str, str, str]] = []
    carried = Decimal(0)
    for y in sorted(set(per_year_cost) | set(per_year_fin)):
        balance = carried + per_year_fin[y] - per_year_cost[y]
        rows.append(
            (str(y), euro(per_year_cost[y]), euro(per_year_fin[y]), euro(carried), euro(balance))
        )
        carried = balance
    b.table(
        "Kosten en financiering per jaar",
        ("Jaar", "Kosten", "Financiering", "Overloop uit eerdere jaren", "Saldo"),
        rows,
        numeric=(1, 2, 3, 4),
    )
    _budget_stages(b)
    by_partner: dict[str, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    successions = b.agreement.partnership.successions
    for contribution in fin.contributions:
        # From the year of a succession a predecessor's contribution counts for its successor.
        payer = successor_of(successions, contribution.partner, contribution.year)
        by_partner[payer][1 if contribution.kind.in_kind else 0] += contribution.amount
    b.table(
        "Bijdragen per partner",
        ("Partner", "Geld", "In natura", "Totaal"),
        (
            (
                b.names.get(p.id, p.id),
                euro(by_partner[p.id][0]),
                euro(by_partner[p.id][1]),
                euro(sum(by_partner[p.id], Decimal(0))),
            )
            for p in b.agreement.partnership.partners
            if p.id in by_partner
        ),
        numeric=(1, 2, 3),
    )
    funders = [f for f in b.agreement.partnership.funders if f.id in by_partner]
    if funders:
        b.table(
            "Bijdragen van financiers (niet-ondertekenend)",
            ("Financier", "Geld", "In natura", "Totaal"),
            (
                (
                    f.name,
                    euro(by_partner[f.id][0]),
                    euro(by_partner[f.id][1]),
                    euro(sum(by_partner[f.id], Decimal(0))),
                )
                for f in funders
            ),
            numeric=(1, 2, 3),
        )
    budget_per_sub_programme(b)
    b.table(
        "Bijdragen in natura",
        ("Partner", "Soort", "Omschrijving", "Waardering", "Waarde"),
        (
            (
                b.names.get(c.partner, c.partner),
                c.kind.label,
                c.description,
                c.valuation,
                euro(c.amount),
            )
            for c in fin.contributions
            if c.kind.in_kind
        ),
        numeric=(4,),
        widths=(2, 2, 3, 3, 1.5),
    )
    b.text(fin.notes)


STAGE_HEADERS = ("Begroot", "Verplicht", "Besteed", "Vrij")


def stage_cells(stages: BudgetStages) -> tuple[str, str, str, str]:
    """Budgeted, committed, spent and free as the budget tables show them."""
    return (
        euro(stages.budgeted),
        euro(stages.committed),
        euro(stages.spent),
        euro(stages.free),
    )


def _budget_stages(b: OutlineBuilder) -> None:
    """Per year what is budgeted, committed, spent and still free; only when tracked."""
    items = b.agreement.finance.cost_items
    if not tracks_stages(items):
        return
    years = sorted({item.year for item in items})
    rows = [(str(y), *stage_cells(budget_stages(i for i in items if i.year == y))) for y in years]
    rows.append(("Totaal", *stage_cells(budget_stages(items))))
    b.table(
        "Begroot, verplicht en besteed per jaar",
        ("Jaar", *STAGE_HEADERS),
        rows,
        numeric=(1, 2, 3, 4),
    )
    b.text(
        "Begroot: gereserveerd in de begroting. Verplicht: contractueel vastgelegd. "
        "Besteed: uitgegeven. Vrij: begroot en nog niet verplicht of besteed.",
        "note",
    )


def _organisation(b: OutlineBuilder) -> None:
    org = b.agreement.organisation
    b.heading(2, paragraph("4.5").heading, "organisatie")
    b.figure("organogram")
    b.table(
        "Checklist inrichting van het programma",
        ("Vraag", "Antwoord", "Onderdeel", "Stand"),
        (
            (
                item.question,
                "altijd" if item.key.startswith("always:") else yes_no(item.answer),
                item.element,
                STATUS_LABELS[item.status],
            )
            for item in advise_structure(b.agreement)
        ),
        widths=(4, 1, 2, 2),
    )
    b.text(org.checklist.notes)
    for body in org.bodies:
        if in_governance(body):
            continue
        b.body(body)
    sub_programmes(b)
    sub_names = {s.id: s.name for s in org.sub_programmes}
    budget: dict[str, Decimal] = defaultdict(Decimal)
    for item in b.agreement.finance.cost_items:
        if item.project:
            budget[item.project] += item.amount
    for project in org.projects:
        b.heading(3, f"(Deel)project: {project.name}", f"project-{project.id}")
        client = ", ".join(
            x
            for x in (
                project.commissioning_client,
                b.names.get(project.commissioning_organisation or "", ""),
            )
            if x
        )
        part_of = (
            (("Deelprogramma", sub_names.get(project.sub_programme or "", "—")),)
            if org.sub_programmes
            else ()
        )
        b.add(
            Facts(
                (
                    *part_of,
                    ("Team", b.body_names.get(project.team or "", "—")),
                    ("Opdrachtgever", client or "—"),
                    ("Budget", euro(budget[project.id])),
                    (
                        "Doelen",
                        "; ".join(b.goal_titles.get(g, g) for g in project.goals) or "—",
                    ),
                )
            )
        )
        if project.research_questions:
            b.add(Paragraph("Onderzoeksvragen:"), Bullets(tuple(project.research_questions)))
        b.table(
            f"Opleveringen {project.name}",
            ("Datum", "Wat wordt opgeleverd"),
            (
                (plan_date(d.due, d.due_precision, style="short"), d.title)
                for d in project.deliverables
            ),
            widths=(1, 5),
        )
    if org.alliances:
        b.heading(3, "Allianties", "allianties")
        b.table(
            "Allianties",
            ("Alliantie", "Soort", "Met wie", "Doel"),
            ((al.name, al.kind.label, ", ".join(al.parties), al.purpose) for al in org.alliances),
        )
    if org.citizen_initiatives:
        b.heading(3, "Samenwerking met burgerinitiatieven", "burgerinitiatieven")
        b.table(
            "Burgerinitiatieven",
            ("Initiatief", "Vorm", "Hoe we samenwerken"),
            ((ci.name, ci.form.label, ci.how) for ci in org.citizen_initiatives),
        )


def _risks(b: OutlineBuilder) -> None:
    rs = b.agreement.risks
    b.heading(2, paragraph("4.6").heading, "risicos")
    b.text(rs.conclusions)
    b.figure("risk_heatmap")
    ordered = sorted(rs.items, key=lambda r: (-r.score, r.id))
    b.table(
        "Risico's, maatregelen en risicodragers",
        ("Id", "Risico", "Kans", "Impact", "Voorzorgsmaatregelen", "Drager"),
        (
            (
                r.id,
                r.title,
                str(r.likelihood),
                str(r.impact),
                r.precautions,
                b.names.get(r.bearer or "", "—"),
            )
            for r in ordered
        ),
        numeric=(2, 3),
        widths=(1, 3, 0.7, 0.8, 4, 2),
    )
