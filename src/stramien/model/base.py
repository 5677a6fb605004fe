"""Building blocks shared by every part of the agreement: ids, amounts, texts."""

from __future__ import annotations

import copy
import re
import types
import typing
from datetime import date
from decimal import ROUND_DOWN, Context, Decimal
from typing import Annotated, Any, ClassVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    PlainSerializer,
    StringConstraints,
)
from pydantic_core import PydanticCustomError, PydanticKnownError, core_schema

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


# Yes/no the way people type it in Dutch; any case. YAML's own true/false keep working.
DUTCH_BOOLS = {"ja": True, "nee": False, "waar": True, "onwaar": False}

_MULTIPLIERS = {
    "mln": Decimal(10**6),
    "miljoen": Decimal(10**6),
    "mld": Decimal(10**9),
    "mrd": Decimal(10**9),
    "miljard": Decimal(10**9),
}
_AMOUNT_TEXT = re.compile(
    r"^(?P<euro>€|eur\b)?\s*(?P<number>[0-9][0-9.,]*)\s*(?P<unit>[a-z]+)?\.?$"
)
_THOUSANDS = re.compile(r"^[0-9]{1,3}(\.[0-9]{3})+$")
AMOUNT_ERROR = "dutch_amount"


def dutch_bool(value: Any) -> Any:
    """``ja``/``nee``/``waar``/``onwaar`` (any case) as True/False; anything else unchanged."""
    if isinstance(value, str):
        found = DUTCH_BOOLS.get(value.strip().lower())
        if found is not None:
            return found
    return value


def _amount_error(text: str) -> PydanticCustomError:
    return PydanticCustomError(
        AMOUNT_ERROR,
        f"'{text[:60]}' is geen bedrag. Schrijf een getal, bijvoorbeeld 2500, 2500.50, "
        "€ 2.500,50 of 15 mln.",
    )


def dutch_amount(value: Any) -> Any:
    """An amount written the Dutch way as a Decimal; numbers and plain texts unchanged.

    Accepted: ``1.150.000.000``, ``€ 2.500,50``, ``€2.500``, ``15 mln``, ``2,5 miljoen``.
    A comma is the decimal sign, dots before it separate thousands. Without a comma, dots
    count as thousands only when every group has three digits and there are at least two
    groups or a € sign: ``1.5`` and ``1.500`` stay 1.5 (a decimal point) as before, while
    ``1.500.000`` and ``€ 1.500`` are thousands.
    """
    if not isinstance(value, str):
        return value
    text = value.strip()
    compact = text.lower().replace("\u00a0", " ")
    match = _AMOUNT_TEXT.match(compact)
    if match is None:
        if any(char.isdigit() for char in compact) and ("€" in compact or "," in compact):
            raise _amount_error(text)
        return value
    euro, number, unit = match["euro"], match["number"], match["unit"]
    multiplier = Decimal(1)
    if unit is not None:
        if unit not in _MULTIPLIERS:
            raise _amount_error(text)
        multiplier = _MULTIPLIERS[unit]
    if "," in number:
        whole, _sep, cents = number.rpartition(",")
        if "," in whole or "." in cents or not cents:
            raise _amount_error(text)
        if "." in whole and not _THOUSANDS.match(whole):
            raise _amount_error(text)
        number = whole.replace(".", "") + "." + cents
    elif "." in number and _THOUSANDS.match(number) and (number.count(".") >= 2 or euro):
        number = number.replace(".", "")
    elif euro is None and unit is None:
        return value
    if number.count(".") > 1 or number.endswith("."):
        raise _amount_error(text)
    return Decimal(number) * multiplier


# A yes/no field: also ja/nee and waar/onwaar, in any case (only these fields pay for the check).
YesNo = Annotated[bool, BeforeValidator(dutch_bool)]


def _digits(sign_digits_exponent: tuple[int, tuple[int, ...], int]) -> tuple[int, int]:
    """(decimal places, digits in total) of a finite decimal, written as it is."""
    _sign, digits, exponent = sign_digits_exponent
    if exponent >= 0:
        return 0, len(digits) + exponent
    return -exponent, max(len(digits), -exponent)


