"""The progress report (voortgangsrapportage) as blocks, so every writer of the agreement
(PDF/A, DOCX, ODT, HTML) makes it without code of its own.

``build_report(snapshot)`` turns a frozen ``stramien.monitor.report.ProgressSnapshot`` into
a :class:`Document`: a summary, the goal tree with its statuses, the indicator table and the
KPI charts with the measured values, the explanations, the milestones, money and in-kind
contributions planned against realised, and the open issues. Nothing here reads a clock or
a database: the same snapshot gives the same bytes (the file's timestamp is the snapshot's
moment).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

from stramien.formatting import euro, number, short_date
from stramien.model import Indicator, MeasureType
from stramien.model.dates import plan_date
from stramien.monitor import Line, Status, Value
from stramien.monitor.effects import EffectsResult
from stramien.monitor.report import IndicatorLine, ProgressSnapshot

from . import _writer, figures
from .blocks import Block, Document, Facts, Heading, Paragraph, RevisionMeta, Table
from .errors import RenderError
from .figures import effects as effect_figures
from .outline_builder import paragraphs
from .outline_effects import spread_table, stakeholder_table, total_facts

#: The agreement's formats but Markdown (a report without its charts says too little).
REPORT_FORMATS = ("pdf", "docx", "odt", "html")
CENTS = Decimal("0.01")


def render_report(snapshot: ProgressSnapshot, fmt: str) -> bytes:
    """The progress report as a file in ``fmt`` (pdf, docx, odt or html)."""
    if fmt not in REPORT_FORMATS:
        raise RenderError(f"Onbekend formaat '{fmt}'; kies uit {', '.join(REPORT_FORMATS)}.")
    # The writers are loaded on first use, as for the agreement (``render._writer``).
    return _writer(fmt)(build_report(snapshot))


def build_report(snapshot: ProgressSnapshot) -> Document:
    """The report as format-neutral blocks (see the module text)."""
    blocks: list[Block] = []
    parts = (_summary, _goals, _indicators, _explanations, _milestones, _money, _effects, _issues)
    for part in parts:
        blocks.extend(part(snapshot))
    basics = snapshot.agreement.programme
    stamp = snapshot.as_of.replace(microsecond=0)
    revision = f"stand {_moment(snapshot.as_of)}"
    if snapshot.version:
        revision += f", overeenkomst {snapshot.version}"
    # The mark identifies the content: equal snapshots give equal marks, another value another.
    mark = hashlib.sha256(repr((revision, tuple(blocks))).encode("utf-8")).hexdigest()
    return Document(
        title=basics.name,
        subtitle=f"Voortgangsrapportage {snapshot.period.label}",
        short_name=f"{basics.short_name or basics.name}: voortgang {snapshot.period.key}",
        partners=tuple(p.name for p in snapshot.agreement.partnership.partners),
        meta=RevisionMeta(revision=revision, hash=mark, timestamp=stamp),
        blocks=tuple(blocks),
    )


# -- values as a reader sees them ------------------------------------------------------------


def _moment(moment: dt.datetime) -> str:
    return f"{short_date(moment.date())} {moment:%H:%M}"


def shown(value: Value | Decimal | None, indicator: Indicator) -> str:
    """A value with its unit; a percentage with the numerator and denominator behind it."""
    if value is None:
        return "—"
    figure = value.value if isinstance(value, Value) else value
    if indicator.measure is MeasureType.YES_NO:
        return "ja" if figure >= 1 else "nee"
    if indicator.measure is MeasureType.PERCENTAGE:
        text = f"{number(figure, 1)}%"
        if isinstance(value, Value) and value.numerator is not None:
            text += f" ({number(value.numerator)} van {number(value.denominator)})"
        return text
    return number(figure, 2, unit=indicator.unit)


def _status_counts(states: Iterable[Status]) -> str:
    counts = {status: 0 for status in Status}
    for state in states:
        counts[state] += 1
    return ", ".join(
        f"{status.label.lower()} {counts[status]}" for status in Status if counts[status]
    )


# -- the parts -------------------------------------------------------------------------------


def _summary(s: ProgressSnapshot) -> list[Block]:
    states = [line.state for line in s.indicators]
    top = [g for g in s.goals if g.depth == 0]
    facts: list[tuple[str, str]] = [
        (
            "Periode",
            f"{s.period.label} ({short_date(s.period.start)} t/m {short_date(s.period.end)})",
        ),
        ("Stand per", _moment(s.as_of)),
    ]
    if s.version:
        facts.append(("Overeenkomst", s.version))
    facts.append(("Indicatoren", _status_counts(states) or "geen"))
    facts += [(f"Hoofddoel: {g.goal.title}", g.status.status.label) for g in top]
    blocks: list[Block] = [
        Heading(1, "Samenvatting", "samenvatting"),
        Paragraph(
            "Deze rapportage laat zien hoe het programma ervoor stond in de periode "
            f"{s.period.label}, met de waarden zoals ze op {_moment(s.as_of)} waren "
            "goedgekeurd. Alleen goedgekeurde waarden tellen mee; een latere correctie "
            "staat in een latere rapportage. Per indicator geldt de laatste periode die in "
            "de rapportageperiode is afgelopen; is die waarde nog niet binnen en nog niet te "
            "laat, dan de periode ervoor.",
            "lead",
        ),
        Facts(tuple(facts)),
    ]
    return blocks


def _goals(s: ProgressSnapshot) -> list[Block]:
    if not s.goals:
        return [
            Heading(1, "Doelen", "doelen"),
            Paragraph("De overeenkomst heeft nog geen doelenboom.", "note"),
        ]
    rows = []
    for line in s.goals:
        counts = line.status.counts
        rows.append(
            (
                "· " * line.depth + line.goal.title,
                line.status.status.label,
                str(counts.get(Status.ON_TRACK, 0)),
                str(counts.get(Status.AT_RISK, 0)),
                str(counts.get(Status.OFF_TRACK, 0)),
                str(line.status.missing),
            )
        )
    return [
        Heading(1, "Doelen", "doelen"),
        Paragraph(
            "Elk doel krijgt de minst gunstige status van zijn indicatoren en subdoelen; "
            "telt een indicator gewogen mee, dan het gewogen gemiddelde. Een subdoel staat "
            "ingesprongen onder het doel waaraan het bijdraagt.",
        ),
        Table(
            "Doelen met hun status",
            ("Doel", "Status", "Op koers", "Risico", "Uit koers", "Zonder oordeel"),
            tuple(rows),
            frozenset({2, 3, 4, 5}),
            (5, 1.6, 1, 1, 1, 1.2),
        ),
    ]


def _indicator_row(line: IndicatorLine, goal_titles: dict[str, str]) -> tuple[str, ...]:
    indicator, found = line.indicator, line.status
    return (
        indicator.name,
        goal_titles.get(indicator.goal, indicator.goal),
        found.period.label if found is not None else "—",
        shown(indicator.baseline, indicator),
        shown(found.target if found is not None else None, indicator),
        shown(found.value if found is not None else None, indicator),
        shown(indicator.target, indicator),
        line.state.label,
    )


def _measured(s: ProgressSnapshot) -> dict[str, list[tuple[dt.date, Decimal]]]:
    """Per indicator the value so far at the end of every period with a value of its own."""
    return {
        line.indicator.id: [
            (point.period.end, point.value.value)
            for point in line.path
            if point.value is not None and point.period_value is not None
        ]
        for line in s.indicators
    }


def _indicators(s: ProgressSnapshot) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Indicatoren", "indicatoren")]
    if not s.indicators:
        blocks.append(Paragraph("De overeenkomst heeft nog geen indicatoren.", "note"))
        return blocks
    titles = {g.id: g.title for g in s.agreement.goals}
    blocks.append(
        Paragraph(
            "Per indicator de stand tot nu toe aan het eind van de periode, tegenover het "
            "streefpad van nulmeting naar streefwaarde (met de tussendoelen van de "
            "overeenkomst) en de marge voor 'op koers'.",
        )
    )
    blocks.append(
        Table(
            "Indicatoren tegenover hun streefpad",
            (
                "Indicator",
                "Doel",
                "Periode",
                "Nulmeting",
                "Streefpad",
                "Stand",
                "Streefwaarde",
                "Status",
            ),
            tuple(_indicator_row(line, titles) for line in s.indicators),
            frozenset({3, 4, 5, 6}),
            (3, 2.4, 1.5, 1.3, 1.3, 1.6, 1.3, 1.3),
        )
    )
    # Rounded as in the table: the chart's note writes the number as it is.
    path = {
        line.indicator.id: line.status.target.quantize(CENTS, ROUND_HALF_UP)
        for line in s.indicators
        if line.status is not None and line.status.target is not None
    }
    charts = figures.kpi_charts(s.agreement, _measured(s), path)
    if charts:
        blocks.append(Heading(2, "Verloop per hoofddoel", "verloop"))
        blocks.append(
            Paragraph(
                "Per indicator de weg van nulmeting (0%) naar streefwaarde (100%); de stippen "
                "zijn de standen aan het eind van elke gemeten periode, de balk de laatste, het "
                "streepje de plek waar het streefpad in de gerapporteerde periode ligt.",
            )
        )
        blocks.extend(charts)
    return blocks


def _explanations(s: ProgressSnapshot) -> list[Block]:
    explained = [line for line in s.indicators if line.explanations]
    if not explained:
        return []
    blocks: list[Block] = [Heading(1, "Toelichting bij de waarden", "toelichting")]
    for line in explained:
        blocks.append(Heading(2, line.indicator.name, f"toelichting-{line.indicator.id}"))
        for m in line.explanations:
            cell = ", ".join(f"{key}: {value}" for key, value in m.cell)
            label = m.period + (f" ({cell})" if cell else "")
            found = paragraphs(m.note)
            blocks.append(Paragraph(f"{label}:", "note"))
            blocks.extend(found)
    return blocks


def _milestones(s: ProgressSnapshot) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Mijlpalen", "mijlpalen")]
    if not s.milestones:
        blocks.append(Paragraph("De planning heeft geen mijlpalen.", "note"))
        return blocks
    if not s.milestones_tracked:
        blocks.append(
            Paragraph(
                "De stand van de mijlpalen wordt nog niet bijgehouden; hieronder de planning.",
                "note",
            )
        )
    rows = []
    for report in s.milestones:
        entry = report.entry if s.milestones_tracked else None
        rows.append(
            (
                report.milestone.title,
                report.milestone.kind.label,
                plan_date(report.milestone.date, report.milestone.precision, style="short"),
                short_date(entry.actual_date) if entry is not None else "—",
                report.timeliness.label if s.milestones_tracked else "—",
            )
        )
    blocks.append(
        Table(
            "Mijlpalen: gepland en werkelijk",
            ("Mijlpaal", "Soort", "Gepland", "Werkelijk", "Stand"),
            tuple(rows),
            frozenset({2, 3}),
            (4, 1.4, 1.2, 1.2, 1.4),
        )
    )
    return blocks


def _money_table(
    caption: str, first: str, lines: Sequence[Line], tracked: bool, planned: str
) -> Table | None:
    if not lines:
        return None
    rows = tuple(
        (
            line.label,
            euro(line.planned),
            euro(line.realised) if tracked else "—",
            (number(line.share, 0, unit="%") if line.share is not None else "—")
            if tracked
            else "—",
        )
        for line in lines
    )
    return Table(
        caption,
        (first, planned, "Gerealiseerd", "Deel"),
        rows,
        frozenset({1, 2, 3}),
        (4, 1.6, 1.6, 1),
    )


def _money(s: ProgressSnapshot) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Geld en bijdragen in natura", "geld")]
    if not s.spending_tracked:
        blocks.append(
            Paragraph(
                "Bestedingen worden nog niet bijgehouden: de kolom 'gerealiseerd' blijft leeg.",
                "note",
            )
        )
    tables = [
        _money_table("Begroting per jaar", "Jaar", s.money_by_year, s.spending_tracked, "Begroot"),
        _money_table(
            "Financiering per partner",
            "Partner",
            s.money_by_partner,
            s.spending_tracked,
            "Toegezegd",
        ),
        _money_table(
            "Begroting per doel (een post telt mee bij elk doel van zijn project)",
            "Doel",
            s.money_by_goal,
            s.spending_tracked,
            "Begroot",
        ),
    ]
    blocks.extend(table for table in tables if table is not None)
    if s.in_kind:
        if not s.deliveries_tracked:
            blocks.append(
                Paragraph(
                    "Leveringen in natura worden nog niet bijgehouden: 'geleverd' blijft leeg.",
                    "note",
                )
            )
        table = _money_table(
            "Bijdragen in natura per partner",
            "Partner",
            s.in_kind,
            s.deliveries_tracked,
            "Toegezegd",
        )
        if table is not None:
            blocks.append(
                Table(
                    table.caption,
                    ("Partner", "Toegezegd", "Geleverd", "Deel"),
                    table.rows,
                    table.numeric,
                    table.widths,
                )
            )
    if len(blocks) == 1:
        blocks.append(Paragraph("De overeenkomst heeft nog geen begroting.", "note"))
    return blocks


def _effects(s: ProgressSnapshot) -> list[Block]:
    """The effect calculation of the agreement as it stands: over all cases, who pays and
    who benefits, and per goal the cases that serve it."""
    agreement = s.agreement
    if not agreement.effect_measurement.cases:
        return []
    result = effect_figures.effects_of(agreement)
    blocks: list[Block] = [
        Heading(1, "Effectmeting", "effectmeting"),
        Paragraph(
            "De maatschappelijke kosten en baten zoals de effectberekening van de "
            f"overeenkomst ze nu schat, over {len(result.cases)} "
            f"{'casus' if len(result.cases) == 1 else 'casussen'} en alle vergelijkbare "
            "gevallen samen. De uitkomst volgt uit de casussen en de prijslijst, niet uit de "
            "gemeten waarden van deze periode.",
        ),
        total_facts(result),
    ]
    spread = spread_table(result)
    if spread is not None:
        blocks.append(spread)
    matrix = stakeholder_table(result, "Wie betaalt, wie profiteert (alle gevallen)")
    if matrix is not None:
        blocks.append(matrix)
    chart = effect_figures.effects_stakeholders(agreement)
    if chart is not None:
        blocks.append(chart)
    rows = _effects_per_goal(s, result)
    if rows:
        blocks.append(Heading(2, "Effect per doel", "effect-per-doel"))
        blocks.append(
            Table(
                "Casussen per doel: het netto effect over alle gevallen van die casussen",
                ("Doel", "Status", "Casussen", "Netto effect"),
                tuple(rows),
                frozenset({3}),
                (3, 1.4, 4, 1.6),
            )
        )
    return blocks


def _effects_per_goal(s: ProgressSnapshot, result: EffectsResult) -> list[tuple[str, ...]]:
    """Per goal (in the goal tree's order) the cases that serve it; a case that serves two
    goals counts for both."""
    rows: list[tuple[str, ...]] = []
    for line in s.goals:
        serving = [c for c in result.cases if line.goal.id in c.case.all_goals]
        if not serving:
            continue
        net = sum((c.net * c.case.count for c in serving), Decimal(0))
        rows.append(
            (
                "· " * line.depth + line.goal.title,
                line.status.status.label,
                "; ".join(c.case.title for c in serving),
                euro(net),
            )
        )
    return rows


def _issues(s: ProgressSnapshot) -> list[Block]:
    blocks: list[Block] = [Heading(1, "Open punten", "open-punten")]
    if not s.issues:
        blocks.append(Paragraph("Er staan geen punten open.", "note"))
        return blocks
    blocks.append(
        Table(
            "Wat ontbreekt, wacht of te laat is",
            ("Soort", "Betreft", "Toelichting"),
            tuple((i.kind.label, i.subject, i.detail) for i in s.issues),
            widths=(1.5, 2.5, 4),
        )
    )
    return blocks
