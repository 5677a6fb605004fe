"""Reads for the effect measurement pages: the results computed by ``stramien.monitor``
(pure, from the newest version), set out as the pages show them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from stramien import formatting
from stramien.model import Agreement, EffectCase
from stramien.monitor.effects import (
    CaseResult,
    EffectsResult,
    effects_result,
    format_ratio,
)
from stramien.web import schemaform

#: The kinds of party that bear a cost or receive a benefit.
STAKEHOLDER_KINDS = ("Partner", "Stakeholder", "Funder", "Beneficiary")


def result(agreement: Agreement) -> EffectsResult:
    return effects_result(agreement)


def ratio(value: Decimal | None) -> str:
    return format_ratio(value) if value is not None else "—"


def euro(value: Decimal | None) -> str:
    return formatting.euro(value)


def case_result(found: EffectsResult, case_id: str) -> CaseResult | None:
    return next((c for c in found.cases if c.case.id == case_id), None)


def stakeholder_rows(lines: Iterable[Any]) -> list[dict[str, str]]:
    """The matrix "wie betaalt, wie profiteert": one row per stakeholder."""
    return [
        {
            "stakeholder": line.stakeholder,
            "pays": euro(line.pays),
            "benefits": euro(line.benefits),
            "net": euro(line.net),
            "gains": line.net > 0,
        }
        for line in lines
    ]


def timeline(case_result: CaseResult) -> list[dict[str, Any]]:
    """Both scenarios side by side, per month from the case start: what happens in each."""
    months: dict[int, dict[str, list[Any]]] = {}
    for scenario in ("intervention", "reference"):
        for event in getattr(case_result, scenario).events:
            month = int(event.month or 0)
            months.setdefault(month, {"intervention": [], "reference": []})[scenario].append(
                event_row(event)
            )
    return [
        {"month": month, "label": month_label(month), **months[month]} for month in sorted(months)
    ]


def month_label(month: int) -> str:
    years, rest = divmod(month, 12)
    if not years:
        return f"maand {month}"
    return (
        f"maand {month} (jaar {years + 1})" if rest else f"maand {month} (begin jaar {years + 1})"
    )


def event_row(event: Any) -> dict[str, Any]:
    return {
        "description": event.description,
        "kind": str(event.kind),
        "quantity": formatting.number(event.quantity),
        "unit_price": euro(event.unit_price) if event.priced else "—",
        "amount": euro(event.amount) if event.priced else "—",
        "present_value": euro(event.present_value) if event.priced else "—",
        "stakeholder": event.stakeholder or "—",
        "priced": event.priced,
    }


def case_summary(found: CaseResult) -> dict[str, Any]:
    return {
        "case": found.case,
        "price_list_id": found.price_list_id or "",
        "intervention": euro(found.intervention.costs),
        "reference": euro(found.reference.costs),
        "investment": euro(found.investment),
        "benefit": euro(found.benefit),
        "net": euro(found.net),
        "ratio": ratio(found.ratio),
        "unpriced": len(found.unpriced),
    }


def unpriced(found: EffectsResult) -> list[dict[str, Any]]:
    """Every event without a price, with its case and the field to fix it in."""
    rows = []
    for case in found.cases:
        for event in case.unpriced:
            rows.append(
                {
                    "case": case.case,
                    "description": event.description,
                    "month": event.month,
                    "anchor": field_anchor(f"{event.scenario}[{event.index}].price_item"),
                }
            )
    return rows


_FIELD_PATH = re.compile(r"(intervention|reference)\[(\d+)\]\.(\w+)$")


def field_anchor(path: str) -> str:
    """The case form's field a finding's path names ("...reference[2].unit"), as the id
    of its input; the form itself when the path names no event field."""
    found = _FIELD_PATH.search(path)
    if found is None:
        return "casus-formulier"
    scenario, index, name = found.groups()
    return "id_" + schemaform.field_name("c", [scenario, int(index), name])


def findings(found: EffectsResult) -> list[dict[str, Any]]:
    """The findings other than the unpriced events (listed on their own), each with the
    field to fix it in."""
    return [
        {"message": f.message, "case_id": f.case_id, "anchor": field_anchor(f.path)}
        for f in found.findings
        if not f.path.endswith(".price_item")
    ]


def sensitivity_rows(found: EffectsResult) -> list[dict[str, str]]:
    return [
        {
            "label": row.label,
            "low_value": row.low_value,
            "high_value": row.high_value,
            "low_ratio": ratio(row.low_ratio),
            "low_net": euro(row.low_net),
            "base_ratio": ratio(row.base_ratio),
            "base_net": euro(row.base_net),
            "high_ratio": ratio(row.high_ratio),
            "high_net": euro(row.high_net),
        }
        for row in found.sensitivity
    ]


def spread(found: EffectsResult) -> list[tuple[str, str]]:
    values = found.spread
    if values is None:
        return []
    names = (
        ("minimum", "laagste"),
        ("q1", "eerste kwartiel"),
        ("median", "mediaan"),
        ("q3", "derde kwartiel"),
        ("maximum", "hoogste"),
        ("mean", "gemiddelde"),
    )
    return [(label, euro(getattr(values, key))) for key, label in names]


def results_page(agreement: Agreement) -> dict[str, Any]:
    found = result(agreement)
    total = found.total
    return {
        "measurement": agreement.effect_measurement,
        "cases": [case_summary(c) for c in found.cases],
        "total": {
            "investment": euro(total.investment),
            "benefit": euro(total.benefit),
            "net": euro(total.net),
            "ratio": ratio(total.ratio),
        },
        "spread": spread(found),
        "matrix": stakeholder_rows(found.stakeholders),
        "sensitivity": sensitivity_rows(found),
        "unpriced": unpriced(found),
        "findings": findings(found),
    }


def case_page(agreement: Agreement, case_id: str) -> dict[str, Any] | None:
    found = case_result(result(agreement), case_id)
    if found is None:
        return None
    return {
        "summary": case_summary(found),
        "timeline": timeline(found),
        "matrix": stakeholder_rows(found.stakeholders),
        "unpriced_events": [event_row(e) for e in found.unpriced],
    }


def find_case(agreement: Agreement, case_id: str) -> EffectCase | None:
    return next((c for c in agreement.effect_measurement.cases if c.id == case_id), None)


def form_choices(document: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """The choices of the case form, by field."""
    provide = schemaform.choices_from(document)
    lists = (document.get("effect_measurement") or {}).get("price_lists") or []
    return {
        "goals": provide(("Goal",)),
        "indicators": provide(("Indicator",)),
        "price_items": provide(("PriceItem",)),
        "stakeholders": provide(STAKEHOLDER_KINDS),
        "price_lists": [
            (str(p.get("id", "")), f"{p.get('title', '')} ({p.get('year', '')})") for p in lists
        ],
    }


def goal_cases(agreement: Agreement) -> list[dict[str, Any]]:
    """The goals that effect cases serve, in the goal tree's order, each with its cases
    (ratio and net): for the monitoring dashboard."""
    found = result(agreement)
    by_goal: dict[str, list[dict[str, Any]]] = {}
    for case in found.cases:
        for goal in case.case.all_goals:
            by_goal.setdefault(goal, []).append(
                {"case": case.case, "ratio": ratio(case.ratio), "net": euro(case.net)}
            )
    return [
        {"goal": goal, "cases": by_goal[goal.id]} for goal in agreement.goals if goal.id in by_goal
    ]


def reprice_rows(diff: Any) -> dict[str, Any]:
    """The case's result with its current and with the chosen price list, side by side."""
    old, new = diff.old, diff.new
    rows = []
    for label, key in (
        ("Kosten interventiescenario", "intervention"),
        ("Kosten referentiescenario", "reference"),
        ("Investering", "investment"),
        ("Baten", "benefit"),
        ("Netto", "net"),
    ):
        before = getattr(old, key)
        after = getattr(new, key)
        before = getattr(before, "costs", before)
        after = getattr(after, "costs", after)
        rows.append(
            {
                "label": label,
                "old": euro(before),
                "new": euro(after),
                "difference": euro(after - before),
            }
        )
    return {
        "rows": rows,
        "old_ratio": ratio(old.ratio),
        "new_ratio": ratio(new.ratio),
        "old_list": old.price_list_id or "",
        "new_list": new.price_list_id or "",
        "unpriced": [event_row(e) for e in new.unpriced],
    }
