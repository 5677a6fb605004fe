"""Checks for §4.2: effect cases that cannot be calculated completely, and their prices.

The cases and the price list are priced by ``stramien.monitor.effects``; these checks find
what keeps that calculation from being complete or trustworthy. References that point
nowhere (a price item, price list, goal, indicator or party that does not exist) are refused
when the document is read, like every other reference.
"""

from __future__ import annotations

from collections.abc import Iterator

from stramien.model import CaseEvent, EffectCase, EventKind, PriceItem
from stramien.model.effects import unit_fits

from .context import Context
from .registry import Hit, Section, rule

S = Section.PROGRAMME

SCENARIOS = (("intervention", "interventie"), ("reference", "referentie"))


def _has_cases(ctx: Context) -> bool:
    return bool(ctx.agreement.effect_measurement.cases)


def _events(ctx: Context) -> Iterator[tuple[int, EffectCase, str, int, CaseEvent]]:
    for i, case in enumerate(ctx.agreement.effect_measurement.cases):
        for scenario, _label in SCENARIOS:
            for j, event in enumerate(getattr(case, scenario)):
                yield i, case, scenario, j, event


def _price_items(ctx: Context) -> Iterator[tuple[str, PriceItem]]:
    measurement = ctx.agreement.effect_measurement
    for j, item in enumerate(measurement.price_list):
        yield ctx.path("effect_measurement", "price_list", j), item
    for i, version in enumerate(measurement.price_lists):
        for j, item in enumerate(version.items):
            yield ctx.path("effect_measurement", "price_lists", i, "items", j), item


def _activity(ctx: Context, item_id: str) -> str:
    """What a reader calls a price item: its activity (from whichever list holds it)."""
    return next((item.activity for _path, item in _price_items(ctx) if item.id == item_id), item_id)


@rule(
    "effects-price-item-not-in-list",
    S,
    "error",
    "Prijsregel uit de gebruikte prijslijst",
    "Kies een prijsregel uit de prijslijstversie waarmee de casus geprijsd wordt, of neem de "
    "regel op in die versie; anders telt de gebeurtenis niet mee.",
    applies=_has_cases,
)
def effects_price_item_not_in_list(ctx: Context) -> Iterator[Hit]:
    measurement = ctx.agreement.effect_measurement
    for i, case, scenario, j, event in _events(ctx):
        if event.price_item is None or event.price_item in measurement.prices_for(case):
            continue
        version = measurement.case_price_list(case)
        where = f"prijslijst '{version.title}'" if version is not None else "de eigen prijslijst"
        yield Hit(
            ctx.path("effect_measurement", "cases", i, scenario, j, "price_item"),
            f"'{event.description}' in casus '{case.title}' gebruikt prijsregel "
            f"'{_activity(ctx, event.price_item)}', maar die staat niet in {where}.",
        )


@rule(
    "effects-unit-mismatch",
    S,
    "error",
    "Aantal in de eenheid van de prijs",
    "Tel het aantal in dezelfde eenheid als de prijsregel (bijvoorbeeld 'per jaar' bij een "
    "jaarprijs), of kies een prijsregel met de eenheid waarin je telt.",
    applies=_has_cases,
)
def effects_unit_mismatch(ctx: Context) -> Iterator[Hit]:
    measurement = ctx.agreement.effect_measurement
    for i, case, scenario, j, event in _events(ctx):
        item = measurement.prices_for(case).get(event.price_item or "")
        if item is not None and not unit_fits(event.unit, item):
            yield Hit(
                ctx.path("effect_measurement", "cases", i, scenario, j, "unit"),
                f"'{event.description}' in casus '{case.title}' is geteld '{event.unit}', "
                f"maar de prijs van '{item.activity}' geldt '{item.unit}'.",
            )


def _when(event: CaseEvent) -> str:
    if event.month is not None:
        return "month"
    return "on" if event.on is not None else "year"


@rule(
    "effects-event-outside-horizon",
    S,
    "error",
    "Gebeurtenissen binnen de tijdshorizon",
    "Zet de gebeurtenis binnen de tijdshorizon van de effectmeting (gerekend vanaf de start "
    "van de casus), of verleng de tijdshorizon; daarbuiten telt zij niet mee.",
    applies=_has_cases,
)
def effects_event_outside_horizon(ctx: Context) -> Iterator[Hit]:
    horizon = ctx.agreement.effect_measurement.horizon
    for i, case, scenario, j, event in _events(ctx):
        month = event.month_offset(case.start or ctx.start)
        if month is None:
            continue
        path = ctx.path("effect_measurement", "cases", i, scenario, j, _when(event))
        if month < 0:
            yield Hit(
                path,
                f"'{event.description}' in casus '{case.title}' ligt vóór de start van de casus.",
            )
        elif month // 12 >= horizon:
            yield Hit(
                path,
                f"'{event.description}' in casus '{case.title}' valt buiten de tijdshorizon "
                f"van {horizon} jaar.",
            )


