"""Checks for amendments of the agreement and for successions of parties."""

from __future__ import annotations

from collections.abc import Iterator

from stramien.formatting import long_date
from stramien.model import Succession

from .context import Context
from .registry import Hit, Section, rule


@rule(
    "amendments-numbering",
    Section.APPENDICES,
    "error",
    "Wijzigingen doorlopend genummerd",
    "Nummer de wijzigingen 1, 2, 3 en zo verder, zonder gaten en zonder een nummer twee keer.",
    applies=lambda ctx: bool(ctx.agreement.amendments),
)
def amendments_numbering(ctx: Context) -> Iterator[Hit]:
    seen: dict[int, int] = {}
    for i, amendment in enumerate(ctx.agreement.amendments):
        if amendment.number in seen:
            yield Hit(
                ctx.path("amendments", i, "number"),
                f"Wijziging {amendment.number} komt twee keer voor.",
            )
        seen.setdefault(amendment.number, i)
    missing = [n for n in range(1, max(seen, default=0) + 1) if n not in seen]
    if missing:
        names = ", ".join(str(n) for n in missing)
        yield Hit(
            "amendments",
            f"De nummering van de wijzigingen heeft een gat: wijziging {names} ontbreekt.",
        )


@rule(
    "amendments-dates",
    Section.APPENDICES,
    "error",
    "Wijzigingen na elkaar vastgesteld",
    "Een latere wijziging is later vastgesteld dan de vorige; een wijziging wordt pas "
    "vastgesteld als de vorige dat ook is.",
    applies=lambda ctx: bool(ctx.agreement.amendments),
)
def amendments_dates(ctx: Context) -> Iterator[Hit]:
    ordered = sorted(enumerate(ctx.agreement.amendments), key=lambda pair: pair[1].number)
    previous = None
    for i, amendment in ordered:
        path = ctx.path("amendments", i, "adopted")
        if previous is not None and amendment.adopted is not None:
            if previous.adopted is None:
                yield Hit(
                    path,
                    f"Wijziging {amendment.number} is vastgesteld, maar de eerdere wijziging "
                    f"{previous.number} nog niet.",
                )
            elif amendment.adopted < previous.adopted:
                yield Hit(
                    path,
                    f"Wijziging {amendment.number} is vastgesteld op "
                    f"{long_date(amendment.adopted)}, vóór wijziging {previous.number} "
                    f"({long_date(previous.adopted)}).",
                )
        start = ctx.start
        if amendment.adopted is not None and start is not None and amendment.adopted < start:
            yield Hit(
                path,
                f"Wijziging {amendment.number} is vastgesteld op {long_date(amendment.adopted)}, "
                "vóór de start van het programma.",
            )
        previous = amendment


def _successions(ctx: Context) -> list[Succession]:
    return ctx.agreement.partnership.successions


@rule(
    "succession-self",
    Section.PARTNERSHIP,
    "error",
    "Opvolger is een andere partij",
    "Kies als opvolger de partij waarin de voorganger opgaat; een partij volgt zichzelf niet op.",
    applies=lambda ctx: bool(_successions(ctx)),
)
def succession_self(ctx: Context) -> Iterator[Hit]:
    for i, succession in enumerate(_successions(ctx)):
        if succession.predecessor == succession.successor:
            yield Hit(
                ctx.path("partnership", "successions", i, "successor"),
                f"{ctx.name_of(succession.predecessor)} staat als zijn eigen opvolger.",
            )


@rule(
    "succession-chain",
    Section.PARTNERSHIP,
    "error",
    "Opvolgingen lopen niet in een kring",
    "Een partij gaat één keer op in een andere, en de opvolging komt niet terug bij een "
    "eerdere partij. Leg een tweede stap vast als een opvolging van de opvolger, met een "
    "latere datum.",
    applies=lambda ctx: bool(_successions(ctx)),
)
def succession_chain(ctx: Context) -> Iterator[Hit]:
    successions = _successions(ctx)
    first: dict[str, int] = {}
    for i, succession in enumerate(successions):
        if succession.predecessor == succession.successor:
            continue
        if succession.predecessor in first:
            yield Hit(
                ctx.path("partnership", "successions", i, "predecessor"),
                f"{ctx.name_of(succession.predecessor)} wordt meer dan eens opgevolgd; "
                "een partij kan maar in één andere opgaan.",
            )
            continue
        first[succession.predecessor] = i
    for start, i in first.items():
        current, seen = start, [start]
        while current in first:
            step = successions[first[current]]
            current = step.successor
            if current == start:
                names = " → ".join(ctx.name_of(p) for p in [*seen, start])
                yield Hit(
                    ctx.path("partnership", "successions", i),
                    f"De opvolging loopt in een kring: {names}.",
                )
                break
            if current in seen:
                break
            seen.append(current)
        nxt = first.get(successions[i].successor)
        if nxt is not None and successions[nxt].date < successions[i].date:
            later = successions[nxt]
            yield Hit(
                ctx.path("partnership", "successions", nxt, "date"),
                f"{ctx.name_of(later.predecessor)} wordt per {long_date(later.date)} opgevolgd, "
                f"vóórdat het zelf {ctx.name_of(successions[i].predecessor)} opvolgt "
                f"({long_date(successions[i].date)}).",
            )


@rule(
    "succession-outside-period",
    Section.PARTNERSHIP,
    "warning",
    "Opvolging binnen de looptijd",
    "Een opvolging vóór de start hoort niet in de overeenkomst: neem dan de opvolger zelf op "
    "als partij. Een opvolging na het einde raakt het programma niet meer.",
    applies=lambda ctx: bool(_successions(ctx)),
)
def succession_outside_period(ctx: Context) -> Iterator[Hit]:
    for i, succession in enumerate(_successions(ctx)):
        if ctx.start is not None and succession.date < ctx.start:
            when = "vóór de start"
        elif ctx.end is not None and succession.date > ctx.end:
            when = "na het einde"
        else:
            continue
        yield Hit(
            ctx.path("partnership", "successions", i, "date"),
            f"De opvolging van {ctx.name_of(succession.predecessor)} door "
            f"{ctx.name_of(succession.successor)} per {long_date(succession.date)} valt {when} "
            "van het programma.",
        )
