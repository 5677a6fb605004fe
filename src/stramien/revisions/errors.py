"""The one error of the revisions engine."""

from __future__ import annotations


class RevisionError(ValueError):
    """Stored revision data or a patch that cannot be used; the message is Dutch."""
