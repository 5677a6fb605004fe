"""JSON reading: ``json`` builds the data, a small scanner finds where every value starts."""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ._limits import MAX_DEPTH, MAX_NODES, number_problem, too_deep_message, too_many_nodes_message
from .errors import DocumentError, Path, Position, Positions, fail

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_ATOM = re.compile(r"[^\s,:\[\]{}]+")
_NUMBER_START = re.compile(r"-?[0-9]")
_SURROGATE = re.compile("[\ud800-\udfff]")

# The messages of json.JSONDecodeError (C and Python decoder, Python 3.11 to 3.14), in Dutch.
_SYNTAX = {
    "Expecting value": "hier hoort een waarde",
    "Expecting property name enclosed in double quotes": (
        "hier hoort een veldnaam tussen dubbele aanhalingstekens. Staat er een komma na het "
        "laatste veld? Haal die dan weg"
    ),
    "Expecting ',' delimiter": "hier hoort een komma",
    "Expecting ':' delimiter": "hier hoort een dubbele punt",
    "Unterminated string starting at": ('deze tekst heeft geen afsluitend aanhalingsteken (")'),
    "Invalid control character": (
        "in deze tekst staat een stuurteken, zoals een tab of regeleinde; schrijf \\t of \\n"
    ),
    "Invalid \\escape": (
        "na deze backslash (\\) staat een onbekende escape-code; schrijf \\\\ voor een backslash"
    ),
    "Invalid \\uXXXX escape": "na \\u horen vier hexadecimale cijfers (0-9, a-f)",
    "Extra data": "na het einde van het document staat nog iets",
    "Illegal trailing comma before end of object": "een komma voor '}' is niet toegestaan",
    "Illegal trailing comma before end of array": "een komma voor ']' is niet toegestaan",
}
_SYNTAX_FALLBACK = (
    "De JSON-opmaak klopt hier niet. Controleer op deze plek de komma's, dubbele punten, "
    "haakjes en aanhalingstekens."
)


class _DuplicateKeyError(Exception):
    pass


class _NumberTooLongError(Exception):
    """A number json would read, but Decimal cannot (its exponent is too large)."""


def _decimal(text: str) -> Decimal:
    # Decimal refuses exponents beyond 999999999999999999 and is slow well before that.
    if number_problem(text) is not None:
        raise _NumberTooLongError(text)
    return Decimal(text)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def parse_json(text: str, file: str) -> tuple[Any, Positions]:
    """Parse ``text`` as JSON; raise DocumentError on any problem."""
    if not text.strip():
        raise fail(file, "Het bestand is leeg.")
    data: Any = None
    failure: str | None = None
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_float=_decimal)
    except json.JSONDecodeError as exc:
        dutch = next((d for english, d in _SYNTAX.items() if exc.msg.startswith(english)), None)
        message = f"De JSON-opmaak klopt niet: {dutch}." if dutch else _SYNTAX_FALLBACK
        raise fail(file, message, (exc.lineno, exc.colno)) from None
    except _DuplicateKeyError as exc:
        failure = f"De sleutel '{exc.args[0]}' komt twee keer voor in hetzelfde blok."
    except RecursionError:
        failure = too_deep_message()
    except (_NumberTooLongError, ArithmeticError, ValueError):
        # A number too long to read (an integer of more digits than Python converts, or
        # a huge exponent): the scanner says which and where.
        failure = "Het bestand bevat een getal dat te lang is om te lezen."
    except MemoryError:
        failure = "Het bestand is te groot of te ingewikkeld om te lezen."
    # The scanner reports duplicates, depth, size and numbers too long to read (also those
    # json accepted) with a position; if it finds nothing, json's own complaint stands.
    positions = _Scanner(text, file).scan()
    if failure is not None:
        raise fail(file, failure)
    return data, positions


@dataclass
class _Frame:
    is_object: bool
    path: Path
    index: int = 0
    keys: dict[str, Position] = field(default_factory=dict)


class _Scanner:
    """Walks JSON text that ``json`` accepted (at least up to the point where it gave up)."""

    def __init__(self, text: str, file: str) -> None:
        self.text = text
        self.file = file
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.positions = Positions()

    def where(self, offset: int) -> Position:
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    def scan(self) -> Positions:
        # On text json refused part of, the positions found so far are all there is to report.
        with contextlib.suppress(IndexError, ValueError):
            self._scan()
        return self.positions

    def _error(self, message: str, offset: int, path: Path) -> DocumentError:
        return fail(self.file, message, self.where(offset), path)

    def _scan(self) -> None:
        text = self.text
        stack: list[_Frame] = []
        pos = 0
        count = 0
        pending: Path | None = ()
        while True:
            pos = self._end(_WHITESPACE, pos)
            if pending is not None:
                path, pending = pending, None
                self.positions.values[path] = self.where(pos)
                count += 1
                if count > MAX_NODES:
                    raise self._error(too_many_nodes_message(aliases=False), pos, path)
                char = text[pos]
                if char in "{[":
                    if len(stack) >= MAX_DEPTH:
                        raise self._error(too_deep_message(), pos, ())
                    stack.append(_Frame(char == "{", path))
                    pos += 1
                elif char == '"':
                    pos = self._string(pos, path)[1]
                else:
                    pos = self._atom(pos, path)
                if not stack:
                    return
                continue
            frame = stack[-1]
            char = text[pos]
            if char == ",":
                pos += 1
            elif char in "]}":
                stack.pop()
                pos += 1
                if not stack:
                    return
            elif frame.is_object:
                key, end = self._string(pos, frame.path)
                path = (*frame.path, key)
                if key in frame.keys:
                    raise self._error(
                        f"De sleutel '{key}' komt twee keer voor in hetzelfde blok (eerder op "
                        f"regel {frame.keys[key][0]}); haal er één weg.",
                        pos,
                        path,
                    )
                frame.keys[key] = self.positions.keys[path] = self.where(pos)
                pos = self._end(_WHITESPACE, end) + 1
                pending = path
            else:
                pending = (*frame.path, frame.index)
                frame.index += 1

    def _atom(self, pos: int, path: Path) -> int:
        end = self._end(_ATOM, pos)
        if _NUMBER_START.match(self.text, pos):
            problem = number_problem(self.text[pos:end])
            if problem is not None:
                raise self._error(problem, pos, path)
        return end

    def _end(self, pattern: re.Pattern[str], pos: int) -> int:
        match = pattern.match(self.text, pos)
        if match is None:
            raise ValueError(pos)
        return match.end()

    def _string(self, pos: int, path: Path) -> tuple[str, int]:
        match = _STRING.match(self.text, pos)
        if match is None:
            raise ValueError(pos)
        token = match.group()
        value: str = json.loads(token) if "\\" in token else token[1:-1]
        if _SURROGATE.search(value):
            raise self._error(
                "De tekst bevat een losse \\u-escape voor een surrogaat (\\ud800 tot \\udfff); "
                "dat is geen geldig teken.",
                pos,
                path,
            )
        return value, match.end()
