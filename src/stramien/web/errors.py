"""Errors every app of the web layer raises; this module imports nothing from the apps."""

from __future__ import annotations


class ActionError(Exception):
    """A refused action; the message is meant for the user.

    Raise it with a ``gettext`` message: actions run inside a request, so the text is in the
    language of the interface (Dutch unless the user switched to English).
    """


class IllegalTransition(ActionError):
    """A state change the object's current state does not allow (e.g. adopting a voided
    approval round)."""
