"""Checks for §4: goal tree, indicators, effect measurement and phasing (money in
``programme_finance``, risks in ``programme_risks``)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from stramien.formatting import number, short_date
from stramien.model import (
    Indicator,
    IndicatorDirection,
    MeasureType,
    Milestone,
    TimeAggregation,
    is_blank,
    parse_period_key,
    period_dates,
)
from stramien.model.dates import overlaps, plan_date, sort_key, window

from .context import Context, shortened
from .registry import Hit, Section, rule

S = Section.PROGRAMME


def _has_goals(ctx: Context) -> bool:
    return bool(ctx.goals)


@rule(
    "goals-missing",
    S,
    "error",
    "Doelenboom",
    "Werk de ambitie uit in doelen met hun causale verbanden: hoofddoelen die direct aan de "
    "ambitie bijdragen, en subdoelen die aan de hoofddoelen bijdragen.",
)
def goals_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.goals:
        yield Hit("goals", "Er is nog geen doelenboom.")


@rule(
    "goals-top-missing",
    S,
    "error",
    "Hoofddoelen onder de ambitie",
    "Vink bij de hoofddoelen 'Draagt direct bij aan de ambitie' aan.",
    applies=_has_goals,
)
def top_goals_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.goals and not ctx.top_goals:
        yield Hit("goals", "Geen enkel doel draagt direct bij aan de maatschappelijke ambitie.")


def _cycles(ctx: Context) -> list[list[str]]:
    """Every cycle in the goal graph, each reported once, found by iterative DFS."""
    white, grey, black = 0, 1, 2
    colour = dict.fromkeys(ctx.goals, white)
    cycles: list[list[str]] = []
    for root in ctx.goals:
        if colour[root] != white:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(ctx.goals[root].contributes_to))]
        trail = [root]
        colour[root] = grey
        while stack:
            node, parents = stack[-1]
            nxt = next(parents, None)
            if nxt is None:
                colour[node] = black
                stack.pop()
                trail.pop()
            elif colour.get(nxt) == grey:
                cycles.append([*trail[trail.index(nxt) :], nxt])
            elif colour.get(nxt) == white:
                colour[nxt] = grey
                trail.append(nxt)
                stack.append((nxt, iter(ctx.goals[nxt].contributes_to)))
    return cycles


@rule(
    "goals-cycle",
    S,
    "error",
    "Doelenboom zonder kringverwijzing",
    "Een doel kan niet (via andere doelen) aan zichzelf bijdragen; haal een van de "
    "verwijzingen in de kring weg.",
    applies=_has_goals,
)
def goal_cycle(ctx: Context) -> Iterator[Hit]:
    positions = {goal.id: i for i, goal in enumerate(ctx.agreement.goals)}
    for cycle in _cycles(ctx):
        yield Hit(
            ctx.path("goals", positions[cycle[0]], "contributes_to"),
            "Kringverwijzing in de doelenboom: "
            + " → ".join(f"'{ctx.name_of(goal)}'" for goal in cycle)
            + ".",
        )


@rule(
    "goals-not-connected",
    S,
    "error",
    "Elk doel hangt aan de ambitie",
    "Kies bij 'Draagt bij aan' het hogere doel waaraan dit doel bijdraagt, of maak het een "
    "hoofddoel door 'Draagt direct bij aan de ambitie' aan te vinken.",
    applies=_has_goals,
)
def goal_not_connected(ctx: Context) -> Iterator[Hit]:
    reached = ctx.goals_reaching_ambition
    for i, goal in enumerate(ctx.agreement.goals):
        if goal.id not in reached:
            yield Hit(
                ctx.path("goals", i, "contributes_to"),
                f"Doel '{goal.title}' is via de doelenboom niet verbonden met de ambitie.",
            )


@rule(
    "goals-interest-not-linked",
    S,
    "warning",
    "Organisatiebelangen in de doelenboom",
    "Kies het belang bij het doel dat het dient ('Gediende organisatiebelangen' in de "
    "doelenboom), zodat de causale samenhang tussen ambitie en organisatiebelangen "
    "zichtbaar is.",
    applies=_has_goals,
)
def interest_not_linked(ctx: Context) -> Iterator[Hit]:
    if not ctx.goals:
        return
    linked = {ref for goal in ctx.agreement.goals for ref in goal.interests}
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        for j, interest in enumerate(partner.interests):
            if interest.id not in linked:
                yield Hit(
                    ctx.path("partnership", "partners", i, "interests", j),
                    f"Het belang '{shortened(interest.description)}' van {partner.name} hangt "
                    "aan geen enkel doel.",
                )


@rule(
    "kpi-top-goal-unmeasured",
    S,
    "error",
    "Hoofddoelen meetbaar",
    "Geef elk hoofddoel ten minste één prestatie-indicator met nulmeting en streefwaarde.",
    applies=lambda ctx: bool(ctx.top_goals),
)
def top_goal_unmeasured(ctx: Context) -> Iterator[Hit]:
    for i, goal in enumerate(ctx.agreement.goals):
        if goal.contributes_to_ambition and goal.id not in ctx.measured_goals:
            yield Hit(
                ctx.path("goals", i),
                f"Hoofddoel '{goal.title}' heeft geen prestatie-indicator.",
            )


_KPI_FIELDS = {
    "unit": "eenheid",
    "baseline": "nulmeting",
    "baseline_date": "datum nulmeting",
    "target": "streefwaarde",
    "target_date": "streefdatum",
    "owner": "eigenaar",
}


@rule(
    "kpi-incomplete",
    S,
    "error",
    "Indicator volledig",
    "Een indicator is pas bruikbaar voor monitoring met eenheid, nulmeting (en datum), "
    "streefwaarde, streefdatum en een eigenaar die meet.",
    applies=lambda ctx: bool(ctx.agreement.indicators),
)
def kpi_incomplete(ctx: Context) -> Iterator[Hit]:
    for i, kpi in enumerate(ctx.agreement.indicators):
        missing = [label for name, label in _KPI_FIELDS.items() if is_blank(getattr(kpi, name))]
        if missing:
            yield Hit(
                ctx.path("indicators", i),
                f"Bij indicator '{kpi.name}' ontbreekt: {', '.join(missing)}.",
            )


@rule(
    "kpi-target-direction",
    S,
    "warning",
    "Streefwaarde past bij de richting",
    "Controleer nulmeting, streefwaarde en de richting ('Hoger is beter' of 'Lager is beter').",
    applies=lambda ctx: bool(ctx.agreement.indicators),
)
def kpi_target_direction(ctx: Context) -> Iterator[Hit]:
    for i, kpi in enumerate(ctx.agreement.indicators):
        if kpi.baseline is None or kpi.target is None:
            continue
        increase = kpi.direction is IndicatorDirection.INCREASE
        if (increase and kpi.target <= kpi.baseline) or (
            not increase and kpi.target >= kpi.baseline
        ):
            yield Hit(
                ctx.path("indicators", i, "target"),
                f"Bij '{kpi.name}' is {kpi.direction.label.lower()}, maar de streefwaarde "
                f"({number(kpi.target)}) is geen verbetering ten opzichte van de nulmeting "
                f"({number(kpi.baseline)}).",
            )


@rule(
    "kpi-dates",
    S,
    "warning",
    "Data van de indicator kloppen",
    "De streefdatum ligt na de nulmeting en binnen de looptijd van het programma.",
    applies=lambda ctx: bool(ctx.agreement.indicators),
)
def kpi_dates(ctx: Context) -> Iterator[Hit]:
    for i, kpi in enumerate(ctx.agreement.indicators):
        if kpi.target_date is None:
            continue
        if kpi.baseline_date is not None and kpi.target_date <= kpi.baseline_date:
            yield Hit(
                ctx.path("indicators", i, "target_date"),
                f"Bij '{kpi.name}' ligt de streefdatum niet na de datum van de nulmeting.",
            )
        if not ctx.in_period(kpi.target_date):
            yield Hit(
                ctx.path("indicators", i, "target_date"),
                f"De streefdatum van '{kpi.name}' ({short_date(kpi.target_date)}) valt buiten "
                "de looptijd van het programma.",
            )


# The values each kind of measurement can take: (lowest, highest, whole numbers only).
_MEASURE_RANGES: dict[MeasureType, tuple[Decimal, Decimal, bool]] = {
    MeasureType.PERCENTAGE: (Decimal(0), Decimal(100), False),
    MeasureType.SCORE: (Decimal(1), Decimal(5), False),
    MeasureType.YES_NO: (Decimal(0), Decimal(1), True),
}
_MEASURE_NOUNS = {
    MeasureType.PERCENTAGE: "een percentage",
    MeasureType.SCORE: "een score",
    MeasureType.YES_NO: "een ja/nee-waarde",
}
_RANGE_TEXTS = {
    MeasureType.PERCENTAGE: "een getal van 0 tot en met 100",
    MeasureType.SCORE: "een score van 1 tot en met 5",
    MeasureType.YES_NO: "1 (ja) of 0 (nee)",
}


def _values_out_of_range(kpi: Indicator) -> list[Decimal]:
    bounds = _MEASURE_RANGES.get(kpi.measure)
    if bounds is None:
        return []
    low, high, whole = bounds
    values = [kpi.baseline, kpi.target, *(t.target for t in kpi.period_targets)]
    return [
        value
        for value in values
        if value is not None
        and (not low <= value <= high or (whole and value != value.to_integral_value()))
    ]


@rule(
    "kpi-measure-fit",
    S,
    "error",
    "Waarden passen bij de soort meting",
    "Een percentage heeft als eenheid % en waarden van 0 tot en met 100, een score waarden "
    "van 1 tot en met 5, ja/nee de waarden 1 en 0. Alleen getallen worden over de perioden "
    "opgeteld; kies bij een percentage, score of ja/nee voor de laatste stand, het gemiddelde "
    "of de hoogste waarde.",
    applies=lambda ctx: any(k.measure is not MeasureType.NUMBER for k in ctx.agreement.indicators),
)
def kpi_measure_fit(ctx: Context) -> Iterator[Hit]:
    for i, kpi in enumerate(ctx.agreement.indicators):
        if kpi.measure is MeasureType.NUMBER:
            continue
        for value in _values_out_of_range(kpi):
            yield Hit(
                ctx.path("indicators", i),
                f"Bij '{kpi.name}' staat {number(value)}, maar hier hoort "
                f"{_RANGE_TEXTS[kpi.measure]}.",
            )
        if kpi.measure is MeasureType.PERCENTAGE and kpi.unit not in ("", "%"):
            yield Hit(
                ctx.path("indicators", i, "unit"),
                f"'{kpi.name}' is een percentage, maar de eenheid is '{kpi.unit}'.",
            )
        if kpi.over_time is TimeAggregation.SUM:
            yield Hit(
                ctx.path("indicators", i, "over_time"),
                f"'{kpi.name}' is {_MEASURE_NOUNS[kpi.measure]}; zo'n waarde telt niet op "
                "over de perioden.",
            )


@rule(
    "kpi-period-target-outside",
    S,
    "error",
    "Tussendoelen binnen de looptijd",
    "Geef alleen tussendoelen voor perioden binnen de looptijd van het programma, of pas de "
    "looptijd aan.",
    applies=lambda ctx: any(k.period_targets for k in ctx.agreement.indicators),
)
def kpi_period_target_outside(ctx: Context) -> Iterator[Hit]:
    for i, kpi in enumerate(ctx.agreement.indicators):
        for j, interim in enumerate(kpi.period_targets):
            try:
                first, last = period_dates(*parse_period_key(interim.period))
            except ValueError:
                continue  # the model refuses such a key; a rule never raises
            if not (ctx.in_period(last) or ctx.in_period(first)):
                yield Hit(
                    ctx.path("indicators", i, "period_targets", j, "period"),
                    f"Het tussendoel van '{kpi.name}' voor {interim.period} valt buiten de "
                    "looptijd van het programma.",
                )


@rule(
    "effect-method-missing",
    S,
    "warning",
    "Effectmeting",
    "Beschrijf hoe de maatschappelijke meerwaarde gemeten wordt: met het dashboard van "
    "indicatoren, met effectcasussen (interventie- tegenover referentiescenario) of beide.",
)
def effect_method_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.effect_measurement.method):
        yield Hit("effect_measurement.method", "Er staat niet hoe de effecten gemeten worden.")


@rule(
    "effect-case-incomplete",
    S,
    "error",
    "Casus met twee scenario's",
    "Beschrijf de casus zowel met de aanpak (het interventiescenario) als zonder (het "
    "referentiescenario); pas het verschil laat het effect zien.",
    applies=lambda ctx: bool(ctx.agreement.effect_measurement.cases),
)
def effect_case_incomplete(ctx: Context) -> Iterator[Hit]:
    for i, case in enumerate(ctx.agreement.effect_measurement.cases):
        for scenario, label in (("intervention", "interventie"), ("reference", "referentie")):
            if not getattr(case, scenario):
                yield Hit(
                    ctx.path("effect_measurement", "cases", i, scenario),
                    f"Casus '{case.title}' heeft geen {label}scenario.",
                )


@rule(
    "effect-event-unpriced",
    S,
    "tip",
    "Gebeurtenissen geprijsd",
    "Kies bij de gebeurtenis een prijsregel uit de maatschappelijke prijslijst, anders telt "
    "zij niet mee in de berekening.",
    applies=lambda ctx: bool(ctx.agreement.effect_measurement.cases),
)
def effect_event_unpriced(ctx: Context) -> Iterator[Hit]:
    for i, case in enumerate(ctx.agreement.effect_measurement.cases):
        for scenario in ("intervention", "reference"):
            for j, event in enumerate(getattr(case, scenario)):
                if event.price_item is None:
                    yield Hit(
                        ctx.path("effect_measurement", "cases", i, scenario, j, "price_item"),
                        f"'{event.description}' in casus '{case.title}' heeft geen prijs.",
                    )


@rule(
    "phases-missing",
    S,
    "error",
    "Fasering",
    "Deel het programma in fasen in, elk met begin, einde en resultaten.",
)
def phases_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.phases:
        yield Hit("planning.phases", "Het programma heeft geen fasering.")


@rule(
    "phase-dates",
    S,
    "error",
    "Fasen binnen de looptijd",
    "Een fase eindigt na haar begin en ligt binnen de looptijd van het programma.",
    applies=lambda ctx: bool(ctx.phases),
)
def phase_dates(ctx: Context) -> Iterator[Hit]:
    for i, phase in enumerate(ctx.agreement.planning.phases):
        # A begin or end written as a period (Q1 2026, eind 2027) counts with the whole period.
        starts = window(phase.start, phase.start_precision)
        ends = window(phase.end, phase.end_precision)
        if ends[1] < starts[0]:
            yield Hit(
                ctx.path("planning", "phases", i, "end"),
                f"Fase '{phase.name}' eindigt "
                f"({plan_date(phase.end, phase.end_precision, style='short')}) vóór zij begint "
                f"({plan_date(phase.start, phase.start_precision, style='short')}).",
            )
        if not (overlaps(*starts, ctx.start, ctx.end) and overlaps(*ends, ctx.start, ctx.end)):
            yield Hit(
                ctx.path("planning", "phases", i),
                f"Fase '{phase.name}' valt (deels) buiten de looptijd van het programma.",
            )


@rule(
    "phases-order",
    S,
    "warning",
    "Fasen in volgorde",
    "Zet de fasen in chronologische volgorde; overlap alleen als dat bewust zo is gepland.",
    applies=lambda ctx: len(ctx.phases) > 1,
)
def phases_order(ctx: Context) -> Iterator[Hit]:
    phases = ctx.agreement.planning.phases
    for i in range(1, len(phases)):
        previous, phase = phases[i - 1], phases[i]
        if sort_key(phase.start, phase.start_precision) < sort_key(
            previous.start, previous.start_precision
        ):
            yield Hit(
                ctx.path("planning", "phases", i, "start"),
                f"Fase '{phase.name}' begint eerder dan de fase ervoor ('{previous.name}').",
            )


@rule(
    "phase-results-missing",
    S,
    "warning",
    "Resultaten per fase",
    "Noem per fase wat zij oplevert.",
    applies=lambda ctx: bool(ctx.phases),
)
def phase_results_missing(ctx: Context) -> Iterator[Hit]:
    for i, phase in enumerate(ctx.agreement.planning.phases):
        if not phase.results:
            yield Hit(
                ctx.path("planning", "phases", i, "results"),
                f"Bij fase '{phase.name}' staan geen resultaten.",
            )


@rule(
    "milestones-missing",
    S,
    "error",
    "Mijlpalen",
    "Benoem wanneer wat wordt opgeleverd: mijlpalen, oplevermomenten en besluitmomenten.",
)
def milestones_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.agreement.planning.milestones:
        yield Hit("planning.milestones", "Er zijn geen mijlpalen.")


def _when(milestone: Milestone) -> str:
    return plan_date(milestone.date, milestone.precision, style="short")


@rule(
    "milestone-dates",
    S,
    "error",
    "Mijlpalen binnen de looptijd",
    "Een mijlpaal ligt binnen de looptijd van het programma.",
    applies=lambda ctx: bool(ctx.agreement.planning.milestones),
)
def milestone_dates(ctx: Context) -> Iterator[Hit]:
    for i, milestone in enumerate(ctx.agreement.planning.milestones):
        # A milestone planned in a period (Q3 2026) fits when part of that period does.
        if not overlaps(*milestone.window, ctx.start, ctx.end):
            yield Hit(
                ctx.path("planning", "milestones", i, "date"),
                f"Mijlpaal '{milestone.title}' ({_when(milestone)}) valt buiten de "
                "looptijd van het programma.",
            )


@rule(
    "milestone-outside-phase",
    S,
    "warning",
    "Mijlpaal in haar fase",
    "Zet de mijlpaal in de fase waarin zij valt, of pas de datum aan.",
    applies=lambda ctx: bool(ctx.agreement.planning.milestones),
)
def milestone_outside_phase(ctx: Context) -> Iterator[Hit]:
    for i, milestone in enumerate(ctx.agreement.planning.milestones):
        phase = ctx.phases.get(milestone.phase) if milestone.phase else None
        if phase is not None and not overlaps(*milestone.window, *phase.window):
            yield Hit(
                ctx.path("planning", "milestones", i, "date"),
                f"Mijlpaal '{milestone.title}' ({_when(milestone)}) valt buiten fase "
                f"'{phase.name}'.",
            )


@rule(
    "milestones-order",
    S,
    "tip",
    "Mijlpalen in volgorde",
    "Zet de mijlpalen op datumvolgorde; dat leest makkelijker.",
    applies=lambda ctx: len(ctx.agreement.planning.milestones) > 1,
)
def milestones_order(ctx: Context) -> Iterator[Hit]:
    milestones = ctx.agreement.planning.milestones
    for i in range(1, len(milestones)):
        current, previous = milestones[i], milestones[i - 1]
        if sort_key(current.date, current.precision) < sort_key(previous.date, previous.precision):
            yield Hit(
                ctx.path("planning", "milestones", i, "date"),
                f"Mijlpaal '{milestones[i].title}' staat na een latere mijlpaal.",
            )
            return
