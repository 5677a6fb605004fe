"""The programme as one IATI 2.03 activity (``iati-activities`` XML), without Django or I/O.

What goes where (``docs/iati.md`` has the table for users):

- ``iati-identifier``: the reporting organisation's IATI id and the programme's id, joined by
  a hyphen (``NL-KVK-12345678-samen-zonnehof``).
- ``reporting-org``: that organisation, named after the initiator unless a name is given.
- ``title`` and ``description`` (general: the summary; objectives: the core statement;
  target groups: the beneficiaries), all ``xml:lang="nl"``.
- ``participating-org`` with its IATI role, one element per organisation and role:
  funding (1) for every funder and every partner that pays money into the budget;
  accountable (2) for the initiators; extending (3) for the commissioning organisations of
  the projects; implementing (4) for every partner and for stakeholders at participation
  level 4 (co-creation) or 5 (self-development). Stakeholders lower on the ladder are
  informed, consulted or advise: they do not take part in IATI's sense and are left out.
- ``activity-status`` from the adoption and the programme's dates; ``activity-date`` planned
  start and end, and the actual start once an adopted programme has begun.
- ``budget``: one per calendar year from the cost items, cut to the programme's run;
  indicative (1) until the agreement is adopted, committed (2) afterwards.
- ``document-link``: the links the caller hands over (the published documents).
- ``result``: one per goal. Its type comes from the goal's place in the goal tree: a goal at
  the top (it serves the ambition, or no other goal) is an impact (3); a goal that no other
  goal serves is an output (1); one in between is an outcome (2). A result needs at least one
  indicator, so a goal without an indicator gets a qualitative one (measure 5) that says so.
- ``indicator``: measure (number 1, percentage 2, yes/no 3 nominal, score 4 ordinal),
  ``ascending`` from the direction, the baseline (year, date, value) and a ``period`` for
  every reporting period with an interim target, the final target or a measured value. The
  actual value is the value so far at the end of the period, the figure the target is
  compared with on the dashboard. For an indicator that keeps the latest value, the same
  period's breakdown follows as one ``actual`` per value with a ``dimension``; for one that
  adds up over time the breakdown is left out, since the parts of one period do not add up
  to the total so far.

Only measurements that count (approved, latest correction, ``measurements.counting``) are
used; the same input gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Context, Decimal
from enum import StrEnum

from stramien.model import (
    Agreement,
    Goal,
    Indicator,
    IndicatorDirection,
    MeasureType,
    ParticipationLevel,
    StakeholderCategory,
    TimeAggregation,
)

from .aggregate import Value, breakdown, combine_over_time, period_values
from .finance import budget_by_year
from .measurements import Measurement, counting
from .periods import Period, parse_period, period_of

VERSION = "2.03"
LANGUAGE = "nl"
CURRENCY = "EUR"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_CENT = Decimal("0.01")
_WIDE = Context(prec=80, rounding=ROUND_HALF_EVEN)
# IATI organisation identifiers: a registration agency prefix and a number, e.g.
# NL-KVK-12345678 or XM-DAC-7; no spaces, since the activity id is built from it.
_ORGANISATION_REF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{1,99}")
_PROGRAMME_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


class IatiError(ValueError):
    """The programme cannot be written as IATI; the message is Dutch and names the field."""


class ResultType(StrEnum):
    """IATI ResultType codes."""

    OUTPUT = "1"
    OUTCOME = "2"
    IMPACT = "3"


class Role(StrEnum):
    """IATI OrganisationRole codes."""

    FUNDING = "1"
    ACCOUNTABLE = "2"
    EXTENDING = "3"
    IMPLEMENTING = "4"


class ActivityStatus(StrEnum):
    """IATI ActivityStatus codes (the ones a programme of ours can be in)."""

    PIPELINE = "1"
    IMPLEMENTATION = "2"
    FINALISATION = "3"


ORGANISATION_TYPES: dict[StakeholderCategory, str] = {
    StakeholderCategory.GOVERNMENT: "10",  # Government
    StakeholderCategory.CIVIL_SOCIETY: "22",  # National NGO
    StakeholderCategory.BUSINESS: "70",  # Private Sector
    StakeholderCategory.EDUCATION_RESEARCH: "80",  # Academic, Training and Research
    StakeholderCategory.CITIZENS: "90",  # Other
}

MEASURES: dict[MeasureType, str] = {
    MeasureType.NUMBER: "1",  # Unit
    MeasureType.PERCENTAGE: "2",  # Percentage
    MeasureType.YES_NO: "3",  # Nominal
    MeasureType.SCORE: "4",  # Ordinal
}
QUALITATIVE = "5"

#: Stakeholders from this level up carry out part of the work (implementing).
IMPLEMENTING_LEVEL = ParticipationLevel.CO_CREATION


@dataclass(frozen=True, slots=True)
class DocumentLink:
    """A published document: its address, IANA media type, Dutch title and IATI category
    (A09 memorandum of understanding, A12 activity web page, ...)."""

    url: str
    media_type: str
    title: str
    category: str
    day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Participant:
    """One organisation in one IATI role."""

    party: str  # our id
    name: str
    role: Role
    category: StakeholderCategory


def activity_identifier(organisation_ref: str, programme_id: str) -> str:
    """The activity's IATI id; IatiError (Dutch) when either part cannot be part of it."""
    if not _ORGANISATION_REF.fullmatch(organisation_ref):
        raise IatiError(
            f"'{organisation_ref}' is geen geldige IATI-organisatie-id: gebruik letters, "
            "cijfers, punten en streepjes, zonder spaties, bijvoorbeeld NL-KVK-12345678."
        )
    if not _PROGRAMME_ID.fullmatch(programme_id):
        raise IatiError(
            f"'{programme_id}' kan geen deel van een IATI-id zijn: gebruik letters, cijfers, "
            "punten en streepjes, zonder spaties."
        )
    return f"{organisation_ref}-{programme_id}"


