"""Every problem PyYAML and libyaml can report while reading YAML, in plain Dutch.

PyYAML has two readers with their own English texts: the C one (libyaml, used when it is
installed) and the pure-Python one. Both report a *problem* ("did not find expected key") with
the position where they noticed it, and often a *context* ("while parsing a block mapping")
with the position where that construct began. ``RULES`` maps every problem text of the
scanner, parser, composer and constructor of both to a Dutch sentence; ``CONTEXTS`` names the
construct in Dutch. An English text that is not in the table still gets a Dutch message with
its line and column (``FALLBACK``); the English never reaches the user.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import yaml
from yaml.reader import ReaderError

from ._limits import line_column
from ._yamltexts import CONTEXTS, FALLBACK, PREFIX, RULES, Rule
from .errors import Position

__all__ = [
    "CONTEXTS",
    "FALLBACK",
    "PREFIX",
    "READER_TEXTS",
    "RULES",
    "Rule",
    "english_count",
    "marked_error_message",
    "reader_error_message",
    "syntax_message",
]


_COMPILED: tuple[tuple[Rule, tuple[re.Pattern[str], ...]], ...] = tuple(
    (rule, tuple(re.compile(pattern) for pattern in rule.english)) for rule in RULES
)
_COMPILED_CONTEXTS = tuple((re.compile(pattern), dutch) for pattern, dutch in CONTEXTS)

# How PyYAML names what it found instead (its token ids, and single characters).
_TOKENS = {
    "<scalar>": "een waarde",
    "<block mapping start>": "het begin van een nieuw blok met velden",
    "<block sequence start>": "het begin van een lijst",
    "<block end>": "het einde van een blok",
    "<stream end>": "het einde van het bestand",
    "<stream start>": "het begin van het bestand",
    "<document start>": "'---'",
    "<document end>": "'...'",
    "<directive>": "een regel met '%'",
    "<alias>": "een verwijzing (*)",
    "<anchor>": "een anker (&)",
    "<tag>": "een tag (!)",
    "?": "een veldnaam",
    ":": "een dubbele punt",
    "-": "een lijstonderdeel ('- ')",
    ",": "een komma",
}
_BREAKS = "\r\n\x85\u2028\u2029"


def english_count() -> int:
    """How many English problem texts the table maps."""
    return sum(len(rule.english) for rule in RULES)


def describe_found(found: str) -> str:
    """What PyYAML found, in Dutch: "een tab", "het einde van de regel", "het teken '@'"."""
    if found in _TOKENS:
        return _TOKENS[found]
    if found == "\t":
        return "een tab"
    if found == " ":
        return "een spatie"
    if found == "\0":
        return "het einde van het bestand"
    if found and all(char in _BREAKS for char in found):
        return "het einde van de regel"
    if len(found) == 1 and not found.isprintable():
        return f"het onzichtbare teken U+{ord(found):04X}"
    if len(found) == 1:
        return f"het teken '{found}'"
    return f"'{found[:40]}'"


def _literal(text: str) -> str | None:
    """The string a ``%r`` in PyYAML's text stands for."""
    try:
        value = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, str) else None


def _char_at(text: str, mark: Any, offset: int = 0) -> str | None:
    index = getattr(mark, "index", None)
    if not isinstance(index, int) or not 0 <= index + offset < len(text):
        return None
    return text[index + offset]


def _normalise(problem: str, mark: Any, text: str) -> str:
    """libyaml leaves out the character PyYAML names; put it back from the text."""
    if problem == "found character that cannot start any token":
        char = _char_at(text, mark)
        if char is not None:
            return f"found character {char!r} that cannot start any token"
    if problem == "found unknown escape character":
        # libyaml points at the backslash, PyYAML at the character after it.
        char = _char_at(text, mark)
        char = _char_at(text, mark, 1) if char == "\\" else char
        if char is not None:
            return f"found unknown escape character {char!r}"
    return problem


def _context(context: str) -> str | None:
    for pattern, dutch in _COMPILED_CONTEXTS:
        if pattern.match(context):
            return dutch
    return None


