"""Checks for §4.4: costs, contributions in cash and in kind, years and partners."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from stramien.formatting import euro
from stramien.model import Contribution, CostItem, is_blank, successor_of

from .context import Context, shortened
from .registry import Hit, Section, rule

S = Section.PROGRAMME


@rule(
    "finance-costs-missing",
    S,
    "error",
    "Begroting",
    "Neem de begrote kosten op, per jaar en waar mogelijk per fase en (deel)project.",
)
def costs_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.agreement.finance.cost_items:
        yield Hit("finance.cost_items", "Er is geen begroting.")


@rule(
    "finance-contributions-missing",
    S,
    "error",
    "Financiering",
    "Leg vast wie wat betaalt, in geld en in natura.",
)
def contributions_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.agreement.finance.contributions:
        yield Hit("finance.contributions", "Er staat niet wie wat betaalt.")


@rule(
    "finance-negative-amount",
    S,
    "error",
    "Geen negatieve bedragen",
    "Bedragen zijn nul of positief; een bezuiniging of opbrengst neem je op als aparte post "
    "met uitleg.",
)
def negative_amount(ctx: Context) -> Iterator[Hit]:
    finance = ctx.agreement.finance
    for i, item in enumerate(finance.cost_items):
        if item.amount < 0:
            yield Hit(
                ctx.path("finance", "cost_items", i, "amount"),
                f"Kostenpost '{item.description}' heeft een negatief bedrag ({euro(item.amount)}).",
            )
    for i, contribution in enumerate(finance.contributions):
        if contribution.amount < 0:
            yield Hit(
                ctx.path("finance", "contributions", i, "amount"),
                f"Bijdrage '{ctx.contribution_name(contribution)}' heeft een negatief bedrag "
                f"({euro(contribution.amount)}).",
            )


@rule(
    "finance-year-not-covered",
    S,
    "warning",
    "Financiering per jaar",
    "Schuif bijdragen naar het jaar waarin de kosten vallen of eerder, of leg uit hoe het "
    "tekort wordt voorgefinancierd. Geld dat in eerdere jaren over is, telt mee.",
    applies=lambda ctx: bool(ctx.agreement.finance.cost_items),
)
def year_not_covered(ctx: Context) -> Iterator[Hit]:
    # Money paid in early (a start-up capital) finances later years: compare running totals.
    costs = financing = Decimal(0)
    years = sorted(set(ctx.costs_per_year) | set(ctx.financing_per_year))
    for year in years:
        costs += ctx.costs_per_year.get(year, Decimal(0))
        financing += ctx.financing_per_year.get(year, Decimal(0))
        if financing < costs:
            until = f"In {year}" if year == years[0] else f"Tot en met {year}"
            yield Hit(
                "finance.contributions",
                f"{until} staan {euro(costs)} kosten tegenover {euro(financing)} "
                f"financiering: een tekort van {euro(costs - financing)}.",
            )


@rule(
    "finance-year-outside-period",
    S,
    "warning",
    "Bedragen binnen de looptijd",
    "Controleer het jaar: het ligt buiten de looptijd van het programma.",
    applies=lambda ctx: bool(
        ctx.agreement.finance.cost_items or ctx.agreement.finance.contributions
    ),
)
def year_outside_period(ctx: Context) -> Iterator[Hit]:
    finance = ctx.agreement.finance
    dated: list[tuple[str, int, CostItem | Contribution, str]] = [
        *(
            ("cost_items", i, item, f"Kostenpost '{shortened(item.description)}'")
            for i, item in enumerate(finance.cost_items)
        ),
        *(
            ("contributions", i, item, f"Bijdrage '{ctx.contribution_name(item)}'")
            for i, item in enumerate(finance.contributions)
        ),
    ]
    for name, i, item, what in dated:
        if not ctx.year_in_period(item.year):
            yield Hit(
                ctx.path("finance", name, i, "year"),
                f"{what} staat op {item.year}, buiten de looptijd van het programma.",
            )


@rule(
    "finance-in-kind-unvalued",
    S,
    "error",
    "Bijdragen in natura gewaardeerd",
    "Geef bijdragen in natura (arbeid, kapitaalgoederen, kantoorruimte) een waarde in euro "
    "en beschrijf bij 'Waardering' hoe die is bepaald.",
    applies=lambda ctx: any(c.kind.in_kind for c in ctx.agreement.finance.contributions),
)
def in_kind_unvalued(ctx: Context) -> Iterator[Hit]:
    for i, contribution in enumerate(ctx.agreement.finance.contributions):
        if not contribution.kind.in_kind:
            continue
        if contribution.amount == 0:
            yield Hit(
                ctx.path("finance", "contributions", i, "amount"),
                f"Bijdrage in natura '{ctx.contribution_name(contribution)}' heeft geen waarde "
                "in euro.",
            )
        if is_blank(contribution.valuation):
            yield Hit(
                ctx.path("finance", "contributions", i, "valuation"),
                f"Bij bijdrage in natura '{ctx.contribution_name(contribution)}' staat niet "
                "hoe zij gewaardeerd is.",
            )


@rule(
    "finance-partner-without-contribution",
    S,
    "warning",
    "Elke partner draagt bij",
    "Leg vast wat deze partner bijdraagt, in geld of in natura (mensen, ruimte, middelen).",
    applies=lambda ctx: bool(ctx.partners and ctx.agreement.finance.contributions),
)
def partner_without_contribution(ctx: Context) -> Iterator[Hit]:
    contributions = ctx.agreement.finance.contributions
    contributors = {c.partner for c in contributions}
    if not contributors:
        return
    # From the year a successor takes over, a predecessor's contributions count for it.
    successions = ctx.agreement.partnership.successions
    contributors |= {successor_of(successions, c.partner, c.year) for c in contributions}
    for i, partner in enumerate(ctx.agreement.partnership.partners):
        if partner.id not in contributors and partner.id not in ctx.succeeded_parties:
            yield Hit(
                ctx.path("partnership", "partners", i),
                f"{partner.name} heeft geen bijdrage in geld of natura.",
            )


@rule(
    "finance-funder-without-contribution",
    S,
    "warning",
    "Elke financier draagt bij",
    "Neem bij de financiering de bijdrage van deze financier op (kies de financier bij "
    "'Partner of financier'), of haal de financier weg als die niet (meer) meebetaalt.",
    applies=lambda ctx: bool(ctx.agreement.partnership.funders),
)
def funder_without_contribution(ctx: Context) -> Iterator[Hit]:
    contributors = {c.partner for c in ctx.agreement.finance.contributions}
    for i, funder in enumerate(ctx.agreement.partnership.funders):
        if funder.id not in contributors:
            yield Hit(
                ctx.path("partnership", "funders", i),
                f"Financier {funder.name} staat bij het samenwerkingsverband, maar heeft geen "
                "bijdrage in de financiering.",
            )


# -- budgeted, committed, spent ------------------------------------------------------------


@rule(
    "finance-committed-over-budget",
    S,
    "warning",
    "Niet meer verplicht dan begroot",
    "Verhoog de begroting van de post (en leg de dekking vast), of verlaag wat is verplicht.",
    applies=lambda ctx: any(c.committed is not None for c in ctx.agreement.finance.cost_items),
)
def committed_over_budget(ctx: Context) -> Iterator[Hit]:
    for i, item in enumerate(ctx.agreement.finance.cost_items):
        if item.committed is not None and item.committed > item.amount:
            yield Hit(
                ctx.path("finance", "cost_items", i, "committed"),
                f"Voor kostenpost '{shortened(item.description)}' is {euro(item.committed)} "
                f"verplicht, meer dan de {euro(item.amount)} die begroot is "
                f"({euro(item.committed - item.amount)} te veel).",
            )


@rule(
    "finance-spent-over-committed",
    S,
    "warning",
    "Niet meer besteed dan verplicht",
    "Geld wordt pas uitgegeven als het is vastgelegd: werk 'Verplicht' bij, of controleer "
    "het bestede bedrag.",
    applies=lambda ctx: any(c.spent is not None for c in ctx.agreement.finance.cost_items),
)
def spent_over_committed(ctx: Context) -> Iterator[Hit]:
    for i, item in enumerate(ctx.agreement.finance.cost_items):
        if item.spent is None:
            continue
        # Without a committed amount the budget is the ceiling.
        ceiling, what = (
            (item.committed, "verplicht")
            if item.committed is not None
            else (item.amount, "begroot")
        )
        if item.spent > ceiling:
            yield Hit(
                ctx.path("finance", "cost_items", i, "spent"),
                f"Voor kostenpost '{shortened(item.description)}' is {euro(item.spent)} "
                f"besteed, meer dan de {euro(ceiling)} die {what} is "
                f"({euro(item.spent - ceiling)} te veel).",
            )


@rule(
    "finance-spent-in-future-year",
    S,
    "warning",
    "Geen besteding in een jaar dat nog moet komen",
    "Controleer het jaar of het bestede bedrag: geld van een later begrotingsjaar kan nog "
    "niet zijn uitgegeven. Is het voorgeschoten, zet het dan op het jaar van de uitgave.",
    applies=lambda ctx: any(c.spent for c in ctx.agreement.finance.cost_items),
)
def spent_in_future_year(ctx: Context) -> Iterator[Hit]:
    for i, item in enumerate(ctx.agreement.finance.cost_items):
        if item.spent and item.year > ctx.today.year:
            yield Hit(
                ctx.path("finance", "cost_items", i, "spent"),
                f"Kostenpost '{shortened(item.description)}' staat op {item.year}, maar er is "
                f"al {euro(item.spent)} besteed; dat jaar is nog niet begonnen.",
            )