def result_types(goals: Sequence[Goal]) -> dict[str, ResultType]:
    """Per goal its IATI result type, from its place in the goal tree (see the module text)."""
    ids = {goal.id for goal in goals}
    served = {ref for goal in goals for ref in goal.contributes_to if ref in ids and ref != goal.id}
    types: dict[str, ResultType] = {}
    for goal in goals:
        serves = any(ref in ids and ref != goal.id for ref in goal.contributes_to)
        if goal.contributes_to_ambition or not serves:
            types[goal.id] = ResultType.IMPACT
        elif goal.id not in served:
            types[goal.id] = ResultType.OUTPUT
        else:
            types[goal.id] = ResultType.OUTCOME
    return types


def participants(agreement: Agreement) -> list[Participant]:
    """Every organisation with each of its IATI roles, by role, then in document order."""
    partnership = agreement.partnership
    parties: dict[str, tuple[str, StakeholderCategory]] = {}
    for party in [*partnership.partners, *partnership.stakeholders]:
        parties[party.id] = (party.name, party.category)
    for funder in partnership.funders:
        parties[funder.id] = (funder.name, funder.category)
    paying = {c.partner for c in agreement.finance.contributions if not c.kind.in_kind}
    initiators = [partnership.initiator, *partnership.initiators]
    commissioning = [p.commissioning_organisation for p in agreement.organisation.projects]
    by_role: dict[Role, list[str]] = {
        Role.FUNDING: [
            *(p.id for p in partnership.partners if p.id in paying),
            *(f.id for f in partnership.funders),
        ],
        Role.ACCOUNTABLE: [ref for ref in initiators if ref],
        Role.EXTENDING: [ref for ref in commissioning if ref],
        Role.IMPLEMENTING: [
            *(p.id for p in partnership.partners),
            *(
                s.id
                for s in partnership.stakeholders
                if s.participation_level >= IMPLEMENTING_LEVEL
            ),
        ],
    }
    found: list[Participant] = []
    for role, refs in by_role.items():
        for ref in dict.fromkeys(refs):
            if ref in parties:
                name, category = parties[ref]
                found.append(Participant(ref, name, role, category))
    return found


