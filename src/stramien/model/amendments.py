"""Amendments of an adopted agreement and successions of parties (organisations that merge
or whose office changes): the document keeps its history visible."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import Field

from .base import Id, LongText, Ref, ShortText, StramienModel
from .enums import AmendmentKind, SuccessionReason


class Amendment(StramienModel):
    """A later change of the adopted agreement, adopted with its own approval round."""

    number: int = Field(
        ge=1,
        le=999,
        title="Wijzigingsnummer",
        description="Het volgnummer van de wijziging: 1 voor de eerste wijziging na de "
        "vaststelling, dan 2, 3 enzovoort.",
    )
    title: ShortText = Field(
        title="Titel", description="Waar de wijziging over gaat, in een paar woorden."
    )
    kind: AmendmentKind = Field(
        default=AmendmentKind.ADDENDUM,
        title="Soort wijziging",
        description="Een addendum vult de overeenkomst aan; een nieuwe versie vervangt de "
        "hele tekst.",
    )
    adopted: dt.date | None = Field(
        default=None,
        title="Vastgesteld op",
        description="De datum waarop de wijziging is vastgesteld; leeg zolang zij in "
        "voorbereiding is.",
    )
    summary: LongText = Field(
        default="",
        title="Wat er verandert",
        description="Een korte samenvatting van de wijziging en de reden ervoor.",
    )
    sections: list[ShortText] = Field(
        default_factory=list,
        title="Gewijzigde onderdelen",
        description="Welke paragrafen of onderdelen de wijziging raakt, bijvoorbeeld '§4.4 "
        "Wie betaalt wat'.",
    )


class Succession(StramienModel):
    """One party taking over from another from a date: a merger, a redivision of
    municipalities, a ministry that is renamed or split."""

    id: Id
    predecessor: Ref = Field(
        title="Voorganger",
        description="Id van de partner of belanghebbende die ophoudt te bestaan of opgaat in "
        "een andere.",
    )
    successor: Ref = Field(
        title="Opvolger",
        description="Id van de partner of belanghebbende die de rol, de bijdragen en de "
        "goedkeuringen overneemt.",
    )
    date: dt.date = Field(
        title="Per datum", description="Vanaf deze datum neemt de opvolger het over."
    )
    reason: SuccessionReason = Field(
        default=SuccessionReason.MERGER,
        title="Reden",
        description="Fusie, gemeentelijke herindeling, wijziging van een ministerie of iets "
        "anders.",
    )
    description: LongText = Field(
        default="",
        title="Toelichting",
        description="Wat er overgaat en wat er eventueel anders wordt afgesproken.",
    )


def adopted_amendments(amendments: Iterable[Amendment]) -> list[Amendment]:
    """The amendments that have been adopted, in number order."""
    return sorted((a for a in amendments if a.adopted is not None), key=lambda a: a.number)


def current_amendment(amendments: Iterable[Amendment]) -> Amendment | None:
    """The latest adopted amendment, the one the document is now at; None when there is none."""
    adopted = adopted_amendments(amendments)
    return adopted[-1] if adopted else None


def successor_of(successions: Iterable[Succession], party: str, year: int) -> str:
    """Who stands in for ``party`` in ``year``: the end of its chain of successions that took
    effect in or before that year (a succession per 1 July counts from that year on)."""
    by_predecessor: dict[str, Succession] = {}
    for succession in sorted(successions, key=lambda s: s.date):
        by_predecessor.setdefault(succession.predecessor, succession)
    current, seen = party, {party}
    while True:
        step = by_predecessor.get(current)
        if step is None or step.date.year > year or step.successor in seen:
            return current
        current = step.successor
        seen.add(current)


def succeeded_on(successions: Iterable[Succession], party: str) -> Succession | None:
    """The succession in which ``party`` went up in another, if any (the earliest)."""
    found = [s for s in successions if s.predecessor == party]
    return min(found, key=lambda s: s.date) if found else None


def is_succeeded(successions: Iterable[Succession], party: str, on: dt.date) -> bool:
    """True when ``party`` has been taken over by a successor on or before ``on``."""
    return any(s.predecessor == party and s.date <= on for s in successions)


__all__ = [
    "Amendment",
    "Succession",
    "adopted_amendments",
    "current_amendment",
    "is_succeeded",
    "succeeded_on",
    "successor_of",
]
