"""Indexes over one agreement, computed once and shared by every check."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from stramien.formatting import euro
from stramien.model import (
    Agreement,
    Body,
    BodyKind,
    Contribution,
    Goal,
    Partner,
    Party,
    Phase,
    format_path,
    iter_identified,
)

# ``euro`` stays importable from here for the web pages that still take it from this module.
__all__ = ["Context", "euro", "shortened", "word_count"]


# The fields that name an item for a reader, in the order they are tried.
_NAME_FIELDS = ("name", "title", "term", "description")
NAME_MAX = 60


def word_count(text: str) -> int:
    return len(text.split())


def shortened(text: str, limit: int = NAME_MAX) -> str:
    """``text`` on one line, cut at ``limit`` characters with an ellipsis."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@dataclass
class Context:
    agreement: Agreement
    # The day the checks are made for (what lies "in the future"); tests pass their own.
    today: dt.date = field(default_factory=dt.date.today)
    partners: dict[str, Partner] = field(init=False)
    parties: dict[str, Party] = field(init=False)
    goals: dict[str, Goal] = field(init=False)
    phases: dict[str, Phase] = field(init=False)

    def __post_init__(self) -> None:
        a = self.agreement
        self.partners = {p.id: p for p in a.partnership.partners}
        self.parties = {**self.partners, **{s.id: s for s in a.partnership.stakeholders}}
        self.goals = {g.id: g for g in a.goals}
        self.phases = {p.id: p for p in a.planning.phases}

    @staticmethod
    def path(*parts: str | int) -> str:
        return format_path(parts)

    @cached_property
    def names(self) -> dict[str, str]:
        """What a reader calls every item with an id: its name or title (else its id)."""
        found: dict[str, str] = {}
        for item_id, item, _path in iter_identified(self.agreement):
            text = next(
                (
                    value
                    for field_name in _NAME_FIELDS
                    if isinstance(value := getattr(item, field_name, None), str) and value.strip()
                ),
                item_id,
            )
            found.setdefault(item_id, shortened(text))
        return found

    def name_of(self, item_id: str | None) -> str:
        """The name of the item ``item_id`` points to; the id itself when nothing has it."""
        if item_id is None:
            return ""
        return self.names.get(item_id, item_id)

    def contribution_name(self, contribution: Contribution) -> str:
        """A contribution as a reader knows it: its description, or kind, partner and year."""
        if contribution.description.strip():
            return shortened(contribution.description)
        return (
            f"{contribution.kind.label} van {self.name_of(contribution.partner)} "
            f"in {contribution.year}"
        )

    @property
    def start(self) -> dt.date | None:
        return self.agreement.programme.start

    @property
    def end(self) -> dt.date | None:
        return self.agreement.programme.end

    def in_period(self, day: dt.date) -> bool:
        """True when ``day`` lies in the programme period (or the period is unknown)."""
        if self.start is not None and day < self.start:
            return False
        return not (self.end is not None and day > self.end)

    def year_in_period(self, year: int) -> bool:
        if self.start is not None and year < self.start.year:
            return False
        return not (self.end is not None and year > self.end.year)

    @cached_property
    def bodies_by_kind(self) -> dict[BodyKind, list[tuple[int, Body]]]:
        grouped: dict[BodyKind, list[tuple[int, Body]]] = defaultdict(list)
        for index, body in enumerate(self.agreement.organisation.bodies):
            grouped[body.kind].append((index, body))
        return grouped

    def has_body(self, kind: BodyKind) -> bool:
        return bool(self.bodies_by_kind.get(kind))

    @cached_property
    def top_goals(self) -> list[Goal]:
        return [g for g in self.agreement.goals if g.contributes_to_ambition]

    @cached_property
    def goals_reaching_ambition(self) -> set[str]:
        """Ids of goals with a causal chain up to the ambition (cycles never reach it)."""
        reached: set[str] = {g.id for g in self.top_goals}
        children: dict[str, list[str]] = defaultdict(list)
        for goal in self.agreement.goals:
            for parent in goal.contributes_to:
                children[parent].append(goal.id)
        stack = list(reached)
        while stack:
            for child in children.get(stack.pop(), []):
                if child not in reached:
                    reached.add(child)
                    stack.append(child)
        return reached

    @cached_property
    def measured_goals(self) -> set[str]:
        return {indicator.goal for indicator in self.agreement.indicators}

    @cached_property
    def contributing_partners(self) -> set[str]:
        """Partners named as contributor of at least one goal."""
        return {p for goal in self.agreement.goals for p in goal.partners}

    @cached_property
    def costs_per_year(self) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = defaultdict(Decimal)
        for item in self.agreement.finance.cost_items:
            totals[item.year] += item.amount
        return dict(totals)

    @cached_property
    def financing_per_year(self) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = defaultdict(Decimal)
        for contribution in self.agreement.finance.contributions:
            totals[contribution.year] += contribution.amount
        return dict(totals)

    @cached_property
    def total_costs(self) -> Decimal:
        return sum(self.costs_per_year.values(), Decimal(0))

    @cached_property
    def total_financing(self) -> Decimal:
        return sum(self.financing_per_year.values(), Decimal(0))

    @cached_property
    def has_board(self) -> bool:
        """A stuurgroep, general board or daily board: a body that takes the decisions."""
        return any(body.kind.is_board for body in self.agreement.organisation.bodies)

    @cached_property
    def succeeded_parties(self) -> set[str]:
        """Parties that went up in a successor the document records: their successor signs
        and approves for them (the document is checked as it reads, whatever today is)."""
        return {
            s.predecessor
            for s in self.agreement.partnership.successions
            if s.predecessor != s.successor
        }

    @cached_property
    def steering_organisations(self) -> set[str]:
        """The organisations with a seat in the stuurgroep or a (general or daily) board."""
        return {
            member.organisation
            for body in self.agreement.organisation.bodies
            if body.kind.is_board
            for member in body.members
            if member.organisation is not None
        }
