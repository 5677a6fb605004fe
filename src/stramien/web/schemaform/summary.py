"""The short facts that stand for a list item where its form is folded away: the row of a
summary table (long lists, one page per item) or the one line of a folded item."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from django.utils.translation import gettext as _
from pydantic import BaseModel

from stramien import formatting
from stramien.model.dates import plan_date
from stramien.model.enums import DatePrecision
from stramien.web.schemaform.choices import NULLABLE_BOOL_CHOICES, enum_choices
from stramien.web.schemaform.fields import FieldSpec, field_specs
from stramien.web.schemaform.names import field_name, html_id
from stramien.web.schemaform.tree import Node, Path

#: At most this many facts per item.
MAX_FACTS = 3
# The kinds of field that say something in a few words, in the order they are preferred.
_RANK = ("money", "select", "date", "number", "decimal", "nullable-bool", "checkbox", "text")
_NAME_FIELDS = ("name", "title", "term", "activity", "description")
_TEXT_MAX = 60

#: (label, text in a table cell, text on the folded item's line; "" leaves it out)
Fact = tuple[str, str, str]
Choices = Callable[[tuple[str, ...]], list[tuple[str, str]]]


def _rank(spec: FieldSpec) -> int | None:
    if spec.hidden or spec.name == "id" or spec.name in _NAME_FIELDS:
        return None
    if spec.enum is DatePrecision:
        return None  # said with its date: "3e kwartaal 2026"
    kind = "money" if spec.kind == "decimal" and spec.money else spec.kind
    return _RANK.index(kind) if kind in _RANK else None


@cache
def fact_specs(model: type[BaseModel]) -> tuple[FieldSpec, ...]:
    """The fields that stand for an item of ``model``, in the model's order: the preferred
    kinds first (an amount, a choice, a date), at most MAX_FACTS; else one longer text."""
    specs = list(field_specs(model))
    ranked = sorted(
        (rank, position) for position, spec in enumerate(specs) if (rank := _rank(spec)) is not None
    )
    chosen = sorted(position for _rank_, position in ranked[:MAX_FACTS])
    if chosen:
        return tuple(specs[position] for position in chosen)
    texts = [
        s
        for s in specs
        if s.kind in ("textarea", "lines") and not s.hidden and s.name not in _NAME_FIELDS
    ]
    return tuple(texts[:1])


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _TEXT_MAX else text[: _TEXT_MAX - 1] + "…"


def _number(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _text(spec: FieldSpec, value: Any, choices: Choices | None) -> str:
    if value is None or value == "" or value == []:
        return ""
    if spec.kind in ("select", "multiselect"):
        if spec.ref_kinds:
            options = dict(choices(spec.ref_kinds)) if choices is not None else {}
        elif spec.enum is not None:
            options = dict(enum_choices(spec.enum))
        else:
            options = {}
        values = value if isinstance(value, list) else [value]
        return _short(", ".join(options.get(str(v), str(v)) for v in values))
    if spec.kind == "nullable-bool":
        return str(dict(NULLABLE_BOOL_CHOICES).get("true" if value else "false", ""))
    if spec.kind == "checkbox":
        return _("Ja") if value is True else _("Nee")
    if spec.kind == "date":
        try:
            return formatting.long_date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)
    if spec.kind == "number":
        return str(value)  # a year or a count: 2027, not 2.027
    if spec.kind == "decimal":
        amount = _number(value)
        if amount is None:
            return str(value)
        return formatting.euro(amount) if spec.money else formatting.number(amount)
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return _short(str(value))


def _plan_date(name: str, values: Mapping[str, Any]) -> str:
    """A planned date with its precision beside it (a milestone in Q3 2026), as people say it;
    "" when there is no precision or it cannot be read."""
    precision = values.get("precision" if name == "date" else f"{name}_precision")
    if precision in (None, "", DatePrecision.DAY, DatePrecision.DAY.value):
        return ""
    try:
        return plan_date(dt.date.fromisoformat(str(values.get(name))), str(precision))
    except ValueError:
        return ""


def item_facts(model: type[BaseModel], data: Any, choices: Choices | None) -> list[Fact]:
    """The facts of one item, as its model's :func:`fact_specs` name them."""
    values = data if isinstance(data, Mapping) else {}
    facts: list[Fact] = []
    for spec in fact_specs(model):
        text = _text(spec, values.get(spec.name), choices)
        if spec.kind == "date" and text:
            text = _plan_date(spec.name, values) or text
        brief = text
        if spec.kind in ("checkbox", "nullable-bool") and text:
            brief = f"{spec.label}: {text.lower()}"
        facts.append((spec.label, text, brief))
    return facts


# Fields that take the focus themselves (a multiselect, group or list is a box of them).
_FOCUSABLE = ("text", "textarea", "number", "decimal", "date", "lines", "select", "nullable-bool")


def first_field_id(
    model: type[BaseModel], prefix: str, path: Path, locked: Callable[[Path], bool]
) -> str:
    """The HTML id of the first field a person fills in the new item at ``path`` (the id is
    folded away and a locked field cannot be filled, so it is neither of those)."""
    for spec in field_specs(model):
        if spec.hidden or spec.name == "id" or spec.kind not in (*_FOCUSABLE, "checkbox"):
            continue
        if not locked((*path, spec.name)):
            return html_id(field_name(prefix, (*path, spec.name)))
    return html_id(field_name(prefix, path))


def focus_first_field(item: Node) -> None:
    """Give the first field of ``item`` (a row just added) the focus when the page loads."""
    for child in item.children:
        if not child.advanced and not child.readonly and child.kind in (*_FOCUSABLE, "checkbox"):
            child.autofocus = True
            return