def _position(mark: Any) -> Position | None:
    line, column = getattr(mark, "line", None), getattr(mark, "column", None)
    if isinstance(line, int) and isinstance(column, int):
        return line + 1, column + 1
    return None


def _fill(rule: Rule, match: re.Match[str]) -> str:
    groups = {key: value for key, value in match.groupdict().items() if value is not None}
    raw = _literal(groups["found"]) if "found" in groups else None
    if raw is None and rule.plain is not None:
        return rule.plain
    values = dict(groups)
    values["found"] = describe_found(raw) if raw is not None else "dit teken"
    values["found_part"] = f", maar er staat {describe_found(raw)}" if raw is not None else ""
    shown = describe_found(raw) if raw is not None else None
    values["found_paren"] = f" (er staat {shown})" if shown else ""
    values["found_colon"] = f": {shown}" if shown else ""
    values["found_lead"] = f"hier staat {shown} waar dat niet kan; " if shown else ""
    values["raw"] = f"'{raw[:40]}'" if raw is not None else ""
    values["raw_bare"] = (raw or "")[:40]
    values["char"] = (raw or "")[:1]
    return rule.dutch.format(**values)


def syntax_message(
    context: str | None, problem: str | None, text: str = "", mark: Any = None
) -> tuple[str, bool]:
    """The Dutch message for one English (context, problem) pair, and whether to point at
    the context's position rather than the problem's."""
    problem = _normalise((problem or "").strip(), mark, text)
    context = (context or "").strip()
    for rule, patterns in _COMPILED:
        if rule.context is not None and not re.search(rule.context, context):
            continue
        for pattern in patterns:
            match = pattern.match(problem)
            if match is None:
                continue
            message = _fill(rule, match)
            if rule.prefix:
                message = PREFIX + message
            if not message.endswith((".", "?", "!")):
                message += "."
            return message, rule.at_context
    return FALLBACK, False


def marked_error_message(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, Position | None]:
    """The Dutch message for a scanner, parser, composer or constructor error, and where."""
    message, at_context = syntax_message(exc.context, exc.problem, text, exc.problem_mark)
    problem_at = _position(exc.problem_mark)
    context_at = _position(exc.context_mark)
    if at_context and context_at is not None:
        return message, context_at
    construct = _context(exc.context or "")
    if construct is not None and context_at is not None and context_at != problem_at:
        line, column = context_at
        message += f" {construct[0].upper()}{construct[1:]} begint op regel {line}, kolom {column}."
    return message, problem_at or context_at


def reader_error_message(exc: ReaderError, text: str) -> tuple[str, Position | None]:
    """The Dutch message for a problem of YAML's reader (characters and encodings)."""
    position: Position | None = None
    offset = exc.position if isinstance(exc.position, int) else None
    if offset is not None:
        if exc.encoding == "?":
            # libyaml counts bytes of the UTF-8 text.
            offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
        position = line_column(text, min(max(offset, 0), len(text)))
    reason = str(exc.reason or "")
    if "characters are not allowed" in reason and isinstance(exc.character, int):
        return (
            f"Het bestand bevat een onzichtbaar stuurteken (U+{exc.character:04X}) dat in YAML "
            "niet is toegestaan. Verwijder het of typ de tekst opnieuw.",
            position,
        )
    if "UTF-16" in reason:
        return "Het bestand is geen geldige UTF-16-tekst.", position
    if "UTF-8" in reason or "Unicode" in reason or isinstance(exc.character, bytes):
        return (
            "Het bestand is geen geldige UTF-8-tekst. Sla het bestand op met de tekenset UTF-8.",
            position,
        )
    if "too long" in reason:
        return "Het bestand is te groot om als YAML te lezen.", position
    return "Het bestand kon niet als YAML gelezen worden.", position


READER_TEXTS = (
    "special characters are not allowed",
    "control characters are not allowed",
    "invalid leading UTF-8 octet",
    "invalid trailing UTF-8 octet",
    "incomplete UTF-8 octet sequence",
    "invalid length of a UTF-8 sequence",
    "invalid Unicode character",
    "incomplete UTF-16 character",
    "incomplete UTF-16 surrogate pair",
    "unexpected low surrogate area",
    "input is too long",
    "input error",
)