def activity_status(agreement: Agreement, today: dt.date, adopted: bool | None) -> ActivityStatus:
    """Pipeline until adopted (``None``: not known, the dates decide) and begun,
    implementation while it runs, finalisation after its end."""
    programme = agreement.programme
    if adopted is False or (programme.start is not None and today < programme.start):
        return ActivityStatus.PIPELINE
    if programme.end is not None and today > programme.end:
        return ActivityStatus.FINALISATION
    return ActivityStatus.IMPLEMENTATION


def iati_activities(
    agreement: Agreement,
    *,
    organisation_ref: str,
    programme_id: str,
    generated_at: dt.datetime,
    measurements: Iterable[Measurement] = (),
    as_of: dt.datetime | None = None,
    adopted: bool | None = None,
    documents: Sequence[DocumentLink] = (),
    organisation_name: str = "",
) -> bytes:
    """The ``iati-activities`` document (UTF-8) with the programme as its one activity.

    ``generated_at`` must carry a time zone; ``as_of`` (default ``generated_at``) decides
    which measurements count. IatiError (Dutch) for what IATI cannot take.
    """
    if generated_at.utcoffset() is None:
        raise ValueError("generated_at needs a time zone")
    identifier = activity_identifier(organisation_ref, programme_id)
    programme = agreement.programme
    if programme.start is None and programme.end is None:
        raise IatiError(
            "Vul bij Programma de startdatum in: IATI vraagt om ten minste één datum van de "
            "activiteit."
        )
    stamp = generated_at.replace(microsecond=0).isoformat()
    root = ET.Element("iati-activities", {"version": VERSION, "generated-datetime": stamp})
    activity = ET.SubElement(
        root,
        "iati-activity",
        {
            "last-updated-datetime": stamp,
            _XML_LANG: LANGUAGE,
            "default-currency": CURRENCY,
            "hierarchy": "1",
        },
    )
    ET.SubElement(activity, "iati-identifier").text = identifier
    _reporting_org(activity, agreement, organisation_ref, organisation_name)
    _narratives(ET.SubElement(activity, "title"), programme.name)
    _descriptions(activity, agreement)
    for participant in participants(agreement):
        element = ET.SubElement(
            activity,
            "participating-org",
            {"role": participant.role.value, "type": ORGANISATION_TYPES[participant.category]},
        )
        _narratives(element, participant.name)
    today = generated_at.date()
    status = activity_status(agreement, today, adopted)
    ET.SubElement(activity, "activity-status", {"code": status.value})
    _activity_dates(activity, agreement, today, adopted)
    _budgets(activity, agreement, committed=bool(adopted))
    for document in documents:
        _document_link(activity, document)
    # Grouped once: every figure of an indicator then reads only that indicator's values.
    counted: dict[str, list[Measurement]] = {}
    for measurement in counting(measurements, as_of or generated_at):
        counted.setdefault(measurement.indicator, []).append(measurement)
    types = result_types(agreement.goals)
    for goal in agreement.goals:
        own = [i for i in agreement.indicators if i.goal == goal.id]
        _result(activity, goal, types[goal.id], own, counted, agreement)
    ET.indent(root)
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return body + b"\n"


def _narratives(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "narrative", {_XML_LANG: LANGUAGE}).text = text


