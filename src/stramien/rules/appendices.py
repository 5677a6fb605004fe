"""Checks for §5: the chosen appendices are filled, and nothing is written for nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from stramien.model import Agreement, AppendixKind, BodyKind, is_blank

from .context import Context
from .registry import Hit, Section, rule

S = Section.APPENDICES
A = AppendixKind


def _exit_clause_filled(a: Agreement) -> bool:
    clause = a.appendices.exit_clause
    return not (
        clause.notice_period_months is None
        or is_blank(clause.conditions)
        or is_blank(clause.financial_settlement)
    )


def _calamities_filled(a: Agreement) -> bool:
    calamities = a.appendices.calamities
    return not (is_blank(calamities.procedure) or is_blank(calamities.damage_settlement))


# What makes each appendix "filled", and what to write when it is not.
FILLED: dict[AppendixKind, tuple[Callable[[Agreement], bool], str]] = {
    A.MONITORING: (
        lambda a: bool(a.goals and a.indicators),
        "de doelenboom en de prestatie-indicatoren",
    ),
    A.ORGANOGRAM: (
        lambda a: bool(a.organisation.bodies),
        "de organen van de programmaorganisatie",
    ),
    A.PLANNING_BUDGET: (
        lambda a: bool(a.planning.phases and a.finance.cost_items),
        "de fasen van de planning en de kostenposten van de begroting",
    ),
    A.PARTNER_AGREEMENTS: (
        lambda a: bool(a.appendices.partner_agreements),
        "de afspraken met partners: taken, verantwoordelijkheden en bevoegdheden per partner",
    ),
    A.COMMUNICATION_PLAN: (
        lambda a: not is_blank(a.appendices.communication_plan),
        "de tekst van het communicatieplan",
    ),
    A.PROBLEM_ANALYSIS: (
        lambda a: not is_blank(a.appendices.problem_analysis),
        "de tekst van de probleemanalyse",
    ),
    A.RISK_ANALYSIS: (
        lambda a: bool(a.risks.items) and not is_blank(a.appendices.risk_analysis),
        "de risico's en de toelichting op de risicoanalyse",
    ),
    A.CALAMITIES: (
        _calamities_filled,
        "de werkwijze bij calamiteiten en de schaderegeling",
    ),
    A.PUBLIC_LAW_PROCEDURES: (
        lambda a: bool(a.appendices.public_law_procedures),
        "de publiekrechtelijke procedures",
    ),
    A.EXIT_CLAUSE: (
        _exit_clause_filled,
        "opzegtermijn, voorwaarden en financiële afwikkeling van de annuleringsclausule",
    ),
    A.DEFINITIONS: (
        lambda a: bool(a.appendices.definitions),
        "de begrippen met hun betekenis",
    ),
}

# Appendices with text of their own (the others are drawn from §4's data).
OWN_CONTENT: dict[AppendixKind, Callable[[Agreement], bool]] = {
    A.PARTNER_AGREEMENTS: FILLED[A.PARTNER_AGREEMENTS][0],
    A.COMMUNICATION_PLAN: FILLED[A.COMMUNICATION_PLAN][0],
    A.PROBLEM_ANALYSIS: FILLED[A.PROBLEM_ANALYSIS][0],
    A.RISK_ANALYSIS: lambda a: not is_blank(a.appendices.risk_analysis),
    A.CALAMITIES: lambda a: (
        not (
            is_blank(a.appendices.calamities.procedure)
            and is_blank(a.appendices.calamities.damage_settlement)
        )
    ),
    A.PUBLIC_LAW_PROCEDURES: FILLED[A.PUBLIC_LAW_PROCEDURES][0],
    A.EXIT_CLAUSE: lambda a: (
        not (
            is_blank(a.appendices.exit_clause.conditions)
            and is_blank(a.appendices.exit_clause.financial_settlement)
        )
    ),
    A.DEFINITIONS: FILLED[A.DEFINITIONS][0],
}


def _chosen(ctx: Context) -> set[AppendixKind]:
    return set(ctx.agreement.appendices.chosen)


@rule(
    "appendix-empty",
    S,
    "error",
    "Gekozen bijlagen zijn gevuld",
    "Vul de bijlage, of vink haar uit bij 'Gekozen bijlagen' als zij niet relevant is.",
    applies=lambda ctx: bool(ctx.agreement.appendices.chosen),
)
def appendix_empty(ctx: Context) -> Iterator[Hit]:
    for i, kind in enumerate(ctx.agreement.appendices.chosen):
        filled, needs = FILLED[kind]
        if not filled(ctx.agreement):
            yield Hit(
                ctx.path("appendices", "chosen", i),
                f"Bijlage '{kind.label}' is gekozen maar mist {needs}.",
            )


@rule(
    "appendices-none-chosen",
    S,
    "warning",
    "Bijlagen gekozen",
    "Kies de bijlagen die voor dit programma echt relevant zijn; vrijwel elk programma heeft "
    "ten minste de programmamonitoring en de hoofdplanning met begroting nodig.",
)
def appendices_none_chosen(ctx: Context) -> Iterator[Hit]:
    if not ctx.agreement.appendices.chosen:
        yield Hit("appendices.chosen", "Er zijn geen bijlagen gekozen.")


@rule(
    "appendix-not-chosen",
    S,
    "tip",
    "Geschreven bijlagen zijn ook gekozen",
    "Vink de bijlage aan bij 'Gekozen bijlagen', of verwijder de tekst als zij niet relevant is.",
)
def appendix_not_chosen(ctx: Context) -> Iterator[Hit]:
    chosen = _chosen(ctx)
    for kind, has_content in OWN_CONTENT.items():
        if kind not in chosen and has_content(ctx.agreement):
            yield Hit(
                "appendices.chosen",
                f"Er is tekst voor bijlage '{kind.label}', maar zij is niet gekozen en komt dus "
                "niet in het document.",
            )


@rule(
    "appendix-partner-agreements-coverage",
    S,
    "warning",
    "Afspraken met elke partner",
    "Leg voor elke partner taken, verantwoordelijkheden en bevoegdheden vast.",
    applies=lambda ctx: A.PARTNER_AGREEMENTS in _chosen(ctx),
)
def partner_agreements_coverage(ctx: Context) -> Iterator[Hit]:
    if A.PARTNER_AGREEMENTS not in _chosen(ctx):
        return
    covered = {item.partner for item in ctx.agreement.appendices.partner_agreements}
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        if partner.id not in covered:
            yield Hit(
                ctx.path("partnership", "partners", i),
                f"Met {partner.name} zijn geen taken, verantwoordelijkheden en bevoegdheden "
                "afgesproken.",
            )
    for i, item in enumerate(ctx.agreement.appendices.partner_agreements):
        if not (item.tasks and item.responsibilities and item.authorities):
            yield Hit(
                ctx.path("appendices", "partner_agreements", i),
                f"De afspraken met {ctx.name_of(item.partner)} missen taken, "
                "verantwoordelijkheden of bevoegdheden.",
            )


@rule(
    "appendix-subproject-plans",
    S,
    "tip",
    "Deelprojectplannen bij de hoofdplanning",
    "Vat de deelprojectplannen samen bij 'Deelprojectplannen' of verwijs ernaar.",
    applies=lambda ctx: (
        A.PLANNING_BUDGET in _chosen(ctx) and ctx.has_body(BodyKind.SUBPROJECT_TEAM)
    ),
)
def subproject_plans(ctx: Context) -> Iterator[Hit]:
    if (
        A.PLANNING_BUDGET in _chosen(ctx)
        and ctx.has_body(BodyKind.SUBPROJECT_TEAM)
        and is_blank(ctx.agreement.appendices.subproject_plans)
    ):
        yield Hit(
            "appendices.subproject_plans",
            "Er zijn deelprojectteams, maar de deelprojectplannen ontbreken in de bijlage.",
        )


@rule(
    "appendix-suggested",
    S,
    "tip",
    "Bijlagen die dit programma waarschijnlijk nodig heeft",
    "Overweeg deze bijlage; kies alleen wat echt relevant is.",
)
def appendix_suggested(ctx: Context) -> Iterator[Hit]:
    chosen = _chosen(ctx)
    checklist = ctx.agreement.organisation.checklist
    suggestions: list[tuple[AppendixKind, str]] = []
    if checklist.communication_critical and A.COMMUNICATION_PLAN not in chosen:
        suggestions.append((A.COMMUNICATION_PLAN, "communicatie is een kritische succesfactor"))
    if len(ctx.partners) > 2 and A.EXIT_CLAUSE not in chosen:
        suggestions.append((A.EXIT_CLAUSE, "met meer partners wordt uittreden waarschijnlijker"))
    if len(ctx.partners) > 2 and A.PARTNER_AGREEMENTS not in chosen:
        suggestions.append((A.PARTNER_AGREEMENTS, "meerdere partners verdelen het werk"))
    for kind, reason in suggestions:
        yield Hit("appendices.chosen", f"Overweeg bijlage '{kind.label}': {reason}.")
