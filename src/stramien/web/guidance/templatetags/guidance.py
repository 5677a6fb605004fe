"""``{% first_steps programme agreement report %}``: the overview's list of what to do next."""

from __future__ import annotations

from typing import Any

from django import template

from stramien.model import Agreement
from stramien.rules import Report
from stramien.web.guidance.first_steps import first_steps as next_steps
from stramien.web.programmes.models import Programme

register = template.Library()


@register.inclusion_tag("guidance/_first_steps.html")
def first_steps(programme: Programme, agreement: Agreement, report: Report) -> dict[str, Any]:
    return {"programme": programme, "steps": next_steps(programme, agreement, report)}
