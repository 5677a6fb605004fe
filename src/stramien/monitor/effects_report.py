"""The effect calculation written out: as plain Dutch text and as a JSON-ready dict."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from stramien.formatting import euro

from .effects import (
    CaseResult,
    EffectsResult,
    PricedEvent,
    StakeholderLine,
    format_percent,
    format_ratio,
)

CENT = Decimal("0.01")
SCENARIO_LABELS = {"intervention": "Interventiescenario", "reference": "Referentiescenario"}


def _money(value: Decimal) -> str:
    """An amount in JSON: a string with two decimals, so no float rounds it."""
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _ratio(value: Decimal | None) -> str | None:
    return None if value is None else str(value.quantize(Decimal("0.001"), ROUND_HALF_UP))


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _when(event: PricedEvent) -> str:
    if event.month is None:
        return "zonder plaats op de tijdlijn"
    return f"maand {event.month} (jaar {event.month // 12})"


def _line_dict(line: StakeholderLine) -> dict[str, str]:
    return {
        "stakeholder": line.stakeholder,
        "pays": _money(line.pays),
        "benefits": _money(line.benefits),
        "net": _money(line.net),
    }


def _event_dict(event: PricedEvent) -> dict[str, Any]:
    return {
        "month": event.month,
        "kind": event.kind.value,
        "description": event.description,
        "quantity": str(event.quantity),
        "unit": event.unit,
        "unit_price": None if event.unit_price is None else _money(event.unit_price),
        "amount": _money(event.amount),
        "present_value": _money(event.present_value),
        "stakeholder": event.stakeholder,
        "priced": event.priced,
        "counted": event.counted,
    }


def _case_dict(result: CaseResult) -> dict[str, Any]:
    return {
        "id": result.case.id,
        "title": result.case.title,
        "count": result.count,
        "price_list": result.price_list_id,
        "investment": _money(result.investment),
        "benefit": _money(result.benefit),
        "net": _money(result.net),
        "ratio": _ratio(result.ratio),
        "ratio_text": format_ratio(result.ratio),
        "intervention": {
            "costs": _money(result.intervention.costs),
            "events": [_event_dict(e) for e in result.intervention.events],
        },
        "reference": {
            "costs": _money(result.reference.costs),
            "events": [_event_dict(e) for e in result.reference.events],
        },
        "stakeholders": [_line_dict(line) for line in result.stakeholders],
        "complete": result.complete,
    }


def effects_as_dict(result: EffectsResult) -> dict[str, Any]:
    """Everything ``stramien effects --format json`` prints; amounts as decimal strings."""
    a = result.assumptions
    spread = result.spread
    return {
        "assumptions": {
            "deadweight": str(a.deadweight * 100),
            "attribution": str(a.attribution * 100),
            "drop_off": str(a.drop_off * 100),
            "discount_rate": str(a.discount_rate * 100),
            "horizon": a.horizon,
        },
        "cases": [_case_dict(c) for c in result.cases],
        "total": {
            "count": result.total.count,
            "investment": _money(result.total.investment),
            "benefit": _money(result.total.benefit),
            "net": _money(result.total.net),
            "ratio": _ratio(result.total.ratio),
            "ratio_text": format_ratio(result.total.ratio),
        },
        "spread": None
        if spread is None
        else {
            name: _money(getattr(spread, name))
            for name in ("minimum", "q1", "median", "q3", "maximum", "mean")
        },
        "stakeholders": [_line_dict(line) for line in result.stakeholders],
        "sensitivity": [
            {
                "label": row.label,
                "low_value": row.low_value,
                "high_value": row.high_value,
                "low_ratio": _ratio(row.low_ratio),
                "base_ratio": _ratio(row.base_ratio),
                "high_ratio": _ratio(row.high_ratio),
                "low_net": _money(row.low_net),
                "base_net": _money(row.base_net),
                "high_net": _money(row.high_net),
            }
            for row in result.sensitivity
        ],
        "findings": [
            {"case": f.case_id, "path": f.path, "message": f.message} for f in result.findings
        ],
        "complete": result.complete,
    }


def _matrix(lines: list[StakeholderLine], indent: str = "  ") -> list[str]:
    if not lines:
        return [f"{indent}(geen bedragen)"]
    width = max(len(line.stakeholder) for line in lines)
    rows = [f"{indent}{'Partij':<{width}}  {'betaalt':>14}  {'ontvangt':>14}  {'saldo':>14}"]
    rows += [
        f"{indent}{line.stakeholder:<{width}}  {euro(line.pays):>14}  "
        f"{euro(line.benefits):>14}  {euro(line.net):>14}"
        for line in lines
    ]
    return rows


def effects_text(result: EffectsResult, title: str) -> str:
    """The results for a reader: per case, the total, the matrix, the spread and the
    sensitivity table, then what is missing."""
    a = result.assumptions
    out = [f"Effectmeting: {title}", ""]
    out.append(
        f"Uitgangspunten: deadweight {format_percent(a.deadweight * 100)}, attributie "
        f"{format_percent(a.attribution * 100)}, uitdoving {format_percent(a.drop_off * 100)} "
        f"per jaar, discontovoet {format_percent(a.discount_rate * 100)} per jaar, "
        f"tijdshorizon {a.horizon} jaar."
    )
    if not result.cases:
        out += ["", "Er zijn nog geen casussen beschreven."]
    for case in result.cases:
        out += ["", f"Casus: {case.case.title} ({case.count}x)"]
        if case.price_list_id:
            out.append(f"  Prijslijst: {case.price_list_id}")
        for scenario in ("intervention", "reference"):
            found = getattr(case, scenario)
            out.append(f"  {SCENARIO_LABELS[scenario]}: {euro(found.costs)} (contante waarde)")
            for event in found.events:
                price = "geen prijs" if event.unit_price is None else euro(event.present_value)
                note = "" if event.counted else "  [telt niet mee]"
                out.append(
                    f"    - {_when(event)}, {event.kind.value}: {event.description} "
                    f"({_number(event.quantity)}x, {event.stakeholder}): {price}{note}"
                )
        out.append(
            f"  Investering {euro(case.investment)}, baten {euro(case.benefit)}, saldo "
            f"{euro(case.net)}, rendement {format_ratio(case.ratio)} (per geval)"
        )
        out += _matrix(case.stakeholders, "    ")
    total = result.total
    out += [
        "",
        f"Alle casussen samen ({total.count} gevallen)",
        f"  Investering {euro(total.investment)}, baten {euro(total.benefit)}, saldo "
        f"{euro(total.net)}, rendement {format_ratio(total.ratio)}",
    ]
    if result.spread is not None:
        s = result.spread
        out.append(
            f"  Saldo per geval: laagste {euro(s.minimum)}, eerste kwartiel {euro(s.q1)}, "
            f"mediaan {euro(s.median)}, derde kwartiel {euro(s.q3)}, hoogste {euro(s.maximum)}, "
            f"gemiddeld {euro(s.mean)}"
        )
    out += ["", "Wie betaalt, wie ontvangt (alle casussen)"]
    out += _matrix(result.stakeholders)
    if result.sensitivity:
        out += ["", "Gevoeligheid (elke aanname en elke onzekere prijs 25 % lager en hoger)"]
        for row in result.sensitivity:
            out.append(
                f"  {row.label}: {row.low_value} geeft {format_ratio(row.low_ratio)}, "
                f"{row.high_value} geeft {format_ratio(row.high_ratio)} "
                f"(nu {format_ratio(row.base_ratio)})"
            )
    out.append("")
    if result.findings:
        out.append(f"Onvolledig ({len(result.findings)}):")
        out += [f"  - {f.message}\n    waar: {f.path}" for f in result.findings]
    else:
        out.append("Alle casussen zijn volledig geprijsd.")
    return "\n".join(out) + "\n"
