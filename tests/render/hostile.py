"""Hostile user text, injected into every free-text field of an agreement."""

from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel

from stramien.model import Agreement

HOSTILE = (
    '#read("/etc/passwd") #import "x.typ": * $x^2$ [link] *vet* _schuin_ <label> @ref '
    '// commentaar \\ "aanhalingstekens" #set page(width: 1cm) ]]> &amp; <w:p> '
    "<script>alert(1)</script> مرحبا بالعالم 🚲🌱 \x07bel "
)
MARKERS = ('#read("/etc/passwd")', "<script>alert(1)</script>", "مرحبا بالعالم", "🚲🌱")
NOT_TEXT = {"id", "file", "schema_version"}


def poison(agreement: Agreement) -> Agreement:
    """A copy with HOSTILE prepended to every free-text value (ids and references kept)."""
    copy = agreement.model_copy(deep=True)
    ids = set(copy.items_by_id())
    _poison(copy, ids)
    return copy


def _text(value: Any, ids: set[str]) -> bool:
    return isinstance(value, str) and not isinstance(value, Enum) and value not in ids


def _poison(model: BaseModel, ids: set[str]) -> None:
    for name in type(model).model_fields:
        if name in NOT_TEXT:
            continue
        value = getattr(model, name)
        if _text(value, ids):
            setattr(model, name, HOSTILE + value)
        elif isinstance(value, BaseModel):
            _poison(value, ids)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    _poison(item, ids)
                elif _text(item, ids):
                    value[index] = HOSTILE + item
