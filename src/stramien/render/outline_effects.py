"""§4.2's effect calculation: per case, over all cases, who pays and who benefits, how
sensitive the result is, and with which settings and prices it was computed.

Only written when the agreement describes cases. The numbers come from
``stramien.monitor.effects.effects_result`` through the figures module, which computes them
once for the document (the figures and these tables show the same result).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from stramien.formatting import euro, number
from stramien.model import Agreement
from stramien.monitor.effects import CaseResult, EffectsResult, PricedEvent, format_ratio

from .blocks import Block, Facts, Paragraph, Table
from .figures import effects as effect_figures
from .outline_builder import OutlineBuilder

SCENARIOS = effect_figures.SCENARIOS


def percent(value: Decimal | int | None) -> str:
    return number(value, 2, unit="%")


def settings_facts(agreement: Agreement, result: EffectsResult) -> Facts:
    """The settings the calculation used, and the price lists the cases were priced with."""
    em = agreement.effect_measurement
    return Facts(
        (
            ("Deadweight", f"{percent(em.deadweight)} van de baten was er ook zonder aanpak"),
            ("Attributie", f"{percent(em.attribution)} van de overige baten komt door de aanpak"),
            ("Uitdoving", f"{percent(em.drop_off)} per jaar na het eerste jaar"),
            ("Disconteringsvoet", f"{percent(em.discount_rate)} per jaar"),
            ("Horizon", f"{number(em.horizon)} jaar"),
            ("Prijslijst", price_lists_used(agreement, result.cases)),
        )
    )


def price_list_label(agreement: Agreement, price_list_id: str | None) -> str:
    """A price list as a reader knows it: its title and price level, or the own list."""
    for version in agreement.effect_measurement.price_lists:
        if version.id == price_list_id:
            text = f"{version.title} (prijspeil {version.year})"
            return f"{text}, bron: {version.source}" if version.source.strip() else text
    years = sorted({i.year for i in agreement.effect_measurement.price_list if i.year})
    level = f" (prijspeil {', '.join(str(y) for y in years)})" if years else ""
    return f"eigen prijslijst van het programma{level}"


def price_lists_used(agreement: Agreement, cases: Sequence[CaseResult]) -> str:
    labels: list[str] = []
    for case in cases:
        label = price_list_label(agreement, case.price_list_id)
        if label not in labels:
            labels.append(label)
    return "; ".join(labels) or "—"


def case_rows(cases: Sequence[CaseResult]) -> list[tuple[str, ...]]:
    """Per case (for one case, not yet times its number): both scenarios, their difference
    and the return ratio."""
    return [
        (
            c.case.title,
            str(c.case.count),
            euro(c.intervention.costs),
            euro(c.reference.costs),
            euro(c.net),
            format_ratio(c.ratio),
        )
        for c in cases
    ]


CASE_HEADERS = (
    "Casus",
    "Gevallen",
    "Kosten met aanpak",
    "Kosten zonder aanpak",
    "Netto effect per geval",
    "Rendement",
)


def total_facts(result: EffectsResult) -> Facts:
    total = result.total
    return Facts(
        (
            ("Investering (alle gevallen)", euro(total.investment)),
            ("Baten (alle gevallen)", euro(total.benefit)),
            ("Netto maatschappelijk effect", euro(total.net)),
            ("Maatschappelijk rendement", format_ratio(total.ratio)),
        )
    )


def spread_table(result: EffectsResult) -> Table | None:
    """How far the net effect per case lies apart: min, quartiles, max and mean."""
    spread = result.spread
    if spread is None or len(result.cases) < 2:
        return None
    return Table(
        "Spreiding van het netto effect per geval over de casussen",
        ("Laagste", "Eerste kwartiel", "Mediaan", "Derde kwartiel", "Hoogste", "Gemiddeld"),
        (
            (
                euro(spread.minimum),
                euro(spread.q1),
                euro(spread.median),
                euro(spread.q3),
                euro(spread.maximum),
                euro(spread.mean),
            ),
        ),
        frozenset(range(6)),
    )


def stakeholder_table(result: EffectsResult, caption: str) -> Table | None:
    lines = [line for line in result.stakeholders if line.pays or line.benefits]
    if not lines:
        return None
    return Table(
        caption,
        ("Belanghebbende", "Betaalt", "Profiteert", "Saldo"),
        tuple(
            (line.stakeholder or "onbekend", euro(line.pays), euro(line.benefits), euro(line.net))
            for line in sorted(lines, key=lambda x: (-x.net, x.stakeholder))
        ),
        frozenset({1, 2, 3}),
        (3, 1.5, 1.5, 1.5),
    )


def sensitivity_table(result: EffectsResult) -> Table | None:
    if not result.sensitivity:
        return None
    return Table(
        "Gevoeligheid: het rendement en het netto effect als een aanname 25% lager of hoger "
        "uitvalt",
        (
            "Aanname",
            "Laag",
            "Hoog",
            "Rendement laag",
            "Rendement basis",
            "Rendement hoog",
            "Netto laag",
            "Netto hoog",
        ),
        tuple(
            (
                row.label,
                row.low_value,
                row.high_value,
                format_ratio(row.low_ratio),
                format_ratio(row.base_ratio),
                format_ratio(row.high_ratio),
                euro(row.low_net),
                euro(row.high_net),
            )
            for row in result.sensitivity
        ),
        frozenset({1, 2, 3, 4, 5, 6, 7}),
        (3, 1, 1, 1.1, 1.1, 1.1, 1.4, 1.4),
    )


def unpriced_note(result: EffectsResult) -> Paragraph | None:
    """Events without a price, named: they are not counted, and the reader must know."""
    missing = [(c, e) for c in result.cases for e in c.unpriced]
    if not missing:
        return None
    shown = "; ".join(
        f"{e.description} ({c.case.title}, {_scenario_word(e)})" for c, e in missing[:20]
    )
    more = f" en nog {len(missing) - 20}" if len(missing) > 20 else ""
    return Paragraph(
        f"Nog zonder prijs, en dus niet meegeteld: {shown}{more}. De bedragen hierboven zijn "
        "daardoor onvolledig; zodra deze gebeurtenissen een prijs hebben, verandert de uitkomst.",
        "note",
    )


def _scenario_word(e: PricedEvent) -> str:
    label = SCENARIOS[0] if e.scenario == "intervention" else SCENARIOS[1]
    when = "" if e.month is None else f", maand {e.month}"
    return label.lower() + when


def event_rows(result: CaseResult) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for label, scenario in zip(SCENARIOS, (result.intervention, result.reference), strict=True):
        for e in sorted(scenario.events, key=_when):
            rows.append(_event_row(label, e))
    return rows


def _when(event: PricedEvent) -> tuple[bool, int]:
    # A line without a moment (a date while the case has no start) goes last.
    return (event.month is None, event.month or 0)


def _event_row(label: str, e: PricedEvent) -> tuple[str, ...]:
    return (
        "—" if e.month is None else str(e.month),
        label,
        effect_figures.kind_label(e.kind),
        e.description,
        number(e.quantity),
        euro(e.amount) if e.priced else "geen prijs",
        e.stakeholder or "—",
    )


def case_blocks(result: CaseResult, figure: Block | None) -> list[Block]:
    """One case in full: its facts, the timeline figure and the events it is drawn from."""
    case = result.case
    blocks: list[Block] = [
        Facts(
            (
                ("Vergelijkbare gevallen", str(case.count)),
                ("Kosten met aanpak (per geval)", euro(result.intervention.costs)),
                ("Kosten zonder aanpak (per geval)", euro(result.reference.costs)),
                ("Netto effect per geval", euro(result.net)),
                ("Rendement", format_ratio(result.ratio)),
            )
        )
    ]
    if figure is not None:
        blocks.append(figure)
    rows = event_rows(result)
    if rows:
        blocks.append(
            Table(
                f"Tijdlijn {case.title}",
                ("Maand", "Scenario", "Soort", "Wat", "Aantal", "Bedrag", "Draagt de kosten"),
                tuple(rows),
                frozenset({0, 4, 5}),
                (0.8, 1.3, 1.2, 3, 0.8, 1.3, 2),
            )
        )
    return blocks


def effects(b: OutlineBuilder) -> None:
    """The effect calculation of §4.2 (nothing when there are no cases)."""
    if not b.agreement.effect_measurement.cases:
        return
    result = effect_figures.effects_of(b.agreement)
    b.heading(3, "Effectberekening", "effecten")
    b.text(
        "Per casus beschrijven we twee scenario's: wat er gebeurt met de aanpak van het "
        "programma en wat er zonder zou gebeuren. Elke gebeurtenis en activiteit is geprijsd "
        "met de maatschappelijke prijslijst en toegerekend aan wie de kosten draagt. Het "
        "verschil tussen de scenario's is het maatschappelijk effect; het rendement zet de "
        "baten af tegen de investering ('2 : 1' betekent twee euro baten per geïnvesteerde "
        "euro)."
    )
    b.add(settings_facts(b.agreement, result))
    b.table(
        "Maatschappelijke kosten per casus en scenario (contante waarde, per geval)",
        CASE_HEADERS,
        case_rows(result.cases),
        numeric=(1, 2, 3, 4, 5),
        widths=(3, 1, 1.5, 1.5, 1.5, 1.2),
    )
    b.add(total_facts(result), spread_table(result))
    b.add(
        stakeholder_table(
            result, "Wie betaalt, wie profiteert: per belanghebbende over alle gevallen"
        )
    )
    b.figure("effects_stakeholders")
    b.add(sensitivity_table(result), unpriced_note(result))
    if result.findings:
        b.add(
            Paragraph(
                "Aandachtspunten bij de berekening: "
                + "; ".join(str(getattr(f, "message", f)) for f in result.findings)
                + ".",
                "note",
            )
        )
    drawn = effect_figures.timeline_cases(result.cases)
    found = b.drawn.get("effects_timelines")
    timelines = found if isinstance(found, list) else []
    by_key = {figure.key: figure for figure in timelines}
    with_events = [c for c in result.cases if c.intervention.events or c.reference.events]
    if len(with_events) > len(drawn):
        b.text(
            f"Hieronder staan de eerste {len(drawn)} van de {len(with_events)} casussen met "
            "hun tijdlijn; de tabel hierboven geeft de uitkomst van alle casussen.",
            "note",
        )
    for case in drawn:
        b.heading(3, f"Casus: {case.case.title}", f"casus-{case.case.id}")
        b.text(case.case.description)
        b.add(*case_blocks(case, by_key.get(f"effect-{case.case.id}")))