@rule(
    "effects-event-date-without-start",
    S,
    "error",
    "Startdatum bij gebeurtenissen met een datum",
    "Geef de casus (of het programma) een startdatum, of plaats de gebeurtenis met het "
    "aantal maanden na de start.",
    applies=_has_cases,
)
def effects_event_date_without_start(ctx: Context) -> Iterator[Hit]:
    for i, case, scenario, j, event in _events(ctx):
        if event.month_offset(case.start or ctx.start) is None:
            yield Hit(
                ctx.path("effect_measurement", "cases", i, scenario, j, "on"),
                f"'{event.description}' in casus '{case.title}' heeft een datum, maar de "
                "casus heeft geen startdatum om vanaf te tellen.",
            )


@rule(
    "effects-no-life-events",
    S,
    "warning",
    "Levensgebeurtenissen in de casus",
    "Beschrijf in de scenario's ook de levensgebeurtenissen (zoals een uitkering, een "
    "ontruiming of een plaatsing) waarin het verschil zich toont; alleen activiteiten laten "
    "geen baten zien.",
    applies=_has_cases,
)
def effects_no_life_events(ctx: Context) -> Iterator[Hit]:
    for i, case in enumerate(ctx.agreement.effect_measurement.cases):
        events = [*case.intervention, *case.reference]
        if events and not any(e.kind == EventKind.LIFE_EVENT for e in events):
            yield Hit(
                ctx.path("effect_measurement", "cases", i, "reference"),
                f"Casus '{case.title}' heeft alleen activiteiten en geen "
                "levensgebeurtenissen, dus geen baten.",
            )


@rule(
    "effects-case-without-goal",
    S,
    "warning",
    "Casus bij een doel",
    "Koppel de casus aan het doel (of de doelen) uit de doelenboom waar hij het effect van "
    "laat zien.",
    applies=_has_cases,
)
def effects_case_without_goal(ctx: Context) -> Iterator[Hit]:
    for i, case in enumerate(ctx.agreement.effect_measurement.cases):
        if not case.all_goals:
            yield Hit(
                ctx.path("effect_measurement", "cases", i, "goal"),
                f"Casus '{case.title}' is aan geen enkel doel gekoppeld.",
            )


@rule(
    "effects-stakeholder-missing",
    S,
    "warning",
    "Wie betaalt of ontvangt",
    "Vul bij de prijsregel (of bij de gebeurtenis) de partij in die de kosten draagt of de "
    "baat ontvangt; anders blijft het bedrag buiten de verdeling over de partijen.",
    applies=_has_cases,
)
def effects_stakeholder_missing(ctx: Context) -> Iterator[Hit]:
    measurement = ctx.agreement.effect_measurement
    for i, case, scenario, j, event in _events(ctx):
        item = measurement.prices_for(case).get(event.price_item or "")
        if item is None or event.stakeholder is not None or item.stakeholder is not None:
            continue
        if not item.payer.strip():
            yield Hit(
                ctx.path("effect_measurement", "cases", i, scenario, j, "stakeholder"),
                f"Bij '{event.description}' in casus '{case.title}' staat niet wie de kosten "
                "draagt.",
            )


@rule(
    "effects-price-source-missing",
    S,
    "tip",
    "Bron van elke prijs",
    "Noem bij elke prijs de bron (bijvoorbeeld een openbare prijslijst met jaartal), of zet "
    "'illustratief' aan als het bedrag ter illustratie is.",
    applies=lambda ctx: bool(
        ctx.agreement.effect_measurement.price_list or ctx.agreement.effect_measurement.price_lists
    ),
)
def effects_price_source_missing(ctx: Context) -> Iterator[Hit]:
    for path, item in _price_items(ctx):
        if not item.source.strip() and not item.illustrative:
            yield Hit(
                f"{path}.source",
                f"Bij de prijs van '{item.activity}' staat geen bron, en hij is niet als "
                "illustratief gemarkeerd.",
            )
