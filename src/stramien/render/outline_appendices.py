"""§5 of the document: the appendices the partners chose, each by its own writer."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from stramien.formatting import euro, number, short_date
from stramien.model import AppendixKind, CostItem, budget_stages, tracks_stages
from stramien.model.numbering import paragraph

from .blocks import Bullets, Facts, MonitoringStand, Paragraph
from .outline_builder import OutlineBuilder
from .outline_programme import STAGE_HEADERS, stage_cells


def appendices(b: OutlineBuilder, monitoring: MonitoringStand | None = None) -> None:
    """§5; with ``monitoring`` (the web application's download) the monitoring appendix
    shows the latest approved value of each indicator too."""
    chosen = [kind for kind in AppendixKind if kind in set(b.agreement.appendices.chosen)]
    if not chosen:
        return
    b.heading(1, paragraph("5").heading, "bijlagen")
    for index, kind in enumerate(chosen, start=1):
        b.heading(2, f"Bijlage {index}. {kind.label}", f"bijlage-{kind.value}")
        if kind is AppendixKind.MONITORING and monitoring is not None:
            _monitoring(b, monitoring)
        else:
            APPENDIX_WRITERS[kind](b)


def _monitoring(b: OutlineBuilder, monitoring: MonitoringStand | None = None) -> None:
    stands = dict(monitoring.indicators) if monitoring is not None else {}
    if monitoring is not None:
        b.text(
            "Per indicator de laatste goedgekeurde waarde uit de monitoring, met de status "
            f"tegenover het streefpad (stand {short_date(monitoring.as_of)}).",
            "note",
        )
    per_goal: dict[str, list[str]] = defaultdict(list)
    for k in b.agreement.indicators:
        text = f"{k.name} ({number(k.baseline, unit=k.unit)} → {number(k.target, unit=k.unit)})"
        stand = stands.get(k.id)
        if stand is not None:
            text += f": {stand.period} {stand.value}, {stand.status.lower()}"
        per_goal[k.goal].append(text)
    b.table(
        "Doelen met hun prestatie-indicatoren",
        ("Doel", "Indicatoren"),
        ((g.title, "; ".join(per_goal[g.id])) for g in b.agreement.goals if g.id in per_goal),
        widths=(2, 4),
    )


def _organogram(b: OutlineBuilder) -> None:
    b.table(
        "Organen van het programma",
        ("Orgaan", "Soort", "Leden", "Legt verantwoording af aan"),
        (
            (
                body.name,
                body.kind.label,
                str(len(body.members)),
                b.body_names.get(body.reports_to or "", "—"),
            )
            for body in b.agreement.organisation.bodies
        ),
        numeric=(2,),
    )


def _planning_budget(b: OutlineBuilder) -> None:
    projects = {p.id: p.name for p in b.agreement.organisation.projects}
    items = b.agreement.finance.cost_items

    def where(c: CostItem) -> tuple[str, str, str, str]:
        return (
            c.description,
            c.category,
            str(c.year),
            b.phase_names.get(c.phase or "", "—"),
        )

    if tracks_stages(items):
        # With committed or spent money: the four stages per line, and their totals.
        rows = [
            (
                *where(c),
                projects.get(c.project or "", "—"),
                *stage_cells(budget_stages((c,))),
            )
            for c in items
        ]
        rows.append(("Totaal", "", "", "", "", *stage_cells(budget_stages(items))))
        b.table(
            "Begroting per post",
            ("Post", "Soort", "Jaar", "Fase", "(Deel)project", *STAGE_HEADERS),
            rows,
            numeric=(2, 5, 6, 7, 8),
            widths=(2.2, 1.1, 0.7, 1.6, 1.6, 1.3, 1.3, 1.3, 1.3),
        )
    else:
        b.table(
            "Begroting per post",
            ("Post", "Soort", "Jaar", "Fase", "(Deel)project", "Bedrag"),
            ((*where(c), projects.get(c.project or "", "—"), euro(c.amount)) for c in items),
            numeric=(2, 5),
            widths=(2.6, 1.3, 0.8, 2.1, 2, 1.5),
        )
    if b.agreement.appendices.subproject_plans:
        b.heading(3, "Deelprojectplannen", "deelprojectplannen")
        b.text(b.agreement.appendices.subproject_plans)


def _partner_agreements(b: OutlineBuilder) -> None:
    for item in b.agreement.appendices.partner_agreements:
        b.heading(3, b.names.get(item.partner, item.partner), f"tvb-{item.partner}")
        for label, entries in (
            ("Taken", item.tasks),
            ("Verantwoordelijkheden", item.responsibilities),
            ("Bevoegdheden", item.authorities),
        ):
            if entries:
                b.add(Paragraph(f"{label}:"), Bullets(tuple(entries)))


def _text_appendix(field: str) -> Callable[[OutlineBuilder], None]:
    def write(b: OutlineBuilder) -> None:
        b.text(getattr(b.agreement.appendices, field), empty="Nog niet ingevuld.")

    return write


def _risk_analysis(b: OutlineBuilder) -> None:
    b.text(b.agreement.appendices.risk_analysis)
    counts: dict[str, int] = defaultdict(int)
    for r in b.agreement.risks.items:
        counts["hoog" if r.score >= 15 else "midden" if r.score >= 8 else "laag"] += 1
    b.add(
        Facts(
            tuple((f"Risico's {level}", str(counts[level])) for level in ("hoog", "midden", "laag"))
        )
    )


def _calamities(b: OutlineBuilder) -> None:
    cal = b.agreement.appendices.calamities
    b.heading(3, "Werkwijze bij calamiteiten", "calamiteiten-werkwijze")
    b.text(cal.procedure, empty="Nog niet ingevuld.")
    b.heading(3, "Schaderegeling", "schaderegeling")
    b.text(cal.damage_settlement, empty="Nog niet ingevuld.")


def _public_law(b: OutlineBuilder) -> None:
    b.table(
        "Publiekrechtelijke procedures",
        ("Procedure", "Bevoegd gezag", "Gepland besluit", "Toelichting"),
        (
            (p.name, p.competent_authority, short_date(p.planned), p.description)
            for p in b.agreement.appendices.public_law_procedures
        ),
    )


def _exit_clause(b: OutlineBuilder) -> None:
    clause = b.agreement.appendices.exit_clause
    months = clause.notice_period_months
    b.add(
        Facts(
            (
                ("Opzegtermijn", f"{months} maanden" if months is not None else "—"),
                ("Voorwaarden", clause.conditions or "—"),
                ("Financiële afwikkeling", clause.financial_settlement or "—"),
            )
        )
    )


def _definitions(b: OutlineBuilder) -> None:
    b.table(
        "Definities",
        ("Begrip", "Betekenis"),
        ((d.term, d.meaning) for d in b.agreement.appendices.definitions),
        widths=(1, 4),
    )


APPENDIX_WRITERS: dict[AppendixKind, Callable[[OutlineBuilder], None]] = {
    AppendixKind.MONITORING: _monitoring,
    AppendixKind.ORGANOGRAM: _organogram,
    AppendixKind.PLANNING_BUDGET: _planning_budget,
    AppendixKind.PARTNER_AGREEMENTS: _partner_agreements,
    AppendixKind.COMMUNICATION_PLAN: _text_appendix("communication_plan"),
    AppendixKind.PROBLEM_ANALYSIS: _text_appendix("problem_analysis"),
    AppendixKind.RISK_ANALYSIS: _risk_analysis,
    AppendixKind.CALAMITIES: _calamities,
    AppendixKind.PUBLIC_LAW_PROCEDURES: _public_law,
    AppendixKind.EXIT_CLAUSE: _exit_clause,
    AppendixKind.DEFINITIONS: _definitions,
}
