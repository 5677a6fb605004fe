"""The effect calculation: each case priced in both scenarios with the societal price list.

Pure and in Decimal. The method, in Dutch, with a worked example: ``docs/effectmeting.md``.

- Every line of a scenario sits in a year after the case start: month offset // 12 (whole
  years; a date counts in months from the case start). Year 0 is not discounted, year t by
  (1 + discount rate)^-t. Lines in a year at or past the horizon are left out, with a finding.
- Investment: the support activities of the intervention minus those of the reference.
- Benefit: the life events of the reference minus those of the intervention, per year, times
  (1 - deadweight) x attribution, and from the second year on times (1 - drop-off)^t.
- Ratio: benefit / investment (none when nothing is invested). Everything per one case;
  totals multiply by the number of similar cases.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from stramien.model import Agreement, CaseEvent, EffectCase, EffectMeasurement, PriceItem
from stramien.model.effects import EventKind, PriceList, unit_fits

from ._numbers import HUNDRED, ZERO, product, ratio, total

ONE = Decimal(1)
# How far each assumption and each uncertain price is moved in the sensitivity table.
SENSITIVITY_STEP = Decimal("0.25")
UNKNOWN_STAKEHOLDER = "Niet toegewezen"


# --- the old interface, kept while the render code still calls it -------------------------


@dataclass(frozen=True, slots=True)
class CaseEffect:
    case: EffectCase
    intervention: Decimal
    reference: Decimal

    @property
    def saving(self) -> Decimal:
        """Societal costs avoided over all similar cases (positive = the approach pays off)."""
        return self.reference - self.intervention


def scenario_cost(events: list[CaseEvent], prices: dict[str, PriceItem]) -> Decimal:
    """Societal cost of one scenario of one case, undiscounted; unpriced events count as zero
    here (``effects_result`` reports them)."""
    amount = ZERO
    for event in events:
        item = prices.get(event.price_item) if event.price_item else None
        if item is not None:
            amount += item.price * event.quantity
    return amount


def case_effects(agreement: Agreement) -> list[CaseEffect]:
    """Every case with both scenarios priced and multiplied by its number of similar cases."""
    measurement = agreement.effect_measurement
    return [
        CaseEffect(
            case=case,
            intervention=scenario_cost(case.intervention, measurement.prices_for(case))
            * case.count,
            reference=scenario_cost(case.reference, measurement.prices_for(case)) * case.count,
        )
        for case in measurement.cases
    ]


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EffectFinding:
    """Something that keeps a case from being complete; ``path`` is a document path."""

    case_id: str
    path: str
    message: str


@dataclass(frozen=True, slots=True)
class PricedEvent:
    scenario: str  # "intervention" or "reference"
    index: int
    month: int | None
    kind: EventKind
    description: str
    quantity: Decimal
    unit_price: Decimal | None
    amount: Decimal
    present_value: Decimal
    stakeholder: str
    priced: bool
    price_item: str | None = None
    unit: str = ""
    # False for a line left out of the totals (unpriced, outside the horizon, no date).
    counted: bool = True

    @property
    def year(self) -> int | None:
        return None if self.month is None else self.month // 12


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    costs: Decimal
    events: list[PricedEvent]

    def kind_costs(self, kind: EventKind) -> Decimal:
        return total(e.present_value for e in self.events if e.counted and e.kind == kind)


@dataclass(frozen=True, slots=True)
class StakeholderLine:
    stakeholder: str
    pays: Decimal
    benefits: Decimal

    @property
    def net(self) -> Decimal:
        return self.benefits - self.pays


@dataclass(frozen=True, slots=True)
class CaseResult:
    case: EffectCase
    price_list_id: str | None
    intervention: ScenarioResult
    reference: ScenarioResult
    investment: Decimal
    benefit: Decimal
    stakeholders: list[StakeholderLine]
    unpriced: list[PricedEvent]
    findings: list[EffectFinding] = field(default_factory=list)
    # The benefit per year after the case start, after deadweight, attribution and drop-off.
    benefit_per_year: dict[int, Decimal] = field(default_factory=dict)

    @property
    def net(self) -> Decimal:
        return self.benefit - self.investment

    @property
    def ratio(self) -> Decimal | None:
        return return_ratio(self.benefit, self.investment)

    @property
    def count(self) -> int:
        return self.case.count

    @property
    def complete(self) -> bool:
        return not self.findings


@dataclass(frozen=True, slots=True)
class Totals:
    investment: Decimal
    benefit: Decimal
    count: int

    @property
    def net(self) -> Decimal:
        return self.benefit - self.investment

    @property
    def ratio(self) -> Decimal | None:
        return return_ratio(self.benefit, self.investment)


@dataclass(frozen=True, slots=True)
class Spread:
    """The net effect per case over every similar case (a case with count 25 counts 25x)."""

    minimum: Decimal
    q1: Decimal
    median: Decimal
    q3: Decimal
    maximum: Decimal
    mean: Decimal

    @property
    def min(self) -> Decimal:
        return self.minimum

    @property
    def max(self) -> Decimal:
        return self.maximum


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    label: str
    low_value: str
    high_value: str
    low_ratio: Decimal | None
    base_ratio: Decimal | None
    high_ratio: Decimal | None
    low_net: Decimal
    base_net: Decimal
    high_net: Decimal


@dataclass(frozen=True, slots=True)
class EffectsResult:
    cases: list[CaseResult]
    total: Totals
    spread: Spread | None
    stakeholders: list[StakeholderLine]
    sensitivity: list[SensitivityRow]
    findings: list[EffectFinding]
    assumptions: Assumptions

    @property
    def complete(self) -> bool:
        return not self.findings

    def for_goal(self, goal_id: str) -> list[CaseResult]:
        """The cases that show the effect of ``goal_id`` (as their goal or one of their
        goals), for the dashboard next to that goal."""
        return [c for c in self.cases if goal_id in c.case.all_goals]


@dataclass(frozen=True, slots=True)
class Assumptions:
    """The settings of a measurement as fractions (0.2 for 20 %), and the horizon in years."""

    deadweight: Decimal
    attribution: Decimal
    drop_off: Decimal
    discount_rate: Decimal
    horizon: int

    @classmethod
    def of(cls, measurement: EffectMeasurement) -> Assumptions:
        return cls(
            deadweight=ratio(measurement.deadweight, HUNDRED),
            attribution=ratio(measurement.attribution, HUNDRED),
            drop_off=ratio(measurement.drop_off, HUNDRED),
            discount_rate=ratio(measurement.discount_rate, HUNDRED),
            horizon=measurement.horizon,
        )


@dataclass(frozen=True, slots=True)
class RepriceDiff:
    case_id: str
    old: CaseResult
    new: CaseResult

    @property
    def investment(self) -> Decimal:
        return self.new.investment - self.old.investment

    @property
    def benefit(self) -> Decimal:
        return self.new.benefit - self.old.benefit

    @property
    def net(self) -> Decimal:
        return self.new.net - self.old.net


# --- formatting -----------------------------------------------------------------------------


def return_ratio(benefit: Decimal, investment: Decimal) -> Decimal | None:
    """Benefit per euro invested; None when nothing (or less than nothing) is invested."""
    if investment <= ZERO:
        return None
    return ratio(benefit, investment)


def format_ratio(value: Decimal | None) -> str:
    """A return ratio as '1,6 : 1' (one decimal, Dutch comma); 'n.v.t.' without one."""
    if value is None:
        return "n.v.t."
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{rounded}".replace(".", ",").replace("-", "−") + " : 1"


def format_percent(value: Decimal) -> str:
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text} %"


# --- the calculation ------------------------------------------------------------------------


def _party_names(agreement: Agreement) -> dict[str, str]:
    parties: list[tuple[str, str]] = [(p.id, p.name) for p in agreement.partnership.partners] + [
        (s.id, s.name) for s in agreement.partnership.stakeholders
    ]
    parties += [(f.id, f.name) for f in agreement.partnership.funders]
    parties += [(b.id, b.name) for b in agreement.ambition.beneficiaries]
    return dict(parties)


def _discount(year: int, rate: Decimal) -> Decimal:
    if year <= 0 or rate == ZERO:
        return ONE
    return ratio(ONE, (ONE + rate) ** year)


def _case_start(case: EffectCase, agreement: Agreement) -> dt.date | None:
    return case.start or agreement.programme.start


def _price_case(
    agreement: Agreement,
    case: EffectCase,
    case_index: int,
    price_list: PriceList | None,
    prices: dict[str, PriceItem],
    assumptions: Assumptions,
    price_factors: dict[str, Decimal],
) -> CaseResult:
    names = _party_names(agreement)
    start = _case_start(case, agreement)
    findings: list[EffectFinding] = []
    base = f"effect_measurement.cases[{case_index}]"
    scenarios: dict[str, ScenarioResult] = {}
    # (scenario, kind, stakeholder, year) -> present value
    amounts: dict[tuple[str, EventKind, str, int], Decimal] = defaultdict(Decimal)
    for scenario in ("intervention", "reference"):
        priced_events: list[PricedEvent] = []
        for j, event in enumerate(getattr(case, scenario)):
            path = f"{base}.{scenario}[{j}]"
            item = prices.get(event.price_item) if event.price_item else None
            month = event.month_offset(start)
            stakeholder = _stakeholder(event, item, names)
            counted = True
            if item is None:
                counted = False
                if event.price_item is None:
                    text = f"'{event.description}' in casus '{case.title}' heeft geen prijs."
                else:
                    text = (
                        f"'{event.description}' in casus '{case.title}' verwijst naar "
                        f"prijsregel '{event.price_item}', die niet in de gebruikte prijslijst "
                        "staat."
                    )
                findings.append(EffectFinding(case.id, f"{path}.price_item", text))
            elif not unit_fits(event.unit, item):
                counted = False
                findings.append(
                    EffectFinding(
                        case.id,
                        f"{path}.unit",
                        f"'{event.description}' in casus '{case.title}' is geteld "
                        f"'{event.unit}', maar prijsregel '{item.activity}' geldt "
                        f"'{item.unit}'.",
                    )
                )
            if month is None:
                counted = False
                findings.append(
                    EffectFinding(
                        case.id,
                        f"{path}.on",
                        f"'{event.description}' in casus '{case.title}' heeft een datum, maar "
                        "de casus heeft geen start om vanaf te tellen.",
                    )
                )
            elif month < 0 or month // 12 >= assumptions.horizon:
                counted = False
                findings.append(
                    EffectFinding(
                        case.id,
                        f"{path}.{_when_field(event)}",
                        f"'{event.description}' in casus '{case.title}' valt buiten de "
                        f"tijdshorizon van {assumptions.horizon} jaar vanaf de start.",
                    )
                )
            unit_price = None
            amount = ZERO
            present = ZERO
            if item is not None:
                unit_price = product(item.price, price_factors.get(item.id, ONE))
                amount = product(unit_price, event.quantity)
                if month is not None and month >= 0:
                    present = product(amount, _discount(month // 12, assumptions.discount_rate))
            if counted and month is not None:
                amounts[(scenario, event.kind, stakeholder, month // 12)] += present
            priced_events.append(
                PricedEvent(
                    scenario=scenario,
                    index=j,
                    month=month,
                    kind=event.kind,
                    description=event.description,
                    quantity=event.quantity,
                    unit_price=unit_price,
                    amount=amount,
                    present_value=present,
                    stakeholder=stakeholder,
                    priced=item is not None,
                    price_item=event.price_item,
                    unit=event.unit or (item.unit if item is not None else ""),
                    counted=counted,
                )
            )
        scenarios[scenario] = ScenarioResult(
            costs=total(e.present_value for e in priced_events if e.counted),
            events=priced_events,
        )
    pays: dict[str, Decimal] = defaultdict(Decimal)
    benefits: dict[str, Decimal] = defaultdict(Decimal)
    per_year: dict[int, Decimal] = defaultdict(Decimal)
    kept = product(ONE - assumptions.deadweight, assumptions.attribution)
    for (scenario, kind, who, year), value in amounts.items():
        if kind == EventKind.ACTIVITY:
            # Extra support paid in the intervention is an investment; support the reference
            # would have needed anyway is subtracted from it.
            pays[who] += value if scenario == "intervention" else -value
        else:
            avoided = -value if scenario == "intervention" else value
            adjusted = product(avoided, kept)
            if year >= 1 and assumptions.drop_off:
                adjusted = product(adjusted, (ONE - assumptions.drop_off) ** year)
            benefits[who] += adjusted
            per_year[year] += adjusted
    lines = _lines(pays, benefits)
    return CaseResult(
        case=case,
        price_list_id=price_list.id if price_list is not None else None,
        intervention=scenarios["intervention"],
        reference=scenarios["reference"],
        investment=total(pays.values()),
        benefit=total(benefits.values()),
        stakeholders=lines,
        unpriced=[e for s in scenarios.values() for e in s.events if not e.priced],
        findings=findings,
        benefit_per_year=dict(sorted(per_year.items())),
    )


def _when_field(event: CaseEvent) -> str:
    if event.month is not None:
        return "month"
    return "on" if event.on is not None else "year"


def _stakeholder(event: CaseEvent, item: PriceItem | None, names: dict[str, str]) -> str:
    if event.stakeholder is not None:
        return names.get(event.stakeholder, event.stakeholder)
    if item is not None and item.stakeholder is not None:
        return names.get(item.stakeholder, item.stakeholder)
    if item is not None and item.payer.strip():
        return item.payer.strip()
    return UNKNOWN_STAKEHOLDER


def _lines(pays: dict[str, Decimal], benefits: dict[str, Decimal]) -> list[StakeholderLine]:
    who = sorted(set(pays) | set(benefits), key=str.casefold)
    return [StakeholderLine(w, pays.get(w, ZERO), benefits.get(w, ZERO)) for w in who]


def _sum_lines(cases: Iterable[CaseResult]) -> list[StakeholderLine]:
    pays: dict[str, Decimal] = defaultdict(Decimal)
    benefits: dict[str, Decimal] = defaultdict(Decimal)
    for result in cases:
        for line in result.stakeholders:
            pays[line.stakeholder] += line.pays * result.count
            benefits[line.stakeholder] += line.benefits * result.count
    return _lines(pays, benefits)


def _quantile(ordered: list[tuple[Decimal, int]], fraction: Decimal) -> Decimal:
    """The ``fraction`` quantile of values repeated by weight, linear between neighbours
    (the 'inclusive' method: q1 of 1..5 is 2)."""
    size = sum(weight for _value, weight in ordered)
    position = product(fraction, Decimal(size - 1))
    below = int(position)
    rest = position - below

    def value_at(index: int) -> Decimal:
        seen = 0
        for value, weight in ordered:
            seen += weight
            if index < seen:
                return value
        return ordered[-1][0]

    low = value_at(below)
    if rest == ZERO:
        return low
    return low + product(value_at(below + 1) - low, rest)


def spread_of(cases: list[CaseResult]) -> Spread | None:
    if not cases:
        return None
    ordered = sorted(((c.net, c.count) for c in cases), key=lambda pair: pair[0])
    count = sum(c.count for c in cases)
    return Spread(
        minimum=ordered[0][0],
        q1=_quantile(ordered, Decimal("0.25")),
        median=_quantile(ordered, Decimal("0.5")),
        q3=_quantile(ordered, Decimal("0.75")),
        maximum=ordered[-1][0],
        mean=ratio(total(c.net * c.count for c in cases), Decimal(count)),
    )


def _totals(cases: list[CaseResult]) -> Totals:
    return Totals(
        investment=total(c.investment * c.count for c in cases),
        benefit=total(c.benefit * c.count for c in cases),
        count=sum(c.count for c in cases),
    )


def _price_all(
    agreement: Agreement,
    assumptions: Assumptions,
    price_factors: dict[str, Decimal] | None = None,
) -> list[CaseResult]:
    measurement = agreement.effect_measurement
    return [
        _price_case(
            agreement,
            case,
            i,
            measurement.case_price_list(case),
            measurement.prices_for(case),
            assumptions,
            price_factors or {},
        )
        for i, case in enumerate(measurement.cases)
    ]


def _measurement_findings(agreement: Agreement) -> list[EffectFinding]:
    found: list[EffectFinding] = []
    for i, case in enumerate(agreement.effect_measurement.cases):
        path = f"effect_measurement.cases[{i}]"
        if not case.reference:
            found.append(
                EffectFinding(
                    case.id,
                    f"{path}.reference",
                    f"Casus '{case.title}' heeft geen referentiescenario.",
                )
            )
        if not case.intervention and not case.reference:
            found.append(
                EffectFinding(
                    case.id,
                    f"{path}.intervention",
                    f"Casus '{case.title}' heeft geen gebeurtenissen.",
                )
            )
    return found


def _sensitivity(
    agreement: Agreement, assumptions: Assumptions, base: Totals
) -> list[SensitivityRow]:
    rows: list[SensitivityRow] = []
    low_factor, high_factor = ONE - SENSITIVITY_STEP, ONE + SENSITIVITY_STEP

    def clamp(value: Decimal) -> Decimal:
        return max(ZERO, min(ONE, value))

    settings = (
        ("Deadweight", "deadweight", True),
        ("Attributie", "attribution", True),
        ("Uitdoving per jaar", "drop_off", True),
        ("Discontovoet", "discount_rate", False),
    )
    for label, name, capped in settings:
        current: Decimal = getattr(assumptions, name)
        low, high = product(current, low_factor), product(current, high_factor)
        if capped:
            low, high = clamp(low), clamp(high)
        rows.append(
            _row(
                agreement,
                label,
                format_percent(product(low, HUNDRED)),
                format_percent(product(high, HUNDRED)),
                _with(assumptions, name, low),
                _with(assumptions, name, high),
                {},
                {},
                base,
            )
        )
    horizon_low = max(1, int((Decimal(assumptions.horizon) * low_factor).to_integral_value()))
    horizon_high = int((Decimal(assumptions.horizon) * high_factor).to_integral_value())
    rows.append(
        _row(
            agreement,
            "Tijdshorizon",
            f"{horizon_low} jaar",
            f"{horizon_high} jaar",
            replace(assumptions, horizon=horizon_low),
            replace(assumptions, horizon=horizon_high),
            {},
            {},
            base,
        )
    )
    seen: set[str] = set()
    measurement = agreement.effect_measurement
    items = list(measurement.price_list) + [
        item for version in measurement.price_lists for item in version.items
    ]
    for item in items:
        if not item.uncertain or item.id in seen:
            continue
        seen.add(item.id)
        rows.append(
            _row(
                agreement,
                f"Prijs '{item.activity}'",
                "−25 %",
                "+25 %",
                assumptions,
                assumptions,
                {item.id: low_factor},
                {item.id: high_factor},
                base,
            )
        )
    return rows


def _with(assumptions: Assumptions, name: str, value: Decimal) -> Assumptions:
    changes: dict[str, Decimal] = {name: value}
    return replace(assumptions, **changes)  # type: ignore[arg-type]


def _row(
    agreement: Agreement,
    label: str,
    low_value: str,
    high_value: str,
    low: Assumptions,
    high: Assumptions,
    low_prices: dict[str, Decimal],
    high_prices: dict[str, Decimal],
    base: Totals,
) -> SensitivityRow:
    down = _totals(_price_all(agreement, low, low_prices))
    up = _totals(_price_all(agreement, high, high_prices))
    return SensitivityRow(
        label=label,
        low_value=low_value,
        high_value=high_value,
        low_ratio=down.ratio,
        base_ratio=base.ratio,
        high_ratio=up.ratio,
        low_net=down.net,
        base_net=base.net,
        high_net=up.net,
    )


def effects_result(agreement: Agreement, *, sensitivity: bool = True) -> EffectsResult:
    """Every case priced, the totals over all cases, the stakeholder matrix, the spread,
    the sensitivity table (unless ``sensitivity`` is False) and every finding."""
    assumptions = Assumptions.of(agreement.effect_measurement)
    cases = _price_all(agreement, assumptions)
    totals = _totals(cases)
    findings = _measurement_findings(agreement) + [f for c in cases for f in c.findings]
    return EffectsResult(
        cases=cases,
        total=totals,
        spread=spread_of(cases),
        stakeholders=_sum_lines(cases),
        sensitivity=_sensitivity(agreement, assumptions, totals) if sensitivity else [],
        findings=findings,
        assumptions=assumptions,
    )


def reprice(agreement: Agreement, case_id: str, price_list_id: str) -> RepriceDiff:
    """The case ``case_id`` as it is priced now and as it would be with ``price_list_id``.

    Pure: nothing changes; the caller decides whether to store the new choice. Raises
    KeyError when the case or the price list does not exist."""
    measurement = agreement.effect_measurement
    found = next(((i, c) for i, c in enumerate(measurement.cases) if c.id == case_id), None)
    if found is None:
        raise KeyError(f"Er is geen casus met id '{case_id}'.")
    version = measurement.price_list_by_id(price_list_id)
    if version is None:
        raise KeyError(f"Er is geen prijslijst met id '{price_list_id}'.")
    index, case = found
    assumptions = Assumptions.of(measurement)
    old = _price_case(
        agreement,
        case,
        index,
        measurement.case_price_list(case),
        measurement.prices_for(case),
        assumptions,
        {},
    )
    moved = case.model_copy(update={"price_list": price_list_id})
    new = _price_case(
        agreement, moved, index, version, measurement.prices_for(moved), assumptions, {}
    )
    return RepriceDiff(case_id=case_id, old=old, new=new)
