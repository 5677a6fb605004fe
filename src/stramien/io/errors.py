"""Problems found while reading an agreement document, in plain Dutch, with their position."""

from __future__ import annotations

import datetime as dt
import difflib
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from stramien.model import INDICATOR_ERROR_TYPES, Agreement, format_path
from stramien.model.base import AMOUNT_ERROR, ID_PATTERN, TEXT_PATTERN, unwrap_annotation
from stramien.model.dates import PLAN_DATE_ERROR

Path = tuple[str | int, ...]
# 1-based line and column.
Position = tuple[int, int]

# A document with a million wrong values should not produce a million messages.
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class LoadProblem:
    """One problem in a document: where it is and what is wrong, in Dutch."""

    file: str
    line: int | None
    column: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"


class DocumentError(Exception):
    """The document could not be read; ``problems`` says why, one problem per entry."""

    def __init__(self, problems: Sequence[LoadProblem]) -> None:
        self.problems: list[LoadProblem] = list(problems)
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(str(problem) for problem in self.problems)


def problem(
    file: str, message: str, position: Position | None = None, path: Path = ()
) -> LoadProblem:
    line, column = position if position is not None else (None, None)
    return LoadProblem(file, line, column, format_path(path), message)


def fail(
    file: str, message: str, position: Position | None = None, path: Path = ()
) -> DocumentError:
    """A DocumentError with a single problem, ready to raise."""
    return DocumentError([problem(file, message, position, path)])


@dataclass
class Positions:
    """Where each value (and, in mappings, each key) of the document starts."""

    values: dict[Path, Position] = field(default_factory=dict)
    keys: dict[Path, Position] = field(default_factory=dict)

    def locate(self, path: Path, prefer_key: bool = False) -> Position | None:
        """The position of ``path``, or of its nearest parent that has one."""
        first, second = (self.keys, self.values) if prefer_key else (self.values, self.keys)
        for size in range(len(path), -1, -1):
            part = path[:size]
            found = first.get(part) or second.get(part)
            if found is not None:
                return found
        return None


def sort_problems(problems: list[LoadProblem], total: int | None = None) -> list[LoadProblem]:
    """The problems in the order of the document; at most MAX_PROBLEMS, then a count of the
    rest (of ``total``, when more were found than were described)."""
    ordered = sorted(problems, key=lambda p: (p.line or 0, p.column or 0))
    total = max(total or 0, len(ordered))
    if total > MAX_PROBLEMS:
        rest = total - MAX_PROBLEMS
        ordered = ordered[:MAX_PROBLEMS]
        last = ordered[-1]
        others = "ander probleem" if rest == 1 else "andere problemen"
        ordered.append(
            LoadProblem(last.file, None, None, "", f"En nog {rest} {others}; los eerst deze op.")
        )
    return ordered


def problems_from_validation_error(
    exc: ValidationError, file: str, data: Any, positions: Positions
) -> list[LoadProblem]:
    """Turn every entry of a pydantic ValidationError into a located Dutch LoadProblem.

    Only the first MAX_PROBLEMS (in the order of the document) are described: a document
    with 200.000 unknown fields should not wait for 200.000 spelling suggestions.
    """
    found: list[tuple[Position | None, Path, ErrorDetails | str]] = []
    for err in exc.errors(include_url=False):
        if err["type"] == "references":
            for ref_path, message in err.get("ctx", {}).get("problems", []):
                path = tuple(ref_path)
                found.append((positions.locate(path), path, message))
            continue
        path = data_path(err["loc"], data, keep_missing=err["type"] == "missing")
        if err["type"] == "missing":
            position = positions.locate(path[:-1])
        else:
            position = positions.locate(path, prefer_key=err["type"] == "extra_forbidden")
        found.append((position, path, err))
    found.sort(key=lambda entry: entry[0] or (0, 0))
    problems = [
        problem(file, what if isinstance(what, str) else describe_error(what, path), where, path)
        for where, path, what in found[:MAX_PROBLEMS]
    ]
    return sort_problems(problems, total=len(found))


def data_path(loc: tuple[int | str, ...], data: Any, keep_missing: bool) -> Path:
    """The part of pydantic's ``loc`` that are real keys and indices in the data.

    Pydantic adds names of union members and validators to ``loc``; they are not in the data.
    """
    path: list[str | int] = []
    current = data
    for number, part in enumerate(loc):
        is_index = isinstance(part, int) and isinstance(current, list) and 0 <= part < len(current)
        is_key = isinstance(part, str) and isinstance(current, dict) and part in current
        if is_index or is_key:
            path.append(part)
            current = current[part]
        elif keep_missing and number == len(loc) - 1 and isinstance(part, str):
            path.append(part)
    return tuple(path)


# --- What the schema expects at a path -------------------------------------------------------


