"""The renderer's one error type, in a module of its own so every writer can raise it."""

from __future__ import annotations


class RenderError(Exception):
    """A document could not be produced; the message is Dutch and meant for the user."""
