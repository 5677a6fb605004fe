"""Reads about approval rounds: the open one, the adopted ones, the board, signature lines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from stramien.web.compiled import CompiledQuery
from stramien.web.programmes.models import Programme

from .models import Approval, ApprovalRound


def _first_with_status(programme_id: int, status: str) -> QuerySet[ApprovalRound]:
    found = ApprovalRound.objects.filter(programme_id=programme_id, status=status)
    return (found if found.ordered else found.order_by("pk"))[:1]  # as .first() does


# Asked at every save (an open round is voided when the content changes): built once.
_FIRST_WITH_STATUS = CompiledQuery(ApprovalRound, _first_with_status)


def open_round(programme: Programme) -> ApprovalRound | None:
    return _FIRST_WITH_STATUS.first(programme.pk, ApprovalRound.Status.OPEN.value)


def adopted_rounds(programme: Programme) -> list[ApprovalRound]:
    return list(
        ApprovalRound.objects.filter(programme=programme, status=ApprovalRound.Status.ADOPTED)
        .prefetch_related("approvals")
        .order_by("-revision_number")
    )


@dataclass(frozen=True)
class AdoptedVersion:
    """An adopted round with its place in the history: the first adoption is the agreement
    itself, every later one an amendment ("wijziging n", n = 1, 2, ...)."""

    round: ApprovalRound
    amendment: int | None
    previous_revision: int | None

    @property
    def label(self) -> str:
        if self.amendment is None:
            return "Vastgesteld"
        return f"Vastgesteld, wijziging {self.amendment}"


def adopted_versions(programme: Programme) -> list[AdoptedVersion]:
    """Every adopted round in the order of adoption, each with its amendment number and the
    revision adopted before it (to compare with); the newest first."""
    rounds = list(
        ApprovalRound.objects.filter(programme=programme, status=ApprovalRound.Status.ADOPTED)
        .prefetch_related("approvals")
        .order_by("closed_at", "revision_number", "id")
    )
    versions: list[AdoptedVersion] = []
    previous: int | None = None
    for k, adopted in enumerate(rounds):
        versions.append(AdoptedVersion(adopted, k or None, previous))
        previous = adopted.revision_number
    versions.reverse()
    return versions


def amendment_of(programme: Programme, revision_number: int) -> AdoptedVersion | None:
    """The adoption of revision ``revision_number``, with its amendment number; None when
    that revision was not adopted."""
    for version in adopted_versions(programme):
        if version.round.revision_number == revision_number:
            return version
    return None


def approving_parties(document: dict[str, Any], on: dt.date) -> dict[str, str]:
    """Who must approve a version on ``on``: the partners in the document, except those that
    went up in a successor by then; the successor approves for them (also when it is a
    stakeholder in the document)."""
    partnership = document.get("partnership", {}) or {}
    partners = [p for p in partnership.get("partners", []) or [] if isinstance(p, dict)]
    names: dict[str, str] = {
        str(p["id"]): str(p.get("name") or p["id"])
        for p in [*partners, *(partnership.get("stakeholders", []) or [])]
        if isinstance(p, dict) and "id" in p
    }
    successor: dict[str, str] = {}
    for s in partnership.get("successions", []) or []:
        when = s.get("date") if isinstance(s, dict) else None
        if isinstance(when, str):
            when = dt.date.fromisoformat(when[:10])
        if isinstance(when, dt.date) and when <= on and s.get("predecessor") != s.get("successor"):
            successor.setdefault(str(s.get("predecessor")), str(s.get("successor")))
    parties: dict[str, str] = {}
    for partner in partners:
        current = str(partner["id"])
        seen = {current}
        while current in successor and successor[current] not in seen:
            current = successor[current]
            seen.add(current)
        if current in names:
            parties.setdefault(current, names[current])
    return parties


def last_voided(programme: Programme) -> ApprovalRound | None:
    return (
        ApprovalRound.objects.filter(programme=programme, status=ApprovalRound.Status.VOIDED)
        .order_by("-closed_at")
        .first()
    )


def board(current: ApprovalRound) -> list[dict[str, Any]]:
    """Per partner: approved, rejected (with the note) or still open."""
    decisions = {a.party_id: a for a in current.approvals.all()}
    return [
        {"party_id": party_id, "name": name, "approval": decisions.get(party_id)}
        for party_id, name in current.parties.items()
    ]


def approval_lines(current: ApprovalRound) -> dict[str, str]:
    """What the signature page says per partner name for an adopted round."""
    lines: dict[str, str] = {}
    for approval in current.approvals.filter(decision=Approval.Decision.APPROVED):
        when = timezone.localtime(approval.decided_at).strftime("%d-%m-%Y %H:%M")
        lines[approval.party_name] = (
            f"Goedgekeurd door {approval.user_name} namens {approval.party_name} op {when}, "
            f"versie {current.revision_number}, hash {approval.revision_hash}"
        )
    return lines


def rounds_of(programme: Programme) -> QuerySet[ApprovalRound]:
    """Every approval round of the programme with its approvals, the newest first."""
    return (
        ApprovalRound.objects.filter(programme=programme)
        .prefetch_related("approvals")
        .order_by("-proposed_at", "-pk")
    )