def annotation_at(path: Path) -> Any:
    """The type the schema expects at ``path``, or None when the path leaves the schema."""
    current: Any = Agreement
    for part in path:
        current = unwrap_annotation(current)
        if isinstance(part, int):
            if get_origin(current) is not list:
                return None
            current = get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    return unwrap_annotation(current)


def model_at(path: Path) -> type[BaseModel] | None:
    found = annotation_at(path)
    if isinstance(found, type) and issubclass(found, BaseModel):
        return found
    return None


# --- Dutch messages per pydantic error type --------------------------------------------------


def _short(value: Any, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_value(value: Any) -> str:
    """What kind of value a user wrote, in Dutch ("een lijst", "een datum", ...)."""
    if value is None:
        return "niets (het veld is leeg)"
    if isinstance(value, bool):
        return f"de ja/nee-waarde {'true' if value else 'false'}"
    if isinstance(value, int | float | Decimal):
        return f"het getal {_short(value)}"
    if isinstance(value, dt.date):
        return f"de datum {value.isoformat()}"
    if isinstance(value, dict):
        return "een blok met velden"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, str):
        return f"de tekst '{_short(value)}'"
    return "een waarde van een ander soort"


def _found(value: Any) -> str:
    return f", maar er staat {describe_value(value)}"


def _or_list(expected: str) -> str:
    # pydantic writes "'a', 'b' or 'c'"; make the last "or" Dutch.
    head, sep, tail = expected.rpartition(" or ")
    return f"{head} of {tail}" if sep else expected


def _missing(err: ErrorDetails, path: Path) -> str:
    found = annotation_at(path)
    if isinstance(found, type) and issubclass(found, enum.Enum):
        choices = [str(getattr(member, "label", None) or member.value) for member in found]
        values = [str(member.value) for member in found]
        listed = ", ".join(
            f"{value} ({label})" if label != value else value
            for value, label in zip(values, choices, strict=True)
        )
        return f"Verplicht veld ontbreekt; kies uit: {listed}."
    return "Verplicht veld ontbreekt."


def _extra(err: ErrorDetails, path: Path) -> str:
    name = str(path[-1]) if path else "?"
    message = f"Onbekend veld '{name}'. Controleer de spelling"
    model = model_at(path[:-1])
    if model is None:
        return message + "."
    allowed = list(model.model_fields)
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        message += f" (bedoel je '{close[0]}'?)"
    return message + f"; toegestane velden zijn: {', '.join(allowed)}."


def _string_type(err: ErrorDetails, path: Path) -> str:
    value = err["input"]
    message = f"Hier wordt tekst verwacht{_found(value)}."
    if isinstance(value, bool | int | float | Decimal | dt.date):
        message += " Zet de waarde tussen aanhalingstekens als het tekst moet zijn."
    return message


def _pattern(err: ErrorDetails, path: Path) -> str:
    value = _short(err["input"])
    if err.get("ctx", {}).get("pattern") == TEXT_PATTERN:
        return (
            "De tekst bevat het nulteken (U+0000, vaak geschreven als \\0 of \\u0000). Dat "
            "teken kan niet worden opgeslagen of getoond; haal het weg."
        )
    if err.get("ctx", {}).get("pattern") == ID_PATTERN:
        return (
            f"'{value}' is geen geldig id. Een id begint met een letter; daarna volgen alleen "
            "letters, cijfers, punt (.), streepje (-) of liggend streepje (_), zonder spaties "
            "en met hoogstens 64 tekens."
        )
    if path and path[-1] == "file":
        return (
            f"'{value}' is geen geldige bestandsnaam. Geef alleen de naam van het bestand, "
            "zonder map: letters, cijfers, spatie, punt, streepje of liggend streepje."
        )
    return f"'{value}' heeft niet de vorm die hier verwacht wordt."


def _too_long_text(err: ErrorDetails, path: Path) -> str:
    ctx = err.get("ctx", {})
    length = len(err["input"]) if isinstance(err["input"], str) else "?"
    return f"De tekst is te lang: hoogstens {ctx.get('max_length')} tekens, nu {length}."


def _enum(err: ErrorDetails, path: Path) -> str:
    expected = _or_list(str(err.get("ctx", {}).get("expected", "")))
    found = annotation_at(path)
    if isinstance(found, type) and issubclass(found, enum.Enum):
        choices = []
        for member in found:
            label = getattr(member, "label", None)
            choices.append(f"{member.value} ({label})" if label else str(member.value))
        if len(choices) > 1:
            expected = ", ".join(choices[:-1]) + " of " + choices[-1]
    return f"'{_short(err['input'])}' is geen toegestane waarde. Kies uit: {expected}."


def _literal(err: ErrorDetails, path: Path) -> str:
    expected = _or_list(str(err.get("ctx", {}).get("expected", "")))
    return f"'{_short(err['input'])}' is geen toegestane waarde. Kies uit: {expected}."