def _reporting_org(activity: ET.Element, agreement: Agreement, ref: str, name: str) -> None:
    partnership = agreement.partnership
    first = next((r for r in [partnership.initiator, *partnership.initiators] if r), None)
    parties = {p.id: p for p in [*partnership.partners, *partnership.stakeholders]}
    initiator = parties.get(first or "")
    category = initiator.category if initiator is not None else StakeholderCategory.GOVERNMENT
    element = ET.SubElement(
        activity, "reporting-org", {"ref": ref, "type": ORGANISATION_TYPES[category]}
    )
    shown = name or (initiator.name if initiator is not None else agreement.programme.name)
    _narratives(element, shown)


def _descriptions(activity: ET.Element, agreement: Agreement) -> None:
    programme, ambition = agreement.programme, agreement.ambition
    general = programme.summary or ambition.statement or programme.name
    _narratives(ET.SubElement(activity, "description", {"type": "1"}), general)
    if ambition.statement:
        _narratives(ET.SubElement(activity, "description", {"type": "2"}), ambition.statement)
    groups = " ".join(
        f"{b.name}: {b.benefit}" if b.benefit else b.name for b in ambition.beneficiaries
    )
    if groups:
        _narratives(ET.SubElement(activity, "description", {"type": "3"}), groups)


def _activity_dates(
    activity: ET.Element, agreement: Agreement, today: dt.date, adopted: bool | None
) -> None:
    programme = agreement.programme
    if programme.start is not None:
        start = programme.start.isoformat()
        ET.SubElement(activity, "activity-date", {"type": "1", "iso-date": start})
        if adopted and programme.start <= today:
            ET.SubElement(activity, "activity-date", {"type": "2", "iso-date": start})
    if programme.end is not None:
        end = programme.end.isoformat()
        ET.SubElement(activity, "activity-date", {"type": "3", "iso-date": end})


def _budgets(activity: ET.Element, agreement: Agreement, *, committed: bool) -> None:
    programme = agreement.programme
    for line in budget_by_year(agreement, []):
        year = int(line.key)
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if programme.start is not None and programme.start.year == year:
            start = max(start, programme.start)
        if programme.end is not None and programme.end.year == year:
            end = min(end, programme.end)
        if end < start:  # a cost item in a year outside the run: the whole year
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        budget = ET.SubElement(
            activity, "budget", {"type": "1", "status": "2" if committed else "1"}
        )
        ET.SubElement(budget, "period-start", {"iso-date": start.isoformat()})
        ET.SubElement(budget, "period-end", {"iso-date": end.isoformat()})
        value = ET.SubElement(
            budget, "value", {"currency": CURRENCY, "value-date": start.isoformat()}
        )
        value.text = _figure(line.planned)


def _document_link(activity: ET.Element, document: DocumentLink) -> None:
    link = ET.SubElement(
        activity, "document-link", {"url": document.url, "format": document.media_type}
    )
    _narratives(ET.SubElement(link, "title"), document.title)
    ET.SubElement(link, "category", {"code": document.category})
    ET.SubElement(link, "language", {"code": LANGUAGE})
    if document.day is not None:
        ET.SubElement(link, "document-date", {"iso-date": document.day.isoformat()})


def _result(
    activity: ET.Element,
    goal: Goal,
    kind: ResultType,
    indicators: list[Indicator],
    counted: dict[str, list[Measurement]],
    agreement: Agreement,
) -> None:
    result = ET.SubElement(activity, "result", {"type": kind.value})
    _narratives(ET.SubElement(result, "title"), goal.title)
    if goal.description:
        _narratives(ET.SubElement(result, "description"), goal.description)
    if not indicators:
        element = ET.SubElement(result, "indicator", {"measure": QUALITATIVE})
        _narratives(ET.SubElement(element, "title"), goal.title)
        _narratives(
            ET.SubElement(element, "description"),
            "Voor dit doel is geen indicator vastgelegd; de voortgang wordt beschreven, "
            "niet gemeten.",
        )
        return
    for indicator in indicators:
        _indicator(result, indicator, counted.get(indicator.id, []), agreement)


