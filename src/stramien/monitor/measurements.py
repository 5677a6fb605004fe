"""One measurement as the web application hands it over, and which measurements count.

Measurements are records beside the document, keyed by its stable ids: the indicator's id,
a period key and, for a breakdown, the dimension values. They are never changed once
approved: a correction is a new measurement that ``supersedes`` the one it replaces.

Which measurements count at a moment ``as_of`` (``counting``):

1. only approved ones, approved on or before ``as_of``;
2. a measurement replaced by a counting correction no longer counts, nor does anything that
   one replaced in turn (a chain of corrections leaves only its latest counting link);
3. of what remains, per indicator, period and breakdown cell the one approved last counts,
   so two approvals of the same figure never add up.

With ``as_of`` at the end of a quarter, a correction approved afterwards is left out: the
figures read as they stood at that moment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from stramien.model import Indicator, MeasureType, period_key_problem
from stramien.texts import message_of
from stramien.texts import translatable as _

Cell = tuple[tuple[str, str], ...]


class MeasurementStatus(StrEnum):
    CONCEPT = "concept"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    MeasurementStatus.CONCEPT: "Concept",
    MeasurementStatus.SUBMITTED: "Ingediend",
    MeasurementStatus.APPROVED: "Goedgekeurd",
    MeasurementStatus.RETURNED: "Teruggestuurd",
}


class MeasurementError(ValueError):
    """A measurement that cannot exist; the message is Dutch."""

    @property
    def message(self) -> str:
        """The message as it was raised (a ``stramien.texts.Text`` the web can translate)."""
        return message_of(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class Measurement:
    """One value (or numerator and denominator) of one indicator for one period."""

    id: str
    indicator: str
    period: str
    entered_at: dt.datetime
    value: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    dimensions: Mapping[str, str] = field(default_factory=dict, hash=False)
    status: MeasurementStatus = MeasurementStatus.CONCEPT
    approved_at: dt.datetime | None = None
    supersedes: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        # The web application may hand over the stored text of the status.
        object.__setattr__(self, "status", MeasurementStatus(self.status))
        problem = _structure_problem(self)
        if problem:
            raise MeasurementError(problem)
        object.__setattr__(self, "dimensions", MappingProxyType(dict(self.dimensions)))

    @property
    def cell(self) -> Cell:
        """The breakdown cell, as sorted (dimension, value) pairs; () for a total."""
        return tuple(sorted(self.dimensions.items()))

    def counts_at(self, as_of: dt.datetime | None) -> bool:
        """Approved, and (when ``as_of`` is given) approved on or before that moment."""
        if self.status is not MeasurementStatus.APPROVED or self.approved_at is None:
            return False
        return as_of is None or self.approved_at <= as_of


def _structure_problem(m: Measurement) -> str | None:
    has_ratio = m.numerator is not None or m.denominator is not None
    if m.value is not None and has_ratio:
        return _("Geef een waarde, of een teller en een noemer, maar niet allebei.")
    if m.value is None and (m.numerator is None or m.denominator is None):
        return _("Geef een waarde, of een teller met een noemer.")
    if m.denominator is not None and m.denominator < 0:
        return _("De noemer kan niet negatief zijn.")
    for moment in (m.entered_at, m.approved_at):
        if moment is not None and moment.utcoffset() is None:
            return _("Een tijdstip heeft een tijdzone nodig.")
    approved = m.status is MeasurementStatus.APPROVED
    if approved and m.approved_at is None:
        return _("Een goedgekeurde meting heeft een tijdstip van goedkeuring nodig.")
    if not approved and m.approved_at is not None:
        return _("Alleen een goedgekeurde meting heeft een tijdstip van goedkeuring.")
    if m.supersedes == m.id:
        return _("Een meting kan zichzelf niet vervangen.")
    return None


def measurement_problems(measurement: Measurement, indicator: Indicator) -> list[str]:
    """What is wrong with a measurement for this indicator, in Dutch (empty: nothing).

    Meant for entry: the web application shows these before it stores a measurement.
    """
    return [message for _field, message in field_problems(measurement, indicator)]


def field_problems(measurement: Measurement, indicator: Indicator) -> list[tuple[str, str]]:
    """``measurement_problems``, each with the field it is about: ``indicator``, ``period``,
    ``value``, ``numerator``, ``denominator`` or ``dimensions`` (for an API that names the
    field of every problem)."""
    problems: list[tuple[str, str]] = []
    if measurement.indicator != indicator.id:
        problems.append(
            (
                "indicator",
                _(
                    "Deze meting hoort bij '%(indicator)s', niet bij deze indicator.",
                    indicator=measurement.indicator,
                ),
            )
        )
    period_problem = period_key_problem(measurement.period, indicator.frequency)
    if period_problem:
        problems.append(("period", period_problem))
    problems.extend(_value_problems(measurement, indicator.measure))
    problems.extend(("dimensions", text) for text in _dimension_problems(measurement, indicator))
    return problems


_PERCENTAGE_NEEDS_RATIO = _(
    "Een percentage wordt gemeten als teller en noemer, zodat delen eerlijk samengevoegd "
    "kunnen worden; vul beide in."
)


def _value_problems(m: Measurement, measure: MeasureType) -> list[tuple[str, str]]:
    if measure is MeasureType.PERCENTAGE:
        if m.numerator is None or m.denominator is None:
            return [
                ("numerator" if m.numerator is None else "denominator", _PERCENTAGE_NEEDS_RATIO)
            ]
        if m.denominator == 0:
            return [("denominator", _("De noemer moet groter zijn dan nul."))]
        if not 0 <= m.numerator <= m.denominator:
            return [("numerator", _("De teller ligt tussen nul en de noemer."))]
        return []
    if m.value is None:
        return [
            ("value", _("Vul een waarde in; teller en noemer horen alleen bij een percentage."))
        ]
    if measure is MeasureType.YES_NO and m.value not in (0, 1):
        return [("value", _("Vul 1 in voor ja of 0 voor nee."))]
    if measure is MeasureType.SCORE and not (
        m.value == m.value.to_integral_value() and 1 <= m.value <= 5
    ):
        return [("value", _("Een score is een heel getal van 1 tot en met 5."))]
    return []


def _dimension_problems(m: Measurement, indicator: Indicator) -> list[str]:
    dimensions = {dimension.key: dimension for dimension in indicator.dimensions}
    problems: list[str] = []
    for key, value in m.dimensions.items():
        dimension = dimensions.get(key)
        if dimension is None:
            problems.append(_("Deze indicator heeft geen uitsplitsing '%(key)s'.", key=key))
        elif dimension.values and value not in dimension.values:
            problems.append(
                _(
                    "'%(value)s' is geen waarde van de uitsplitsing '%(name)s'; kies uit: "
                    "%(values)s.",
                    value=value,
                    name=dimension.name,
                    values=", ".join(dimension.values),
                )
            )
    return problems


def counting(
    measurements: Iterable[Measurement], as_of: dt.datetime | None = None
) -> list[Measurement]:
    """The measurements that count at ``as_of`` (now: None), by the rules of this module.

    The result is sorted by indicator, period and cell, whatever the input order.
    """
    every = list(measurements)
    by_id = {m.id: m for m in every}
    approved = [m for m in every if m.counts_at(as_of)]
    replaced: set[str] = set()
    for correction in approved:
        earlier = correction.supersedes
        while earlier is not None and earlier not in replaced:
            replaced.add(earlier)
            found = by_id.get(earlier)
            earlier = found.supersedes if found is not None else None
    latest: dict[tuple[str, str, Cell], Measurement] = {}
    for m in approved:
        if m.id in replaced:
            continue
        slot = (m.indicator, m.period, m.cell)
        kept = latest.get(slot)
        if kept is None or _approval_order(m) > _approval_order(kept):
            latest[slot] = m
    return [latest[slot] for slot in sorted(latest)]


def _approval_order(m: Measurement) -> tuple[dt.datetime, dt.datetime, str]:
    # Only approved measurements are compared, so approved_at is always there.
    return (m.approved_at or m.entered_at, m.entered_at, m.id)


def orphaned(
    measurements: Iterable[Measurement], indicator_ids: Iterable[str]
) -> list[Measurement]:
    """The measurements whose indicator is no longer in the document (kept, never dropped)."""
    known = set(indicator_ids)
    return [m for m in measurements if m.indicator not in known]