def _template(text: str, with_found: bool = False) -> Callable[[ErrorDetails, Path], str]:
    def message(err: ErrorDetails, path: Path) -> str:
        values = dict(err.get("ctx", {}))
        values["found"] = _found(err["input"]) if with_found else ""
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError):
            return _unknown(err)

    return message


_NUMBER_HINT = (
    " Gebruik een punt als decimaalteken en geen scheidingsteken voor duizendtallen, "
    "bijvoorbeeld 1234.56."
)
_DATE = "Hier wordt een datum verwacht in de vorm JJJJ-MM-DD, bijvoorbeeld 2025-03-01{found}."

MESSAGES: dict[str, Callable[[ErrorDetails, Path], str]] = {
    "missing": _missing,
    "extra_forbidden": _extra,
    "string_type": _string_type,
    "string_too_long": _too_long_text,
    "string_too_short": _template("De tekst is te kort: minstens {min_length} tekens."),
    "string_pattern_mismatch": _pattern,
    "int_type": _template("Hier wordt een geheel getal verwacht{found}."),
    "int_parsing": _template("Hier wordt een geheel getal verwacht{found}.", with_found=True),
    "int_parsing_size": _template("Dit getal is te groot."),
    "int_from_float": _template(
        "Hier wordt een geheel getal verwacht, zonder cijfers achter de komma{found}.",
        with_found=True,
    ),
    "float_type": _template("Hier wordt een getal verwacht{found}.", with_found=True),
    "float_parsing": _template(
        "Hier wordt een getal verwacht{found}." + _NUMBER_HINT, with_found=True
    ),
    "finite_number": _template("Hier wordt een gewoon getal verwacht, geen oneindig of NaN."),
    "decimal_type": _template("Hier wordt een getal of bedrag verwacht{found}.", with_found=True),
    "decimal_parsing": _template(
        "Hier wordt een getal of bedrag verwacht{found}." + _NUMBER_HINT, with_found=True
    ),
    "decimal_max_digits": _template(
        "Dit getal heeft te veel cijfers: hoogstens {max_digits} in totaal."
    ),
    "decimal_whole_digits": _template(
        "Dit getal heeft te veel cijfers voor de komma: hoogstens {whole_digits}."
    ),
    "decimal_max_places": _template(
        "Hoogstens {decimal_places} cijfers achter de komma{found}." + _NUMBER_HINT,
        with_found=True,
    ),
    "bool_type": _template(
        "Hier wordt ja of nee verwacht: schrijf true of false{found}.", with_found=True
    ),
    "bool_parsing": _template(
        "Hier wordt ja of nee verwacht: schrijf true of false{found}.", with_found=True
    ),
    "date_type": _template(_DATE, with_found=True),
    "date_parsing": _template(_DATE, with_found=True),
    "date_from_datetime_parsing": _template(_DATE, with_found=True),
    "date_from_datetime_inexact": _template(
        "Hier hoort alleen een datum (JJJJ-MM-DD), zonder tijdstip{found}.", with_found=True
    ),
    "enum": _enum,
    "literal_error": _literal,
    "list_type": _template("Hier wordt een lijst verwacht{found}.", with_found=True),
    "model_type": _template("Hier wordt een blok met velden verwacht{found}.", with_found=True),
    "model_attributes_type": _template(
        "Hier wordt een blok met velden verwacht{found}.", with_found=True
    ),
    "dict_type": _template("Hier wordt een blok met velden verwacht{found}.", with_found=True),
    "greater_than_equal": _template("De waarde moet minstens {ge} zijn{found}.", with_found=True),
    "greater_than": _template("De waarde moet groter zijn dan {gt}{found}.", with_found=True),
    "less_than_equal": _template("De waarde mag hoogstens {le} zijn{found}.", with_found=True),
    "less_than": _template("De waarde moet kleiner zijn dan {lt}{found}.", with_found=True),
    "too_short": _template("Hier zijn minstens {min_length} onderdelen nodig."),
    "too_long": _template("Hier zijn hoogstens {max_length} onderdelen toegestaan."),
}


def describe_error(err: ErrorDetails, path: Path) -> str:
    """The Dutch message for one pydantic error entry."""
    if (
        err["type"] in ("schema_version", AMOUNT_ERROR, PLAN_DATE_ERROR)
        or err["type"] in INDICATOR_ERROR_TYPES
    ):
        # The model raises these in Dutch already.
        return err["msg"]
    translate = MESSAGES.get(err["type"])
    if translate is None:
        return _unknown(err)
    return translate(err, path)


def _unknown(err: ErrorDetails) -> str:
    # pydantic's own text is English; say in Dutch what is there instead.
    return (
        f"Deze waarde past hier niet: er staat {describe_value(err.get('input'))}. Kijk in de "
        "uitleg bij dit veld wat hier hoort."
    )
