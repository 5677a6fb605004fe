"""Building blocks shared by every part of the agreement: ids, amounts, texts."""

from __future__ import annotations

import types
import typing
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.\-]{0,63}$"

# Every item that something can point to carries an id; ids are unique in the whole document,
# so a reference never needs to say which list it points into and monitoring can key on it.
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, strip_whitespace=True),
    Field(
        title="Id",
        description=(
            "Vaste sleutel van dit onderdeel, uniek in het hele document. Begint met een letter; "
            "daarna letters, cijfers, punt, streepje of liggend streepje (max. 64 tekens). "
            "Wijzig een id niet meer zodra er naar verwezen wordt."
        ),
    ),
]
Ref = Annotated[str, StringConstraints(pattern=ID_PATTERN, strip_whitespace=True)]

# Long enough for a full paragraph of an agreement, short enough to refuse pasted junk.
LONG_TEXT_MAX = 20_000
SHORT_TEXT_MAX = 300

# Any character but NUL (U+0000): no database stores it in text (PostgreSQL refuses it), and
# no document can show it. A YAML or JSON escape (\0, \u0000) is the usual way in.
TEXT_PATTERN = r"^[^\x00]*$"

LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_MAX, pattern=TEXT_PATTERN)]
ShortText = Annotated[str, StringConstraints(max_length=SHORT_TEXT_MAX, pattern=TEXT_PATTERN)]


def _amount_to_json(value: Decimal) -> int | float:
    # Whole euros stay integers in YAML/JSON; cents survive as a float with two decimals.
    if value == value.to_integral_value():
        return int(value)
    return float(value)


Amount = Annotated[
    Decimal,
    Field(max_digits=15, decimal_places=2),
    PlainSerializer(_amount_to_json, return_type=int | float, when_used="json"),
]
Quantity = Annotated[
    Decimal,
    Field(max_digits=15, decimal_places=4),
    PlainSerializer(_amount_to_json, return_type=int | float, when_used="json"),
]
Year = Annotated[int, Field(ge=1900, le=2200)]


def unwrap_annotation(annotation: Any) -> Any:
    """The real type of a field: ``Annotated[...]`` and ``| None`` stripped."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            rest = [arg for arg in args if arg is not type(None)]
            if len(rest) != 1:
                return annotation
            annotation = rest[0]
        else:
            return annotation


class StramienModel(BaseModel):
    """Base of every part: unknown fields are refused, text is trimmed."""

    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        validate_assignment=False,
        use_enum_values=False,
        frozen=False,
    )


def field_labels(model: type[BaseModel]) -> dict[str, tuple[str, str]]:
    """The Dutch label and help text of every field of ``model``: name -> (label, help)."""
    return {
        name: (info.title or name, info.description or "")
        for name, info in model.model_fields.items()
    }


def is_blank(value: Any) -> bool:
    """True when a text, list or optional value carries no content."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict, set)):
        return len(value) == 0
    return False


__all__ = [
    "ID_PATTERN",
    "LONG_TEXT_MAX",
    "SHORT_TEXT_MAX",
    "Amount",
    "Id",
    "LongText",
    "Quantity",
    "Ref",
    "ShortText",
    "StramienModel",
    "Year",
    "date",
    "field_labels",
    "is_blank",
]
