"""The one control-character filter shared by every format (dates: ``stramien.formatting``)."""

from __future__ import annotations

import re

# C0 controls except tab/newline/carriage return, DEL, lone surrogates and U+FFFE/U+FFFF:
# XML cannot hold them, UTF-8 cannot encode surrogates, and no reader shows them.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def drop_control_characters(text: str) -> str:
    return _UNSAFE.sub("", text)
