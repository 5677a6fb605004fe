"""How big, deep and long a document and its numbers may be, and the Dutch when they are not."""

from __future__ import annotations

import re
import sys

from .errors import Position

MAX_DEPTH = 64
MAX_NODES = 1_000_000

# Python refuses to turn an integer of more than 4300 digits into text or back (CVE-2020-10735);
# numbers that long or with an exponent that large are no part of an agreement anyway.
MAX_NUMBER_DIGITS = 4300
MAX_EXPONENT = 4300

# Python's own limit is at least 640 digits: shorter numbers need no closer look.
_SHORT = 640
_EXPONENT = re.compile(r"[eE]([-+]?)([0-9]+)$")


def dutch_number(value: int) -> str:
    """1000000 as "1.000.000"."""
    return f"{value:,}".replace(",", ".")


def line_column(text: str, offset: int) -> Position:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def too_deep_message() -> str:
    return (
        f"De lijsten en blokken zijn te diep in elkaar genest (meer dan {MAX_DEPTH} niveaus); "
        "zo'n document is geen overeenkomst."
    )


def too_many_nodes_message(aliases: bool) -> str:
    message = f"Het document is te groot: het bevat meer dan {dutch_number(MAX_NODES)} onderdelen"
    if aliases:
        message += " (verwijzingen *alias meegeteld als het onderdeel waar ze naar verwijzen)"
    return message + "."


def _digit_limit() -> int:
    python_limit = sys.get_int_max_str_digits()
    return min(MAX_NUMBER_DIGITS, python_limit) if python_limit else MAX_NUMBER_DIGITS


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def number_problem(text: str) -> str | None:
    """Why the number ``text`` (JSON or YAML, as written) is too long to read, or None."""
    if len(text) <= _SHORT and "e" not in text and "E" not in text:
        return None
    limit = _digit_limit()
    body = text.strip().lstrip("+-").replace("_", "")
    based = body[:2].lower() in ("0x", "0o", "0b")
    exponent = None if based else _EXPONENT.search(body)
    mantissa = body[2:] if based else body[: exponent.start()] if exponent else body
    digits = len(mantissa) if based else sum(char.isdigit() for char in mantissa)
    if digits > limit:
        return (
            f"Dit getal is te lang: het heeft {dutch_number(digits)} cijfers, en Stramien leest "
            f"getallen van hoogstens {dutch_number(limit)} cijfers. Is het een code of nummer "
            "en geen hoeveelheid? Zet het dan tussen aanhalingstekens."
        )
    if exponent is not None:
        power = exponent.group(2).lstrip("0")
        if len(power) > len(str(MAX_EXPONENT)) or int(power or "0") > MAX_EXPONENT:
            return (
                f"Het getal '{_short(text.strip())}' heeft een te grote exponent: Stramien leest "
                f"getallen met een exponent (de macht van 10 na de 'e') van hoogstens "
                f"{dutch_number(MAX_EXPONENT)}."
            )
    return None


def integer_problem(value: int) -> str | None:
    """Why the integer ``value`` is too big to use (for 0x... and 1:2:3 notations), or None."""
    bits = abs(value).bit_length()
    if bits <= _SHORT * 3:
        return None
    limit = _digit_limit()
    # 10**limit has about limit * 3.33 bits; compare exactly only near the edge.
    if bits <= limit * 3 or (bits <= limit * 4 and abs(value) < 10**limit):
        return None
    return (
        f"Dit getal is te groot: het heeft meer dan {dutch_number(limit)} cijfers, en zo'n "
        "getal kan Stramien niet lezen."
    )
