"""Values every page template gets (registered in ``settings.TEMPLATES``)."""

from __future__ import annotations

from django.http import HttpRequest

from stramien import __version__


def release(request: HttpRequest) -> dict[str, str]:
    """The version of Stramien that serves the page, for the footer."""
    return {"stramien_version": __version__}