def _indicator(
    result: ET.Element, indicator: Indicator, counted: list[Measurement], agreement: Agreement
) -> None:
    ascending = "1" if indicator.direction is IndicatorDirection.INCREASE else "0"
    element = ET.SubElement(
        result, "indicator", {"measure": MEASURES[indicator.measure], "ascending": ascending}
    )
    _narratives(ET.SubElement(element, "title"), indicator.name)
    about = [
        f"Eenheid: {indicator.unit}." if indicator.unit else "",
        f"Bron en meetmethode: {indicator.source}" if indicator.source else "",
    ]
    if any(about):
        _narratives(ET.SubElement(element, "description"), " ".join(t for t in about if t))
    baseline_year = (
        indicator.baseline_date.year
        if indicator.baseline_date is not None
        else agreement.programme.start.year
        if agreement.programme.start is not None
        else None
    )
    if baseline_year is not None and (
        indicator.baseline is not None or indicator.baseline_date is not None
    ):
        attributes = {"year": str(baseline_year)}
        if indicator.baseline_date is not None:
            attributes["iso-date"] = indicator.baseline_date.isoformat()
        if indicator.baseline is not None:
            attributes["value"] = _figure(indicator.baseline)
        ET.SubElement(element, "baseline", attributes)
    targets = _targets(indicator)
    # The value so far at the end of each period with data (``aggregate.value_to_date``),
    # from one pass over the periods.
    values = period_values(indicator, counted)
    so_far: dict[Period, Value | None] = {
        period: combine_over_time(indicator, [v for _, v in values[: number + 1]])
        for number, (period, _value) in enumerate(values)
    }
    # The breakdown of one period reads only that period's values.
    by_period: dict[str, list[Measurement]] = {}
    for measurement in counted:
        by_period.setdefault(measurement.period, []).append(measurement)
    for period in sorted(set(targets) | set(so_far)):
        own = by_period.get(period.key, [])
        _period(element, indicator, period, targets.get(period), so_far.get(period), own)


def _targets(indicator: Indicator) -> dict[Period, Decimal]:
    """The target per period: the interim targets, and the final one in its period."""
    targets = {
        parse_period(target.period, indicator.frequency): target.target
        for target in indicator.period_targets
    }
    if indicator.target is not None and indicator.target_date is not None:
        targets.setdefault(period_of(indicator.target_date, indicator.frequency), indicator.target)
    return targets


def _period(
    parent: ET.Element,
    indicator: Indicator,
    period: Period,
    target: Decimal | None,
    value: Value | None,
    own: list[Measurement],
) -> None:
    element = ET.SubElement(parent, "period")
    ET.SubElement(element, "period-start", {"iso-date": period.start.isoformat()})
    ET.SubElement(element, "period-end", {"iso-date": period.end.isoformat()})
    if target is not None:
        ET.SubElement(element, "target", {"value": _figure(target)})
    if value is None:
        return
    actual = ET.SubElement(element, "actual", {"value": _figure(value.value)})
    if not value.complete:
        comment = ET.SubElement(actual, "comment")
        _narratives(comment, "Niet alle onderdelen van de uitsplitsing zijn gemeten.")
    if indicator.over_time is not TimeAggregation.LATEST:
        return
    for dimension in indicator.dimensions:
        for name, part in breakdown(indicator, own, period, dimension.key).items():
            cell = ET.SubElement(element, "actual", {"value": _figure(part.value)})
            ET.SubElement(cell, "dimension", {"name": dimension.name, "value": name})


def _figure(value: Decimal) -> str:
    """A plain decimal, at most two decimals (pooled percentages have many), no exponent."""
    # Its own context: rounding a very large figure must not depend on (or trip over) the
    # caller's precision.
    rounded = value.quantize(_CENT, context=_WIDE).normalize(context=_WIDE)
    text = format(rounded, "f")
    return "0" if text in ("-0", "0.00") else text