class DecimalDigits:
    """At most ``max_digits`` digits in total and ``decimal_places`` after the point, for a
    decimal that has been through a before-validator (where pydantic would check both in
    Python, twice over, for every value). Same rules and same errors as pydantic's own
    ``max_digits``/``decimal_places``: a limit is exceeded only when the value exceeds it
    both as written and with its trailing zeros dropped (``1.500`` has one decimal place).
    Schema forms read ``decimal_places`` from here as from ``Field``."""

    __slots__ = ("_context", "_limit", "_step", "decimal_places", "max_digits")

    def __init__(self, max_digits: int, decimal_places: int) -> None:
        self.max_digits = max_digits
        self.decimal_places = decimal_places
        self._limit = Decimal(10) ** max(max_digits - decimal_places, 0)
        self._step = Decimal(1).scaleb(-decimal_places)
        # Enough precision that rounding to the step below the limit is always exact.
        self._context = Context(prec=max_digits + 2, rounding=ROUND_DOWN, traps=[])

    def __repr__(self) -> str:
        return f"DecimalDigits(max_digits={self.max_digits}, decimal_places={self.decimal_places})"

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            self._check,
            handler(source),
            metadata={
                "pydantic_js_updates": {
                    "decimal_places": self.decimal_places,
                    "max_digits": self.max_digits,
                }
            },
        )

    def _check(self, value: Decimal) -> Decimal:
        # Fast path: within the limit and a whole number of steps is always allowed.
        if -self._limit < value < self._limit and (
            value.quantize(self._step, context=self._context) == value
        ):
            return value
        written = value.as_tuple()
        digits = written.digits
        kept = len(digits)
        while kept and digits[kept - 1] == 0:
            kept -= 1
        if kept:
            exponent = int(written.exponent) + len(digits) - kept
            normal = _digits((0, digits[:kept], exponent))
        else:
            normal = (0, 1)  # zero
        places, total = _digits((0, digits, int(written.exponent)))
        if total > self.max_digits and normal[1] > self.max_digits:
            raise PydanticKnownError("decimal_max_digits", {"max_digits": self.max_digits})
        if places > self.decimal_places and normal[0] > self.decimal_places:
            raise PydanticKnownError("decimal_max_places", {"decimal_places": self.decimal_places})
        whole = max(self.max_digits - self.decimal_places, 0)
        if total - places > whole and normal[1] - normal[0] > whole:
            raise PydanticKnownError("decimal_whole_digits", {"whole_digits": whole})
        return value


Amount = Annotated[
    Decimal,
    BeforeValidator(dutch_amount),
    DecimalDigits(max_digits=15, decimal_places=2),
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


class LateFieldsModel(StramienModel):
    """A part that gained fields after documents were already stored and approved.

    The names in ``LATE_FIELDS`` are left out of a dump while they hold their default, so a
    document written before they existed dumps byte for byte as it did then: its content
    hash, and every approval bound to that hash, stay the same. A field that is used is
    written as usual. A subclass lists its own late fields and those of its parent.
    """

    LATE_FIELDS: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        # Each late field is left out by pydantic itself (``exclude_if``): a dump of a large
        # document then makes one small call per late field instead of a Python round trip
        # through every model. The class is built once more with those fields.
        super().__pydantic_init_subclass__(**kwargs)
        fields = cls.__pydantic_fields__
        changed = False
        for name, info in list(fields.items()):
            if name in cls.LATE_FIELDS:
                exclude_if: _IsDefault | None = _IsDefault(
                    info.get_default(call_default_factory=True)
                )
            elif isinstance(info.exclude_if, _IsDefault):
                exclude_if = None  # late in a parent class, not in this one
            else:
                continue
            field = copy.copy(info)
            field.exclude_if = exclude_if
            fields[name] = field
            changed = True
        if changed:
            cls.model_rebuild(force=True)


class _IsDefault:
    """True for a value equal to a late field's default. Every default factory of the model
    is deterministic (an empty list, a section with its own defaults), so one value per
    field is the same answer as calling the factory each time."""

    __slots__ = ("default",)

    def __init__(self, default: object) -> None:
        self.default = default

    def __call__(self, value: object) -> bool:
        return bool(value == self.default)


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
    "AMOUNT_ERROR",
    "DUTCH_BOOLS",
    "ID_PATTERN",
    "LONG_TEXT_MAX",
    "SHORT_TEXT_MAX",
    "Amount",
    "Id",
    "LateFieldsModel",
    "LongText",
    "Quantity",
    "Ref",
    "ShortText",
    "StramienModel",
    "Year",
    "YesNo",
    "date",
    "dutch_amount",
    "dutch_bool",
    "field_labels",
    "is_blank",
]
