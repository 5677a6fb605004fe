"""Checks for the programme basics and §1, the societal ambition."""

from __future__ import annotations

from collections.abc import Iterator

from stramien.formatting import short_date
from stramien.model import is_blank

from .context import Context, word_count
from .registry import Hit, Section, rule

S = Section.AMBITION

# About 60 words is what a speaker says in 20-25 seconds: long enough for why, what and for
# whom, short enough for a councillor to repeat it and a journalist to quote it whole.
STATEMENT_MAX_WORDS = 60
STATEMENT_MIN_WORDS = 8


@rule(
    "programme-period-missing",
    S,
    "error",
    "Looptijd van het programma",
    "Vul bij het programma de startdatum en de einddatum in; fasering, begroting en "
    "indicatoren worden daaraan getoetst.",
)
def programme_period_missing(ctx: Context) -> Iterator[Hit]:
    for name in ("start", "end"):
        if getattr(ctx.agreement.programme, name) is None:
            label = "startdatum" if name == "start" else "einddatum"
            yield Hit(ctx.path("programme", name), f"De {label} van het programma ontbreekt.")


@rule(
    "programme-period-order",
    S,
    "error",
    "Einddatum na startdatum",
    "Controleer de start- en einddatum van het programma.",
)
def programme_period_order(ctx: Context) -> Iterator[Hit]:
    if ctx.start is not None and ctx.end is not None and ctx.end <= ctx.start:
        yield Hit(
            ctx.path("programme", "end"),
            f"De einddatum ({short_date(ctx.end)}) ligt niet na de startdatum "
            f"({short_date(ctx.start)}).",
        )


@rule(
    "ambition-statement-missing",
    S,
    "error",
    "Kernachtige ambitie",
    "Schrijf in een paar zinnen waarom jullie ingrijpen, wat je wilt bereiken en wat dat "
    "betekent voor de samenleving.",
)
def statement_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.ambition.statement):
        yield Hit("ambition.statement", "De maatschappelijke ambitie is nog niet verwoord.")


@rule(
    "ambition-statement-too-long",
    S,
    "warning",
    f"Ambitie in hoogstens {STATEMENT_MAX_WORDS} woorden",
    f"Houd de kern op {STATEMENT_MAX_WORDS} woorden of minder, zodat een bestuurder haar kan "
    "navertellen en media haar kunnen citeren. Zet de uitwerking bij 'Het verhaal dat ons "
    "beweegt'.",
)
def statement_too_long(ctx: Context) -> Iterator[Hit]:
    words = word_count(ctx.agreement.ambition.statement)
    if words > STATEMENT_MAX_WORDS:
        yield Hit(
            "ambition.statement",
            f"De ambitie telt {words} woorden; kernachtig is hoogstens {STATEMENT_MAX_WORDS}.",
        )


@rule(
    "ambition-statement-too-thin",
    S,
    "tip",
    "Ambitie zegt waarom, wat en voor wie",
    "Een goede kern noemt waarom jullie ingrijpen, wat je wilt bereiken en voor wie.",
)
def statement_too_thin(ctx: Context) -> Iterator[Hit]:
    words = word_count(ctx.agreement.ambition.statement)
    if 0 < words < STATEMENT_MIN_WORDS:
        yield Hit(
            "ambition.statement",
            f"De ambitie telt maar {words} woorden; waarschijnlijk mist het waarom of het "
            "voor wie.",
        )


@rule(
    "ambition-story-missing",
    S,
    "warning",
    "Het verhaal dat raakt",
    "Beschrijf de maatschappelijke droom: het beeld dat partners, politiek en publiek raakt "
    "en in beweging brengt.",
)
def story_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.ambition.story):
        yield Hit("ambition.story", "Het verhaal achter de ambitie ontbreekt.")


@rule(
    "ambition-beneficiaries-missing",
    S,
    "error",
    "Wie worden er beter van",
    "Noem de maatschappelijke groeperingen die profiteren, zo concreet mogelijk.",
)
def beneficiaries_missing(ctx: Context) -> Iterator[Hit]:
    if not ctx.agreement.ambition.beneficiaries:
        yield Hit(
            "ambition.beneficiaries",
            "Er staat niet bij welke maatschappelijke groeperingen hier beter van worden.",
        )


@rule(
    "ambition-beneficiary-benefit-missing",
    S,
    "tip",
    "Wat het een groep oplevert",
    "Schrijf per groep in een zin wat er voor hen verandert.",
)
def beneficiary_benefit_missing(ctx: Context) -> Iterator[Hit]:
    for i, group in enumerate(ctx.agreement.ambition.beneficiaries):
        if is_blank(group.benefit):
            yield Hit(
                ctx.path("ambition", "beneficiaries", i, "benefit"),
                f"Bij '{group.name}' staat niet wat het hen oplevert.",
            )


@rule(
    "ambition-larger-whole-missing",
    S,
    "error",
    "Groter geheel",
    "Noem het bredere beleid of programma waar dit initiatief onderdeel van is; dat helpt "
    "bestuurders de prioriteit te rechtvaardigen.",
)
def larger_whole_missing(ctx: Context) -> Iterator[Hit]:
    if is_blank(ctx.agreement.ambition.larger_whole):
        yield Hit(
            "ambition.larger_whole",
            "Er staat niet van welk groter geheel of welke bredere ambitie dit deel uitmaakt.",
        )
