"""Dutch messages of the pure modules that the web interface can show in English.

The modules outside ``stramien.web`` do not know Django, yet some of their messages reach a
user directly: why a measurement or a period cannot be entered, in the web form and in the
API. They are written as ``_("… %(name)s …", name=value)``, with ``translatable``
imported as ``_`` (the name ``makemessages`` looks for). The result is the Dutch text
itself, a ``str``, so every caller (the command line, the checks, the tests) keeps working
with it, and it remembers its template and values. ``stramien.web.i18n.translated`` looks
the template up in the interface's catalogue and fills in the values again. ``makemessages``
finds the templates because they are marked with ``_`` (see docs/translating.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Text(str):
    """A Dutch message that knows the template it was made from."""

    template: str
    params: Mapping[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Text:
        made = super().__new__(cls, template % params if params else template)
        made.template = template
        made.params = params
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, dict(self.params)))


def _rebuild(template: str, params: dict[str, Any]) -> Text:
    return Text(template, **params)


def translatable(template: str, /, **params: Any) -> Text:
    """Mark ``template`` for translation and fill in ``params`` (named ``%(…)s`` fields)."""
    return Text(template, **params)


def message_of(error: BaseException) -> str:
    """The message ``error`` was raised with: the ``Text`` itself where it was one (``str(error)``
    would make a plain copy and lose the template)."""
    first = error.args[0] if error.args else None
    return first if isinstance(first, str) else str(error)
