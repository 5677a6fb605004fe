"""Text helpers shared by every format: Dutch dates and the one control-character filter."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip

# C0 controls except tab/newline/carriage return, DEL, lone surrogates and U+FFFE/U+FFFF:
# XML cannot hold them, UTF-8 cannot encode surrogates, and no reader shows them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def nl_date(day: dt.date | None) -> str:
    """A date as Dutch readers write it: 1 januari 2026 (a dash when unknown)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day is not None else "—"


def drop_control_characters(text: str) -> str:
    return _UNSAFE.sub("", text)
