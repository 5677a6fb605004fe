"""Reads of the audit trail: a programme's entries, filtered as the Logboek asks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from .actions import ACTION_LABELS
from .models import AuditEntry

if TYPE_CHECKING:
    from stramien.web.programmes.models import Programme


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def filtered(programme: Programme, params: Any) -> tuple[QuerySet[AuditEntry], dict[str, Any]]:
    entries = AuditEntry.objects.filter(programme=programme).select_related("actor")
    action = params.get("actie", "")
    who = params.get("wie", "").strip()
    since, until = _date(params.get("vanaf")), _date(params.get("tot"))
    if action in ACTION_LABELS:
        entries = entries.filter(action=action)
    if who:
        entries = entries.filter(actor__username__icontains=who[:150])
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    chosen = {
        "actie": action if action in ACTION_LABELS else "",
        "wie": who[:150],
        "vanaf": since.isoformat() if since else "",
        "tot": until.isoformat() if until else "",
    }
    return entries.order_by("-created_at", "-id"), chosen
