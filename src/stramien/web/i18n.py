"""Messages of the pure modules (``stramien.texts``) in the language of the request."""

from __future__ import annotations

from django.utils.translation import gettext

from stramien.texts import Text


def translated(message: str) -> str:
    """``message`` in the active language: a ``Text`` by its catalogue entry, with its values
    (themselves translated when they are ``Text``) filled in again; any other text as it is."""
    if not isinstance(message, Text):
        return message
    template = gettext(message.template)
    if not message.params:
        return template
    return template % {
        name: translated(value) if isinstance(value, Text) else value
        for name, value in message.params.items()
    }
