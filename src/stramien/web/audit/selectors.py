"""Reads of the audit trail: a programme's entries, filtered as the Logboek asks."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from .actions import ACTION_LABELS
from .models import AuditEntry

if TYPE_CHECKING:
    from stramien.web.programmes.models import Programme


# What the keys of an entry's details mean, in the words of the Logboek.
_DETAIL_LABELS = {
    "party_id": gettext_lazy("partner"),
    "indicator": gettext_lazy("indicator"),
    "milestone": gettext_lazy("mijlpaal"),
    "cost_item": gettext_lazy("begrotingspost"),
    "contribution": gettext_lazy("bijdrage"),
    "partner": gettext_lazy("partner"),
    "section": gettext_lazy("onderdeel"),
    "role": gettext_lazy("rol"),
    "email": gettext_lazy("e-mail"),
    "period": gettext_lazy("periode"),
    "status": gettext_lazy("status"),
    "reason": gettext_lazy("reden"),
}


def details_text(details: Any, names: dict[str, str]) -> str:
    """An entry's details as a person reads them: items by their name, not their id."""
    if not isinstance(details, dict):
        return ""
    parts = []
    for key, value in details.items():
        if value in (None, ""):
            continue
        shown = names.get(value, value) if isinstance(value, str) else value
        parts.append(f"{_DETAIL_LABELS.get(key, key)}: {shown}")
    return ", ".join(parts)


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
