"""Reads about approval rounds: the open one, the adopted ones, the board, signature lines."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from stramien.web.programmes.models import Programme

from .models import Approval, ApprovalRound


def open_round(programme: Programme) -> ApprovalRound | None:
    return ApprovalRound.objects.filter(
        programme=programme, status=ApprovalRound.Status.OPEN
    ).first()


def adopted_rounds(programme: Programme) -> list[ApprovalRound]:
    return list(
        ApprovalRound.objects.filter(programme=programme, status=ApprovalRound.Status.ADOPTED)
        .prefetch_related("approvals")
        .order_by("-revision_number")
    )


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
